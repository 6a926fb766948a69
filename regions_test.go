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
	want := []Indicator{IndMiskin, IndP0, IndP1, IndP2, IndGK, IndEkstremPersen, IndEkstremJiwa}
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
		if got, ok := IndicatorByName(string(in.Indicator)); !ok || got.Indicator != in.Indicator {
			t.Errorf("IndicatorByName(%q) = %s, %v", in.Indicator, got.Indicator, ok)
		}
		if got, ok := IndicatorByName(in.Name); !ok || got.Indicator != in.Indicator {
			t.Errorf("IndicatorByName(%q) = %s, %v", in.Name, got.Indicator, ok)
		}
		for _, a := range in.Aliases {
			if got, ok := IndicatorByName(a); !ok || got.Indicator != in.Indicator {
				t.Errorf("IndicatorByName(%q) = %s, %v, want %s", a, got.Indicator, ok, in.Indicator)
			}
		}
	}
	if gk, _ := IndicatorByName("gk"); gk.HigherIsWorse {
		t.Error("a higher poverty line is not worse")
	}
	if p0, _ := IndicatorByName("p0"); !p0.HigherIsWorse {
		t.Error("a higher P0 is worse")
	}
}

func TestIndicatorByName(t *testing.T) {
	tests := []struct {
		in   string
		want Indicator
	}{
		{"P0", IndP0},
		{" p0 ", IndP0},
		{"Persentase", IndP0},
		{"%", IndP0},
		{"kemiskinan", IndP0},
		{"Persentase penduduk miskin (P0)", IndP0},
		{"miskin", IndMiskin},
		{"Penduduk-Miskin", IndMiskin},
		{"JIWA", IndMiskin},
		{"p1", IndP1},
		{"Kedalaman", IndP1},
		{"p2", IndP2},
		{"keparahan", IndP2},
		{"GK", IndGK},
		{"garis kemiskinan", IndGK},
		{"garis", IndGK},
		{"ekstrem", IndEkstremPersen},
		{"ekstrem_persen", IndEkstremPersen},
		{"ekstrem %", IndEkstremPersen},
		{"Miskin ekstrem %", IndEkstremPersen},
		{"ekstrem_jiwa", IndEkstremJiwa},
		{"Miskin ekstrem", IndEkstremJiwa},
		{"jumlah penduduk miskin ekstrem", IndEkstremJiwa},
	}
	for _, tt := range tests {
		got, ok := IndicatorByName(tt.in)
		if !ok || got.Indicator != tt.want {
			t.Errorf("IndicatorByName(%q) = %q, %v, want %q", tt.in, got.Indicator, ok, tt.want)
		}
	}
	for _, in := range []string{"", "xyz", "p3", "samarinda", strings.Repeat("p0", 200)} {
		if got, ok := IndicatorByName(in); ok {
			t.Errorf("IndicatorByName(%q) = %q, want not found", in, got.Indicator)
		}
	}
}
