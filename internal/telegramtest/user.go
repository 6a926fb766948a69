package telegramtest

import (
	"fmt"
	"strconv"

	"github.com/go-telegram/bot/models"
)

// SendText makes user userID write text to the bot in their private chat
// (chat id == user id) and returns the update_id. Commands get bot_command
// entities exactly as a Telegram client would produce them.
func (s *Server) SendText(userID int64, firstName, text string) int64 {
	return s.userMessage(userID, userID, firstName, func(m *models.Message) {
		m.Text, m.Entities = text, botCommandEntities(text)
	})
}

// SendGroupText is SendText in a group: chatID should be negative (at or
// below -10^12 the chat is a supergroup).
func (s *Server) SendGroupText(chatID, userID int64, firstName, text string) int64 {
	return s.userMessage(chatID, userID, firstName, func(m *models.Message) {
		m.Text, m.Entities = text, botCommandEntities(text)
	})
}

// SendDocument makes the user upload a file in their private chat. The file
// is kept, so the bot can getFile and download it. An empty mimeType is
// guessed from the name.
func (s *Server) SendDocument(userID int64, firstName, fileName, mimeType string, data []byte, caption string) int64 {
	if mimeType == "" {
		mimeType = detectMIME(fileName, data)
	}
	return s.userMessage(userID, userID, firstName, func(m *models.Message) {
		m.Document = s.storeFileLocked(kindDocument, fileName, mimeType, data, 0, 0).document()
		m.Caption, m.CaptionEntities = caption, botCommandEntities(caption)
	})
}

// userMessage runs fill under the lock so that storing a file and queueing
// the update are one step for observers.
func (s *Server) userMessage(chatID, userID int64, firstName string, fill func(*models.Message)) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	from := s.rememberUserLocked(models.User{ID: userID, FirstName: firstName})
	cs := s.chatLocked(chatID)
	if cs.chat.Type == models.ChatTypePrivate {
		cs.chat.FirstName, cs.chat.LastName, cs.chat.Username = from.FirstName, from.LastName, from.Username
	}
	msg := models.Message{From: &from, Chat: cs.chat}
	fill(&msg)
	msg = s.addLocked(msg, false)
	return s.pushLocked(models.Update{Message: &msg})
}

// PressButton makes userID press the inline button carrying data under msg
// (a message the bot sent; its current stored state is attached, so edits
// are reflected). data is not checked against the keyboard: pressing a
// stale button is a legitimate thing to test.
func (s *Server) PressButton(userID int64, msg models.Message, data string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pressLocked(userID, msg.Chat.ID, msg.ID, &msg, data)
}

// PressButtonByID is PressButton for a bot message in userID's private chat.
func (s *Server) PressButtonByID(userID int64, messageID int, data string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pressLocked(userID, userID, messageID, nil, data)
}

func (s *Server) pressLocked(userID, chatID int64, messageID int, given *models.Message, data string) int64 {
	from, ok := s.users[userID]
	if !ok {
		from = s.rememberUserLocked(models.User{ID: userID})
	}
	var attached models.MaybeInaccessibleMessage
	switch sm := s.findLocked(chatID, messageID); {
	case sm != nil:
		m := sm.msg
		attached = models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &m}
	case given != nil && given.Date != 0:
		m := *given
		attached = models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &m}
	default:
		// Unknown or deleted: Telegram sends an InaccessibleMessage, which
		// is recognised by its zero date.
		chat := s.chatLocked(chatID).chat
		attached = models.MaybeInaccessibleMessage{
			Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
			InaccessibleMessage: &models.InaccessibleMessage{Chat: chat, MessageID: messageID},
		}
	}
	id := s.newCallbackIDLocked()
	return s.pushLocked(models.Update{CallbackQuery: &models.CallbackQuery{
		ID:           id,
		From:         from,
		Message:      attached,
		ChatInstance: chatInstance(chatID),
		Data:         data,
	}})
}

func (s *Server) newCallbackIDLocked() string {
	s.nextCallback++
	id := strconv.FormatInt(4_000_000_000_000_000_000+s.nextCallback, 10)
	s.callbacks[id] = false
	return id
}

// chatInstance is stable per chat, as Telegram's is.
func chatInstance(chatID int64) string {
	return fmt.Sprintf("%d", uint64(chatID)*2654435761%1_000_000_000_000_000_000)
}

// PushUpdate queues any update. A zero update_id gets the next one; a
// message without id or date gets them and is stored in its chat, and a
// callback query without id gets one that answerCallbackQuery accepts.
// It returns the update_id, or 0 if the update cannot be marshalled.
func (s *Server) PushUpdate(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.Message != nil {
		m := *u.Message
		if cs := s.chatLocked(m.Chat.ID); m.Chat.Type != "" {
			cs.chat = m.Chat
		} else {
			m.Chat = cs.chat
		}
		if m.From != nil {
			from := s.rememberUserLocked(*m.From)
			m.From = &from
		}
		m = s.addLocked(m, false)
		u.Message = &m
	}
	if u.CallbackQuery != nil {
		cq := *u.CallbackQuery
		if cq.ID == "" {
			cq.ID = s.newCallbackIDLocked()
		} else if _, known := s.callbacks[cq.ID]; !known {
			s.callbacks[cq.ID] = false
		}
		u.CallbackQuery = &cq
	}
	return s.pushLocked(u)
}
