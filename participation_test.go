package tkpkbot

import "testing"

func TestWeekStatusAndParticipation(t *testing.T) {
	var p Participation
	for _, c := range []struct {
		w          DueWeek
		sent, late bool
		want       ReportStatus
	}{
		{DueWeek{Due: true}, true, false, StatusSent},
		{DueWeek{Due: true}, true, true, StatusLate},
		{DueWeek{Off: true, Due: true}, true, false, StatusSent}, // sent in a week off still counts
		{DueWeek{Off: true, Due: true}, false, false, StatusOff},
		{DueWeek{Due: true}, false, false, StatusMissing},
		{DueWeek{}, false, false, StatusPending}, // this week, before the deadline
		{DueWeek{}, true, false, StatusSent},
	} {
		got := WeekStatus(c.w, c.sent, c.late)
		if got != c.want {
			t.Errorf("%+v sent=%v late=%v: %q, want %q", c.w, c.sent, c.late, got, c.want)
		}
		p.Add(got)
	}
	if p != (Participation{OnTime: 3, Late: 1, Missing: 1, Off: 1}) {
		t.Fatalf("participation %+v", p)
	}
	if r, ok := p.OnTimeRate(); !ok || r != 0.6 {
		t.Fatalf("rate %v %v", r, ok)
	}
	if _, ok := (Participation{Off: 3}).OnTimeRate(); ok {
		t.Fatal("a rate with nothing counted")
	}
}
