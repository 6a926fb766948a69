package tkpkbot

import "slices"

// Choice is one button of a multi-select form step: Code is stored, Label
// is what the coordinator reads.
type Choice struct {
	Code, Label string
}

// Strategies are the three strategies of Inpres 4/2022 on extreme poverty.
var Strategies = []Choice{
	{"beban", "Pengurangan beban pengeluaran"},
	{"pendapatan", "Peningkatan pendapatan"},
	{"kantong", "Pengurangan kantong kemiskinan"},
}

// FundingSources are where a week's activities were paid from.
var FundingSources = []Choice{
	{"apbn", "APBN"},
	{"apbd_prov", "APBD Provinsi"},
	{"apbd_kab", "APBD Kabupaten/Kota"},
	{"apbdes", "APBDes (Dana Desa)"},
	{"csr", "CSR/swasta"},
	{"lain", "lainnya"},
}

// ErrChoiceUnknown: a code that is not one of the step's choices (an old
// or forged button).
var ErrChoiceUnknown = &Error{Code: EINVALID, Reason: "choice_unknown"}

// ChoicesOf returns the choices of a multi-select step, or nil.
func ChoicesOf(step int) []Choice {
	switch step {
	case StepStrategy:
		return Strategies
	case StepFunding:
		return FundingSources
	}
	return nil
}

// Chosen returns the codes chosen at a multi-select step.
func (f *ReportForm) Chosen(step int) []string {
	switch step {
	case StepStrategy:
		return f.Draft.Strategies
	case StepFunding:
		return f.Draft.Funding
	}
	return nil
}

// Toggle adds code to the step's choices or takes it out; the step counts
// as answered while at least one is chosen. Codes stay in list order, so
// the same choices always read (and compare) the same. On error f is
// unchanged.
func (f *ReportForm) Toggle(step int, code string) error {
	list := ChoicesOf(step)
	if list == nil {
		return ErrAnswerStep
	}
	if !slices.ContainsFunc(list, func(c Choice) bool { return c.Code == code }) {
		return ErrChoiceUnknown
	}
	had := f.Chosen(step)
	var next []string
	for _, c := range list {
		if (c.Code == code) != slices.Contains(had, c.Code) {
			next = append(next, c.Code)
		}
	}
	switch step {
	case StepStrategy:
		f.Draft.Strategies = next
	case StepFunding:
		f.Draft.Funding = next
	}
	f.Filled[step] = len(next) > 0
	return nil
}

// ChoiceLabels returns the labels of codes in list order; codes no longer
// in the list are kept as written so an old report still says what it said.
func ChoiceLabels(list []Choice, codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range list {
		if slices.Contains(codes, c.Code) {
			out = append(out, c.Label)
		}
	}
	for _, code := range codes {
		if !slices.ContainsFunc(list, func(c Choice) bool { return c.Code == code }) {
			out = append(out, code)
		}
	}
	return out
}
