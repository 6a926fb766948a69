package tkpkbot

import (
	"strings"
	"testing"
)

func TestRegionsTable(t *testing.T) {
	if len(Regions) != 11 {
		t.Fatalf("len(Regions) = %d, want 11", len(Regions))
	}
	if r := Regions[0]; r.Code != ProvinceCode || r.Kind != KindProvinsi || r.Name != "Kalimantan Timur" ||
		r.Official != "Provinsi Kalimantan Timur" || r.KemendagriCode != "64" {
		t.Errorf("Regions[0] = %+v, want the province first", r)
	}
	wantCodes := []string{"6400", "6401", "6402", "6403", "6404", "6405", "6409", "6411", "6471", "6472", "6474"}
	seenKemendagri := map[string]bool{}
	for i, r := range Regions {
		if r.Code != wantCodes[i] {
			t.Errorf("Regions[%d].Code = %s, want %s (BPS order)", i, r.Code, wantCodes[i])
		}
		if seenKemendagri[r.KemendagriCode] {
			t.Errorf("Kemendagri code %s used twice", r.KemendagriCode)
		}
		seenKemendagri[r.KemendagriCode] = true
		var prefix string
		switch r.Kind {
		case KindProvinsi:
			prefix = "Provinsi "
		case KindKabupaten:
			prefix = "Kabupaten "
		case KindKota:
			prefix = "Kota "
		default:
			t.Errorf("%s: kind %q", r.Code, r.Kind)
		}
		if r.Official != prefix+r.Name {
			t.Errorf("%s: Official %q, want %q", r.Code, r.Official, prefix+r.Name)
		}
		if r.Kind != KindProvinsi && !strings.HasPrefix(r.KemendagriCode, "64.") {
			t.Errorf("%s: Kemendagri code %q", r.Code, r.KemendagriCode)
		}
	}
}

func TestKemendagriCodesDifferFromBPS(t *testing.T) {
	// Permendagri numbering; these four are where BPS and Kemendagri
	// disagree, which is why both are stored.
	for code, want := range map[string]string{"6402": "64.07", "6403": "64.02", "6404": "64.08", "6405": "64.03"} {
		r, _ := RegionByCode(code)
		if r.KemendagriCode != want {
			t.Errorf("%s %s: Kemendagri %q, want %q", code, r.Name, r.KemendagriCode, want)
		}
	}
}

func TestRegionByCode(t *testing.T) {
	r, ok := RegionByCode("6472")
	if !ok || r.Name != "Samarinda" || r.Official != "Kota Samarinda" || r.Kind != KindKota || r.KemendagriCode != "64.72" {
		t.Errorf("RegionByCode(6472) = %+v, %v", r, ok)
	}
	r, ok = RegionByCode(ProvinceCode)
	if !ok || r.Kind != KindProvinsi {
		t.Errorf("RegionByCode(province) = %+v, %v", r, ok)
	}
	for _, code := range []string{"", "64.72", "6406", "Samarinda"} {
		if _, ok := RegionByCode(code); ok {
			t.Errorf("RegionByCode(%q) found a region", code)
		}
	}
}

func TestDistricts(t *testing.T) {
	d := Districts()
	if len(d) != 10 {
		t.Fatalf("len(Districts()) = %d, want 10", len(d))
	}
	for i, r := range d {
		if r.Kind == KindProvinsi {
			t.Errorf("Districts()[%d] is the province", i)
		}
		if r.Code != Regions[i+1].Code {
			t.Errorf("Districts()[%d] = %s, want %s", i, r.Code, Regions[i+1].Code)
		}
	}
	d[0].Name = "changed"
	if Regions[1].Name == "changed" {
		t.Error("Districts shares its backing array with Regions")
	}
}

func TestIndicatorsCoverEveryIndicator(t *testing.T) {
	want := []Indicator{IndMiskin, IndP0, IndP1, IndP2, IndGK, IndEkstremPersen, IndEkstremJiwa, IndIPM, IndTPT, IndGini}
	if len(Indicators) != len(want) {
		t.Fatalf("len(Indicators) = %d, want %d", len(Indicators), len(want))
	}
	for i, in := range Indicators {
		if in.Indicator != want[i] {
			t.Errorf("Indicators[%d] = %s, want %s", i, in.Indicator, want[i])
		}
		if in.Name == "" || in.Short == "" || len(in.Aliases) == 0 {
			t.Errorf("%s: incomplete metadata %+v", in.Indicator, in)
		}
		if got, ok := IndicatorByCode(in.Indicator); !ok || got.Indicator != in.Indicator {
			t.Errorf("IndicatorByCode(%q) = %s, %v", in.Indicator, got.Indicator, ok)
		}
	}
	if _, ok := IndicatorByCode("P0"); ok {
		t.Error("IndicatorByCode reads names; it is for stored codes only")
	}
	if gk, _ := IndicatorByCode(IndGK); gk.HigherIsWorse {
		t.Error("a higher poverty line is not worse")
	}
	if p0, _ := IndicatorByCode(IndP0); !p0.HigherIsWorse {
		t.Error("a higher P0 is worse")
	}
	// Directions for honest colours: a higher IPM is better, higher
	// unemployment and inequality worse.
	for _, tt := range []struct {
		in            Indicator
		worse, better bool
	}{{IndIPM, false, true}, {IndTPT, true, false}, {IndGini, true, false}} {
		info, _ := IndicatorByCode(tt.in)
		if info.HigherIsWorse != tt.worse || info.HigherIsBetter != tt.better || !info.Supporting {
			t.Errorf("%s: %+v", tt.in, info)
		}
	}
	for _, in := range Indicators {
		if in.HigherIsWorse && in.HigherIsBetter {
			t.Errorf("%s is both worse and better when higher", in.Indicator)
		}
	}
}

// TestRoundAllowed: each indicator's survey months, which the import
// checks month-only periods against.
func TestRoundAllowed(t *testing.T) {
	for _, tt := range []struct {
		in    Indicator
		month int
		ok    bool
	}{
		{IndP0, 3, true}, {IndP0, 9, true}, {IndP0, 8, false}, {IndGini, 9, true},
		{IndTPT, 8, true}, {IndTPT, 3, false}, {IndIPM, 3, false}, {IndIPM, 12, false},
	} {
		info, _ := IndicatorByCode(tt.in)
		if got := info.RoundAllowed(tt.month); got != tt.ok {
			t.Errorf("%s month %d: %v, want %v", tt.in, tt.month, got, tt.ok)
		}
	}
}

func TestRegionNamesFallBackToTheCode(t *testing.T) {
	for _, c := range []struct{ code, name, official string }{
		{"6472", "Samarinda", "Kota Samarinda"},
		{"6402", "Kutai Barat", "Kabupaten Kutai Barat"},
		{"9999", "9999", "9999"}, // a stored code that names no region still shows
	} {
		if got := RegionName(c.code); got != c.name {
			t.Errorf("RegionName(%s) = %q, want %q", c.code, got, c.name)
		}
		if got := RegionOfficial(c.code); got != c.official {
			t.Errorf("RegionOfficial(%s) = %q, want %q", c.code, got, c.official)
		}
	}
}
