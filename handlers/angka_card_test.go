package handlers

import (
	"bytes"
	"testing"

	"tkpkbot"
	"tkpkbot/figures"
	"tkpkbot/internal/figtest"
)

// The cards below pin every formatting rule: units and Indonesian
// numbers, arrows with unsigned changes, the comparison's source, the
// rank and its direction, the share, "belum ada data", agreeing and
// differing sources, and a source line under every group.
var cardCases = []struct {
	name, code string
	at         tkpkbot.Period
	html       string
	buttons    string
}{
	{"samarinda", "6472", tkpkbot.Period{}, `<b>Kota Samarinda</b> — Maret 2024
• Penduduk miskin: <b>37,80 ribu jiwa</b> (▼ 4,09 ribu jiwa)
• Persentase (P0): <b>4,30%</b> (▼ 0,51 poin)
<i>Sumber: BPS, via databoks.katadata.co.id</i>
<i>▲▼ perubahan dari Maret 2023 (sumber: BPS, via katakaltim.com)</i>
Belum ada data Maret 2024: P1, P2, garis kemiskinan.

• P0 peringkat 8 dari 10 kabupaten/kota (1 = tertinggi)
• 17,1% dari 221,34 ribu jiwa penduduk miskin Kalimantan Timur
<i>Sumber: BPS per kabupaten/kota (lihat /peringkat); Kalimantan Timur: BPS Kaltim, rilis 1 Juli 2024</i>

<b>Indikator lain</b>
• IPM 2024: <b>83,11</b>
<i>Sumber: BPS, via temankita.com</i>

<b>Sumber lain</b>
• Penduduk miskin: 44.524 jiwa (3 Desember 2024)
<i>Sumber: Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024</i>`,
		"[◀ Maret 2023=angka:6472:2023-03] [📈 Grafik=grafik:6472:p0]"},

	{"kukar with the Dinsos count", "6403", tkpkbot.Period{}, `<b>Kabupaten Kutai Kartanegara</b> — Maret 2024
• Penduduk miskin: <b>59,00 ribu jiwa</b> (▼ 1,86 ribu jiwa)
• Persentase (P0): <b>7,28%</b> (▼ 0,33 poin)
<i>Sumber: BPS, via databoks.katadata.co.id</i>
<i>▲▼ perubahan dari Maret 2023 (sumber: BPS, via innalar.com)</i>
Belum ada data Maret 2024: P1, P2, garis kemiskinan.

• P0 peringkat 5 dari 10 kabupaten/kota (1 = tertinggi)
• 26,7% dari 221,34 ribu jiwa penduduk miskin Kalimantan Timur
<i>Sumber: BPS per kabupaten/kota (lihat /peringkat); Kalimantan Timur: BPS Kaltim, rilis 1 Juli 2024</i>

<b>Indikator lain</b>
• IPM 2024: <b>76,57</b>
<i>Sumber: BPS, via pranala.co</i>

<b>Sumber lain</b>
• Penduduk miskin: 57.459 jiwa (3 Desember 2024)
<i>Sumber: Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024</i>`,
		"[◀ Maret 2023=angka:6403:2023-03] [📈 Grafik=grafik:6403:p0]"},

	{"kukar in 2023, before the Dinsos meeting", "6403", tkpkbot.Period{Year: 2023}, `<b>Kabupaten Kutai Kartanegara</b> — Maret 2023
• Penduduk miskin: <b>60,86 ribu jiwa</b>
• Persentase (P0): <b>7,61%</b>
• Garis kemiskinan: <b>Rp644.570</b> per kapita per bulan
<i>Sumber: BPS, via innalar.com</i>
<i>Perubahan tahunan: belum ada data Maret 2022</i>
Belum ada data Maret 2023: P1, P2.

• P0 peringkat 5 dari 9 kabupaten/kota dengan data (1 = tertinggi)
• 26,3% dari 231,07 ribu jiwa penduduk miskin Kalimantan Timur
<i>Sumber: BPS per kabupaten/kota (lihat /peringkat); Kalimantan Timur: BPS, via mediaborneo.net</i>`,
		"[Maret 2024 ▶=angka:6403:2024-03] [📈 Grafik=grafik:6403:p0]"},

	{"sparse: penajam paser utara", "6409", tkpkbot.Period{}, `<b>Kabupaten Penajam Paser Utara</b> — Maret 2024
• Persentase (P0): <b>6,68%</b>
<i>Sumber: BPS, via radarpaser.com</i>
<i>Perubahan tahunan: belum ada data Maret 2023</i>
Belum ada data Maret 2024: penduduk miskin, P1, P2, garis kemiskinan.

• P0 peringkat 6 dari 10 kabupaten/kota (1 = tertinggi)
<i>Sumber: BPS per kabupaten/kota (lihat /peringkat)</i>

<b>Indikator lain</b>
• IPM 2024: <b>74,94</b>
<i>Sumber: BPS, via pranala.co</i>`,
		"[📈 Grafik=grafik:6409:p0]"},

	{"kaltim latest: poverty line rises, no rank", tkpkbot.ProvinceCode, tkpkbot.Period{}, `<b>Provinsi Kalimantan Timur</b> — September 2025
• Penduduk miskin: <b>202,04 ribu jiwa</b> (▼ 9,84 ribu jiwa)
• Persentase (P0): <b>5,19%</b> (▼ 0,32 poin)
• Garis kemiskinan: <b>Rp897.759</b> per kapita per bulan (▲ Rp43.762)
<i>Sumber: BPS, via propublika.id</i>
<i>▲▼ perubahan dari September 2024 (sumber: BPS, via kaltim.akurasi.id; BPS, via katakaltim.com)</i>
Belum ada data September 2025: P1, P2.`,
		"[◀ Maret 2025=angka:6400:2025-03] [📈 Grafik=grafik:6400:p0]"},

	{"kaltim march 2025: P1/P2 from another source", tkpkbot.ProvinceCode, tkpkbot.Period{Year: 2025, Month: 3}, `<b>Provinsi Kalimantan Timur</b> — Maret 2025
• Penduduk miskin: <b>199,71 ribu jiwa</b> (▼ 21,63 ribu jiwa)
• Persentase (P0): <b>5,17%</b> (▼ 0,61 poin)
• Garis kemiskinan: <b>Rp866.193</b> per kapita per bulan (▲ Rp32.238)
<i>Sumber: BPS, via propublika.id</i>
<i>▲▼ perubahan dari Maret 2024 (sumber: BPS Kaltim, rilis 1 Juli 2024)</i>
• Kedalaman (P1): <b>0,878</b> (▲ 0,079)
• Keparahan (P2): <b>0,222</b> (▲ 0,068)
<i>Sumber: BPS, via kalimantan.bisnis.com</i>
<i>▲▼ perubahan dari Maret 2024 (sumber: BPS Kaltim, rilis 1 Juli 2024)</i>

<b>Indikator lain</b>
• Rasio Gini Maret 2025: <b>0,312</b> (▼ 0,009 dari Maret 2024)
<i>Sumber: BPS, via niaga.asia</i>
<i>Angka pembanding: BPS, via kaltim.antaranews.com</i>`,
		"[◀ September 2024=angka:6400:2024-09 September 2025 ▶=angka:6400:2025-09] [📈 Grafik=grafik:6400:p0]"},

	{"kaltim march 2024: Dinsos agrees, P1/P2 with their decimals", tkpkbot.ProvinceCode, tkpkbot.Period{Year: 2024, Month: 3}, `<b>Provinsi Kalimantan Timur</b> — Maret 2024
• Penduduk miskin: <b>221,34 ribu jiwa</b> (▼ 9,73 ribu jiwa)
• Persentase (P0): <b>5,78%</b> (▼ 0,33 poin)
• Kedalaman (P1): <b>0,799</b> (▲ 0,028)
• Keparahan (P2): <b>0,154</b> (▲ 0,014)
• Garis kemiskinan: <b>Rp833.955</b> per kapita per bulan (▲ Rp43.769)
<i>Sumber: BPS Kaltim, rilis 1 Juli 2024</i>
<i>Angka sama juga dari: Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024</i>
<i>▲▼ perubahan dari Maret 2023 (sumber: BPS, via mediaborneo.net)</i>

<b>Indikator lain</b>
• IPM 2024: <b>78,79</b> (▲ 0,59 dari 2023)
<i>Sumber: BPS, via katakaltim.com</i>
<i>Angka pembanding: BPS, via diskominfo.kaltimprov.go.id</i>
• TPT Agustus 2024: <b>5,14%</b> (▼ 0,17 poin dari Agustus 2023)
• Rasio Gini Maret 2024: <b>0,321</b> (▼ 0,001 dari Maret 2023)
<i>Sumber: BPS, via kaltim.antaranews.com</i>
<i>Angka pembanding: BPS, via kipkaltim.id</i>`,
		"[◀ Maret 2023=angka:6400:2023-03 September 2024 ▶=angka:6400:2024-09] [📈 Grafik=grafik:6400:p0]"},

	{"kaltim 2023 with the year's extreme poverty", tkpkbot.ProvinceCode, tkpkbot.Period{Year: 2023}, `<b>Provinsi Kalimantan Timur</b> — Maret 2023
• Penduduk miskin: <b>231,07 ribu jiwa</b> (▼ 5,18 ribu jiwa)
• Persentase (P0): <b>6,11%</b> (▼ 0,20 poin)
• Kedalaman (P1): <b>0,771</b> (▼ 0,218)
• Keparahan (P2): <b>0,140</b> (▼ 0,086)
• Garis kemiskinan: <b>Rp790.186</b> per kapita per bulan (▲ Rp61.978)
<i>Sumber: BPS, via mediaborneo.net</i>
<i>▲▼ perubahan dari Maret 2022 (sumber: BPS, via kaltim.antaranews.com)</i>

<b>Tahun 2023</b>
• Miskin ekstrem: <b>0,10%</b>
• Penduduk miskin ekstrem: <b>3.910 jiwa</b>
<i>Sumber: Pemprov Kaltim, via kompas.id</i>
<i>Perubahan tahunan: belum ada data 2022</i>

<b>Indikator lain</b>
• IPM 2023: <b>78,20</b> (▲ 0,84 dari 2022)
<i>Sumber: BPS, via diskominfo.kaltimprov.go.id</i>
• TPT Agustus 2023: <b>5,31%</b>
<i>Sumber: BPS, via kipkaltim.id</i>
• Rasio Gini Maret 2023: <b>0,322</b>
<i>Sumber: BPS, via kaltim.antaranews.com</i>`,
		"[◀ September 2022=angka:6400:2022-09 Maret 2024 ▶=angka:6400:2024-03] [📈 Grafik=grafik:6400:p0]"},

	{"kaltim september 2024: no September 2023", tkpkbot.ProvinceCode, tkpkbot.Period{Year: 2024, Month: 9}, `<b>Provinsi Kalimantan Timur</b> — September 2024
• Penduduk miskin: <b>211,88 ribu jiwa</b>
• Persentase (P0): <b>5,51%</b>
<i>Sumber: BPS, via kaltim.akurasi.id</i>
<i>Perubahan tahunan: belum ada data September 2023</i>
• Kedalaman (P1): <b>0,606</b>
• Keparahan (P2): <b>0,104</b>
<i>Sumber: BPS, via kalimantan.bisnis.com</i>
<i>Perubahan tahunan: belum ada data September 2023</i>
• Garis kemiskinan: <b>Rp853.997</b> per kapita per bulan
<i>Sumber: BPS, via katakaltim.com</i>
<i>Perubahan tahunan: belum ada data September 2023</i>

<b>Indikator lain</b>
• IPM 2024: <b>78,79</b> (▲ 0,59 dari 2023)
<i>Sumber: BPS, via katakaltim.com</i>
<i>Angka pembanding: BPS, via diskominfo.kaltimprov.go.id</i>
• TPT Agustus 2024: <b>5,14%</b> (▼ 0,17 poin dari Agustus 2023)
<i>Sumber: BPS, via kaltim.antaranews.com</i>
<i>Angka pembanding: BPS, via kipkaltim.id</i>
• Rasio Gini September 2024: <b>0,310</b>
<i>Sumber: BPS, via niaga.asia</i>`,
		"[◀ Maret 2024=angka:6400:2024-03 Maret 2025 ▶=angka:6400:2025-03] [📈 Grafik=grafik:6400:p0]"},
}

// A dated report (Dinsos's count of 3 December 2024) is a one-off
// number: its card has no yearly change and lists no survey indicators
// as missing.
var datedCardCases = []struct {
	name, code string
	html       string
	buttons    string
}{
	{"samarinda on the Dinsos date", "6472", `<b>Kota Samarinda</b> — 3 Desember 2024
• Penduduk miskin: <b>44.524 jiwa</b>
<i>Sumber: Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024</i>`,
		"[◀ Maret 2024=angka:6472:2024-03] [📈 Grafik=grafik:6472:p0]"},
	{"kukar on the Dinsos date", "6403", `<b>Kabupaten Kutai Kartanegara</b> — 3 Desember 2024
• Penduduk miskin: <b>57.459 jiwa</b>
<i>Sumber: Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024</i>`,
		"[◀ Maret 2024=angka:6403:2024-03] [📈 Grafik=grafik:6403:p0]"},
}

func TestDatedCardHasNoYearlyLines(t *testing.T) {
	x := figtest.Index(t)
	for _, c := range datedCardCases {
		t.Run(c.name, func(t *testing.T) {
			card := x.Card(c.code, tkpkbot.Period{Year: 2024, Month: 12, Day: 3})
			if got := cardHTML(card); got != c.html {
				t.Errorf("card:\n%s\n\nwant:\n%s", got, c.html)
			}
			if got := renderButtons(cardButtons(card)); got != c.buttons {
				t.Errorf("buttons = %s\nwant      %s", got, c.buttons)
			}
		})
	}
	// Even with a report on the same day a year before, no change is drawn.
	dinsos := func(p tkpkbot.Period, v float64) tkpkbot.Figure {
		return tkpkbot.Figure{RegionCode: "6472", Period: p, Indicator: tkpkbot.IndMiskin, Value: v, Unit: tkpkbot.UnitJiwa, Source: "Dinas Sosial Kaltim"}
	}
	two := figures.NewIndex([]tkpkbot.Figure{
		dinsos(tkpkbot.Period{Year: 2023, Month: 12, Day: 3}, 45000),
		dinsos(tkpkbot.Period{Year: 2024, Month: 12, Day: 3}, 44524),
	})
	html := cardHTML(two.Card("6472", tkpkbot.Period{Year: 2024, Month: 12, Day: 3}))
	if want := "<b>Kota Samarinda</b> — 3 Desember 2024\n• Penduduk miskin: <b>44.524 jiwa</b>\n<i>Sumber: Dinas Sosial Kaltim</i>"; html != want {
		t.Errorf("card:\n%s\n\nwant:\n%s", html, want)
	}
}

func renderButtons(rows [][]tkpkbot.Button) string {
	s := ""
	for i, row := range rows {
		if i > 0 {
			s += " "
		}
		s += "["
		for j, b := range row {
			if j > 0 {
				s += " "
			}
			s += b.Text + "=" + b.Data
		}
		s += "]"
	}
	return s
}

func TestCardHTML(t *testing.T) {
	x := figtest.Index(t)
	for _, c := range cardCases {
		t.Run(c.name, func(t *testing.T) {
			card := x.Card(c.code, c.at)
			if got := cardHTML(card); got != c.html {
				t.Errorf("card:\n%s\n\nwant:\n%s", got, c.html)
			}
			if got := renderButtons(cardButtons(card)); got != c.buttons {
				t.Errorf("buttons = %s\nwant      %s", got, c.buttons)
			}
		})
	}
}

func TestFigureAndChangeText(t *testing.T) {
	fig := func(v float64, dec int, unit string) tkpkbot.Figure {
		return tkpkbot.Figure{Value: v, Decimals: dec, Unit: unit}
	}
	for _, c := range []struct {
		f      tkpkbot.Figure
		delta  float64
		dec    int
		value  string
		change string
	}{
		{fig(37.8, 2, tkpkbot.UnitRibuJiwa), -9.73, 2, "37,80 ribu jiwa", "▼ 9,73 ribu jiwa"},
		{fig(44524, 0, tkpkbot.UnitJiwa), 9730, 0, "44.524 jiwa", "▲ 9.730 jiwa"},
		{fig(4.3, 2, tkpkbot.UnitPersen), -0.33, 2, "4,30%", "▼ 0,33 poin"},
		{fig(0.1, 2, tkpkbot.UnitPersen), 0, 2, "0,10%", "tetap"},
		{fig(0.157, 3, tkpkbot.UnitIndeks), 0.25, 3, "0,157", "▲ 0,250"},
		{fig(782248, 0, tkpkbot.UnitRupiahKB), 39164, 0, "Rp782.248 per kapita per bulan", "▲ Rp39.164"},
		{fig(1234567.5, 1, tkpkbot.UnitRibuJiwa), 1000, 1, "1.234.567,5 ribu jiwa", "▲ 1.000,0 ribu jiwa"},
	} {
		value, suffix := figureText(c.f)
		if value+suffix != c.value {
			t.Errorf("figureText(%+v) = %q, want %q", c.f, value+suffix, c.value)
		}
		if got := changeText(c.f, &tkpkbot.Change{Delta: c.delta, Decimals: c.dec}); got != c.change {
			t.Errorf("changeText(%v) = %q, want %q", c.delta, got, c.change)
		}
	}
}

func TestNoCardListsPeriodsAsButtons(t *testing.T) {
	x := figtest.Index(t)
	asked := tkpkbot.Period{Year: 2023, Month: 9}
	html, rows := noCardHTML(x.Card("6472", asked), asked)
	if html != "Belum ada data <b>Kota Samarinda</b> untuk September 2023. Periode yang tersedia:" {
		t.Fatalf("html = %s", html)
	}
	if got := renderButtons(rows); got != "[Maret 2021=angka:6472:2021-03 Maret 2022=angka:6472:2022-03] [Maret 2023=angka:6472:2023-03 Maret 2024=angka:6472:2024-03] [3 Desember 2024=angka:6472:2024-12-03]" {
		t.Fatalf("buttons = %s", got)
	}
	asked = tkpkbot.Period{Year: 2019}
	if html, _ := noCardHTML(x.Card("6472", asked), asked); html != "Belum ada data <b>Kota Samarinda</b> untuk tahun 2019. Periode yang tersedia:" {
		t.Fatalf("year: %s", html)
	}
	if html, rows := noCardHTML(figures.NewIndex(nil).Card("6472", tkpkbot.Period{}), tkpkbot.Period{}); html != "Belum ada data untuk <b>Kota Samarinda</b>." || rows != nil {
		t.Fatalf("empty: %s %v", html, rows)
	}
}

// Sources come from imported files: whatever they contain is shown as
// text, never as markup.
func TestCardEscapesSources(t *testing.T) {
	x := figures.NewIndex([]tkpkbot.Figure{
		{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndP0, Value: 4.3, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: `<b>BPS</b> & "kawan"`},
		{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndP0, Value: 4.4, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: `Dinas <i>`},
	})
	html := cardHTML(x.Card("6472", tkpkbot.Period{}))
	for _, want := range []string{"Sumber: &lt;b&gt;BPS&lt;/b&gt; &amp; &quot;kawan&quot;", "Sumber: Dinas &lt;i&gt;", "• Persentase (P0): 4,40% (Maret 2024)"} {
		if !bytes.Contains([]byte(html), []byte(want)) {
			t.Fatalf("missing %q in:\n%s", want, html)
		}
	}
}

func BenchmarkCardHTML(b *testing.B) {
	x := figtest.Index(b)
	codes := []string{"6472", "6403", "6400", "6409", "6471"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := x.Card(codes[i%len(codes)], tkpkbot.Period{})
		if s := cardHTML(c); len(s) == 0 {
			b.Fatal("empty card")
		}
	}
}
