package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/reportseed"
)

// yearHarness holds a year of data: targets for the ten regions and
// reports for 2025-W01 to W52 (about 10 % missing, one in five revised,
// see reportseed.Weeks), the clock on Sunday 28 December 2025.
func yearHarness(tb testing.TB) *harness {
	tb.Helper()
	h := newHarness(tb)
	var csv strings.Builder
	csv.WriteString("tahun;wilayah;target;nilai;sumber\n")
	for i, reg := range tkpkbot.Districts() {
		fmt.Fprintf(&csv, "2025;%s;kk;%d;RKPD 2025\n2025;%s;anggaran;%d;APBD 2025\n", reg.Code, 2000+300*i, reg.Code, int64(1_000_000_000)*int64(1+i%4))
	}
	mustContain(tb, texts(h.upload(adminID, "target.csv", []byte(csv.String()), "/impor_target")), "20 baru")
	h.clock.Set(time.Date(2025, 12, 28, 20, 0, 0, 0, wita))
	reps := reportseed.Weeks(rand.New(rand.NewPCG(4, 2022)), tkpkbot.Week{Year: 2025, Week: 1}, tkpkbot.Week{Year: 2025, Week: 52}, wita)
	if err := reportseed.Insert(tb.Context(), h.app.db.Pool, reps); err != nil {
		tb.Fatal(err)
	}
	// Christmas week off (its reports taken out), and six meetings whose
	// RSVPs came from some regions' coordinators.
	for _, q := range []string{
		`DELETE FROM reports WHERE iso_year = 2025 AND iso_week = 52`,
		`INSERT INTO holidays (iso_year, iso_week, note, created_by, created_at) VALUES (2025, 52, 'Cuti bersama Natal', 500, now())`,
		`INSERT INTO users (id, first_name, role, region_code) SELECT 1000 + n, 'Koordinator', 'koordinator', code
		   FROM unnest($1::text[]) WITH ORDINALITY AS t(code, n)`,
		`INSERT INTO meetings (title, starts_at, created_by, created_at)
		   SELECT 'Rakor TKPK ' || m, make_timestamptz(2025, 2 * m, 10, 1, 0, 0, 'UTC'), 500, now() FROM generate_series(1, 6) m`,
		`INSERT INTO rsvps (meeting_id, user_id, answer, answered_at)
		   SELECT m.id, u.id, CASE WHEN (m.id + u.id) % 3 = 0 THEN 'tidak_hadir' ELSE 'hadir' END, now()
		   FROM meetings m CROSS JOIN users u WHERE u.role = 'koordinator' AND (m.id * u.id) % 5 <> 0`,
	} {
		var args []any
		if strings.Contains(q, "$1") {
			var codes []string
			for _, reg := range tkpkbot.Districts() {
				codes = append(codes, reg.Code)
			}
			args = append(args, codes)
		}
		if _, err := h.app.db.Pool.Exec(tb.Context(), q, args...); err != nil {
			tb.Fatal(err)
		}
	}
	return h
}

// BenchmarkCapaian times /capaian for one region end to end (fake Bot
// API, poller, handler, PostgreSQL) over a year of reports.
func BenchmarkCapaian(b *testing.B) {
	h := yearHarness(b)
	h.say(adminID, "Admin", "/capaian Samarinda")
	for b.Loop() {
		if got := texts(h.say(adminID, "Admin", "/capaian Samarinda")); !strings.Contains(got, "Capaian Kota Samarinda 2025") {
			b.Fatal(got)
		}
	}
}

// BenchmarkCapaianAll is /capaian without a region: the table and the
// bar chart PNG.
func BenchmarkCapaianAll(b *testing.B) {
	h := yearHarness(b)
	h.say(adminID, "Admin", "/capaian")
	for b.Loop() {
		if msgs := h.say(adminID, "Admin", "/capaian"); len(msgs) != 2 {
			b.Fatalf("%d messages", len(msgs))
		}
	}
}

// BenchmarkTriwulanXLSX times /triwulan end to end: the chat summary and
// the eleven-sheet workbook of a quarter from a year of reports.
func BenchmarkTriwulanXLSX(b *testing.B) {
	h := yearHarness(b)
	h.say(adminID, "Admin", "/triwulan 2025-Q4")
	for b.Loop() {
		before := len(h.fake.CallsTo("sendDocument"))
		h.say(adminID, "Admin", "/triwulan 2025-Q4")
		if len(h.fake.CallsTo("sendDocument")) != before+1 {
			b.Fatal("no workbook")
		}
	}
}

// BenchmarkRiwayat times the year's heat map.
func BenchmarkRiwayat(b *testing.B) {
	h := yearHarness(b)
	for b.Loop() {
		h.say(adminID, "Admin", "/riwayat 2025")
	}
}

// TestSamplePictures renders the bar chart and heat map of the sample
// year; with TKPK_WRITE_DOCS=1 it writes them to docs/ and prints the
// chat summary of 2025-Q4, which is how docs/capaian.png and
// docs/riwayat.png were made.
func TestSamplePictures(t *testing.T) {
	h := yearHarness(t)
	photo := func(cmd string) []byte {
		_, p := h.sayPhoto(adminID, "Admin", cmd)
		for _, f := range p.Files {
			if bytes.HasPrefix(f.Data, []byte("\x89PNG")) {
				return f.Data
			}
		}
		t.Fatalf("%s: no PNG", cmd)
		return nil
	}
	bars, heat := photo("/capaian"), photo("/riwayat 2025")
	summary := texts(h.say(adminID, "Admin", "/triwulan 2025-Q4"))
	mustContain(t, summary, "Laporan Triwulan 4 2025", "Kalimantan Timur:")
	if os.Getenv("TKPK_WRITE_DOCS") == "" {
		return
	}
	for name, data := range map[string][]byte{"capaian.png": bars, "riwayat.png": heat} {
		if err := os.WriteFile(filepath.Join("..", "docs", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("sample /triwulan 2025-Q4:\n%s", summary)
	t.Logf("sample /capaian:\n%s", texts(h.say(adminID, "Admin", "/capaian")))
	t.Logf("sample /capaian Samarinda:\n%s", texts(h.say(adminID, "Admin", "/capaian Samarinda")))
}
