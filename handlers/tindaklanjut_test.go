package handlers

import (
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

// The day counts of /tindaklanjut are WITA calendar days, whatever the
// hours left and whatever the UTC date is.
func TestActionStateCountsWITACalendarDays(t *testing.T) {
	h := &Handlers{Deps: Deps{Location: witaLoc}}
	utc := func(d, hh, mm int) time.Time { return time.Date(2024, 12, d, hh, mm, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		due  int // December 2024
		now  time.Time
		want string
	}{
		{"four days ahead", 16, utc(12, 3, 0), "⏳ tenggat 16 Des 2024 (4 hari lagi)"},
		{"tomorrow with less than 24 hours left", 17, utc(16, 9, 0), "(besok)"},                     // Mon 17.00 WITA → Tue 16.00
		{"tomorrow, a minute before midnight WITA", 17, utc(16, 15, 59), "(besok)"},                 // 23.59 WITA
		{"today just after midnight WITA, still the 16th in UTC", 17, utc(16, 16, 1), "(hari ini)"}, // 00.01 WITA
		{"the UTC date is a day behind", 16, utc(12, 23, 30), "(3 hari lagi)"},                      // 13 Dec 07.30 WITA
		{"due today before 16.00", 16, utc(16, 7, 59), "(hari ini)"},
		{"overdue the same day", 16, utc(16, 9, 0), "⚠️ lewat tenggat 16 Des 2024 (sejak hari ini)"},
		{"overdue after midnight WITA", 16, utc(16, 16, 30), "(1 hari)"}, // 17 Dec 00.30 WITA
		{"overdue a week", 16, utc(23, 10, 0), "(7 hari)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day := time.Date(2024, 12, tc.due, 0, 0, 0, 0, witaLoc)
			a := tkpkbot.Action{DueOn: day, DueAt: tkpkbot.ActionDueAt(day, witaLoc)}
			if got := h.actionState(a, tc.now); !strings.Contains(got, tc.want) {
				t.Errorf("at %s WITA: %q, want %q", tc.now.In(witaLoc).Format("02 Jan 15:04"), got, tc.want)
			}
		})
	}
}
