package handlers

// Fixed chat texts live together so tone and wording stay consistent.
const (
	msgPanic          = "Maaf, terjadi kesalahan saat memproses pesan Anda. Tim teknis sudah dicatat; silakan coba lagi."
	msgUnknownCommand = "Perintah itu tidak dikenal. Ketik /bantuan untuk melihat daftar perintah."
	msgPlainText      = "Saya belum paham pesan itu. Coba misalnya <code>/angka Samarinda</code>, atau ketik /bantuan untuk daftar perintah."
	msgPrivateOnly    = "Perintah ini hanya di chat pribadi dengan bot."
	msgFlood          = "Pesan Anda terlalu cepat berturut-turut. Tunggu beberapa detik, lalu kirim lagi pesan yang belum dijawab."
)
