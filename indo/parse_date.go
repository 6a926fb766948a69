package indo

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// maxTextLen caps typed dates, periods, weeks and times; none is longer.
const maxTextLen = 100

// Years outside this range are typing slips in a bot about current
// poverty programmes ("2204", "20024").
const (
	minYear = 2000
	maxYear = 2100
)

// monthWords are the names a month is recognised by, Indonesian and English
// and the old spellings ("Pebruari", "Nopember") still used in letters.
// Any prefix of three letters or more also matches, which covers "Des",
// "Sept" and "Agust".
var monthWords = []named[time.Month]{
	{"januari", 1}, {"january", 1},
	{"februari", 2}, {"pebruari", 2}, {"february", 2},
	{"maret", 3}, {"march", 3},
	{"april", 4},
	{"mei", 5}, {"may", 5},
	{"juni", 6}, {"june", 6},
	{"juli", 7}, {"july", 7},
	{"agustus", 8}, {"agt", 8}, {"agst", 8}, {"august", 8},
	{"september", 9},
	{"oktober", 10}, {"october", 10},
	{"november", 11}, {"nopember", 11},
	{"desember", 12}, {"december", 12},
}

// lookupMonth matches a lower-case word to a month.
func lookupMonth(w string) (time.Month, bool) {
	return lookupWord(monthWords, w)
}

// dayWords lists weekday names; "ahad" is the Sunday of many schedules.
var dayWords = []named[time.Weekday]{
	{"minggu", time.Sunday}, {"ahad", time.Sunday}, {"sunday", time.Sunday},
	{"senin", time.Monday}, {"monday", time.Monday},
	{"selasa", time.Tuesday}, {"tuesday", time.Tuesday},
	{"rabu", time.Wednesday}, {"wednesday", time.Wednesday},
	{"kamis", time.Thursday}, {"thursday", time.Thursday},
	{"jumat", time.Friday}, {"friday", time.Friday},
	{"sabtu", time.Saturday}, {"saturday", time.Saturday},
}

// lookupDay matches a lower-case word without apostrophes ("jumat") or a
// prefix of three letters or more ("jum", "fri", "thurs") to a weekday.
func lookupDay(w string) (time.Weekday, bool) {
	return lookupWord(dayWords, w)
}

// named is one name a month or a weekday is recognised by.
type named[T any] struct {
	word string
	is   T
}

// lookupWord finds the first name that starts with w, less a final ".":
// a name is matched whole or by a prefix of three letters or more.
func lookupWord[T any](words []named[T], w string) (T, bool) {
	w = strings.TrimSuffix(w, ".")
	if len(w) >= 3 {
		for _, e := range words {
			if strings.HasPrefix(e.word, w) {
				return e.is, true
			}
		}
	}
	var none T
	return none, false
}

// dropApostrophes turns "jum'at" into "jumat" so it matches.
func dropApostrophes(s string) string {
	if !strings.ContainsFunc(s, isApostrophe) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return -1
		}
		return r
	}, s)
}

// prepare is the common first step of the text parsers: white space
// cleaned, lower case, apostrophes gone.
func prepare(s string) string {
	return dropApostrophes(strings.ToLower(clean(s)))
}

var (
	reDateISO   = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	reDateDMY   = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	reDateDMY2  = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})$`)
	reDateNamed = regexp.MustCompile(`^(\d{1,2})[- ]?([a-z]+)\.?[- ]?(\d{4})$`)
	reDayPrefix = regexp.MustCompile(`^([a-z]+),? (.+)$`)
)

// errNoDate says the text has no date shape at all, so a caller that also
// accepts other forms may try them.
var errNoDate = errors.New("no date")

// parseDateText finds a calendar date in prepared text. It returns
// errNoDate when the text does not look like a date, and a friendly error
// when it does but the date is wrong.
func parseDateText(s string, ex examples) (y int, m time.Month, d int, err error) {
	// "Senin, 16 Desember 2024" is what Date prints; accept it back, and
	// check the day name so a mismatch is caught rather than ignored.
	var wd time.Weekday
	hasDay := false
	if sm := reDayPrefix.FindStringSubmatch(s); sm != nil {
		if day, ok := lookupDay(sm[1]); ok {
			wd, hasDay, s = day, true, sm[2]
		}
	}
	if sm := reDateISO.FindStringSubmatch(s); sm != nil {
		y, m, d = atoi(sm[1]), time.Month(atoi(sm[2])), atoi(sm[3])
	} else if sm := reDateDMY.FindStringSubmatch(s); sm != nil {
		y, m, d = atoi(sm[3]), time.Month(atoi(sm[2])), atoi(sm[1])
	} else if reDateDMY2.MatchString(s) {
		return 0, 0, 0, failf("Tulis tahunnya lengkap 4 angka, misalnya %s.", ex.date)
	} else if sm := reDateNamed.FindStringSubmatch(s); sm != nil {
		month, ok := lookupMonth(sm[2])
		if !ok {
			return 0, 0, 0, failf("Nama bulannya tidak dikenal. Tulis misalnya %s.", ex.named)
		}
		y, m, d = atoi(sm[3]), month, atoi(sm[1])
	} else {
		return 0, 0, 0, errNoDate
	}
	if err := checkDate(y, m, d, ex); err != nil {
		return 0, 0, 0, err
	}
	if hasDay {
		if got := time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Weekday(); got != wd {
			return 0, 0, 0, failf("%d %s %d jatuh pada hari %s, bukan %s. Periksa lagi tanggalnya, atau tulis tanpa nama hari, misalnya %d %s %d.",
				d, MonthName(m), y, DayName(got), DayName(wd), d, MonthName(m), y)
		}
	}
	return y, m, d, nil
}

// atoi reads the one to four ASCII digits the patterns above allow.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func checkYear(y int, ex examples) error {
	if y < minYear || y > maxYear {
		return failf("Tahun harus antara %d dan %d, misalnya %d.", minYear, maxYear, ex.year)
	}
	return nil
}

// checkDate explains an impossible date in words, because "2024-02-30"
// is usually a slip of the last day of the month.
func checkDate(y int, m time.Month, d int, ex examples) error {
	if err := checkYear(y, ex); err != nil {
		return err
	}
	if m < time.January || m > time.December {
		return failf("Bulan %d tidak ada. Tulis bulan 1 sampai 12, misalnya %s.", int(m), ex.date)
	}
	last := time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
	if d < 1 {
		return failf("Tanggal harus 1 sampai %d untuk %s %d, misalnya 1 %s %d.", last, MonthName(m), y, MonthName(m), y)
	}
	if d > last {
		return failf("Tanggal %d %s %d tidak ada karena %s %d hanya sampai tanggal %d. Tulis tanggal yang benar, misalnya %d %s %d.",
			d, MonthName(m), y, MonthName(m), y, last, last, MonthName(m), y)
	}
	return nil
}

// ParseDate reads a calendar date, day first as Indonesians write it:
// "2024-12-16", "16-12-2024", "16/12/2024", "16 Desember 2024",
// "16 des 2024", and Date's own "Senin, 16 Desember 2024". The result is
// 00:00 of that day in loc (UTC if nil). Impossible dates such as
// 2024-02-30 are refused with an explanation, whose examples are dates
// ahead of now.
func ParseDate(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	ex := examplesAt(now, loc)
	t := prepare(s)
	if len(t) > maxTextLen {
		return time.Time{}, failf("Tanggalnya terlalu panjang. Tulis misalnya %s atau %s.", ex.date, ex.named)
	}
	y, m, d, err := parseDateText(t, ex)
	if errors.Is(err, errNoDate) {
		return time.Time{}, blankf("Tulis tanggalnya, misalnya %s atau %s.", ex.date, ex.named)
	} else if err != nil {
		return time.Time{}, err
	}
	return time.Date(y, m, d, 0, 0, 0, 0, loc), nil
}

var reClock = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})$`)

// ParseClock reads a time of day: "09:00", "9:00", "09.00", "9.00",
// optionally after "pukul" or "jam" and before "WITA". 24:00 is refused:
// a deadline at midnight is 00:00 of the next day, and saying so avoids
// an off-by-one-day reminder.
func ParseClock(s string) (hour, minute int, err error) {
	t := prepare(s)
	if len(t) > maxTextLen {
		return 0, 0, fail("Jamnya terlalu panjang. Tulis misalnya 09.00 atau 16:30.")
	}
	for _, p := range []string{"pukul ", "pkl. ", "pkl ", "jam "} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			t = rest
			break
		}
	}
	t = strings.TrimSuffix(t, " wita")
	sm := reClock.FindStringSubmatch(t)
	if sm == nil {
		return 0, 0, fail("Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30.")
	}
	hour, minute = atoi(sm[1]), atoi(sm[2])
	if hour > 23 || minute > 59 {
		return 0, 0, fail("Jam harus antara 00.00 dan 23.59, misalnya 16.00.")
	}
	return hour, minute, nil
}

// ParseWeekdayTime reads a weekly moment such as the REPORT_DEADLINE
// setting: "Fri 16:00", "Jumat 16:00", "jum'at, 16.00".
func ParseWeekdayTime(s string) (day time.Weekday, hour, minute int, err error) {
	t := strings.Join(strings.Fields(strings.ReplaceAll(prepare(s), ",", " ")), " ")
	if len(t) > maxTextLen {
		return 0, 0, 0, fail("Teksnya terlalu panjang. Tulis hari dan jam, misalnya Jumat 16:00.")
	}
	word, rest, ok := strings.Cut(t, " ")
	if !ok {
		return 0, 0, 0, fail("Tulis hari dan jam, misalnya Jumat 16:00.")
	}
	day, ok = lookupDay(word)
	if !ok {
		return 0, 0, 0, fail("Nama harinya tidak dikenal. Tulis hari dan jam, misalnya Jumat 16:00.")
	}
	hour, minute, err = ParseClock(rest)
	if err != nil {
		return 0, 0, 0, err
	}
	return day, hour, minute, nil
}

// examples are the dates a parse error suggests: next Monday (a working
// day ahead, so that copying the example never schedules the past) and
// this year.
type examples struct {
	date, named string
	year        int
}

func examplesAt(now time.Time, loc *time.Location) examples {
	if now.IsZero() {
		now = time.Now()
	}
	d := now.In(loc).AddDate(0, 0, 1)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, 1)
	}
	return examples{
		date:  d.Format("02-01-2006"),
		named: fmt.Sprintf("%d %s %d", d.Day(), MonthName(d.Month()), d.Year()),
		year:  now.In(loc).Year(),
	}
}

// MonthWord reads one word as a month name, the way dates and periods are
// read: Indonesian, English or old spellings, any case, and prefixes of
// three letters or more ("Mar", "sept", "Des."). Callers use it to tell a
// month typed without its year from a word that is no period at all.
func MonthWord(w string) (time.Month, bool) {
	return lookupMonth(dropApostrophes(strings.ToLower(strings.TrimSpace(w))))
}
