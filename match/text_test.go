package match

import (
	"strings"
	"testing"

	"tkpkbot"
)

func TestRegionInText(t *testing.T) {
	tests := []struct {
		text, code, rest string
	}{
		{"berapa penduduk miskin di kukar 2023?", "6403", "berapa penduduk miskin di 2023?"},
		{"Berapa P0 Samarinda maret 2024", "6472", "Berapa P0 maret 2024"},
		{"garis kemiskinan kota bontang", "6474", "garis kemiskinan"},
		{"kemiskinan Kab. Kutai Timur 2022", "6404", "kemiskinan 2022"},
		{"p0 penajam paser utara", "6409", "p0"},
		{"p0 paser", "6401", "p0"},
		{"p0 samarinda, kaltim", "6472", "p0 kaltim"}, // the kabupaten/kota wins
		{"kaltim dan samarinda", "6472", "kaltim dan"},
		{"kemiskinan provinsi kalimantan timur 2024", "6400", "kemiskinan 2024"},
		{"kemiskinan kaltim", "6400", "kemiskinan"},
		{"berapa kemiskinan di provinsi?", "6400", "berapa kemiskinan di"},
		{"data 6472 tahun 2023", "6472", "data tahun 2023"},
		{"kutai-kartanegara p1", "6403", "p1"},
		{"angka 6405 2023 6472", "6405", "angka 2023 6472"}, // equals: the first wins
		{"kemiskinan tenggarong", "6403", "kemiskinan"},
		{"p0 tanjung redeb 2024", "6405", "p0 2024"},
		{"ipm smd", "6472", "ipm"},
		{"pengangguran di btg", "6474", "pengangguran di"},
		{"berapa penduduk miskin ujoh bilang", "6411", "berapa penduduk miskin"},
		{"sangatta kaltim", "6404", "kaltim"},
	}
	for _, tt := range tests {
		m, rest := RegionInText(tt.text)
		if m.Kind != Exact || m.Region.Code != tt.code || rest != tt.rest {
			t.Errorf("RegionInText(%q) = %v %s %q, want %s %q", tt.text, m.Kind, m.Region.Code, rest, tt.code, tt.rest)
		}
	}
}

func TestRegionInTextNoGuesses(t *testing.T) {
	// Ordinary words that are prefixes of or near region names.
	for _, text := range []string{
		"", "apa kabar", "sama saja", "pas sekali", "berapa?", "smarinda p0",
		"kutai", "kota", "tahun 2023", "64.72", "64 72", strings.Repeat("a ", 3000),
	} {
		m, rest := RegionInText(text)
		if m.Kind != None {
			t.Errorf("RegionInText(%.40q) = %v %s, want none", text, m.Kind, m.Region.Code)
		}
		if rest != text {
			t.Errorf("RegionInText(%.40q) changed the text to %.40q", text, rest)
		}
	}
}

func TestIndicatorInText(t *testing.T) {
	hits := []indicatorHit{
		{"berapa penduduk miskin di kukar 2023?", tkpkbot.IndMiskin},
		{"berapa orang miskin di samarinda", tkpkbot.IndMiskin},
		{"jumlah kemiskinan samarinda", tkpkbot.IndMiskin},
		{"berapa persen penduduk miskin di samarinda", tkpkbot.IndP0},
		{"persentase penduduk miskin bontang", tkpkbot.IndP0},
		{"tingkat kemiskinan berau", tkpkbot.IndP0},
		{"kemiskinan kaltim", tkpkbot.IndP0},
		{"berapa % kemiskinan paser", tkpkbot.IndP0},
		{"P0 samarinda", tkpkbot.IndP0},
		{"garis kemiskinan kota bontang", tkpkbot.IndGK},
		{"GK balikpapan 2024", tkpkbot.IndGK},
		{"indeks kedalaman kemiskinan kaltim", tkpkbot.IndP1},
		{"p1 berau", tkpkbot.IndP1},
		{"keparahan kemiskinan paser", tkpkbot.IndP2},
		{"kemiskinan ekstrem kaltim 2023", tkpkbot.IndEkstremPersen},
		{"berapa persen miskin ekstrem", tkpkbot.IndEkstremPersen},
		{"angka kemiskinan ekstrem", tkpkbot.IndEkstremPersen},
		{"jumlah miskin ekstrem kaltim", tkpkbot.IndEkstremJiwa},
		{"berapa jiwa kemiskinan ekstrem", tkpkbot.IndEkstremJiwa},
		{"berapa ipm samarinda 2024", tkpkbot.IndIPM},
		{"indeks pembangunan manusia berau", tkpkbot.IndIPM},
		{"tingkat pengangguran bontang", tkpkbot.IndTPT},
		{"berapa persen pengangguran kaltim", tkpkbot.IndTPT},
		{"rasio gini kaltim", tkpkbot.IndGini},
	}
	checkFinds(t, "IndicatorInText", IndicatorInText, hits, []string{"", "halo", "samarinda 2023"})
}

func BenchmarkRegionInText(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		RegionInText("berapa penduduk miskin di kukar 2023?")
	}
}
