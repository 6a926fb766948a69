package handlers

import (
	"testing"

	"tkpkbot/match"
)

func TestParseLangganan(t *testing.T) {
	for _, tc := range []struct {
		in     string
		action subAction
		region string
		kind   match.Kind
	}{
		{in: "", action: subShow},
		{in: "   ", action: subShow},
		{in: "off", action: subOff},
		{in: "OFF", action: subOff},
		{in: "berhenti", action: subOff},
		{in: "semua", action: subAll},
		{in: "Semua  wilayah", action: subAll},
		{in: "samarinda", action: subAdd, region: "6472"},
		{in: "Kukar", action: subAdd, region: "6403"},
		{in: "kaltim", action: subAdd, region: "6400"},
		{in: "kutai", action: subChoose, kind: match.Ambiguous},
		{in: "samarnda", action: subChoose, kind: match.Suggest},
		{in: "jakarta", action: subChoose, kind: match.None},
	} {
		got := parseLangganan(tc.in)
		if got.Action != tc.action || got.Region.Code != tc.region || tc.action == subChoose && got.Match.Kind != tc.kind {
			t.Errorf("%q: %+v, want action %d region %q kind %v", tc.in, got, tc.action, tc.region, tc.kind)
		}
	}
}

func FuzzParseLangganan(f *testing.F) {
	for _, s := range []string{"", "off", "semua", "samarinda", "kutai", "kukar 2024", "💥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := parseLangganan(s)
		if got.Action == subAdd && got.Region.Code == "" {
			t.Fatalf("%q: add without a region", s)
		}
		if got.Action == subChoose && got.Match.Kind == match.Exact {
			t.Fatalf("%q: an exact match asked to choose", s)
		}
	})
}
