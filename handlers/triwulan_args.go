package handlers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"tkpkbot"
)

var (
	// "2025-Q1", "2025 q1", "q1-2025", "q1 2025", "tw1 2025", "triwulan 1 2025",
	// "triwulan I 2025", "1 2025", "1/2025"
	reQuarterYQ = regexp.MustCompile(`^(\d{4}) ?[-/ ]? ?(?:q|tw|triwulan|kuartal) ?-? ?([1-4]|i{1,3}|iv)$`)
	reQuarterQY = regexp.MustCompile(`^(?:(?:q|tw|triwulan|kuartal) ?-? ?(?:ke ?-? ?)?)?([1-4]|i{1,3}|iv) ?[-/ ]? ?(\d{4})$`)
	reQuarterQ  = regexp.MustCompile(`^(?:q|tw|triwulan|kuartal) ?-? ?(?:ke ?-? ?)?([1-4]|i{1,3}|iv)$`)
)

var romanQuarter = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4}

// parseQuarter reads /triwulan's argument: "" (the last finished
// quarter), "triwulan lalu", "triwulan ini", "2025-Q1", "Q1 2025",
// "triwulan 1 2025", "triwulan I 2025", "tw 2" (this year). current is
// the quarter of now. A quarter that has not started is refused; the
// problem says what to type instead.
func parseQuarter(s string, current tkpkbot.Quarter) (tkpkbot.Quarter, string) {
	t := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	example := fmt.Sprintf("Contoh: <code>/triwulan</code>, <code>/triwulan lalu</code>, <code>/triwulan %s</code>, <code>/triwulan triwulan %d %d</code>.",
		current.Prev(), current.Prev().Q, current.Prev().Year)
	if len(t) > 40 {
		return tkpkbot.Quarter{}, "Teksnya terlalu panjang. " + example
	}
	var q tkpkbot.Quarter
	switch t {
	case "", "lalu", "triwulan lalu", "kuartal lalu", "tw lalu", "sebelumnya":
		return current.Prev(), ""
	case "ini", "triwulan ini", "kuartal ini", "tw ini", "sekarang":
		return current, ""
	}
	num := func(s string) int {
		if n, ok := romanQuarter[s]; ok {
			return n
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	if m := reQuarterYQ.FindStringSubmatch(t); m != nil {
		q = tkpkbot.Quarter{Year: num(m[1]), Q: num(m[2])}
	} else if m := reQuarterQY.FindStringSubmatch(t); m != nil {
		q = tkpkbot.Quarter{Year: num(m[2]), Q: num(m[1])}
	} else if m := reQuarterQ.FindStringSubmatch(t); m != nil {
		q = tkpkbot.Quarter{Year: current.Year, Q: num(m[1])}
	} else {
		return tkpkbot.Quarter{}, fmt.Sprintf("Triwulan %s tidak dikenali. %s", quote(s, 30), example)
	}
	switch {
	case q.Year < 2000:
		return tkpkbot.Quarter{}, fmt.Sprintf("Tahun %d terlalu lama. %s", q.Year, example)
	case current.Year < q.Year || (current.Year == q.Year && current.Q < q.Q):
		return tkpkbot.Quarter{}, fmt.Sprintf("Triwulan %d %d belum dimulai; laporan triwulan ada untuk triwulan yang sudah berjalan. %s", q.Q, q.Year, example)
	}
	return q, ""
}
