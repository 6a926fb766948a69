// Package figcsv reads poverty figures from the CSV files admins import
// (and from the dataset shipped in tkpkbot/data). The format is described in
// data/README.md. Parsing is all-or-nothing: a file with any bad row yields
// no figures, and the error holds every bad row so the admin can fix the
// file in one pass; reports name the first MaxListed of them.
package figcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

const (
	// MaxRows bounds one import: far above the real dataset (about a
	// hundred rows) yet small enough to check and store in one go.
	MaxRows = 20000
	// MaxBytes stops a wrong or hostile upload before it is read whole;
	// 20 000 honest rows take about 2 MB.
	MaxBytes = 8 << 20
	// maxSourceRunes keeps a pasted article out of the source column.
	maxSourceRunes = 300
	// maxQuoteRunes bounds a cell quoted back in a reason: enough to
	// recognise the value, yet a hostile file of megabyte cells cannot
	// turn one rejected row into pages of chat.
	maxQuoteRunes = 40
	// MaxListed is how many rejected rows a report names before counting
	// the rest: twenty reasons with quotes cut by maxQuoteRunes still fit
	// one chat message, and a file with more bad rows than that is
	// usually wrong as a whole (wrong column order, wrong separator).
	MaxListed = 20
)

// LineError is one rejected row. Line is the row number a spreadsheet shows
// for it: the header is 1, and a cell with line breaks still counts as one
// row.
type LineError struct {
	Line   int
	Reason string
}

// ParseError lists every rejected row of a file, in file order.
type ParseError struct {
	Lines []LineError
}

// maxSummarised keeps Error short enough for one line of a log or one
// sentence of a generic error reply; reports for people use Head.
const maxSummarised = 5

func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "CSV ditolak, tidak ada data yang disimpan: %s baris bermasalah. ", indo.Int(int64(len(e.Lines))))
	head, rest := e.Head(maxSummarised)
	for i, l := range head {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "baris %d: %s", l.Line, l.Reason)
	}
	if rest > 0 {
		b.WriteString("; " + More(rest))
	}
	return b.String()
}

// Head returns the first n rejected rows and how many are left out, so
// every report of a rejected file names the same rows and counts the rest
// the same way.
func (e *ParseError) Head(n int) ([]LineError, int) {
	n = max(0, min(n, len(e.Lines)))
	return e.Lines[:n], len(e.Lines) - n
}

// More counts rejected rows a report leaves out, in Indonesian number
// format ("dan 1.234 baris lain"), which is how admins read counts.
func More(n int) string {
	return "dan " + indo.Int(int64(n)) + " baris lain"
}

// quote is %q for a cell the admin typed, cut on a character boundary to
// at most maxQuoteRunes characters between the quotes (escapes counted as
// written, "…" marking a cut). Reasons quote cells so the admin can find
// them; a whole hostile cell adds nothing to that.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	n := 0          // characters written between the quotes
	fits := b.Len() // end of the text that still leaves room for "…"
	for _, r := range s {
		e := strconv.Quote(string(r))
		e = e[1 : len(e)-1]
		w := utf8.RuneCountInString(e)
		if n+w > maxQuoteRunes {
			return b.String()[:fits] + "…\""
		}
		b.WriteString(e)
		if n += w; n < maxQuoteRunes {
			fits = b.Len()
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Unwrap lets tkpkbot.ErrorCode and tkpkbot.ErrorMessage treat a rejected
// file as the user's mistake (EINVALID, message shown) rather than as an
// internal error that would be hidden behind an apology.
func (e *ParseError) Unwrap() error {
	return &tkpkbot.Error{Code: tkpkbot.EINVALID, Message: e.Error()}
}

var columns = [...]string{"wilayah", "periode", "indikator", "nilai", "satuan", "sumber"}

const (
	colWilayah = iota
	colPeriode
	colIndikator
	colNilai
	colSatuan
	colSumber
)

// Parse reads a figures CSV: a header naming the columns wilayah, periode,
// indikator, nilai, satuan and sumber (any case, any order, extra columns
// ignored), then one value per row. The delimiter is "," or, when the header
// uses it, ";". Blank rows are skipped. On any bad row it returns no figures
// and a *ParseError listing every bad row; whole-file problems (not UTF-8
// text, too big, no data) are a *tkpkbot.Error with code EINVALID.
func Parse(r io.Reader) ([]tkpkbot.Figure, error) {
	p := parser{seen: make(map[string]int)}
	err := readRows(r, columns[:], func(line int, cells []string) {
		p.row(line, [len(columns)]string(cells))
	}, p.fail)
	if err != nil {
		return nil, err
	}
	if len(p.errs) > 0 {
		return nil, &ParseError{Lines: p.errs}
	}
	if len(p.figs) == 0 {
		return nil, tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas hanya berisi judul kolom, tanpa baris data.")
	}
	return p.figs, nil
}

// readRows reads a CSV whose header names cols (any case, any order, extra
// columns ignored) and calls row for every non-blank data row with its
// cells, trimmed, in cols order, or fail for a row that cannot be read.
// Whole-file problems and a bad header are returned; the delimiter,
// encoding and size rules are the same for every file the admins import.
func readRows(r io.Reader, cols []string, row func(line int, cells []string), fail func(line int, reasons []string)) error {
	raw, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return fmt.Errorf("figcsv: membaca berkas: %w", err)
	}
	if len(raw) > MaxBytes {
		return tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas terlalu besar (lebih dari %d MB). Bagi menjadi beberapa berkas.", MaxBytes>>20)
	}
	text, err := checkText(raw)
	if err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		return tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas kosong. Baris pertama harus berisi judul kolom: %s.", strings.Join(cols, ","))
	}

	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delimiter(text)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true

	header, err := cr.Read()
	if err != nil {
		return &ParseError{Lines: []LineError{{1, "baris judul tidak terbaca: " + csvReason(err)}}}
	}
	idx, reason := headerIndex(header, cols)
	if reason != "" {
		return &ParseError{Lines: []LineError{{1, reason}}}
	}
	need := 0
	for _, i := range idx {
		need = max(need, i+1)
	}

	// Newlines inside quoted cells push the physical line number ahead of
	// the row number a spreadsheet shows; extra tracks the difference.
	extra := strings.Count(strings.Join(header, ""), "\n")
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine - extra
			}
			fail(max(line, 2), []string{csvReason(err)})
			if rows++; rows > MaxRows {
				return tooMany()
			}
			continue
		}
		start, _ := cr.FieldPos(0)
		line := start - extra
		extra += strings.Count(strings.Join(rec, ""), "\n")
		if blank(rec) {
			continue
		}
		if rows++; rows > MaxRows {
			return tooMany()
		}
		if len(rec) < need {
			fail(line, []string{fmt.Sprintf("hanya %d kolom, seharusnya %d (periksa pemisah dan tanda kutip)", len(rec), len(header))})
			continue
		}
		cells := make([]string, len(cols))
		for c, i := range idx {
			cells[c] = strings.TrimSpace(rec[i])
		}
		row(line, cells)
	}
	return nil
}

func tooMany() error {
	return tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas berisi lebih dari %d baris data. Bagi menjadi beberapa berkas.", MaxRows)
}

const saveAsUTF8 = `Simpan ulang dari Excel dengan "Simpan Sebagai" → "CSV UTF-8 (dipisahkan koma)".`

// checkText makes sure raw is UTF-8 text and returns it without a BOM.
// Excel's other CSV flavours (UTF-16, Windows-1252) and binary uploads
// would otherwise fail row by row with baffling reasons.
func checkText(raw []byte) (string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return "", tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas bukan CSV teks UTF-8: ini tampaknya berkas Excel (.xlsx). %s", saveAsUTF8)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return "", tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas bukan CSV teks UTF-8: ini UTF-16 (\"Teks Unicode\"). %s", saveAsUTF8)
	case bytes.IndexByte(raw, 0) >= 0:
		return "", tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas bukan CSV teks UTF-8: berisi byte NUL (berkas biner atau UTF-16). %s", saveAsUTF8)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(raw) {
		line := 1
		for i := 0; i < len(raw); {
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			if r == '\n' {
				line++
			}
			i += n
		}
		return "", tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas bukan CSV teks UTF-8: baris %d berisi karakter yang tidak terbaca (mungkin Windows-1252/ANSI). %s", line, saveAsUTF8)
	}
	text := string(raw)
	// Classic Mac line ends would otherwise read as one endless row.
	if strings.IndexByte(text, '\r') >= 0 && strings.IndexByte(text, '\n') < 0 {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, nil
}

// delimiter picks ";" when the header line uses it more than ",": Excel with
// Indonesian regional settings writes ";" because "," is the decimal mark.
func delimiter(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	if strings.Count(first, ";") > strings.Count(first, ",") {
		return ';'
	}
	return ','
}

// headerIndex maps each required column to its position in the header.
func headerIndex(header, columns []string) ([]int, string) {
	idx := make([]int, len(columns))
	for i := range idx {
		idx[i] = -1
	}
	for pos, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		for c, name := range columns {
			if h != name {
				continue
			}
			if idx[c] >= 0 {
				return idx, fmt.Sprintf("kolom %s muncul dua kali", quote(name))
			}
			idx[c] = pos
		}
	}
	var missing []string
	for c, name := range columns {
		if idx[c] < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return idx, ""
	}
	reason := fmt.Sprintf("kolom %s tidak ada; baris pertama harus berisi judul kolom %s", strings.Join(missing, ", "), strings.Join(columns, ","))
	if len(header) > 0 {
		if m := match.Region(header[0]); m.Kind == match.Exact {
			reason += " (baris judul tampaknya terlewat)"
		}
	}
	return idx, reason
}

func csvReason(err error) string {
	if errors.Is(err, csv.ErrQuote) || errors.Is(err, csv.ErrBareQuote) {
		return `tanda kutip (") tidak seimbang; sel yang berisi koma harus diapit tanda kutip`
	}
	return "baris tidak terbaca"
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

type parser struct {
	figs []tkpkbot.Figure
	errs []LineError
	// seen maps a row's identity to its line, to name the first
	// occurrence when a duplicate turns up.
	seen map[string]int
}

func (p *parser) fail(line int, reasons []string) {
	p.errs = append(p.errs, LineError{Line: line, Reason: strings.Join(reasons, "; ")})
}

// row checks every cell and reports all of a row's problems at once, so a
// fix does not uncover the next one.
func (p *parser) row(line int, c [len(columns)]string) {
	var reasons []string
	f := tkpkbot.Figure{Source: c[colSumber]}

	if reason := parseRegion(c[colWilayah], &f); reason != "" {
		reasons = append(reasons, reason)
	}

	if period, reason := parsePeriod(c[colPeriode]); reason != "" {
		reasons = append(reasons, reason)
	} else {
		f.Period = period
	}

	info, indOK := match.Indicator(c[colIndikator])
	switch {
	case c[colIndikator] == "":
		reasons = append(reasons, "indikator kosong")
	case !indOK:
		reasons = append(reasons, fmt.Sprintf("indikator %s tidak dikenal (pakai %s)", quote(c[colIndikator]), indicatorCodes))
	default:
		f.Indicator = info.Indicator
		if f.Period.IsRound() && !info.RoundAllowed(f.Period.Month) {
			reasons = append(reasons, roundReason(c[colPeriode], f.Period, info))
		}
	}

	unitOK := false
	if indOK {
		var reason string
		f.Unit, reason = unitFor(info.Indicator, c[colSatuan])
		if reason != "" {
			reasons = append(reasons, reason)
		}
		unitOK = reason == ""
	}

	if unitOK {
		v, dec, reason := number(c[colNilai], f.Unit)
		if reason != "" {
			reasons = append(reasons, reason)
		}
		f.Value, f.Decimals = v, dec
	} else if _, _, reason := number(c[colNilai], tkpkbot.UnitIndeks); reason != "" {
		// Without a unit the number cannot be fully judged; still report
		// one that is plainly unreadable.
		if _, _, r2 := number(c[colNilai], tkpkbot.UnitJiwa); r2 != "" {
			reasons = append(reasons, reason)
		}
	}

	switch {
	case f.Source == "":
		reasons = append(reasons, "sumber kosong")
	case utf8.RuneCountInString(f.Source) > maxSourceRunes:
		reasons = append(reasons, fmt.Sprintf("sumber terlalu panjang (lebih dari %d karakter)", maxSourceRunes))
	}

	if len(reasons) == 0 {
		key := f.RegionCode + "|" + f.Period.Key() + "|" + string(f.Indicator) + "|" + f.Source
		if first, dup := p.seen[key]; dup {
			reasons = append(reasons, fmt.Sprintf("sama dengan baris %d (wilayah, periode, indikator dan sumber yang sama)", first))
		} else {
			p.seen[key] = line
		}
	}
	if len(reasons) > 0 {
		p.fail(line, reasons)
		return
	}
	p.figs = append(p.figs, f)
}

func parseRegion(s string, f *tkpkbot.Figure) string {
	if s == "" {
		return "wilayah kosong"
	}
	m := match.Region(s)
	switch m.Kind {
	case match.Exact:
		f.RegionCode = m.Region.Code
		return ""
	case match.Ambiguous:
		return fmt.Sprintf("wilayah %s ambigu (%s); tulis nama lengkap atau kode BPS", quote(s), regionNames(m.Candidates))
	case match.Suggest:
		return fmt.Sprintf("wilayah %s tidak dikenal; maksud Anda %s?", quote(s), regionNames(m.Candidates))
	}
	return fmt.Sprintf("wilayah %s tidak dikenal; tulis kode BPS (mis. 6472) atau nama wilayah", quote(s))
}

func regionNames(rs []tkpkbot.Region) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

// indicatorCodes lists the codes an admin may write, for the refusal of
// an unknown one.
var indicatorCodes = func() string {
	codes := make([]string, len(tkpkbot.Indicators))
	for i, in := range tkpkbot.Indicators {
		codes[i] = string(in.Indicator)
	}
	return strings.Join(codes[:len(codes)-1], ", ") + " atau " + codes[len(codes)-1]
}()

// unitSpellings maps normalised unit spellings to the canonical unit.
var unitSpellings = map[string]string{
	"rasio": tkpkbot.UnitRasio, "ratio": tkpkbot.UnitRasio,
	"ribujiwa": tkpkbot.UnitRibuJiwa, "ribu": tkpkbot.UnitRibuJiwa, "ribuorang": tkpkbot.UnitRibuJiwa,
	"jiwa": tkpkbot.UnitJiwa, "orang": tkpkbot.UnitJiwa,
	"persen": tkpkbot.UnitPersen, "%": tkpkbot.UnitPersen,
	"indeks": tkpkbot.UnitIndeks, "index": tkpkbot.UnitIndeks,
	"rp/kapita/bulan": tkpkbot.UnitRupiahKB, "rupiah/kapita/bulan": tkpkbot.UnitRupiahKB,
	"rp/kapita/bln": tkpkbot.UnitRupiahKB, "rp/kap/bln": tkpkbot.UnitRupiahKB,
	"rp": tkpkbot.UnitRupiahKB, "rupiah": tkpkbot.UnitRupiahKB,
}

// unitsOf lists the units each indicator may be given in, the first being
// the default where an empty cell is allowed.
var unitsOf = map[tkpkbot.Indicator][]string{
	tkpkbot.IndMiskin:        {tkpkbot.UnitRibuJiwa, tkpkbot.UnitJiwa},
	tkpkbot.IndP0:            {tkpkbot.UnitPersen},
	tkpkbot.IndP1:            {tkpkbot.UnitIndeks},
	tkpkbot.IndP2:            {tkpkbot.UnitIndeks},
	tkpkbot.IndGK:            {tkpkbot.UnitRupiahKB},
	tkpkbot.IndEkstremPersen: {tkpkbot.UnitPersen},
	tkpkbot.IndEkstremJiwa:   {tkpkbot.UnitJiwa, tkpkbot.UnitRibuJiwa},
	tkpkbot.IndIPM:           {tkpkbot.UnitIndeks},
	tkpkbot.IndTPT:           {tkpkbot.UnitPersen},
	tkpkbot.IndGini:          {tkpkbot.UnitRasio},
}

func unitFor(ind tkpkbot.Indicator, s string) (string, string) {
	allowed := unitsOf[ind]
	want := strings.Join(allowed, " atau ")
	if s == "" {
		// An index or a ratio has no unit to speak of, so people leave
		// it blank.
		switch ind {
		case tkpkbot.IndP1, tkpkbot.IndP2, tkpkbot.IndIPM:
			return tkpkbot.UnitIndeks, ""
		case tkpkbot.IndGini:
			return tkpkbot.UnitRasio, ""
		}
		return "", fmt.Sprintf("satuan kosong (untuk %s pakai %s)", ind, want)
	}
	unit, ok := unitSpellings[strings.Join(strings.Fields(strings.ToLower(s)), "")]
	if ok {
		for _, a := range allowed {
			if a == unit {
				return unit, ""
			}
		}
	}
	return "", fmt.Sprintf("satuan %s tidak cocok untuk %s (pakai %s)", quote(s), ind, want)
}

// upper bounds catch a value typed into the wrong row or unit (221340 in
// "ribu jiwa") without second-guessing real data.
var upper = map[string]float64{
	tkpkbot.UnitRibuJiwa: 1e5,
	tkpkbot.UnitJiwa:     1e8,
	tkpkbot.UnitPersen:   100,
	tkpkbot.UnitIndeks:   100,
	tkpkbot.UnitRupiahKB: 1e8,
	tkpkbot.UnitRasio:    1, // a Gini ratio lies between 0 and 1
}

// integerUnit reports whether values in unit are whole numbers, which is
// what makes "782.248" unambiguous there.
func integerUnit(unit string) bool {
	return unit == tkpkbot.UnitJiwa || unit == tkpkbot.UnitRupiahKB || unit == unitKK || unit == unitRupiah
}

// number reads a value written Indonesian or English style for the given
// unit and returns it with the number of decimals as written. The reading
// is indo's: in jiwa and Rp/kapita/bulan, which are whole numbers, "." or
// "," followed by exactly three digits separates thousands
// (ParseDecimalHint). Elsewhere such a lone separator after a non-zero
// integer part ("1,015") is a decimal mark when the thousands reading
// (1015) is beyond the unit's upper bound, which is always the case for
// persen, indeks and rasio (P1 1,015, TPT 5.310): only a unit with room
// for both readings, ribu jiwa ("1.250"), refuses it as ambiguous. What
// is left here is what a CSV cell adds: its unit affixes, a stricter
// alphabet (no signs, no grouping spaces), and the bounds of a plausible
// figure. The reason is empty on success and an Indonesian phrase
// otherwise.
func number(s, unit string) (value float64, decimals int, reason string) {
	orig := quote(s)
	s = strings.TrimSpace(s)
	switch unit {
	case tkpkbot.UnitPersen:
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	case tkpkbot.UnitRupiahKB, unitRupiah:
		if len(s) >= 2 && strings.EqualFold(s[:2], "rp") {
			s = strings.TrimSpace(strings.TrimPrefix(s[2:], "."))
		}
	}
	unreadable := fmt.Sprintf("angka %s tidak bisa dibaca", orig)
	if s == "" {
		return 0, 0, "nilai kosong"
	}
	if s[0] == '-' {
		return 0, 0, fmt.Sprintf("angka %s negatif", orig)
	}
	s = strings.TrimPrefix(s, "+")
	// Spreadsheets never group with spaces, so a space in a cell is two
	// values run together, not 5 78 = 578.
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r != '.' && r != ',' && (r < '0' || r > '9') }) {
		return 0, 0, unreadable
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			digits++
		}
	}

	whole := integerUnit(unit)
	var err error
	if whole {
		value, decimals, err = indo.ParseDecimalHint(s, true)
	} else {
		value, decimals, err = indo.ParseDecimal(s)
	}
	switch {
	case err != nil && !whole:
		if v, dec, herr := indo.ParseDecimalHint(s, false); herr == nil {
			// Only the ambiguity kept the strict reading from succeeding,
			// so s is digits, one separator and three digits.
			i := strings.IndexAny(s, ".,")
			intPart, frac := s[:i], s[i+1:]
			if thousands, perr := strconv.ParseFloat(intPart+frac, 64); perr == nil && thousands > upper[unit] {
				value, decimals = v, dec
				break
			}
			return 0, 0, fmt.Sprintf("angka %s ambigu: bisa %s,%s atau %s%s; tulis desimal dengan koma tanpa pemisah ribuan, atau bilangan bulat tanpa pemisah",
				orig, intPart, frac, intPart, frac)
		}
		fallthrough
	case err != nil:
		if digits > 15 {
			return 0, 0, fmt.Sprintf("angka %s terlalu panjang", orig)
		}
		return 0, 0, unreadable
	case s[0] == '0' && !isDigit(s[1%len(s)]) && value >= 1:
		// A thousands group never starts with 0: "0.248.000" is a typo.
		return 0, 0, unreadable
	}
	if whole && decimals > 0 {
		if value != math.Trunc(value) {
			return 0, 0, fmt.Sprintf("angka %s harus bilangan bulat untuk satuan %s", orig, unit)
		}
		digits -= decimals
		decimals = 0
	}
	if digits > 15 {
		return 0, 0, fmt.Sprintf("angka %s terlalu panjang", orig)
	}
	if limit, ok := upper[unit]; ok && value > limit {
		return 0, 0, fmt.Sprintf("angka %s terlalu besar untuk satuan %s", orig, unit)
	}
	return value, decimals, ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
