package reminders_test

import (
	"strings"
	"testing"

	"tkpkbot"
	"tkpkbot/reminders"
)

func TestAgendaTextCountsWhatTheViewerMayNotRead(t *testing.T) {
	manual := []tkpkbot.AgendaItem{{Text: "Evaluasi P3KE", Source: tkpkbot.AgendaManual}}
	for _, c := range []struct {
		name string
		v    tkpkbot.AgendaView
		want string
	}{
		{"nothing", tkpkbot.AgendaView{}, ""},
		{"manual only", tkpkbot.AgendaView{Items: manual}, "<b>Agenda</b>\n1. Evaluasi P3KE"},
		{"group", tkpkbot.AgendaView{Items: manual, CountedKendala: 3, CountedOverdue: 2},
			"<b>Agenda</b>\n1. Evaluasi P3KE\n＋ 3 kendala terbuka dan 2 tindak lanjut lewat tenggat dibahas; rinciannya di chat pribadi"},
		{"group, counts only", tkpkbot.AgendaView{CountedOverdue: 1},
			"<b>Agenda</b>\n＋ 1 tindak lanjut lewat tenggat dibahas; rinciannya di chat pribadi"},
		{"coordinator", tkpkbot.AgendaView{Items: manual, CountedKendala: 1, Private: true},
			"<b>Agenda</b>\n1. Evaluasi P3KE\n＋ 1 kendala terbuka lainnya juga dibahas"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := reminders.AgendaText(c.v); got != c.want {
				t.Fatalf("AgendaText =\n%q\nwant\n%q", got, c.want)
			}
		})
	}
	// An automatic item shown says whose it is.
	k := tkpkbot.Kendala{RegionCode: "6472", Text: "Sinyal lemah", Week: tkpkbot.Week{Year: 2024, Week: 50}}
	got := reminders.AgendaText(tkpkbot.AgendaView{Items: []tkpkbot.AgendaItem{{Source: tkpkbot.AgendaKendala, RegionCode: "6472", Kendala: &k}}, Private: true})
	if !strings.Contains(got, "1. 🧩 Kendala <b>Samarinda</b> (minggu 50): Sinyal lemah") {
		t.Fatalf("kendala line: %q", got)
	}
}
