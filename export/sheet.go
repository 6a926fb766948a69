package export

import (
	"time"

	"github.com/xuri/excelize/v2"
)

// sheet keeps the first excelize error so the layout code reads as a list
// of cells instead of a ladder of error checks.
type sheet struct {
	f    *excelize.File
	name string
	err  error
}

func (s *sheet) do(col, row int, fn func(cell string) error) {
	if s.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		s.err = err
		return
	}
	s.err = fn(cell)
}

// str is the only way user text reaches a cell: SetCellStr stores a shared
// string, so "=HYPERLINK(…)" stays inert text and never becomes a formula.
func (s *sheet) str(col, row int, v string) {
	s.do(col, row, func(c string) error { return s.f.SetCellStr(s.name, c, v) })
}

func (s *sheet) int(col, row int, v int64) {
	s.do(col, row, func(c string) error { return s.f.SetCellInt(s.name, c, v) })
}

func (s *sheet) time(col, row int, v time.Time) {
	s.do(col, row, func(c string) error { return s.f.SetCellValue(s.name, c, v) })
}

func (s *sheet) style(c1, r1, c2, r2, id int) {
	s.do(c2, r2, func(end string) error {
		start, err := excelize.CoordinatesToCellName(c1, r1)
		if err != nil {
			return err
		}
		return s.f.SetCellStyle(s.name, start, end, id)
	})
}

func (s *sheet) width(col int, w float64) {
	s.do(col, 1, func(string) error {
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			return err
		}
		return s.f.SetColWidth(s.name, name, name, w)
	})
}

// freeze keeps the first cols columns and rows rows in view.
func (s *sheet) freeze(cols, rows int) {
	s.do(cols+1, rows+1, func(topLeft string) error {
		pane := "bottomLeft"
		if cols > 0 {
			pane = "bottomRight"
		}
		return s.f.SetPanes(s.name, &excelize.Panes{
			Freeze: true, XSplit: cols, YSplit: rows,
			TopLeftCell: topLeft, ActivePane: pane,
		})
	})
}
