package handlers

import (
	"regexp"
	"testing"
	"time"

	"tkpkbot"
)

func TestExampleMonday(t *testing.T) {
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, witaLoc) }
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{at(2024, 12, 11, 10), "2024-12-16"},
		{at(2024, 12, 16, 8), "2024-12-23"},        // today's Monday is not "next"
		{at(2027, 12, 18, 23), "2027-12-20"},       // late Saturday
		{at(2026, 8, 12, 10), "2026-08-24"},        // 17 August 2026 is a Monday
		{at(2028, 12, 20, 10), "2029-01-08"},       // 25 December and 1 January both Mondays
		{at(2024, 12, 15, 17).UTC(), "2024-12-16"}, // 01.00 WITA on Monday the 16th is still Sunday in UTC
	} {
		if got := exampleMonday(c.now, witaLoc).Format("2006-01-02"); got != c.want {
			t.Errorf("exampleMonday(%v) = %s, want %s", c.now, got, c.want)
		}
	}
}

var codeRe = regexp.MustCompile(`<code>/(\w+) ([^<]*)</code>`)

// Every example an error reply shows must be taken as typed, on any day:
// a stale date would answer the example itself with "sudah lewat".
func TestErrorExamplesWorkAsTyped(t *testing.T) {
	for _, now := range []time.Time{testNow, time.Date(2026, 12, 1, 20, 0, 0, 0, witaLoc), time.Date(2028, 12, 20, 9, 0, 0, 0, witaLoc)} {
		shown := meetingExample(now, witaLoc) + "\n" + liburExamples(now, witaLoc)
		_, err := parseHolidayArgs("libur panjang", now, witaLoc)
		shown += "\n" + tkpkbot.ErrorMessage(err)
		found := 0
		for _, m := range codeRe.FindAllStringSubmatch(shown, -1) {
			found++
			switch m[1] {
			case "rapat_baru":
				if _, err := parseMeetingArgs(m[2], now, witaLoc); err != nil {
					t.Errorf("%v: example %q refused: %v", now, m[0], err)
				}
			case "libur":
				if _, err := parseHolidayArgs(m[2], now, witaLoc); err != nil {
					t.Errorf("%v: example %q refused: %v", now, m[0], err)
				}
			}
		}
		if found != 4 {
			t.Errorf("%v: %d examples in:\n%s", now, found, shown)
		}
		for _, d := range regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}`).FindAllString(shown, -1) {
			if _, err := parseHolidayArgs(d, now, witaLoc); err != nil {
				t.Errorf("%v: example date %s refused: %v", now, d, err)
			}
		}
	}
}
