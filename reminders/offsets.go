package reminders

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Default offsets from the issue: a week, a day and two hours before a
// meeting; a day and three hours before the report deadline.
var (
	DefaultMeetingOffsets = []time.Duration{168 * time.Hour, 24 * time.Hour, 2 * time.Hour}
	DefaultReportOffsets  = []time.Duration{24 * time.Hour, 3 * time.Hour}
)

// Bounds on configured offsets: beyond 60 days a reminder is noise, below
// a minute it races the event, and more than ten is spam.
const (
	maxOffset  = 60 * 24 * time.Hour
	minOffset  = time.Minute
	maxOffsets = 10
)

// ParseOffsets reads REMINDER_OFFSETS-style lists: "168h,24h,2h",
// "7d, 1d, 90m", "2h30m". Empty means def; "off" or "none" means no
// reminders, returned as an empty non-nil slice because Options treat nil
// as "use the defaults". The result is sorted longest first and has no
// duplicates.
func ParseOffsets(s string, def []time.Duration) ([]time.Duration, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "":
		return slices.Clone(def), nil
	case "off", "none", "-":
		return []time.Duration{}, nil
	}
	if len(s) > 200 {
		return nil, fmt.Errorf("too long; list a few durations like 168h,24h,2h")
	}
	var out []time.Duration
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		d, err := parseOffset(part)
		if err != nil {
			return nil, err
		}
		if d < minOffset || d > maxOffset {
			return nil, fmt.Errorf("%q: each offset must be between 1m and 1440h (60 days)", part)
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no durations found; write e.g. 168h,24h,2h (or off)")
	}
	if len(out) > maxOffsets {
		return nil, fmt.Errorf("at most %d offsets", maxOffsets)
	}
	slices.SortFunc(out, func(a, b time.Duration) int { return cmp.Compare(b, a) })
	return out, nil
}

// parseOffset accepts Go durations plus a whole-day "7d", which is how
// people think of "a week before".
func parseOffset(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(strings.ToLower(s), "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 1000 {
			return 0, fmt.Errorf("%q is not a number of days like 7d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration like 24h or 90m", s)
	}
	return d, nil
}
