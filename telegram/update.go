package telegram

import (
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
)

// FromModel is the one place that decides which chat and person an
// update belongs to; the dispatcher's order, flood control and the
// handlers all read its answer.
func FromModel(u *models.Update) *tkpkbot.Update {
	out := &tkpkbot.Update{ID: u.ID, Kind: tkpkbot.UpdateOther}
	var from *models.User
	var msg *models.Message
	switch {
	case u.Message != nil:
		msg, from = u.Message, u.Message.From
		out.Kind = tkpkbot.UpdateMessage
		if msg.Document != nil {
			out.Kind = tkpkbot.UpdateDocument
		}
		out.Text = msg.Text
		if out.Text == "" {
			out.Text = msg.Caption
		}
		if msg.Date != 0 {
			out.Date = time.Unix(int64(msg.Date), 0)
		}
		out.Document = document(msg.Document)
		if msg.ReplyToMessage != nil {
			out.ReplyDocument = document(msg.ReplyToMessage.Document)
			out.ReplyTo = msg.ReplyToMessage.ID
		}
		for _, p := range msg.Photo {
			out.PhotoIDs = append(out.PhotoIDs, p.FileID)
		}
		if n := len(msg.Photo); n > 0 {
			// Telegram lists a photo's sizes smallest first.
			big := msg.Photo[n-1]
			out.Photo = &tkpkbot.Document{FileID: big.FileID, MimeType: "image/jpeg", FileSize: int64(big.FileSize)}
		}
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		from = &q.From
		out.Kind, out.CallbackID, out.CallbackData = tkpkbot.UpdateCallback, q.ID, q.Data
		msg = q.Message.Message
		if msg == nil && q.Message.InaccessibleMessage != nil {
			// A button on a message too old or deleted still deserves an
			// answer (and a refusal, if the presser may not use it).
			chat := q.Message.InaccessibleMessage.Chat
			out.ChatID, out.Private = chat.ID, chat.Type == models.ChatTypePrivate
		}
	}
	if msg != nil {
		out.ChatID, out.Private, out.MessageID = msg.Chat.ID, msg.Chat.Type == models.ChatTypePrivate, msg.ID
	}
	if from != nil && !from.IsBot {
		out.From = tkpkbot.User{ID: from.ID, FirstName: from.FirstName, Username: from.Username}
	}
	return out
}

func document(d *models.Document) *tkpkbot.Document {
	if d == nil {
		return nil
	}
	return &tkpkbot.Document{FileID: d.FileID, FileName: d.FileName, MimeType: d.MimeType, FileSize: d.FileSize}
}
