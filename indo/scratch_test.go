package indo

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	for _, tc := range []struct {
		s string
		l int
	}{
		{"aaa bbb\nccc ddd eee", 12},
		{"a\n\nbbbbbbbb cccccccc", 16},
		{"abcdefghij", 4},
		{"aa &amp; bb", 6},
		{"&amp;&amp;", 7},
		{`<a href="https://x.id/?a=1&amp;b=2">klik di sini ya</a> lalu`, 48},
		{"<b>tebal <i>miring sekali</i> biasa</b>", 25},
		{"<pre><code class=\"language-go\">x := 1\ny := 2\n</code></pre>", 50},
		{"<b><i><u><s>teks panjang sekali</s></u></i></b>", 10},
		{"Halo <b>dunia</b> ini teks", 12},
		{"a😀b😀c", 3},
		{"x\n\ny\n\nz", 3},
		{"<tg-spoiler>rahasia besar</tg-spoiler>", 28},
	} {
		fmt.Printf("%q %d -> %q\n", tc.s, tc.l, Split(tc.s, tc.l))
	}
}
