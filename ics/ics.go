// Package ics renders meetings as iCalendar (RFC 5545) files that phone
// calendars import from a Telegram attachment.
package ics

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tkpkbot"
)

// Meeting has no end time; two hours matches how long the team's
// coordination meetings are usually booked.
const defaultDuration = 2 * time.Hour

// wita is a fixed zone rather than a tzdata lookup: Asia/Makassar has been
// UTC+8 without DST since 1932, and the VTIMEZONE below promises exactly
// that, so the file stays correct on hosts without tzdata.
var wita = time.FixedZone("WITA", 8*60*60)

const vtimezone = "BEGIN:VTIMEZONE\r\n" +
	"TZID:Asia/Makassar\r\n" +
	"BEGIN:STANDARD\r\n" +
	"DTSTART:19700101T000000\r\n" +
	"TZOFFSETFROM:+0800\r\n" +
	"TZOFFSETTO:+0800\r\n" +
	"TZNAME:WITA\r\n" +
	"END:STANDARD\r\n" +
	"END:VTIMEZONE\r\n"

// Event returns a VCALENDAR with one VEVENT for m. A cancelled meeting gets
// STATUS:CANCELLED and a higher SEQUENCE so calendars that imported the
// original replace it instead of keeping both.
//
// loc is the zone the caller shows times in; the file itself always uses
// Asia/Makassar. If loc disagrees with UTC+8 at the meeting time the
// instant is still preserved, only expressed in WITA.
func Event(m tkpkbot.Meeting, uidDomain string, now time.Time, loc *time.Location) []byte {
	start := wallTime(m.StartsAt, loc)
	status, seq := "CONFIRMED", 0
	if m.CancelledAt != nil {
		status, seq = "CANCELLED", 1
	}

	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\n" +
		"PRODID:-//TKPK Kaltim//tkpkbot//ID\r\n" +
		"VERSION:2.0\r\n" +
		"CALSCALE:GREGORIAN\r\n" +
		"METHOD:PUBLISH\r\n")
	b.WriteString(vtimezone)
	b.WriteString("BEGIN:VEVENT\r\n")
	line(&b, fmt.Sprintf("UID:meeting-%d@%s", m.ID, uidDomain))
	line(&b, "DTSTAMP:"+now.UTC().Format("20060102T150405Z"))
	line(&b, "DTSTART;TZID=Asia/Makassar:"+start.Format("20060102T150405"))
	line(&b, "DTEND;TZID=Asia/Makassar:"+start.Add(defaultDuration).Format("20060102T150405"))
	line(&b, "SUMMARY:"+escape(m.Title))
	if strings.TrimSpace(m.Location) != "" {
		line(&b, "LOCATION:"+escape(m.Location))
	}
	line(&b, "STATUS:"+status)
	line(&b, fmt.Sprintf("SEQUENCE:%d", seq))
	b.WriteString("END:VEVENT\r\nEND:VCALENDAR\r\n")
	return b.Bytes()
}

// wallTime uses loc when it agrees with the UTC+8 the VTIMEZONE declares
// and falls back to the fixed offset otherwise, so a misconfigured loc can
// never shift the meeting.
func wallTime(t time.Time, loc *time.Location) time.Time {
	if loc != nil {
		if _, off := t.In(loc).Zone(); off == 8*60*60 {
			return t.In(loc)
		}
	}
	return t.In(wita)
}

// escape applies RFC 5545 §3.3.11 TEXT escaping. Control characters other
// than newline are dropped because the grammar forbids them and some
// importers reject the whole file over one.
func escape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// line writes a content line folded at 75 octets (RFC 5545 §3.1). Folding
// only at rune boundaries keeps every physical line valid UTF-8, which
// Google Calendar and Outlook both require.
func line(b *bytes.Buffer, s string) {
	const limit = 75
	width := limit
	for len(s) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		width = limit - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
