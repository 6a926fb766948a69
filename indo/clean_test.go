package indo

import "testing"

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
