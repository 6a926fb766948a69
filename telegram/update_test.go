package telegram

import (
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestFromModelCarriesPhotoAndReply(t *testing.T) {
	chat := models.Chat{ID: 42, Type: models.ChatTypePrivate}
	u := FromModel(&models.Update{ID: 7, Message: &models.Message{
		ID: 12, Chat: chat, From: &models.User{ID: 42, FirstName: "Sari"}, Caption: "/bahan 3",
		Photo:          []models.PhotoSize{{FileID: "small", FileSize: 900}, {FileID: "big", FileSize: 45000}},
		ReplyToMessage: &models.Message{ID: 9, Chat: chat, Document: &models.Document{FileID: "doc", FileName: "a.csv"}},
	}})
	if u.Photo == nil || u.Photo.FileID != "big" || u.Photo.FileSize != 45000 || u.Photo.MimeType != "image/jpeg" {
		t.Fatalf("photo: %+v", u.Photo)
	}
	if u.ReplyTo != 9 || u.ReplyDocument == nil || u.ReplyDocument.FileName != "a.csv" || u.Text != "/bahan 3" {
		t.Fatalf("reply: %+v", u)
	}
	if len(u.PhotoIDs) != 2 || u.Document != nil {
		t.Fatalf("sizes and document: %+v", u)
	}
	plain := FromModel(&models.Update{ID: 8, Message: &models.Message{ID: 13, Chat: chat, Text: "halo"}})
	if plain.Photo != nil || plain.ReplyTo != 0 {
		t.Fatalf("plain message: %+v", plain)
	}
}
