package tkpkbot_test

import (
	"testing"

	"tkpkbot"
)

func TestSourceFamily(t *testing.T) {
	for in, want := range map[string]string{
		"BPS, via prokal.co":            "BPS",
		"BPS Kaltim, rilis 1 Juli 2024": "BPS",
		"bps":                           "BPS",
		"BPSDM Kaltim, pelatihan":       "BPSDM Kaltim",
		"Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024": "Dinas Sosial Kaltim",
		"Pemprov Kaltim, via kompas.id":                   "Pemprov Kaltim",
		"  Bappeda  ":                                     "Bappeda",
		"BPS-Statistics Indonesia, tabel ":                "BPS",
	} {
		if got := tkpkbot.SourceFamily(in); got != want {
			t.Errorf("SourceFamily(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParsePeriodKey(t *testing.T) {
	for _, p := range []tkpkbot.Period{{Year: 2024, Month: 3}, {Year: 2023}, {Year: 2024, Month: 12, Day: 3}, {Year: 2024, Month: 2, Day: 29}} {
		if got, ok := tkpkbot.ParsePeriodKey(p.Key()); !ok || got != p {
			t.Errorf("%v: round trip %v %v", p, got, ok)
		}
	}
	for _, s := range []string{"", "2024-3", "2024-13", "2024-03-32", "2024/03", "+024", "2024-03-", "0000", "２０２４", "2024-00", "2024-03-00"} {
		if p, ok := tkpkbot.ParsePeriodKey(s); ok {
			t.Errorf("ParsePeriodKey(%q) = %v", s, p)
		}
	}
}

func FuzzParsePeriodKey(f *testing.F) {
	for _, s := range []string{"2024-03", "2023", "2024-12-03", "2024-3", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := tkpkbot.ParsePeriodKey(s)
		if ok && p.Key() != s {
			t.Fatalf("%q parsed to %v whose key is %q", s, p, p.Key())
		}
		if ok && (p.Month < 0 || p.Month > 12 || p.Day < 0 || p.Day > 31 || p.Day > 0 && p.Month == 0) {
			t.Fatalf("%q parsed to an impossible %v", s, p)
		}
	})
}
