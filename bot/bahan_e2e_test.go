package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
	"tkpkbot/internal/telegramtest"
)

// The three coordinators of the materials tests, and their regions.
const (
	koordSmd, koordBerau, koordBpp = 611, 612, 613
	pengamatID, strangerID         = 77, 99
)

// materialsTeam is an admin, three coordinators, a pengamat and a
// meeting (#1, Monday 16 December 09:00) whose materials are requested
// by Friday 13 December 16:00.
func materialsTeam(t *testing.T, h *harness) {
	t.Helper()
	for _, j := range []struct {
		id     int64
		region string
	}{{koordSmd, "Samarinda"}, {koordBerau, "Berau"}, {koordBpp, "Balikpapan"}} {
		code := invite(t, h, j.region)
		mustContain(t, texts(h.say(j.id, "Koor "+j.region, "/daftar "+code)), "koordinator")
	}
	joinPengamat(t, h, pengamatID, "Budi", "Kaltim")
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
}

func requestMaterials(t *testing.T, h *harness) {
	t.Helper()
	got := texts(h.say(adminID, "Admin", "/bahan 1 2024-12-13 Paparan capaian penanggulangan kemiskinan 2024"))
	mustContain(t, got, "Permintaan bahan rapat #1 dicatat", "Paparan capaian penanggulangan kemiskinan 2024",
		"Jumat, 13 Desember 2024 pukul 16.00 WITA", "/bahan 1")
}

// requestMessage is the materials request the bot sent to chat.
func requestMessage(t *testing.T, h *harness, chat int64) models.Message {
	t.Helper()
	for _, m := range h.fake.Messages(chat) {
		if strings.Contains(m.Text, "Permintaan bahan rapat #1") {
			return m
		}
	}
	t.Fatalf("chat %d got no request:\n%s", chat, h.botTexts(chat))
	return models.Message{}
}

// sendFrom makes a user send o and returns the bot's new messages.
func (h *harness) sendFrom(user int64, name string, o telegramtest.Outgoing) string {
	h.t.Helper()
	before := len(h.fake.Messages(user))
	h.settle(h.fake.SendFrom(user, name, o))
	return texts(h.fake.Messages(user)[before:])
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 64, 48))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMaterialsRequestSendRemindSummaryStatusAndFiles(t *testing.T) {
	h := newHarness(t)
	materialsTeam(t, h)
	requestMaterials(t, h)
	h.sweep()

	// Every coordinator gets the request once, naming the meeting, the
	// deadline and how to send; nobody else gets it.
	for _, c := range []int64{koordSmd, koordBerau, koordBpp} {
		if n := count(h.botTexts(c), "Permintaan bahan rapat #1"); n != 1 {
			t.Fatalf("coordinator %d got %d requests", c, n)
		}
		mustContain(t, requestMessage(t, h, c).Text, "Rakor TKPK", "Senin, 16 Desember 2024 pukul 09.00 WITA",
			"Tenggat: Jumat, 13 Desember 2024 pukul 16.00 WITA", "balas (reply) pesan ini", "/bahan 1")
	}
	for _, c := range []int64{adminID, pengamatID} {
		if strings.Contains(h.botTexts(c), "Mohon kirim:") {
			t.Fatalf("chat %d got the request", c)
		}
	}

	// Samarinda answers the request with a document; Berau sends a photo
	// captioned /bahan 1; Balikpapan sends nothing.
	pdf := bytes.Repeat([]byte("%PDF"), 122880/4)
	got := h.sendFrom(koordSmd, "Koor Samarinda", telegramtest.Outgoing{FileName: "paparan.pdf", Data: pdf, ReplyTo: requestMessage(t, h, koordSmd).ID})
	mustContain(t, got, "✓ Diterima: paparan.pdf (120 KB) untuk rapat 1", "Kota Samarinda")
	got = h.sendFrom(koordSmd, "Koor Samarinda", telegramtest.Outgoing{Text: "Data P3KE: https://drive.example.org/p3ke-smd", ReplyTo: requestMessage(t, h, koordSmd).ID})
	mustContain(t, got, "✓ Diterima: teks (45 karakter) untuk rapat 1")
	got = h.sendFrom(koordBerau, "Koor Berau", telegramtest.Outgoing{Photo: pngBytes(t), Caption: "/bahan 1"})
	mustContain(t, got, "✓ Diterima: foto (", "untuk rapat 1", "Kabupaten Berau")

	// Others are refused, in words that say why.
	got = h.sendFrom(pengamatID, "Budi", telegramtest.Outgoing{FileName: "catatan.pdf", Data: []byte("%PDF-1"), Caption: "/bahan 1"})
	mustContain(t, got, "Bahan rapat hanya diterima dari koordinator wilayah atau admin", "Peran Anda: pengamat")
	got = h.sendFrom(strangerID, "Asing", telegramtest.Outgoing{FileName: "x.pdf", Data: []byte("%PDF-1"), Caption: "/bahan 1"})
	mustContain(t, got, "hanya untuk anggota TKPK")
	mustContain(t, texts(h.say(koordBpp, "Koor Balikpapan", "/bahan 1")), "balas (reply) pesan permintaan bahan")

	// 48 hours before the deadline: only Balikpapan is reminded.
	h.clock.Set(time.Date(2024, 12, 11, 16, 0, 0, 0, wita))
	h.sweep()
	if n := count(h.botTexts(koordBpp), "Pengingat bahan rapat #1"); n != 1 {
		t.Fatalf("Balikpapan reminders: %d\n%s", n, h.botTexts(koordBpp))
	}
	mustContain(t, h.botTexts(koordBpp), "Bahan Kota Balikpapan belum diterima", "2 hari lagi")
	for _, c := range []int64{koordSmd, koordBerau} {
		if strings.Contains(h.botTexts(c), "Pengingat bahan") {
			t.Fatalf("coordinator %d who sent was reminded", c)
		}
	}
	// A reply to the reminder counts as well.
	h.clock.Set(time.Date(2024, 12, 13, 13, 0, 0, 0, wita))
	h.sweep()
	if n := count(h.botTexts(koordBpp), "Pengingat bahan rapat #1"); n != 2 {
		t.Fatalf("Balikpapan reminders after 3 h offset: %d", n)
	}

	// At the deadline admins get the regions still missing.
	h.clock.Set(time.Date(2024, 12, 13, 16, 0, 0, 0, wita))
	h.sweep()
	sum := h.botTexts(adminID)
	if n := count(sum, "Tenggat bahan rapat #1 lewat"); n != 1 {
		t.Fatalf("summaries: %d\n%s", n, sum)
	}
	mustContain(t, sum, "Belum mengirim (8 dari 10 wilayah)", "Balikpapan", "/bahan 1")
	line, _, _ := strings.Cut(sum[strings.Index(sum, "Belum mengirim"):], "\n")
	if strings.Contains(line, "Samarinda") || strings.Contains(line, "Berau") {
		t.Fatalf("a region that sent is listed missing: %s", line)
	}

	// /bahan 1: each region with what it sent, a button per material.
	before := len(h.fake.Messages(adminID))
	status := texts(h.say(adminID, "Admin", "/bahan 1"))
	mustContain(t, status, "Bahan rapat #1", "2 dari 10 wilayah sudah mengirim",
		"✓ Kota Samarinda: paparan.pdf (120 KB), teks (45 karakter)\nData P3KE: https://drive.example.org/p3ke-smd\n", "✓ Kabupaten Berau: foto (", "⬜ Kota Balikpapan — belum", "(sudah lewat)")
	msgs := h.fake.Messages(adminID)[before:]
	buttons := strings.Join(buttonTexts(msgs[len(msgs)-1]), "|")
	mustContain(t, buttons, "📎 Kota Samarinda: paparan.pdf (120 KB)", "📎 Kabupaten Berau: foto")
	mustContain(t, texts(h.say(pengamatID, "Budi", "/bahan 1")), "2 dari 10 wilayah sudah mengirim")

	// Pressing a file button sends the file back, by its file_id.
	h.press(adminID, "Admin", "paparan.pdf")
	last := h.fake.Messages(adminID)
	doc := last[len(last)-1]
	if doc.Document == nil || doc.Document.FileName != "paparan.pdf" || doc.Document.FileSize != 122880 {
		t.Fatalf("file sent back: %+v", doc)
	}
	mustContain(t, doc.Caption, "Bahan rapat #1 dari Kota Samarinda")
	h.press(adminID, "Admin", "Kabupaten Berau: foto")
	last = h.fake.Messages(adminID)
	if len(last[len(last)-1].Photo) == 0 {
		t.Fatalf("photo not sent back: %+v", last[len(last)-1])
	}
	h.press(adminID, "Admin", "teks (45")
	mustContain(t, lastText(h.fake.Messages(adminID)), "Bahan rapat #1 dari Kota Samarinda", "Data P3KE: https://drive.example.org/p3ke-smd")
	if n := len(h.fake.CallsTo("getFile")); n != 0 {
		t.Fatalf("materials were downloaded (%d getFile calls)", n)
	}
	// The button re-checks the role: a coordinator pressing it is refused.
	h.settle(h.fake.PressButtonByID(koordSmd, requestMessage(t, h, koordSmd).ID, msgs[len(msgs)-1].ReplyMarkup.InlineKeyboard[0][0].CallbackData))
	mustContain(t, h.lastAnswer(), "hanya untuk")

	h.restartSendsNothing()
}

func TestBahanRequestRefusals(t *testing.T) {
	h := newHarness(t)
	materialsTeam(t, h)
	example := "/bahan 1 2024-12-14 Paparan capaian penanggulangan kemiskinan 2024"
	for in, want := range map[string]string{
		"/bahan 9 2024-12-13 Paparan": "Rapat #9 tidak ditemukan",
		"/bahan 1 2024-12-17 Paparan": "Tenggat Selasa, 17 Desember 2024 pukul 16.00 WITA sesudah rapat #1 dimulai",
		"/bahan 1 2024-12-10 Paparan": "sudah lewat (sekarang Rabu, 11 Desember 2024 pukul 10.00 WITA)",
		"/bahan 1 2024-12-13":         "Bahan yang diminta belum ditulis",
		"/bahan 1 Paparan saja":       "Tulis tenggatnya setelah nomor rapat",
		"/bahan 1 2024-12-13 26.00 X": "Jam harus antara",
		"/bahan Paparan":              "Tulis nomor rapat dulu",
	} {
		got := texts(h.say(adminID, "Admin", in))
		mustContain(t, got, want)
		if !strings.Contains(got, example) && !strings.Contains(got, "/bahan 1 2024-12-12 Paparan") {
			t.Errorf("%s: no example to copy:\n%s", in, got)
		}
	}
	requestMaterials(t, h)
	mustContain(t, texts(h.say(adminID, "Admin", "/bahan 1 2024-12-13 Lagi")), "sudah diminta sebelumnya")
	mustContain(t, texts(h.say(pengamatID, "Budi", "/bahan 1 2024-12-13 Paparan")), "Meminta bahan dilakukan admin")
	// A coordinator's words after the number are materials, even if they
	// start like a date.
	mustContain(t, texts(h.say(koordSmd, "Koor Samarinda", "/bahan 1 13 Desember: data sudah diverifikasi oleh tim kecamatan")), "✓ Diterima: teks")
	mustContain(t, texts(h.say(koordSmd, "Koor Samarinda", "/bahan 2 data")), "Rapat #2 tidak ditemukan")
}

// Two replicas sweeping at once send the request, each reminder and the
// summary once; downtime over both offsets sends one reminder, not two.
func TestMaterialsExactlyOnceAcrossReplicasAndDowntime(t *testing.T) {
	h := newHarness(t)
	materialsTeam(t, h)
	twin := h.twin()
	requestMaterials(t, h)
	both := func() {
		var wg sync.WaitGroup
		for _, x := range []*harness{h, twin} {
			wg.Add(1)
			go func() { defer wg.Done(); x.sweep() }()
		}
		wg.Wait()
	}
	both()
	both()
	for _, c := range []int64{koordSmd, koordBerau, koordBpp} {
		if n := count(h.botTexts(c), "Permintaan bahan rapat #1"); n != 1 {
			t.Fatalf("coordinator %d got %d requests from two replicas", c, n)
		}
	}
	h.sendFrom(koordSmd, "Koor Samarinda", telegramtest.Outgoing{FileName: "paparan.pdf", Data: []byte("%PDF-1"), Caption: "/bahan 1"})

	// Down from Wednesday until Friday 14:00: the 48 h and the 3 h
	// reminder are both due; one message says it.
	twin.stop()
	h.stop()
	h.clock.Set(time.Date(2024, 12, 13, 14, 0, 0, 0, wita))
	h.start()
	twin.start()
	both()
	both()
	if n := count(h.botTexts(koordBpp), "Pengingat bahan rapat #1"); n != 1 {
		t.Fatalf("reminders after the outage: %d\n%s", n, h.botTexts(koordBpp))
	}
	mustContain(t, h.botTexts(koordBpp), "Pengingat bahan rapat #1 — 2 jam lagi")
	if strings.Contains(h.botTexts(koordSmd), "Pengingat bahan") {
		t.Fatal("Samarinda sent and was reminded")
	}
	// Either replica may have expanded the superseded reminder.
	mustContain(t, h.logs.String()+twin.logs.String(), "digantikan pengingat yang lebih baru")
	h.clock.Set(time.Date(2024, 12, 13, 16, 0, 0, 0, wita))
	both()
	both()
	if n := count(h.botTexts(adminID), "Tenggat bahan rapat #1 lewat"); n != 1 {
		t.Fatalf("summaries from two replicas: %d", n)
	}
}

func TestAgendaOnRapatAndInTheReminder(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ReportChatID = groupID })
	materialsTeam(t, h)
	mustContain(t, texts(h.say(adminID, "Admin", "/agenda 1 Pembukaan")), "Butir agenda ditambahkan ke rapat #1", "1. Pembukaan")
	h.say(adminID, "Admin", "/agenda 1 Salah ketik")
	got := texts(h.say(adminID, "Admin", "/agenda 1 Evaluasi data P3KE per kabupaten/kota"))
	mustContain(t, got, "1. Pembukaan\n2. Salah ketik\n3. Evaluasi data P3KE")
	h.press(adminID, "Admin", "Hapus 2")
	mustContain(t, h.lastAnswer(), "Butir agenda dihapus")
	// The list is edited in place; the chat as a whole, because the
	// invitation's woken sweep may deliver after it under load.
	mustContain(t, h.botTexts(adminID), "1. Pembukaan\n2. Evaluasi data P3KE")
	mustContain(t, texts(h.say(koordSmd, "Koor Samarinda", "/agenda 1 x")), "hanya untuk admin")
	mustContain(t, texts(h.say(adminID, "Admin", "/agenda 7 x")), "Rapat #7 tidak ditemukan")
	mustContain(t, texts(h.say(adminID, "Admin", "/agenda")), "/agenda 1 Evaluasi")

	requestMaterials(t, h)
	h.sweep()
	h.sendFrom(koordSmd, "Koor Samarinda", telegramtest.Outgoing{Text: "Link paparan: https://s.id/paparan-smd", ReplyTo: requestMessage(t, h, koordSmd).ID})
	h.press(koordSmd, "Koor Samarinda", "Hadir")

	// In the group: the agenda and counts only, nobody's answer or files.
	before := len(h.fake.Messages(groupID))
	h.settle(h.fake.SendGroupText(groupID, koordBerau, "Koor Berau", "/rapat@"+telegramtest.BotUsername+" 1"))
	grp := texts(h.fake.Messages(groupID)[before:])
	mustContain(t, grp, "Rapat #1", "Agenda\n1. Pembukaan\n2. Evaluasi data P3KE", "✅ 1 hadir", "Bahan: 1 dari 10 wilayah sudah mengirim")
	for _, private := range []string{"Jawaban Anda", "Samarinda", "Link paparan", "Koor"} {
		if strings.Contains(grp, private) {
			t.Fatalf("group view shows %q:\n%s", private, grp)
		}
	}
	mustContain(t, texts(h.say(koordSmd, "Koor Samarinda", "/rapat 1")), "Jawaban Anda: Hadir")

	// The reminder a day before the meeting carries the agenda.
	h.clock.Set(time.Date(2024, 12, 15, 9, 0, 0, 0, wita))
	h.sweep()
	rem := h.botTexts(koordBerau)
	mustContain(t, rem, "Pengingat rapat — 24 jam lagi")
	i := strings.LastIndex(rem, "Pengingat rapat —")
	mustContain(t, rem[i:], "Agenda\n1. Pembukaan\n2. Evaluasi data P3KE per kabupaten/kota")
}

func TestBantuanShowsMaterialsAndAgendaToTheirRoles(t *testing.T) {
	h := newHarness(t)
	materialsTeam(t, h)
	admin := texts(h.say(adminID, "Admin", "/bantuan"))
	rapat := admin[strings.Index(admin, "Rapat\n"):]
	rapat, _, _ = strings.Cut(rapat, "\n\n")
	mustContain(t, rapat, "/agenda <nomor> [butir]", "/bahan <nomor>", "/rapat [nomor]")
	coord := texts(h.say(koordSmd, "Koor Samarinda", "/bantuan"))
	mustContain(t, coord, "/bahan <nomor>", "koordinator: kirim berkas dengan keterangan /bahan")
	if strings.Contains(coord, "/agenda") {
		t.Fatalf("a coordinator's help shows /agenda:\n%s", coord)
	}
	if stranger := texts(h.say(strangerID, "Asing", "/bantuan")); strings.Contains(stranger, "/bahan") {
		t.Fatalf("a stranger's help shows /bahan:\n%s", stranger)
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/bantuan bahan")), "/bahan 3 2024-12-12 Paparan", "Hanya di chat pribadi")
}

// Three sweeper processes, one killed after its 20th send and restarted:
// the request, both reminders and the summary still arrive exactly once
// each, and only where they are due.
func TestMaterialsOnceWhenASweeperIsKilled(t *testing.T) {
	ctx := context.Background()
	f := newFleet(t, true, 20)
	db := f.dbs[0]
	districts := tkpkbot.Districts()
	region := map[int64]int{}
	for i := 0; i < 50; i++ {
		id := int64(20001 + i)
		region[id] = i % 10
		if _, err := db.Pool.Exec(ctx, `INSERT INTO users (id, first_name, role, region_code) VALUES ($1, 'K', 'koordinator', $2)`,
			id, districts[i%10].Code); err != nil {
			t.Fatal(err)
		}
	}
	admins := []int64{20101, 20102}
	for _, id := range admins {
		if _, err := db.Pool.Exec(ctx, `INSERT INTO users (id, first_name, role) VALUES ($1, 'A', 'admin')`, id); err != nil {
			t.Fatal(err)
		}
	}
	at := func(d, hh int) time.Time { return time.Date(2024, 12, d, hh, 0, 0, 0, wita) }
	m, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: "Rakor", StartsAt: at(16, 9), CreatedBy: admins[0]})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.RequestMaterials(ctx, tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: at(13, 16), CreatedBy: admins[0]}); err != nil {
		t.Fatal(err)
	}
	f.at(at(9, 8))
	for id, reg := range region {
		if reg < 5 && id < 20011 { // one coordinator of each of the first five regions sends
			if _, err := db.AddMaterial(ctx, tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: id}, Kind: tkpkbot.MaterialText,
				Body: "https://drive.example.org/bahan", SourceUpdate: id}); err != nil {
				t.Fatal(err)
			}
		}
	}
	f.at(at(11, 16))
	f.at(at(13, 13))
	f.at(at(13, 16))
	if !f.victim.Load() {
		t.Fatal("no sweeper was killed")
	}
	got := map[int64]map[string]int{}
	for _, c := range f.fake.CallsTo("sendMessage") {
		if c.Err != nil {
			continue
		}
		chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		for _, k := range []string{"Permintaan bahan", "Pengingat bahan", "Tenggat bahan"} {
			if strings.Contains(c.Params["text"], k) {
				if got[chat] == nil {
					got[chat] = map[string]int{}
				}
				got[chat][k]++
			}
		}
	}
	for id, reg := range region {
		reminders := 0
		if reg >= 5 {
			reminders = 2
		}
		if g := got[id]; g["Permintaan bahan"] != 1 || g["Pengingat bahan"] != reminders || g["Tenggat bahan"] != 0 {
			t.Errorf("coordinator %d (region %d): %v, want 1 request and %d reminders", id, reg, g, reminders)
		}
	}
	for _, id := range admins {
		if g := got[id]; g["Tenggat bahan"] != 1 || g["Permintaan bahan"] != 0 {
			t.Errorf("admin %d: %v", id, g)
		}
	}
}
