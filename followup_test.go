package tkpkbot

import (
	"testing"
	"time"
)

func TestFollowUpsInAQuarter(t *testing.T) {
	from, to := Quarter{Year: 2025, Q: 1}.Weeks()
	start, end := from.Start(wita), to.Next().Start(wita) // 30 Dec 2024 .. 31 Mar 2025
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wita) }
	at := func(y int, m time.Month, d int) *time.Time { t := day(y, m, d).Add(10 * time.Hour); return &t }

	for _, c := range []struct {
		name string
		a    Action
		want bool
	}{
		{"due in the quarter, closed after it", Action{DueOn: day(2025, 3, 14), CreatedAt: day(2025, 2, 20), ClosedAt: at(2025, 4, 2)}, true},
		{"due after, closed in it", Action{DueOn: day(2025, 5, 1), CreatedAt: day(2025, 2, 20), ClosedAt: at(2025, 3, 3)}, true},
		{"due after, still open", Action{DueOn: day(2025, 5, 1), CreatedAt: day(2025, 2, 20)}, true},
		{"from an earlier quarter, still open", Action{DueOn: day(2024, 12, 1), CreatedAt: day(2024, 11, 20)}, true},
		{"made after the quarter, open", Action{DueOn: day(2025, 5, 1), CreatedAt: day(2025, 4, 10)}, false},
		{"due and closed before it", Action{DueOn: day(2024, 12, 20), CreatedAt: day(2024, 12, 1), ClosedAt: at(2024, 12, 19)}, false},
		{"due and closed after it", Action{DueOn: day(2025, 5, 1), CreatedAt: day(2025, 3, 20), ClosedAt: at(2025, 4, 20)}, false},
		{"due on the first Monday", Action{DueOn: day(2024, 12, 30), CreatedAt: day(2024, 12, 1), ClosedAt: at(2024, 12, 29)}, true},
	} {
		if got := c.a.InPeriod(start, end); got != c.want {
			t.Errorf("task %s: InPeriod = %v, want %v", c.name, got, c.want)
		}
	}

	w := func(n int) Week { return Week{Year: 2025, Week: n} }
	for _, c := range []struct {
		name string
		k    Kendala
		want bool
	}{
		{"raised in week 7, solved in Q2", Kendala{Week: w(7), ClosedAt: at(2025, 4, 9)}, true},
		{"raised in week 13, open", Kendala{Week: w(13)}, true},
		{"raised in 2024, solved in the quarter", Kendala{Week: Week{Year: 2024, Week: 50}, ClosedAt: at(2025, 1, 8)}, true},
		{"raised in 2024, still open", Kendala{Week: Week{Year: 2024, Week: 50}}, true},
		{"raised in 2024, solved in 2024", Kendala{Week: Week{Year: 2024, Week: 50}, ClosedAt: at(2024, 12, 20)}, false},
		{"raised in week 14 (Q2 by its Thursday), open", Kendala{Week: w(14)}, false},
	} {
		if got := c.k.InPeriod(from, to, start, end); got != c.want {
			t.Errorf("kendala %s: InPeriod = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRegionFollowUpAdd(t *testing.T) {
	var p RegionFollowUp
	p.Add(RegionFollowUp{RegionCode: "6472", OpenKendala: 1, OpenActions: 2, Overdue: 1})
	p.Add(RegionFollowUp{RegionCode: "6474", OpenActions: 3})
	if p != (RegionFollowUp{OpenKendala: 1, OpenActions: 5, Overdue: 1}) {
		t.Fatalf("sum = %+v", p)
	}
}
