package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
)

// splitRegionYear splits "/capaian [wilayah] [tahun]" into the region as
// typed and the year, which may come first or last ("samarinda 2025",
// "2025 samarinda"); without one the year is thisYear. A number that is
// plainly meant as the year but is not one (2031, 25) gets a problem in
// words; the region is matched by the caller.
func splitRegionYear(args string, thisYear int) (region string, year int, problem string) {
	fields := strings.Fields(args)
	if len(fields) > maxArgFields {
		return strings.Join(fields, " "), thisYear, ""
	}
	year = thisYear
	for _, at := range []int{len(fields) - 1, 0} {
		if at < 0 || at >= len(fields) || !allDigits(fields[at]) {
			continue
		}
		if _, isRegion := tkpkbot.RegionByCode(fields[at]); isRegion {
			continue // a BPS code such as 6472 names the region
		}
		y, err := strconv.Atoi(fields[at])
		switch {
		case err != nil || len(fields[at]) != 4 || y < 2000:
			return "", 0, fmt.Sprintf("Tahun %s tidak dikenali: tulis empat angka, misalnya %d.", quote(fields[at], 12), thisYear)
		case y > thisYear:
			return "", 0, fmt.Sprintf("Tahun %d belum berjalan; capaian ada untuk tahun %d dan sebelumnya.", y, thisYear)
		}
		fields = append(fields[:at:at], fields[at+1:]...)
		return strings.Join(fields, " "), y, ""
	}
	return strings.Join(fields, " "), year, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
