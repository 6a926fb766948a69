package reminders_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/pgtest"
	"tkpkbot/reminders"
	"tkpkbot/store"
	"tkpkbot/telegram"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var wita = clocktest.WITA

func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, wita) }

// recorder is a Telegram that remembers messages and fails on demand.
type recorder struct {
	mu   sync.Mutex
	msgs []reminders.Message
	fail func(m reminders.Message) error
}

func (r *recorder) SendOnce(_ context.Context, chat int64, html string, kb tkpkbot.Keyboard) (int, error) {
	m := reminders.Message{ChatID: chat, HTML: html, Keyboard: kb}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(m); err != nil {
			return 0, err
		}
	}
	r.msgs = append(r.msgs, m)
	return len(r.msgs), nil
}

// sendErr is a failure as the transport classifies it.
func sendErr(f tkpkbot.SendFailure, code int, desc string) error {
	return &tkpkbot.SendError{Failure: f, Code: code, Err: fmt.Errorf("telegram sendMessage: %d %s", code, desc)}
}

// take returns and forgets what was sent, as "chat: first line" strings.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.msgs {
		first, _, _ := strings.Cut(m.HTML, "\n")
		out = append(out, fmt.Sprintf("%d: %s", m.ChatID, first))
	}
	r.msgs = nil
	return out
}

type world struct {
	t     *testing.T
	db    *store.DB
	clock *clocktest.Clock
	tg    *recorder
	sw    *reminders.Sweeper
}

// clockAndStore is a test clock at now and a fresh store that reads it;
// opts.Clock is set here.
func clockAndStore(tb testing.TB, now time.Time, opts store.Options) (*clocktest.Clock, *store.DB) {
	tb.Helper()
	clock := clocktest.New(now)
	opts.Clock = clock
	return clock, dbtest.Open(tb, opts)
}

func newWorld(t *testing.T, now time.Time, edit ...func(*reminders.Options)) *world {
	t.Helper()
	clock, db := clockAndStore(t, now, store.Options{})
	w := &world{t: t, db: db, clock: clock, tg: &recorder{}}
	o := reminders.Options{
		Store: db, Holidays: db, Reports: db, Telegram: w.tg, Clock: clock, Location: wita, Log: slogDiscard(),
		ReportChat: -1001,
	}
	for _, e := range edit {
		e(&o)
	}
	w.sw = reminders.New(o)
	return w
}

func (w *world) member(id int64, role tkpkbot.Role, region string) {
	w.t.Helper()
	ctx := context.Background()
	if _, err := w.db.Touch(ctx, tkpkbot.User{ID: id, FirstName: fmt.Sprintf("U%d", id)}); err != nil {
		w.t.Fatal(err)
	}
	// Registration goes through invites in production; here the role is set
	// directly so the test is about reminders only.
	if _, err := w.db.Pool.Exec(ctx, `UPDATE users SET role = $2, region_code = $3 WHERE id = $1`, id, string(role), region); err != nil {
		w.t.Fatal(err)
	}
}

// cast adds the people most tests remind: an admin, the coordinators of
// Samarinda and of Paser (who muted reminders) and a pengamat.
func (w *world) cast() {
	w.t.Helper()
	w.member(admin, tkpkbot.RoleAdmin, "")
	w.member(samKoor, tkpkbot.RoleKoordinator, "6472")
	w.member(pasKoor, tkpkbot.RoleKoordinator, "6401")
	w.member(observ, tkpkbot.RolePengamat, "")
	if _, err := w.db.SetMuted(context.Background(), pasKoor, true); err != nil {
		w.t.Fatal(err)
	}
}

// sweep runs one sweep at time t and returns what went out.
func (w *world) sweep(t time.Time) []string {
	w.t.Helper()
	w.clock.Set(t)
	if _, err := w.sw.RunStats(context.Background()); err != nil {
		w.t.Fatalf("sweep at %v: %v", t, err)
	}
	return w.tg.take()
}

// report stores a submitted report directly: the /lapor form has its own
// tests, and this one is about who gets reminded.
func (w *world) report(user int64, region string, week tkpkbot.Week) {
	w.t.Helper()
	_, err := w.db.Pool.Exec(context.Background(), `INSERT INTO reports (region_code, iso_year, iso_week, version,
		activities, households, budget, obstacles, next_plan, submitted_by, submitted_at, late, form_token)
		VALUES ($1, $2, $3, 1, 'a', 1, 1, '-', 'b', $4, $5, false, $6)`,
		region, week.Year, week.Week, user, w.clock.Now(), fmt.Sprintf("t%d-%s", user, week))
	if err != nil {
		w.t.Fatal(err)
	}
}

func sameSet(t *testing.T, when string, got []string, want ...string) {
	t.Helper()
	g := map[string]int{}
	for _, s := range got {
		g[s]++
	}
	w := map[string]int{}
	for _, s := range want {
		w[s]++
	}
	if fmt.Sprint(g) != fmt.Sprint(w) {
		t.Fatalf("%s: sent\n  %v\nwant\n  %v", when, got, want)
	}
}

const (
	admin   = 1
	samKoor = 2 // Samarinda coordinator
	pasKoor = 3 // Paser coordinator, muted
	observ  = 4 // pengamat who declines the meeting
)

// TestAWeekOfReminders runs Monday to Friday of 2024-W50 in a handful of
// sweeps and checks each message goes to exactly the right people once.
func TestAWeekOfReminders(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, at(2024, 12, 9, 8, 0))
	w.cast()
	m, err := w.db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor <TKPK>", Location: "Kantor Gubernur", StartsAt: at(2024, 12, 12, 9, 0), CreatedBy: admin})
	if err != nil {
		t.Fatal(err)
	}
	// Announcement: everyone, the muted one and the group too.
	ann := "📣 <b>Undangan rapat</b>"
	sameSet(t, "Monday", w.sweep(at(2024, 12, 9, 8, 0)),
		"1: "+ann, "2: "+ann, "3: "+ann, "4: "+ann, "-1001: "+ann)
	sameSet(t, "Monday again", w.sweep(at(2024, 12, 9, 8, 1)))

	if _, _, err := w.db.SetRSVP(ctx, m.ID, observ, tkpkbot.RSVPTidakHadir); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.db.SetRSVP(ctx, m.ID, samKoor, tkpkbot.RSVPHadir); err != nil {
		t.Fatal(err)
	}
	// 24 h before: not the muted one, not the one who declined.
	r24 := "⏰ <b>Pengingat rapat — 24 jam lagi</b>"
	sameSet(t, "Wednesday 09:00", w.sweep(at(2024, 12, 11, 9, 0)), "1: "+r24, "2: "+r24)
	// The 2 h reminder still reaches who said Hadir.
	r2 := "⏰ <b>Pengingat rapat — 2 jam lagi</b>"
	sameSet(t, "Thursday 07:00", w.sweep(at(2024, 12, 12, 7, 0)), "1: "+r2, "2: "+r2)

	// Report deadline Friday 16:00: the 24 h reminder goes to coordinators
	// who have not reported and did not mute; Paser is muted.
	rep := "📝 <b>Pengingat laporan mingguan</b>"
	sameSet(t, "Thursday 16:00", w.sweep(at(2024, 12, 12, 16, 0)), "2: "+rep)
	w.report(samKoor, "6472", tkpkbot.Week{Year: 2024, Week: 50})
	sameSet(t, "Friday 13:00", w.sweep(at(2024, 12, 13, 13, 0)))
	sum := w.sweepTexts(at(2024, 12, 13, 16, 0))
	if len(sum) != 1 || sum[0].ChatID != admin || !strings.Contains(sum[0].HTML, "Belum melapor (9 dari 10 wilayah)") ||
		strings.Contains(sum[0].HTML, "Samarinda") || !strings.Contains(sum[0].HTML, "Paser") {
		t.Fatalf("summary = %+v", sum)
	}
	// The meeting text is escaped.
	sameSet(t, "Friday evening", w.sweep(at(2024, 12, 13, 20, 0)))
	var open int
	if err := w.db.Pool.QueryRow(ctx, `SELECT count(*) FROM reminders WHERE status IN ('open', 'pending') AND due_at <= $1`, w.clock.Now()).Scan(&open); err != nil || open != 0 {
		t.Fatalf("reminders still open after the week: %d %v", open, err)
	}
}

func (w *world) sweepTexts(t time.Time) []reminders.Message {
	w.t.Helper()
	w.clock.Set(t)
	if _, err := w.sw.RunStats(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	w.tg.mu.Lock()
	defer w.tg.mu.Unlock()
	out := w.tg.msgs
	w.tg.msgs = nil
	return out
}

func TestWeekOffAndMovedDeadline(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, at(2024, 12, 16, 8, 0)) // Monday of W51
	w.member(admin, tkpkbot.RoleAdmin, "")
	w.member(samKoor, tkpkbot.RoleKoordinator, "6472")
	// W52 (23-29 Dec) is off; in W51 Friday 20 Dec is a day off, so the
	// deadline moves to Thursday 19 Dec 16:00.
	if _, err := w.db.AddHoliday(ctx, tkpkbot.Holiday{Week: tkpkbot.Week{Year: 2024, Week: 52}, CreatedBy: admin}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.AddHoliday(ctx, tkpkbot.Holiday{Day: at(2024, 12, 20, 0, 0), CreatedBy: admin}); err != nil {
		t.Fatal(err)
	}
	sameSet(t, "Monday", w.sweep(at(2024, 12, 16, 8, 0)))
	msgs := w.sweepTexts(at(2024, 12, 18, 16, 0))
	if len(msgs) != 1 || msgs[0].ChatID != samKoor || !strings.Contains(msgs[0].HTML, "Kamis, 19 Desember 2024 pukul 16.00 WITA") {
		t.Fatalf("moved-deadline reminder = %+v", msgs)
	}
	sameSet(t, "Thursday 13:00", w.sweep(at(2024, 12, 19, 13, 0)), "2: 📝 <b>Pengingat laporan mingguan</b>")
	sameSet(t, "Thursday 16:00", w.sweep(at(2024, 12, 19, 16, 0)), "1: 📊 <b>Tenggat laporan lewat</b>")
	// The whole week off: nothing at all.
	for _, ts := range []time.Time{at(2024, 12, 23, 8, 0), at(2024, 12, 26, 16, 0), at(2024, 12, 27, 13, 0), at(2024, 12, 27, 16, 0), at(2024, 12, 28, 9, 0)} {
		sameSet(t, ts.String(), w.sweep(ts))
	}
}

func TestSendFailures(t *testing.T) {
	ctx := context.Background()
	ft := clocktest.New(time.Unix(1_700_000_000, 0))
	w := newWorld(t, at(2024, 12, 9, 8, 0), func(o *reminders.Options) {
		o.ReportChat = 0
		o.Limiter = telegram.NewLimiter(25, 1, time.Second, ft.Now, ft.Sleep)
	})
	for id := int64(10); id < 16; id++ {
		w.member(id, tkpkbot.RolePengamat, "")
	}
	calls := map[int64]int{}
	w.tg.fail = func(m reminders.Message) error {
		calls[m.ChatID]++
		n := calls[m.ChatID]
		switch m.ChatID {
		case 10:
			return sendErr(tkpkbot.SendUnreachable, 403, "Forbidden: bot was blocked by the user")
		case 11: // fails twice, then works
			if n <= 2 {
				return sendErr(tkpkbot.SendTransient, 502, "Bad Gateway")
			}
		case 12: // 429 once: the same message is retried in the same sweep
			if n == 1 {
				return &tkpkbot.SendError{Failure: tkpkbot.SendRateLimited, Code: 429, RetryAfter: time.Second, Err: errors.New("Too Many Requests")}
			}
		case 13:
			return fmt.Errorf("telegram sendMessage: %w", context.DeadlineExceeded)
		case 14:
			return sendErr(tkpkbot.SendTransient, 500, "Internal Server Error")
		}
		return nil
	}
	if _, err := w.db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor", StartsAt: at(2024, 12, 30, 9, 0)}); err != nil {
		t.Fatal(err)
	}
	w.clock.Set(at(2024, 12, 9, 8, 0))
	st, err := w.sw.RunStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != 2 || st.Unreachable != 1 || st.Unknown != 1 || st.Retried != 2 || st.RateLimited != 1 {
		t.Fatalf("first sweep stats = %+v", st)
	}
	if u, _ := w.db.FindUser(ctx, 10); !u.Unreachable {
		t.Fatal("403 did not mark user 10 unreachable")
	}
	// Backoff: nothing is retried before 30 s have passed.
	w.sweep(at(2024, 12, 9, 8, 0).Add(10 * time.Second))
	if calls[11] != 1 {
		t.Fatalf("retried before backoff: %d calls", calls[11])
	}
	// Four minutes on: 11 succeeds on its third try; 14 keeps failing
	// until MaxAttempts and then is given up.
	for i := 1; i <= 40; i++ {
		w.sweep(at(2024, 12, 9, 8, 0).Add(time.Duration(i) * 2 * time.Minute))
	}
	want := map[int64]int{10: 1, 11: 3, 12: 2, 13: 1, 14: 5, 15: 1}
	for chat, n := range want {
		if calls[chat] != n {
			t.Errorf("chat %d: %d calls, want %d", chat, calls[chat], n)
		}
	}
	rows, err := w.db.Pool.Query(ctx, `SELECT chat_id, status FROM deliveries ORDER BY chat_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int64]string{}
	for rows.Next() {
		var c int64
		var s string
		if err := rows.Scan(&c, &s); err != nil {
			t.Fatal(err)
		}
		got[c] = s
	}
	wantStatus := map[int64]string{10: "unreachable", 11: "sent", 12: "sent", 13: "unknown", 14: "failed", 15: "sent"}
	if fmt.Sprint(got) != fmt.Sprint(wantStatus) {
		t.Fatalf("statuses = %v, want %v", got, wantStatus)
	}
	// Unreachable people are skipped from then on, until they write again.
	if _, err := w.db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor 2", StartsAt: at(2024, 12, 31, 9, 0)}); err != nil {
		t.Fatal(err)
	}
	before := calls[10]
	w.sweep(w.clock.Now())
	if calls[10] != before {
		t.Fatal("sent to an unreachable person again")
	}
}

// TestTwoSweepersConcurrently races two sweepers (two pools, no sender
// lock) over one broadcast; each person gets it exactly once.
func TestTwoSweepersConcurrently(t *testing.T) {
	ctx := context.Background()
	clock := clocktest.New(at(2024, 12, 9, 8, 0))
	url := dbtest.URL(t)
	tg := &recorder{}
	var sweepers []*reminders.Sweeper
	var dbs []*store.DB
	for i := 0; i < 2; i++ {
		db, err := store.Open(ctx, url, store.Options{Clock: clock, Location: wita, MaxConns: 12})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(db.Close)
		dbs = append(dbs, db)
		sweepers = append(sweepers, reminders.New(reminders.Options{
			Store: db, Holidays: db, Reports: db, Telegram: tg, Clock: clock, Location: wita, Log: slogDiscard(),
			Batch: 13, Workers: 4, NoSenderLock: true,
			Owner: fmt.Sprintf("s%d", i),
		}))
	}
	if _, err := dbs[0].Pool.Exec(ctx, `INSERT INTO users (id, first_name, role) SELECT i, 'U', 'pengamat' FROM generate_series(1, 200) i`); err != nil {
		t.Fatal(err)
	}
	if _, err := dbs[0].CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor", StartsAt: at(2024, 12, 30, 9, 0)}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, s := range sweepers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.Run(ctx); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	per := map[int64]int{}
	for _, m := range tg.msgs {
		per[m.ChatID]++
	}
	if len(per) != 200 {
		t.Fatalf("%d chats reached, want 200", len(per))
	}
	for c, n := range per {
		if n != 1 {
			t.Errorf("chat %d got %d messages", c, n)
		}
	}
}

func TestSchedulerRunsAtStartWakesAndStops(t *testing.T) {
	runs := make(chan struct{}, 10)
	wakeNow := make(chan struct{})
	s := reminders.NewScheduler(wita, slogDiscard(), reminders.Sweep{
		Name: "x", Spec: "@every 1h",
		Run: func(ctx context.Context) error { runs <- struct{}{}; return nil },
		Wake: func(ctx context.Context, wake func()) error {
			for {
				select {
				case <-wakeNow:
					wake()
				case <-ctx.Done():
					return nil
				}
			}
		},
	}, reminders.Sweep{Name: "boom", Spec: "@every 1h", Run: func(context.Context) error { panic("boom") }})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	waitRun := func(what string) {
		select {
		case <-runs:
		case <-time.After(5 * time.Second):
			t.Fatalf("no run %s", what)
		}
	}
	waitRun("at start-up")
	wakeNow <- struct{}{}
	waitRun("on wake-up")
	if err := s.RunNow(context.Background(), "x"); err != nil {
		t.Fatal(err)
	}
	waitRun("on RunNow")
	if err := s.RunNow(context.Background(), "boom"); err == nil || !strings.Contains(err.Error(), "panic: boom") {
		t.Fatalf("panicking sweep = %v", err)
	}
	done := make(chan struct{})
	go func() { s.Stop(time.Second); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop hung")
	}
	s.Stop(time.Second) // idempotent
}

func slogDiscard() *slog.Logger { return slog.New(slog.DiscardHandler) }
