package tkpkbot

import (
	"errors"
	"slices"
	"testing"
)

func TestToggleKeepsListOrderAndFilled(t *testing.T) {
	var f ReportForm
	for _, c := range []struct {
		step   int
		code   string
		want   []string
		filled bool
	}{
		{StepStrategy, "kantong", []string{"kantong"}, true},
		{StepStrategy, "beban", []string{"beban", "kantong"}, true},
		{StepStrategy, "kantong", []string{"beban"}, true},
		{StepStrategy, "beban", nil, false},
		{StepFunding, "csr", []string{"csr"}, true},
		{StepFunding, "apbn", []string{"apbn", "csr"}, true},
	} {
		if err := f.Toggle(c.step, c.code); err != nil {
			t.Fatalf("toggle %d %s: %v", c.step, c.code, err)
		}
		if got := f.Chosen(c.step); !slices.Equal(got, c.want) || f.Filled[c.step] != c.filled {
			t.Errorf("after %s: %v filled=%v, want %v filled=%v", c.code, got, f.Filled[c.step], c.want, c.filled)
		}
	}
}

func TestToggleRefusesWithoutChange(t *testing.T) {
	for _, c := range []struct {
		step int
		code string
		want error
	}{
		{StepStrategy, "apbn", ErrChoiceUnknown},
		{StepFunding, "", ErrChoiceUnknown},
		{StepHouseholds, "beban", ErrAnswerStep},
		{StepSummary, "beban", ErrAnswerStep},
	} {
		var f ReportForm
		if err := f.Toggle(c.step, c.code); !errors.Is(err, c.want) {
			t.Errorf("step %d %q: %v, want %v", c.step, c.code, err, c.want)
		}
		if f.Draft.Strategies != nil || f.Draft.Funding != nil || f.Filled != ([StepSummary]bool{}) {
			t.Errorf("step %d %q: refused but changed the form", c.step, c.code)
		}
	}
}

func TestChoiceLabels(t *testing.T) {
	got := ChoiceLabels(FundingSources, []string{"csr", "apbn", "dana_hibah"})
	want := []string{"APBN", "CSR/swasta", "dana_hibah"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := ChoiceLabels(Strategies, nil); len(got) != 0 {
		t.Errorf("no codes: %v", got)
	}
}
