package telegramtest

import (
	"bytes"
	"image"

	"github.com/go-telegram/bot/models"
)

// Outgoing is what a user sends beyond plain text: a file or a photo with
// a caption, or text, optionally as a reply to one of the chat's messages.
type Outgoing struct {
	Text     string // a text message (ignored with a file or photo)
	Caption  string
	FileName string // a document, with its bytes in Data
	MimeType string // guessed from FileName when empty
	Data     []byte
	Photo    []byte // a photo (PNG, JPEG or GIF bytes); Telegram keeps its sizes
	ReplyTo  int    // the message answered; 0 for none
}

// SendFrom makes the user send o in their private chat and returns the
// update_id. A reply carries the answered message as Telegram does (the
// message itself, without its own reply).
func (s *Server) SendFrom(userID int64, firstName string, o Outgoing) int64 {
	return s.userMessage(userID, userID, firstName, func(m *models.Message) {
		switch {
		case o.Photo != nil:
			w, h := 1280, 720
			if cfg, _, err := image.DecodeConfig(bytes.NewReader(o.Photo)); err == nil {
				w, h = cfg.Width, cfg.Height
			}
			m.Photo = append([]models.PhotoSize(nil), s.storeFileLocked(kindPhoto, "photo.jpg", "image/jpeg", o.Photo, w, h).photo...)
			m.Caption, m.CaptionEntities = o.Caption, botCommandEntities(o.Caption)
		case o.FileName != "":
			mt := o.MimeType
			if mt == "" {
				mt = detectMIME(o.FileName, o.Data)
			}
			m.Document = s.storeFileLocked(kindDocument, o.FileName, mt, o.Data, 0, 0).document()
			m.Caption, m.CaptionEntities = o.Caption, botCommandEntities(o.Caption)
		default:
			m.Text, m.Entities = o.Text, botCommandEntities(o.Text)
		}
		if o.ReplyTo != 0 {
			if sm := s.findLocked(userID, o.ReplyTo); sm != nil {
				r := sm.msg
				r.ReplyToMessage = nil
				m.ReplyToMessage = &r
			}
		}
	})
}
