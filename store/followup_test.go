package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
	"tkpkbot/store"
)

// heldMeeting creates a meeting an hour after start and moves the clock
// past it, so minutes can be written.
func heldMeeting(t *testing.T, db *store.DB, clock *clocktest.Clock) tkpkbot.Meeting {
	t.Helper()
	m, err := db.CreateMeeting(context.Background(), tkpkbot.Meeting{Title: "Rakor TKPK", StartsAt: clock.Now().Add(time.Hour), CreatedBy: 1, SourceUpdate: clock.Now().UnixNano()})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(3 * time.Hour)
	return m
}

// withKendala opens a store at start where admin 1 invited Samarinda's
// coordinator 2, whose week 50 report left the kendala "Sinyal lemah" open.
func withKendala(t *testing.T) (*store.DB, *clocktest.Clock) {
	t.Helper()
	db, clock := atStart(t, 1)
	coordinator(t, db, 2, "6472")
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	submitted(t, db, filled(t, db, 2, "6472", tkpkbot.Week{Year: 2024, Week: 50}, "Verifikasi", "Sinyal lemah"))
	return db, clock
}

var twoTasks = tkpkbot.Minutes{
	Decisions: []string{"Pendataan ulang selesai Desember"},
	Tasks: []tkpkbot.MinutesTask{
		{Region: "6472", Task: "Verifikasi 500 KK data P3KE", DueOn: time.Date(2024, 12, 31, 0, 0, 0, 0, wita)},
		{Region: "6405", Task: "Rapat desa", DueOn: time.Date(2024, 12, 20, 0, 0, 0, 0, wita)},
	},
}

func draftWith(t *testing.T, db *store.DB, meeting, update int64, m tkpkbot.Minutes) tkpkbot.MinutesDraft {
	t.Helper()
	ctx := context.Background()
	d, err := db.SaveMinutesDraft(ctx, tkpkbot.MinutesDraft{MeetingID: meeting, CreatedBy: 1, SourceUpdate: update, Present: []string{"6472"}, Awaiting: true})
	if err != nil {
		t.Fatal(err)
	}
	if d, err = db.SetMinutesText(ctx, d.Token, m, false); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMinutesAreSentOnceWithTheirTasks(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	member(t, db, 2, tkpkbot.RoleKoordinator, "6472")
	m := heldMeeting(t, db, clock)

	d, err := db.SaveMinutesDraft(ctx, tkpkbot.MinutesDraft{MeetingID: m.ID, CreatedBy: 1, SourceUpdate: 10, Present: []string{"6472"}, Awaiting: true})
	if err != nil || !d.Awaiting {
		t.Fatalf("save = %+v, %v", d, err)
	}
	if again, err := db.SaveMinutesDraft(ctx, tkpkbot.MinutesDraft{MeetingID: m.ID, CreatedBy: 1, SourceUpdate: 10, Awaiting: true}); err != nil || again.Token != d.Token {
		t.Fatalf("a redelivered /notulen got %q, %v; want %q", again.Token, err, d.Token)
	}
	if w, err := db.AwaitingMinutes(ctx, 1); err != nil || w.Token != d.Token {
		t.Fatalf("awaiting = %+v, %v", w, err)
	}
	if _, _, err := db.SendMinutes(ctx, d.Token, 1); !errors.Is(err, tkpkbot.ErrMinutesEmpty) {
		t.Fatalf("Kirim before the text: %v", err)
	}
	if d, err = db.SetMinutesText(ctx, d.Token, twoTasks, false); err != nil || d.Awaiting || len(d.Minutes.Tasks) != 2 {
		t.Fatalf("set text = %+v, %v", d, err)
	}
	if _, err := db.AwaitingMinutes(ctx, 1); !errors.Is(err, tkpkbot.ErrMinutesDraftGone) {
		t.Fatalf("still awaiting after the text: %v", err)
	}
	if d, err = db.ToggleMinutesPresent(ctx, d.Token, "6405"); err != nil || len(d.Present) != 2 {
		t.Fatalf("toggle on = %v, %v", d.Present, err)
	}
	if d, err = db.ToggleMinutesPresent(ctx, d.Token, "6472"); err != nil || len(d.Present) != 1 || d.Present[0] != "6405" {
		t.Fatalf("toggle off = %v, %v", d.Present, err)
	}
	if _, _, err := db.SendMinutes(ctx, d.Token, 2); !errors.Is(err, tkpkbot.ErrNotAdmin) {
		t.Fatalf("a coordinator pressing Kirim: %v", err)
	}

	// Kirim pressed on two replicas at once, and again later: one set.
	var wg sync.WaitGroup
	results := make([]tkpkbot.SentMinutes, 4)
	agains := make([]bool, 4)
	errs := make([]error, 4)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i], agains[i], errs[i] = db.SendMinutes(ctx, d.Token, 1)
		}(i)
	}
	wg.Wait()
	firsts := 0
	for i, err := range errs {
		if err != nil || results[i].ID == 0 || results[i].ID != results[0].ID {
			t.Fatalf("send %d = %+v, %v", i, results[i], err)
		}
		if !agains[i] {
			firsts++
		}
	}
	if firsts != 1 {
		t.Fatalf("%d sends were first; want 1", firsts)
	}
	s := results[0]
	if s.Meeting.ID != m.ID || len(s.Minutes.Tasks) != 2 || s.Minutes.Decisions[0] != twoTasks.Decisions[0] || len(s.Present) != 1 {
		t.Fatalf("sent = %+v", s)
	}
	var minutes, actions, reminders int
	if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM minutes), (SELECT count(*) FROM actions),
		(SELECT count(*) FROM reminders WHERE kind = 'minutes' AND minutes_id = $1)`, s.ID).Scan(&minutes, &actions, &reminders); err != nil {
		t.Fatal(err)
	}
	if minutes != 1 || actions != 2 || reminders != 1 {
		t.Fatalf("%d minutes, %d actions, %d minutes reminders; want 1, 2, 1", minutes, actions, reminders)
	}
	if _, err := db.ToggleMinutesPresent(ctx, d.Token, "6472"); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Minutes(ctx, s.ID); err != nil || len(got.Present) != 1 {
		t.Fatalf("attendance changed after sending: %+v, %v", got, err)
	}

	// A second draft for the same meeting sends nothing.
	other := draftWith(t, db, m.ID, 11, twoTasks)
	if _, _, err := db.SendMinutes(ctx, other.Token, 1); !errors.Is(err, tkpkbot.ErrMinutesSent) {
		t.Fatalf("second minutes of a meeting: %v", err)
	}
	// Batal, then Kirim: nothing.
	m2 := heldMeeting(t, db, clock)
	c := draftWith(t, db, m2.ID, 12, twoTasks)
	if c, err = db.CancelMinutesDraft(ctx, c.Token); err != nil || !c.Cancelled {
		t.Fatalf("cancel = %+v, %v", c, err)
	}
	if _, _, err := db.SendMinutes(ctx, c.Token, 1); !errors.Is(err, tkpkbot.ErrMinutesCancelled) {
		t.Fatalf("Kirim after Batal: %v", err)
	}
	// A draft left for more than a day is gone.
	clock.Advance(tkpkbot.MinutesDraftTTL + time.Minute)
	if _, err := db.MinutesDraft(ctx, other.Token); !errors.Is(err, tkpkbot.ErrMinutesDraftGone) {
		t.Fatalf("expired draft: %v", err)
	}
}

func TestActionStates(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	member(t, db, 2, tkpkbot.RoleKoordinator, "6472")
	member(t, db, 3, tkpkbot.RoleKoordinator, "6405")
	member(t, db, 4, tkpkbot.RolePengamat, "64")
	m := heldMeeting(t, db, clock)
	if _, _, err := db.SendMinutes(ctx, draftWith(t, db, m.ID, 10, twoTasks).Token, 1); err != nil {
		t.Fatal(err)
	}
	open, err := db.Actions(ctx, "", false)
	if err != nil || len(open) != 2 {
		t.Fatalf("open = %+v, %v", open, err)
	}
	var sam, ber tkpkbot.Action
	for _, a := range open {
		if a.RegionCode == "6472" {
			sam = a
		} else {
			ber = a
		}
	}
	if !sam.DueAt.Equal(time.Date(2024, 12, 31, 16, 0, 0, 0, wita)) || sam.DueOn.Day() != 31 || sam.Task != "Verifikasi 500 KK data P3KE" {
		t.Fatalf("Samarinda task = %+v", sam)
	}
	if own, err := db.Actions(ctx, "6405", false); err != nil || len(own) != 1 || own[0].ID != ber.ID {
		t.Fatalf("Berau's = %+v, %v", own, err)
	}

	for _, actor := range []int64{3, 4, 99} {
		if _, err := db.CloseAction(ctx, sam.ID, actor, ""); !errors.Is(err, tkpkbot.ErrNotActionOwner) {
			t.Fatalf("close by %d (not Samarinda's coordinator nor admin): %v", actor, err)
		}
	}
	if err := db.StartClosing(ctx, 2, sam.ID); err != nil {
		t.Fatal(err)
	}
	if id, ok, err := db.PendingClosing(ctx, 2); err != nil || !ok || id != sam.ID {
		t.Fatalf("pending = %d %v %v", id, ok, err)
	}
	closed, err := db.CloseAction(ctx, sam.ID, 2, "480 KK terverifikasi")
	if err != nil || closed.Open() || closed.ClosedBy != 2 || closed.ClosedName != "U" || closed.Note != "480 KK terverifikasi" || !closed.ClosedAt.Equal(clock.Now()) {
		t.Fatalf("close = %+v, %v", closed, err)
	}
	if _, ok, _ := db.PendingClosing(ctx, 2); ok {
		t.Fatal("the pressed Selesai stays after the close")
	}
	if _, err := db.CloseAction(ctx, sam.ID, 1, ""); !errors.Is(err, tkpkbot.ErrActionClosed) {
		t.Fatalf("closing twice: %v", err)
	}
	if open, _ := db.Actions(ctx, "", false); len(open) != 1 || open[0].ID != ber.ID {
		t.Fatalf("open after the close = %+v", open)
	}
	if all, _ := db.Actions(ctx, "", true); len(all) != 2 {
		t.Fatalf("all = %+v", all)
	}

	if late, err := db.OverdueActions(ctx, ber.DueAt.Add(-time.Second)); err != nil || len(late) != 0 {
		t.Fatalf("overdue a second early = %+v, %v", late, err)
	}
	late, err := db.OverdueActions(ctx, ber.DueAt)
	if err != nil || len(late) != 1 || late[0].ID != ber.ID {
		t.Fatalf("overdue at due = %+v, %v", late, err)
	}
	counts, err := db.FollowUpCounts(ctx, ber.DueAt)
	if err != nil || len(counts) != 1 || counts[0] != (tkpkbot.RegionFollowUp{RegionCode: "6405", OpenActions: 1, Overdue: 1}) {
		t.Fatalf("counts = %+v, %v", counts, err)
	}
	// A fresh closing that waits too long is forgotten.
	if err := db.StartClosing(ctx, 3, ber.ID); err != nil {
		t.Fatal(err)
	}
	clock.Advance(tkpkbot.ClosingTTL + time.Second)
	if _, ok, _ := db.PendingClosing(ctx, 3); ok {
		t.Fatal("a Selesai pressed long ago still takes the next message")
	}
	// Dropping says whether a fresh Selesai was waiting (the person is
	// told the task is still open only then).
	if dropped, err := db.DropClosing(ctx, 3); err != nil || dropped {
		t.Fatalf("dropping a stale Selesai = %v, %v; want false", dropped, err)
	}
	if err := db.StartClosing(ctx, 3, ber.ID); err != nil {
		t.Fatal(err)
	}
	if dropped, err := db.DropClosing(ctx, 3); err != nil || !dropped {
		t.Fatalf("dropping a fresh Selesai = %v, %v; want true", dropped, err)
	}
	if dropped, err := db.DropClosing(ctx, 3); err != nil || dropped {
		t.Fatalf("dropping twice = %v, %v; want false", dropped, err)
	}
}

func TestActionRemindersPlannedForOpenTasksOnly(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	m := heldMeeting(t, db, clock)
	short := twoTasks
	short.Tasks = append([]tkpkbot.MinutesTask{}, twoTasks.Tasks...)
	short.Tasks[1].DueOn = time.Date(2024, 12, 12, 0, 0, 0, 0, wita) // tomorrow: 72h before is already past
	s, _, err := db.SendMinutes(ctx, draftWith(t, db, m.ID, 10, short).Token, 1)
	if err != nil {
		t.Fatal(err)
	}
	offsets := []time.Duration{72 * time.Hour, 24 * time.Hour}
	n, err := db.PlanActionReminders(ctx, offsets, clock.Now())
	if err != nil || n != 5 { // Samarinda 72h, 24h, overdue; the short one 24h, overdue
		t.Fatalf("planned %d, %v; want 5", n, err)
	}
	if n, err := db.PlanActionReminders(ctx, offsets, clock.Now()); err != nil || n != 0 {
		t.Fatalf("planning again created %d, %v", n, err)
	}
	var region string
	if err := db.Pool.QueryRow(ctx, `SELECT region_code FROM reminders WHERE dedup_key LIKE 'action_overdue:%' ORDER BY id LIMIT 1`).Scan(&region); err != nil || region != "6472" {
		t.Fatalf("overdue reminder region %q, %v", region, err)
	}
	// A task closed before planning gets none.
	m2 := heldMeeting(t, db, clock)
	s2, _, err := db.SendMinutes(ctx, draftWith(t, db, m2.ID, 11, tkpkbot.Minutes{Tasks: twoTasks.Tasks[:1]}).Token, 1)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := db.Actions(ctx, "6472", false)
	for _, a := range as {
		if a.MinutesID == s2.ID {
			if _, err := db.CloseAction(ctx, a.ID, 1, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n, err := db.PlanActionReminders(ctx, offsets, clock.Now()); err != nil || n != 0 {
		t.Fatalf("a closed task got %d reminders, %v", n, err)
	}
	_ = s
}

func TestKendalaOpensWithAReportAndClosesWithTheNext(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t, 1)
	coordinator(t, db, 2, "6472")
	w50, w51 := tkpkbot.Week{Year: 2024, Week: 50}, tkpkbot.Week{Year: 2024, Week: 51}
	report := func(week tkpkbot.Week, obstacles string) tkpkbot.ReportForm {
		return filled(t, db, 2, "6472", week, "Verifikasi", obstacles)
	}
	f := report(w50, "Data ganda di 3 kelurahan")
	r1 := submitted(t, db, f)
	ks, err := db.OpenKendala(ctx, "")
	if err != nil || len(ks) != 1 || ks[0].Text != "Data ganda di 3 kelurahan" || ks[0].ReportID != r1.ID || ks[0].Week != w50 {
		t.Fatalf("open kendala = %+v, %v", ks, err)
	}
	// A revision replaces its week's kendala, and "-" removes it.
	f = report(w50, "Data ganda dan sinyal lemah")
	submitted(t, db, f)
	if ks, _ = db.OpenKendala(ctx, "6472"); len(ks) != 1 || ks[0].Text != "Data ganda dan sinyal lemah" {
		t.Fatalf("after a revision = %+v", ks)
	}
	f = report(w50, "-")
	submitted(t, db, f)
	if ks, _ = db.OpenKendala(ctx, ""); len(ks) != 0 {
		t.Fatalf("after a revision with '-' = %+v", ks)
	}
	f = report(w50, "Sinyal lemah")
	submitted(t, db, f)

	// Week 51 asks about week 50's kendala (not its own) and the open task.
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	m := heldMeeting(t, db, clock)
	if _, _, err := db.SendMinutes(ctx, draftWith(t, db, m.ID, 10, twoTasks).Token, 1); err != nil {
		t.Fatal(err)
	}
	f = report(w51, "Anggaran belum cair")
	qs, err := db.StartFormFollowUps(ctx, 2, f.Token, "6472", w51)
	if err != nil || len(qs) != 2 || qs[0].Kind != tkpkbot.FollowUpKendala || qs[0].Text != "Sinyal lemah" ||
		qs[1].Kind != tkpkbot.FollowUpAction || qs[1].Text != "Verifikasi 500 KK data P3KE" || qs[0].Answered {
		t.Fatalf("questions = %+v, %v", qs, err)
	}
	if err := db.AnswerFollowUp(ctx, f.Token, 1, true); err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerFollowUp(ctx, f.Token, 1, false); !errors.Is(err, tkpkbot.ErrFollowUpAnswered) {
		t.Fatalf("answering twice: %v", err)
	}
	if err := db.NoteFollowUp(ctx, f.Token, 1, "Menara baru aktif"); err != nil {
		t.Fatal(err)
	}
	if err := db.NoteFollowUp(ctx, f.Token, 2, "x"); !errors.Is(err, tkpkbot.ErrFollowUpAnswered) {
		t.Fatalf("a note before the choice: %v", err)
	}
	if err := db.AnswerFollowUp(ctx, f.Token, 2, true); err != nil {
		t.Fatal(err)
	}
	if err := db.NoteFollowUp(ctx, f.Token, 2, ""); err != nil {
		t.Fatal(err)
	}
	// Answered, not sent: nothing is closed yet.
	if ks, _ = db.OpenKendala(ctx, ""); len(ks) != 1 {
		t.Fatalf("closed before Kirim: %+v", ks)
	}
	if as, _ := db.Actions(ctx, "6472", false); len(as) != 1 {
		t.Fatalf("task closed before Kirim: %+v", as)
	}
	clock.Advance(time.Hour)
	r2 := submitted(t, db, f)
	ks, _ = db.OpenKendala(ctx, "")
	if len(ks) != 1 || ks[0].Text != "Anggaran belum cair" || ks[0].Week != w51 {
		t.Fatalf("open after Kirim = %+v; want only week 51's", ks)
	}
	hist, err := db.KendalaHistory(ctx)
	if err != nil || len(hist) != 2 || hist[0].Open() || hist[0].ClosedReport != r2.ID || hist[0].Note != "Menara baru aktif" || hist[0].ClosedName != "P" {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	all, _ := db.Actions(ctx, "6472", true)
	if len(all) != 1 || all[0].Open() || all[0].ClosedReport != r2.ID || all[0].ClosedBy != 2 {
		t.Fatalf("task after Kirim = %+v", all)
	}
	got, err := db.ReportFollowUps(ctx, r2.ID)
	if err != nil || len(got) != 2 || !got[0].Done || got[0].Note != "Menara baru aktif" || !got[1].Done {
		t.Fatalf("answers saved with the report = %+v, %v", got, err)
	}
	if left, _ := db.FormFollowUps(ctx, f.Token); len(left) != 0 {
		t.Fatalf("the form's questions stay after Kirim: %+v", left)
	}
	// A revision keeps the answers of the version it revises.
	f = report(w51, "Anggaran belum cair")
	r3 := submitted(t, db, f)
	if got, _ := db.ReportFollowUps(ctx, r3.ID); len(got) != 2 {
		t.Fatalf("revision's answers = %+v", got)
	}
	if ks, _ = db.OpenKendala(ctx, ""); len(ks) != 1 {
		t.Fatalf("a revision reopened something: %+v", ks)
	}
}

func TestAgendaListsOverdueTasksAndOpenKendalaAfterTheManualItems(t *testing.T) {
	ctx := context.Background()
	db, clock := withKendala(t)
	m := heldMeeting(t, db, clock)
	if _, _, err := db.SendMinutes(ctx, draftWith(t, db, m.ID, 10, twoTasks).Token, 1); err != nil {
		t.Fatal(err)
	}
	next, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor 2", StartsAt: time.Date(2025, 1, 6, 9, 0, 0, 0, wita), CreatedBy: 1, SourceUpdate: 99})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgendaItem(ctx, next.ID, 1, "Evaluasi P3KE", 100); err != nil {
		t.Fatal(err)
	}
	// Before any task is due: the manual item and the kendala.
	items, err := db.Agenda(ctx, next.ID)
	if err != nil || len(items) != 2 || items[0].Source != tkpkbot.AgendaManual || items[1].Source != tkpkbot.AgendaKendala ||
		items[1].Kendala.Text != "Sinyal lemah" {
		t.Fatalf("agenda = %+v, %v", items, err)
	}
	// Berau's task (20 December) is overdue on the 21st, Samarinda's not yet.
	clock.Set(time.Date(2024, 12, 21, 9, 0, 0, 0, wita))
	items, err = db.Agenda(ctx, next.ID)
	if err != nil || len(items) != 3 || items[1].Source != tkpkbot.AgendaOverdue || items[1].Action.RegionCode != "6405" ||
		items[2].Source != tkpkbot.AgendaKendala {
		t.Fatalf("agenda on the 21st = %+v, %v", items, err)
	}
}

// A preview kept past a task's due moment is not sent: the task would be
// overdue the moment it exists. Nothing of the minutes is saved.
func TestMinutesKirimRefusedOnceATaskFellDue(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	m := heldMeeting(t, db, clock) // 11 Dec 13.00 WITA
	today := time.Date(2024, 12, 11, 0, 0, 0, 0, wita)
	d := draftWith(t, db, m.ID, 10, tkpkbot.Minutes{Tasks: []tkpkbot.MinutesTask{
		{Region: "6472", Task: "Verifikasi 500 KK", DueOn: today.AddDate(0, 0, 7)},
		{Region: "6405", Task: "Rapat desa", DueOn: today}, // due 16.00 today
	}})
	clock.Set(time.Date(2024, 12, 11, 16, 0, 0, 0, wita))
	_, _, err := db.SendMinutes(ctx, d.Token, 1)
	var n *tkpkbot.NumberedError
	if !errors.Is(err, tkpkbot.ErrMinutesTaskPast) || !errors.As(err, &n) || n.N != 2 {
		t.Fatalf("Kirim at the second task's due moment: %v; want ErrMinutesTaskPast about task 2", err)
	}
	if as, _ := db.Actions(ctx, "", true); len(as) != 0 {
		t.Fatalf("a refused Kirim saved tasks: %+v", as)
	}
	if _, err := db.MeetingMinutes(ctx, m.ID); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("a refused Kirim saved the minutes: %v", err)
	}
	fixed := d.Minutes
	fixed.Tasks[1].DueOn = today.AddDate(0, 0, 2)
	if _, err := db.SetMinutesText(ctx, d.Token, fixed, false); err != nil {
		t.Fatal(err)
	}
	if s, _, err := db.SendMinutes(ctx, d.Token, 1); err != nil || len(s.Minutes.Tasks) != 2 {
		t.Fatalf("Kirim after the fix = %+v, %v", s, err)
	}
}
