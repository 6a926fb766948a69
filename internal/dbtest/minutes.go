package dbtest

import (
	"context"
	"testing"

	"tkpkbot"
	"tkpkbot/store"
)

// SendMinutes saves draft, fills it with mins and sends it as its author,
// for tests that need a meeting's follow-up tasks in the tables without
// walking a secretary through /notulen.
func SendMinutes(t testing.TB, db *store.DB, draft tkpkbot.MinutesDraft, mins tkpkbot.Minutes) {
	t.Helper()
	ctx := context.Background()
	d, err := db.SaveMinutesDraft(ctx, draft)
	if err != nil {
		t.Fatalf("save minutes draft: %v", err)
	}
	if _, err := db.SetMinutesText(ctx, d.Token, mins, false); err != nil {
		t.Fatalf("set minutes text: %v", err)
	}
	if _, _, err := db.SendMinutes(ctx, d.Token, draft.CreatedBy); err != nil {
		t.Fatalf("send minutes: %v", err)
	}
}
