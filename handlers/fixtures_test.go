package handlers

import (
	"strings"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
	"tkpkbot/match"
)

// witaLoc is loaded as the bot loads it, so the tests see the zone users
// type their dates in.
var witaLoc = clocktest.WITA

// testNow is Wednesday 2024-12-11 10:00 WITA, in 2024-W50 as in the
// end-to-end tests.
var testNow = time.Date(2024, 12, 11, 10, 0, 0, 0, witaLoc)

// wantInvalid fails unless err refuses in with the EINVALID whose message
// contains want: the sentence the user who typed it reads.
func wantInvalid(t *testing.T, in string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Errorf("%q accepted", in)
		return
	}
	if tkpkbot.ErrorCode(err) != tkpkbot.EINVALID || !strings.Contains(tkpkbot.ErrorMessage(err), want) {
		t.Errorf("%q: %q (code %s), want it to contain %q", in, tkpkbot.ErrorMessage(err), tkpkbot.ErrorCode(err), want)
	}
}

// refusedClearly reports whether a parser refused in. Whatever a fuzzer
// types, a refusal must be an EINVALID with a sentence for the user.
func refusedClearly(t *testing.T, in string, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	if tkpkbot.ErrorCode(err) != tkpkbot.EINVALID || tkpkbot.ErrorMessage(err) == "" {
		t.Fatalf("%q: unclear error %v", in, err)
	}
	return true
}

// wantRegionFromInput fails unless the region a parser split off in is
// made of in's own words, and matching it does not panic.
func wantRegionFromInput(t *testing.T, in, region string) {
	t.Helper()
	for _, w := range strings.Fields(region) {
		if !strings.Contains(in, w) {
			t.Fatalf("%q: region %q has words not in the input", in, region)
		}
	}
	match.Region(region) // must not panic either
}
