package main

import (
	"bytes"
	"image/png"
	"os"
	"testing"
)

// mapSent checks that msgs is one photo, a PNG map, and returns it.
func (h *harness) mapSent(t *testing.T, before int) []byte {
	t.Helper()
	calls := h.fake.CallsTo("sendPhoto")
	if len(calls) != before+1 {
		t.Fatalf("sendPhoto calls %d, want 1", len(calls)-before)
	}
	data := calls[len(calls)-1].Files["photo"].Data
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 960 {
		t.Fatalf("map is %v", b)
	}
	return data
}

func TestPetaSendsMapWithHighestAndLowest(t *testing.T) {
	h := newHarness(t)
	before := len(h.fake.CallsTo("sendPhoto"))
	m := one(t, h.say(42, "Rahmat", "/peta"))
	data := h.mapSent(t, before)
	// P0's fullest period is Maret 2024 (all ten); Maret 2025 has three.
	mustContain(t, m.Caption, "Persentase penduduk miskin (P0) per kabupaten/kota, Maret 2024.",
		"Tertinggi: ", "Terendah: Balikpapan 2,", "/peringkat p0 2024-03")
	if path := os.Getenv("PETA_DOCS"); path != "" {
		_ = os.WriteFile(path, data, 0o644)
	}

	m = one(t, h.say(42, "Rahmat", "/peta p1 2023"))
	h.mapSent(t, before+1)
	mustContain(t, m.Caption, "Indeks kedalaman kemiskinan (P1) per kabupaten/kota, Maret 2023.", "Tertinggi: ", "Terendah: ", "Tidak ada data: ")

	// IPM, where higher is better: darker is lower, and the caption still
	// names the highest and the lowest.
	m = one(t, h.say(42, "Rahmat", "/peta ipm 2024"))
	h.mapSent(t, before+2)
	mustContain(t, m.Caption, "Indeks Pembangunan Manusia", "2024.", "Tertinggi: Samarinda 83,11", "Terendah: Penajam Paser Utara 74,94",
		"Tidak ada data: Kutai Barat, Mahakam Ulu.")
	before++

	// The buttons under a map open the other indicators' maps.
	h.press(42, "Rahmat", "GK")
	h.mapSent(t, before+2)

	mustContain(t, one(t, h.say(42, "Rahmat", "/peta cuaca")).Text, "Indikator cuaca tidak dikenal", "/peta p1 maret 2023")
	mustContain(t, one(t, h.say(42, "Rahmat", "/peta samarinda")).Text, "kesepuluh kabupaten/kota", "/angka Samarinda")
	mustContain(t, one(t, h.say(42, "Rahmat", "/peta p1 maret")).Text, "/peta p1 maret 2024")
	mustContain(t, one(t, h.say(42, "Rahmat", "/peta p1 2010")).Text, "Belum ada data indeks kedalaman kemiskinan (p1) untuk tahun 2010", "Periode yang tersedia")

	// Groups get maps too: nothing in them is personal.
	const group = -100777
	h.settle(h.fake.SendGroupText(group, 42, "Rahmat", "/peta miskin"))
	if n := len(h.fake.CallsTo("sendPhoto")); n != before+4 {
		t.Fatalf("/peta in a group sent %d photos", n-before-3)
	}
}
