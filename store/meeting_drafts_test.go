package store_test

import (
	"context"
	"testing"
	"time"

	"tkpkbot"
)

func TestMeetingDraftConfirmOnceCancelAndExpire(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	req := tkpkbot.Meeting{Title: "Rakor", Location: "Kantor", StartsAt: time.Date(2024, 12, 25, 9, 0, 0, 0, wita), CreatedBy: 500, SourceUpdate: 77}

	d, err := db.SaveMeetingDraft(ctx, req)
	if err != nil || d.Token == "" || d.MeetingID != 0 || d.Cancelled || d.Meeting.Title != "Rakor" || !d.Meeting.StartsAt.Equal(req.StartsAt) {
		t.Fatalf("save = %+v, %v", d, err)
	}
	if again, err := db.SaveMeetingDraft(ctx, req); err != nil || again.Token != d.Token {
		t.Fatalf("a redelivered request got draft %q, %v; want %q", again.Token, err, d.Token)
	}
	if _, err := db.MeetingDraft(ctx, "tidak-ada"); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("unknown token: %v", err)
	}

	d1, m1, err := db.ConfirmMeetingDraft(ctx, d.Token)
	if err != nil || m1.ID == 0 || d1.MeetingID != m1.ID || m1.Title != "Rakor" || m1.Location != "Kantor" || m1.CreatedBy != 500 {
		t.Fatalf("confirm = %+v %+v, %v", d1, m1, err)
	}
	if _, m2, err := db.ConfirmMeetingDraft(ctx, d.Token); err != nil || m2.ID != m1.ID {
		t.Fatalf("second confirm = %+v, %v; want meeting %d", m2, err, m1.ID)
	}
	// The redelivery guard still holds: the /rapat_baru update finds the meeting.
	if m3, err := db.CreateMeeting(ctx, req); err != nil || m3.ID != m1.ID {
		t.Fatalf("CreateMeeting with the same source update = %+v, %v", m3, err)
	}
	if got, err := db.CancelMeetingDraft(ctx, d.Token); err != nil || got.Cancelled || got.MeetingID != m1.ID {
		t.Fatalf("cancel after confirm = %+v, %v", got, err)
	}
	if saved, err := db.SaveMeetingDraft(ctx, req); err != nil || saved.MeetingID != m1.ID {
		t.Fatalf("redelivery after confirm = %+v, %v", saved, err)
	}
	var meetings, announcements int
	if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM meetings), (SELECT count(*) FROM reminders WHERE kind = 'meeting_announce')`).Scan(&meetings, &announcements); err != nil {
		t.Fatal(err)
	}
	if meetings != 1 || announcements != 1 {
		t.Fatalf("%d meetings, %d announcements; want 1 and 1", meetings, announcements)
	}

	// Batal first: nothing is created, then or later.
	other := req
	other.SourceUpdate = 78
	d, err = db.SaveMeetingDraft(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := db.CancelMeetingDraft(ctx, d.Token); err != nil || !got.Cancelled {
		t.Fatalf("cancel = %+v, %v", got, err)
	}
	if got, m, err := db.ConfirmMeetingDraft(ctx, d.Token); err != nil || !got.Cancelled || m.ID != 0 {
		t.Fatalf("confirm after cancel = %+v %+v, %v", got, m, err)
	}

	// A week later the question has expired and is cleared on the next save.
	d, err = db.SaveMeetingDraft(ctx, tkpkbot.Meeting{Title: "Lama", StartsAt: start.Add(30 * 24 * time.Hour), CreatedBy: 500, SourceUpdate: 79})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(8 * 24 * time.Hour)
	if _, err := db.MeetingDraft(ctx, d.Token); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("expired draft: %v", err)
	}
	if _, _, err := db.ConfirmMeetingDraft(ctx, d.Token); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("expired confirm: %v", err)
	}
	if _, err := db.SaveMeetingDraft(ctx, tkpkbot.Meeting{Title: "Baru", StartsAt: start.Add(40 * 24 * time.Hour), CreatedBy: 500, SourceUpdate: 80}); err != nil {
		t.Fatal(err)
	}
	var drafts int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM meeting_drafts`).Scan(&drafts); err != nil || drafts != 1 {
		t.Fatalf("%d drafts after the sweep, %v; want 1", drafts, err)
	}
}
