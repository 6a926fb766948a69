package reminders_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/reminders"
	"tkpkbot/store"
)

// TestQuarterOfFollowUpsEachMessageOnce simulates a quarter: three
// meetings, each with minutes giving every one of the 10 regions a task
// (30 tasks); half the regions close theirs at once, the others never.
// Two replicas sweep every four hours. Every member and the group get each
// minutes once; each open task's coordinator gets the 72h and 24h
// reminders and the overdue one once; closed tasks and other regions get
// nothing.
func TestQuarterOfFollowUpsEachMessageOnce(t *testing.T) {
	ctx := context.Background()
	start := at(2024, 12, 30, 8, 0) // Monday of 2025-W01
	clock, db := clockAndStore(t, start, store.Options{Location: wita})
	w := &world{t: t, db: db, clock: clock, tg: &recorder{}}
	const group = -1001
	opts := func(owner string) reminders.Options {
		return reminders.Options{Store: db, Holidays: db, Reports: db, Telegram: w.tg, Clock: clock, Location: wita,
			Log: slogDiscard(), ReportChat: group, ReportOffsets: []time.Duration{}, MeetingOffsets: []time.Duration{},
			FollowUps: db, Owner: owner}
	}
	replicas := []*reminders.Sweeper{reminders.New(opts("a")), reminders.New(opts("b"))}
	w.member(1, tkpkbot.RoleAdmin, "")
	w.member(2, tkpkbot.RolePengamat, "64")
	districts := tkpkbot.Districts()
	coord := map[int64]string{}
	for i, reg := range districts {
		id := int64(100 + i)
		w.member(id, tkpkbot.RoleKoordinator, reg.Code)
		coord[id] = reg.Code
	}
	members := 2 + len(districts)

	sent := map[string]int{} // chat + first line + task, to catch any duplicate
	var sweeps, summaries, overdueInSummary int
	var took time.Duration
	run := func(until time.Time) {
		for ; !clock.Now().After(until); clock.Advance(4 * time.Hour) {
			for _, s := range replicas {
				t0 := time.Now()
				if _, err := s.RunStats(ctx); err != nil {
					t.Fatalf("sweep at %v: %v", clock.Now(), err)
				}
				took += time.Since(t0)
				sweeps++
			}
			w.tg.mu.Lock()
			for _, m := range w.tg.msgs {
				first, _, _ := strings.Cut(m.HTML, "\n")
				if strings.Contains(first, "Tenggat laporan lewat") {
					summaries++
					if strings.Contains(m.HTML, "Tindak lanjut lewat tenggat: ") {
						overdueInSummary++
					}
					continue
				}
				// Minutes name their meeting on the third line, a task
				// reminder its task on the line "<b>Region</b>: task".
				lines := strings.Split(m.HTML, "\n")
				task := ""
				for _, line := range lines {
					if strings.Contains(line, "</b>: ") {
						task = line
					}
				}
				if strings.Contains(first, "Notulen") {
					task = lines[2]
				}
				kind := first
				sent[fmt.Sprintf("%d|%s|%s", m.ChatID, kind, task)]++
				if code, ok := coord[m.ChatID]; ok && !strings.Contains(first, "Notulen") {
					if reg, _ := tkpkbot.RegionByCode(code); !strings.Contains(task, reg.Official) {
						t.Fatalf("coordinator of %s got another region's task: %s", reg.Name, task)
					}
				}
			}
			w.tg.msgs = nil
			w.tg.mu.Unlock()
		}
	}

	for k := 0; k < 3; k++ {
		meetingAt := start.AddDate(0, 0, 28*k).Add(time.Hour) // Mondays 09:00
		clock.Set(meetingAt.Add(-time.Hour))
		m, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: fmt.Sprintf("Rakor %d", k+1), StartsAt: meetingAt, CreatedBy: 1, SourceUpdate: int64(k + 1)})
		if err != nil {
			t.Fatal(err)
		}
		clock.Set(meetingAt.Add(2 * time.Hour))
		var mins tkpkbot.Minutes
		for i, reg := range districts {
			day := meetingAt.AddDate(0, 0, 7+i)
			mins.Tasks = append(mins.Tasks, tkpkbot.MinutesTask{Region: reg.Code, Task: fmt.Sprintf("Tugas %d-%s", k+1, reg.Name),
				DueOn: time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, wita)})
		}
		dbtest.SendMinutes(t, db, tkpkbot.MinutesDraft{MeetingID: m.ID, CreatedBy: 1, SourceUpdate: int64(k + 1), Awaiting: true}, mins)
		run(clock.Now().Add(24 * time.Hour))
		as, err := db.Actions(ctx, "", false)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if regionIndex(a.RegionCode)%2 == 0 && a.MeetingID == m.ID {
				if _, err := db.CloseAction(ctx, a.ID, 1, "beres"); err != nil {
					t.Fatal(err)
				}
			}
		}
		run(meetingAt.AddDate(0, 0, 28).Add(-2 * time.Hour))
	}
	run(start.AddDate(0, 0, 91))

	var minutes, before72, before24, overdue, other int
	for key, n := range sent {
		if n != 1 {
			t.Errorf("%q sent %d times", key, n)
		}
		switch {
		case strings.Contains(key, "Notulen rapat"):
			minutes++
		case strings.Contains(key, "3 hari lagi"):
			before72++
		case strings.Contains(key, "jam lagi"): // the 24h one, up to a sweep late
			before24++
		case strings.Contains(key, "lewat tenggat"):
			overdue++
		default:
			other++
		}
	}
	open := 3 * len(districts) / 2
	if minutes != 3*(members+1) || before72 != open || before24 != open || overdue != open || other != 0 {
		t.Fatalf("minutes %d (want %d), 72h %d, 24h %d, overdue %d (want %d each), other %d:\n%v",
			minutes, 3*(members+1), before72, before24, overdue, open, other, sent)
	}
	if summaries != 13 || overdueInSummary == 0 {
		t.Fatalf("%d deadline summaries, %d with the overdue line; want 13 and some", summaries, overdueInSummary)
	}
	t.Logf("quarter: %d messages (%d minutes, %d before due, %d overdue), each once; %d sweeps by 2 replicas, %.1f ms per sweep",
		len(sent), minutes, before72+before24, overdue, sweeps, float64(took.Microseconds())/1000/float64(sweeps))
}

func regionIndex(code string) int {
	for i, reg := range tkpkbot.Districts() {
		if reg.Code == code {
			return i
		}
	}
	return -1
}
