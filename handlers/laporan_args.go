package handlers

import (
	"strconv"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

// maxWeekWords is the longest week people type: "16 desember 2024",
// "minggu ke 50 2024".
const maxWeekWords = 4

// splitRegionWeek splits /laporan's arguments into the region as typed
// and the week, at the end ("samarinda minggu lalu") or the start
// ("2024-W50 berau"); without a week it is the week of now. Text that
// looks like a week but is wrong ("samarinda 2024-W60") gets the week
// parser's explanation, since the user clearly meant one.
func splitRegionWeek(args string, now time.Time, loc *time.Location) (region string, w tkpkbot.Week, err error) {
	cur := tkpkbot.WeekOf(now, loc)
	fields := strings.Fields(args)
	n := len(fields)
	if n == 0 || n > maxArgFields {
		return strings.TrimSpace(args), cur, nil
	}
	var weekErr error
	try := func(words []string) bool {
		var werr error
		if w, werr = indo.ParseWeek(strings.Join(words, " "), now, loc); werr == nil {
			return true
		}
		if weekErr == nil && !indo.IsBlank(werr) {
			weekErr = werr
		}
		return false
	}
	// A week alone ("minggu lalu") leaves the region empty, so the
	// handler can ask for it instead of guessing.
	for k := min(maxWeekWords, n); k >= 1; k-- {
		if try(fields[n-k:]) {
			return strings.Join(fields[:n-k], " "), w, nil
		}
	}
	for k := min(maxWeekWords, n-1); k >= 1; k-- {
		if try(fields[:k]) {
			return strings.Join(fields[k:], " "), w, nil
		}
	}
	if last := fields[n-1]; n > 1 && hasDigit(last) && weekErr != nil {
		return strings.Join(fields[:n-1], " "), cur, weekErr
	}
	return strings.Join(fields, " "), cur, nil
}

// laporanData is the callback data of a /laporan view: region, week and,
// for a chosen version, its number. The longest,
// "laporan:6472:2024-W50:12", is far below Telegram's 64 bytes.
func laporanData(region string, w tkpkbot.Week, version int) string {
	s := "laporan:" + region + ":" + w.String()
	if version > 0 {
		s += ":" + strconv.Itoa(version)
	}
	return s
}

// parseLaporanData reads what laporanData wrote after its prefix. Button
// data comes back from the client, so it is checked like typed input: a
// district, a week as the bot writes it, a positive version if any.
func parseLaporanData(data string) (reg tkpkbot.Region, w tkpkbot.Week, version int, ok bool) {
	parts := strings.Split(data, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return reg, w, 0, false
	}
	reg, ok = tkpkbot.RegionByCode(parts[0])
	if !ok || reg.Code == tkpkbot.ProvinceCode {
		return reg, w, 0, false
	}
	if w, ok = parseWeekKey(parts[1]); !ok {
		return reg, w, 0, false
	}
	if len(parts) == 3 {
		v, err := strconv.Atoi(parts[2])
		if err != nil || v < 1 || strconv.Itoa(v) != parts[2] {
			return reg, w, 0, false
		}
		version = v
	}
	return reg, w, version, true
}

// parseWeekKey reads a week exactly as Week.String writes it.
func parseWeekKey(s string) (tkpkbot.Week, bool) {
	w, err := indo.ParseWeek(s, time.Time{}, time.UTC)
	if err != nil || w.String() != s {
		return tkpkbot.Week{}, false
	}
	return w, true
}
