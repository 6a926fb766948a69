package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tkpkbot"
)

// QuarterBook is the quarterly report as it goes to the governor: a
// summary sheet, when Summary is set, and one sheet per region.
type QuarterBook struct {
	Title   string // "Laporan Triwulan 1 2025"
	Period  string // the weeks and dates covered
	Notes   []string
	Summary bool
	// Province is the summary's total row.
	Province QuarterRegion
	Regions  []QuarterRegion
	// Location shows the follow-up dates as wall-clock dates (nil: WITA).
	Location *time.Location
}

// QuarterRegion is one region's quarter. The totals come from the caller
// (summed once, in SQL); this package only lays them out.
type QuarterRegion struct {
	Name, Code             string
	Totals                 tkpkbot.Totals
	TargetKK, TargetBudget int64 // yearly; 0 when none
	Part                   tkpkbot.Participation
	Strategies, Funding    []ChoiceRow
	Weeks                  []QuarterWeek
	// FollowUps counts the open kendala and tindak lanjut when the book
	// is made; nil while they are not tracked, and the cells show "—".
	FollowUps *tkpkbot.RegionFollowUp
	Kendala   []FollowUpRow // the quarter's, see tkpkbot.Kendala.InPeriod
	Actions   []FollowUpRow // see tkpkbot.Action.InPeriod
}

// FollowUpRow is one kendala or tindak lanjut on a region's sheet, its
// status already worded by the caller (the words of /ekspor).
type FollowUpRow struct {
	Ref      string    // the kendala's week, the task's meeting
	Date     time.Time // raised, or due
	Status   string
	Text     string
	ClosedAt time.Time // zero while open
	ClosedBy string
	Note     string
}

// ChoiceRow is the reports that chose one strategy or funding source.
type ChoiceRow struct {
	Label string
	tkpkbot.Totals
}

// QuarterWeek is one week of a region's quarter; Report is nil without one.
type QuarterWeek struct {
	Week   tkpkbot.Week
	Start  time.Time // Monday, wall clock
	Status string
	Report *tkpkbot.Report
}

const sheetSummary = "Ringkasan"

// QuarterXLSX writes b, each sheet on A4 landscape fitted to the page
// width, its header rows repeated on every printed page and frozen on
// screen.
func QuarterXLSX(w io.Writer, b QuarterBook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	qs, err := newQuarterStyles(f)
	if err != nil {
		return err
	}
	first := true
	add := func(name string) (*sheet, error) {
		if first {
			first = false
			return &sheet{f: f, name: name}, f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return &sheet{f: f, name: name}, err
	}
	if b.Summary {
		s, err := add(sheetSummary)
		if err != nil {
			return err
		}
		if err := writeSummary(s, st, qs, b); err != nil {
			return err
		}
	}
	for _, r := range b.Regions {
		s, err := add(sheetName(r.Name))
		if err != nil {
			return err
		}
		if err := writeRegionQuarter(s, st, qs, b, r); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// sheetName keeps a region's name within Excel's 31 characters and
// without the characters sheet names may not hold.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}

type quarterStyles struct{ title, note, percent int }

func newQuarterStyles(f *excelize.File) (quarterStyles, error) {
	var (
		qs  quarterStyles
		err error
	)
	add := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	add(&qs.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	add(&qs.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}})
	add(&qs.percent, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, NumFmt: 10}) // 0.00%
	return qs, err
}

// heading writes the title block and returns the next free row.
func heading(s *sheet, qs quarterStyles, title, period string, notes []string) int {
	s.str(1, 1, clean(title))
	s.style(1, 1, 1, 1, qs.title)
	s.str(1, 2, clean(period))
	y := 3
	for _, n := range notes {
		s.str(1, y, clean(n))
		s.style(1, y, 1, y, qs.note)
		y++
	}
	return y + 1
}

// print sets A4 landscape, one page wide, with rows 1..headerRow repeated.
func (s *sheet) print(headerRow int) {
	if s.err != nil {
		return
	}
	size, orient, fit, tall := 9, "landscape", 1, 0 // 9 is A4 in Excel's paper sizes
	s.err = s.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fit, FitToHeight: &tall})
	if s.err == nil {
		fitPage := true
		s.err = s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fitPage})
	}
	if s.err == nil {
		s.err = s.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(s.name, "'", "''"), headerRow)})
	}
}

func (s *sheet) pct(col, row int, reached, target int64, id int) {
	if target <= 0 {
		s.str(col, row, "—")
		return
	}
	s.do(col, row, func(c string) error { return s.f.SetCellFloat(s.name, c, float64(reached)/float64(target), 4, 64) })
	s.style(col, row, col, row, id)
}

var summaryHeaders = []string{"Wilayah", "Kode BPS", "Laporan masuk (minggu)", "Tepat waktu", "Terlambat", "Belum", "Libur",
	"KK dijangkau (jumlah mingguan)", "Target KK tahunan", "% target KK", "Realisasi anggaran (Rp)", "Pagu tahunan (Rp)", "% pagu",
	"Kendala terbuka", "Tindak lanjut terbuka", "Tindak lanjut lewat tenggat"}

var summaryWidths = []float64{22, 9, 11, 9, 9, 8, 7, 14, 12, 9, 20, 20, 9, 10, 10, 10}

func writeSummary(s *sheet, st styles, qs quarterStyles, b QuarterBook) error {
	y := heading(s, qs, b.Title, b.Period, b.Notes)
	for i, h := range summaryHeaders {
		s.str(i+1, y, h)
		s.width(i+1, summaryWidths[i])
	}
	s.style(1, y, len(summaryHeaders), y, st.header)
	head := y
	row := func(y int, r QuarterRegion) {
		s.str(1, y, clean(r.Name))
		s.str(2, y, r.Code)
		s.int(3, y, int64(r.Totals.Reports))
		s.int(4, y, int64(r.Part.OnTime))
		s.int(5, y, int64(r.Part.Late))
		s.int(6, y, int64(r.Part.Missing))
		s.int(7, y, int64(r.Part.Off))
		s.int(8, y, r.Totals.Households)
		s.int(9, y, r.TargetKK)
		s.pct(10, y, r.Totals.Households, r.TargetKK, qs.percent)
		s.int(11, y, r.Totals.Budget)
		s.int(12, y, r.TargetBudget)
		s.pct(13, y, r.Totals.Budget, r.TargetBudget, qs.percent)
		for i, n := range followUpNumbers(r.FollowUps) {
			s.count(14+i, y, n)
		}
		s.style(8, y, 9, y, st.count)
		s.style(11, y, 12, y, st.rupiah)
	}
	for _, r := range b.Regions {
		y++
		row(y, r)
	}
	y++
	row(y, b.Province)
	s.style(1, y, len(summaryHeaders), y, st.total)
	s.style(8, y, 9, y, st.count)
	s.style(11, y, 12, y, st.rupiah)
	s.freeze(1, head)
	s.print(head)
	return s.err
}

// count writes n, or "—" for a count not tracked (negative).
func (s *sheet) count(col, row, n int) {
	if n < 0 {
		s.str(col, row, "—")
		return
	}
	s.int(col, row, int64(n))
}

// followUpNumbers are the open kendala, open and overdue tasks; -1 each
// while they are not tracked.
func followUpNumbers(c *tkpkbot.RegionFollowUp) [3]int {
	if c == nil {
		return [3]int{-1, -1, -1}
	}
	return [3]int{c.OpenKendala, c.OpenActions, c.Overdue}
}

var weekHeaders = []string{"Minggu", "Awal minggu", "Status", "Kegiatan", "KK dijangkau", "Realisasi anggaran (Rp)",
	"Strategi", "Sumber dana", "Kendala", "Rencana minggu depan", "Versi"}

var weekWidths = []float64{10, 12, 12, 45, 12, 18, 30, 24, 35, 35, 7}

func writeRegionQuarter(s *sheet, st styles, qs quarterStyles, b QuarterBook, r QuarterRegion) error {
	y := heading(s, qs, b.Title+" — "+r.Name, b.Period, b.Notes)
	for i, w := range weekWidths {
		s.width(i+1, w)
	}
	// Totals.
	s.str(1, y, "Ringkasan")
	s.style(1, y, 2, y, st.header)
	type pair struct {
		label string
		write func(y int)
	}
	pairs := []pair{
		{"Laporan masuk (minggu)", func(y int) { s.int(2, y, int64(r.Totals.Reports)) }},
		{"Tepat waktu / terlambat / belum / libur", func(y int) {
			s.str(2, y, fmt.Sprintf("%d / %d / %d / %d", r.Part.OnTime, r.Part.Late, r.Part.Missing, r.Part.Off))
		}},
		{"KK dijangkau (jumlah mingguan)", func(y int) { s.int(2, y, r.Totals.Households); s.style(2, y, 2, y, st.count) }},
		{"% target KK tahunan", func(y int) { s.pct(2, y, r.Totals.Households, r.TargetKK, qs.percent) }},
		{"Realisasi anggaran", func(y int) { s.int(2, y, r.Totals.Budget); s.style(2, y, 2, y, st.rupiah) }},
		{"% pagu tahunan", func(y int) { s.pct(2, y, r.Totals.Budget, r.TargetBudget, qs.percent) }},
	}
	for i, label := range summaryHeaders[13:] {
		n := followUpNumbers(r.FollowUps)[i]
		pairs = append(pairs, pair{label, func(y int) { s.count(2, y, n) }})
	}
	for _, p := range pairs {
		y++
		s.str(1, y, p.label)
		p.write(y)
	}
	y += 2
	for _, block := range []struct {
		title string
		rows  []ChoiceRow
	}{{"Kegiatan per strategi", r.Strategies}, {"Kegiatan per sumber dana", r.Funding}} {
		for i, h := range []string{block.title, "Laporan (minggu)", "KK dijangkau", "Realisasi anggaran (Rp)"} {
			s.str(i+1, y, h)
		}
		s.style(1, y, 4, y, st.header)
		if len(block.rows) == 0 {
			y++
			s.str(1, y, "—")
		}
		for _, c := range block.rows {
			y++
			s.str(1, y, clean(c.Label))
			s.int(2, y, int64(c.Reports))
			s.int(3, y, c.Households)
			s.int(4, y, c.Budget)
			s.style(3, y, 3, y, st.count)
			s.style(4, y, 4, y, st.rupiah)
		}
		y += 2
	}
	if r.FollowUps != nil {
		y = writeFollowUps(s, st, qs, orWITA(b.Location), y, "Kendala triwulan ini", kendalaHeaders, r.Kendala)
		y = writeFollowUps(s, st, qs, orWITA(b.Location), y, "Tindak lanjut triwulan ini", actionHeaders, r.Actions)
	}
	s.str(1, y, "Laporan per minggu")
	s.style(1, y, 1, y, qs.title)
	y++
	for i, h := range weekHeaders {
		s.str(i+1, y, h)
	}
	s.style(1, y, len(weekHeaders), y, st.header)
	start := y + 1
	for _, w := range r.Weeks {
		y++
		s.str(1, y, w.Week.String())
		s.time(2, y, w.Start)
		s.str(3, y, w.Status)
		if id, ok := st.status[w.Status]; ok {
			s.style(3, y, 3, y, id)
		}
		if rep := w.Report; rep != nil {
			s.str(4, y, clean(rep.Activities))
			s.int(5, y, rep.Households)
			s.int(6, y, rep.Budget)
			s.str(7, y, choices(tkpkbot.Strategies, rep.Strategies))
			s.str(8, y, choices(tkpkbot.FundingSources, rep.Funding))
			s.str(9, y, clean(rep.Obstacles))
			s.str(10, y, clean(rep.NextPlan))
			s.int(11, y, int64(rep.Version))
		}
	}
	if y >= start {
		s.style(2, start, 2, y, st.date)
		s.style(4, start, 4, y, st.wrap)
		s.style(5, start, 5, y, st.count)
		s.style(6, start, 6, y, st.rupiah)
		s.style(7, start, 10, y, st.wrap)
	}
	// The weekly table starts far down; freezing above it would fill a
	// laptop screen, so only the title rows stay.
	s.freeze(0, 2)
	s.print(2)
	return s.err
}

// The follow-up blocks share the weekly table's columns: the text falls in
// its wide column D, the dates in its date columns.
var (
	kendalaHeaders = []string{"Minggu", "Dilaporkan", "Status", "Kendala", "Teratasi", "Oleh", "Catatan"}
	actionHeaders  = []string{"Rapat", "Tenggat", "Status", "Tindak lanjut", "Selesai", "Oleh", "Catatan"}
)

// writeFollowUps writes a titled block of kendala or tasks from row y and
// returns the next free row.
func writeFollowUps(s *sheet, st styles, qs quarterStyles, loc *time.Location, y int, title string, headers []string, rows []FollowUpRow) int {
	s.str(1, y, title)
	s.style(1, y, 1, y, qs.title)
	y++
	for i, h := range headers {
		s.str(i+1, y, h)
	}
	s.style(1, y, len(headers), y, st.header)
	if len(rows) == 0 {
		y++
		s.str(1, y, "—")
	}
	for _, r := range rows {
		y++
		s.str(1, y, clean(r.Ref))
		s.time(2, y, wallUTC(r.Date, loc))
		s.str(3, y, r.Status)
		s.str(4, y, clean(r.Text))
		if !r.ClosedAt.IsZero() {
			s.time(5, y, wallUTC(r.ClosedAt, loc))
		}
		s.str(6, y, clean(r.ClosedBy))
		s.str(7, y, clean(r.Note))
		s.style(1, y, 1, y, st.top)
		s.style(2, y, 2, y, st.date)
		s.style(3, y, 4, y, st.wrap)
		s.style(5, y, 5, y, st.date)
		s.style(6, y, 7, y, st.wrap)
	}
	return y + 2
}
