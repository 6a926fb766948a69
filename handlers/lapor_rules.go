package handlers

import (
	"errors"
	"strings"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/indo"
)

// shortAnswer states each text step's rule exactly, because "ok" refused
// with a vague "wajib diisi" leaves the coordinator guessing what passes.
var shortAnswer = map[int]string{
	tkpkbot.StepActivities: "Kegiatan minggu ini wajib diisi, minimal 3 karakter.",
	tkpkbot.StepObstacles:  "Kendala diisi minimal 3 karakter, atau ketik - jika tidak ada kendala.",
	tkpkbot.StepNextPlan:   "Rencana minggu depan wajib diisi, minimal 3 karakter.",
}

// setAnswer reads text for the form's step and stores it; it returns
// what is wrong in words a coordinator can act on. Numbers are read here
// with indo's parsers, whose refusals are already such words; the form
// keeps the rules.
func setAnswer(f *tkpkbot.ReportForm, text string) string {
	var err error
	switch f.Step {
	case tkpkbot.StepStrategy, tkpkbot.StepFunding:
		return "Langkah ini dijawab dengan tombol: pilih satu atau lebih, lalu tekan Lanjut."
	case tkpkbot.StepHouseholds:
		err = setNumber(f, text, func(s string) (int64, error) { return indo.ParseCountOf(s, "KK") })
	case tkpkbot.StepBudget:
		err = setNumber(f, text, indo.ParseRupiah)
	default:
		err = f.SetAnswer(f.Step, text)
	}
	return answerProblem(f.Step, text, err)
}

func setNumber(f *tkpkbot.ReportForm, text string, parse func(string) (int64, error)) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return tkpkbot.ErrAnswerEmpty
	}
	n, err := parse(text)
	if err != nil {
		return err
	}
	return f.SetNumber(f.Step, n)
}

func answerProblem(step int, text string, err error) string {
	var parseErr *indo.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &parseErr):
		return parseErr.Error()
	case errors.Is(err, tkpkbot.ErrAnswerEmpty):
		return "Jawaban harus berupa teks."
	case errors.Is(err, tkpkbot.ErrAnswerLong):
		return "Jawaban terlalu panjang (" + indo.Int(int64(utf8.RuneCountInString(strings.TrimSpace(text)))) +
			" karakter). Ringkas menjadi paling banyak " + indo.Int(tkpkbot.MaxAnswer) + " karakter."
	case errors.Is(err, tkpkbot.ErrAnswerDash):
		return shortAnswer[step] + " Tanda - hanya dipakai di langkah Kendala, jika tidak ada kendala."
	case errors.Is(err, tkpkbot.ErrAnswerShort):
		return shortAnswer[step]
	}
	return tkpkbot.ErrorMessage(err)
}
