package indo

import (
	"errors"
	"regexp"
	"time"

	"tkpkbot"
)

var (
	reWeekISO  = regexp.MustCompile(`^(\d{4}) ?-? ?w ?(\d{1,2})$`)
	reWeekW    = regexp.MustCompile(`^w ?(\d{1,2})$`)
	reWeekNum  = regexp.MustCompile(`^(\d{1,2})$`)
	reWeekYN   = regexp.MustCompile(`^(\d{4}) (\d{1,2})$`)
	reWeekNY   = regexp.MustCompile(`^(\d{1,2}) ?[/ ] ?(\d{4})$`)
	reWeekWord = regexp.MustCompile(`^(?:minggu|pekan|week)(?: ?ke)? ?-? ?`)
)

// ParseWeek reads an ISO week: "" or "minggu ini" (the week of now),
// "minggu lalu", "minggu depan", "2024-W50", "2024-w5", "W50", "50",
// "minggu 50", "minggu ke-50", "2024 50", "50/2024" (as WeekLabel prints),
// or a date, meaning the week that contains it. A week without a year is
// in the ISO week-year of now, the numbering the bot's reports use, so
// "minggu 1" typed on 30 December 2024 is the week already under way.
func ParseWeek(s string, now time.Time, loc *time.Location) (tkpkbot.Week, error) {
	if loc == nil {
		loc = time.UTC
	}
	cur := tkpkbot.WeekOf(now, loc)
	ex := examplesAt(now, loc)
	t := prepare(s)
	if len(t) > maxTextLen {
		return tkpkbot.Week{}, failf("Teksnya terlalu panjang. Tulis minggunya, misalnya %s atau minggu lalu.", cur)
	}
	switch t {
	case "", "ini", "minggu ini", "pekan ini", "sekarang":
		return cur, nil
	case "lalu", "minggu lalu", "pekan lalu", "minggu kemarin", "pekan kemarin":
		return cur.Prev(), nil
	case "depan", "minggu depan", "pekan depan":
		return cur.Next(), nil
	}

	body := reWeekWord.ReplaceAllString(t, "")
	y, w := cur.Year, 0
	if sm := reWeekISO.FindStringSubmatch(body); sm != nil {
		y, w = atoi(sm[1]), atoi(sm[2])
	} else if sm := reWeekW.FindStringSubmatch(body); sm != nil {
		w = atoi(sm[1])
	} else if sm := reWeekNum.FindStringSubmatch(body); sm != nil {
		w = atoi(sm[1])
	} else if sm := reWeekYN.FindStringSubmatch(body); sm != nil {
		y, w = atoi(sm[1]), atoi(sm[2])
	} else if sm := reWeekNY.FindStringSubmatch(body); sm != nil {
		y, w = atoi(sm[2]), atoi(sm[1])
	} else {
		// Try the date without the word for "week" first: in "minggu
		// 16-12-2024" minggu means week, not Sunday.
		dy, dm, dd, err := parseDateText(body, ex)
		if errors.Is(err, errNoDate) && body != t {
			dy, dm, dd, err = parseDateText(t, ex)
		}
		if errors.Is(err, errNoDate) {
			return tkpkbot.Week{}, blankf("Tulis minggunya, misalnya %s, minggu %d, atau minggu lalu.", cur, cur.Week)
		} else if err != nil {
			return tkpkbot.Week{}, err
		}
		// 1 January 2000 lies in week 52 of 1999: the week's year is checked too.
		wk := tkpkbot.WeekOf(time.Date(dy, dm, dd, 12, 0, 0, 0, time.UTC), time.UTC)
		if err := checkYear(wk.Year, ex); err != nil {
			return tkpkbot.Week{}, err
		}
		return wk, nil
	}
	if err := checkYear(y, ex); err != nil {
		return tkpkbot.Week{}, err
	}
	if n := weeksIn(y); w < 1 || w > n {
		if w == 53 {
			return tkpkbot.Week{}, failf("Tahun %d hanya punya 52 minggu. Tulis minggu 1 sampai 52, misalnya %d-W52.", y, y)
		}
		return tkpkbot.Week{}, failf("Nomor minggu harus 1 sampai %d, misalnya %d-W%02d.", n, y, min(cur.Week, n))
	}
	return tkpkbot.Week{Year: y, Week: w}, nil
}

// weeksIn is 52 or 53: 28 December always falls in the last ISO week.
func weeksIn(year int) int {
	_, w := time.Date(year, 12, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
	return w
}
