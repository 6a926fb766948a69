package tkpkbot

import (
	"errors"
	"strings"
	"testing"
)

func TestIsMaterialText(t *testing.T) {
	for s, want := range map[string]bool{
		"Baik, segera kami kirim":                           false,
		"Siap pak":                                          false,
		"  ok  ":                                            false,
		"Data P3KE menyusul besok":                          false,
		"Rp1.250.000/bulan per KK":                          false,
		"dan/atau Kab./Kota, pukul 14.30/WITA":              false,
		"https://drive.google.com/file/d/1a2b":              true,
		"Paparan: http://x.id/p":                            true,
		"www.kaltimprov.go.id":                              true,
		"bit.ly/paparan-smd":                                true,
		"Link: s.id/bahanSMD":                               true,
		"Capaian 2024: 2.000 KK dijangkau di 12 kelurahan.": true,
		strings.Repeat("a", MinMaterialText-1):              false,
		strings.Repeat("a", MinMaterialText):                true,
		"a" + strings.Repeat(" ", 80) + "b":                 false, // spaces are not content
		strings.Repeat("é", MinMaterialText):                true,  // characters, not bytes
	} {
		if got := IsMaterialText(s); got != want {
			t.Errorf("IsMaterialText(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestMaterialValidate(t *testing.T) {
	long := "Capaian 2024: 2.000 KK dijangkau di 12 kelurahan."
	for _, c := range []struct {
		m    Material
		want error
	}{
		{Material{Kind: MaterialText, Body: long}, nil},
		{Material{Kind: MaterialText, Body: "Baik, segera kami kirim"}, ErrMaterialTextShort},
		{Material{Kind: MaterialText, Body: " "}, ErrMaterialEmpty},
		{Material{Kind: MaterialText, Body: strings.Repeat("x", MaxMaterialText+1)}, ErrMaterialTextLong},
		// A short caption is fine: the file is the material.
		{Material{Kind: MaterialDocument, FileID: "f", Body: "ok"}, nil},
		{Material{Kind: MaterialPhoto}, ErrMaterialEmpty},
	} {
		if err := c.m.Validate(); !errors.Is(err, c.want) && err != c.want {
			t.Errorf("%+v: %v, want %v", c.m, err, c.want)
		}
	}
}
