package indo

import (
	"errors"
	"regexp"
	"strings"
	"time"

	"tkpkbot"
)

var (
	rePeriodYear  = regexp.MustCompile(`^(\d{4})$`)
	rePeriodYM    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})$`)
	rePeriodMY    = regexp.MustCompile(`^(\d{1,2})[-/.](\d{4})$`)
	rePeriodNamed = regexp.MustCompile(`^([a-z]+)\.?,?[- ]?(\d{4})$`)
)

// ParsePeriod reads a statistics period: a year ("2023"), a month
// ("Maret 2023", "mar 2023", "sept 2022", "2023-03", "03/2023", "3-2023")
// or a day for dated reports ("2024-12-03", "3 Desember 2024"). It also
// reads back what PeriodLabel and Period.Key print. Whether the month is a
// BPS survey round is the caller's business.
// periodExamples are data periods: figures describe the past, so the
// examples are a year that has them.
var periodExamples = examples{date: "03-12-2024", named: "Maret 2024", year: 2024}

func ParsePeriod(s string) (tkpkbot.Period, error) {
	t := prepare(s)
	if len(t) > maxTextLen {
		return tkpkbot.Period{}, fail("Periodenya terlalu panjang. Tulis misalnya 2023, Maret 2023, atau 2024-12-03.")
	}
	for _, p := range []string{"periode ", "tahun ", "bulan "} {
		t = strings.TrimPrefix(t, p)
	}

	var y int
	var m time.Month
	if sm := rePeriodYear.FindStringSubmatch(t); sm != nil {
		y = atoi(sm[1])
		if err := checkYear(y, periodExamples); err != nil {
			return tkpkbot.Period{}, err
		}
		return tkpkbot.Period{Year: y}, nil
	} else if sm := rePeriodYM.FindStringSubmatch(t); sm != nil {
		y, m = atoi(sm[1]), time.Month(atoi(sm[2]))
	} else if sm := rePeriodMY.FindStringSubmatch(t); sm != nil {
		y, m = atoi(sm[2]), time.Month(atoi(sm[1]))
	} else if sm := rePeriodNamed.FindStringSubmatch(t); sm != nil {
		month, ok := lookupMonth(sm[1])
		if !ok {
			return tkpkbot.Period{}, fail("Nama bulannya tidak dikenal. Tulis periode, misalnya Maret 2023.")
		}
		y, m = atoi(sm[2]), month
	} else {
		y, m, d, err := parseDateText(t, periodExamples)
		if errors.Is(err, errNoDate) {
			return tkpkbot.Period{}, fail("Tulis periodenya, misalnya 2023, Maret 2023, atau 2024-12-03.")
		} else if err != nil {
			return tkpkbot.Period{}, err
		}
		return tkpkbot.Period{Year: y, Month: int(m), Day: d}, nil
	}
	if err := checkYear(y, periodExamples); err != nil {
		return tkpkbot.Period{}, err
	}
	if m < time.January || m > time.December {
		return tkpkbot.Period{}, failf("Bulan %d tidak ada. Tulis bulan 1 sampai 12, misalnya 2023-03.", int(m))
	}
	return tkpkbot.Period{Year: y, Month: int(m)}, nil
}
