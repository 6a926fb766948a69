// Package reportseed writes many weekly reports at once, for benchmarks,
// property tests and sample pictures that need a year of data: going
// through the form would take minutes for what the table holds after a
// year of real use.
package reportseed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"tkpkbot"
)

// Insert writes reps as rows of reports; each keeps its Version, so a
// region-week may get several.
func Insert(ctx context.Context, pool *pgxpool.Pool, reps []tkpkbot.Report) error {
	rows := make([][]any, len(reps))
	for i, r := range reps {
		rows[i] = []any{r.RegionCode, r.Week.Year, r.Week.Week, r.Version, r.Activities, r.Households, r.Budget,
			r.Obstacles, r.NextPlan, r.SubmittedBy, r.SubmittedAt, r.Late, fmt.Sprintf("seed-%d", i), nonNil(r.Strategies), nonNil(r.Funding)}
	}
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"reports"}, []string{"region_code", "iso_year", "iso_week", "version",
		"activities", "households", "budget", "obstacles", "next_plan", "submitted_by", "submitted_at", "late",
		"form_token", "strategies", "funding"}, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("seed reports: %w", err)
	}
	return nil
}

func nonNil(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

// Weeks makes reports for every district and week from..to: about one
// week in ten missing, one in six late, one in five revised (its versions
// with other numbers), strategies and funding picked at random, and every
// twentieth report without them, as sent before the form asked.
func Weeks(rng *rand.Rand, from, to tkpkbot.Week, loc *time.Location) []tkpkbot.Report {
	var out []tkpkbot.Report
	for w := from; !to.Before(w); w = w.Next() {
		for i, reg := range tkpkbot.Districts() {
			if rng.IntN(10) == 0 {
				continue
			}
			versions := 1
			if rng.IntN(5) == 0 {
				versions += 1 + rng.IntN(2)
			}
			late := rng.IntN(6) == 0
			for v := 1; v <= versions; v++ {
				r := tkpkbot.Report{
					RegionCode: reg.Code, Week: w, Version: v,
					Activities: fmt.Sprintf("Kegiatan %s %s versi %d", reg.Name, w, v),
					Households: int64(rng.IntN(120)), Budget: int64(rng.IntN(50)) * 1_000_000,
					Obstacles: "-", NextPlan: "Lanjutan",
					SubmittedBy: int64(1000 + i), SubmittedAt: w.Start(loc).AddDate(0, 0, 3).Add(time.Duration(v) * time.Hour),
					Late: late,
				}
				if rng.IntN(4) == 0 {
					r.Obstacles = fmt.Sprintf("Data ganda di %s minggu %d", reg.Name, w.Week)
				}
				if rng.IntN(20) != 0 {
					r.Strategies = pick(rng, tkpkbot.Strategies)
					r.Funding = pick(rng, tkpkbot.FundingSources)
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// pick returns one or more codes of list, in list order.
func pick(rng *rand.Rand, list []tkpkbot.Choice) []string {
	var out []string
	for _, c := range list {
		if rng.IntN(3) == 0 {
			out = append(out, c.Code)
		}
	}
	if len(out) == 0 {
		out = []string{list[rng.IntN(len(list))].Code}
	}
	return out
}
