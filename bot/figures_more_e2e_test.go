package main

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

// The figures issue: ten years of data, IPM/TPT/Gini, both rounds of a
// year in one card, the names people use, and charts that do not mislead.

func TestAngkaNewDataAndOtherIndicators(t *testing.T) {
	h := newHarness(t)
	m := one(t, h.say(42, "Rahmat", "/angka kaltim september 2025"))
	mustContain(t, m.Text, "Provinsi Kalimantan Timur — September 2025\n• Penduduk miskin: 202,04 ribu jiwa", "• Persentase (P0): 5,19%",
		"• Garis kemiskinan: Rp897.759 per kapita per bulan", "Sumber: BPS, via propublika.id")

	m = one(t, h.say(42, "Rahmat", "/angka samarinda 2024"))
	mustContain(t, m.Text, "Kota Samarinda — Maret 2024", "Indikator lain\n• IPM 2024: 83,11\nSumber: BPS, via temankita.com")

	// August's labour round joins the year's card, in Indonesian.
	m = one(t, h.say(42, "Rahmat", "/angka bontang 2023"))
	mustContain(t, m.Text, "Kota Bontang — Maret 2023", "• TPT Agustus 2023: 7,74%\nSumber: BPS, via kipkaltim.id")

	// P1 ≥ 1, once refused by the import as ambiguous.
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka kaltim maret 2021")).Text,
		"• Kedalaman (P1): 1,223", "• Rasio Gini Maret 2021: 0,334")
}

func TestAngkaYearWithBothRoundsInOneCard(t *testing.T) {
	h := newHarness(t)
	m := one(t, h.say(42, "Rahmat", "/angka kaltim 2024"))
	mustContain(t, m.Text, "Provinsi Kalimantan Timur — 2024\nMaret 2024 | September 2024\n"+
		"• Penduduk miskin: 221,34 | 211,88 ribu jiwa\n• Persentase (P0): 5,78% | 5,51%\n",
		"• Rasio Gini: 0,321 | 0,310", "Sumber Maret: BPS Kaltim, rilis 1 Juli 2024", "Sumber September: BPS, via kaltim.akurasi.id",
		"Indikator lain\n• IPM 2024: 78,79")
	if got := strings.Join(buttonTexts(m), " | "); got != "Kartu Maret 2024 | Kartu September 2024 | 📈 Grafik" {
		t.Fatalf("buttons = %s", got)
	}
	msgs := h.press(42, "Rahmat", "Kartu September 2024")
	mustContain(t, msgs[len(msgs)-1].Text, "Provinsi Kalimantan Timur — September 2024\n• Penduduk miskin: 211,88 ribu jiwa")
	// A named round is still that round alone.
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka kaltim maret 2024")).Text, "Provinsi Kalimantan Timur — Maret 2024\n")
}

func TestNamesPeopleUse(t *testing.T) {
	h := newHarness(t)
	for in, want := range map[string]string{
		"smd": "Kota Samarinda —", "bpp": "Kota Balikpapan —", "btg": "Kota Bontang —",
		"tenggarong": "Kabupaten Kutai Kartanegara —", "tanjung redeb": "Kabupaten Berau —", "tanjungredeb": "Kabupaten Berau —",
		"sendawar": "Kabupaten Kutai Barat —", "sangatta": "Kabupaten Kutai Timur —", "tana paser": "Kabupaten Paser —",
		"penajam": "Kabupaten Penajam Paser Utara —", "ujoh bilang": "Kabupaten Mahakam Ulu —",
	} {
		if got := one(t, h.say(42, "Rahmat", "/angka "+in)).Text; !strings.HasPrefix(got, want) {
			t.Errorf("/angka %s:\n%s", in, got)
		}
	}
	// The same names in /grafik.
	h.sayPhoto(42, "Rahmat", "/grafik tenggarong")

	// A private message that is only a region gets its card.
	if got := one(t, h.say(42, "Rahmat", "samarinda")).Text; got != wantSamarinda {
		t.Fatalf("plain samarinda:\n%s", got)
	}
	mustContain(t, one(t, h.say(42, "Rahmat", "Sangatta")).Text, "Kabupaten Kutai Timur —")
	mustContain(t, one(t, h.say(42, "Rahmat", "halo, saya dari samarinda")).Text, "Saya belum paham pesan itu")
	// Extreme poverty is yearly: the question opens the year that has it.
	mustContain(t, one(t, h.say(42, "Rahmat", "kemiskinan ekstrem kaltim")).Text,
		"Provinsi Kalimantan Timur — Maret 2023", "• Miskin ekstrem: 0,10%")
	mustContain(t, one(t, h.say(42, "Rahmat", "ipm samarinda")).Text, "• IPM 2024: 83,11")

	// In a group a bare region name is conversation, not a request.
	h.ignoredInGroup("samarinda", "a region name in a group")
}

func TestPeringkatIPM(t *testing.T) {
	h := newHarness(t)
	m := one(t, h.say(42, "Rahmat", "/peringkat ipm"))
	mustContain(t, m.Text, "Indeks Pembangunan Manusia (IPM) — 2024\nPeringkat kabupaten/kota, 1 = tertinggi:\n1. Samarinda: 83,11\n2. Balikpapan: 82,62\n3. Bontang: 82,49",
		"8. Penajam Paser Utara: 74,94\nProvinsi Kalimantan Timur: 78,79\nBelum ada data: Kutai Barat, Mahakam Ulu.")
	mustContain(t, one(t, h.say(42, "Rahmat", "/peringkat pengangguran")).Text, "Tingkat Pengangguran Terbuka (TPT) — Agustus 2023", "1. Bontang: 7,74%")
	mustContain(t, one(t, h.say(42, "Rahmat", "/peringkat gini")).Text, "Belum ada data rasio gini untuk kabupaten/kota.")
}

func TestGrafikIPMAndAGap(t *testing.T) {
	h := newHarness(t)
	msgs := h.say(42, "Rahmat", "/grafik kaltim ipm")
	if len(msgs) != 1 || len(msgs[0].Photo) == 0 {
		t.Fatalf("no chart: %q", texts(msgs))
	}
	// 2021 is missing: the caption says where the line is dashed.
	mustContain(t, msgs[0].Caption, "Indeks Pembangunan Manusia (IPM), Provinsi Kalimantan Timur, 2018–2024.",
		"Garis putus-putus: tidak ada data antara 2020 dan 2022.")

	msgs = h.say(42, "Rahmat", "/grafik kaltim miskin")
	calls := h.fake.CallsTo("sendPhoto")
	if _, err := png.Decode(bytes.NewReader(calls[len(calls)-1].Files["photo"].Data)); err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	mustContain(t, msgs[0].Caption, "Jumlah penduduk miskin, Provinsi Kalimantan Timur, Maret 2017–September 2025. Sumbu tegak mulai dari nol.",
		"antara Maret 2017 dan September 2018; antara Maret 2023 dan Maret 2024")

	msgs = h.say(42, "Rahmat", "/grafik samarinda ipm")
	mustContain(t, msgs[0].Caption, "Indeks Pembangunan Manusia (IPM), Kota Samarinda dan Provinsi Kalimantan Timur, 2024.")
}

// The import reads the new indicators with their units and P1 ≥ 1 as a
// decimal.
func TestImporNewIndicatorsAndP1AboveOne(t *testing.T) {
	h := newHarness(t)
	file := csvFile(
		`Samarinda,2025,ipm,"83,70",indeks,"BPS, uji impor"`,
		`smd,Agustus 2025,tpt,"5,02",persen,"BPS, uji impor"`,
		`Kaltim,2025-09,gini,"0,305",rasio,"BPS, uji impor"`,
		`Kaltim,2025-09,p1,"1,015",indeks,"BPS, uji impor"`,
	)
	mustContain(t, one(t, h.upload(adminID, "baru.csv", file, "/impor")).Text, "✅ Impor selesai: 4 angka baru")
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka kaltim september 2025")).Text, "• Kedalaman (P1): 1,015", "• Rasio Gini September 2025: 0,305")
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka samarinda 2025")).Text, "• IPM 2025: 83,70", "• TPT Agustus 2025: 5,02%")

	bad := csvFile(`Samarinda,Maret 2025,tpt,"5,02",persen,"BPS, uji impor"`)
	mustContain(t, one(t, h.upload(adminID, "salah.csv", bad, "/impor")).Text, "survei BPS untuk tpt hanya Agustus (08)")
}
