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

// accepts is an input a parser must read, and the value it must read.
type accepts[T any] struct {
	in   string
	want T
}

// refuses is an input a parser must turn down, and the exact message the
// chat user is then shown.
type refuses struct{ in, want string }

// checkParse holds one parser to the contract every parser here shares:
// each accepted input reads as its value, each refused one fails with a
// friendly error carrying its message.
func checkParse[T comparable](t *testing.T, name string, parse func(string) (T, error), ok []accepts[T], bad []refuses) {
	t.Helper()
	for _, tc := range ok {
		got, err := parse(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("%s(%q) = %+v, %v; want %+v", name, tc.in, got, err, tc.want)
		}
	}
	for _, tc := range bad {
		got, err := parse(tc.in)
		if err == nil {
			t.Errorf("%s(%q) = %+v, want error %q", name, tc.in, got, tc.want)
			continue
		}
		checkFriendly(t, tc.in, err)
		if err.Error() != tc.want {
			t.Errorf("%s(%q) error = %q, want %q", name, tc.in, err, tc.want)
		}
	}
}

// seedParse starts the fuzzer from a parser's tables, where the edges are.
func seedParse[W any](f *testing.F, ok []accepts[W], bad []refuses) {
	for _, tc := range ok {
		f.Add(tc.in)
	}
	for _, tc := range bad {
		f.Add(tc.in)
	}
}

// fuzzParse fuzzes a parser from its tables: any error must be friendly,
// and check asks of an accepted value what that parser promises.
func fuzzParse[T, W any](f *testing.F, parse func(string) (T, error), ok []accepts[W], bad []refuses, check func(t *testing.T, s string, v T)) {
	seedParse(f, ok, bad)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parse(s)
		if err != nil {
			checkFriendly(t, s, err)
			return
		}
		check(t, s, v)
	})
}
