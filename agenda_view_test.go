package tkpkbot

import (
	"fmt"
	"slices"
	"testing"
)

func TestAgendaForShowsReportTextOnlyToWhoMayReadIt(t *testing.T) {
	const smd, berau = "6472", "6405"
	items := []AgendaItem{
		{ID: 1, Text: "Evaluasi P3KE", Source: AgendaManual},
		{Text: "Rapat koordinasi desa", Source: AgendaOverdue, RegionCode: berau},
		{Text: "Sinyal lemah di pedalaman", Source: AgendaKendala, RegionCode: smd},
		{Text: "Anggaran belum cair", Source: AgendaKendala, RegionCode: berau},
	}
	admin := User{ID: 1, Role: RoleAdmin}
	pengamat := User{ID: 2, Role: RolePengamat, RegionCode: smd}
	coordSmd := User{ID: 3, Role: RoleKoordinator, RegionCode: smd}
	coordBerau := User{ID: 4, Role: RoleKoordinator, RegionCode: berau}
	stranger := User{ID: 5}
	unbound := User{ID: 6, Role: RoleKoordinator}
	all := []string{"Evaluasi P3KE", "Rapat koordinasi desa", "Sinyal lemah di pedalaman", "Anggaran belum cair"}
	for _, c := range []struct {
		name             string
		viewer           User
		private          bool
		shown            []string
		kendala, overdue int
	}{
		{"admin private", admin, true, all, 0, 0},
		{"admin group", admin, false, all[:1], 2, 1},
		{"pengamat private", pengamat, true, all, 0, 0},
		{"pengamat group", pengamat, false, all[:1], 2, 1},
		{"coordinator own region private", coordSmd, true, []string{"Evaluasi P3KE", "Sinyal lemah di pedalaman"}, 1, 1},
		{"coordinator own region group", coordSmd, false, all[:1], 2, 1},
		{"coordinator other region private", coordBerau, true, []string{"Evaluasi P3KE", "Rapat koordinasi desa", "Anggaran belum cair"}, 1, 0},
		{"coordinator other region group", coordBerau, false, all[:1], 2, 1},
		{"stranger private", stranger, true, all[:1], 2, 1},
		{"coordinator without region private", unbound, true, all[:1], 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := AgendaFor(items, c.viewer, c.private)
			var shown []string
			for _, it := range v.Items {
				shown = append(shown, it.Text)
			}
			if !slices.Equal(shown, c.shown) || v.CountedKendala != c.kendala || v.CountedOverdue != c.overdue || v.Private != c.private {
				t.Fatalf("AgendaFor = shown %q, %d kendala + %d overdue counted, private %v; want %q, %d + %d",
					shown, v.CountedKendala, v.CountedOverdue, v.Private, c.shown, c.kendala, c.overdue)
			}
		})
	}
}

func TestAgendaForCountsWhatPassesTheCap(t *testing.T) {
	items := []AgendaItem{{Text: "Pembukaan", Source: AgendaManual}}
	for i := 0; i < MaxAgendaAuto+3; i++ {
		items = append(items, AgendaItem{Text: fmt.Sprint("kendala ", i), Source: AgendaKendala, RegionCode: "6472"})
	}
	items = append(items, AgendaItem{Text: "tanpa sumber", RegionCode: "6472"})
	v := AgendaFor(items, User{Role: RoleAdmin}, true)
	if len(v.Items) != 1+MaxAgendaAuto || v.CountedKendala != 3 || v.Counted() != 3 {
		t.Fatalf("capped view: %d shown, %d counted; want %d shown, 3 counted", len(v.Items), v.Counted(), 1+MaxAgendaAuto)
	}
	for _, it := range v.Items {
		if it.Text == "tanpa sumber" {
			t.Fatal("an item of unknown source was shown")
		}
	}
	// Other regions' items do not eat a coordinator's share of the cap.
	own := AgendaFor(append(items, AgendaItem{Text: "punya Berau", Source: AgendaKendala, RegionCode: "6405"}),
		User{Role: RoleKoordinator, RegionCode: "6405"}, true)
	if len(own.Items) != 2 || own.Items[1].Text != "punya Berau" || own.CountedKendala != MaxAgendaAuto+3 {
		t.Fatalf("coordinator's view: %+v", own)
	}
}
