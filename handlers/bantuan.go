package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// helpGroups orders /bantuan by what people come for; a command not named
// here lands in "Lainnya", so a new command is never hidden.
var helpGroups = []struct {
	title    string
	commands []string
}{
	{"Angka kemiskinan", []string{"angka", "peringkat", "grafik", "peta", "langganan", "impor"}},
	{"Laporan mingguan", []string{"lapor", "batal", "laporanku", "laporan", "rekap", "ekspor", "libur", "libur_hapus"}},
	{"Capaian dan triwulan", []string{"capaian", "triwulan", "riwayat", "impor_target"}},
	{"Rapat", []string{"rapat", "rapat_baru", "rapat_batal", "hadir", "agenda", "bahan", "pengingat"}},
	{"Tindak lanjut", []string{"notulen", "tindaklanjut"}},
	{"Anggota", []string{"daftar", "undang", "undangan", "anggota", "cabut"}},
}

func (h *Handlers) help(ctx context.Context, r *Request) error {
	if arg := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(r.Args)), "/"); arg != "" {
		return h.helpOne(ctx, r, arg)
	}
	var b strings.Builder
	b.WriteString("<b>Daftar perintah</b> untuk " + escape(roleText(r.User.Role, r.User.RegionCode)) + "\n")
	placed := map[string]bool{"start": true, "bantuan": true}
	section := func(title string, names []string) {
		var lines []string
		for _, n := range names {
			placed[n] = true
			c := h.commands[n]
			if c == nil || c.Name != n || !c.allowed(r.User) {
				continue
			}
			lines = append(lines, fmt.Sprintf("%s — %s", escape(c.Usage), escape(c.Help)))
		}
		if len(lines) > 0 {
			fmt.Fprintf(&b, "\n<b>%s</b>\n%s\n", title, strings.Join(lines, "\n"))
		}
	}
	for _, g := range helpGroups {
		section(g.title, g.commands)
	}
	var rest []string
	for _, c := range h.ordered {
		if !placed[c.Name] {
			rest = append(rest, c.Name)
		}
	}
	section("Lainnya", rest)
	b.WriteString("\nPenjelasan dan contoh satu perintah: <code>/bantuan angka</code>.")
	if !r.Private {
		b.WriteString(" Di grup, tulis perintah dengan nama bot, misalnya <code>/angka@" + escape(h.BotUsername) + " Samarinda</code>.")
	}
	h.reply(ctx, r, b.String())
	return nil
}

// helpOne explains one command with examples that are valid today.
func (h *Handlers) helpOne(ctx context.Context, r *Request, name string) error {
	c, ok := h.commands[name]
	if !ok {
		h.reply(ctx, r, "Perintah <code>/"+escape(name)+"</code> tidak dikenal. Ketik /bantuan untuk daftar perintah Anda.")
		return nil
	}
	if !c.allowed(r.User) {
		h.reply(ctx, r, escape(c.refusal(r.User)))
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>/%s</b> — %s\n\nCara pakai: <code>%s</code>\n", c.Name, escape(c.Help), escape(c.Usage))
	examples := h.examples(c)
	if len(examples) > 0 {
		b.WriteString("\nContoh:\n")
		for _, e := range examples {
			fmt.Fprintf(&b, "<code>%s</code>\n", escape(e))
		}
	}
	if c.PrivateOnly {
		b.WriteString("\nHanya di chat pribadi dengan bot.")
	}
	h.reply(ctx, r, b.String())
	return nil
}

// examples are a command's examples, with dates taken from today so that
// none is already in the past when someone copies it.
func (h *Handlers) examples(c *Command) []string {
	now := h.Clock.Now().In(h.Location)
	year, week := now.ISOWeek()
	monday := nextWeekday(now, time.Monday)
	switch c.Name {
	case "rapat_baru":
		return []string{fmt.Sprintf("/rapat_baru %s 09:00 Rakor TKPK kabupaten/kota | Kantor Gubernur Kaltim", monday.Format("2006-01-02"))}
	case "libur":
		ny, nw := monday.ISOWeek()
		return []string{
			fmt.Sprintf("/libur %d-W%02d Cuti bersama", ny, nw),
			fmt.Sprintf("/libur %s Rapat kerja daerah", monday.Format("2006-01-02")),
			"/libur",
		}
	case "bahan":
		return []string{bahanExample(3, nil, now, h.Location), "/bahan 3"}
	case "rekap":
		return []string{"/rekap", "/rekap minggu lalu", fmt.Sprintf("/rekap %d-W%02d", year, week)}
	case "ekspor":
		from := now.AddDate(0, 0, -7*11)
		fy, fw := from.ISOWeek()
		return []string{"/ekspor", "/ekspor csv", fmt.Sprintf("/ekspor %d-W%02d %d-W%02d", fy, fw, year, week)}
	}
	if c.Example == "" {
		return nil
	}
	return []string{c.Example}
}

// nextWeekday is the first day after now that falls on d.
func nextWeekday(now time.Time, d time.Weekday) time.Time {
	t := now.AddDate(0, 0, 1)
	for t.Weekday() != d {
		t = t.AddDate(0, 0, 1)
	}
	return t
}
