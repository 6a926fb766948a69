package tkpkbot

import "testing"

func TestQuarterWeeksFollowThursdays(t *testing.T) {
	for _, c := range []struct {
		q        Quarter
		from, to Week
	}{
		{Quarter{2025, 1}, Week{2025, 1}, Week{2025, 13}},
		// Monday 31 March 2025 is in W14, whose Thursday is 3 April: Q2.
		{Quarter{2025, 2}, Week{2025, 14}, Week{2025, 26}},
		{Quarter{2025, 3}, Week{2025, 27}, Week{2025, 39}},
		{Quarter{2025, 4}, Week{2025, 40}, Week{2025, 52}},
		// 2020 has 53 ISO weeks; Thursday 1 October 2020 opens Q4.
		{Quarter{2020, 4}, Week{2020, 40}, Week{2020, 53}},
		// Thursday 1 April 2021 takes W13 (29 March to 4 April) into Q2.
		{Quarter{2021, 1}, Week{2021, 1}, Week{2021, 12}},
	} {
		from, to := c.q.Weeks()
		if from != c.from || to != c.to {
			t.Errorf("%s: %s..%s, want %s..%s", c.q, from, to, c.from, c.to)
		}
	}
}

func TestQuartersPartitionTheISOYear(t *testing.T) {
	for year := 2018; year <= 2032; year++ {
		first, last := YearWeeks(year)
		w := first
		for q := 1; q <= 4; q++ {
			from, to := Quarter{year, q}.Weeks()
			if from != w {
				t.Fatalf("%d-Q%d starts %s, want %s", year, q, from, w)
			}
			for x := from; !to.Before(x); x = x.Next() {
				if got := QuarterOf(x); got != (Quarter{year, q}) {
					t.Fatalf("QuarterOf(%s) = %s, want %d-Q%d", x, got, year, q)
				}
			}
			w = to.Next()
		}
		if w != last.Next() {
			t.Fatalf("%d: quarters end at %s, the year at %s", year, w.Prev(), last)
		}
	}
}
