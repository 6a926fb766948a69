package store_test

import (
	"context"
	"testing"
	"time"

	"tkpkbot"
)

// TestFollowUpCountsOpenClosedAndOverdueAtAGivenTime: the counts /capaian,
// /triwulan and /rekap show leave closed items out and call a task overdue
// from its due moment on, at the time asked, not the clock's.
func TestFollowUpCountsOpenClosedAndOverdueAtAGivenTime(t *testing.T) {
	ctx := context.Background()
	db, clock := withKendala(t)
	coordinator(t, db, 3, "6474")
	w50, w51 := tkpkbot.Week{Year: 2024, Week: 50}, tkpkbot.Week{Year: 2024, Week: 51}
	submitted(t, db, filled(t, db, 3, "6474", w50, "Verifikasi", "Data ganda"))
	m := heldMeeting(t, db, clock)
	tasks := twoTasks // Samarinda due 31 Dec, Berau 20 Dec
	tasks.Tasks = append(append([]tkpkbot.MinutesTask{}, twoTasks.Tasks...),
		tkpkbot.MinutesTask{Region: "6474", Task: "Pemutakhiran DTSEN", DueOn: time.Date(2024, 12, 18, 0, 0, 0, 0, wita)})
	if _, _, err := db.SendMinutes(ctx, draftWith(t, db, m.ID, 10, tasks).Token, 1); err != nil {
		t.Fatal(err)
	}
	// Bontang's week 51 report says its kendala is solved and its task done.
	f := filled(t, db, 3, "6474", w51, "Verifikasi", "-")
	qs, err := db.StartFormFollowUps(ctx, 3, f.Token, "6474", w51)
	if err != nil || len(qs) != 2 {
		t.Fatalf("Bontang's questions = %+v, %v", qs, err)
	}
	for _, q := range qs {
		if err := db.AnswerFollowUp(ctx, f.Token, q.Position, true); err != nil {
			t.Fatal(err)
		}
		if err := db.NoteFollowUp(ctx, f.Token, q.Position, ""); err != nil {
			t.Fatal(err)
		}
	}
	submitted(t, db, f)

	for _, c := range []struct {
		name string
		at   time.Time
		want []tkpkbot.RegionFollowUp
	}{
		// Bontang's task was due on the 18th but is closed: never overdue,
		// and Bontang, with nothing open, is left out.
		{"a second before Berau's due moment", time.Date(2024, 12, 20, 15, 59, 59, 0, wita), []tkpkbot.RegionFollowUp{
			{RegionCode: "6405", OpenActions: 1}, {RegionCode: "6472", OpenKendala: 1, OpenActions: 1}}},
		{"at Berau's due moment", time.Date(2024, 12, 20, 16, 0, 0, 0, wita), []tkpkbot.RegionFollowUp{
			{RegionCode: "6405", OpenActions: 1, Overdue: 1}, {RegionCode: "6472", OpenKendala: 1, OpenActions: 1}}},
		{"after new year", time.Date(2025, 1, 2, 9, 0, 0, 0, wita), []tkpkbot.RegionFollowUp{
			{RegionCode: "6405", OpenActions: 1, Overdue: 1}, {RegionCode: "6472", OpenKendala: 1, OpenActions: 1, Overdue: 1}}},
	} {
		got, err := db.FollowUpCounts(ctx, c.at)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(c.want) {
			t.Fatalf("%s: counts = %+v, want %+v", c.name, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: counts = %+v, want %+v", c.name, got, c.want)
				break
			}
		}
		// The same rule as the agenda's list of overdue tasks.
		late, err := db.OverdueActions(ctx, c.at)
		if err != nil {
			t.Fatal(err)
		}
		overdue := 0
		for _, w := range c.want {
			overdue += w.Overdue
		}
		if len(late) != overdue {
			t.Errorf("%s: %d overdue tasks listed, %d counted", c.name, len(late), overdue)
		}
	}
}
