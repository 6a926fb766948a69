package store_test

import (
	"context"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

// member registers a person with a role directly; invites are tested
// elsewhere and would only slow these tests down.
func member(t testing.TB, db *store.DB, id int64, role tkpkbot.Role, region string) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Touch(ctx, tkpkbot.User{ID: id, FirstName: "U"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE users SET role = $2, region_code = $3 WHERE id = $1`, id, string(role), region); err != nil {
		t.Fatal(err)
	}
}

func TestMeetingLifecycle(t *testing.T) {
	ctx := context.Background()
	db, _ := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	member(t, db, 2, tkpkbot.RoleKoordinator, "6472")

	if _, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor", StartsAt: start.Add(-time.Hour)}); tkpkbot.ErrorCode(err) != tkpkbot.EINVALID {
		t.Fatalf("past meeting: %v", err)
	}
	m, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: " Rakor TKPK ", Location: "Kantor Gubernur", StartsAt: start.Add(48 * time.Hour), CreatedBy: 1})
	if err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 || m.Title != "Rakor TKPK" || !m.CreatedAt.Equal(start) {
		t.Fatalf("meeting = %+v", m)
	}
	var announce int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM reminders WHERE meeting_id = $1 AND kind = 'meeting_announce' AND due_at = $2`, m.ID, start).Scan(&announce); err != nil || announce != 1 {
		t.Fatalf("announcement rows = %d, %v", announce, err)
	}

	// RSVP: idempotent, replaceable.
	if _, changed, err := db.SetRSVP(ctx, m.ID, 2, tkpkbot.RSVPHadir); err != nil || !changed {
		t.Fatalf("first rsvp: %v %v", changed, err)
	}
	if _, changed, err := db.SetRSVP(ctx, m.ID, 2, tkpkbot.RSVPHadir); err != nil || changed {
		t.Fatalf("same rsvp again: changed=%v %v", changed, err)
	}
	if _, changed, err := db.SetRSVP(ctx, m.ID, 2, tkpkbot.RSVPBelumPasti); err != nil || !changed {
		t.Fatalf("changed rsvp: %v %v", changed, err)
	}
	up, err := db.UpcomingMeetings(ctx, 2)
	if err != nil || len(up) != 1 || up[0].Answer != tkpkbot.RSVPBelumPasti {
		t.Fatalf("upcoming = %+v, %v", up, err)
	}
	_, as, err := db.Attendance(ctx, m.ID)
	if err != nil || len(as) != 2 {
		t.Fatalf("attendance = %+v, %v", as, err)
	}
	for _, a := range as {
		if want := map[int64]tkpkbot.RSVP{1: tkpkbot.RSVPNone, 2: tkpkbot.RSVPBelumPasti}[a.User.ID]; a.Answer != want {
			t.Errorf("user %d answer %q, want %q", a.User.ID, a.Answer, want)
		}
	}

	if _, err := db.CancelMeeting(ctx, 1, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CancelMeeting(ctx, 1, m.ID); tkpkbot.ErrorCode(err) != tkpkbot.ECONFLICT {
		t.Fatalf("second cancel: %v", err)
	}
	if _, _, err := db.SetRSVP(ctx, m.ID, 2, tkpkbot.RSVPHadir); tkpkbot.ErrorCode(err) != tkpkbot.ECONFLICT {
		t.Fatalf("rsvp to cancelled: %v", err)
	}
	if up, _ := db.UpcomingMeetings(ctx, 2); len(up) != 0 {
		t.Fatalf("cancelled meeting still upcoming: %+v", up)
	}
	var status string
	if err := db.Pool.QueryRow(ctx, `SELECT status FROM reminders WHERE meeting_id = $1 AND kind = 'meeting_announce'`, m.ID).Scan(&status); err != nil || status != "dropped" {
		t.Fatalf("pending announcement after cancel: %q %v", status, err)
	}
	if _, err := db.CancelMeeting(ctx, 1, 999); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("cancel unknown: %v", err)
	}
	if _, _, err := db.SetRSVP(ctx, 999, 2, tkpkbot.RSVPHadir); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("rsvp unknown: %v", err)
	}
}

func TestSetMuted(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	member(t, db, 5, tkpkbot.RolePengamat, "")
	u, err := db.SetMuted(ctx, 5, true)
	if err != nil || !u.Muted {
		t.Fatalf("mute: %+v %v", u, err)
	}
	if u, _ := db.FindUser(ctx, 5); !u.Muted {
		t.Fatal("mute not stored")
	}
	if _, err := db.SetMuted(ctx, 6, true); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("unknown user: %v", err)
	}
}

func TestHolidays(t *testing.T) {
	ctx := context.Background()
	db, _ := atStart(t)
	fri := time.Date(2024, 12, 27, 0, 0, 0, 0, wita)
	d, err := db.AddHoliday(ctx, tkpkbot.Holiday{Day: fri, Note: "Cuti bersama", CreatedBy: 1})
	if err != nil || d.ID == 0 || !d.Day.Equal(fri) || d.IsWeek() {
		t.Fatalf("add day = %+v, %v", d, err)
	}
	if _, err := db.AddHoliday(ctx, tkpkbot.Holiday{Day: fri, CreatedBy: 1}); tkpkbot.ErrorCode(err) != tkpkbot.ECONFLICT {
		t.Fatalf("duplicate day: %v", err)
	}
	w, err := db.AddHoliday(ctx, tkpkbot.Holiday{Week: tkpkbot.Week{Year: 2025, Week: 1}, CreatedBy: 1})
	if err != nil || !w.IsWeek() {
		t.Fatalf("add week = %+v, %v", w, err)
	}
	if _, err := db.AddHoliday(ctx, tkpkbot.Holiday{Week: tkpkbot.Week{Year: 2025, Week: 1}, CreatedBy: 1}); tkpkbot.ErrorCode(err) != tkpkbot.ECONFLICT {
		t.Fatalf("duplicate week: %v", err)
	}
	hs, err := db.Holidays(ctx, start)
	if err != nil || len(hs) != 2 || hs[0].ID != d.ID || hs[1].ID != w.ID {
		t.Fatalf("list = %+v, %v", hs, err)
	}

	cal, err := db.Calendar(ctx, tkpkbot.Week{Year: 2024, Week: 52}, tkpkbot.Week{Year: 2025, Week: 1})
	if err != nil || len(cal.Holidays) != 2 {
		t.Fatalf("calendar = %+v, %v", cal, err)
	}
	// Friday 27 Dec is off, so week 52's deadline moves to Thursday 26.
	if got := cal.Deadline(tkpkbot.DefaultDeadline, tkpkbot.Week{Year: 2024, Week: 52}, wita); got.Day() != 26 {
		t.Fatalf("deadline week 52 = %v", got)
	}
	if _, off := cal.WeekOff(tkpkbot.Week{Year: 2025, Week: 1}, wita); !off {
		t.Fatal("week 1 not off")
	}
	if other, _ := db.Calendar(ctx, tkpkbot.Week{Year: 2024, Week: 50}, tkpkbot.Week{Year: 2024, Week: 51}); len(other.Holidays) != 0 {
		t.Fatalf("calendar of other weeks = %+v", other)
	}

	if _, err := db.DeleteHoliday(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DeleteHoliday(ctx, d.ID); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("delete twice: %v", err)
	}
}

func TestRedeliveredMeetingRequestCreatesOneMeeting(t *testing.T) {
	ctx := context.Background()
	db, _ := atStart(t)
	req := tkpkbot.Meeting{Title: "Rakor", StartsAt: start.Add(72 * time.Hour), CreatedBy: 1, SourceUpdate: 4242}
	a, err := db.CreateMeeting(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.CreateMeeting(ctx, req)
	if err != nil || b.ID != a.ID {
		t.Fatalf("second create = %+v, %v; want meeting %d again", b, err, a.ID)
	}
	var meetings, announcements int
	if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM meetings), (SELECT count(*) FROM reminders WHERE kind = 'meeting_announce')`).Scan(&meetings, &announcements); err != nil {
		t.Fatal(err)
	}
	if meetings != 1 || announcements != 1 {
		t.Fatalf("%d meetings, %d announcements; want 1 and 1", meetings, announcements)
	}
	// meetings made outside Telegram (no source update) stay independent
	for i := 0; i < 2; i++ {
		if _, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Lain", StartsAt: start.Add(96 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
}
