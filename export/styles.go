package export

import (
	"maps"
	"slices"

	"github.com/xuri/excelize/v2"
)

type styles struct {
	header, top, wrap, date, datetime, count, rupiah, total int
	status                                                  map[string]int
}

// Number formats use Excel's invariant "#,##0"; Excel renders the
// separators from the reader's locale, so Indonesian installs show
// 1.250.000 without us hard-coding dots.
func newStyles(f *excelize.File) (styles, error) {
	var (
		st  = styles{status: map[string]int{}}
		err error
	)
	top := &excelize.Alignment{Vertical: "top"}
	add := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	numFmt := func(code string) *string { return &code }
	add(&st.header, &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
	})
	add(&st.top, &excelize.Style{Alignment: top})
	add(&st.wrap, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	add(&st.date, &excelize.Style{Alignment: top, CustomNumFmt: numFmt("dd/mm/yyyy")})
	add(&st.datetime, &excelize.Style{Alignment: top, CustomNumFmt: numFmt("dd/mm/yyyy hh:mm")})
	add(&st.count, &excelize.Style{Alignment: top, NumFmt: 3}) // #,##0
	add(&st.rupiah, &excelize.Style{Alignment: top, CustomNumFmt: numFmt(`"Rp"#,##0`)})
	add(&st.total, &excelize.Style{Font: &excelize.Font{Bold: true},
		Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}})
	// Sorted so style IDs, and thus the file bytes, are reproducible.
	for _, name := range slices.Sorted(maps.Keys(statusFill)) {
		var id int
		add(&id, &excelize.Style{
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{statusFill[name]}},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		})
		st.status[name] = id
	}
	return st, err
}
