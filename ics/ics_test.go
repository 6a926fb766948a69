package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tkpkbot"
)

var testLoc = time.FixedZone("WITA", 8*3600)

func meeting() tkpkbot.Meeting {
	return tkpkbot.Meeting{
		ID:       42,
		Title:    "Rapat Koordinasi TKPK, Triwulan IV; evaluasi P3KE",
		Location: "Ruang Rapat Bappeda Kaltim\nJl. Kesuma Bangsa, Samarinda",
		StartsAt: time.Date(2024, 12, 13, 9, 0, 0, 0, testLoc),
	}
}

func TestEventGolden(t *testing.T) {
	now := time.Date(2024, 12, 10, 10, 30, 0, 0, testLoc)
	got := string(Event(meeting(), "tkpk.kaltimprov.go.id", now, testLoc))
	want := strings.Join([]string{
		"BEGIN:VCALENDAR",
		"PRODID:-//TKPK Kaltim//tkpkbot//ID",
		"VERSION:2.0",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"BEGIN:VTIMEZONE",
		"TZID:Asia/Makassar",
		"BEGIN:STANDARD",
		"DTSTART:19700101T000000",
		"TZOFFSETFROM:+0800",
		"TZOFFSETTO:+0800",
		"TZNAME:WITA",
		"END:STANDARD",
		"END:VTIMEZONE",
		"BEGIN:VEVENT",
		"UID:meeting-42@tkpk.kaltimprov.go.id",
		"DTSTAMP:20241210T023000Z",
		"DTSTART;TZID=Asia/Makassar:20241213T090000",
		"DTEND;TZID=Asia/Makassar:20241213T110000",
		`SUMMARY:Rapat Koordinasi TKPK\, Triwulan IV\; evaluasi P3KE`,
		`LOCATION:Ruang Rapat Bappeda Kaltim\nJl. Kesuma Bangsa\, Samarinda`,
		"STATUS:CONFIRMED",
		"SEQUENCE:0",
		"END:VEVENT",
		"END:VCALENDAR",
		"",
	}, "\r\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestEventCancelled(t *testing.T) {
	m := meeting()
	m.Location = "  "
	c := time.Date(2024, 12, 11, 8, 0, 0, 0, time.UTC)
	m.CancelledAt = &c
	props := parse(t, Event(m, "x.test", c, testLoc))
	if props["STATUS"] != "CANCELLED" || props["SEQUENCE"] != "1" {
		t.Errorf("STATUS=%q SEQUENCE=%q", props["STATUS"], props["SEQUENCE"])
	}
	if _, ok := props["LOCATION"]; ok {
		t.Error("blank location must be omitted")
	}
}

// A UTC StartsAt and a nil or wrong loc must still land on 09:00 WITA.
func TestEventConvertsZone(t *testing.T) {
	m := meeting()
	m.StartsAt = m.StartsAt.UTC()
	for _, loc := range []*time.Location{nil, time.UTC, testLoc} {
		props := parse(t, Event(m, "x.test", m.StartsAt, loc))
		if got := props["DTSTART;TZID=Asia/Makassar"]; got != "20241213T090000" {
			t.Errorf("loc %v: DTSTART %q", loc, got)
		}
	}
}

func TestFolding(t *testing.T) {
	m := meeting()
	m.Title = "Rapat Pleno Percepatan Penghapusan Kemiskinan Ekstrem — Kabupaten Kutai Kartanegara, " +
		"Mahakam Ulu & Penajam Paser Utara “Evaluasi Semester II” 🇮🇩 ✓ ÄÖÜ ąęł ไทย 日本語テキスト"
	out := Event(m, "tkpk.kaltimprov.go.id", m.StartsAt, testLoc)
	for i, l := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8: %q", i, l)
		}
	}
	props := parse(t, out)
	if want := escape(m.Title); props["SUMMARY"] != want {
		t.Errorf("unfolded SUMMARY %q, want %q", props["SUMMARY"], want)
	}
	if unescape(props["SUMMARY"]) != m.Title {
		t.Errorf("round trip lost text: %q", unescape(props["SUMMARY"]))
	}
}

func TestEscape(t *testing.T) {
	cases := map[string]string{
		`a\b`:            `a\\b`,
		"a;b,c":          `a\;b\,c`,
		"baris1\nbaris2": `baris1\nbaris2`,
		"win\r\nline":    `win\nline`,
		"tab\there":      "tab here",
		"bel\x07l":       "bell",
		`\n literal`:     `\\n literal`,
	}
	for in, want := range cases {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// parse is a deliberately small reader: it checks the structure every
// importer relies on and returns the VEVENT's properties by name (with
// parameters kept in the key).
func parse(t *testing.T, data []byte) map[string]string {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Fatal("lines must end in CRLF only")
	}
	s = strings.ReplaceAll(s, "\r\n ", "") // unfold
	var stack []string
	props := map[string]string{}
	for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		name, val, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon in %q", l)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, val)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != val {
				t.Fatalf("END:%s does not match %v", val, stack)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 2 && stack[1] == "VEVENT" {
				props[name] = val
			}
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed components %v", stack)
	}
	for _, p := range []string{"UID", "DTSTAMP", "DTSTART;TZID=Asia/Makassar", "DTEND;TZID=Asia/Makassar", "SUMMARY"} {
		if props[p] == "" {
			t.Errorf("VEVENT lacks %s", p)
		}
	}
	if !bytes.Contains(data, []byte("\r\nTZID:Asia/Makassar\r\n")) {
		t.Error("no VTIMEZONE for the TZID used")
	}
	return props
}

func unescape(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n").Replace(s)
}

// Every alignment of 2-, 3- and 4-byte runes against the fold points.
func TestLineFoldsOnRuneBoundaries(t *testing.T) {
	for _, r := range []string{"é", "語", "🇮"} {
		for pad := 0; pad < 4; pad++ {
			s := "SUMMARY:" + strings.Repeat("x", pad) + strings.Repeat(r, 60)
			var b bytes.Buffer
			line(&b, s)
			phys := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
			if len(phys) < 2 {
				t.Fatalf("%q was not folded", s)
			}
			for i, l := range phys {
				if len(l) > 75 || !utf8.ValidString(l) || (i > 0 && l[0] != ' ') {
					t.Errorf("bad physical line %q", l)
				}
				// Folding early is allowed but wasteful.
				if i < len(phys)-1 && len(l) < 75-len(r)+1 {
					t.Errorf("line %d folded early at %d octets", i, len(l))
				}
			}
			if got := strings.ReplaceAll(strings.TrimSuffix(b.String(), "\r\n"), "\r\n ", ""); got != s {
				t.Errorf("unfold mismatch for pad %d rune %q", pad, r)
			}
		}
	}
}
