package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
	"tkpkbot/figures"
	"tkpkbot/indo"
	"tkpkbot/telegram"
)

// wantSamarinda is the /angka Samarinda card as the user reads it (the
// HTML version is pinned in handlers/figures_card_test.go).
const wantSamarinda = `Kota Samarinda — Maret 2024
• Penduduk miskin: 37,80 ribu jiwa (▼ 4,09 ribu jiwa)
• Persentase (P0): 4,30% (▼ 0,51 poin)
Sumber: BPS, via databoks.katadata.co.id
▲▼ perubahan dari Maret 2023 (sumber: BPS, via katakaltim.com)
Belum ada data Maret 2024: P1, P2, garis kemiskinan.

• P0 peringkat 8 dari 10 kabupaten/kota (1 = tertinggi)
• 17,1% dari 221,34 ribu jiwa penduduk miskin Kalimantan Timur
Sumber: BPS per kabupaten/kota (lihat /peringkat); Kalimantan Timur: BPS Kaltim, rilis 1 Juli 2024

Indikator lain
• IPM 2024: 83,11
Sumber: BPS, via temankita.com

Sumber lain
• Penduduk miskin: 44.524 jiwa (3 Desember 2024)
Sumber: Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024`

// ignoredInGroup has Rahmat write text in a group the bot is in: without
// a command or a mention it is conversation, and the bot stays quiet.
func (h *harness) ignoredInGroup(text, what string) {
	h.t.Helper()
	const group = -1009876
	h.settle(h.fake.SendGroupText(group, 42, "Rahmat", text))
	if msgs := h.fake.Messages(group); len(msgs) != 0 {
		h.t.Fatalf("answered %s: %q", what, texts(msgs))
	}
}

func one(t *testing.T, msgs []models.Message) models.Message {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("want one reply, got %d:\n%s", len(msgs), texts(msgs))
	}
	return msgs[0]
}

func TestAngkaSamarindaCardWorksOutOfTheBox(t *testing.T) {
	h := newHarness(t)
	m := one(t, h.say(42, "Rahmat", "/angka Samarinda"))
	if m.Text != wantSamarinda {
		t.Fatalf("card:\n%s\nwant:\n%s", m.Text, wantSamarinda)
	}
	if got := strings.Join(buttonTexts(m), " | "); got != "◀ Maret 2023 | 📈 Grafik" {
		t.Fatalf("buttons = %s", got)
	}
	// Stepping back edits the card in place.
	msgs := h.press(42, "Rahmat", "◀ Maret 2023")
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Text, "Kota Samarinda — Maret 2023\n• Penduduk miskin: 41,89 ribu jiwa (▼ 0,06 ribu jiwa)") {
		t.Fatalf("after ◀:\n%s", texts(msgs))
	}
}

func TestAngkaForgivingNames(t *testing.T) {
	h := newHarness(t)
	for _, in := range []string{"samarinda", "KOTA  Samarinda", "kota samarinda.", "6472", "64.72", "sama"} {
		if got := one(t, h.say(42, "Rahmat", "/angka "+in)).Text; got != wantSamarinda {
			t.Fatalf("/angka %s:\n%s", in, got)
		}
	}
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka kab. kukar")).Text, "Kabupaten Kutai Kartanegara — Maret 2024")
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka bali")).Text, "Kota Balikpapan — Maret 2024")
}

func TestAngkaTypoAsksMaksudAndPressShowsCard(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ typed, button, want string }{
		{"Smarinda", "Samarinda", wantSamarinda},
		{"kutai kartanegra", "Kutai Kartanegara", "Kabupaten Kutai Kartanegara — Maret 2024"},
	} {
		m := one(t, h.say(42, "Rahmat", "/angka "+c.typed))
		mustContain(t, m.Text, "Maksud Anda")
		if bs := buttonTexts(m); len(bs) == 0 || bs[0] != c.button {
			t.Fatalf("/angka %s: buttons %q", c.typed, bs)
		}
		msgs := h.press(42, "Rahmat", c.button)
		mustContain(t, msgs[len(msgs)-1].Text, c.want)
		if msgs[len(msgs)-1].ReplyMarkup != nil && strings.Contains(strings.Join(buttonTexts(msgs[len(msgs)-1]), " "), c.button+" ") {
			t.Fatalf("choice buttons left live: %q", buttonTexts(msgs[len(msgs)-1]))
		}
	}
}

func TestAngkaAmbiguousUnknownAndBare(t *testing.T) {
	h := newHarness(t)
	m := one(t, h.say(42, "Rahmat", "/angka kutai"))
	if got := strings.Join(buttonTexts(m), "|"); got != "Kutai Barat|Kutai Kartanegara|Kutai Timur" {
		t.Fatalf("kutai buttons = %s\n%s", got, m.Text)
	}
	mustContain(t, m.Text, "kutai cocok dengan beberapa wilayah")
	msgs := h.press(42, "Rahmat", "Kutai Timur")
	mustContain(t, msgs[len(msgs)-1].Text, "Kabupaten Kutai Timur — Maret 2025", "8,07%")

	all := "Kalimantan Timur|Paser|Kutai Barat|Kutai Kartanegara|Kutai Timur|Berau|Penajam Paser Utara|Mahakam Ulu|Balikpapan|Samarinda|Bontang"
	m = one(t, h.say(42, "Rahmat", "/angka <b>Jakarta</b>"))
	mustContain(t, m.Text, "Wilayah <b>Jakarta</b> tidak dikenal")
	if got := strings.Join(buttonTexts(m), "|"); got != all {
		t.Fatalf("unknown: buttons %s", got)
	}
	m = one(t, h.say(42, "Rahmat", "/angka"))
	if m.Text != "Pilih wilayah:" || strings.Join(buttonTexts(m), "|") != all {
		t.Fatalf("bare /angka: %q %q", m.Text, buttonTexts(m))
	}
	msgs = h.press(42, "Rahmat", "Penajam Paser Utara")
	mustContain(t, msgs[len(msgs)-1].Text, "Kabupaten Penajam Paser Utara — Maret 2024", "6,68%", "peringkat 6 dari 10")
}

func TestAngkaPeriods(t *testing.T) {
	h := newHarness(t)
	for _, p := range []string{"2023", "maret 2023", "2023-03", "Mar 2023", "03/2023"} {
		mustContain(t, one(t, h.say(42, "Rahmat", "/angka samarinda "+p)).Text, "Kota Samarinda — Maret 2023", "41,89 ribu jiwa", "peringkat 7 dari 9 kabupaten/kota dengan data")
	}
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka 2023 kukar")).Text, "Kabupaten Kutai Kartanegara — Maret 2023")
	m := one(t, h.say(42, "Rahmat", "/angka samarinda september 2023"))
	mustContain(t, m.Text, "Belum ada data Kota Samarinda untuk September 2023. Periode yang tersedia:")
	if got := strings.Join(buttonTexts(m), "|"); got != "Maret 2021|Maret 2022|Maret 2023|Maret 2024|3 Desember 2024" {
		t.Fatalf("period buttons = %s", got)
	}
	msgs := h.press(42, "Rahmat", "Maret 2022")
	mustContain(t, msgs[len(msgs)-1].Text, "Kota Samarinda — Maret 2022", "41,95 ribu jiwa")
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka samarinda 1850")).Text, "Contoh: /angka Samarinda 2024")
	// A year with a bare year's figures shows them with the survey round.
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka kaltim 2023")).Text, "Tahun 2023\n• Miskin ekstrem: 0,10%\n• Penduduk miskin ekstrem: 3.910 jiwa\nSumber: Pemprov Kaltim, via kompas.id")
}

func TestPeringkat(t *testing.T) {
	h := newHarness(t)
	m := one(t, h.say(42, "Rahmat", "/peringkat"))
	mustContain(t, m.Text, "Persentase penduduk miskin (P0) — Maret 2024\nPeringkat kabupaten/kota, 1 = tertinggi:\n1. Mahakam Ulu: 10,75%\n2. Kutai Barat: 9,56%",
		"10. Balikpapan: 2,23%\nProvinsi Kalimantan Timur: 5,78%\nSumber: BPS, via tribunnews.com (Mahakam Ulu);")
	m = one(t, h.say(42, "Rahmat", "/peringkat jumlah penduduk miskin"))
	mustContain(t, m.Text, "Jumlah penduduk miskin — Maret 2024", "1. Kutai Kartanegara: 59,00 ribu jiwa", "Belum ada data: Penajam Paser Utara.")
	msgs := h.press(42, "Rahmat", "GK")
	mustContain(t, msgs[len(msgs)-1].Text, "Garis kemiskinan — Maret 2024", "1. Bontang: Rp801.945\n2. Mahakam Ulu: Rp792.742")
	mustContain(t, one(t, h.say(42, "Rahmat", "/peringkat apa")).Text, "Indikator apa tidak dikenal")
}

func TestGrafikSendsPNGWithSources(t *testing.T) {
	h := newHarness(t)
	before := len(h.fake.CallsTo("sendPhoto"))
	msgs := h.say(42, "Rahmat", "/grafik Samarinda")
	calls := h.fake.CallsTo("sendPhoto")
	if len(calls) != before+1 || len(msgs) != 1 || len(msgs[0].Photo) == 0 {
		t.Fatalf("sendPhoto calls %d, messages %q", len(calls)-before, texts(msgs))
	}
	c := calls[len(calls)-1]
	img, err := png.Decode(bytes.NewReader(c.Files["photo"].Data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 600 || b.Dy() < 300 {
		t.Fatalf("chart is %v", b)
	}
	mustContain(t, msgs[0].Caption, "Persentase penduduk miskin (P0), Kota Samarinda dan Provinsi Kalimantan Timur, Maret 2021–Maret 2024.",
		"Sumber: BPS, via katakaltim.com; BPS, via databoks.katadata.co.id; BPS, via kutimkab.bps.go.id")
	// Kaltim's 2017 round (kalimantan.bisnis.com) lies outside the drawn
	// range, so it is neither drawn nor named.
	if strings.Contains(msgs[0].Caption, "kalimantan.bisnis.com") {
		t.Fatalf("caption names a source outside the drawn range:\n%s", msgs[0].Caption)
	}
	mustContain(t, one(t, h.say(42, "Rahmat", "/grafik samarinda garis kemiskinan")).Text, "Belum ada data garis kemiskinan untuk Kota Samarinda.")
	mustContain(t, one(t, h.say(42, "Rahmat", "/grafik kutai")).Text, "cocok dengan beberapa wilayah")
	h.press(42, "Rahmat", "Kutai Barat")
	if n := len(h.fake.CallsTo("sendPhoto")); n != before+2 {
		t.Fatalf("pressing a region for /grafik sent %d photos", n-before)
	}
}

func TestFreeTextQuestionInPrivateChat(t *testing.T) {
	h := newHarness(t)
	m := one(t, h.say(42, "Rahmat", "berapa penduduk miskin di kukar 2023?"))
	mustContain(t, m.Text, "Kabupaten Kutai Kartanegara — Maret 2023\n• Penduduk miskin: 60,86 ribu jiwa")
	mustContain(t, one(t, h.say(42, "Rahmat", "P0 samarinda")).Text, "Kota Samarinda — Maret 2024")
	mustContain(t, one(t, h.say(42, "Rahmat", "halo, saya dari samarinda")).Text, "Saya belum paham pesan itu")
	h.ignoredInGroup("berapa penduduk miskin di kukar?", "a group's small talk")
}

// A coordinator filling /lapor writes about poverty in their region; that
// is a form answer, not a question for the figures.
func TestFormAnswersAreNotTakenForQuestions(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Langkah 1/7")
	got := texts(h.say(coordID, "Sari", "Pendataan penduduk miskin di Samarinda"))
	mustContain(t, got, "Langkah 2/7")
	if strings.Contains(got, "Maret 2024") {
		t.Fatalf("the form answer got a card:\n%s", got)
	}
	h.say(coordID, "Sari", "/batal")
	mustContain(t, texts(h.say(coordID, "Sari", "penduduk miskin di samarinda")), "Kota Samarinda — Maret 2024")
}

// csvFile builds a figures CSV from rows.
func csvFile(rows ...string) []byte {
	return []byte("wilayah,periode,indikator,nilai,satuan,sumber\n" + strings.Join(rows, "\n") + "\n")
}

var newFigures = csvFile(
	`Samarinda,Maret 2025,p0,"4,05",persen,"BPS, uji impor"`,
	`Samarinda,2025-03,miskin,"35,60",ribu jiwa,"BPS, uji impor"`,
	`6472,2024-03,p0,"4,31",persen,"BPS, via databoks.katadata.co.id"`,
)

func (h *harness) upload(user int64, name string, data []byte, caption string) []models.Message {
	h.t.Helper()
	before := len(h.fake.Messages(user))
	h.settle(h.fake.SendDocument(user, "Admin", name, "", data, caption))
	return h.fake.Messages(user)[before:]
}

func TestImporAddsChangesAndEveryReplicaSeesIt(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.LeaderRetry = 200 * time.Millisecond })
	twin := h.twin() // stands by: h polls
	// The standby's in-memory copy is loaded before the import, so only
	// the notification can bring it the new figures.
	waitCard(t, twin, "Kota Samarinda — Maret 2024")

	got := one(t, h.upload(adminID, "angka-2025.csv", newFigures, "/impor")).Text
	if got != "✅ Impor selesai: 2 angka baru, 1 berubah, 0 tidak berubah. Semua replika bot memakai angka baru dalam beberapa detik." {
		t.Fatalf("import reply: %s", got)
	}
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka Samarinda")).Text, "Kota Samarinda — Maret 2025\n• Penduduk miskin: 35,60 ribu jiwa (▼ 2,20 ribu jiwa)\n• Persentase (P0): 4,05% (▼ 0,26 poin)")
	got = one(t, h.upload(adminID, "angka-2025.csv", newFigures, "/impor")).Text
	mustContain(t, got, "0 angka baru, 0 berubah, 3 tidak berubah", "Semua angka dalam berkas sudah tersimpan")

	waitCard(t, twin, "Kota Samarinda — Maret 2025")
	// And through chat, once the standby takes over polling.
	h.stop()
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka Samarinda")).Text, "Kota Samarinda — Maret 2025", "4,05%")
}

// waitCard waits until the replica's in-memory Samarinda card shows want.
func waitCard(t *testing.T, h *harness, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := h.app.h.Figures.(*figures.Cache).Card(context.Background(), "6472", tkpkbot.Period{})
		if err == nil && len(c.Figures) > 0 && strings.HasPrefix(c.Region.Official+" — "+indo.PeriodLabel(c.Period), want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica's card never showed %q (last: %v, %v)", want, c.Period, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestImporRejectsBadRowsWithLineNumbersAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	bad := csvFile(
		`Samarinda,2025-03,p0,"4,05",persen,"BPS, uji"`,
		`Smarinda,2025-03,p0,"4,05",persen,"BPS, uji"`,
		`Bontang,2025-03,p0,abc,persen,"BPS, uji"`,
		`Bontang,2025-03,miskin,"7,00",ribu jiwa,`,
	)
	got := one(t, h.upload(adminID, "salah.csv", bad, "/impor")).Text
	want := `❌ CSV ditolak, tidak ada data yang disimpan: 3 baris bermasalah.
• baris 3: wilayah "Smarinda" tidak dikenal; maksud Anda Samarinda?
• baris 4: angka "abc" tidak bisa dibaca
• baris 5: sumber kosong
Perbaiki baris tersebut, lalu kirim ulang berkasnya dengan keterangan /impor.`
	if got != want {
		t.Fatalf("reply:\n%s\nwant:\n%s", got, want)
	}
	if got := one(t, h.say(42, "Rahmat", "/angka Samarinda")).Text; got != wantSamarinda {
		t.Fatalf("a rejected file changed the card:\n%s", got)
	}
}

func TestImporRefusals(t *testing.T) {
	h := newHarness(t)
	mustContain(t, one(t, h.upload(42, "angka.csv", newFigures, "/impor")).Text, "Perintah /impor hanya untuk anggota TKPK")

	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(string(newFigures))) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	pngData := h.fakePNG()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"angka.csv", utf16le, "UTF-16"},
		{"angka.csv", pngData, "bukan CSV teks UTF-8"},
		{"angka.xlsx", []byte("PK\x03\x04rest"), "lembar kerja, bukan CSV"},
		{"grafik.png", pngData, "bukan CSV"},
		{"kosong.csv", []byte("\n"), "Berkas kosong"},
	} {
		mustContain(t, one(t, h.upload(adminID, c.name, c.data, "/impor")).Text, c.want)
	}
	mustContain(t, one(t, h.say(adminID, "Admin", "/impor")).Text, "keterangan (caption) /impor")
	mustContain(t, one(t, h.upload(adminID, "angka.csv", newFigures, "")).Text, "balas berkasnya dengan /impor")
	if got := one(t, h.say(42, "Rahmat", "/angka Samarinda")).Text; got != wantSamarinda {
		t.Fatalf("a refused upload changed the card:\n%s", got)
	}
}

// fakePNG is a real image: what the bot's own chart is.
func (h *harness) fakePNG() []byte {
	h.say(42, "Rahmat", "/grafik Bontang")
	calls := h.fake.CallsTo("sendPhoto")
	return calls[len(calls)-1].Files["photo"].Data
}

func TestImportSubcommand(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "angka.csv"), filepath.Join(dir, "salah.csv")
	if err := os.WriteFile(good, newFigures, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, csvFile(`Atlantis,2025-03,p0,"4,05",persen,"BPS"`), 0o644); err != nil {
		t.Fatal(err)
	}
	importCmd := h.subcommand(runImport)
	if code, out, _ := importCmd("--help"); code != 0 || !strings.Contains(out, "Usage: tkpkbot import") {
		t.Fatalf("--help: %d %s", code, out)
	}
	if code, _, errOut := importCmd(bad); code != 1 || !strings.Contains(errOut, `baris 2: wilayah "Atlantis" tidak dikenal`) {
		t.Fatalf("bad file: exit %d, stderr %s", code, errOut)
	}
	if code, out, _ := importCmd("--check", good); code != 0 || out != good+": 3 values, all valid\n" {
		t.Fatalf("--check: %d %q", code, out)
	}
	if code, out, errOut := importCmd(good); code != 0 || out != good+": 2 added, 1 changed, 0 unchanged\n" {
		t.Fatalf("import: exit %d, out %q, stderr %s", code, out, errOut)
	}
	if code, out, _ := importCmd(good); code != 0 || out != good+": 0 added, 0 changed, 3 unchanged\n" {
		t.Fatalf("re-import: %d %q", code, out)
	}
	if code, _, _ := importCmd(); code != 2 {
		t.Fatalf("no file: exit %d", code)
	}
	// The running bot hears about the CLI's import too.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(one(t, h.say(42, "Rahmat", "/angka Samarinda")).Text, "Maret 2025") {
		if time.Now().After(deadline) {
			t.Fatal("running bot never showed the imported figures")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// BenchmarkAngka times /angka end to end: an update queued at the fake
// Bot API, fetched by the real poller, dedup-checked and handled against
// the real database (user upsert, update bookkeeping) and the in-memory
// figures, and the reply received back by the fake server.
func BenchmarkAngka(b *testing.B) {
	h := newHarness(b)
	h.say(42, "Rahmat", "/angka Samarinda") // warm up: figures loaded, connections open
	regions := []string{"Samarinda", "Kukar", "Balikpapan", "Kaltim", "Mahulu"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if msgs := h.say(int64(1000+i%50), "Bench", "/angka "+regions[i%len(regions)]); len(msgs) != 1 {
			b.Fatalf("reply %d: %d messages", i, len(msgs))
		}
	}
}

// BenchmarkAngkaProcess is BenchmarkAngka without the long-poll round
// trip: the update goes straight into Process, so the time is the
// handling itself (dedup, user upsert, card, sendMessage to the fake API).
func BenchmarkAngkaProcess(b *testing.B) {
	h := newHarness(b)
	h.say(42, "Rahmat", "/angka Samarinda")
	regions := []string{"Samarinda", "Kukar", "Balikpapan", "Kaltim", "Mahulu"}
	ctx := context.Background()
	process := h.app.seen.Once(h.app.h.ProcessFresh)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		user := int64(1000 + i%50)
		upd := &models.Update{ID: int64(1_000_000 + i), Message: &models.Message{
			ID: i + 1, Date: int(time.Now().Unix()), Text: "/angka " + regions[i%len(regions)],
			From: &models.User{ID: user, FirstName: "Bench"},
			Chat: models.Chat{ID: user, Type: models.ChatTypePrivate, FirstName: "Bench"},
		}}
		if err := process(ctx, telegram.FromModel(upd)); err != nil {
			b.Fatal(err)
		}
	}
}
