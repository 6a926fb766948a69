package indo

import "testing"

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"!!!", ""},
		{"  Jum'at,  KUTAI-Kartanegara! ", "jumat kutai kartanegara"},
		{"Émile Zoë Ångström", "emile zoe angstrom"},
		{"e\u0301", "e"},
		{"Balikpapan\tKota\n", "balikpapan kota"},
		{"PPU (Penajam Paser Utara)", "ppu penajam paser utara"},
		{"Kab.\u00a0Berau", "kab berau"},
		{"Samarinda😀Seberang", "samarinda seberang"},
		{"2024-W50", "2024 w50"},
		{"STRASSE straße", "strasse strasse"},
		{"\xff bad", "bad"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"12", "12"},
		{" 12 ", "12"},
		{"1\u00a0250", "1 250"},
		{"1\u202f250\u2009000", "1 250 000"},
		{"a  \t b", "a b"},
		{"\u200b5\ufeff", "5"},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
