package reminders_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/reminders"
)

// materialsLines keeps what a sweep sent about materials.
func materialsLines(sent []string) []string {
	var out []string
	for _, s := range sent {
		if strings.Contains(s, "ahan rapat") {
			out = append(out, s)
		}
	}
	return out
}

// materialsWorld is a world on Wednesday 11 December 2024 whose sweeper
// also sends materials requests (and, with agenda, reads the agenda) and
// has no report chat.
func materialsWorld(t *testing.T, agenda bool) *world {
	t.Helper()
	w := newWorld(t, at(2024, 12, 11, 10, 0))
	o := reminders.Options{Store: w.db, Holidays: w.db, Reports: w.db, Telegram: w.tg, Clock: w.clock,
		Location: wita, Log: slogDiscard(), Materials: w.db}
	if agenda {
		o.Agenda = w.db
	}
	w.sw = reminders.New(o)
	return w
}

// requestMaterials schedules a meeting for Monday 16 December and asks
// for its materials by Friday 13 December 16:00.
func (w *world) requestMaterials() tkpkbot.Meeting {
	w.t.Helper()
	ctx := context.Background()
	m, err := w.db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor", StartsAt: at(2024, 12, 16, 9, 0), CreatedBy: admin})
	if err != nil {
		w.t.Fatal(err)
	}
	if _, _, err := w.db.RequestMaterials(ctx, tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: at(2024, 12, 13, 16, 0), CreatedBy: admin}); err != nil {
		w.t.Fatal(err)
	}
	return m
}

// samarindaRequested is a materialsWorld with an admin and Samarinda's
// coordinator, after the request of requestMaterials.
func samarindaRequested(t *testing.T, agenda bool) (*world, tkpkbot.Meeting) {
	t.Helper()
	w := materialsWorld(t, agenda)
	w.member(admin, tkpkbot.RoleAdmin, "")
	w.member(samKoor, tkpkbot.RoleKoordinator, "6472")
	return w, w.requestMaterials()
}

// TestMaterialsRemindersGoWhereTheyAreStillWanted follows one request from
// Wednesday to the Friday deadline: the request reaches every coordinator
// (muted ones too), reminders only coordinators still holding the role,
// not muted, whose region has sent nothing, and the summary admins.
func TestMaterialsRemindersGoWhereTheyAreStillWanted(t *testing.T) {
	const balKoor = 5
	ctx := context.Background()
	w := materialsWorld(t, true)
	w.cast()
	w.member(balKoor, tkpkbot.RoleKoordinator, "6471")
	m := w.requestMaterials()
	sameSet(t, "request", materialsLines(w.sweep(at(2024, 12, 11, 10, 0))),
		"2: 📂 <b>Permintaan bahan rapat #1</b>", "3: 📂 <b>Permintaan bahan rapat #1</b>", "5: 📂 <b>Permintaan bahan rapat #1</b>")
	if _, err := w.db.AddMaterial(ctx, tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: samKoor}, Kind: tkpkbot.MaterialText, Body: "https://drive.example.org/paparan-samarinda", SourceUpdate: 1}); err != nil {
		t.Fatal(err)
	}
	sameSet(t, "48 h before", materialsLines(w.sweep(at(2024, 12, 11, 16, 0))),
		"5: ⏰ <b>Pengingat bahan rapat #1 — 2 hari lagi</b>")
	// Balikpapan's coordinator became pengamat: the 3 h reminder goes to
	// nobody (Samarinda sent, Paser is muted).
	w.member(balKoor, tkpkbot.RolePengamat, "6471")
	sameSet(t, "3 h before", materialsLines(w.sweep(at(2024, 12, 13, 13, 0))))
	sameSet(t, "deadline", materialsLines(w.sweep(at(2024, 12, 13, 16, 0))), "1: 📂 <b>Tenggat bahan rapat #1 lewat</b>")
	sameSet(t, "after", materialsLines(w.sweep(at(2024, 12, 14, 9, 0))))
}

func TestMaterialsOfACancelledMeetingAreNotSent(t *testing.T) {
	ctx := context.Background()
	w, m := samarindaRequested(t, false)
	if _, err := w.db.CancelMeeting(ctx, admin, m.ID); err != nil {
		t.Fatal(err)
	}
	for _, when := range []time.Time{at(2024, 12, 11, 10, 0), at(2024, 12, 11, 16, 0), at(2024, 12, 13, 16, 0)} {
		sameSet(t, when.String(), materialsLines(w.sweep(when)))
	}
}

// A material taken back stops counting at send time: the next reminder
// goes to its region again, and the summary lists it as missing.
func TestRemovedMaterialsAreRemindedAgain(t *testing.T) {
	ctx := context.Background()
	w, m := samarindaRequested(t, true)
	w.sweep(at(2024, 12, 11, 10, 0))
	sent, err := w.db.AddMaterial(ctx, tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: samKoor}, Kind: tkpkbot.MaterialText, Body: "https://drive.example.org/paparan-samarinda", SourceUpdate: 1})
	if err != nil {
		t.Fatal(err)
	}
	sameSet(t, "48 h before, sent", materialsLines(w.sweep(at(2024, 12, 11, 16, 0))))
	if _, err := w.db.RemoveMaterial(ctx, sent.ID, samKoor); err != nil {
		t.Fatal(err)
	}
	sameSet(t, "3 h before, removed", materialsLines(w.sweep(at(2024, 12, 13, 13, 0))), "2: ⏰ <b>Pengingat bahan rapat #1 — 3 jam lagi</b>")
	var sum []string
	for _, msg := range w.sweepTexts(at(2024, 12, 13, 16, 0)) {
		if strings.Contains(msg.HTML, "Tenggat bahan rapat #1 lewat") {
			sum = append(sum, msg.HTML)
		}
	}
	if len(sum) != 1 || !strings.Contains(sum[0], "Belum mengirim (10 dari 10 wilayah)") || !strings.Contains(sum[0], "Samarinda") {
		t.Fatalf("summary: %q", sum)
	}
}
