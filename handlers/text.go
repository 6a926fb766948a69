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
	msgStaleButton    = "Tombol ini sudah tidak berlaku."
	msgFlood          = "Pesan Anda terlalu cepat berturut-turut. Tunggu beberapa detik, lalu kirim lagi pesan yang belum dijawab."
)

// ruleTexts word the facts the domain and the store report (the
// sentinels in tkpkbot.Facts). A command that has more to say (the times,
// the day, the person's role) words its own first; these reach the user
// through fail and userMessage otherwise, as when the store re-checks a
// rule when a meeting is saved.
var ruleTexts = []struct {
	err  error
	text func(err error) string
}{
	{tkpkbot.ErrUnavailable, said("Sistem sedang gangguan, coba lagi sebentar.")},

	{tkpkbot.ErrInviteUnknown, said("Kode undangan tidak dikenal. Periksa lagi kodenya (huruf dan angka, tanpa spasi) atau minta kode baru ke admin.")},
	{tkpkbot.ErrInviteUsedBySelf, said("Kode ini sudah Anda pakai; Anda sudah terdaftar.")},
	{tkpkbot.ErrInviteUsed, said("Kode undangan ini tidak berlaku: sudah dipakai. Setiap kode hanya berlaku sekali; minta kode baru ke admin.")},
	{tkpkbot.ErrInviteExpired, said("Kode undangan ini tidak berlaku: sudah kedaluwarsa (berlaku 7 hari). Minta kode baru ke admin.")},
	{tkpkbot.ErrInviteCancelled, said("Kode undangan ini tidak berlaku: sudah dibatalkan. Minta kode baru ke admin.")},
	{tkpkbot.ErrRoleChange, said("Anda sudah punya peran lain; kode undangan ini akan menggantinya. Buka lagi tautan undangannya untuk mengonfirmasi.")},
	{tkpkbot.ErrAlreadyHolds, said("Anda sudah memegang peran ini; kode undangan ini tidak diperlukan.")},
	{tkpkbot.ErrConfigAdmin, said("Pengguna ini admin dari konfigurasi bot (BOT_ADMIN_IDS); perannya hanya bisa diubah operator.")},
	{tkpkbot.ErrRoleInvalid, said("Peran harus admin, koordinator, atau pengamat.")},
	{tkpkbot.ErrCoordinatorRegion, said("Koordinator harus terikat pada satu kabupaten/kota.")},
	{tkpkbot.ErrRevokeSelf, said("Anda tidak bisa mencabut akses diri sendiri.")},
	{tkpkbot.ErrUserUnknown, numbered("Pengguna %v tidak dikenal.")},
	{tkpkbot.ErrNotMember, numbered("Pengguna %v tidak terdaftar sebagai anggota. Lihat ID di /anggota.")},

	{tkpkbot.ErrMeetingUntitled, said("Judul rapat wajib diisi.")},
	{tkpkbot.ErrMeetingTitleLong, said(fmt.Sprintf("Judul rapat terlalu panjang (maksimal %d karakter).", tkpkbot.MaxMeetingTitle))},
	{tkpkbot.ErrMeetingLocationLong, said(fmt.Sprintf("Lokasi rapat terlalu panjang (maksimal %d karakter).", tkpkbot.MaxMeetingLocation))},
	{tkpkbot.ErrMeetingPast, said("Waktu rapat sudah lewat.")},
	{tkpkbot.ErrMeetingTooFar, said("Rapat paling lambat dijadwalkan satu tahun ke depan. Periksa tahunnya.")},
	{tkpkbot.ErrMeetingUnknown, numbered("Rapat #%v tidak ditemukan. Lihat nomor rapat di /rapat.")},
	{tkpkbot.ErrMeetingCancelledBefore, numbered("Rapat #%v sudah dibatalkan sebelumnya.")},
	{tkpkbot.ErrMeetingOver, numbered("Rapat #%v sudah lewat waktunya; tidak perlu dibatalkan.")},
	{tkpkbot.ErrMeetingCancelled, said("Rapat ini sudah dibatalkan.")},
	{tkpkbot.ErrMeetingStarted, said("Rapat ini sudah dimulai atau lewat.")},
	{tkpkbot.ErrRSVPUnknown, said("Jawaban tidak dikenal.")},

	{tkpkbot.ErrHolidayEmpty, said("Tulis tanggal atau minggu yang libur.")},
	{tkpkbot.ErrHolidayNoteLong, said(fmt.Sprintf("Keterangan terlalu panjang (maksimal %d karakter).", tkpkbot.MaxHolidayNote))},
	{tkpkbot.ErrHolidayTooFar, said("Tanggal itu terlalu jauh dari hari ini. Tandai libur paling jauh setahun ke belakang atau dua tahun ke depan.")},
	{tkpkbot.ErrHolidayWeekend, said("Hari itu bukan hari kerja. Tandai hari kerja, atau seluruh minggunya.")},
	{tkpkbot.ErrHolidayFixed, said("Hari itu sudah libur nasional dan otomatis diperhitungkan.")},
	{tkpkbot.ErrHolidayTaken, holidayTaken},
	{tkpkbot.ErrHolidayUnknown, numbered("Hari libur #%v tidak ditemukan. Lihat nomornya di /libur.")},

	{tkpkbot.ErrFormMoved, said("Jawaban itu tidak dicatat karena langkahnya sudah terjawab oleh pesan sebelumnya.")},
	{tkpkbot.ErrNotReporter, said("Anda bukan lagi koordinator wilayah formulir ini, jadi laporannya tidak bisa dikirim.")},
	{tkpkbot.ErrNoForm, said("Tidak ada formulir laporan yang sedang diisi. Ketik /lapor untuk mulai.")},
	{tkpkbot.ErrAnswerRecorded, said("Jawaban ini sudah tercatat.")},
	{tkpkbot.ErrFormStale, said("Formulir ini sudah tidak berlaku. Ketik /lapor untuk mulai lagi.")},
	{tkpkbot.ErrFormGone, said("Formulir ini sudah tidak berlaku (dibatalkan atau diganti). Ketik /lapor untuk mulai lagi.")},
	{tkpkbot.ErrFormIncomplete, numbered("Formulir belum lengkap; lanjutkan mengisi langkah %v.")},
	{tkpkbot.ErrAnswerEmpty, said("Jawaban harus berupa teks.")},
	{tkpkbot.ErrAnswerShort, said(fmt.Sprintf("Jawaban terlalu pendek (minimal %d karakter).", tkpkbot.MinAnswer))},
	{tkpkbot.ErrAnswerLong, said(fmt.Sprintf("Jawaban terlalu panjang (maksimal %d karakter).", tkpkbot.MaxAnswer))},
	{tkpkbot.ErrAnswerDash, said("Tanda - hanya dipakai di langkah Kendala, jika tidak ada kendala.")},
	{tkpkbot.ErrAnswerNegative, said("Angka tidak boleh negatif.")},
	// A bug, not the user's doing: the generic apology, as for any
	// internal error.
	{tkpkbot.ErrAnswerStep, tkpkbot.ErrorMessage},

	{tkpkbot.ErrMaterialsUntitled, said("Tulis bahan yang diminta setelah tenggatnya.")},
	{tkpkbot.ErrMaterialsRequestLong, said(fmt.Sprintf("Permintaan bahan terlalu panjang (maksimal %d karakter).", tkpkbot.MaxMaterialsRequest))},
	{tkpkbot.ErrMaterialsDeadlinePast, said("Tenggat bahan sudah lewat. Tulis tenggat yang akan datang.")},
	{tkpkbot.ErrMaterialsAfterMeeting, said("Tenggat bahan harus sebelum rapat dimulai.")},
	{tkpkbot.ErrMaterialsRequested, numbered("Bahan rapat #%[1]v sudah diminta sebelumnya. Lihat statusnya: /bahan %[1]v")},
	{tkpkbot.ErrMaterialsNotRequested, numbered("Belum ada permintaan bahan untuk rapat #%v.")},
	{tkpkbot.ErrMaterialEmpty, said("Bahan kosong. Kirim berkas, foto, atau teks.")},
	{tkpkbot.ErrMaterialTextLong, said(fmt.Sprintf("Teks bahan terlalu panjang (maksimal %d karakter). Kirim sebagai berkas.", tkpkbot.MaxMaterialText))},
	{tkpkbot.ErrMaterialSender, said("Bahan rapat hanya diterima dari koordinator wilayah atau admin.")},
	{tkpkbot.ErrMaterialUnknown, numbered("Bahan #%v tidak ditemukan lagi.")},
	{tkpkbot.ErrMaterialTextShort, said(fmt.Sprintf("Teks ini tidak dicatat sebagai bahan: teks bahan perlu berisi tautan atau minimal %d karakter. Kirim berkasnya, tautannya, atau teks yang lebih lengkap.", tkpkbot.MinMaterialText))},
	{tkpkbot.ErrMaterialNotYours, said("Bahan ini hanya bisa dihapus oleh pengirimnya atau admin.")},
	{tkpkbot.ErrAgendaEmpty, said("Tulis butir agendanya setelah nomor rapat.")},
	{tkpkbot.ErrAgendaLong, said(fmt.Sprintf("Butir agenda terlalu panjang (maksimal %d karakter).", tkpkbot.MaxAgendaItem))},
	{tkpkbot.ErrAgendaFull, said(fmt.Sprintf("Agenda rapat ini sudah %d butir. Hapus butir yang tidak perlu dulu.", tkpkbot.MaxAgendaItems))},
	{tkpkbot.ErrAgendaUnknown, numbered("Butir agenda #%v sudah dihapus.")},

	{tkpkbot.ErrNoFigures, said("Tidak ada angka untuk diimpor.")},
	{tkpkbot.ErrFigureRejected, figureRejected},

	{tkpkbot.ErrChoiceUnknown, said("Pilihan tidak dikenal; pilih salah satu tombol pada pertanyaan terakhir.")},
	{tkpkbot.ErrMinutesSent, numbered("Rapat #%v sudah punya notulen; notulen hanya dikirim sekali. Lihat tugasnya di /tindaklanjut.")},
	{tkpkbot.ErrMinutesDraftGone, said("Notulen ini sudah tidak berlaku (lebih dari sehari). Ketik lagi /notulen <nomor rapat>.")},
	{tkpkbot.ErrMinutesCancelled, said("Notulen ini sudah dibatalkan. Ketik lagi /notulen <nomor rapat> untuk membuat yang baru.")},
	{tkpkbot.ErrMinutesEmpty, said("Notulennya belum diisi. Kirim isi notulennya dulu.")},
	{tkpkbot.ErrMinutesTaskPast, numbered("Tenggat tindak lanjut ke-%v dalam notulen sudah lewat, jadi notulen belum dikirim. Tekan Ubah dan tulis tanggal setelah hari ini.")},
	{tkpkbot.ErrNotAdmin, said("Hanya admin yang bisa mengirim notulen; peran Anda sudah bukan admin.")},
	{tkpkbot.ErrActionUnknown, said("Tindak lanjut itu tidak ditemukan. Lihat daftarnya di /tindaklanjut.")},
	{tkpkbot.ErrActionClosed, said("Tindak lanjut ini sudah ditandai selesai sebelumnya.")},
	{tkpkbot.ErrNotActionOwner, said("Hanya koordinator wilayah tugas ini atau admin yang bisa menandainya selesai.")},
	{tkpkbot.ErrFollowUpAnswered, said("Pertanyaan ini sudah dijawab.")},
}

func said(text string) func(error) string { return func(error) string { return text } }

// numbered words a fact that comes About a number; the format takes it
// as %v so that a fact which lost its number still reads as a sentence.
func numbered(format string) func(error) string {
	return func(err error) string {
		var n *tkpkbot.NumberedError
		if errors.As(err, &n) {
			return fmt.Sprintf(format, n.N)
		}
		return fmt.Sprintf(format, "itu")
	}
}

func holidayTaken(err error) string {
	var e *tkpkbot.HolidayTakenError
	switch {
	case !errors.As(err, &e):
		return "Hari itu sudah ditandai libur. Lihat /libur."
	case e.Holiday.IsWeek():
		return fmt.Sprintf("Minggu %s sudah ditandai libur. Lihat /libur.", e.Holiday.Week)
	}
	return fmt.Sprintf("Tanggal %s sudah ditandai libur. Lihat /libur.", e.Holiday.Day.Format("2006-01-02"))
}

func figureRejected(err error) string {
	var e *tkpkbot.FigureRejectedError
	if !errors.As(err, &e) {
		return "Ada angka yang ditolak, tidak ada yang disimpan."
	}
	return fmt.Sprintf("Angka ke-%d ditolak, tidak ada yang disimpan: %s.", e.N, figureProblem(e))
}

// figureProblem names the field at fault, quoting it so the admin can
// find the row.
func figureProblem(e *tkpkbot.FigureRejectedError) string {
	f := e.Figure
	switch e.Problem {
	case tkpkbot.FigureRegionUnknown:
		return fmt.Sprintf("kode wilayah %q tidak dikenal", f.RegionCode)
	case tkpkbot.FigurePeriodInvalid:
		return fmt.Sprintf("periode %+v tidak valid", f.Period)
	case tkpkbot.FigureIndicatorUnknown:
		return fmt.Sprintf("indikator %q tidak dikenal", f.Indicator)
	case tkpkbot.FigureValueInvalid:
		return "nilai bukan angka positif"
	case tkpkbot.FigureDecimalsInvalid:
		return "jumlah desimal di luar 0–20"
	case tkpkbot.FigureUnitUnknown:
		return fmt.Sprintf("satuan %q tidak dikenal", f.Unit)
	case tkpkbot.FigureSourceEmpty:
		return "sumber kosong"
	case tkpkbot.FigureDuplicate:
		return fmt.Sprintf("sama dengan angka ke-%d (wilayah, periode, indikator dan sumber yang sama)", e.Same)
	}
	return ""
}

// userMessage is tkpkbot.ErrorMessage with the facts worded.
func userMessage(err error) string {
	for _, r := range ruleTexts {
		if errors.Is(err, r.err) {
			return r.text(err)
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

// quote shows back at most n characters of what a user typed, in
// Indonesian quotation marks, escaped for HTML and as valid UTF-8, so a
// stray "<" or a broken byte can never make Telegram refuse the reply.
func quote(s string, n int) string {
	return "“" + escape(strings.ToValidUTF8(truncateRunes(s, n), "�")) + "”"
}
