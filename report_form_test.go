package tkpkbot

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReportFormSetAnswer(t *testing.T) {
	for _, c := range []struct {
		step       int
		in, stored string
		want       error
	}{
		{StepActivities, "  Rapat koordinasi ", "Rapat koordinasi", nil},
		{StepActivities, "abc", "abc", nil},
		{StepActivities, "ok", "", ErrAnswerShort},
		{StepActivities, " \u00a0 ", "", ErrAnswerEmpty},
		{StepActivities, strings.Repeat("é", MaxAnswer), strings.Repeat("é", MaxAnswer), nil},
		{StepActivities, strings.Repeat("é", MaxAnswer+1), "", ErrAnswerLong},
		{StepNextPlan, "—", "", ErrAnswerDash},
		{StepObstacles, "–", "-", nil},
		{StepObstacles, "--", "-", nil},
		{StepObstacles, "ok", "", ErrAnswerShort},
		{StepHouseholds, "12", "", ErrAnswerStep},
		{StepSummary, "abc", "", ErrAnswerStep},
	} {
		var f ReportForm
		err := f.SetAnswer(c.step, c.in)
		if !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("step %d %q: %v, want %v", c.step, c.in, err, c.want)
			continue
		}
		if err != nil {
			if !reflect.DeepEqual(f, ReportForm{}) {
				t.Errorf("step %d %q: refused but changed the form", c.step, c.in)
			}
			continue
		}
		got := map[int]string{StepActivities: f.Draft.Activities, StepObstacles: f.Draft.Obstacles, StepNextPlan: f.Draft.NextPlan}[c.step]
		if got != c.stored || !f.Filled[c.step] {
			t.Errorf("step %d %q: stored %q filled %v", c.step, c.in, got, f.Filled[c.step])
		}
	}
}

func TestReportFormSetNumber(t *testing.T) {
	var f ReportForm
	if err := f.SetNumber(StepHouseholds, 12); err != nil || f.Draft.Households != 12 || !f.Filled[StepHouseholds] {
		t.Fatalf("households: %v %+v", err, f)
	}
	if err := f.SetNumber(StepBudget, 1_250_000); err != nil || f.Draft.Budget != 1_250_000 || !f.Filled[StepBudget] {
		t.Fatalf("budget: %v %+v", err, f)
	}
	if err := f.SetNumber(StepBudget, -1); !errors.Is(err, ErrAnswerNegative) || f.Draft.Budget != 1_250_000 {
		t.Fatalf("negative: %v %+v", err, f)
	}
	if err := f.SetNumber(StepActivities, 3); !errors.Is(err, ErrAnswerStep) {
		t.Fatalf("text step: %v", err)
	}
}

// Whatever is typed, a text answer is refused with the form untouched,
// or stored trimmed and within the limits.
func FuzzReportFormSetAnswer(f *testing.F) {
	for _, s := range []string{"ok", "-", "–", "Rapat koordinasi", "  \u00a0 ", "ab\u0301", "\xff\xfe"} {
		f.Add(StepActivities, s)
		f.Add(StepObstacles, s)
	}
	f.Fuzz(func(t *testing.T, step int, s string) {
		var form ReportForm
		if err := form.SetAnswer(step, s); err != nil {
			if !reflect.DeepEqual(form, ReportForm{}) {
				t.Fatalf("step %d %q refused (%v) but the form changed", step, s, err)
			}
			return
		}
		text := map[int]string{StepActivities: form.Draft.Activities, StepObstacles: form.Draft.Obstacles, StepNextPlan: form.Draft.NextPlan}[step]
		if text != strings.TrimSpace(text) || utf8.RuneCountInString(text) > MaxAnswer ||
			utf8.RuneCountInString(text) < MinAnswer && !(step == StepObstacles && text == "-") {
			t.Fatalf("step %d %q stored as %q", step, s, text)
		}
	})
}
