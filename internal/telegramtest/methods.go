package telegramtest

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

const errNotModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

func (s *Server) getMe(Call) (any, *APIError) {
	// Telegram's getMe carries capability flags that models.User would drop
	// as zero values; real clients see them, so the fake sends them too.
	return map[string]any{
		"id":                          s.bot.ID,
		"is_bot":                      true,
		"first_name":                  s.bot.FirstName,
		"username":                    s.bot.Username,
		"can_join_groups":             true,
		"can_read_all_group_messages": false,
		"supports_inline_queries":     false,
		"can_connect_to_business":     false,
		"has_main_web_app":            false,
	}, nil
}

func (s *Server) sendMessage(c Call) (any, *APIError) {
	return s.send(c, kindText)
}

// send is the one path of every new bot message, so text and media
// messages refuse a bad chat, body, keyboard, file or reply in the order
// Telegram does.
func (s *Server) send(c Call, kind string) (any, *APIError) {
	chatID, apiErr := chatIDParam(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	body, markup, apiErr := s.content(c.Params, kind != kindText)
	if apiErr != nil {
		return nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var f *storedFile
	if kind != kindText {
		if f, apiErr = s.inputFileLocked(c, kind, kind); apiErr != nil {
			return nil, apiErr
		}
	}
	reply, apiErr := s.replyToLocked(chatID, c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	msg := s.newBotMessageLocked(chatID)
	switch kind {
	case kindText:
		msg.Text, msg.Entities = body.text, body.entities
	case kindPhoto:
		msg.Photo = append([]models.PhotoSize(nil), f.photo...)
		msg.Caption, msg.CaptionEntities = body.text, body.entities
	default:
		msg.Document = f.document()
		msg.Caption, msg.CaptionEntities = body.text, body.entities
	}
	msg.ReplyMarkup, msg.ReplyToMessage = markup, reply
	return s.addLocked(msg, true), nil
}

// content reads what a message shows, its text or caption and its
// keyboard, checked before any message is looked up, as Telegram does.
func (s *Server) content(p map[string]string, caption bool) (formatted, *models.InlineKeyboardMarkup, *APIError) {
	format := s.messageText
	if caption {
		format = s.caption
	}
	body, apiErr := format(p)
	if apiErr != nil {
		return body, nil, apiErr
	}
	markup, apiErr := parseReplyMarkup(p["reply_markup"])
	return body, markup, apiErr
}

func (s *Server) messageText(p map[string]string) (formatted, *APIError) {
	f, apiErr := formatText(p["text"], p["parse_mode"], p["entities"], maxTextLength, "text", s.cfg.allowBareAmp)
	if apiErr != nil {
		return f, apiErr
	}
	if f.text == "" {
		return f, badRequest("message text is empty")
	}
	return f, nil
}

func (s *Server) caption(p map[string]string) (formatted, *APIError) {
	return formatText(p["caption"], p["parse_mode"], p["caption_entities"], maxCaptionLength, "caption", s.cfg.allowBareAmp)
}

// replyToLocked resolves reply_parameters (or the legacy
// reply_to_message_id) to the message being answered.
func (s *Server) replyToLocked(chatID int64, p map[string]string) (*models.Message, *APIError) {
	var rp struct {
		MessageID int  `json:"message_id"`
		Allow     bool `json:"allow_sending_without_reply"`
	}
	if raw := p["reply_parameters"]; raw != "" && raw != "null" {
		if err := json.Unmarshal([]byte(raw), &rp); err != nil {
			return nil, badRequest("can't parse reply parameters JSON object")
		}
	} else if id, ok, _ := paramInt(p, "reply_to_message_id"); ok {
		rp.MessageID, rp.Allow = int(id), paramBool(p, "allow_sending_without_reply")
	}
	if rp.MessageID == 0 {
		return nil, nil
	}
	sm := s.findLocked(chatID, rp.MessageID)
	if sm == nil {
		if rp.Allow {
			return nil, nil
		}
		return nil, badRequest("message to be replied not found")
	}
	m := sm.msg
	m.ReplyToMessage = nil // Telegram never nests replies
	return &m, nil
}

// parseReplyMarkup validates reply_markup and returns what Telegram echoes
// in the Message: only inline keyboards are part of a message; reply
// keyboards, remove_keyboard and force_reply are not.
func parseReplyMarkup(raw string) (*models.InlineKeyboardMarkup, *APIError) {
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &probe); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	rowsRaw, ok := probe["inline_keyboard"]
	if !ok {
		return nil, nil
	}
	var rows [][]map[string]json.RawMessage
	if err := json.Unmarshal(rowsRaw, &rows); err != nil {
		return nil, badRequest("can't parse inline keyboard button: field \"inline_keyboard\" must be an Array of Arrays")
	}
	count := 0
	for _, row := range rows {
		for _, b := range row {
			if apiErr := checkInlineButton(b); apiErr != nil {
				return nil, apiErr
			}
			count++
		}
	}
	if count == 0 {
		return nil, nil
	}
	var kb models.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	return &kb, nil
}

func checkInlineButton(b map[string]json.RawMessage) *APIError {
	var text string
	if err := json.Unmarshal(b["text"], &text); err != nil {
		return badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
	}
	if raw, ok := b["callback_data"]; ok {
		var data string
		if err := json.Unmarshal(raw, &data); err != nil || len(data) == 0 || len(data) > 64 {
			return badRequest("BUTTON_DATA_INVALID")
		}
		return nil
	}
	for _, k := range []string{"url", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
		"switch_inline_query_chosen_chat", "callback_game", "pay"} {
		if _, ok := b[k]; ok {
			return nil
		}
	}
	// go-telegram/bot always sends "copy_text":{"text":""} (a non-pointer
	// struct), which Telegram ignores; only a non-empty one is an action.
	var copyText struct {
		Text string `json:"text"`
	}
	if raw, ok := b["copy_text"]; ok && json.Unmarshal(raw, &copyText) == nil && copyText.Text != "" {
		return nil
	}
	return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
}

// editTargetLocked finds the bot message an edit method addresses.
func (s *Server) editTargetLocked(p map[string]string) (*storedMessage, *APIError) {
	chatID, apiErr := chatIDParam(p)
	if apiErr != nil {
		return nil, apiErr
	}
	msgID, apiErr := messageIDParam(p)
	if apiErr != nil {
		return nil, apiErr
	}
	sm := s.findLocked(chatID, msgID)
	if sm == nil {
		return nil, badRequest("message to edit not found")
	}
	if !sm.fromBot {
		return nil, badRequest("message can't be edited")
	}
	return sm, nil
}

func isMedia(m models.Message) bool { return m.Document != nil || len(m.Photo) > 0 }

// The parts of a bot message the edit methods change.
const (
	editText = iota
	editCaption
	editMarkup
)

// Inline-mode messages (inline_message_id) are outside this fake's world;
// edits to them succeed with Telegram's "true" result.
func (s *Server) editMessageText(c Call) (any, *APIError) { return s.edit(c, editText) }

func (s *Server) editMessageCaption(c Call) (any, *APIError) { return s.edit(c, editCaption) }

func (s *Server) editMessageReplyMarkup(c Call) (any, *APIError) { return s.edit(c, editMarkup) }

// edit changes a message's text, a media message's caption, or only the
// keyboard, with Telegram's checks: the right kind of message, and a real
// change.
func (s *Server) edit(c Call, part int) (any, *APIError) {
	if c.Params["inline_message_id"] != "" {
		return true, nil
	}
	// Omitting reply_markup removes the keyboard, a classic surprise of the
	// real API that tests should see too.
	var body formatted
	var markup *models.InlineKeyboardMarkup
	var apiErr *APIError
	if part == editMarkup {
		markup, apiErr = parseReplyMarkup(c.Params["reply_markup"])
	} else {
		body, markup, apiErr = s.content(c.Params, part == editCaption)
	}
	if apiErr != nil {
		return nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sm, apiErr := s.editTargetLocked(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	var text *string
	var entities *[]models.MessageEntity
	switch {
	case part == editText && isMedia(sm.msg):
		return nil, badRequest("there is no text in the message to edit")
	case part == editCaption && !isMedia(sm.msg):
		return nil, badRequest("there is no caption in the message to edit")
	case part == editText:
		text, entities = &sm.msg.Text, &sm.msg.Entities
	case part == editCaption:
		text, entities = &sm.msg.Caption, &sm.msg.CaptionEntities
	}
	if (text == nil || body.equal(*text, *entities)) && reflect.DeepEqual(markup, sm.msg.ReplyMarkup) {
		return nil, badRequest(errNotModified)
	}
	if text != nil {
		*text, *entities = body.text, body.entities
	}
	sm.msg.ReplyMarkup = markup
	sm.msg.EditDate = int(time.Now().Unix())
	s.broadcastLocked()
	return sm.msg, nil
}

func (s *Server) deleteMessage(c Call) (any, *APIError) {
	chatID, apiErr := chatIDParam(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	msgID, apiErr := messageIDParam(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.deleteLocked(chatID, msgID) {
		return nil, badRequest("message to delete not found")
	}
	return true, nil
}

// deleteMessages ignores ids it cannot find, as Telegram does.
func (s *Server) deleteMessages(c Call) (any, *APIError) {
	chatID, apiErr := chatIDParam(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	var ids []int
	if err := json.Unmarshal([]byte(c.Params["message_ids"]), &ids); err != nil || len(ids) == 0 {
		return nil, badRequest("message identifiers are not specified")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		s.deleteLocked(chatID, id)
	}
	return true, nil
}

func (s *Server) deleteLocked(chatID int64, msgID int) bool {
	cs := s.chats[chatID]
	if cs == nil {
		return false
	}
	for i, sm := range cs.msgs {
		if sm.msg.ID == msgID {
			cs.msgs = append(cs.msgs[:i:i], cs.msgs[i+1:]...)
			s.broadcastLocked()
			return true
		}
	}
	return false
}

// answerCallbackQuery accepts each query id once, like Telegram, so a bot
// that answers twice or invents ids fails here as it would in production.
func (s *Server) answerCallbackQuery(c Call) (any, *APIError) {
	id := c.Params["callback_query_id"]
	s.mu.Lock()
	defer s.mu.Unlock()
	answered, known := s.callbacks[id]
	if !known || answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	s.callbacks[id] = true
	return true, nil
}

var chatActions = map[string]bool{
	"typing": true, "upload_photo": true, "record_video": true, "upload_video": true, "record_voice": true,
	"upload_voice": true, "upload_document": true, "choose_sticker": true, "find_location": true,
	"record_video_note": true, "upload_video_note": true,
}

func (s *Server) sendChatAction(c Call) (any, *APIError) {
	if _, apiErr := chatIDParam(c.Params); apiErr != nil {
		return nil, apiErr
	}
	if !chatActions[c.Params["action"]] {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}

// commandsKey identifies a command list by scope and language, the way
// Telegram keeps separate lists; an absent scope is the default scope.
func commandsKey(p map[string]string) (string, *APIError) {
	scope := map[string]any{"type": "default"}
	if raw := p["scope"]; raw != "" && raw != "null" {
		scope = nil
		if err := json.Unmarshal([]byte(raw), &scope); err != nil {
			return "", badRequest("can't parse BotCommandScope JSON object")
		}
	}
	key, _ := json.Marshal(scope) // map keys are sorted: a stable key
	return string(key) + "|" + p["language_code"], nil
}

func (s *Server) setMyCommands(c Call) (any, *APIError) {
	key, apiErr := commandsKey(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	var cmds []models.BotCommand
	if raw := c.Params["commands"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &cmds); err != nil {
			return nil, badRequest("can't parse commands JSON object")
		}
	}
	for _, cmd := range cmds {
		if !validCommandName(cmd.Command) {
			return nil, badRequest("%s_COMMAND_INVALID", "BOT") // Telegram's error code, spelled so it is not mistaken for a setting
		}
		if strings.TrimSpace(cmd.Description) == "" {
			return nil, badRequest("command description must be non-empty")
		}
		if utf8.RuneCountInString(cmd.Description) > 256 {
			return nil, badRequest("%s_COMMAND_DESCRIPTION_INVALID", "BOT")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	return true, nil
}

// validCommandName: 1-32 characters of lower-case Latin letters, digits and
// underscores; upper case is the usual mistake and Telegram refuses it.
func validCommandName(name string) bool {
	if len(name) == 0 || len(name) > 32 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_' {
			return false
		}
	}
	return true
}

func (s *Server) getMyCommands(c Call) (any, *APIError) {
	key, apiErr := commandsKey(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]models.BotCommand{}, s.commands[key]...), nil
}

func (s *Server) deleteMyCommands(c Call) (any, *APIError) {
	key, apiErr := commandsKey(c.Params)
	if apiErr != nil {
		return nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	return true, nil
}

func (s *Server) setWebhook(c Call) (any, *APIError) {
	u := c.Params["url"]
	if u != "" && !strings.HasPrefix(strings.ToLower(u), "https://") {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = u
	if paramBool(c.Params, "drop_pending_updates") {
		s.queue = nil
	}
	s.broadcastLocked() // a waiting getUpdates must now fail with 409
	return true, nil
}

func (s *Server) deleteWebhook(c Call) (any, *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = ""
	if paramBool(c.Params, "drop_pending_updates") {
		s.queue = nil
	}
	return true, nil
}

func (s *Server) getWebhookInfo(Call) (any, *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return models.WebhookInfo{URL: s.webhookURL, PendingUpdateCount: len(s.queue)}, nil
}
