package reminders

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"tkpkbot"
	"tkpkbot/metrics"
)

// Options configure a Sweeper. Store, Holidays, Reports, Telegram and
// Clock are required; the rest have defaults.
type Options struct {
	Store    tkpkbot.ReminderStore
	Holidays tkpkbot.HolidayService
	Reports  tkpkbot.ReportService
	// Notices reads what an import changed for a figures_notice's
	// recipient; nil drops such notices (tests of other kinds).
	Notices interface {
		NoticeChanges(ctx context.Context, importID, userID int64) ([]tkpkbot.FigureChange, error)
	}
	Telegram Telegram
	Clock    tkpkbot.Clock
	Location *time.Location
	Log      *slog.Logger

	Deadline   tkpkbot.Deadline
	ReportChat int64 // REPORT_CHAT_ID; 0 for none
	// MeetingOffsets (REMINDER_OFFSETS) and ReportOffsets
	// (REPORT_REMINDER_OFFSETS): nil means the defaults, empty means none.
	MeetingOffsets []time.Duration
	ReportOffsets  []time.Duration
	// FollowUps sends minutes and chases follow-up tasks at ActionOffsets
	// (ACTION_REMINDER_OFFSETS; nil: the defaults) before they are due;
	// nil FollowUps plans none.
	FollowUps     tkpkbot.FollowUpReminders
	ActionOffsets []time.Duration
	// Materials plans the reminders before a materials deadline at
	// MaterialsOffsets (MATERIALS_REMINDER_OFFSETS; nil means the
	// defaults); nil Materials plans none. Agenda, if set, puts the
	// meeting's agenda in the reminder before it.
	Materials        MaterialsPlanner
	MaterialsOffsets []time.Duration
	Agenda           AgendaSource

	// Limiter paces sends to Telegram's limits (telegram.NewLimiter with
	// its defaults in production); nil sends unpaced.
	Limiter Pacer
	// Workers send concurrently within the limits; default 8.
	Workers int
	// Batch is how many deliveries one claim takes; default 100.
	Batch int
	// Lease is how long a claim or a send in flight stays ours. It must
	// outlast one send including its HTTP timeout; default 2 minutes.
	Lease time.Duration
	// MaxAttempts bounds sends of one delivery that failed for a transient
	// reason; default 5.
	MaxAttempts int
	// SendTimeout bounds one Bot API call; default 30 s.
	SendTimeout time.Duration
	// Owner names this sweeper in leases; default host/pid/random.
	Owner string
	// NoSenderLock lets every sweeper send at once. Only tests use it, to
	// race claims; production keeps one sender so the rate limit is global.
	NoSenderLock bool
}

// Sweeper plans reminders, fans due ones out to recipients and sends each
// (reminder, recipient) message at most once, across restarts and
// replicas.
//
// The exactly-once argument, in short:
//   - a reminder is expanded into deliveries in the same transaction that
//     moves it out of pending, under FOR UPDATE SKIP LOCKED: once;
//   - a delivery row is unique per (reminder, chat); sweepers lease rows
//     with SKIP LOCKED, and only the lease holder may move a row to
//     "sending", in a conditional UPDATE committed before the Bot API call;
//   - a claimed row whose holder died is leased again after the lease
//     expires: nothing was sent yet, so nothing is lost or doubled;
//   - a row left in "sending" (the holder died during the call, or the
//     call failed in a way that may have delivered) is never resent; it
//     becomes "unknown" and is logged. That is the one window Telegram's
//     API leaves open (no idempotency key), and we choose at-most-once for
//     it because a duplicate reminder costs more trust than a rare missing
//     one. Everything outside that window is exactly once.
type Sweeper struct {
	o     Options
	log   *slog.Logger
	owner string
	lim   Pacer
}

// New builds a sweeper.
func New(o Options) *Sweeper {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Deadline == (tkpkbot.Deadline{}) {
		o.Deadline = tkpkbot.DefaultDeadline
	}
	if o.MeetingOffsets == nil {
		o.MeetingOffsets = DefaultMeetingOffsets
	}
	if o.ReportOffsets == nil {
		o.ReportOffsets = DefaultReportOffsets
	}
	if o.ActionOffsets == nil {
		o.ActionOffsets = DefaultActionOffsets
	}
	if o.MaterialsOffsets == nil {
		o.MaterialsOffsets = DefaultMaterialsOffsets
	}
	if o.Limiter == nil {
		o.Limiter = unpaced{}
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.Batch <= 0 {
		o.Batch = 100
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.SendTimeout <= 0 {
		o.SendTimeout = 30 * time.Second
	}
	if o.Owner == "" {
		o.Owner = defaultOwner()
	}
	return &Sweeper{o: o, log: o.Log.With("sweeper", o.Owner), owner: o.Owner, lim: o.Limiter}
}

func defaultOwner() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Owner is the name this sweeper leases rows under.
func (s *Sweeper) Owner() string { return s.owner }

// Sweep is the scheduler job: every minute, at start-up, and whenever a
// replica schedules a reminder for now.
func (s *Sweeper) Sweep() Sweep {
	return Sweep{Name: "reminders", Spec: "* * * * *", Run: s.Run, Wake: s.o.Store.WaitWake}
}

// Stats counts what one Run did.
type Stats struct {
	Planned, Expanded, Dropped   int
	Sent, Skipped, Expired       int
	Unreachable, Failed, Retried int
	Unknown, RateLimited         int
}

// Run is one sweep. It is safe to run concurrently in several processes
// and goroutines.
func (s *Sweeper) Run(ctx context.Context) error {
	_, err := s.RunStats(ctx)
	return err
}

// RunStats is Run that reports what it did, for tests and benchmarks.
func (s *Sweeper) RunStats(ctx context.Context) (Stats, error) {
	var st Stats
	now := s.o.Clock.Now()
	cur := tkpkbot.WeekOf(now, s.o.Location)
	cal, err := s.o.Holidays.Calendar(ctx, cur.Prev().Prev(), cur.Next())
	if err != nil {
		return st, fmt.Errorf("load calendar: %w", err)
	}
	if st.Planned, err = s.plan(ctx, now, cur, cal); err != nil {
		return st, err
	}
	if err := s.expand(ctx, now, cal, &st); err != nil {
		return st, err
	}
	stuck, err := s.o.Store.ExpireSending(ctx, now)
	if err != nil {
		return st, err
	}
	for _, k := range stuck {
		st.Unknown++
		s.log.Warn("reminder delivery outcome unknown; not resent to avoid a duplicate",
			"reminder", k.ReminderID, "chat", k.ChatID)
	}
	if err := s.deliver(ctx, cal, &st); err != nil {
		return st, err
	}
	if _, err := s.o.Store.CloseReminders(ctx); err != nil {
		return st, err
	}
	if st.Sent+st.Expanded+st.Dropped+st.Failed+st.Unreachable+st.Unknown > 0 {
		s.log.Info("reminder sweep", "planned", st.Planned, "expanded", st.Expanded, "dropped", st.Dropped,
			"sent", st.Sent, "skipped", st.Skipped, "expired", st.Expired, "unreachable", st.Unreachable,
			"failed", st.Failed, "retried", st.Retried, "unknown", st.Unknown, "rate_limited", st.RateLimited)
	}
	return st, nil
}

// plan makes sure the reminders of this week, the next one and upcoming
// meetings exist. Report reminders are created lazily, a week ahead, so a
// changed REPORT_DEADLINE or a new day off applies to what is not yet due;
// being a week ahead also means a reminder that falls due during an outage
// already has its row and is caught up at start-up.
func (s *Sweeper) plan(ctx context.Context, now time.Time, cur tkpkbot.Week, cal tkpkbot.Calendar) (int, error) {
	var plans []tkpkbot.ReminderPlan
	for _, w := range []tkpkbot.Week{cur, cur.Next()} {
		if _, off := cal.WeekOff(w, s.o.Location); off {
			continue // pending ones already planned are dropped when due
		}
		deadline := cal.Deadline(s.o.Deadline, w, s.o.Location)
		for _, off := range s.o.ReportOffsets {
			plans = append(plans, tkpkbot.ReminderPlan{
				Key:  fmt.Sprintf("%s:%s:%d", tkpkbot.KindReportBefore, w, int64(off/time.Second)),
				Kind: tkpkbot.KindReportBefore, Week: w, Offset: off,
				DueAt: deadline.Add(-off), ExpiresAt: deadline,
			})
		}
		plans = append(plans, tkpkbot.ReminderPlan{
			Key:  fmt.Sprintf("%s:%s", tkpkbot.KindReportSummary, w),
			Kind: tkpkbot.KindReportSummary, Week: w,
			// A summary still helps after a weekend outage; after three
			// days the next week's reminders have taken over.
			DueAt: deadline, ExpiresAt: deadline.Add(72 * time.Hour),
		})
	}
	n, err := s.o.Store.PlanReminders(ctx, plans, now)
	if err != nil {
		return 0, err
	}
	m, err := s.o.Store.PlanMeetingReminders(ctx, s.o.MeetingOffsets, now)
	if err != nil {
		return n + m, err
	}
	if s.o.Materials != nil {
		k, err := s.o.Materials.PlanMaterialsReminders(ctx, s.o.MaterialsOffsets, now)
		if err != nil {
			return n + m + k, err
		}
		m += k
	}
	if s.o.FollowUps != nil {
		a, err := s.o.FollowUps.PlanActionReminders(ctx, s.o.ActionOffsets, now)
		return n + m + a, err
	}
	return n + m, nil
}

// expand fans out every due reminder, a batch per transaction so no lock
// is held for long.
func (s *Sweeper) expand(ctx context.Context, now time.Time, cal tkpkbot.Calendar, st *Stats) error {
	const batch = 20
	for ctx.Err() == nil {
		xs, err := s.o.Store.ExpandDue(ctx, now, batch, s.o.ReportChat, cal)
		if err != nil {
			return err
		}
		for _, x := range xs {
			if x.Dropped != "" {
				st.Dropped++
				metrics.Reminders.WithLabelValues(string(x.Reminder.Kind), "dropped").Inc()
				s.log.Info("reminder dropped", "reminder", x.Reminder.ID, "key", x.Reminder.Key,
					"due", x.Reminder.DueAt, "reason", x.Dropped)
				continue
			}
			st.Expanded++
			metrics.Reminders.WithLabelValues(string(x.Reminder.Kind), "due").Inc()
			s.log.Debug("reminder due", "reminder", x.Reminder.ID, "key", x.Reminder.Key, "recipients", x.Recipients)
		}
		if len(xs) < batch {
			return nil
		}
	}
	return ctx.Err()
}

// deliver sends everything ready, holding the sender lock so that only
// one replica talks to Telegram at a time.
func (s *Sweeper) deliver(ctx context.Context, cal tkpkbot.Calendar, st *Stats) error {
	if !s.o.NoSenderLock {
		release, ok, err := s.o.Store.SenderLock(ctx)
		if err != nil {
			return err
		}
		if !ok {
			s.log.Debug("another process is sending reminders")
			return nil
		}
		defer release()
	}
	sums := &summaries{reports: s.o.Reports, followUps: s.o.FollowUps, loc: s.o.Location, now: s.o.Clock.Now(), agenda: &agendas{src: s.o.Agenda}}
	for ctx.Err() == nil {
		now := s.o.Clock.Now()
		ds, err := s.o.Store.ClaimDeliveries(ctx, s.owner, now, s.o.Lease, s.o.Batch)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return nil
		}
		s.sendBatch(ctx, ds, cal, sums, st)
	}
	// Stopping: what we claimed but never started goes back at once
	// rather than waiting out the lease. A killed process skips this and
	// the lease covers it.
	uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if n, err := s.o.Store.Unclaim(uctx, s.owner); err != nil {
		s.log.Warn("could not return claimed reminders", "err", err)
	} else if n > 0 {
		s.log.Info("returned claimed reminders on stop", "count", n)
	}
	return ctx.Err()
}

func (s *Sweeper) sendBatch(ctx context.Context, ds []tkpkbot.Delivery, cal tkpkbot.Calendar, sums *summaries, st *Stats) {
	work := make(chan tkpkbot.Delivery)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < min(s.o.Workers, len(ds)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range work {
				r := s.deliverOne(ctx, d, cal, sums)
				mu.Lock()
				r.add(st)
				mu.Unlock()
			}
		}()
	}
	for _, d := range ds {
		if ctx.Err() != nil {
			break
		}
		work <- d
	}
	close(work)
	wg.Wait()
}

// result is one delivery's contribution to Stats.
type result struct {
	status      tkpkbot.DeliveryStatus
	retried     bool
	rateLimited int
}

func (r result) add(st *Stats) {
	st.RateLimited += r.rateLimited
	if r.retried {
		st.Retried++
		return
	}
	switch r.status {
	case tkpkbot.DeliverySent:
		st.Sent++
	case tkpkbot.DeliverySkipped:
		st.Skipped++
	case tkpkbot.DeliveryExpired:
		st.Expired++
	case tkpkbot.DeliveryUnreachable:
		st.Unreachable++
	case tkpkbot.DeliveryFailed:
		st.Failed++
	case tkpkbot.DeliveryUnknown:
		st.Unknown++
	}
}

// deliverOne decides, sends and records one delivery.
func (s *Sweeper) deliverOne(ctx context.Context, d tkpkbot.Delivery, cal tkpkbot.Calendar, sums *summaries) result {
	log := s.log.With("reminder", d.ReminderID, "key", d.Reminder.Key, "chat", d.ChatID)
	// Records after a send must land even when we are being stopped.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	finish := func(o tkpkbot.Outcome) result {
		if err := s.o.Store.Finish(rctx, d.DeliveryKey, s.owner, s.o.Clock.Now(), o); err != nil {
			log.Error("could not record reminder delivery", "status", string(o.Status), "err", err)
		}
		outcome := string(o.Status)
		if o.Retry {
			outcome = "retry"
		}
		metrics.Reminders.WithLabelValues(string(d.Reminder.Kind), outcome).Inc()
		return result{status: o.Status, retried: o.Retry}
	}

	now := s.o.Clock.Now()
	if status, note := s.decide(d, now, cal); status != "" {
		if status == tkpkbot.DeliveryExpired {
			log.Info("reminder delivery dropped: its event has passed", "due", d.Reminder.DueAt)
		}
		return finish(tkpkbot.Outcome{Status: status, Note: note})
	}
	var sum summary
	deadline := cal.Deadline(s.o.Deadline, d.Reminder.Week, s.o.Location)
	if d.Reminder.Kind == tkpkbot.KindReportSummary {
		var err error
		if sum, err = sums.get(ctx, d.Reminder.Week); err != nil {
			log.Error("reminder summary failed; will retry", "err", err)
			return finish(tkpkbot.Outcome{Retry: true, RetryAt: now.Add(time.Minute), Note: "rekap gagal dimuat"})
		}
	}
	if d.Reminder.Kind == tkpkbot.KindMeetingBefore {
		var err error
		if d.Agenda, err = sums.agenda.get(ctx, d.Reminder.MeetingID); err != nil {
			log.Error("meeting agenda failed; will retry", "err", err)
			return finish(tkpkbot.Outcome{Retry: true, RetryAt: now.Add(time.Minute), Note: "agenda gagal dimuat"})
		}
	}
	if d.Reminder.Kind == tkpkbot.KindFiguresNotice {
		var err error
		if s.o.Notices != nil {
			d.Changes, err = s.o.Notices.NoticeChanges(ctx, d.Reminder.FigureImport, d.ChatID)
		}
		if err != nil {
			log.Error("figure changes could not be read; will retry", "err", err)
			return finish(tkpkbot.Outcome{Retry: true, RetryAt: now.Add(time.Minute), Note: "perubahan angka gagal dimuat"})
		}
		if len(d.Changes) == 0 {
			return finish(tkpkbot.Outcome{Status: tkpkbot.DeliverySkipped, Note: "tidak berlangganan wilayah ini lagi"})
		}
	}
	msg := render(d, now, s.o.Location, deadline, sum)
	if d.Reminder.Kind.OfFollowUp() {
		m, o := s.followUpMessage(ctx, d, now)
		if o != nil {
			return finish(*o)
		}
		msg = m
	}

	var res result
	attempts := d.Attempts
	for {
		if err := s.lim.Wait(ctx, d.ChatID); err != nil {
			return res // stopping: still claimed, Unclaim or the lease returns it
		}
		ok, err := s.o.Store.MarkSending(ctx, d.DeliveryKey, s.owner, s.o.Clock.Now(), s.o.Lease)
		if err != nil {
			log.Error("could not mark reminder sending; not sent", "err", err)
			return res
		}
		if !ok {
			log.Warn("reminder claim lost to another sweeper; not sent")
			return res
		}
		attempts++
		// The call gets its own deadline, not ctx's: cancelling a request
		// in flight is exactly what turns a send into an unknown.
		sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), s.o.SendTimeout)
		msgID, err := s.o.Telegram.SendOnce(sctx, msg.ChatID, msg.HTML, msg.Keyboard)
		scancel()
		failure, wait := tkpkbot.FailureOf(err)
		switch {
		case err == nil:
			res.status = tkpkbot.DeliverySent
			return mergeFinish(res, finish(tkpkbot.Outcome{Status: tkpkbot.DeliverySent, MessageID: msgID}))
		case failure == tkpkbot.SendRateLimited:
			res.rateLimited++
			s.lim.Block(wait)
			if res.rateLimited >= s.o.MaxAttempts {
				log.Warn("reminder still rate limited; retrying later", "retry_after", wait.String())
				return mergeFinish(res, finish(tkpkbot.Outcome{Retry: true, RetryAt: s.o.Clock.Now().Add(wait), Note: "429"}))
			}
			if err := s.o.Store.Release(rctx, d.DeliveryKey, s.owner, s.o.Clock.Now().Add(wait+s.o.Lease)); err != nil {
				log.Error("could not release rate-limited reminder", "err", err)
				return res
			}
			// The limiter now holds every send, this one included, until
			// retry_after has passed; then the same message goes again.
			log.Info("rate limited by Telegram; waiting to retry the same message", "retry_after", wait.String())
			continue
		case failure == tkpkbot.SendUnreachable:
			log.Warn("reminder recipient unreachable; marked for admins", "err", err)
			return mergeFinish(res, finish(tkpkbot.Outcome{Status: tkpkbot.DeliveryUnreachable, Note: short(err)}))
		case failure == tkpkbot.SendRejected:
			log.Error("reminder refused by Telegram; not retried", "err", err)
			return mergeFinish(res, finish(tkpkbot.Outcome{Status: tkpkbot.DeliveryFailed, Note: short(err)}))
		case failure == tkpkbot.SendTransient:
			if attempts >= s.o.MaxAttempts {
				log.Error("reminder failed after retries; giving up", "attempts", attempts, "err", err)
				return mergeFinish(res, finish(tkpkbot.Outcome{Status: tkpkbot.DeliveryFailed, Note: short(err)}))
			}
			back := backoff(attempts)
			log.Warn("reminder send failed; will retry", "attempts", attempts, "in", back.String(), "err", err)
			return mergeFinish(res, finish(tkpkbot.Outcome{Retry: true, RetryAt: s.o.Clock.Now().Add(back), Note: short(err)}))
		default:
			log.Warn("reminder send outcome unknown; not resent to avoid a duplicate", "err", err)
			return mergeFinish(res, finish(tkpkbot.Outcome{Status: tkpkbot.DeliveryUnknown, Note: short(err)}))
		}
	}
}

func mergeFinish(res, fin result) result {
	fin.rateLimited = res.rateLimited
	return fin
}

// backoff after the n-th failed attempt: 30 s, 2 min, 8 min, 32 min.
func backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 4
	}
	return d
}

func short(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// decide says whether d is still wanted now, from the state at claim time:
// a non-empty status means "do not send, record this".
func (s *Sweeper) decide(d tkpkbot.Delivery, now time.Time, cal tkpkbot.Calendar) (tkpkbot.DeliveryStatus, string) {
	if !now.Before(d.Reminder.ExpiresAt) {
		return tkpkbot.DeliveryExpired, string(tkpkbot.DropExpired)
	}
	k := d.Reminder.Kind
	if k.OfMeeting() && d.Meeting.Cancelled() && k != tkpkbot.KindMeetingCancel {
		return tkpkbot.DeliverySkipped, string(tkpkbot.DropMeetingCancelled)
	}
	if d.ChatID == s.o.ReportChat && d.ChatID != 0 {
		if k == tkpkbot.KindMeetingAnnounce || k == tkpkbot.KindMeetingCancel || k == tkpkbot.KindMinutes {
			return "", ""
		}
		return tkpkbot.DeliverySkipped, "grup hanya menerima pengumuman"
	}
	u := d.Recipient
	switch {
	case u.ID == 0 || u.Role == tkpkbot.RoleNone:
		return tkpkbot.DeliverySkipped, "bukan anggota lagi"
	case u.Unreachable:
		return tkpkbot.DeliverySkipped, "tidak bisa dihubungi"
	case k.OfMaterials():
		return decideMaterials(d)
	case k == tkpkbot.KindRegionUncovered && u.Role != tkpkbot.RoleAdmin:
		return tkpkbot.DeliverySkipped, "bukan admin"
	case k == tkpkbot.KindMeetingAnnounce || k == tkpkbot.KindMeetingCancel || k == tkpkbot.KindRegionUncovered || k == tkpkbot.KindMinutes:
		return "", "" // invitations, cancellations, minutes and notices to admins reach muted people too
	case k == tkpkbot.KindFiguresNotice:
		return "", "" // asked for with /langganan, its own switch; /pengingat is about meetings and reports
	case u.Muted:
		return tkpkbot.DeliverySkipped, "pengingat dimatikan"
	}
	switch k {
	case tkpkbot.KindMeetingBefore:
		if d.Answer == tkpkbot.RSVPTidakHadir {
			return tkpkbot.DeliverySkipped, "tidak hadir"
		}
	case tkpkbot.KindReportBefore:
		if st, why := s.decideWeekly(d, cal, tkpkbot.RoleKoordinator, "bukan koordinator"); st != "" {
			return st, why
		}
		if d.Reported {
			return tkpkbot.DeliverySkipped, "sudah melapor"
		}
	case tkpkbot.KindActionBefore, tkpkbot.KindActionOverdue:
		if u.Role != tkpkbot.RoleKoordinator || u.RegionCode != d.Reminder.Region {
			return tkpkbot.DeliverySkipped, "bukan koordinator wilayah tugas"
		}
	case tkpkbot.KindReportSummary:
		return s.decideWeekly(d, cal, tkpkbot.RoleAdmin, "bukan admin")
	}
	return "", ""
}

// decideWeekly is the rule of the weekly-report messages: none in a week
// off, and only for the role they are written to.
func (s *Sweeper) decideWeekly(d tkpkbot.Delivery, cal tkpkbot.Calendar, role tkpkbot.Role, notRole string) (tkpkbot.DeliveryStatus, string) {
	if _, off := cal.WeekOff(d.Reminder.Week, s.o.Location); off {
		return tkpkbot.DeliverySkipped, string(tkpkbot.DropWeekOff)
	}
	if d.Recipient.Role != role {
		return tkpkbot.DeliverySkipped, notRole
	}
	return "", ""
}

// summaries caches the missing regions per week for one sweep, so a
// summary to five admins reads the reports once.
type summaries struct {
	reports   tkpkbot.ReportService
	followUps tkpkbot.FollowUpReminders
	loc       *time.Location
	now       time.Time // the sweep's: what counts as overdue
	mu        sync.Mutex
	byWeek    map[tkpkbot.Week]summary
	agenda    *agendas // meetings' agendas, read once per sweep
}

func (c *summaries) get(ctx context.Context, w tkpkbot.Week) (summary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.byWeek[w]; ok {
		return s, nil
	}
	if c.reports == nil {
		return summary{}, errors.New("no report service")
	}
	rs, err := c.reports.LatestReports(ctx, w)
	if err != nil {
		return summary{}, err
	}
	done := map[string]bool{}
	for _, r := range rs {
		done[r.RegionCode] = true
	}
	var s summary
	for _, reg := range tkpkbot.Districts() {
		s.total++
		if !done[reg.Code] {
			s.missing = append(s.missing, reg.Name)
		}
	}
	if c.followUps != nil {
		counts, err := c.followUps.FollowUpCounts(ctx, c.now)
		if err != nil {
			return summary{}, err
		}
		s.overdue = overdueLine(counts)
	}
	if c.byWeek == nil {
		c.byWeek = map[tkpkbot.Week]summary{}
	}
	c.byWeek[w] = s
	return s, nil
}
