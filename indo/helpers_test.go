package indo

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"tkpkbot"
)

// checkFriendly asserts that a parse error is what a chat user should see:
// one short Indonesian message with an example, safe in HTML, that the
// domain error helpers pass through unchanged.
func checkFriendly(t testing.TB, input string, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%q: want an error", input)
	}
	msg := err.Error()
	var e *Error
	switch {
	case !errors.As(err, &e):
		t.Fatalf("%q: error %T is not *indo.Error", input, err)
	case msg == "" || len(msg) > 300 || !utf8.ValidString(msg):
		t.Fatalf("%q: message empty, too long or not UTF-8: %q", input, msg)
	case !unicode.IsUpper([]rune(msg)[0]) && !unicode.IsDigit([]rune(msg)[0]):
		t.Fatalf("%q: message does not start a sentence: %q", input, msg)
	case !strings.HasSuffix(msg, "."):
		t.Fatalf("%q: message does not end a sentence: %q", input, msg)
	case !strings.Contains(msg, "misalnya"):
		t.Fatalf("%q: message gives no example: %q", input, msg)
	case strings.ContainsAny(msg, "<>&\"\n"):
		t.Fatalf("%q: message is not safe in HTML: %q", input, msg)
	case tkpkbot.ErrorCode(err) != tkpkbot.EINVALID || tkpkbot.ErrorMessage(err) != msg:
		t.Fatalf("%q: tkpkbot sees code %q message %q", input, tkpkbot.ErrorCode(err), tkpkbot.ErrorMessage(err))
	}
	for _, w := range []string{"strconv", "invalid", "syntax", "error", "parse", "range"} {
		if strings.Contains(strings.ToLower(msg), w) {
			t.Fatalf("%q: message leaks %q: %q", input, w, msg)
		}
	}
}

// wita is Asia/Makassar without depending on the system's tzdata: the
// zone has had no daylight saving since 1945.
var wita = time.FixedZone("WITA", 8*3600)
