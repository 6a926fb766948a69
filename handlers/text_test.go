package handlers

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

// TestEveryFactWorded: a fact the store or the domain reports reaches a
// chat only through these sentences, so each needs its own, also when it
// comes About a number or wrapped with an operation's context.
func TestEveryFactWorded(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range tkpkbot.Facts {
		if f.Reason == "" || f.Message != "" {
			t.Errorf("%v: a fact has a Reason and no Message", f)
		}
		if seen[f.Reason] {
			t.Errorf("reason %q declared twice", f.Reason)
		}
		seen[f.Reason] = true
		worded := false
		for _, r := range ruleTexts {
			worded = worded || r.err == error(f)
		}
		if !worded {
			t.Errorf("%s has no sentence in ruleTexts", f.Reason)
			continue
		}
		for _, err := range []error{f, fmt.Errorf("op: %w", f), fmt.Errorf("op: %w", f.About(7))} {
			got := userMessage(err)
			if got == "" || strings.Contains(got, "%!") || strings.Contains(got, f.Reason) {
				t.Errorf("%v: worded %q", err, got)
			}
			if f.Code != tkpkbot.EINTERNAL && got == tkpkbot.ErrorMessage(err) {
				t.Errorf("%v: left to the generic %q", err, got)
			}
		}
	}
}

func TestNumberedFactNamesNumber(t *testing.T) {
	err := fmt.Errorf("cancel meeting: %w", tkpkbot.ErrMeetingUnknown.About(9))
	if got, want := userMessage(err), "Rapat #9 tidak ditemukan. Lihat nomor rapat di /rapat."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Errorf("code %q", tkpkbot.ErrorCode(err))
	}
}

func TestHolidayTakenNamesMark(t *testing.T) {
	week := &tkpkbot.HolidayTakenError{Holiday: tkpkbot.Holiday{Week: tkpkbot.Week{Year: 2024, Week: 50}}}
	if got, want := userMessage(week), "Minggu 2024-W50 sudah ditandai libur. Lihat /libur."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	day := &tkpkbot.HolidayTakenError{Holiday: tkpkbot.Holiday{Day: time.Date(2024, 12, 24, 0, 0, 0, 0, time.UTC)}}
	if got, want := userMessage(day), "Tanggal 2024-12-24 sudah ditandai libur. Lihat /libur."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEveryFigureProblemWorded(t *testing.T) {
	for _, p := range tkpkbot.FigureProblems {
		err := error(&tkpkbot.FigureRejectedError{N: 2, Problem: p, Same: 1})
		if !errors.Is(err, tkpkbot.ErrFigureRejected) || tkpkbot.ErrorCode(err) != tkpkbot.EINVALID {
			t.Fatalf("%s: not an EINVALID ErrFigureRejected", p)
		}
		got := userMessage(err)
		if !strings.HasPrefix(got, "Angka ke-2 ditolak, tidak ada yang disimpan: ") || strings.HasSuffix(got, ": .") {
			t.Errorf("%s: worded %q", p, got)
		}
	}
}
