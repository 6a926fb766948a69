package telegramtest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-telegram/bot/models"
)

// chatState is one chat's history. Message ids are per chat and shared by
// user and bot messages, as in Telegram private chats and basic groups.
type chatState struct {
	chat   models.Chat
	lastID int
	msgs   []*storedMessage
}

type storedMessage struct {
	// msg is replaced field by field, never mutated through its pointers,
	// so shallow copies handed out earlier stay valid.
	msg     models.Message
	fromBot bool
}

// chatLocked returns the chat, inventing one for ids never seen: the bot may
// write to a configured admin chat before anyone spoke there. Ids at or
// below -10^12 are supergroups/channels in Telegram's numbering.
func (s *Server) chatLocked(id int64) *chatState {
	if cs := s.chats[id]; cs != nil {
		return cs
	}
	chat := models.Chat{ID: id, Type: models.ChatTypePrivate}
	switch {
	case id <= -1_000_000_000_000:
		chat.Type, chat.Title = models.ChatTypeSupergroup, fmt.Sprintf("Supergroup %d", id)
	case id < 0:
		chat.Type, chat.Title = models.ChatTypeGroup, fmt.Sprintf("Group %d", id)
	default:
		if u, ok := s.users[id]; ok {
			chat.FirstName, chat.LastName, chat.Username = u.FirstName, u.LastName, u.Username
		}
	}
	cs := &chatState{chat: chat}
	s.chats[id] = cs
	return cs
}

func (cs *chatState) find(id int) *storedMessage {
	for _, sm := range cs.msgs {
		if sm.msg.ID == id {
			return sm
		}
	}
	return nil
}

func (s *Server) findLocked(chatID int64, msgID int) *storedMessage {
	if cs := s.chats[chatID]; cs != nil {
		return cs.find(msgID)
	}
	return nil
}

// addLocked stores msg, assigning the next id in its chat when it has none.
func (s *Server) addLocked(msg models.Message, fromBot bool) models.Message {
	cs := s.chatLocked(msg.Chat.ID)
	if msg.ID == 0 {
		msg.ID = cs.lastID + 1
	}
	cs.lastID = max(cs.lastID, msg.ID)
	if msg.Date == 0 {
		msg.Date = int(time.Now().Unix())
	}
	cs.msgs = append(cs.msgs, &storedMessage{msg: msg, fromBot: fromBot})
	s.broadcastLocked()
	return msg
}

// newBotMessageLocked starts a message from the bot in chatID.
func (s *Server) newBotMessageLocked(chatID int64) models.Message {
	bot := s.bot
	return models.Message{From: &bot, Chat: s.chatLocked(chatID).chat}
}

// rememberUserLocked keeps what is known about a user so later pushes and
// the chats the bot writes to carry a realistic name.
func (s *Server) rememberUserLocked(u models.User) models.User {
	if old, ok := s.users[u.ID]; ok && u.FirstName == "" {
		u.FirstName = old.FirstName
	}
	if u.FirstName == "" {
		u.FirstName = fmt.Sprintf("User %d", u.ID)
	}
	s.users[u.ID] = u
	return u
}

// cloneMessage deep-copies through JSON so callers can never reach the
// server's own pointers.
func cloneMessage(m models.Message) models.Message {
	raw, err := json.Marshal(&m)
	if err != nil {
		return m
	}
	var out models.Message
	if err := json.Unmarshal(raw, &out); err != nil {
		return m
	}
	return out
}
