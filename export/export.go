// Package export turns weekly reports into files coordinators open in
// Excel: an .xlsx workbook and a plain CSV with the same columns.
package export

import (
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"tkpkbot"
)

// Row is one report as exported. Region fields are copied in rather than
// taken from tkpkbot.Region so callers can export regions that have since
// been renamed.
type Row struct {
	RegionCode, RegionName string
	Report                 tkpkbot.Report
	Revised                bool
}

// Matrix is the regions × weeks overview. Cells holds status text
// ("terkirim", "terlambat", "revisi", "belum", "libur") by region name and
// week; a missing cell is left blank.
type Matrix struct {
	Regions []string
	Weeks   []tkpkbot.Week
	Cells   map[string]map[tkpkbot.Week]string
}

var headers = []string{
	"Wilayah", "Kode BPS", "Minggu", "Awal minggu", "Kegiatan",
	"KK dijangkau", "Realisasi anggaran (Rp)", "Kendala",
	"Rencana minggu depan", "Dikirim (WITA)", "Terlambat", "Revisi", "Versi",
	"Strategi", "Sumber dana",
}

// maxCellUnits is Excel's per-cell limit, counted in UTF-16 code units, so
// an emoji costs two.
const maxCellUnits = 32767

// clean makes user text safe to store: CRLF and CR become LF, control characters
// that XML 1.0 cannot carry are dropped (encoding/xml would otherwise turn
// them into U+FFFD boxes), and text over Excel's limit is cut with "…".
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
	if utf16Len(s) <= maxCellUnits {
		return s
	}
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > maxCellUnits-1 { // leave room for the ellipsis
			return s[:i] + "…"
		}
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func yaTidak(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}

// wallUTC re-labels t's wall clock in loc as UTC: Excel serial dates have
// no zone, and excelize converts by instant, which would show UTC times.
func wallUTC(t time.Time, loc *time.Location) time.Time {
	if loc != nil {
		t = t.In(loc)
	}
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}

// choices is a multi-select answer in one cell; "—" for a report sent
// before the form asked, as the chat shows it.
func choices(list []tkpkbot.Choice, codes []string) string {
	if len(codes) == 0 {
		return "—"
	}
	return clean(strings.Join(tkpkbot.ChoiceLabels(list, codes), ", "))
}
