package figures_test

import (
	"testing"

	"tkpkbot"
	"tkpkbot/internal/figtest"
)

func supportingKeys(c tkpkbot.Card) []string {
	var out []string
	for _, f := range c.Supporting {
		out = append(out, string(f.Indicator)+"@"+f.Period.Key())
	}
	return out
}

// TestCardSupportingIndicators: IPM, TPT and Gini join the card of their
// period or year, never choose its period, and a Gini ratio stays with its
// own round.
func TestCardSupportingIndicators(t *testing.T) {
	x := figtest.Index(t)
	tests := []struct {
		name, code string
		at         tkpkbot.Period
		period     tkpkbot.Period
		want       []string
	}{
		{"samarinda 2024: yearly IPM on the March card", "6472", tkpkbot.Period{Year: 2024}, mar24, []string{"ipm@2024"}},
		{"kaltim september 2024: its own Gini, the year's IPM and August TPT", "6400", tkpkbot.Period{Year: 2024, Month: 9},
			tkpkbot.Period{Year: 2024, Month: 9}, []string{"ipm@2024", "tpt@2024-08", "gini@2024-09"}},
		{"kaltim march 2024: March's Gini, not September's", "6400", mar24, mar24, []string{"ipm@2024", "tpt@2024-08", "gini@2024-03"}},
		// Bontang's August 2023 TPT is its latest round in 2023, yet the
		// card stays on March, the poverty round.
		{"bontang 2023: August does not displace March", "6474", y2023, mar23, []string{"tpt@2023-08"}},
		{"kutai barat 2022: a card of IPM alone", "6402", tkpkbot.Period{Year: 2022}, tkpkbot.Period{Year: 2022}, []string{"ipm@2022"}},
		{"kaltim march 2021: no IPM 2021", "6400", mar21, mar21, []string{"gini@2021-03"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := x.Card(tt.code, tt.at)
			if c.Period != tt.period {
				t.Fatalf("period %v, want %v", c.Period, tt.period)
			}
			if got := supportingKeys(c); !equal(got, tt.want) {
				t.Fatalf("supporting %v, want %v", got, tt.want)
			}
			if len(c.SupportingChanges) != len(c.Supporting) {
				t.Fatalf("%d changes for %d values", len(c.SupportingChanges), len(c.Supporting))
			}
			for _, p := range c.Periods {
				if p.Month == 8 {
					t.Fatalf("periods %v list the August labour round as a card", c.Periods)
				}
			}
		})
	}
	// The change is measured a year back within the indicator.
	c := x.Card("6400", mar24)
	if ch := c.SupportingChanges[0]; ch == nil || !near(ch.Delta, 0.59) || ch.From.Period != y2023 {
		t.Fatalf("IPM change = %+v", ch)
	}
	if c.Next != (tkpkbot.Period{Year: 2024, Month: 9}) {
		t.Fatalf("next = %v, want September 2024 (not August)", c.Next)
	}
}

func TestRankingAndSeriesOfIPM(t *testing.T) {
	x := figtest.Index(t)
	rk := x.Ranking(tkpkbot.IndIPM, tkpkbot.Period{})
	if rk.Period != (tkpkbot.Period{Year: 2024}) || len(rk.Entries) != 8 || rk.Entries[0].Region.Name != "Samarinda" || rk.Province.Value != 78.79 {
		t.Fatalf("ranking = %+v", rk)
	}
	s := x.Series("6400", tkpkbot.IndIPM)
	if len(s.Points) != 6 || s.Points[0].Period.Year != 2018 || s.Points[len(s.Points)-1].Value != 78.79 {
		t.Fatalf("series = %+v", s.Points)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
