package figcsv

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"tkpkbot/indo"

	"tkpkbot"
)

// months maps Indonesian month names and the abbreviations found in BPS
// tables and news (plus the English ones spreadsheets produce) to numbers.
var months = map[string]int{
	"januari": 1, "jan": 1, "january": 1,
	"februari": 2, "feb": 2, "pebruari": 2, "february": 2,
	"maret": 3, "mar": 3, "march": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "jun": 6, "june": 6,
	"juli": 7, "jul": 7, "july": 7,
	"agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "october": 10, "oct": 10,
	"november": 11, "nov": 11, "nop": 11, "nopember": 11,
	"desember": 12, "des": 12, "december": 12, "dec": 12,
}

// Years outside this range are typos (202, 20234), not data.
const minYear, maxYear = 1990, 2100

// parsePeriod reads "2024-03", "Maret 2024", "2023", "2024-12-03" or
// "3 Desember 2024". The reason is empty on success.
func parsePeriod(s string) (tkpkbot.Period, string) {
	if s == "" {
		return tkpkbot.Period{}, "periode kosong"
	}
	invalid := fmt.Sprintf("periode %s tidak valid (tulis mis. 2024-03, Maret 2024, 2023 atau 2024-12-03)", quote(s))
	var y, m, d int
	var ok bool
	if f := strings.Fields(strings.ToLower(s)); len(f) > 1 {
		y, m, d, ok = wordsPeriod(f)
	} else {
		y, m, d, ok = isoPeriod(strings.TrimSpace(s))
	}
	if !ok || y < minYear || y > maxYear || m < 0 || m > 12 {
		return tkpkbot.Period{}, invalid
	}
	if d > 0 {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || int(t.Month()) != m {
			return tkpkbot.Period{}, invalid
		}
	}
	// Whether a month is a survey round depends on the indicator, which
	// the row checks with roundReason.
	return tkpkbot.Period{Year: y, Month: m, Day: d}, ""
}

// roundReason refuses a month that is not one of the indicator's survey
// rounds: poverty is surveyed in March and September, unemployment in
// August, and IPM is yearly.
func roundReason(cell string, p tkpkbot.Period, info tkpkbot.IndicatorInfo) string {
	dated := fmt.Sprintf("laporan bertanggal ditulis lengkap, mis. %04d-%02d-01", p.Year, p.Month)
	if len(info.Rounds) == 0 {
		return fmt.Sprintf("periode %s: %s hanya per tahun (tulis %d); %s", quote(cell), info.Indicator, p.Year, dated)
	}
	names := make([]string, len(info.Rounds))
	for i, m := range info.Rounds {
		names[i] = fmt.Sprintf("%s (%02d)", indo.MonthName(time.Month(m)), m)
	}
	return fmt.Sprintf("periode %s: survei BPS untuk %s hanya %s; %s", quote(cell), info.Indicator, strings.Join(names, " dan "), dated)
}

// isoPeriod reads "2024", "2024-03" and "2024-12-03".
func isoPeriod(s string) (y, m, d int, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, 0, 0, false
	}
	var nums [3]int
	for i, p := range parts {
		if i > 0 && len(p) != 1 && len(p) != 2 {
			return 0, 0, 0, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p[0] == '+' {
			return 0, 0, 0, false
		}
		if i > 0 && n == 0 {
			return 0, 0, 0, false
		}
		nums[i] = n
	}
	return nums[0], nums[1], nums[2], true
}

// wordsPeriod reads "maret 2024" and "3 desember 2024".
func wordsPeriod(f []string) (y, m, d int, ok bool) {
	if len(f) == 3 {
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 1 || n > 31 || len(f[0]) > 2 {
			return 0, 0, 0, false
		}
		d, f = n, f[1:]
	}
	if len(f) != 2 {
		return 0, 0, 0, false
	}
	m, ok = months[strings.TrimSuffix(f[0], ".")]
	if !ok || len(f[1]) != 4 {
		return 0, 0, 0, false
	}
	y, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, 0, 0, false
	}
	return y, m, d, true
}
