package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"tkpkbot/indo"
)

// hostileFigures is a file like the 1,8 MB upload that once came back as
// 441 chat messages: megabyte-scale cells quoted back in full, in every
// column, then thousands of bad rows. No cell has a space, so any cell
// text that leaks through uncut shows up as one long word.
func hostileFigures(t *testing.T, badRows int) []byte {
	t.Helper()
	long := func(s string, n int) string { return strings.Repeat(s, n/len(s)) }
	var b bytes.Buffer
	b.WriteString("wilayah,periode,indikator,nilai,satuan,sumber\n")
	fmt.Fprintf(&b, "%s,2025-03,p0,1,persen,BPS\n", long("Samarinda", 150_000))
	fmt.Fprintf(&b, "6472,%s,%s,%s,%s,BPS\n", long("2025-", 100_000), long("p0", 100_000), long("9", 100_000), long("persen", 100_000))
	// HTML, quotes (doubled, as CSV writes them) and line breaks inside
	// one quoted cell.
	fmt.Fprintf(&b, "6472,2025-03,\"%s\",1,persen,BPS\n", long(`<b>""&amp;""</b>`+"\n", 100_000))
	for i := range badRows - 3 {
		fmt.Fprintf(&b, "Atlantis%d%s,2025-13,p%d,-%d,jiwa%s,\n", i, long("x", 80), i, i, long("y", 60))
	}
	if b.Len() < 1_500_000 || b.Len() > 2<<20 {
		t.Fatalf("hostile file is %d bytes; want about 1,8 MB, under the 2 MB upload limit", b.Len())
	}
	return b.Bytes()
}

// quotedCell matches a cell quoted in a reason, as the user reads it.
var quotedCell = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// checkShortQuotes fails if text quotes a cell in more than about 40
// characters, or carries any other run of cell text that long.
func checkShortQuotes(t *testing.T, text string) {
	t.Helper()
	// The reason for an unbalanced quote shows a bare (") that quotes nothing.
	for _, q := range quotedCell.FindAllString(strings.ReplaceAll(text, `(")`, ""), -1) {
		if n := utf8.RuneCountInString(q) - 2; n > 40 {
			t.Fatalf("a quote of %d characters: %.80s", n, q)
		}
	}
	for _, w := range strings.Fields(text) {
		// A 40-character quote with its quotes, ellipsis and a ";".
		if n := utf8.RuneCountInString(w); n > 44 {
			t.Fatalf("a word of %d characters: %.80s", n, w)
		}
	}
}

func TestImporHostileCSVAnswersInOneShortMessage(t *testing.T) {
	h := newHarness(t)
	const bad = 5000
	data := hostileFigures(t, bad)
	before := len(h.fake.CallsTo("sendMessage"))
	msgs := h.upload(adminID, "serangan.csv", data, "/impor")
	if sent := len(h.fake.CallsTo("sendMessage")) - before; sent != 1 || len(msgs) != 1 {
		t.Fatalf("%d messages (%d sendMessage calls) for one rejected file:\n%.2000s", len(msgs), sent, texts(msgs))
	}
	got := msgs[0].Text
	t.Logf("reply:\n%s", got)
	if n := indo.UTF16Len(got); n > indo.MaxMessage {
		t.Fatalf("reply of %d UTF-16 units", n)
	}
	checkShortQuotes(t, got)
	mustContain(t, got,
		"❌ CSV ditolak, tidak ada data yang disimpan: 5.000 baris bermasalah.",
		`• baris 2: wilayah "SamarindaSamarinda`,
		`• baris 4: indikator "<b>\"&amp;\"</b>\n<b>`,
		"Perbaiki baris tersebut, lalu kirim ulang berkasnya dengan keterangan /impor.")
	listed := strings.Count(got, "\n• baris ")
	if listed < 5 || listed > 20 {
		t.Fatalf("%d rows listed; want up to 20", listed)
	}
	mustContain(t, got, "\n… dan "+indo.Int(int64(bad-listed))+" baris lain.\n")
	if got := one(t, h.say(42, "Rahmat", "/angka Samarinda")).Text; got != wantSamarinda {
		t.Fatalf("a rejected file changed the card:\n%s", got)
	}
}

func TestImportSubcommandHostileCSVListsTwentyRows(t *testing.T) {
	const bad = 5000
	path := filepath.Join(t.TempDir(), "serangan.csv")
	if err := os.WriteFile(path, hostileFigures(t, bad), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := runImport(context.Background(), []string{"--check", path}, func(string) string { return "" }, slog.New(slog.DiscardHandler), &out, &errOut)
	got := errOut.String()
	if code != 1 || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q", code, out.String())
	}
	want := path + ": rejected, nothing was saved: 5000 bad rows\n"
	if !strings.HasPrefix(got, want) {
		t.Fatalf("stderr starts %.200q, want %q", got, want)
	}
	checkShortQuotes(t, strings.TrimPrefix(got, want)) // the temporary path is one long word
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 22 || !strings.HasPrefix(lines[1], "  baris 2: ") || lines[21] != "  dan 4.980 baris lain" {
		t.Fatalf("%d lines of stderr, want the summary, 20 rows and the count of the rest:\n%.3000s", len(lines), got)
	}
}
