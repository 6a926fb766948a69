package handlers

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/reminders"
)

// 2 December 2024, 10:00 WITA: a Monday.
var parseNow = time.Date(2024, 12, 2, 10, 0, 0, 0, witaLoc)

func TestParseMinutes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        string
		decisions []string
		tasks     []tkpkbot.MinutesTask
		notes     int
		problems  []string // substrings, one per problem, in order
	}{
		{
			name:      "the issue's example",
			in:        "Rapat dibuka pukul 09.00\nKeputusan: Pendataan ulang selesai Desember\n- Samarinda: Verifikasi 500 KK data P3KE (31-12-2024)\n- Berau: Rapat desa (20 Desember 2024)",
			decisions: []string{"Pendataan ulang selesai Desember"},
			tasks: []tkpkbot.MinutesTask{
				{Region: "6472", Task: "Verifikasi 500 KK data P3KE", DueOn: time.Date(2024, 12, 31, 0, 0, 0, 0, witaLoc)},
				{Region: "6405", Task: "Rapat desa", DueOn: time.Date(2024, 12, 20, 0, 0, 0, 0, witaLoc)},
			},
			notes: 1,
		},
		{
			name:      "lenient region, date and dash",
			in:        "keputusan : A\n– kota samarinda: Tugas satu (2024-12-31)\n• kab. berau: Tugas dua (31/12/2024)",
			decisions: []string{"A"},
			tasks: []tkpkbot.MinutesTask{
				{Region: "6472", Task: "Tugas satu", DueOn: time.Date(2024, 12, 31, 0, 0, 0, 0, witaLoc)},
				{Region: "6405", Task: "Tugas dua", DueOn: time.Date(2024, 12, 31, 0, 0, 0, 0, witaLoc)},
			},
		},
		{
			name:  "a dash note with a colon and no date is free text",
			in:    "- Rapat dibuka: 09.00 oleh Sekda",
			notes: 1,
		},
		{
			name:  "a dash note with a colon and a parenthesis that is no date is free text",
			in:    "- Catatan: rapat dihadiri (10 wilayah)\n- Peserta: Samarinda, Bontang (hadir)\n• Tempat: Kantor Gubernur (lantai 2)\n- Berau: Rapat desa (31-12-2024)",
			tasks: []tkpkbot.MinutesTask{{Region: "6405", Task: "Rapat desa", DueOn: time.Date(2024, 12, 31, 0, 0, 0, 0, witaLoc)}},
			notes: 3,
		},
		{
			name:     "an unknown head before a due date is a task with a wrong region",
			in:       "- Dinas Sosial: Rapat desa (31-12-2024)",
			problems: []string{"Baris 1: wilayah <b>Dinas Sosial</b> tidak dikenali. Pilih salah satu"},
		},
		{
			name:     "an unknown head before a bad date written as a due date",
			in:       "- Dinas Sosial: Rapat desa (tenggat 31-02-2025)",
			problems: []string{"Baris 1: wilayah <b>Dinas Sosial</b> tidak dikenali."},
		},
		{
			name:     "a misspelt region with a bad date is reported, not taken as a note",
			in:       "- Samrinda: Verifikasi data (akhir bulan)",
			problems: []string{"Baris 1: wilayah <b>Samrinda</b> tidak dikenali. Mungkin maksud Anda Samarinda?"},
		},
		{
			name:  "a minutes word near only the start of a town's name is a note, not a misspelt region",
			in:    "- Agenda: pembahasan capaian (lanjutan)\n- Sekda: membuka rapat (pukul 09.00)",
			notes: 2,
		},
		{
			name:     "such a word before a due date still asks which region",
			in:       "- Sekda: Verifikasi data (31-12-2024)",
			problems: []string{"Baris 1: wilayah <b>Sekda</b> tidak dikenali."},
		},
		{
			name:     "an ambiguous region",
			in:       "- Kutai: Verifikasi data (lanjutan)",
			problems: []string{"Baris 1: wilayah <b>Kutai</b> tidak dikenali. Maksud Anda: Kutai Barat, Kutai Kartanegara, Kutai Timur?"},
		},
		{
			name:     "unknown region suggests",
			in:       "Keputusan: ok\n- Samrinda: Verifikasi (31-12-2024)",
			problems: []string{"Baris 2: wilayah <b>Samrinda</b> tidak dikenali. Mungkin maksud Anda Samarinda?"},
		},
		{
			name:     "due date in the past",
			in:       "- Berau: Verifikasi data (1-12-2024)",
			problems: []string{"Baris 1: tenggat Minggu, 1 Desember 2024 sudah lewat"},
		},
		{
			name:     "today after 16:00 is past too",
			in:       "- Berau: Verifikasi data (2-12-2024)",
			problems: []string{"Baris 1: tenggat"},
		},
		{
			name:     "bad date",
			in:       "- Berau: Verifikasi data (31-02-2025)",
			problems: []string{"Baris 1: tenggat <b>31-02-2025</b> tidak terbaca."},
		},
		{
			name:     "region without a date",
			in:       "- Berau: Verifikasi data",
			problems: []string{"Baris 1: tulis tenggatnya dalam kurung"},
		},
		{
			name:     "province",
			in:       "- Kaltim: Verifikasi data (31-12-2024)",
			problems: []string{"bukan provinsi"},
		},
		{
			name:     "empty task and empty decision, every line reported",
			in:       "Keputusan:\n- Berau: (31-12-2024)",
			problems: []string{"Baris 1: tulis isi keputusannya", "Baris 2: tulis tugasnya"},
		},
		{
			name:     "nothing",
			in:       " \n\n",
			problems: []string{"Notulennya kosong."},
		},
		{
			name:     "too long",
			in:       strings.Repeat("a", maxMinutesText+1),
			problems: []string{"Notulen terlalu panjang"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := parseNow
			if strings.Contains(tc.name, "after 16:00") {
				now = time.Date(2024, 12, 2, 16, 30, 0, 0, witaLoc)
			}
			m, probs := parseMinutes(tc.in, now, witaLoc)
			if len(probs) != len(tc.problems) {
				t.Fatalf("problems = %v, want %d like %v", probs, len(tc.problems), tc.problems)
			}
			for i, p := range probs {
				if !strings.Contains(p.String(), tc.problems[i]) {
					t.Errorf("problem %d = %q, want it to contain %q", i, p.String(), tc.problems[i])
				}
			}
			if len(tc.problems) > 0 {
				return
			}
			if strings.Join(m.Decisions, "|") != strings.Join(tc.decisions, "|") {
				t.Errorf("decisions = %q, want %q", m.Decisions, tc.decisions)
			}
			if len(m.Tasks) != len(tc.tasks) {
				t.Fatalf("tasks = %+v, want %+v", m.Tasks, tc.tasks)
			}
			for i, task := range m.Tasks {
				w := tc.tasks[i]
				if task.Region != w.Region || task.Task != w.Task || !task.DueOn.Equal(w.DueOn) {
					t.Errorf("task %d = %+v, want %+v", i, task, w)
				}
			}
			if len(m.Notes) != tc.notes {
				t.Errorf("notes = %q, want %d", m.Notes, tc.notes)
			}
		})
	}
}

func FuzzParseMinutes(f *testing.F) {
	for _, s := range []string{
		"Keputusan: A\n- Samarinda: Verifikasi 500 KK (31-12-2024)",
		"- Samrinda: x (x)", "- : ()", "Keputusan", "-", "- a: b (", "- Berau: tugas ())", "\x00\xff- Berau:",
		"- Catatan: rapat dihadiri (10 wilayah)", "- Dinas: x (tenggat 31-02-2025)", "- Kutai: x (1-1-2025)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, probs := parseMinutes(s, parseNow, witaLoc)
		for _, p := range probs {
			if p.Text == "" || !utf8.ValidString(p.Text) {
				t.Fatalf("problem without a valid sentence: %+v", p)
			}
		}
		if len(probs) > 0 {
			return
		}
		if m.Empty() {
			t.Fatal("no problem and no content")
		}
		for _, task := range m.Tasks {
			if _, ok := tkpkbot.RegionByCode(task.Region); !ok || task.Region == tkpkbot.ProvinceCode {
				t.Fatalf("task for region %q", task.Region)
			}
			if !tkpkbot.ActionDueAt(task.DueOn, witaLoc).After(parseNow) {
				t.Fatalf("task due in the past: %+v", task)
			}
			if task.Task == "" || !utf8.ValidString(task.Task) {
				t.Fatalf("empty task: %+v", task)
			}
		}
	})
}

// Ubah offers the minutes back as text; reading it again gives the same
// minutes, so correcting one line keeps the rest.
func TestMinutesSourceRoundTrip(t *testing.T) {
	in := "Keputusan: Pendataan ulang\n- Samarinda: Verifikasi 500 KK (31-12-2024)\n- Rapat dibuka: 09.00\nCatatan bebas"
	m, probs := parseMinutes(in, parseNow, witaLoc)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	again, probs := parseMinutes(minutesSource(m), parseNow, witaLoc)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if minutesSource(again) != minutesSource(m) || len(again.Tasks) != 1 || len(again.Notes) != 2 {
		t.Fatalf("round trip changed the minutes:\n%s\n---\n%s", minutesSource(m), minutesSource(again))
	}
}

// BenchmarkParseMinutes reads minutes of a full meeting: decisions, a
// task for every region and notes (about 30 lines).
func BenchmarkParseMinutes(b *testing.B) {
	var lines []string
	for i := 0; i < 5; i++ {
		lines = append(lines, "Keputusan: Pendataan ulang P3KE diselesaikan bulan ini")
	}
	for _, reg := range tkpkbot.Districts() {
		lines = append(lines, "- "+reg.Name+": Verifikasi 500 KK data P3KE (31-12-2024)", "Catatan tentang "+reg.Name)
	}
	text := strings.Join(lines, "\n")
	b.ReportAllocs()
	for b.Loop() {
		if _, probs := parseMinutes(text, parseNow, witaLoc); len(probs) > 0 {
			b.Fatal(probs)
		}
	}
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// The longest minutes /notulen accepts, with the longest region names,
// still fit one Telegram message as previewed and as sent.
func TestLongestMinutesFitOneMessage(t *testing.T) {
	var lines []string
	long := "Kutai Kartanegara"
	for i := 0; i < maxTasks; i++ {
		lines = append(lines, "- kukar: "+strings.Repeat("v", 40)+" (31-12-2024)")
	}
	text := strings.Join(lines, "\n")
	text += "\n" + strings.Repeat("catatan ", (maxMinutesText-utf8.RuneCountInString(text)-1)/8)
	m, probs := parseMinutes(text, parseNow, witaLoc)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	present := []string{}
	for _, reg := range tkpkbot.Districts() {
		present = append(present, reg.Code)
	}
	meeting := tkpkbot.Meeting{Title: strings.Repeat("J", tkpkbot.MaxMeetingTitle), Location: strings.Repeat("L", tkpkbot.MaxMeetingLocation), StartsAt: parseNow}
	body := "👀 Pratinjau notulen rapat #123456\n\n" + reminders.MinutesBody(meeting, m, present, witaLoc) +
		"\n\nTandai wilayah yang hadir dengan tombol, lalu Kirim notulen ke semua anggota dan grup laporan."
	plain := html.UnescapeString(tagRe.ReplaceAllString(body, ""))
	if n := utf8.RuneCountInString(plain); n > 4096 || !strings.Contains(plain, long) {
		t.Fatalf("the preview has %d characters; Telegram takes 4.096", n)
	}
}
