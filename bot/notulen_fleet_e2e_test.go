package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
)

// TestMinutesAndTaskRemindersExactlyOnceAcrossAKill: three sweeper
// processes, 500 people; the minutes of a meeting (a task for every
// region) go out while one process is killed in the middle of the
// broadcast and restarted. Every member and the group get the minutes
// once; each region's coordinators get the 72h and 24h reminders and the
// overdue one once, and nobody else does.
func TestMinutesAndTaskRemindersExactlyOnceAcrossAKill(t *testing.T) {
	ctx := context.Background()
	f := newFleet(t, true, 150) // inside the minutes broadcast
	db := f.dbs[0]
	districts := tkpkbot.Districts()
	coordOf := map[int64]string{}
	for i := 0; i < fleetMembers; i++ {
		id := int64(10001 + i)
		role, code := tkpkbot.RolePengamat, ""
		switch {
		case i < 50:
			role, code = tkpkbot.RoleKoordinator, districts[i%10].Code
			coordOf[id] = code
		case i < 55:
			role = tkpkbot.RoleAdmin
		}
		if _, err := db.Pool.Exec(ctx, `INSERT INTO users (id, first_name, role, region_code) VALUES ($1, $2, $3, $4)`,
			id, fmt.Sprintf("Anggota %d", i), string(role), code); err != nil {
			t.Fatal(err)
		}
	}
	m, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor M1", StartsAt: time.Date(2024, 12, 9, 9, 0, 0, 0, wita), CreatedBy: 10051})
	if err != nil {
		t.Fatal(err)
	}
	// The invitation has its own fleet test; without it the kill lands in
	// the minutes.
	if _, err := db.Pool.Exec(ctx, `DELETE FROM reminders WHERE kind = 'meeting_announce'`); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(time.Date(2024, 12, 9, 11, 0, 0, 0, wita))
	var mins tkpkbot.Minutes
	for _, reg := range districts {
		mins.Tasks = append(mins.Tasks, tkpkbot.MinutesTask{Region: reg.Code, Task: "Tugas " + reg.Name, DueOn: time.Date(2024, 12, 20, 0, 0, 0, 0, wita)})
	}
	dbtest.SendMinutes(t, db, tkpkbot.MinutesDraft{MeetingID: m.ID, CreatedBy: 10051, SourceUpdate: 1, Awaiting: true}, mins)
	f.at(f.clock.Now())
	f.at(time.Date(2024, 12, 17, 16, 0, 0, 0, wita))
	f.at(time.Date(2024, 12, 19, 16, 0, 0, 0, wita))
	f.at(time.Date(2024, 12, 20, 16, 0, 0, 0, wita))
	f.at(time.Date(2024, 12, 21, 8, 0, 0, 0, wita)) // nothing more

	want := map[string]int{fmt.Sprintf("%d/minutes", fleetGroup): 1}
	for i := 0; i < fleetMembers; i++ {
		id := int64(10001 + i)
		want[fmt.Sprintf("%d/minutes", id)] = 1
		if code, ok := coordOf[id]; ok {
			for _, k := range []string{"72h", "24h", "overdue"} {
				want[fmt.Sprintf("%d/%s:%s", id, k, code)] = 1
			}
		}
	}
	got := map[string]int{}
	summaries := 0
	for _, c := range f.fake.CallsTo("sendMessage") {
		text := c.Params["text"]
		if strings.Contains(text, "Tenggat laporan lewat") {
			if strings.Contains(text, "Tindak lanjut lewat tenggat: ") {
				summaries++ // the admins' deadline summary names the overdue tasks
			}
			continue
		}
		if c.Err != nil || !strings.Contains(text, "Notulen rapat") && !strings.Contains(text, "indak lanjut") {
			continue
		}
		key := "minutes"
		if !strings.Contains(text, "Notulen rapat") {
			region := "?"
			for _, reg := range districts {
				if strings.Contains(text, "Tugas "+reg.Name) {
					region = reg.Code
				}
			}
			switch {
			case strings.Contains(text, "3 hari lagi"):
				key = "72h:" + region
			case strings.Contains(text, "24 jam lagi"):
				key = "24h:" + region
			case strings.Contains(text, "lewat tenggat"):
				key = "overdue:" + region
			default:
				key = "other:" + text
			}
		}
		got[c.Params["chat_id"]+"/"+key]++
	}
	var bad int
	for k, n := range want {
		if got[k] != n {
			bad++
			if bad < 5 {
				t.Errorf("%s arrived %d times, want %d", k, got[k], n)
			}
		}
	}
	for k := range got {
		if want[k] == 0 {
			bad++
			if bad < 10 {
				t.Errorf("not expected: %s", k)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d follow-up messages wrong", bad, len(want))
	}
	if summaries != 5 { // the 20 December deadline, to the five admins
		t.Fatalf("%d deadline summaries with the overdue line; want 5", summaries)
	}
	if !f.victim.Load() {
		t.Fatal("no replica was killed: the test proved less than it claims")
	}
	var unknown int
	_ = db.Pool.QueryRow(ctx, `SELECT count(*) FROM deliveries WHERE status = 'unknown'`).Scan(&unknown)
	t.Logf("%d minutes and task messages, each exactly once across a kill; %d deliveries recorded as unknown", len(want), unknown)
}
