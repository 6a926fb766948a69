package reminders

import (
	"strings"
	"testing"

	"tkpkbot"
)

func TestFiguresNoticeSaysWhatChangedAndWhereToLook(t *testing.T) {
	mar25 := tkpkbot.Period{Year: 2025, Month: 3}
	got := figuresNoticeHTML([]tkpkbot.FigureChange{
		{RegionCode: "6472", Indicator: tkpkbot.IndMiskin, Period: mar25, New: 40.1, Decimals: 2, Unit: tkpkbot.UnitRibuJiwa},
		{RegionCode: "6472", Indicator: tkpkbot.IndP0, Period: mar25, HadOld: true, Old: 4.40, New: 4.21, Decimals: 2, Unit: tkpkbot.UnitPersen},
		{RegionCode: "6474", Indicator: tkpkbot.IndGK, Period: mar25, HadOld: true, Old: 801945, New: 845000, Unit: tkpkbot.UnitRupiahKB},
	})
	for _, want := range []string{
		"<b>Kota Samarinda</b>",
		"• Penduduk miskin Maret 2025: <b>40,10 ribu jiwa</b> (baru)",
		"• P0 Maret 2025: <b>4,21%</b> (sebelumnya 4,40%; ▼ 0,19 poin)",
		"Lihat: <code>/angka Samarinda Maret 2025</code>",
		"<b>Kota Bontang</b>", "• GK Maret 2025: <b>Rp845.000</b> (sebelumnya Rp801.945; ▲ Rp43.055)",
		"<code>/langganan off</code>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("notice lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "/angka Samarinda"); n != 1 {
		t.Errorf("Samarinda's card offered %d times, want once per period", n)
	}
}

func TestFiguresNoticeStaysShort(t *testing.T) {
	var many []tkpkbot.FigureChange
	for y := 2000; y < 2030; y++ {
		many = append(many, tkpkbot.FigureChange{RegionCode: "6472", Indicator: tkpkbot.IndP0, Period: tkpkbot.Period{Year: y, Month: 3}, New: 5, Decimals: 2, Unit: tkpkbot.UnitPersen})
	}
	got := figuresNoticeHTML(many)
	if n := strings.Count(got, "• "); n != maxNoticeLines {
		t.Fatalf("%d lines, want %d", n, maxNoticeLines)
	}
	if !strings.Contains(got, "… dan 18 angka lain") {
		t.Fatalf("no count of the rest:\n%s", got)
	}
}
