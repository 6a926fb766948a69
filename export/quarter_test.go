package export

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tkpkbot"
)

func quarterFixture() QuarterBook {
	w1 := tkpkbot.Week{Year: 2025, Week: 1}
	rep := &tkpkbot.Report{Week: w1, Activities: "=HYPERLINK(\"x\")", Households: 10, Budget: 1_000_000, Obstacles: "Data ganda",
		NextPlan: "Lanjut", Version: 2, Strategies: []string{"pendapatan"}}
	sam := QuarterRegion{Name: "Samarinda", Code: "6472", Totals: tkpkbot.Totals{Reports: 1, Households: 10, Budget: 1_000_000},
		TargetKK: 200, Part: tkpkbot.Participation{OnTime: 1, Missing: 12},
		Strategies: []ChoiceRow{{"Peningkatan pendapatan", tkpkbot.Totals{Reports: 1, Households: 10, Budget: 1_000_000}}},
		Weeks: []QuarterWeek{{Week: w1, Start: time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC), Status: "revisi", Report: rep},
			{Week: w1.Next(), Start: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), Status: "belum"}}}
	return QuarterBook{Title: "Laporan Triwulan 1 2025", Period: "2025-W01 s.d. 2025-W13", Notes: []string{"Satu minggu masuk triwulan hari Kamisnya."},
		Summary: true, Regions: []QuarterRegion{sam}, Province: QuarterRegion{Name: "Provinsi Kalimantan Timur", Code: "6400", Totals: sam.Totals, TargetKK: 200}}
}

func TestQuarterXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := QuarterXLSX(&buf, quarterFixture()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != "Ringkasan,Samarinda" {
		t.Fatalf("sheets %v", got)
	}
	cells := map[string]string{}
	for _, c := range []string{"A1", "A3", "A5", "H6", "J6", "A7", "H7", "N6"} {
		cells[c], _ = f.GetCellValue("Ringkasan", c)
	}
	want := map[string]string{"A1": "Laporan Triwulan 1 2025", "A3": "Satu minggu masuk triwulan hari Kamisnya.", "A5": "Wilayah",
		"H6": "10", "J6": "5.00%", "A7": "Provinsi Kalimantan Timur", "H7": "10", "N6": "—"}
	for c, w := range want {
		if cells[c] != w {
			t.Errorf("Ringkasan!%s = %q, want %q", c, cells[c], w)
		}
	}
	if p, err := f.GetPanes("Ringkasan"); err != nil || !p.Freeze || p.YSplit != 5 {
		t.Errorf("summary panes %+v %v", p, err)
	}
	lay, err := f.GetPageLayout("Samarinda")
	if err != nil || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.Size == nil || *lay.Size != 9 {
		t.Errorf("page layout %+v %v", lay, err)
	}
	rows, _ := f.GetRows("Samarinda")
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	for _, w := range []string{"Laporan Triwulan 1 2025 — Samarinda", "Kegiatan per strategi|Laporan (minggu)", "Peningkatan pendapatan|1|10|",
		"Kegiatan per sumber dana|", "2025-W01|30/12/2024|revisi|=HYPERLINK(\"x\")|10|", "Data ganda", "2025-W02|06/01/2025|belum"} {
		if !strings.Contains(all, w) {
			t.Errorf("region sheet lacks %q:\n%s", w, all)
		}
	}
	if fs, _ := f.GetCellFormula("Samarinda", "D25"); fs != "" {
		t.Error("user text became a formula")
	}
}

func TestQuarterXLSXFollowUps(t *testing.T) {
	b := quarterFixture()
	closed := time.Date(2025, 2, 19, 10, 0, 0, 0, time.UTC) // 18:00 WITA
	sam := &b.Regions[0]
	sam.FollowUps = &tkpkbot.RegionFollowUp{RegionCode: "6472", OpenKendala: 1, OpenActions: 2, Overdue: 1}
	sam.Kendala = []FollowUpRow{{Ref: "2025-W07", Date: time.Date(2025, 2, 12, 2, 0, 0, 0, time.UTC), Status: "teratasi",
		Text: "Sinyal lemah", ClosedAt: closed, ClosedBy: "Sari", Note: "=Menara baru"}}
	b.Province.FollowUps = sam.FollowUps
	var buf bytes.Buffer
	if err := QuarterXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for c, want := range map[string]string{"N5": "Kendala terbuka", "O5": "Tindak lanjut terbuka", "P5": "Tindak lanjut lewat tenggat",
		"N6": "1", "O6": "2", "P6": "1", "N7": "1", "P7": "1"} {
		if got, _ := f.GetCellValue("Ringkasan", c); got != want {
			t.Errorf("Ringkasan!%s = %q, want %q", c, got, want)
		}
	}
	rows, _ := f.GetRows("Samarinda")
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	for _, w := range []string{"Kendala terbuka|1", "Tindak lanjut terbuka|2", "Tindak lanjut lewat tenggat|1",
		"Kendala triwulan ini\nMinggu|Dilaporkan|Status|Kendala|Teratasi|Oleh|Catatan",
		"2025-W07|12/02/2025|teratasi|Sinyal lemah|19/02/2025|Sari|=Menara baru",
		"Tindak lanjut triwulan ini\nRapat|Tenggat|Status|Tindak lanjut|Selesai|Oleh|Catatan\n—\n"} {
		if !strings.Contains(all, w) {
			t.Errorf("region sheet lacks %q:\n%s", w, all)
		}
	}
	// The block comes before the weekly table; the note stays text.
	if strings.Index(all, "Kendala triwulan ini") > strings.Index(all, "Laporan per minggu") {
		t.Error("the follow-ups come after the weekly table")
	}
	for y := 1; y <= len(rows); y++ {
		if fs, _ := f.GetCellFormula("Samarinda", "G"+strconv.Itoa(y)); fs != "" {
			t.Errorf("G%d became a formula %q", y, fs)
		}
	}
}

func TestSheetName(t *testing.T) {
	if got := sheetName("a/b[c]:*?\\" + strings.Repeat("x", 40)); len([]rune(got)) != 31 || strings.ContainsAny(got, `[]:*?/\`) {
		t.Errorf("%q", got)
	}
}
