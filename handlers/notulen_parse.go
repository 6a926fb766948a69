package handlers

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

// Limits on minutes: one Telegram message holds 4.096 characters, and
// the minutes as sent (and previewed) add headings, full region names and
// dates to what was typed; a task is read on a phone in a reminder.
const (
	maxMinutesText = 2500
	maxMinutesTask = 300
	maxMinutesLine = 1000
	maxTasks       = 30
)

// minutesProblem is one bad line of minutes, worded for the admin (HTML).
type minutesProblem struct {
	Line int // 1-based; 0 for the text as a whole
	Text string
}

func (p minutesProblem) String() string {
	if p.Line == 0 {
		return p.Text
	}
	return fmt.Sprintf("Baris %d: %s", p.Line, p.Text)
}

// parseMinutes reads minutes as an admin types them: lines starting
// "Keputusan:" are decisions, lines "- <wilayah>: <tugas> (<tenggat>)"
// follow-up tasks, anything else free text. A dash line whose head is no
// region (nor a misspelt one) is free text too unless it ends in a due
// date: "- Rapat dibuka: 09:00", "- Catatan: peserta lengkap (10
// wilayah)". Every bad line is reported, so one answer fixes them all.
func parseMinutes(text string, now time.Time, loc *time.Location) (tkpkbot.Minutes, []minutesProblem) {
	var m tkpkbot.Minutes
	if utf8.RuneCountInString(text) > maxMinutesText {
		return m, []minutesProblem{{0, fmt.Sprintf("Notulen terlalu panjang (lebih dari %s karakter). Ringkas atau bagi catatannya.", indo.Int(maxMinutesText))}}
	}
	var probs []minutesProblem
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimSpace(strings.ToValidUTF8(raw, ""))
		if line == "" {
			continue
		}
		if utf8.RuneCountInString(line) > maxMinutesLine {
			probs = append(probs, minutesProblem{n, "baris terlalu panjang; pecah menjadi beberapa baris."})
			continue
		}
		if rest, ok := cutPrefixFold(line, "keputusan"); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, " :")) {
			d := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
			if d == "" {
				probs = append(probs, minutesProblem{n, "tulis isi keputusannya setelah <code>Keputusan:</code>, misalnya <code>Keputusan: Pendataan ulang selesai Desember</code>."})
				continue
			}
			m.Decisions = append(m.Decisions, d)
			continue
		}
		body, bullet := cutBullet(line)
		if !bullet {
			m.Notes = append(m.Notes, line)
			continue
		}
		t, isTask, problem := parseTaskLine(body, now, loc)
		switch {
		case problem != "":
			probs = append(probs, minutesProblem{n, problem})
		case isTask:
			m.Tasks = append(m.Tasks, t)
		default:
			m.Notes = append(m.Notes, line)
		}
	}
	if len(m.Tasks) > maxTasks {
		probs = append(probs, minutesProblem{0, fmt.Sprintf("Paling banyak %d tindak lanjut dalam satu notulen.", maxTasks)})
	}
	if len(probs) == 0 && m.Empty() {
		probs = append(probs, minutesProblem{0, "Notulennya kosong."})
	}
	return m, probs
}

// cutBullet strips a leading list mark; phones turn "-" into "–" or "—".
func cutBullet(line string) (string, bool) {
	for _, p := range []string{"-", "–", "—", "•", "*"} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return line, false
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// taskExample is a task line valid as typed on any day: due the last
// day of next month.
func taskExample(now time.Time, loc *time.Location) string {
	y, m, _ := now.In(loc).Date()
	due := time.Date(y, m+2, 0, 0, 0, 0, 0, loc)
	return "<code>- Samarinda: Verifikasi 500 KK data P3KE (" + due.Format("02-01-2006") + ")</code>"
}

// parseTaskLine reads "<wilayah>: <tugas> (<tenggat>)". isTask=false with
// no problem means the line is free text after all.
func parseTaskLine(body string, now time.Time, loc *time.Location) (t tkpkbot.MinutesTask, isTask bool, problem string) {
	head, rest, hasColon := strings.Cut(body, ":")
	head = strings.TrimSpace(head)
	rest = strings.TrimSpace(rest)
	open := strings.LastIndex(rest, "(")
	dated := strings.HasSuffix(rest, ")") && open >= 0
	if !hasColon || head == "" {
		return t, false, ""
	}
	var dateText string
	if dated {
		dateText = strings.TrimSpace(rest[open+1 : len(rest)-1])
	}
	res := match.Region(head)
	if res.Kind != match.Exact {
		// A task is meant when the head looks like a misspelt region (a
		// did-you-mean to offer) or the parenthesis is a due date; any
		// other "- X: Y (Z)" is a note: "- Catatan: peserta lengkap
		// (10 wilayah)", "- Rapat dibuka: 09.00". A head near only the
		// start of a name ("Agenda", "Sekda" to "sendawar") is no misspelt
		// region unless a due date says a task is meant.
		unlike := res.Kind == match.None || res.Kind == match.Suggest && res.OnlyPrefix
		if !dated || unlike && !readsAsDate(dateText, now, loc) {
			return t, false, ""
		}
		return t, true, fmt.Sprintf("wilayah <b>%s</b> tidak dikenali. %s Tulis seperti %s.", escape(head), regionHint(res), taskExample(now, loc))
	}
	if res.Region.Code == tkpkbot.ProvinceCode {
		return t, true, "tindak lanjut diberikan kepada kabupaten/kota, bukan provinsi. Tulis seperti " + taskExample(now, loc) + "."
	}
	if !dated {
		return t, true, "tulis tenggatnya dalam kurung di akhir baris, seperti " + taskExample(now, loc) + "."
	}
	task := strings.TrimSpace(rest[:open])
	dateText = dueText(dateText)
	switch n := utf8.RuneCountInString(task); {
	case n < tkpkbot.MinAnswer:
		return t, true, "tulis tugasnya sebelum tenggat, seperti " + taskExample(now, loc) + "."
	case n > maxMinutesTask:
		return t, true, fmt.Sprintf("tugas terlalu panjang (paling banyak %d karakter).", maxMinutesTask)
	}
	day, err := indo.ParseDate(dateText, now, loc)
	if err != nil {
		return t, true, "tenggat <b>" + escape(dateText) + "</b> tidak terbaca. " + escape(tkpkbot.ErrorMessage(err))
	}
	if due := tkpkbot.ActionDueAt(day, loc); !due.After(now) {
		return t, true, fmt.Sprintf("tenggat %s sudah lewat (tenggat berlaku sampai pukul %02d.00 WITA). Tulis tanggal setelah hari ini.",
			indo.Date(day), tkpkbot.ActionDueHour)
	}
	return tkpkbot.MinutesTask{Region: res.Region.Code, Task: task, DueOn: day}, true, ""
}

// dueText strips the optional "tenggat" before a due date.
func dueText(s string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(s), "tenggat"), ":"))
}

// readsAsDate: the parenthesis of a line is meant as a due date, written
// as one or introduced by "tenggat" (then a wrong date is worth a
// correction rather than becoming a note).
func readsAsDate(s string, now time.Time, loc *time.Location) bool {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "tenggat") {
		return true
	}
	_, err := indo.ParseDate(dueText(s), now, loc)
	return err == nil
}
