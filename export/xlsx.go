package export

import (
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"tkpkbot"
)

const (
	sheetReport = "Laporan"
	sheetMatrix = "Rekap"
)

// widths are in Excel character units, matching headers.
var widths = []float64{18, 10, 10, 12, 50, 13, 24, 40, 40, 17, 11, 8, 7, 30, 24}

// Report text columns (1-based) that get wrapped rather than overflowing.
var wrapCols = []int{5, 8, 9, 14, 15}

// statusFill colours the Rekap matrix so gaps stand out in a glance.
var statusFill = map[string]string{
	"terkirim":  "C6EFCE",
	"terlambat": "FFEB9C",
	"revisi":    "DDEBF7",
	"belum":     "FFC7CE",
	"libur":     "EDEDED",
}

// XLSX writes a workbook with the sheets "Laporan" (one row per report) and
// "Rekap" (m as a status matrix with a per-week count of reports received).
// Times are shown as wall-clock time in loc (nil means WITA). Each extra
// table becomes one more sheet after them.
func XLSX(w io.Writer, rows []Row, m Matrix, loc *time.Location, extra ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetReport); err != nil {
		return err
	}
	if _, err := f.NewSheet(sheetMatrix); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := writeReports(&sheet{f: f, name: sheetReport}, st, rows, orWITA(loc)); err != nil {
		return err
	}
	if err := writeMatrix(&sheet{f: f, name: sheetMatrix}, st, m); err != nil {
		return err
	}
	for _, t := range extra {
		if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		if err := writeTable(&sheet{f: f, name: t.Name}, st, t, orWITA(loc)); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func writeReports(s *sheet, st styles, rows []Row, loc *time.Location) error {
	for i, h := range headers {
		s.str(i+1, 1, h)
		s.width(i+1, widths[i])
	}
	s.style(1, 1, len(headers), 1, st.header)
	last := len(rows) + 1
	for i, r := range rows {
		y, rep := i+2, r.Report
		s.str(1, y, clean(r.RegionName))
		s.str(2, y, clean(r.RegionCode))
		s.str(3, y, rep.Week.String())
		s.time(4, y, wallUTC(rep.Week.Start(loc), nil))
		s.str(5, y, clean(rep.Activities))
		s.int(6, y, rep.Households)
		s.int(7, y, rep.Budget)
		s.str(8, y, clean(rep.Obstacles))
		s.str(9, y, clean(rep.NextPlan))
		if !rep.SubmittedAt.IsZero() {
			s.time(10, y, wallUTC(rep.SubmittedAt, loc))
		}
		s.str(11, y, yaTidak(rep.Late))
		s.str(12, y, yaTidak(r.Revised))
		s.int(13, y, int64(rep.Version))
		s.str(14, y, choices(tkpkbot.Strategies, rep.Strategies))
		s.str(15, y, choices(tkpkbot.FundingSources, rep.Funding))
	}
	if len(rows) > 0 {
		s.style(1, 2, len(headers), last, st.top)
		for _, c := range wrapCols {
			s.style(c, 2, c, last, st.wrap)
		}
		s.style(4, 2, 4, last, st.date)
		s.style(6, 2, 6, last, st.count)
		s.style(7, 2, 7, last, st.rupiah)
		s.style(10, 2, 10, last, st.datetime)
	}
	s.freeze(0, 1)
	if s.err == nil {
		end, _ := excelize.CoordinatesToCellName(len(headers), last)
		s.err = s.f.AutoFilter(s.name, "A1:"+end, nil)
	}
	return s.err
}

func writeMatrix(s *sheet, st styles, m Matrix) error {
	s.str(1, 1, "Wilayah")
	s.width(1, 22)
	for j, wk := range m.Weeks {
		s.str(j+2, 1, wk.String())
		s.width(j+2, 11)
	}
	s.style(1, 1, len(m.Weeks)+1, 1, st.header)
	sent := make([]int64, len(m.Weeks))
	for i, region := range m.Regions {
		y := i + 2
		s.str(1, y, clean(region))
		for j, wk := range m.Weeks {
			status := m.Cells[region][wk]
			s.str(j+2, y, clean(status))
			if id, ok := st.status[status]; ok {
				s.style(j+2, y, j+2, y, id)
			}
			// Late and revised reports were still received.
			if status == "terkirim" || status == "terlambat" || status == "revisi" {
				sent[j]++
			}
		}
	}
	y := len(m.Regions) + 2
	s.str(1, y, "Jumlah terkirim")
	for j, n := range sent {
		s.int(j+2, y, n)
	}
	s.style(1, y, len(m.Weeks)+1, y, st.total)
	s.freeze(1, 1)
	return s.err
}

// orWITA lets callers pass nil without the process needing tzdata.
func orWITA(loc *time.Location) *time.Location {
	if loc == nil {
		return time.FixedZone("WITA", 8*60*60)
	}
	return loc
}
