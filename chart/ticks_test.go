package chart

import (
	"math"
	"testing"
)

func TestFormatID(t *testing.T) {
	cases := []struct {
		v    float64
		dec  int
		want string
	}{
		{44524, 0, "44.524"},
		{5.78, 2, "5,78"},
		{1250000, 0, "1.250.000"},
		{-1234.5, 1, "-1.234,5"},
		{999.999, 2, "1.000,00"},
		{0, 0, "0"},
		{100, 0, "100"},
		{1000, 0, "1.000"},
		{-0.001, 2, "0,00"},
		{-5, 0, "-5"},
		{0.25, 2, "0,25"},
		{123456789.5, 1, "123.456.789,5"},
	}
	for _, c := range cases {
		if got := formatID(c.v, c.dec); got != c.want {
			t.Errorf("formatID(%v, %d) = %q, want %q", c.v, c.dec, got, c.want)
		}
	}
}

func TestNiceRange(t *testing.T) {
	cases := []struct {
		lo, hi         float64
		min, max, step float64
		dec            int
		labels         []string
	}{
		{5.78, 6.11, 5.7, 6.2, 0.1, 1, []string{"5,7", "5,8", "5,9", "6,0", "6,1", "6,2"}},
		{0, 44524, 0, 50000, 10000, 0, []string{"0", "10.000", "20.000", "30.000", "40.000", "50.000"}},
		{7, 7, 6, 8, 0.5, 1, []string{"6,0", "6,5", "7,0", "7,5", "8,0"}},
		{0, 0, 0, 0.6, 0.2, 1, []string{"0,0", "0,2", "0,4", "0,6"}},
		{-3, 12, -5, 15, 5, 0, []string{"-5", "0", "5", "10", "15"}},
	}
	for _, c := range cases {
		min, max, step, dec := niceRange(c.lo, c.hi)
		if math.Abs(min-c.min) > 1e-9 || math.Abs(max-c.max) > 1e-9 || math.Abs(step-c.step) > 1e-12 || dec != c.dec {
			t.Errorf("niceRange(%v, %v) = %v %v %v %d", c.lo, c.hi, min, max, step, dec)
			continue
		}
		ticks := yTicks{step: step, dec: dec}.Ticks(min, max)
		var got []string
		for _, tk := range ticks {
			got = append(got, tk.Label)
		}
		if len(got) != len(c.labels) {
			t.Errorf("labels %q, want %q", got, c.labels)
			continue
		}
		for i := range got {
			if got[i] != c.labels[i] {
				t.Errorf("labels %q, want %q", got, c.labels)
				break
			}
		}
	}
}
