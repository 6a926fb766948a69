package store_test

import (
	"context"
	"testing"
	"time"

	"tkpkbot"
)

// The automatic items are what is open now: an upcoming meeting's agenda
// carries them (the same list after adding, removing or asking), a past or
// cancelled meeting's agenda keeps only what was put on it.
func TestAgendaCarriesTodaysItemsOnlyForUpcomingMeetings(t *testing.T) {
	ctx := context.Background()
	db, clock := withKendala(t)
	meeting := func(title string, at time.Time, update int64) tkpkbot.Meeting {
		m, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: title, StartsAt: at, CreatedBy: 1, SourceUpdate: update})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddAgendaItem(ctx, m.ID, 1, "Pembukaan", update); err != nil {
			t.Fatal(err)
		}
		return m
	}
	past := meeting("Rakor lalu", start.Add(time.Hour), 10)
	cancelled := meeting("Rakor batal", start.Add(48*time.Hour), 20)
	next := meeting("Rakor depan", start.Add(72*time.Hour), 30)
	if _, err := db.CancelMeeting(ctx, 1, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Hour) // the first meeting is over

	added, err := db.AddAgendaItem(ctx, next.ID, 1, "Evaluasi P3KE", 31)
	if err != nil {
		t.Fatal(err)
	}
	asked, err := db.Agenda(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	sources := func(items []tkpkbot.AgendaItem) []tkpkbot.AgendaSource {
		var out []tkpkbot.AgendaSource
		for _, it := range items {
			out = append(out, it.Source)
		}
		return out
	}
	if len(added) != 3 || added[2].Source != tkpkbot.AgendaKendala || added[2].RegionCode != "6472" ||
		len(asked) != len(added) || asked[2].Kendala.Text != "Sinyal lemah" {
		t.Fatalf("after adding: %v; asked: %v", sources(added), sources(asked))
	}
	_, left, err := db.RemoveAgendaItem(ctx, added[1].ID)
	if err != nil || len(left) != 2 || left[0].Text != "Pembukaan" || left[1].Source != tkpkbot.AgendaKendala {
		t.Fatalf("after removing: %v, %v", sources(left), err)
	}
	for _, m := range []tkpkbot.Meeting{past, cancelled} {
		items, err := db.Agenda(ctx, m.ID)
		if err != nil || len(items) != 1 || items[0].Text != "Pembukaan" {
			t.Fatalf("%s's agenda = %v, %v; want only its manual item", m.Title, sources(items), err)
		}
	}
	if _, err := db.Agenda(ctx, 404); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("unknown meeting: %v", err)
	}
}
