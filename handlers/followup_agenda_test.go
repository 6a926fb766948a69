package handlers

import (
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

func TestFollowUpAgendaLines(t *testing.T) {
	now := time.Date(2025, 1, 6, 9, 0, 0, 0, witaLoc)
	due := func(y int, m time.Month, d int) (time.Time, time.Time) {
		day := time.Date(y, m, d, 0, 0, 0, 0, witaLoc)
		return day, tkpkbot.ActionDueAt(day, witaLoc)
	}
	berauOn, berauAt := due(2024, 12, 20)
	samOn, samAt := due(2024, 12, 31)
	laterOn, laterAt := due(2025, 1, 31)
	closed := now.Add(-time.Hour)
	as := []tkpkbot.Action{
		{RegionCode: "6472", Task: "Verifikasi 500 KK data P3KE", DueOn: samOn, DueAt: samAt},
		{RegionCode: "6405", Task: "Rapat desa", DueOn: berauOn, DueAt: berauAt},
		{RegionCode: "6405", Task: "Belum jatuh tempo", DueOn: laterOn, DueAt: laterAt},
		{RegionCode: "6472", Task: "Sudah selesai", DueOn: berauOn, DueAt: berauAt, ClosedAt: &closed},
	}
	ks := []tkpkbot.Kendala{
		{RegionCode: "6472", Week: tkpkbot.Week{Year: 2024, Week: 51}, Text: "Sinyal lemah <di> pedalaman", OpenedAt: now.Add(-72 * time.Hour)},
		{RegionCode: "6405", Week: tkpkbot.Week{Year: 2024, Week: 52}, Text: "Anggaran belum cair", OpenedAt: now.Add(-24 * time.Hour)},
		{RegionCode: "6405", Week: tkpkbot.Week{Year: 2024, Week: 50}, Text: "Teratasi", ClosedAt: &closed},
	}
	got := followUpAgendaLines(ks, as, now)
	want := []string{
		"⚠️ Tindak lanjut <b>Berau</b> lewat tenggat 20 Des 2024: Rapat desa",
		"⚠️ Tindak lanjut <b>Samarinda</b> lewat tenggat 31 Des 2024: Verifikasi 500 KK data P3KE",
		"🧩 Kendala <b>Berau</b> (minggu 52): Anggaran belum cair",
		"🧩 Kendala <b>Samarinda</b> (minggu 51): Sinyal lemah &lt;di&gt; pedalaman",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("agenda lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := followUpAgendaLines(nil, nil, now); len(got) != 0 {
		t.Fatalf("nothing open: %q", got)
	}
}
