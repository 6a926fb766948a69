package main

import (
	"strings"

	"github.com/go-telegram/bot/models"
	"testing"
	"time"
)

func TestStrategyAndFundingAreMultiSelectWithLanjut(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	h.clock.Set(time.Date(2025, 4, 2, 9, 0, 0, 0, wita))
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Langkah 1/7", "Jawab 7 pertanyaan")
	h.say(coordID, "Sari", "Pendataan P3KE")
	mustContain(t, lastText(h.fake.Messages(coordID)), "KK sasaran yang dijangkau minggu ini", "bukan jumlah sejak awal tahun")
	for _, a := range []string{"12", "0", "-", "Lanjutan"} {
		h.say(coordID, "Sari", a)
	}
	q := h.fake.Messages(coordID)[len(h.fake.Messages(coordID))-1]
	mustContain(t, q.Text, "Langkah 6/7", "Strategi")
	if strings.Contains(buttonText(q), "Lanjut") || len(q.ReplyMarkup.InlineKeyboard) != 3 {
		t.Fatalf("before a choice: %s", buttonText(q))
	}
	h.press(coordID, "Sari", "Pengurangan beban pengeluaran")
	h.press(coordID, "Sari", "Pengurangan kantong kemiskinan")
	h.press(coordID, "Sari", "Pengurangan beban pengeluaran") // off again
	q = h.fake.Messages(coordID)[len(h.fake.Messages(coordID))-1]
	mustContain(t, buttonText(q), "▫️ Pengurangan beban pengeluaran", "✅ Pengurangan kantong kemiskinan", "Lanjut ▶")
	h.press(coordID, "Sari", "Lanjut ▶")
	msgs := h.fake.Messages(coordID)
	mustContain(t, msgs[len(msgs)-2].Text, "Strategi kegiatan minggu ini (Inpres 4/2022): Pengurangan kantong kemiskinan")
	mustContain(t, lastText(msgs), "Langkah 7/7", "Sumber dana")

	// A toggle on the strategy question, now passed, changes nothing.
	f, err := h.app.db.Form(t.Context(), coordID)
	if err != nil {
		t.Fatal(err)
	}
	h.settle(h.fake.PressButtonByID(coordID, msgs[len(msgs)-2].ID, "lapor:pilih:"+f.Token+":6:beban"))
	mustContain(t, lastText(h.fake.Messages(coordID)), "Langkah 7/7")
	h.press(coordID, "Sari", "APBDes (Dana Desa)")
	h.press(coordID, "Sari", "CSR/swasta")
	h.press(coordID, "Sari", "Lanjut ▶")
	sum := lastText(h.fake.Messages(coordID))
	mustContain(t, sum, "Ringkasan laporan", "Strategi: Pengurangan kantong kemiskinan", "Sumber dana: APBDes (Dana Desa), CSR/swasta")
	if strings.Contains(sum, "beban") {
		t.Fatalf("the stale toggle was applied:\n%s", sum)
	}
	h.press(coordID, "Sari", "Kirim")

	got := texts(h.say(coordID, "Sari", "/laporanku"))
	mustContain(t, got, "Strategi: Pengurangan kantong kemiskinan", "Sumber dana: APBDes (Dana Desa), CSR/swasta")
	mustContain(t, texts(h.say(adminID, "Admin", "/laporan Samarinda")), "Sumber dana: APBDes (Dana Desa), CSR/swasta")

	// A revision holds the choices; Ubah → Strategi edits them and returns
	// to the summary.
	h.say(coordID, "Sari", "/lapor")
	h.press(coordID, "Sari", "Revisi laporan ini")
	h.press(coordID, "Sari", "Ubah")
	h.press(coordID, "Sari", "6. Strategi")
	mustContain(t, buttonText(h.fake.Messages(coordID)[len(h.fake.Messages(coordID))-1]), "✅ Pengurangan kantong kemiskinan", "Lanjut ▶")
	h.press(coordID, "Sari", "Peningkatan pendapatan")
	h.press(coordID, "Sari", "Lanjut ▶")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Ringkasan laporan", "Strategi: Peningkatan pendapatan, Pengurangan kantong kemiskinan", "CSR/swasta")
}

func TestOldReportShowsDashAndItsRevisionAsksTheChoices(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	h.clock.Set(time.Date(2025, 4, 2, 9, 0, 0, 0, wita)) // 2025-W14
	if _, err := h.app.db.Pool.Exec(t.Context(), `INSERT INTO reports (region_code, iso_year, iso_week, version, activities,
		households, budget, obstacles, next_plan, submitted_by, submitted_at, late, form_token)
		VALUES ('6472', 2025, 14, 1, 'Laporan lama', 3, 0, '-', 'Lanjut', $1, now(), false, 'old')`, coordID); err != nil {
		t.Fatal(err)
	}
	mustContain(t, texts(h.say(coordID, "Sari", "/laporanku")), "Laporan lama", "Strategi: —", "Sumber dana: —")
	h.say(coordID, "Sari", "/lapor")
	h.press(coordID, "Sari", "Revisi laporan ini")
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, texts(h.fake.Messages(coordID)[len(h.fake.Messages(coordID))-2:]), "langkah Strategi belum dijawab", "Langkah 6/7")
	h.press(coordID, "Sari", "Peningkatan pendapatan")
	h.press(coordID, "Sari", "Lanjut ▶")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Ringkasan laporan", "Strategi: Peningkatan pendapatan", "Sumber dana: —")
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, texts(h.fake.Messages(coordID)[len(h.fake.Messages(coordID))-2:]), "Sumber dana belum dijawab", "Langkah 7/7")
	h.press(coordID, "Sari", "APBN")
	h.press(coordID, "Sari", "Lanjut ▶")
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, lastText(h.fake.Messages(coordID)), "revisi ke-1", "Sumber dana: APBN")
}

func TestChoiceToggleRechecksTheRole(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	h.say(coordID, "Sari", "/lapor")
	for _, a := range []string{"Pendataan P3KE", "12", "0", "-", "Lanjutan"} {
		h.say(coordID, "Sari", a)
	}
	code := invite(t, h, "Kukar pengamat")
	h.say(coordID, "Sari", "/daftar "+code)
	h.press(coordID, "Sari", "Ya, ganti")
	h.press(coordID, "Sari", "Peningkatan pendapatan")
	mustContain(t, lastText(h.fake.Messages(coordID)), "hanya untuk koordinator", "Peran Anda: pengamat")
	if f, err := h.app.db.Form(t.Context(), coordID); err == nil && len(f.Draft.Strategies) > 0 {
		t.Fatalf("a former coordinator's press was applied: %+v", f.Draft)
	}
}

func buttonText(m models.Message) string {
	return strings.Join(buttonTexts(m), "\n")
}
