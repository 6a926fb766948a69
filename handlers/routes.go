package handlers

import (
	"context"

	"tkpkbot"
)

// routes is the one table of what the bot answers: every command, every
// button prefix and every plain-text handler, in priority order, each with
// its row of who may use it and where (Access). A command or button cannot
// be registered without its row, and the authorization test walks them all.
func (h *Handlers) routes() {
	h.cacheFigures()

	// Commands, in the order the menu and /bantuan show them.
	h.OnCommand(Access{Roles: everyone, Chats: AnyChat}, &Command{
		Name: "start", Menu: "Mulai dan perkenalan bot",
		Usage: "/start", Help: "sapaan dan perintah utama",
		Run: h.start,
	})
	h.OnCommand(Access{Roles: everyone, Chats: AnyChat}, &Command{
		Name: "bantuan", Aliases: []string{"help"}, Menu: "Daftar perintah dan contoh",
		Usage: "/bantuan [perintah]", Example: "/bantuan lapor", Help: "daftar perintah Anda, atau penjelasan satu perintah",
		Run: h.help,
	})
	h.OnCommand(Access{Roles: everyone, Chats: AnyChat}, &Command{
		Name: "angka", Menu: "Angka kemiskinan per wilayah",
		Usage: "/angka <wilayah> [periode]", Example: "/angka Samarinda 2023",
		Help: "angka kemiskinan wilayah: perubahan setahun, peringkat, porsi provinsi dan sumbernya (periode: 2023, Maret 2023, 2023-03)",
		Run:  h.angka,
	})
	h.OnCommand(Access{Roles: everyone, Chats: AnyChat}, &Command{
		Name: "peringkat", Menu: "Peringkat 10 kabupaten/kota",
		Usage: "/peringkat [indikator] [periode]", Example: "/peringkat p0",
		Help: "kabupaten/kota diurutkan menurut indikator (bawaan P0; juga miskin, p1, p2, gk, ipm, tpt)",
		Run:  h.peringkat,
	})
	h.OnCommand(Access{Roles: everyone, Chats: AnyChat}, &Command{
		Name: "grafik", Menu: "Grafik tren kemiskinan wilayah",
		Usage: "/grafik <wilayah> [indikator]", Example: "/grafik Samarinda p0",
		Help: "grafik garis dari periode ke periode, dibanding provinsi (indikator: p0, miskin, p1, p2, gk, ipm, tpt, gini)",
		Run:  h.grafik,
	})
	h.OnCommand(Access{Roles: everyone, Chats: AnyChat}, &Command{
		Name: "peta", Menu: "Peta 10 kabupaten/kota",
		Usage: "/peta [indikator] [periode]", Example: "/peta p1 2023",
		Help: "peta warna kabupaten/kota menurut indikator (bawaan P0, periode dengan data terlengkap)",
		Run:  h.peta,
	})
	h.OnCommand(Access{Roles: coordinator, Chats: PrivateOnly}, &Command{
		Name: "lapor", Menu: "Kirim laporan mingguan (koordinator)",
		Usage: "/lapor", Help: "mengisi laporan kemajuan minggu ini langkah demi langkah",
		Run: h.lapor,
	})
	h.OnCommand(Access{Roles: coordinator, Chats: PrivateOnly}, &Command{
		Name: "laporanku", Menu: "Laporan wilayah saya (koordinator)",
		Usage: "/laporanku", Help: "laporan wilayah Anda minggu ini secara lengkap, dengan tombol ke minggu sebelumnya",
		Run: h.myReports,
	})
	h.OnCommand(Access{Roles: everyone, Chats: PrivateOnly}, &Command{
		Name: "batal", Menu: "Batalkan pengisian laporan",
		Usage: "/batal", Help: "membatalkan formulir laporan yang sedang diisi",
		Run: h.cancelForm,
	})
	h.OnCommand(Access{Roles: readers, Chats: PrivateOnly}, &Command{
		Name: "rekap", Menu: "Rekap laporan mingguan",
		Usage: "/rekap [minggu]", Help: "status laporan semua wilayah (minggu ini, minggu lalu, atau nomor minggu, lihat /bantuan rekap)",
		Run: h.recap,
	})
	h.OnCommand(Access{Roles: readers, Chats: PrivateOnly}, &Command{
		Name: "laporan", Menu: "Baca laporan satu wilayah",
		Usage: "/laporan <wilayah> [minggu]", Example: "/laporan Samarinda minggu lalu",
		Help: "laporan lengkap satu kabupaten/kota untuk satu minggu, dengan semua versinya",
		Run:  h.regionReport,
	})
	h.OnCommand(Access{Roles: members, Chats: PrivateOnly}, &Command{
		Name: "capaian", Menu: "Capaian terhadap target tahunan",
		Usage: "/capaian [wilayah] [tahun]", Example: "/capaian Samarinda 2025",
		Help: "KK dijangkau dan realisasi anggaran tahun ini terhadap target, ketepatan laporan, kendala dan angka kemiskinan; tanpa wilayah (admin, pengamat): semua kabupaten/kota dengan grafik",
		Run:  h.capaian,
	})
	h.OnCommand(Access{Roles: members, Chats: PrivateOnly}, &Command{
		Name: "triwulan", Menu: "Laporan triwulan (Excel)",
		Usage: "/triwulan [kuartal]", Example: "/triwulan 2025-Q1",
		Help: "ringkasan triwulan per wilayah dan berkas .xlsx siap cetak (bawaan: triwulan terakhir yang selesai; juga \"triwulan 1 2025\", \"triwulan lalu\"); koordinator: lembar wilayahnya",
		Run:  h.triwulan,
	})
	h.OnCommand(Access{Roles: readers, Chats: PrivateOnly}, &Command{
		Name: "riwayat", Menu: "Peta ketepatan laporan setahun",
		Usage: "/riwayat [tahun]", Example: "/riwayat 2025",
		Help: "gambar wilayah × minggu: tepat waktu, terlambat, belum, libur; persentase tepat waktu dan kehadiran rapat per wilayah",
		Run:  h.riwayat,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "ekspor", Menu: "Ekspor laporan ke Excel (admin)",
		Usage: "/ekspor [csv] [dari] [sampai]",
		Help:  "unduh semua laporan sebagai .xlsx (atau csv); bawaan 12 minggu terakhir", Run: h.exportReports,
	})
	h.OnCommand(Access{Roles: members, Chats: AnyChat}, &Command{
		Name: "rapat", Menu: "Rapat yang akan datang",
		Usage: "/rapat [nomor]", Example: "/rapat", Help: "daftar rapat mendatang dan jawaban kehadiran Anda; dengan nomor: agenda, jumlah kehadiran dan bahan rapat itu",
		Run: h.listMeetings,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: AnyChat}, &Command{
		Name: "rapat_baru", Menu: "Jadwalkan rapat (admin)",
		Usage: "/rapat_baru <YYYY-MM-DD> <HH:MM> <judul> [| lokasi]",
		Help:  "menjadwalkan rapat (jam WITA) dan mengundang semua anggota",
		Run:   h.newMeeting,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: AnyChat}, &Command{
		Name: "rapat_batal", Menu: "Batalkan rapat (admin)",
		Usage: "/rapat_batal <nomor>", Example: "/rapat_batal 3",
		Help: "membatalkan rapat dan memberi tahu semua anggota",
		Run:  h.cancelMeeting,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "hadir", Menu: "Rekap kehadiran rapat (admin)",
		Usage: "/hadir <nomor>", Example: "/hadir 3",
		Help: "jawaban kehadiran rapat per wilayah",
		Run:  h.attendance,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "agenda", Menu: "Agenda rapat (admin)",
		Usage: "/agenda <nomor> [butir]", Example: "/agenda 3 Evaluasi data P3KE per kabupaten/kota",
		Help: "menambah butir agenda rapat; tanpa butir: daftar agenda dengan tombol hapus",
		Run:  h.agenda,
	})
	// One command, three uses, told apart by the role at the moment: an
	// admin requests (with a deadline), admin and pengamat read the status,
	// coordinators and admins send materials (a file captioned /bahan 3).
	h.OnCommand(Access{Roles: members, Chats: PrivateOnly}, &Command{
		Name: "bahan", Menu: "Bahan rapat dari wilayah",
		Usage: "/bahan <nomor> [tanggal [jam] permintaan]",
		Help:  "admin: meminta bahan rapat ke semua wilayah dengan tenggat (bawaan 16.00 WITA); admin dan pengamat: status per wilayah dengan berkasnya; koordinator: kirim berkas dengan keterangan /bahan <nomor> atau balas pesan permintaan (teks: berisi tautan atau minimal 40 karakter; salah kirim dihapus dengan tombol Hapus)",
		Run:   h.bahan,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "notulen", Menu: "Kirim notulen rapat (admin)",
		Usage: "/notulen <nomor>", Example: "/notulen 3",
		Help: "notulen rapat dengan keputusan dan tindak lanjut per wilayah (baris: - Samarinda: tugas (tenggat)), dikirim ke semua anggota dan grup",
		Run:  h.notulen,
	})
	h.OnCommand(Access{Roles: members, Chats: PrivateOnly}, &Command{
		Name: "tindaklanjut", Menu: "Tindak lanjut hasil rapat",
		Usage: "/tindaklanjut [wilayah|semua]", Example: "/tindaklanjut semua",
		Help: "tugas tindak lanjut dari notulen rapat, yang lewat tenggat lebih dulu, dengan tombol Selesai; semua: termasuk yang sudah selesai",
		Run:  h.tindaklanjut,
	})
	h.OnCommand(Access{Roles: members, Chats: PrivateOnly}, &Command{
		Name: "pengingat", Menu: "Nyalakan/matikan pengingat",
		Usage: "/pengingat on|off", Example: "/pengingat off",
		Help: "menyalakan atau mematikan pengingat rapat dan laporan untuk Anda (undangan dan pembatalan rapat tetap dikirim)",
		Run:  h.pengingat,
	})
	h.OnCommand(Access{Roles: members, Chats: PrivateOnly}, &Command{
		Name: "langganan", Menu: "Kabar angka baru per wilayah",
		Usage: "/langganan [wilayah|semua|off]", Example: "/langganan Samarinda",
		Help: "satu pesan setelah impor yang menambah atau mengubah angka wilayah langganan Anda (koordinator: wilayahnya, bawaan)",
		Run:  h.langganan,
	})
	h.OnCommand(Access{Roles: everyone, Chats: PrivateOnly}, &Command{
		Name: "daftar", Menu: "Daftar dengan kode undangan",
		Usage: "/daftar <kode>", Example: "/daftar K7QF2M9XWA3BT5PD", Help: "mendaftar sebagai anggota dengan kode undangan",
		Run: func(ctx context.Context, r *Request) error { return h.join(ctx, r, r.Args) },
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "undang", Menu: "Buat kode undangan (admin)",
		Usage: "/undang <wilayah> [peran]", Example: "/undang Samarinda koordinator",
		Help: "membuat kode undangan sekali pakai (peran: koordinator, pengamat, admin)", Run: h.invite,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "undangan", Menu: "Kode undangan yang belum dipakai (admin)",
		Usage: "/undangan", Help: "daftar kode undangan yang masih berlaku, dengan tombol untuk membatalkannya",
		Run: h.listInvites,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "anggota", Menu: "Daftar anggota (admin)",
		Usage: "/anggota", Help: "daftar anggota per wilayah dan peran", Run: h.members,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "cabut", Usage: "/cabut <user-id>", Example: "/cabut 123456789",
		Help: "mencabut akses seseorang (laporannya tetap tersimpan)", Run: h.revoke,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: AnyChat}, &Command{
		Name: "libur", Menu: "Hari/minggu libur laporan (admin)",
		Usage: "/libur [tanggal|minggu] [keterangan]",
		Help:  "menandai hari libur (tenggat hari itu maju ke hari kerja sebelumnya) atau minggu libur (tanpa pengingat laporan, tak ada yang dihitung belum melapor); tanpa isian: daftar libur",
		Run:   h.libur,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: AnyChat}, &Command{
		Name: "libur_hapus", Menu: "Hapus tanda libur (admin)",
		Usage: "/libur_hapus <nomor>", Example: "/libur_hapus 2",
		Help: "menghapus tanda libur (nomornya ada di /libur)",
		Run:  h.deleteLibur,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "impor", Menu: "Impor angka dari CSV (admin)",
		Usage: "/impor (keterangan berkas CSV)", Example: "/impor",
		Help: "memuat angka dari berkas CSV: kirim berkasnya dengan keterangan /impor",
		Run:  h.impor,
	})
	h.OnCommand(Access{Roles: adminOnly, Chats: PrivateOnly}, &Command{
		Name: "impor_target", Menu: "Impor target tahunan dari CSV (admin)",
		Usage: "/impor_target (keterangan berkas CSV)", Example: "/impor_target",
		Help: "memuat target KK dan pagu anggaran per wilayah: kirim berkas CSV (tahun, wilayah, target, nilai, sumber) dengan keterangan /impor_target",
		Run:  h.imporTarget,
	})

	// Buttons, by the prefix of their data; the row is checked at the press.
	h.OnCallback("cmd", Access{Roles: everyone, Chats: AnyChat, Like: "start"}, h.commandButton)
	h.OnCallback("angka", Access{Roles: everyone, Chats: AnyChat, Like: "angka"}, h.angkaButton)
	h.OnCallback("peringkat", Access{Roles: everyone, Chats: AnyChat, Like: "peringkat"}, h.peringkatButton)
	h.OnCallback("grafik", Access{Roles: everyone, Chats: AnyChat, Like: "grafik"}, h.grafikButton)
	h.OnCallback("peta", Access{Roles: everyone, Chats: AnyChat, Like: "peta"}, h.petaButton)
	h.OnCallback("lapor", Access{Roles: coordinator, Chats: PrivateOnly, Like: "lapor"}, h.laporButton)
	h.OnCallback("laporan", Access{Roles: readers, Chats: PrivateOnly, Like: "laporan"}, h.laporanButton)
	h.OnCallback("laporanku", Access{Roles: coordinator, Chats: PrivateOnly, Like: "laporanku"}, h.laporankuButton)
	h.OnCallback("rekap", Access{Roles: readers, Chats: PrivateOnly, Like: "rekap"}, h.recapButton)
	h.OnCallback(tkpkbot.RSVPPrefix, Access{Roles: members, Chats: AnyChat, Like: "rapat"}, h.rsvpButton)
	h.OnCallback(tkpkbot.ICSPrefix, Access{Roles: members, Chats: AnyChat, Like: "rapat"}, h.icsButton)
	h.OnCallback(rapatLiburPrefix, Access{Roles: adminOnly, Chats: AnyChat, Like: "rapat_baru"}, h.rapatLiburButton)
	h.OnCallback("langganan", Access{Roles: members, Chats: PrivateOnly, Like: "langganan"}, h.langgananButton)
	h.OnCallback(bahanFilePrefix, Access{Roles: readers, Chats: PrivateOnly, Like: "bahan"}, h.bahanFileButton)
	h.OnCallback(bahanRemovePrefix, Access{Roles: []tkpkbot.Role{tkpkbot.RoleAdmin, tkpkbot.RoleKoordinator}, Chats: PrivateOnly, Like: "bahan"}, h.bahanRemoveButton)
	h.OnCallback(agendaRemovePrefix, Access{Roles: adminOnly, Chats: PrivateOnly, Like: "agenda"}, h.agendaRemoveButton)
	h.OnCallback(notulenPrefix, Access{Roles: adminOnly, Chats: PrivateOnly, Like: "notulen"}, h.notulenButton)
	// Every tl: button closes (Selesai, Tanpa catatan, Batal of a closing),
	// which a pengamat never may; the list itself is /tindaklanjut's.
	h.OnCallback(tkpkbot.ActionPrefix, Access{Roles: closers, Chats: PrivateOnly, Like: "tindaklanjut"}, h.actionButton)
	h.OnCallback(laporFollowUpPrefix, Access{Roles: coordinator, Chats: PrivateOnly, Like: "lapor"}, h.laporFollowUpButton)
	h.OnCallback("daftar", Access{Roles: everyone, Chats: PrivateOnly, Like: "daftar"}, h.daftarButton)
	h.OnCallback("undangan", Access{Roles: adminOnly, Chats: PrivateOnly, Like: "undangan"}, h.undanganButton)

	// Plain messages: the first handler that takes one wins. A reply to a
	// materials request is unambiguous and comes first; then what a button
	// pressed just before asked for (the note of a Selesai, half an hour;
	// the minutes text of a /notulen, admins, who have no form); then an
	// open /lapor form, whatever else could read its answers. A Selesai
	// waits only until the person starts something else (moveOn in
	// process.go, the one rule: the newest start wins). Last, minutes that
	// nothing awaited get a pointer to /notulen instead of "belum paham".
	h.OnText(h.materialsReply)
	h.OnText(h.closingNote)
	h.OnText(h.minutesText)
	h.OnText(h.formAnswer)
	h.OnText(h.figureQuestion)
	h.OnText(h.strayMinutes)

	// "/start <kode>" from an invite link.
	h.startPayload = func(ctx context.Context, r *Request) error { return h.join(ctx, r, r.Args) }
}
