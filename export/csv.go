package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// CSV writes the "Laporan" columns as RFC 4180 CSV with a UTF-8 BOM, which
// is what makes Excel on Windows read Indonesian text and emoji correctly
// instead of guessing a code page. Budget and counts are plain integers so
// any locale can parse them.
func CSV(w io.Writer, rows []Row, loc *time.Location) error {
	loc = orWITA(loc)
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(headers); err != nil {
		return err
	}
	for _, r := range rows {
		rep := r.Report
		sent := ""
		if !rep.SubmittedAt.IsZero() {
			sent = rep.SubmittedAt.In(loc).Format("2006-01-02 15:04")
		}
		rec := []string{
			defuse(clean(r.RegionName)),
			defuse(clean(r.RegionCode)),
			rep.Week.String(),
			rep.Week.Start(loc).Format("2006-01-02"),
			defuse(clean(rep.Activities)),
			strconv.FormatInt(rep.Households, 10),
			strconv.FormatInt(rep.Budget, 10),
			defuse(clean(rep.Obstacles)),
			defuse(clean(rep.NextPlan)),
			sent,
			yaTidak(rep.Late),
			yaTidak(r.Revised),
			strconv.Itoa(rep.Version),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse stops spreadsheet apps from evaluating user text as a formula
// (OWASP "CSV injection"). A leading tab is included because Excel strips
// it before deciding whether a cell is a formula; clean has already turned
// CR into LF. Only user text goes
// through here; our own numbers, including negative ones, stay numbers.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t':
		return "'" + s
	}
	return s
}
