package export

import (
	"time"

	"github.com/xuri/excelize/v2"
)

// Table is one more sheet of a workbook: a header row and rows of cells,
// each a string (user text, stored inert), an int64, a time.Time (shown
// as WITA date and time; zero stays blank) or nil.
type Table struct {
	Name    string
	Headers []string
	Widths  []float64 // per column; 0 or missing: 14
	Rows    [][]any
}

func writeTable(s *sheet, st styles, t Table, loc *time.Location) error {
	for i, h := range t.Headers {
		s.str(i+1, 1, h)
		w := 14.0
		if i < len(t.Widths) && t.Widths[i] > 0 {
			w = t.Widths[i]
		}
		s.width(i+1, w)
	}
	s.style(1, 1, len(t.Headers), 1, st.header)
	for i, row := range t.Rows {
		y := i + 2
		for j, v := range row {
			switch v := v.(type) {
			case string:
				s.str(j+1, y, clean(v))
				s.style(j+1, y, j+1, y, st.wrap)
			case int64:
				s.int(j+1, y, v)
				s.style(j+1, y, j+1, y, st.top)
			case time.Time:
				if !v.IsZero() {
					s.time(j+1, y, wallUTC(v, loc))
					s.style(j+1, y, j+1, y, st.datetime)
				}
			}
		}
	}
	s.freeze(0, 1)
	if s.err == nil && len(t.Headers) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(t.Headers), len(t.Rows)+1)
		s.err = s.f.AutoFilter(s.name, "A1:"+end, nil)
	}
	return s.err
}
