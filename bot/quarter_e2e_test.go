package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/reportseed"
)

const targetsCSV = "tahun;wilayah;target;nilai;sumber\n" +
	"2025;Samarinda;kk;200;RKPD Kota Samarinda 2025\n" +
	"2025;Samarinda;anggaran;Rp500.000.000;APBD 2025\n" +
	"2025;Bontang;kk;100;RKPD Kota Bontang 2025\n" +
	"2025;Paser;kk;400;RKPD Kabupaten Paser 2025\n"

func TestImporTargetInChatIsAllOrNothing(t *testing.T) {
	h := newHarness(t)
	bad := "tahun,wilayah,target,nilai,sumber\n2025,Atlantis,kk,10,x\n2025,Samarinda,kk,-3,x\n2025,Bontang,kk,5,x\n2025,6474,KK,6,y\n"
	got := texts(h.upload(adminID, "target.csv", []byte(bad), "/impor_target"))
	mustContain(t, got, "CSV ditolak", "3 baris bermasalah", `baris 2: wilayah "Atlantis" tidak dikenal`,
		"baris 3: target negatif", "baris 5: baris ganda: sama dengan baris 4", "/impor_target")
	if ts, _ := h.app.db.Targets(t.Context(), 2025); len(ts) != 0 {
		t.Fatalf("a rejected file stored %+v", ts)
	}
	mustContain(t, texts(h.upload(adminID, "target.csv", []byte(targetsCSV), "/impor_target")), "Target tersimpan", "4 baru")
	mustContain(t, texts(h.say(adminID, "Admin", "/impor_target")), "tahun,wilayah,target,nilai,sumber")
	ts, err := h.app.db.Targets(t.Context(), 2025)
	if err != nil || len(ts) != 4 {
		t.Fatalf("targets = %+v, %v", ts, err)
	}
	joinCoordinator(t, h, "Samarinda")
	mustContain(t, texts(h.upload(coordID, "target.csv", []byte(targetsCSV), "/impor_target")), "hanya untuk admin")
}

func TestImportTargetsCommand(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "target.csv"), filepath.Join(dir, "salah.csv")
	if err := os.WriteFile(good, []byte(targetsCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("tahun,wilayah,target,nilai,sumber\n2025,Paser,kk,10,x\n2025,Paser,kk,12,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := h.subcommand(runImportTargets)
	if code, out, _ := cmd("--help"); code != 0 || !strings.Contains(out, "tkpkbot import-targets") {
		t.Fatalf("--help: %d %s", code, out)
	}
	if code, _, errOut := cmd("--check", bad); code != 1 || !strings.Contains(errOut, "baris 3: baris ganda: sama dengan baris 2") {
		t.Fatalf("bad file: exit %d, stderr %s", code, errOut)
	}
	if code, out, _ := cmd("--check", good); code != 0 || out != good+": 4 targets, all valid\n" {
		t.Fatalf("--check: %d %q", code, out)
	}
	if code, out, errOut := cmd(good); code != 0 || out != good+": 4 added, 0 changed, 0 unchanged\n" {
		t.Fatalf("import: exit %d, out %q, stderr %s", code, out, errOut)
	}
}

// quarterHarness has the targets of targetsCSV and reports for 2025-W01
// to W14 (Q1 and the week that starts on 31 March but belongs to Q2):
// Samarinda 10 KK and Rp1.000.000 a week, W14 revised from 100 KK to 5;
// Bontang W01 to W10 only, W03 late, each 20 KK; the clock on Thursday
// 10 April 2025 (W15).
func quarterHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.clock.Set(time.Date(2025, 4, 10, 9, 0, 0, 0, wita))
	mustContain(t, texts(h.upload(adminID, "target.csv", []byte(targetsCSV), "/impor_target")), "Target tersimpan")
	var reps []tkpkbot.Report
	at := func(w tkpkbot.Week) time.Time { return w.Start(wita).AddDate(0, 0, 2) }
	for n := 1; n <= 14; n++ {
		w := tkpkbot.Week{Year: 2025, Week: n}
		reps = append(reps, tkpkbot.Report{RegionCode: "6472", Week: w, Version: 1, Activities: "Pendataan", Households: 10, Budget: 1_000_000,
			Obstacles: "-", NextPlan: "Lanjut", SubmittedBy: coordID, SubmittedAt: at(w),
			Strategies: []string{"pendapatan"}, Funding: []string{"apbd_kab", "csr"}})
		if n <= 10 {
			obst := "-"
			if n == 9 {
				obst = "Data DTSEN ganda di Bontang Utara"
			}
			reps = append(reps, tkpkbot.Report{RegionCode: "6474", Week: w, Version: 1, Activities: "Verifikasi", Households: 20, Budget: 0,
				Obstacles: obst, NextPlan: "Lanjut", SubmittedBy: 777, SubmittedAt: at(w), Late: n == 3,
				Strategies: []string{"beban", "kantong"}, Funding: []string{"apbn"}})
		}
	}
	reps[len(reps)-1].Households = 100
	rev := reps[len(reps)-1]
	rev.Version, rev.Households, rev.Obstacles = 2, 5, "Cuaca buruk di Palaran"
	reps = append(reps, rev)
	if err := reportseed.Insert(t.Context(), h.app.db.Pool, reps); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestCapaianAgainstTargets(t *testing.T) {
	h := quarterHarness(t)
	got := texts(h.say(adminID, "Admin", "/capaian Samarinda"))
	// 13 weeks × 10 KK + W14's latest version (5, not 100).
	mustContain(t, got, "Capaian Kota Samarinda 2025", "KK dijangkau: 135 KK dari target 200 KK (67,5%)",
		"Realisasi anggaran: Rp14.000.000 dari pagu Rp500.000.000 (2,8%)",
		"14 tepat waktu · 0 terlambat · 0 belum", "Minggu 14: Cuaca buruk di Palaran", "penduduk miskin", "KK yang sama bisa terhitung lebih dari sekali")

	got = texts(h.say(adminID, "Admin", "/capaian bontang 2025"))
	// W11 to W14 are missing: their deadlines have passed.
	mustContain(t, got, "200 KK dari target 100 KK (200,0%)", "9 tepat waktu · 1 terlambat · 4 belum", "pagu belum diimpor",
		"Minggu 9: Data DTSEN ganda")

	// Without a region: the table and the chart.
	msgs, p := h.sayPhoto(adminID, "Admin", "/capaian")
	mustContain(t, texts(msgs), "Capaian kabupaten/kota 2025", "Samarinda      135      200   68", "Bontang        200      100  200",
		"Paser            0      400    0", "Provinsi       335      700   48")
	mustContain(t, p.Params["caption"], "provinsi 48%")
	for _, f := range p.Files {
		if !bytes.HasPrefix(f.Data, []byte("\x89PNG")) {
			t.Fatal("the chart is not a PNG")
		}
	}

	mustContain(t, texts(h.say(adminID, "Admin", "/capaian Samarinda 2031")), "Tahun 2031 belum berjalan")
	mustContain(t, texts(h.say(adminID, "Admin", "/capaian Atlantis")), "tidak dikenali")

	// A coordinator sees their own region, whatever they name.
	joinCoordinator(t, h, "Samarinda")
	mustContain(t, texts(h.say(coordID, "Sari", "/capaian")), "Capaian Kota Samarinda 2025", "135 KK")
	mustContain(t, texts(h.say(coordID, "Sari", "/capaian Bontang")), "wilayahnya sendiri", "Capaian Kota Samarinda 2025")
}

func TestTriwulanSummaryAndWorkbook(t *testing.T) {
	h := quarterHarness(t)
	got := texts(h.say(adminID, "Admin", "/triwulan"))
	// Q1 is W01–W13: W14 (31 March to 6 April) belongs to Q2 by its Thursday.
	mustContain(t, got, "Laporan Triwulan 1 2025", "Minggu 2025-W01 s.d. 2025-W13 (30 Des 2024–30 Mar 2025)",
		"Samarinda: 13/13 minggu, 130 KK (65,0% target), Rp13.000.000",
		"Bontang: 10/13 minggu, 200 KK (200,0% target), Rp0",
		"Paser: 0/13 minggu, 0 KK (0,0% target), Rp0",
		"Kalimantan Timur: 23/130 minggu, 330 KK (47,1% target), Rp13.000.000", "hari Kamisnya")
	f := lastWorkbook(t, h, "laporan-triwulan-2025-Q1.xlsx")
	sheets := f.GetSheetList()
	if len(sheets) != 11 || sheets[0] != "Ringkasan" || sheets[10] != "Bontang" {
		t.Fatalf("sheets %v", sheets)
	}
	cell := func(sheet, c string) string {
		v, err := f.GetCellValue(sheet, c)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Row 7 is the header, then the districts in BPS order: Samarinda is
	// the 9th (row 16), Bontang the 10th, the province last.
	for c, want := range map[string]string{"A1": "Laporan Triwulan 1 2025 — TKPK Kalimantan Timur", "A7": "Wilayah",
		"A16": "Samarinda", "C16": "13", "D16": "13", "H16": "130", "I16": "200", "J16": "65.00%", "K16": "Rp13,000,000", "M16": "2.60%",
		"A17": "Bontang", "D17": "9", "E17": "1", "F17": "3", "H17": "200",
		"A18": "Provinsi Kalimantan Timur", "H18": "330", "I18": "700"} {
		if got := cell("Ringkasan", c); got != want {
			t.Errorf("Ringkasan!%s = %q, want %q", c, got, want)
		}
	}
	if !strings.Contains(cell("Ringkasan", "A3"), "Kamisnya") {
		t.Errorf("no Thursday rule on the summary: %q", cell("Ringkasan", "A3"))
	}
	all := sheetText(t, f, "Samarinda")
	mustContain(t, all, "Peningkatan pendapatan|13|130|Rp13,000,000", "APBD Kabupaten/Kota|13|130|", "CSR/swasta|13|130|",
		"2025-W13|24/03/2025|terkirim|Pendataan|10|Rp1,000,000|Peningkatan pendapatan|APBD Kabupaten/Kota, CSR/swasta")
	if strings.Contains(all, "2025-W14") {
		t.Error("W14 counted in Q1")
	}

	// Q2 so far holds W14's latest version only.
	mustContain(t, texts(h.say(adminID, "Admin", "/triwulan ini")), "Samarinda: 1/2 minggu, 5 KK", "masih berjalan")
	mustContain(t, texts(h.say(adminID, "Admin", "/triwulan 2025-Q3")), "Triwulan 3 2025 belum dimulai")
	mustContain(t, texts(h.say(adminID, "Admin", "/triwulan kemarin")), "tidak dikenali")

	joinCoordinator(t, h, "Bontang")
	mustContain(t, texts(h.say(coordID, "Sari", "/triwulan triwulan 1 2025")), "Bontang: 10/13 minggu")
	f = lastWorkbook(t, h, "laporan-triwulan-2025-Q1-6474.xlsx")
	if s := f.GetSheetList(); len(s) != 1 || s[0] != "Bontang" {
		t.Fatalf("coordinator's sheets %v", s)
	}
}

func TestRiwayatIsAHeatMapPNG(t *testing.T) {
	h := quarterHarness(t)
	joinCoordinator(t, h, "Samarinda")
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2025-04-11 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
	h.sweep()
	h.press(coordID, "Sari", "Hadir")
	_, p := h.sayPhoto(adminID, "Admin", "/riwayat")
	// Samarinda 14 on time, Bontang 9 + 1 late + 4 missing, the other
	// eight regions 14 missing each; W15 is not due yet.
	mustContain(t, p.Params["caption"], "Riwayat laporan 2025 (minggu 1–15)", "23 tepat waktu · 1 terlambat · 116 belum", "1 rapat dengan jawaban kehadiran")
	for _, f := range p.Files {
		if !bytes.HasPrefix(f.Data, []byte("\x89PNG")) || len(f.Data) < 5000 {
			t.Fatalf("not a heat map PNG: %d bytes", len(f.Data))
		}
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/riwayat Samarinda")), "Tulis tahunnya saja")
	mustContain(t, texts(h.say(adminID, "Admin", "/riwayat 2030")), "belum berjalan")
	mustContain(t, texts(h.say(coordID, "Sari", "/riwayat")), "hanya untuk")

	// /bantuan lists each to the roles that may use it.
	coord := texts(h.say(coordID, "Sari", "/bantuan"))
	mustContain(t, coord, "/capaian", "/triwulan")
	admin := texts(h.say(adminID, "Admin", "/bantuan"))
	mustContain(t, admin, "/capaian", "/triwulan", "/riwayat", "/impor_target")
	if strings.Contains(coord, "/riwayat") || strings.Contains(coord, "/impor_target") {
		t.Fatalf("a coordinator's /bantuan lists admin commands:\n%s", coord)
	}
}
