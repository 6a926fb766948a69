package reminders_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/reminders"
	"tkpkbot/store"
)

// tally counts what went out by the first words of each message.
type tally struct {
	mu     sync.Mutex
	n      int
	byKind map[string]int
}

func (t *tally) SendOnce(_ context.Context, _ int64, html string, _ tkpkbot.Keyboard) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
	kind := "lain"
	for _, k := range []string{"Permintaan bahan", "Pengingat bahan", "Tenggat bahan", "Undangan rapat", "Pengingat rapat"} {
		if strings.Contains(html, k) {
			kind = k
			break
		}
	}
	t.byKind[kind]++
	return t.n, nil
}

// BenchmarkMaterialsQuarter simulates a quarter (13 weekly meetings) with
// 10 regions of 3 coordinators and 2 admins, sweeping every hour: each
// Monday the next meeting is made and its materials requested by Friday
// 16:00; five regions send on Wednesday noon, five never. It checks every
// message went out exactly once (what was sent equals what was recorded
// and what the rules ask for) and reports the messages and the time per
// hourly sweep. Run it with -benchtime=1x.
func BenchmarkMaterialsQuarter(b *testing.B) {
	const meetings, perRegion, admins = 13, 3, 2
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		begin := at(2024, 12, 9, 8, 0) // Monday of 2024-W50
		clock, db := clockAndStore(b, begin, store.Options{})
		districts := tkpkbot.Districts()
		id := int64(1)
		for a := 0; a < admins; a++ {
			memberB(b, db, id, tkpkbot.RoleAdmin, "")
			id++
		}
		sender := map[string]int64{}
		for _, r := range districts {
			for k := 0; k < perRegion; k++ {
				memberB(b, db, id, tkpkbot.RoleKoordinator, r.Code)
				sender[r.Code] = id
				id++
			}
		}
		tg := &tally{byKind: map[string]int{}}
		sw := reminders.New(reminders.Options{Store: db, Holidays: db, Reports: db, Telegram: tg, Clock: clock,
			Location: wita, Log: slogDiscard(), Materials: db, Agenda: db})
		b.StartTimer()
		sweeps, update := 0, int64(1)
		for now := begin; now.Before(begin.Add(meetings * 7 * 24 * time.Hour)); now = now.Add(time.Hour) {
			clock.Set(now)
			day := now.In(wita)
			if day.Weekday() == time.Monday && day.Hour() == 10 {
				mon := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, wita).AddDate(0, 0, 7)
				m, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor " + mon.Format("2006-01-02"), StartsAt: mon, CreatedBy: 1})
				if err != nil {
					b.Fatal(err)
				}
				fri := time.Date(day.Year(), day.Month(), day.Day(), 16, 0, 0, 0, wita).AddDate(0, 0, 4)
				if _, _, err := db.RequestMaterials(ctx, tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: fri, CreatedBy: 1}); err != nil {
					b.Fatal(err)
				}
			}
			if day.Weekday() == time.Wednesday && day.Hour() == 12 {
				var meetingID int64
				if err := db.Pool.QueryRow(ctx, `SELECT max(meeting_id) FROM material_requests`).Scan(&meetingID); err != nil {
					b.Fatal(err)
				}
				for _, r := range districts[:5] {
					if _, err := db.AddMaterial(ctx, tkpkbot.Material{MeetingID: meetingID, Sender: tkpkbot.User{ID: sender[r.Code]},
						Kind: tkpkbot.MaterialText, Body: "https://drive.example.org/bahan", SourceUpdate: update}); err != nil {
						b.Fatal(err)
					}
					update++
				}
			}
			if _, err := sw.RunStats(ctx); err != nil {
				b.Fatal(err)
			}
			sweeps++
		}
		b.StopTimer()
		coords := len(districts) * perRegion
		want := map[string]int{
			"Permintaan bahan": meetings * coords,
			"Pengingat bahan":  meetings * 5 * perRegion * 2, // five silent regions, two offsets
			"Tenggat bahan":    meetings * admins,
		}
		for k, n := range want {
			if tg.byKind[k] != n {
				b.Fatalf("%s: sent %d, want %d (all: %v)", k, tg.byKind[k], n, tg.byKind)
			}
		}
		var recorded int
		if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM deliveries WHERE status = 'sent'`).Scan(&recorded); err != nil {
			b.Fatal(err)
		}
		if recorded != tg.n {
			b.Fatalf("sent %d messages but recorded %d", tg.n, recorded)
		}
		b.ReportMetric(float64(tg.byKind["Permintaan bahan"]+tg.byKind["Pengingat bahan"]+tg.byKind["Tenggat bahan"]), "materials_msgs")
		b.ReportMetric(float64(tg.n), "all_msgs")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(sweeps)/1000, "ms/sweep")
		if i == 0 {
			b.Logf("quarter: %d sweeps, sent %v", sweeps, tg.byKind)
		}
	}
}

func memberB(b *testing.B, db *store.DB, id int64, role tkpkbot.Role, region string) {
	b.Helper()
	if _, err := db.Pool.Exec(context.Background(), `INSERT INTO users (id, first_name, role, region_code) VALUES ($1, $2, $3, $4)`,
		id, fmt.Sprintf("U%d", id), string(role), region); err != nil {
		b.Fatal(err)
	}
}
