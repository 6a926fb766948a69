package handlers

import (
	"regexp"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

// bahanArgs is what follows /bahan. Whether the words after the meeting
// number are a request (an admin's, with a deadline) or materials sent as
// text (a coordinator's) depends on who typed them, so both readings are
// kept.
type bahanArgs struct {
	Meeting int64
	Rest    string // everything after the number, spaces tidied
	// A request: the deadline (16.00 WITA unless a time follows the date)
	// and what is asked. DateErr says why Rest does not start with a
	// deadline; nil when Deadline is set.
	Deadline time.Time
	Request  string
	DateErr  error
}

// errNoMeetingNumber: /bahan or /agenda without a meeting number first.
var errNoMeetingNumber = tkpkbot.Errorf(tkpkbot.EINVALID, "Tulis nomor rapat dulu (nomornya ada di /rapat).")

// parseBahanArgs reads "<nomor> [<tanggal> [jam] <permintaan> | <teks>]".
// The date is read as /rapat_baru reads it (2024-12-13, 13-12-2024,
// 13 Desember 2024); the time as 14:00, 14.00 or "pukul 14.00", with an
// optional WITA.
func parseBahanArgs(s string, now time.Time, loc *time.Location) (bahanArgs, error) {
	words := strings.Fields(s)
	if len(words) == 0 {
		return bahanArgs{}, errNoMeetingNumber
	}
	id, ok := parseMeetingID(words[0])
	if !ok {
		return bahanArgs{}, errNoMeetingNumber
	}
	a := bahanArgs{Meeting: id, Rest: strings.Join(words[1:], " ")}
	words = words[1:]
	if len(words) == 0 {
		return a, nil
	}
	day, used, err := leadingDate(words, now, loc)
	if err != nil {
		a.DateErr = err
		return a, nil
	}
	words = words[used:]
	hour, minute := tkpkbot.DefaultMaterialsHour, 0
	h, m, used, err := leadingClock(words)
	if err != nil {
		a.DateErr = err
		return a, nil
	}
	if used > 0 {
		hour, minute, words = h, m, words[used:]
	}
	a.Deadline = time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, loc)
	a.Request = strings.Join(words, " ")
	return a, nil
}

var (
	// reClockWord is a time standing alone after the date: 09.00, 9:30.
	// "2.000" (KK) or "12.5" (juta) have no two-digit minutes and stay
	// the start of the request.
	reClockWord = regexp.MustCompile(`^\d{1,2}[.:]\d{2}$`)
	// reHourWord is an hour after "pukul": pukul 9.
	reHourWord = regexp.MustCompile(`^\d{1,2}$`)
)

// leadingClock reads the time that may follow the date: "09.00",
// "9:30", "pukul 9", "pukul 14.00", "jam 9", each with an optional WITA,
// and says how many words it used. Anything else is the request, except
// a "pukul" with no time after it, which can only be a mistyped time.
func leadingClock(words []string) (hour, minute, used int, err error) {
	if len(words) == 0 {
		return 0, 0, 0, nil
	}
	clock := strings.TrimRight(words[0], ",;")
	switch strings.ToLower(clock) {
	case "pukul", "pkl", "pkl.", "jam":
		next := ""
		if len(words) > 1 {
			next = strings.TrimRight(words[1], ",;")
		}
		switch {
		case reHourWord.MatchString(next):
			next += ".00"
		case reClockWord.MatchString(next):
		case strings.EqualFold(clock, "jam"):
			return 0, 0, 0, nil // "jam kerja posyandu": a request
		}
		clock, used = next, 2
	default:
		if !reClockWord.MatchString(clock) {
			return 0, 0, 0, nil
		}
		used = 1
	}
	hour, minute, err = indo.ParseClock(clock)
	if err != nil {
		return 0, 0, 0, err
	}
	if len(words) > used && strings.EqualFold(strings.TrimRight(words[used], ",;"), "wita") {
		used++
	}
	return hour, minute, used, nil
}

// parseAgendaArgs reads "<nomor> [butir]".
func parseAgendaArgs(s string) (meeting int64, item string, err error) {
	words := strings.Fields(s)
	if len(words) == 0 {
		return 0, "", errNoMeetingNumber
	}
	id, ok := parseMeetingID(words[0])
	if !ok {
		return 0, "", errNoMeetingNumber
	}
	return id, strings.Join(words[1:], " "), nil
}
