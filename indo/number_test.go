package indo

import (
	"math"
	"testing"
)

func TestInt(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1.000"},
		{44524, "44.524"},
		{-9730, "-9.730"},
		{-999, "-999"},
		{1250000, "1.250.000"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	} {
		if got := Int(tc.n); got != tc.want {
			t.Errorf("Int(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		d    int
		want string
	}{
		{37.8, 2, "37,80"},
		{5.78, 2, "5,78"},
		{0.989, 3, "0,989"},
		{221340.0, 0, "221.340"},
		{1234.5, 1, "1.234,5"},
		{0, 0, "0"},
		{0, 2, "0,00"},
		{-9730, 0, "-9.730"},
		{-37.8, 2, "-37,80"},
		// Halves round away from zero, on the decimal the value came from.
		{2.5, 0, "3"},
		{-2.5, 0, "-3"},
		{1.005, 2, "1,01"},
		{2.675, 2, "2,68"},
		{-1.005, 2, "-1,01"},
		{0.125, 2, "0,13"},
		{1.0049, 2, "1,00"},
		{999.995, 2, "1.000,00"},
		{9.99, 1, "10,0"},
		{99999.5, 0, "100.000"},
		// A value that rounds to zero is shown without a sign.
		{-0.001, 2, "0,00"},
		{math.Copysign(0, -1), 1, "0,0"},
		{0.1 + 0.2, 2, "0,30"},
		{1e21, 0, "1.000.000.000.000.000.000.000"},
		{1e-7, 3, "0,000"},
		{123.456, -1, "123"},
		{1, 25, "1,00000000000000000000"},
		{math.NaN(), 2, "NaN"},
		{math.Inf(1), 2, "∞"},
		{math.Inf(-1), 2, "-∞"},
	} {
		if got := Decimal(tc.v, tc.d); got != tc.want {
			t.Errorf("Decimal(%v, %d) = %q, want %q", tc.v, tc.d, got, tc.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		d    int
		want string
	}{
		{4.3, 2, "4,30%"},
		{10.84, 2, "10,84%"},
		{100, 0, "100%"},
		{-0.5, 1, "-0,5%"},
	} {
		if got := Percent(tc.v, tc.d); got != tc.want {
			t.Errorf("Percent(%v, %d) = %q, want %q", tc.v, tc.d, got, tc.want)
		}
	}
}

func TestRupiah(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{1250000, "Rp1.250.000"},
		{0, "Rp0"},
		{-5000, "-Rp5.000"},
		{999, "Rp999"},
		{math.MinInt64, "-Rp9.223.372.036.854.775.808"},
	} {
		if got := Rupiah(tc.n); got != tc.want {
			t.Errorf("Rupiah(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func BenchmarkDecimal(b *testing.B) {
	for b.Loop() {
		Decimal(1234567.891, 2)
	}
}
