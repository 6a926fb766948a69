package tkpkbot

import (
	"fmt"
	"strconv"
	"strings"
)

// Button data of meeting messages: reminders put the buttons on the
// messages and handlers answer the taps, so both read this one format.
const (
	RSVPPrefix = "rsvp" // rsvp:<meeting>:<h|t|b>
	ICSPrefix  = "ics"  // ics:<meeting>
)

var rsvpCodes = map[RSVP]string{RSVPHadir: "h", RSVPTidakHadir: "t", RSVPBelumPasti: "b"}

// RSVPData is the callback data of an answer button.
func RSVPData(meetingID int64, a RSVP) string {
	return fmt.Sprintf("%s:%d:%s", RSVPPrefix, meetingID, rsvpCodes[a])
}

// ICSData is the callback data of the calendar-file button.
func ICSData(meetingID int64) string { return fmt.Sprintf("%s:%d", ICSPrefix, meetingID) }

// ParseRSVPData reads what follows "rsvp:" in a callback.
func ParseRSVPData(rest string) (meetingID int64, a RSVP, ok bool) {
	id, code, found := strings.Cut(rest, ":")
	if !found {
		return 0, "", false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return 0, "", false
	}
	for r, c := range rsvpCodes {
		if c == code {
			return n, r, true
		}
	}
	return 0, "", false
}

// MeetingKeyboard is the answer buttons plus the calendar file, one tap
// away rather than attached, so a broadcast costs one message per person.
func MeetingKeyboard(meetingID int64) Keyboard {
	return Keyboard{
		{
			{"✅ Hadir", RSVPData(meetingID, RSVPHadir)},
			{"❌ Tidak hadir", RSVPData(meetingID, RSVPTidakHadir)},
			{"❔ Belum pasti", RSVPData(meetingID, RSVPBelumPasti)},
		},
		{{"📅 Tambah ke kalender", ICSData(meetingID)}},
	}
}
