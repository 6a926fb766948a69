package indo

import "testing"

func TestEsc(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Kutai Kartanegara", "Kutai Kartanegara"},
		{`a < b & c > "d"`, "a &lt; b &amp; c &gt; &quot;d&quot;"},
		{"<b>bukan tebal</b>", "&lt;b&gt;bukan tebal&lt;/b&gt;"},
		{"&amp;", "&amp;amp;"},
		{"Jum'at 😀", "Jum'at 😀"},
	} {
		if got := Esc(tc.in); got != tc.want {
			t.Errorf("Esc(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
