package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"tkpkbot"
)

// The CSV is made for what province staff do with it: double-click it in
// Excel with Indonesian regional settings, or open it in LibreOffice.
//
//   - UTF-8 with a BOM: without one, Excel on Windows reads the file in the
//     ANSI code page and garbles every é and emoji; LibreOffice's import
//     dialog takes the BOM as "Unicode (UTF-8)" too.
//   - ";" between cells: a double-clicked CSV is split on the list
//     separator of the regional settings, and with Indonesian settings that
//     is ";", because "," is the decimal mark. A "," file opens there as
//     one column.
//   - No "sep=;" first line, although Excel honours it in every locale:
//     Excel then ignores the BOM and shows the text as mojibake, and
//     LibreOffice (like Numbers and CSV libraries) does not know the line and
//     shows "sep=;" as a row of data. Readable Indonesian text matters more
//     than opening by double-click under an English locale, where the
//     import dialog (Data → Dari Teks/CSV) still reads the file right.
//   - Every field quoted and CRLF line ends (RFC 4180, as Excel writes): a
//     ";", "," or line break inside a report stays in its cell whichever
//     separator the reader picks.
//   - Whole numbers without thousands separators: that is valid Indonesian
//     notation and reads as the same number under every locale, while
//     "1.250" would be 1,25 to a LibreOffice set to English. No column holds
//     a fraction; one that does must use the decimal comma.
const (
	bom = "\uFEFF"
	sep = ';'
	eol = "\r\n"
)

// CSV writes the "Laporan" columns in the form described above.
func CSV(w io.Writer, rows []Row, loc *time.Location) error {
	loc = orWITA(loc)
	bw := bufio.NewWriter(w)
	bw.WriteString(bom)
	writeRecord(bw, headers)
	for _, r := range rows {
		rep := r.Report
		sent := ""
		if !rep.SubmittedAt.IsZero() {
			sent = rep.SubmittedAt.In(loc).Format("2006-01-02 15:04")
		}
		writeRecord(bw, []string{
			clean(r.RegionName),
			clean(r.RegionCode),
			rep.Week.String(),
			rep.Week.Start(loc).Format("2006-01-02"),
			clean(rep.Activities),
			strconv.FormatInt(rep.Households, 10),
			strconv.FormatInt(rep.Budget, 10),
			clean(rep.Obstacles),
			clean(rep.NextPlan),
			sent,
			yaTidak(rep.Late),
			yaTidak(r.Revised),
			strconv.Itoa(rep.Version),
			choices(tkpkbot.Strategies, rep.Strategies),
			choices(tkpkbot.FundingSources, rep.Funding),
		})
	}
	// bufio.Writer keeps the first write error and reports it here.
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// writeRecord writes one row with every field defused and quoted; errors
// surface at Flush.
func writeRecord(w *bufio.Writer, rec []string) {
	for i, f := range rec {
		if i > 0 {
			w.WriteByte(sep)
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(defuse(f), `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteString(eol)
}

// formulaPrefix reports whether a cell starting with c may be evaluated as
// a formula (OWASP "CSV injection"). Tab and CR count because Excel strips
// them before deciding.
func formulaPrefix(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// defuse puts ' before a formula prefix at the start of a field and after
// every "," and ";" in it, skipping spaces, quotes and line breaks in
// between (clean has made a leading CR one of those). Quoting keeps the
// field whole for Excel and LibreOffice, but a reader set to the other
// separator, or a tool that splits naively, would otherwise start a cell
// at "=1+1" in "Kegiatan;=1+1". Every field goes through here, our own
// numbers too: none of them is negative, and should one be, a cell shown
// as '-5 is better than a formula.
func defuse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true // at the start of the field or of a piece a split could make
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case start && (c == ' ' || c == '"' || c == '\n'):
		case start && formulaPrefix(c):
			b.WriteByte('\'')
			start = false
		default:
			start = c == ',' || c == ';'
		}
		b.WriteByte(c)
	}
	return b.String()
}
