package handlers

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"tkpkbot"
)

func TestSetAnswer(t *testing.T) {
	const (
		act  = tkpkbot.StepActivities
		kk   = tkpkbot.StepHouseholds
		obst = tkpkbot.StepObstacles
		plan = tkpkbot.StepNextPlan
	)
	for _, c := range []struct {
		step    int
		in      string
		problem string // "" when accepted
		stored  string // the text answer kept, for text steps
		count   int64  // the households kept, for the KK step
	}{
		{act, "ok", "Kegiatan minggu ini wajib diisi, minimal 3 karakter.", "", 0},
		{act, " ya ", "Kegiatan minggu ini wajib diisi, minimal 3 karakter.", "", 0},
		{act, "-", "Kegiatan minggu ini wajib diisi, minimal 3 karakter. Tanda - hanya dipakai di langkah Kendala, jika tidak ada kendala.", "", 0},
		{act, "rapat", "", "rapat", 0},
		{act, "abc", "", "abc", 0},
		{plan, "ok", "Rencana minggu depan wajib diisi, minimal 3 karakter.", "", 0},
		{plan, "—", "Rencana minggu depan wajib diisi, minimal 3 karakter. Tanda - hanya dipakai di langkah Kendala, jika tidak ada kendala.", "", 0},
		{plan, "Pendataan lanjutan", "", "Pendataan lanjutan", 0},
		{obst, "ok", "Kendala diisi minimal 3 karakter, atau ketik - jika tidak ada kendala.", "", 0},
		{obst, "-", "", "-", 0},
		{obst, "–", "", "-", 0},
		{obst, "--", "", "-", 0},
		{obst, "Tidak ada", "", "Tidak ada", 0},
		{kk, "12 KK", "", "", 12},
		{kk, "12 kk", "", "", 12},
		{kk, "± 12", "", "", 12},
		{kk, "12 KK.", "", "", 12},
		{kk, "sekitar 12", "", "", 12},
		{kk, "1.250", "", "", 1250},
		{kk, "12 orang", "Yang ditanyakan jumlah KK, bukan jumlah orang. Tulis jumlah KK dengan angka, misalnya 12.", "", 0},
		{kk, "10-12", "Tulis satu angka saja, bukan rentang. Jika ragu, tulis perkiraan terdekat, misalnya 12.", "", 0},
		{kk, "1,5", "Tulis angka bulat tanpa koma, misalnya 1.250.", "", 0},
		{kk, "banyak", "Tulis jumlah KK dengan angka saja, misalnya 12 atau 1.250.", "", 0},
	} {
		f := tkpkbot.ReportForm{Step: c.step}
		problem := setAnswer(&f, c.in)
		if problem != c.problem {
			t.Errorf("step %d %q: problem %q, want %q", c.step, c.in, problem, c.problem)
			continue
		}
		if f.Filled[c.step] != (problem == "") {
			t.Errorf("step %d %q: filled = %v with problem %q", c.step, c.in, f.Filled[c.step], problem)
		}
		stored := map[int]string{act: f.Draft.Activities, obst: f.Draft.Obstacles, plan: f.Draft.NextPlan}[c.step]
		if stored != c.stored || f.Draft.Households != c.count {
			t.Errorf("step %d %q: stored %q / %d, want %q / %d", c.step, c.in, stored, f.Draft.Households, c.stored, c.count)
		}
	}
}

// Whatever is typed, an answer is either refused with a sentence and
// leaves the form as it was, or stored trimmed and within the rules.
func FuzzSetAnswer(f *testing.F) {
	for _, s := range []string{"ok", "-", "–", "Rapat koordinasi", "12 KK.", "sekitar 12", "10-12", "Rp1.250.000", "  \u00a0 ", "ab\u0301"} {
		f.Add(tkpkbot.StepActivities, s)
		f.Add(tkpkbot.StepHouseholds, s)
		f.Add(tkpkbot.StepObstacles, s)
	}
	f.Fuzz(func(t *testing.T, step int, s string) {
		if step < tkpkbot.StepActivities || step > tkpkbot.StepNextPlan {
			return
		}
		form := tkpkbot.ReportForm{Step: step}
		problem := setAnswer(&form, s)
		if problem != "" {
			if form.Filled[step] || !reflect.DeepEqual(form.Draft, tkpkbot.Report{}) {
				t.Fatalf("step %d %q refused (%q) but the form changed: %+v", step, s, problem, form)
			}
			return
		}
		if !form.Filled[step] {
			t.Fatalf("step %d %q accepted but not marked filled", step, s)
		}
		text := map[int]string{tkpkbot.StepActivities: form.Draft.Activities, tkpkbot.StepObstacles: form.Draft.Obstacles, tkpkbot.StepNextPlan: form.Draft.NextPlan}[step]
		switch step {
		case tkpkbot.StepHouseholds:
			if form.Draft.Households < 0 {
				t.Fatalf("%q: negative households %d", s, form.Draft.Households)
			}
		case tkpkbot.StepBudget:
		default:
			if text != strings.TrimSpace(text) || utf8.RuneCountInString(text) > tkpkbot.MaxAnswer {
				t.Fatalf("step %d %q stored as %q", step, s, text)
			}
			if utf8.RuneCountInString(text) < tkpkbot.MinAnswer && !(step == tkpkbot.StepObstacles && text == "-") {
				t.Fatalf("step %d %q stored a short answer %q", step, s, text)
			}
		}
	})
}
