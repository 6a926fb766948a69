package chart

import (
	"testing"
)

func TestBars(t *testing.T) {
	png, err := Bars("Capaian KK 2025", "Jangkauan mingguan dijumlah", []Bar{
		{"Samarinda", 62}, {"Bontang", 130}, {"Paser", 5}, {"Berau", 0},
	}, 48, "Provinsi")
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, png)
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 500 {
		t.Fatalf("size %v", b)
	}
	for _, c := range []int{0, 1} { // the bars and the province line
		if _, found := colours(img, palette[c]); !found {
			t.Errorf("colour %v missing", palette[c])
		}
	}
	if _, err := Bars("x", "", nil, 0, "Provinsi"); err == nil {
		t.Error("no bars drawn without error")
	}
	if _, err := Bars("x", "", []Bar{{"a", nan()}}, 0, "Provinsi"); err == nil {
		t.Error("NaN bar drawn")
	}
}
