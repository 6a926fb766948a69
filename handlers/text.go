package handlers

import (
	"errors"
	"fmt"
	"strings"
	"tkpkbot/match"

	"tkpkbot"
)

// Fixed chat texts live together so tone and wording stay consistent.
const (
	msgPanic          = "Maaf, terjadi kesalahan saat memproses pesan Anda. Tim teknis sudah dicatat; silakan coba lagi."
	msgUnknownCommand = "Perintah itu tidak dikenal. Ketik /bantuan untuk melihat daftar perintah."
	msgPlainText      = "Saya belum paham pesan itu. Coba misalnya <code>/angka Samarinda</code>, atau ketik /bantuan untuk daftar perintah."
	msgPrivateOnly    = "Perintah ini hanya di chat pribadi dengan bot."
	msgFlood          = "Pesan Anda terlalu cepat berturut-turut. Tunggu beberapa detik, lalu kirim lagi pesan yang belum dijawab."
)

// ruleTexts word the domain's rule errors. A command that has more to say
// (the times, the day) words its own; these reach the user when a rule
// is re-checked later, as the store does when a meeting is saved.
var ruleTexts = []struct {
	err  error
	text string
}{
	{tkpkbot.ErrMeetingUntitled, "Judul rapat wajib diisi."},
	{tkpkbot.ErrMeetingTitleLong, fmt.Sprintf("Judul rapat terlalu panjang (maksimal %d karakter).", tkpkbot.MaxMeetingTitle)},
	{tkpkbot.ErrMeetingLocationLong, fmt.Sprintf("Lokasi rapat terlalu panjang (maksimal %d karakter).", tkpkbot.MaxMeetingLocation)},
	{tkpkbot.ErrMeetingPast, "Waktu rapat sudah lewat."},
	{tkpkbot.ErrMeetingTooFar, "Rapat paling lambat dijadwalkan satu tahun ke depan. Periksa tahunnya."},
	{tkpkbot.ErrHolidayEmpty, "Tulis tanggal atau minggu yang libur."},
	{tkpkbot.ErrHolidayNoteLong, fmt.Sprintf("Keterangan terlalu panjang (maksimal %d karakter).", tkpkbot.MaxHolidayNote)},
	{tkpkbot.ErrHolidayTooFar, "Tanggal itu terlalu jauh dari hari ini. Tandai libur paling jauh setahun ke belakang atau dua tahun ke depan."},
	{tkpkbot.ErrHolidayWeekend, "Hari itu bukan hari kerja. Tandai hari kerja, atau seluruh minggunya."},
	{tkpkbot.ErrHolidayFixed, "Hari itu sudah libur nasional dan otomatis diperhitungkan."},
}

// userMessage is tkpkbot.ErrorMessage with the rule errors worded.
func userMessage(err error) string {
	for _, r := range ruleTexts {
		if errors.Is(err, r.err) {
			return r.text
		}
	}
	return tkpkbot.ErrorMessage(err)
}

// regionHint turns a failed region match into a short next step.
func regionHint(m match.Result) string {
	var names []string
	for _, c := range m.Candidates {
		names = append(names, c.Name)
	}
	switch m.Kind {
	case match.Ambiguous:
		return "Maksud Anda: " + escape(strings.Join(names, ", ")) + "?"
	case match.Suggest:
		return "Mungkin maksud Anda " + escape(strings.Join(names, " atau ")) + "?"
	}
	return "Pilih salah satu: Paser, Kutai Barat, Kutai Kartanegara, Kutai Timur, Berau, Penajam Paser Utara, Mahakam Ulu, Balikpapan, Samarinda, Bontang (atau Kaltim)."
}
