package indo

import (
	"fmt"
	"strconv"
	"time"

	"tkpkbot"
)

// ZoneLabel ends every DateTime. The bot shows East Kalimantan time, so
// callers convert to Asia/Makassar first; the label is not derived from the
// time's zone because Go names that zone "WITA" only on systems whose
// tzdata says so. Set it once at start-up, before any goroutine formats.
var ZoneLabel = "WITA"

var monthNames = [12]string{
	"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember",
}

// monthShort follows the CLDR Indonesian abbreviations ("Agu", not "Ags").
var monthShort = [12]string{
	"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
	"Jul", "Agu", "Sep", "Okt", "Nov", "Des",
}

var dayNames = [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// MonthName is the Indonesian name of m; out-of-range months come out as
// their number so bad data stays visible instead of panicking.
func MonthName(m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	return monthNames[m-1]
}

func shortMonth(m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	return monthShort[m-1]
}

// DayName is the Indonesian name of d ("Jumat", not "Jum'at").
func DayName(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return strconv.Itoa(int(d))
	}
	return dayNames[d]
}

// Date is t's calendar date in its own zone: "Senin, 16 Desember 2024".
func Date(t time.Time) string {
	return DayName(t.Weekday()) + ", " + strconv.Itoa(t.Day()) + " " + MonthName(t.Month()) + " " + strconv.Itoa(t.Year())
}

// ShortDate is the compact form for tables and ranges: "16 Des 2024".
func ShortDate(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + shortMonth(t.Month()) + " " + strconv.Itoa(t.Year())
}

// Time is the clock time with the dot Indonesian style uses: "09.00".
func Time(t time.Time) string {
	return fmt.Sprintf("%02d.%02d", t.Hour(), t.Minute())
}

// DateTime is "Senin, 16 Desember 2024 pukul 09.00 WITA".
func DateTime(t time.Time) string {
	s := Date(t) + " pukul " + Time(t)
	if ZoneLabel != "" {
		s += " " + ZoneLabel
	}
	return s
}

// DateRange names the days from a to b as compactly as stays unambiguous:
// "9–15 Des 2024", "30 Sep–6 Okt 2024", "30 Des 2024–5 Jan 2025".
func DateRange(a, b time.Time) string {
	switch {
	case a.Year() != b.Year():
		return ShortDate(a) + "–" + ShortDate(b)
	case a.Month() != b.Month():
		return strconv.Itoa(a.Day()) + " " + shortMonth(a.Month()) + "–" + ShortDate(b)
	case a.Day() != b.Day():
		return strconv.Itoa(a.Day()) + "–" + ShortDate(b)
	}
	return ShortDate(a)
}

// PeriodLabel names a period as a reader says it: "Maret 2024" for a
// survey round, "2023" for a year, "3 Desember 2024" for a dated report.
func PeriodLabel(p tkpkbot.Period) string {
	return periodLabel(p, MonthName)
}

// WeekLabel is "Minggu 50/2024 (9–15 Des 2024)": the number people use in
// meetings plus the days, because nobody knows which days week 50 is.
// A nil loc means UTC; only calendar dates are shown, so it rarely matters.
func WeekLabel(w tkpkbot.Week, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	start := w.Start(loc)
	return "Minggu " + strconv.Itoa(w.Week) + "/" + strconv.Itoa(w.Year) + " (" + DateRange(start, start.AddDate(0, 0, 6)) + ")"
}

// ShortPeriodLabel is PeriodLabel with the month abbreviated, for chart
// axes: "Mar 2024", "Agu 2023", "2023", "3 Des 2024".
func ShortPeriodLabel(p tkpkbot.Period) string {
	return periodLabel(p, shortMonth)
}

// periodLabel is the one shape both labels share; only how the month is
// written differs.
func periodLabel(p tkpkbot.Period, month func(time.Month) string) string {
	y := strconv.Itoa(p.Year)
	switch {
	case p.Month == 0:
		return y
	case p.Day > 0:
		return strconv.Itoa(p.Day) + " " + month(time.Month(p.Month)) + " " + y
	}
	return month(time.Month(p.Month)) + " " + y
}
