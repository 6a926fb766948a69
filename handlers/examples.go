package handlers

import (
	"fmt"
	"time"

	"tkpkbot"
)

// exampleMonday is the day error replies put in their examples: the next
// Monday after today that is no fixed holiday. An example must work when
// typed as shown, and a fixed date in the code goes stale within weeks
// ("sudah lewat"); a holiday would make /rapat_baru ask for confirmation.
func exampleMonday(now time.Time, loc *time.Location) time.Time {
	d := now.In(loc)
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	for d.Weekday() != time.Monday || tkpkbot.IsFixedHoliday(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// liburExamples are /libur's forms with a week and a day ahead of now, so
// neither is refused as too far in the past.
func liburExamples(now time.Time, loc *time.Location) string {
	day := exampleMonday(now, loc)
	return fmt.Sprintf("Contoh:\n<code>/libur %s Cuti bersama</code> (satu minggu)\n<code>/libur %s Hari libur daerah</code> (satu hari)\n<code>/libur minggu depan Cuti bersama</code>",
		tkpkbot.WeekOf(day, loc), day.Format("2006-01-02"))
}
