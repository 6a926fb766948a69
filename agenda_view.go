package tkpkbot

// AgendaView is what one viewer may read of an agenda: the items shown in
// full, and how many automatic items were left out, as counts only.
type AgendaView struct {
	Items []AgendaItem
	// Counted are the automatic items the viewer only learns the number
	// of: in a group all of them, for a coordinator those of other
	// regions, for anyone those past MaxAgendaAuto.
	CountedKendala, CountedOverdue int
	// Private: the view is for one person's own chat. In a group the
	// count line points to the private chat for the details.
	Private bool
}

// Counted is the number of automatic items left out of Items.
func (v AgendaView) Counted() int { return v.CountedKendala + v.CountedOverdue }

// AgendaFor is the one rule of who reads what on an agenda. Manual items
// are for the whole meeting and always shown. The automatic items quote a
// region's report (kendala) and name the region behind on a task, which
// is report text: in full only in a private chat, and only to those who
// may read every region's reports (admin, pengamat) or to the coordinator
// of the region it is about. Everyone else sees only how many there are,
// so the meeting's load is known without the words. An automatic item of
// no region is only counted; one of an unknown source is left out.
func AgendaFor(items []AgendaItem, viewer User, private bool) AgendaView {
	v := AgendaView{Private: private}
	shown := 0
	for _, it := range items {
		if it.Source == AgendaManual {
			v.Items = append(v.Items, it)
			continue
		}
		if private && shown < MaxAgendaAuto && mayReadAgendaItem(viewer, it) {
			v.Items = append(v.Items, it)
			shown++
			continue
		}
		switch it.Source {
		case AgendaKendala:
			v.CountedKendala++
		case AgendaOverdue:
			v.CountedOverdue++
		}
	}
	return v
}

func mayReadAgendaItem(u User, it AgendaItem) bool {
	if it.Source != AgendaKendala && it.Source != AgendaOverdue {
		return false
	}
	switch u.Role {
	case RoleAdmin, RolePengamat:
		return true
	case RoleKoordinator:
		return u.RegionCode != "" && it.RegionCode == u.RegionCode
	}
	return false
}
