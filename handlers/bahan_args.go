package handlers

import (
	"strings"
	"time"
	"unicode"

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
	if len(words) > 0 {
		clock, n := words[0], 1
		if w := strings.ToLower(clock); (w == "pukul" || w == "jam" || w == "pkl" || w == "pkl.") && len(words) > 1 {
			clock, n = clock+" "+words[1], 2
		}
		if n == 2 || looksLikeClock(clock) {
			h, m, err := indo.ParseClock(clock)
			if err != nil {
				a.DateErr = err
				return a, nil
			}
			hour, minute, words = h, m, words[n:]
			if len(words) > 0 && strings.EqualFold(words[0], "wita") {
				words = words[1:]
			}
		}
	}
	a.Deadline = time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, loc)
	a.Request = strings.Join(words, " ")
	return a, nil
}

// looksLikeClock tells a time ("14.00", "9:30") from the first word of a
// request ("Paparan", "2024" as in "Data 2024"): digits with a : or . in
// between.
func looksLikeClock(w string) bool {
	if w == "" || !unicode.IsDigit(rune(w[0])) {
		return false
	}
	return strings.ContainsAny(w, ":.")
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
