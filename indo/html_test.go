package indo

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

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

func TestUTF16Len(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"Jumat", 5},
		{"é", 1},
		{"–", 1},
		{"😀", 2},
		{"a😀b", 4},
		{"\xff", 1},
		{"👨‍👩‍👧", 8}, // three emoji joined by two zero-width joiners
	} {
		if got := UTF16Len(tc.in); got != tc.want {
			t.Errorf("UTF16Len(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"empty", "", 10, nil},
		{"fits", "abc", 10, []string{"abc"}},
		{"fits exactly", "abc", 3, []string{"abc"}},
		{"no white space", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"space", "aaaa bbbb cccc", 10, []string{"aaaa bbbb ", "cccc"}},
		{"blank line first", "aaaa bbbb\n\ncccc dddd", 15, []string{"aaaa bbbb\n\n", "cccc dddd"}},
		{"newline before space", "aaa bbb\nccc ddd eee", 12, []string{"aaa bbb\n", "ccc ddd eee"}},
		{"blank line too early", "a\n\nbbbbbbbb cccccccc", 16, []string{"a\n\nbbbbbbbb ", "cccccccc"}},
		{"blank lines", "x\n\ny\n\nz", 3, []string{"x\n\n", "y\n\n", "z"}},
		{"surrogate pairs", "😀😀😀", 3, []string{"😀", "😀", "😀"}},
		{"surrogate pairs mixed", "a😀b😀c", 3, []string{"a😀", "b😀", "c"}},
		{"entity kept whole", "aa &amp; bb", 6, []string{"aa ", "&amp; ", "bb"}},
		{"entities back to back", "&amp;&amp;", 7, []string{"&amp;", "&amp;"}},
		{"tag closed and reopened", "<b>hello world foo</b>", 16, []string{"<b>hello </b>", "<b>world foo</b>"}},
		{"nested tags", "<b>tebal <i>miring sekali</i> biasa</b>", 25,
			[]string{"<b>tebal </b>", "<b><i>miring </i></b>", "<b><i>sekali</i> </b>", "<b>biasa</b>"}},
		{"attributes reopened", `<a href="https://x.id/?a=1&amp;b=2">klik di sini ya</a> lalu`, 48, []string{
			`<a href="https://x.id/?a=1&amp;b=2">klik di </a>`,
			`<a href="https://x.id/?a=1&amp;b=2">sini ya</a> `,
			"lalu",
		}},
		{"code block", "<pre><code class=\"language-go\">x := 1\ny := 2\n</code></pre>", 51, []string{
			"<pre><code class=\"language-go\">x := 1\n</code></pre>",
			"<pre><code class=\"language-go\">y := 2\n</code></pre>",
		}},
		{"no empty reopened tag", "Halo <b>dunia</b> ini teks", 12, []string{"Halo ", "<b>dunia</b>", " ini teks"}},
		{"hyphenated tag", "<tg-spoiler>rahasia besar</tg-spoiler>", 33,
			[]string{"<tg-spoiler>rahasia </tg-spoiler>", "<tg-spoiler>besar</tg-spoiler>"}},
		{"stray less-than is text", "a <3 b", 3, []string{"a ", "<3 ", "b"}},
		{"limit 1 means 2", "😀😀", 1, []string{"😀", "😀"}},
	} {
		got := Split(tc.in, tc.limit)
		if strings.Join(got, "\x00") != strings.Join(tc.want, "\x00") || len(got) != len(tc.want) {
			t.Errorf("%s: Split(%q, %d) =\n%q\nwant\n%q", tc.name, tc.in, tc.limit, got, tc.want)
		}
		checkSplit(t, tc.in, tc.limit)
	}
}

func TestSplitDefaultLimit(t *testing.T) {
	text := strings.Repeat("a", 5000)
	got := Split(text, 0)
	if len(got) != 2 || len(got[0]) != MaxMessage || len(got[1]) != 5000-MaxMessage {
		t.Fatalf("Split(5000 × a, 0) gives parts of %d", lens(got))
	}
}

// A long report split for Telegram keeps its paragraphs whole.
func TestSplitReport(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		b.WriteString("<b>Kabupaten Kutai Kartanegara</b>\nKK dijangkau: 1.250\nAnggaran: Rp1.250.000\n\n")
	}
	text := b.String()
	parts := Split(text, MaxMessage)
	if len(parts) < 3 {
		t.Fatalf("got %d parts", len(parts))
	}
	for i, p := range parts {
		if UTF16Len(p) > MaxMessage {
			t.Errorf("part %d has %d units", i, UTF16Len(p))
		}
		if i < len(parts)-1 && !strings.HasSuffix(p, "Rp1.250.000\n\n") {
			t.Errorf("part %d does not end at a paragraph: %q", i, p[len(p)-30:])
		}
	}
	checkSplit(t, text, MaxMessage)
}

// When the open tags alone fill a part, the limit still holds.
func TestSplitDeepNesting(t *testing.T) {
	text := "<b><i><u><s>teks panjang sekali</s></u></i></b>"
	checkSplit(t, text, 10)
	for _, p := range Split(text, 10) {
		if UTF16Len(p) > 10 {
			t.Errorf("part %q exceeds 10 units", p)
		}
	}
}

func lens(parts []string) []int {
	var n []int
	for _, p := range parts {
		n = append(n, UTF16Len(p))
	}
	return n
}

// checkSplit asserts the properties every split must have.
func checkSplit(t testing.TB, text string, limit int) []piece {
	t.Helper()
	eff := limit
	switch {
	case eff <= 0:
		eff = MaxMessage
	case eff < 2:
		eff = 2
	}
	pieces := splitPieces(text, limit)
	parts := Split(text, limit)
	if len(parts) != len(pieces) {
		t.Fatalf("Split and splitPieces disagree: %d and %d parts", len(parts), len(pieces))
	}
	if text == "" {
		if parts != nil {
			t.Fatalf("Split(\"\") = %q, want nil", parts)
		}
		return pieces
	}
	var bodies strings.Builder
	for i, p := range pieces {
		if parts[i] != p.open+p.body+p.close {
			t.Fatalf("part %d is %q, not open+body+close", i, parts[i])
		}
		if n := UTF16Len(parts[i]); n > eff {
			t.Fatalf("Split(%q, %d): part %d has %d UTF-16 units: %q", text, limit, i, n, parts[i])
		}
		if p.body == "" {
			t.Fatalf("Split(%q, %d): part %d is empty", text, limit, i)
		}
		if utf8.ValidString(text) && !utf8.ValidString(p.body) {
			t.Fatalf("Split(%q, %d): part %d cuts a character: %q", text, limit, i, p.body)
		}
		bodies.WriteString(p.body)
	}
	if bodies.String() != text {
		t.Fatalf("Split(%q, %d): parts without added tags join to %q", text, limit, bodies.String())
	}
	if !strings.ContainsAny(text, "<&") && strings.Join(parts, "") != text {
		t.Fatalf("Split(%q, %d): plain text parts join to %q", text, limit, strings.Join(parts, ""))
	}
	return pieces
}

var (
	reTagCheck    = regexp.MustCompile(`^<(/?)([a-z-]+)[^<>]*>`)
	reEntityCheck = regexp.MustCompile(`^&(amp|lt|gt|quot);`)
)

// checkWellFormed asserts that a part is valid on its own: whole entities,
// whole tags, properly nested and all closed.
func checkWellFormed(t testing.TB, part string) {
	t.Helper()
	var stack []string
	for i := 0; i < len(part); {
		switch part[i] {
		case '&':
			m := reEntityCheck.FindString(part[i:])
			if m == "" {
				t.Fatalf("broken entity at %d in %q", i, part)
			}
			i += len(m)
		case '<':
			m := reTagCheck.FindStringSubmatch(part[i:])
			if m == nil {
				t.Fatalf("broken tag at %d in %q", i, part)
			}
			if m[1] == "" {
				stack = append(stack, m[2])
			} else if len(stack) == 0 || stack[len(stack)-1] != m[2] {
				t.Fatalf("unbalanced </%s> at %d in %q", m[2], i, part)
			} else {
				stack = stack[:len(stack)-1]
			}
			i += len(m[0])
		default:
			i++
		}
	}
	if len(stack) > 0 {
		t.Fatalf("unclosed %v in %q", stack, part)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", "abc", "aaaa bbbb\n\ncccc dddd", "😀😀😀", "a😀b😀c", "aa &amp; bb",
		"<b>hello world foo</b>", "<b>tebal <i>miring sekali</i> biasa</b>",
		`<a href="https://x.id/?a=1&amp;b=2">klik di sini ya</a> lalu`,
		"<b><i><u><s>teks panjang sekali</s></u></i></b>", "a <3 b", "x\n\ny\n\nz",
		"Kutai Kartanegara|Rp1.250.000 & <naik>|\"Jum'at\"\n\nPaser|😀 👨‍👩‍👧", "\xff\xfe<\xff>&#;",
	} {
		f.Add(s, 10)
		f.Add(s, 3)
		f.Add(s, 64)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 0 {
			limit = -(limit + 1)
		}
		limit = 1 + limit%300

		// Any input: the limit, the characters and the text survive.
		checkSplit(t, s, limit)

		// HTML as the bot builds it (user text escaped inside tags): every
		// part must also be valid for Telegram on its own, given a limit
		// that leaves room for the open tags.
		a, rest, _ := strings.Cut(s, "|")
		b, rest, _ := strings.Cut(rest, "|")
		c, d, _ := strings.Cut(rest, "|")
		html := "<b>" + Esc(a) + "</b> " + Esc(b) + "\n\n<a href=\"https://t.me/x?a=1&amp;b=2\">" +
			Esc(c) + "<i>" + Esc(d) + "</i></a>" + Esc(a)
		htmlLimit := 64 + limit
		checkSplit(t, html, htmlLimit)
		for _, p := range Split(html, htmlLimit) {
			checkWellFormed(t, p)
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 100_000 {
		sb.WriteString("<b>Kabupaten Kutai Kartanegara</b>\nKK dijangkau: 1.250 &amp; anggaran <i>Rp1.250.000</i>\n\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Split(text, MaxMessage)
	}
}

// A cut text is exactly n characters, the ellipsis the last, so it fits
// Telegram's limit of n (a toast's 200, a caption's 1 024).
func TestShortenKeepsWithinNCharacters(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"Rakor", 5, "Rakor"},
		{"Rakor TKPK", 5, "Rako…"},
		{"Sinyal lemah 📶 di pedalaman", 15, "Sinyal lemah 📶…"},
		{"", 3, ""},
	} {
		got := Shorten(c.in, c.n)
		if got != c.want || utf8.RuneCountInString(got) > c.n {
			t.Errorf("Shorten(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
