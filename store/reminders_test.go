package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

const lease = 2 * time.Minute

// openPair returns two stores (two pools) on one fresh database, as two
// replicas of the bot would be, sharing a clock that stands at start.
func openPair(t *testing.T) (*store.DB, *store.DB, *clocktest.Clock) {
	t.Helper()
	clock := clocktest.New(start)
	a, b := dbtest.Pair(t, store.Options{Clock: clock, MaxConns: 8})
	return a, b, clock
}

func members(t *testing.T, db *store.DB, n int) {
	t.Helper()
	_, err := db.Pool.Exec(context.Background(), `INSERT INTO users (id, first_name, role, region_code)
		SELECT 1000 + i, 'U' || i, 'pengamat', '' FROM generate_series(1, $1) AS i`, n)
	if err != nil {
		t.Fatal(err)
	}
}

// announced registers n members and expands the announcement of a meeting
// three days ahead into their deliveries, for the tests that claim them.
func announced(t *testing.T, db *store.DB, n int, now time.Time) {
	t.Helper()
	members(t, db, n)
	ctx := context.Background()
	if _, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor", StartsAt: start.Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExpandDue(ctx, now, 10, 0, tkpkbot.Calendar{}); err != nil {
		t.Fatal(err)
	}
}

func deliveryStatuses(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	type tally struct {
		Status string
		N      int
	}
	out := map[string]int{}
	for _, c := range collect(t, db, pgx.RowToStructByPos[tally], `SELECT status, count(*) FROM deliveries GROUP BY status`) {
		out[c.Status] = c.N
	}
	return out
}

func TestExpandDueOnceUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	a, b, clock := openPair(t)
	members(t, a, 40)
	for i := 0; i < 5; i++ {
		if _, err := a.CreateMeeting(ctx, tkpkbot.Meeting{Title: fmt.Sprintf("Rapat %d", i), StartsAt: start.Add(72 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	total, expanded := 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		db := []*store.DB{a, b}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				xs, err := db.ExpandDue(ctx, clock.Now(), 2, -100, tkpkbot.Calendar{})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, x := range xs {
					total += x.Recipients
					expanded++
				}
				mu.Unlock()
				if len(xs) == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	// 40 members + the report group, for each of 5 meetings, once.
	if expanded != 5 || total != 5*41 {
		t.Fatalf("expanded %d reminders into %d deliveries, want 5 into %d", expanded, total, 5*41)
	}
	if st := deliveryStatuses(t, a); st["pending"] != 5*41 {
		t.Fatalf("statuses = %v", st)
	}
}

// TestClaimDeliverExactlyOnce runs four claim/send/record loops on two
// pools; every delivery must be sent by exactly one of them.
func TestClaimDeliverExactlyOnce(t *testing.T) {
	ctx := context.Background()
	a, b, clock := openPair(t)
	announced(t, a, 300, clock.Now())
	var mu sync.Mutex
	sent := map[int64]int{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		db := []*store.DB{a, b}[i%2]
		owner := fmt.Sprintf("w%d", i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ds, err := db.ClaimDeliveries(ctx, owner, clock.Now(), lease, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ds) == 0 {
					return
				}
				for _, d := range ds {
					ok, err := db.MarkSending(ctx, d.DeliveryKey, owner, clock.Now(), lease)
					if err != nil || !ok {
						t.Errorf("mark sending %v: %v %v", d.DeliveryKey, ok, err)
						continue
					}
					mu.Lock()
					sent[d.ChatID]++
					mu.Unlock()
					if err := db.Finish(ctx, d.DeliveryKey, owner, clock.Now(), tkpkbot.Outcome{Status: tkpkbot.DeliverySent, MessageID: 1}); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	if len(sent) != 300 {
		t.Fatalf("sent to %d chats, want 300", len(sent))
	}
	for chat, n := range sent {
		if n != 1 {
			t.Errorf("chat %d sent %d times", chat, n)
		}
	}
	if st := deliveryStatuses(t, a); st["sent"] != 300 || len(st) != 1 {
		t.Fatalf("statuses = %v", st)
	}
	if n, err := a.CloseReminders(ctx); err != nil || n != 1 {
		t.Fatalf("close reminders = %d, %v", n, err)
	}
}

// TestLeaseExpiry: a claimant that died leaves claimed rows (retaken once
// the lease expires) and at most one sending row (never resent).
func TestLeaseExpiry(t *testing.T) {
	ctx := context.Background()
	a, b, clock := openPair(t)
	announced(t, a, 5, clock.Now())
	dead, err := a.ClaimDeliveries(ctx, "dead", clock.Now(), lease, 10)
	if err != nil || len(dead) != 5 {
		t.Fatalf("claim = %d, %v", len(dead), err)
	}
	if ok, err := a.MarkSending(ctx, dead[0].DeliveryKey, "dead", clock.Now(), lease); !ok || err != nil {
		t.Fatalf("mark sending: %v %v", ok, err)
	}
	// Before the lease expires nobody else gets them.
	if ds, err := b.ClaimDeliveries(ctx, "alive", clock.Now(), lease, 10); err != nil || len(ds) != 0 {
		t.Fatalf("claimed under a live lease: %d %v", len(ds), err)
	}
	clock.Advance(lease + time.Second)
	keys, err := b.ExpireSending(ctx, clock.Now())
	if err != nil || len(keys) != 1 || keys[0] != dead[0].DeliveryKey {
		t.Fatalf("expired sending = %v, %v", keys, err)
	}
	ds, err := b.ClaimDeliveries(ctx, "alive", clock.Now(), lease, 10)
	if err != nil || len(ds) != 4 {
		t.Fatalf("reclaimed %d, %v; want the 4 never sent", len(ds), err)
	}
	// The dead one wakes up: it may not send or record what it lost.
	if ok, err := a.MarkSending(ctx, dead[1].DeliveryKey, "dead", clock.Now(), lease); ok || err != nil {
		t.Fatalf("stale owner marked sending: %v %v", ok, err)
	}
	if err := a.Finish(ctx, dead[1].DeliveryKey, "dead", clock.Now(), tkpkbot.Outcome{Status: tkpkbot.DeliverySent}); err == nil {
		t.Fatal("stale owner recorded an outcome")
	}
	// Unclaim hands the rest back for an immediate retake.
	if n, err := b.Unclaim(ctx, "alive"); err != nil || n != 4 {
		t.Fatalf("unclaim = %d, %v", n, err)
	}
	if st := deliveryStatuses(t, a); st["pending"] != 4 || st["unknown"] != 1 {
		t.Fatalf("statuses = %v", st)
	}
}

func TestOutcomesRetryAndUnreachable(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	announced(t, db, 2, clock.Now())
	ds, _ := db.ClaimDeliveries(ctx, "me", clock.Now(), lease, 10)
	for _, d := range ds {
		if ok, _ := db.MarkSending(ctx, d.DeliveryKey, "me", clock.Now(), lease); !ok {
			t.Fatal("mark")
		}
	}
	if err := db.Finish(ctx, ds[0].DeliveryKey, "me", clock.Now(), tkpkbot.Outcome{Status: tkpkbot.DeliveryUnreachable, Note: "403"}); err != nil {
		t.Fatal(err)
	}
	if u, _ := db.FindUser(ctx, ds[0].ChatID); !u.Unreachable {
		t.Fatal("403 did not mark the user unreachable")
	}
	if err := db.Finish(ctx, ds[1].DeliveryKey, "me", clock.Now(), tkpkbot.Outcome{Retry: true, RetryAt: clock.Now().Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.ClaimDeliveries(ctx, "me", clock.Now(), lease, 10); len(again) != 0 {
		t.Fatal("retry claimed before its time")
	}
	clock.Advance(time.Minute)
	again, err := db.ClaimDeliveries(ctx, "me", clock.Now(), lease, 10)
	if err != nil || len(again) != 1 || again[0].Attempts != 1 || again[0].ChatID != ds[1].ChatID {
		t.Fatalf("retry = %+v, %v", again, err)
	}
	// A 429: back to claimed, then sending again.
	if ok, _ := db.MarkSending(ctx, again[0].DeliveryKey, "me", clock.Now(), lease); !ok {
		t.Fatal("mark")
	}
	if err := db.Release(ctx, again[0].DeliveryKey, "me", clock.Now().Add(lease)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.MarkSending(ctx, again[0].DeliveryKey, "me", clock.Now(), lease); !ok {
		t.Fatal("mark after release")
	}
}

func TestPlanningAndSuperseding(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	members(t, db, 3)
	offsets := []time.Duration{168 * time.Hour, 24 * time.Hour, 2 * time.Hour}
	// 30 h ahead: the week-before offset is already past and skipped.
	m, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor", StartsAt: start.Add(30 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		n, err := db.PlanMeetingReminders(ctx, offsets, clock.Now())
		if err != nil || n != []int{2, 0}[i] {
			t.Fatalf("plan %d = %d, %v", i, n, err)
		}
	}
	// The bot was down until 1 h before the meeting: the announcement, the
	// 24 h and the 2 h reminder are all due. Only the announcement goes.
	clock.Set(m.StartsAt.Add(-time.Hour))
	xs, err := db.ExpandDue(ctx, clock.Now(), 10, 0, tkpkbot.Calendar{})
	if err != nil || len(xs) != 3 {
		t.Fatalf("expand = %+v, %v", xs, err)
	}
	for _, x := range xs {
		want := map[tkpkbot.ReminderKind]tkpkbot.DropReason{tkpkbot.KindMeetingAnnounce: "", tkpkbot.KindMeetingBefore: tkpkbot.DropSuperseded}[x.Reminder.Kind]
		if x.Dropped != want {
			t.Errorf("%s dropped %q, want %q", x.Reminder.Key, x.Dropped, want)
		}
	}

	// A meeting whose time passed while down: dropped as past.
	m2, _ := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Lama", StartsAt: clock.Now().Add(30 * time.Minute)})
	clock.Advance(time.Hour)
	xs, err = db.ExpandDue(ctx, clock.Now(), 10, 0, tkpkbot.Calendar{})
	if err != nil || len(xs) != 1 || xs[0].Reminder.MeetingID != m2.ID || xs[0].Dropped != tkpkbot.DropExpired {
		t.Fatalf("expired expansion = %+v, %v", xs, err)
	}

	// Report reminders: idempotent, due moved while pending, kept once out.
	w := tkpkbot.Week{Year: 2024, Week: 51}
	plan := func(due time.Time) []tkpkbot.ReminderPlan {
		return []tkpkbot.ReminderPlan{{Key: "report_before:2024-W51:86400", Kind: tkpkbot.KindReportBefore, Week: w,
			Offset: 24 * time.Hour, DueAt: due, ExpiresAt: due.Add(24 * time.Hour)}}
	}
	due := time.Date(2024, 12, 19, 16, 0, 0, 0, wita)
	if n, err := db.PlanReminders(ctx, plan(due), clock.Now()); err != nil || n != 1 {
		t.Fatalf("plan = %d, %v", n, err)
	}
	if n, err := db.PlanReminders(ctx, plan(due), clock.Now()); err != nil || n != 0 {
		t.Fatalf("replan = %d, %v", n, err)
	}
	moved := due.Add(-24 * time.Hour)
	if _, err := db.PlanReminders(ctx, plan(moved), clock.Now()); err != nil {
		t.Fatal(err)
	}
	var got time.Time
	if err := db.Pool.QueryRow(ctx, `SELECT due_at FROM reminders WHERE dedup_key = 'report_before:2024-W51:86400'`).Scan(&got); err != nil || !got.Equal(moved) {
		t.Fatalf("due = %v, %v; want %v", got, err, moved)
	}
	// A week off drops it when due.
	clock.Set(moved)
	xs, err = db.ExpandDue(ctx, clock.Now(), 10, 0, tkpkbot.Calendar{Holidays: []tkpkbot.Holiday{{Week: w, Note: "Cuti bersama"}}})
	if err != nil || len(xs) != 1 || xs[0].Dropped != tkpkbot.DropWeekOff {
		t.Fatalf("week off = %+v, %v", xs, err)
	}
}

func TestSenderLockIsExclusive(t *testing.T) {
	ctx := context.Background()
	a, b, _ := openPair(t)
	release, ok, err := a.SenderLock(ctx)
	if err != nil || !ok {
		t.Fatalf("first lock: %v %v", ok, err)
	}
	if _, ok, err := b.SenderLock(ctx); err != nil || ok {
		t.Fatalf("second lock while held: %v %v", ok, err)
	}
	release()
	release2, ok, err := b.SenderLock(ctx)
	if err != nil || !ok {
		t.Fatalf("lock after release: %v %v", ok, err)
	}
	release2()
	// A holder whose process dies frees the lock with its session; the
	// session is killed from outside, as a crashed replica's would end.
	dying, ok, _ := a.SenderLock(ctx)
	if !ok {
		t.Fatal("relock")
	}
	defer dying() // its connection is dead: this discards it
	if _, err := b.Pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		rel, ok, err := b.SenderLock(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			rel()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("lock not freed when its holder's session ended")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestWaitWakeHearsNewMeetings(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, b, _ := openPair(t)
	woken := make(chan struct{}, 4)
	done := make(chan error, 1)
	go func() { done <- b.WaitWake(ctx, func() { woken <- struct{}{} }) }()
	// LISTEN is asynchronous to this goroutine: retry until it is heard.
	deadline := time.After(10 * time.Second)
	for heard := false; !heard; {
		if _, err := a.CreateMeeting(context.Background(), tkpkbot.Meeting{Title: "Rakor", StartsAt: start.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-woken:
			heard = true
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			t.Fatal("no wake-up")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("WaitWake after cancel = %v", err)
	}
}
