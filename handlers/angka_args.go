package handlers

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

// tkpkbot.Button data of the figure features. Telegram allows 64 bytes; the
// longest here, "angka:6472:2024-12-03", is far below.
func angkaData(code string, p tkpkbot.Period) string {
	if p.IsZero() {
		return "angka:" + code
	}
	return "angka:" + code + ":" + p.Key()
}

func grafikData(code string, ind tkpkbot.Indicator) string {
	return "grafik:" + code + ":" + string(ind)
}

func peringkatData(ind tkpkbot.Indicator, p tkpkbot.Period) string {
	if p.IsZero() {
		return "peringkat:" + string(ind)
	}
	return "peringkat:" + string(ind) + ":" + p.Key()
}

// parseRegionData reads "6472" or "6472:2024-03", what angkaData wrote
// after its prefix. tkpkbot.Button data comes back from the client, so it is
// checked like any input.
func parseRegionData(data string) (tkpkbot.Region, string, bool) {
	code, rest, _ := strings.Cut(data, ":")
	reg, ok := tkpkbot.RegionByCode(code)
	return reg, rest, ok
}

func parsePeriodData(s string) (tkpkbot.Period, bool) {
	if s == "" {
		return tkpkbot.Period{}, true
	}
	return tkpkbot.ParsePeriodKey(s)
}

// maxArgFields bounds the work on a pasted paragraph; real arguments
// ("kutai kartanegara 3 desember 2024") have five words.
const maxArgFields = 12

// splitRegionPeriod splits /angka's arguments into the region as typed and
// an optional period, at the end ("samarinda maret 2023") or the start
// ("2023 samarinda"). A trailing word with digits that is no period
// ("samarinda 1850") is reported, since the user clearly meant one; so is
// a month without its year ("samarinda maret"), with now's year offered.
func splitRegionPeriod(args string, now time.Time) (region string, p tkpkbot.Period, err error) {
	fields := strings.Fields(args)
	if len(fields) == 0 || len(fields) > maxArgFields {
		return strings.TrimSpace(args), tkpkbot.Period{}, nil
	}
	n := len(fields)
	for k := min(3, n); k >= 1; k-- {
		if p, ok := periodIn(fields[n-k:]); ok {
			return strings.Join(fields[:n-k], " "), p, nil
		}
	}
	for k := min(3, n-1); k >= 1; k-- {
		if p, ok := periodIn(fields[:k]); ok {
			return strings.Join(fields[k:], " "), p, nil
		}
	}
	if last := trimPunct(fields[n-1]); n > 1 && hasDigit(last) {
		if _, err := indo.ParsePeriod(last); err != nil {
			return strings.Join(fields[:n-1], " "), tkpkbot.Period{}, err
		}
	}
	if err := monthWithoutYear(fields, now.Year()); err != nil {
		return "", tkpkbot.Period{}, err
	}
	return strings.Join(fields, " "), tkpkbot.Period{}, nil
}

// yearMissingError is a month typed without its year. Figures exist per
// survey round, so the only question is which year, and the reply is best
// the line to type: the arguments with a year filled in.
type yearMissingError struct {
	err     *tkpkbot.Error
	example string // the arguments as typed, with the year added
}

func (e *yearMissingError) Error() string { return e.err.Error() }
func (e *yearMissingError) Unwrap() error { return e.err }

// monthWithoutYear finds "[day] month" at the end or the start of words
// and asks for the year. Region and indicator names contain no month
// name, so a month word here is always the start of a period.
func monthWithoutYear(words []string, year int) error {
	n := len(words)
	at := -1 // index of the month word
	switch {
	case isMonthWord(words[n-1]):
		at = n - 1
	case isMonthWord(words[0]):
		at = 0
	case n > 1 && isDayNumber(words[0]) && isMonthWord(words[1]):
		at = 1
	default:
		return nil
	}
	m, _ := indo.MonthWord(trimPunct(words[at]))
	label := indo.MonthName(m)
	if at > 0 && isDayNumber(words[at-1]) {
		label = trimPunct(words[at-1]) + " " + label
	}
	example := make([]string, 0, n+1)
	for i, w := range words {
		if i == at {
			w = trimPunct(w)
		}
		example = append(example, w)
		if i == at {
			example = append(example, strconv.Itoa(year))
		}
	}
	return &yearMissingError{
		err:     tkpkbot.Errorf(tkpkbot.EINVALID, "%s tahun berapa?", label),
		example: strings.Join(example, " "),
	}
}

func isMonthWord(w string) bool {
	_, ok := indo.MonthWord(trimPunct(w))
	return ok
}

func isDayNumber(w string) bool {
	d, err := strconv.Atoi(trimPunct(w))
	return err == nil && d >= 1 && d <= 31
}

// argsProblem is the reply to arguments that cannot be read: what is
// wrong, then a line to type. fallback is used unless the mistake brings
// its own corrected line.
func argsProblem(err error, command, fallback string) string {
	example := fallback
	var ym *yearMissingError
	if errors.As(err, &ym) {
		example = ym.example
	}
	return escape(tkpkbot.ErrorMessage(err)) + "\nContoh: <code>" + command + " " + escape(example) + "</code>"
}

// periodIn parses words as a period if they contain a digit: a period
// always has a year, and region names never do.
func periodIn(words []string) (tkpkbot.Period, bool) {
	s := trimPunct(strings.Join(words, " "))
	if !hasDigit(s) {
		return tkpkbot.Period{}, false
	}
	p, err := indo.ParsePeriod(s)
	return p, err == nil
}

func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) && r != '-' })
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// question is what a free-text message asks: a region, an indicator and
// maybe a period.
type question struct {
	Region    tkpkbot.Region
	Indicator tkpkbot.IndicatorInfo
	Period    tkpkbot.Period
}

// maxQuestion keeps long messages (a pasted report) out of the question
// parser: nobody asks for a figure in more than a few sentences.
const maxQuestion = 300

// parseQuestion reads "berapa penduduk miskin di kukar 2023?". It needs
// both an exactly named region and an indicator, so small talk that
// happens to name a city is left alone.
func parseQuestion(text string) (question, bool) {
	if len(text) > maxQuestion {
		return question{}, false
	}
	m, rest := match.RegionInText(text)
	if m.Kind != match.Exact {
		return question{}, false
	}
	info, ok := match.IndicatorInText(rest)
	if !ok {
		return question{}, false
	}
	return question{Region: m.Region, Indicator: info, Period: periodInText(rest)}, true
}

// parseRegionOnly reads a message that is nothing but a region, maybe
// with a period: "samarinda", "Kota Bontang 2023", "tenggarong maret
// 2024". Only exact names count (RegionInText), so "sama" or a typo is
// never taken for one, and any other word ("halo, saya dari samarinda")
// makes it small talk.
func parseRegionOnly(text string) (tkpkbot.Region, tkpkbot.Period, bool) {
	if len(text) > maxQuestion {
		return tkpkbot.Region{}, tkpkbot.Period{}, false
	}
	m, rest := match.RegionInText(text)
	if m.Kind != match.Exact {
		return tkpkbot.Region{}, tkpkbot.Period{}, false
	}
	if strings.TrimSpace(rest) == "" {
		return m.Region, tkpkbot.Period{}, true
	}
	if p, ok := periodIn(strings.Fields(rest)); ok && len(strings.Fields(rest)) <= 3 {
		return m.Region, p, true
	}
	return tkpkbot.Region{}, tkpkbot.Period{}, false
}

// periodInText finds the first period in free text: a year, possibly with
// the month before it ("maret 2023") or a day and month ("3 desember
// 2024"), or a "2023-03" form.
func periodInText(text string) tkpkbot.Period {
	words := strings.Fields(text)
	for i, w := range words {
		if !hasDigit(w) {
			continue
		}
		for k := min(2, i); k >= 0; k-- {
			if p, ok := periodIn(words[i-k : i+1]); ok {
				return p
			}
		}
	}
	return tkpkbot.Period{}
}
