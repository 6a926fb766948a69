package match

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tkpkbot"
)

func names(rs []tkpkbot.Region) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func TestRegionExact(t *testing.T) {
	tests := []struct{ in, want string }{
		// names, case, spaces, punctuation
		{"Samarinda", "6472"},
		{"samarinda.", "6472"},
		{"  SAMARINDA  ", "6472"},
		{"kutai kartanegara", "6403"},
		{"kutai-kartanegara", "6403"},
		{"KutaiKartanegara", "6403"},
		{"Kutai_Kartanegara!", "6403"},
		{"penajam paser utara", "6409"},
		{"Mahakam Ulu", "6411"},
		{"Paser", "6401"},
		{"Berau", "6405"},
		// administrative prefixes
		{"Kota Samarinda", "6472"},
		{"kota samarinda", "6472"},
		{"kot. samarinda", "6472"},
		{"kab. paser", "6401"},
		{"kab paser", "6401"},
		{"Kab.Paser", "6401"},
		{"Kabupaten Kutai Timur", "6404"},
		{"kabupaten kukar", "6403"},
		{"Kota Balikpapan", "6471"},
		// province
		{"kaltim", "6400"},
		{"Kalimantan Timur", "6400"},
		{"provinsi", "6400"},
		{"prov kaltim", "6400"},
		{"prov. kalimantan timur", "6400"},
		{"Provinsi Kalimantan Timur", "6400"},
		{"propinsi kaltim", "6400"},
		// aliases
		{"Kubar", "6402"},
		{"kukar", "6403"},
		{"KUTIM", "6404"},
		{"PPU", "6409"},
		{"p.p.u.", "6409"},
		{"Mahulu", "6411"},
		// local abbreviations and the regencies' seats
		{"smd", "6472"},
		{"SMD", "6472"},
		{"bpp", "6471"},
		{"bpn", "6471"},
		{"btg", "6474"},
		{"tenggarong", "6403"},
		{"Tenggarong", "6403"},
		{"tanjung redeb", "6405"},
		{"tanjungredeb", "6405"},
		{"Tanjung-Redeb", "6405"},
		{"sendawar", "6402"},
		{"sangatta", "6404"},
		{"tana paser", "6401"},
		{"penajam", "6409"},
		{"ujoh bilang", "6411"},
		{"Ujoh Bilang", "6411"},
		// codes
		{"6472", "6472"},
		{"6400", "6400"},
		{"6411", "6411"},
		{"64.72", "6472"},
		{"64.71", "6471"},
		{"64", "6400"},
		{"64.07", "6402"}, // Kemendagri: Kutai Barat
		{"6407", "6402"},  // not a BPS code, so read as Kemendagri
		{"64.02", "6403"}, // dotted is Kemendagri: Kutai Kartanegara
		{"6402", "6402"},  // undotted is BPS first: Kutai Barat
		{"64.08", "6404"},
		{"64.03", "6405"},
		// unique prefixes
		{"bali", "6471"},
		{"sam", "6472"},
		{"bon", "6474"},
		{"penajam", "6409"},
		{"mahakam", "6411"},
		{"ber", "6405"},
		{"pas", "6401"},
		{"kutai kar", "6403"},
		{"kutai t", "6404"},
		{"kal", "6400"},
		{"prov", "6400"},
		{"kota sam", "6472"},
		// fullwidth letters from a CJK keyboard
		{"ｋｕｋａｒ", "6403"},
	}
	for _, tt := range tests {
		m := Region(tt.in)
		if m.Kind != Exact || m.Region.Code != tt.want {
			t.Errorf("Region(%q) = %v %s %v, want exact %s", tt.in, m.Kind, m.Region.Code, names(m.Candidates), tt.want)
		}
		if m.Kind == Exact && m.Candidates != nil {
			t.Errorf("Region(%q): exact match with candidates", tt.in)
		}
	}
}

func TestRegionAmbiguous(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"kutai", []string{"Kutai Barat", "Kutai Kartanegara", "Kutai Timur"}},
		{"Kutai", []string{"Kutai Barat", "Kutai Kartanegara", "Kutai Timur"}},
		{"kab kutai", []string{"Kutai Barat", "Kutai Kartanegara", "Kutai Timur"}},
		{"kut", []string{"Kutai Barat", "Kutai Kartanegara", "Kutai Timur"}},
		{"kota", []string{"Balikpapan", "Samarinda", "Bontang"}},
		{"ma", nil}, // too short for a prefix
		{"kab", []string{"Paser", "Kutai Barat", "Kutai Kartanegara", "Kutai Timur", "Berau", "Penajam Paser Utara", "Mahakam Ulu"}},
		{"kabupaten", []string{"Paser", "Kutai Barat", "Kutai Kartanegara", "Kutai Timur", "Berau", "Penajam Paser Utara", "Mahakam Ulu"}},
	}
	for _, tt := range tests {
		m := Region(tt.in)
		if tt.want == nil {
			if m.Kind != None {
				t.Errorf("Region(%q) = %v %v, want none", tt.in, m.Kind, names(m.Candidates))
			}
			continue
		}
		if m.Kind != Ambiguous || !reflect.DeepEqual(names(m.Candidates), tt.want) {
			t.Errorf("Region(%q) = %v %v, want ambiguous %v", tt.in, m.Kind, names(m.Candidates), tt.want)
		}
		if m.Region.Code != "" {
			t.Errorf("Region(%q): ambiguous match sets Region", tt.in)
		}
	}
}

func TestRegionSuggest(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Smarinda", []string{"Samarinda"}},
		{"samarnda", []string{"Samarinda"}},
		{"kota smarinda", []string{"Samarinda"}},
		{"kutai kartanegra", []string{"Kutai Kartanegara"}},
		{"kutai kartnegara", []string{"Kutai Kartanegara"}},
		{"balikpapn", []string{"Balikpapan"}},
		{"blaikpapan", []string{"Balikpapan"}}, // transposition counts once
		{"bontnag", []string{"Bontang"}},
		{"kaltm", []string{"Kalimantan Timur"}},
		{"kalimantan timr", []string{"Kalimantan Timur"}},
		{"kukr", []string{"Kutai Kartanegara"}},
		{"mahakm ulu", []string{"Mahakam Ulu"}},
		{"penajam paser utra", []string{"Penajam Paser Utara"}},
		{"kutak", []string{"Kutai Barat", "Kutai Kartanegara", "Kutai Timur"}},
	}
	for _, tt := range tests {
		m := Region(tt.in)
		if m.Kind != Suggest || !reflect.DeepEqual(names(m.Candidates), tt.want) {
			t.Errorf("Region(%q) = %v %v, want suggest %v", tt.in, m.Kind, names(m.Candidates), tt.want)
		}
		if m.Region.Code != "" {
			t.Errorf("Region(%q): a typo must not set Region", tt.in)
		}
	}
}

// A word near only the start of a name ("sekda", "agenda" to
// "sendawar") is a weaker hint than a misspelt whole name; /notulen reads
// such a head as a note.
func TestRegionSuggestSaysWhenOnlyAPrefixIsNear(t *testing.T) {
	for in, onlyPrefix := range map[string]bool{"sekda": true, "agenda": true, "Smarinda": false, "kutai kartnegara": false, "kukr": false} {
		m := Region(in)
		if m.Kind != Suggest || m.OnlyPrefix != onlyPrefix {
			t.Errorf("Region(%q) = %v, OnlyPrefix %v; want suggest, OnlyPrefix %v", in, m.Kind, m.OnlyPrefix, onlyPrefix)
		}
	}
}

func TestRegionSuggestBestFirst(t *testing.T) {
	// "kubat" is one edit from Kubar and further from the other kutai.
	m := Region("kubat")
	if m.Kind != Suggest || len(m.Candidates) == 0 || m.Candidates[0].Name != "Kutai Barat" {
		t.Errorf("Region(kubat) = %v %v, want Kutai Barat first", m.Kind, names(m.Candidates))
	}
	if len(m.Candidates) > maxSuggestions {
		t.Errorf("%d suggestions, want at most %d", len(m.Candidates), maxSuggestions)
	}
}

func TestRegionNone(t *testing.T) {
	for _, in := range []string{
		"", " ", "xyz", "12345", "64.05", "6499", "0", "pa", "ku", "!!!", "...",
		"jakarta", "surabaya", "test", "sangata raya",
		"😀😀😀", strings.Repeat("😀", 2500), strings.Repeat("a", 10000),
		"samarinda samarinda samarinda samarinda", "\x00\xff\xfe",
	} {
		if m := Region(in); m.Kind != None || m.Region.Code != "" || m.Candidates != nil {
			t.Errorf("Region(%.40q) = %v %s %v, want none", in, m.Kind, m.Region.Code, names(m.Candidates))
		}
	}
}

func TestRegionGarbageIsFast(t *testing.T) {
	inputs := []string{strings.Repeat("😀", 2500), strings.Repeat("x", 10240), strings.Repeat("kutai ", 33)}
	start := time.Now()
	for range 100 {
		for _, in := range inputs {
			Region(in)
		}
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Errorf("300 garbage matches took %v", d)
	}
}

func TestRegionEveryKeyIsExact(t *testing.T) {
	for _, r := range tkpkbot.Regions {
		keys := append([]string{r.Code, r.KemendagriCode, r.Name, r.Official, strings.ToUpper(r.Name)}, r.Aliases...)
		for _, k := range keys {
			if m := Region(k); m.Kind != Exact || m.Region.Code != r.Code {
				t.Errorf("Region(%q) = %v %s, want %s", k, m.Kind, m.Region.Code, r.Code)
			}
		}
	}
}

func BenchmarkRegion(b *testing.B) {
	inputs := []string{"Samarinda", "kab. kutai kartanegara", "6472", "bali", "kutai", "Smarinda", "kutai kartanegra", "xyz"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Region(inputs[i%len(inputs)])
	}
}

func BenchmarkRegionExact(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Region("Kota Samarinda")
	}
}

func BenchmarkRegionTypo(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Region("kutai kartanegra")
	}
}

func FuzzRegion(f *testing.F) {
	for _, s := range []string{
		"Samarinda", "kota samarinda", "kab. paser", "kutai", "Smarinda", "kutai kartanegra",
		"6472", "64.72", "64.02", "64", "bali", "", "xyz", "12345", "😀", "ｋｕｋａｒ", "provinsi", "\xff",
		"..64", "6.4.7.2", "kab", "berapa penduduk miskin di kukar 2023?",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		m := Region(in)
		switch m.Kind {
		case Exact:
			if m.Region.Code == "" {
				t.Fatal("exact match without a region")
			}
			if _, ok := tkpkbot.RegionByCode(m.Region.Code); !ok {
				t.Fatalf("exact match with unknown code %q", m.Region.Code)
			}
			if len(m.Candidates) != 0 {
				t.Fatal("exact match with candidates")
			}
		case Ambiguous:
			if len(m.Candidates) < 2 {
				t.Fatalf("ambiguous with %d candidates", len(m.Candidates))
			}
		case Suggest:
			if len(m.Candidates) == 0 || len(m.Candidates) > maxSuggestions {
				t.Fatalf("suggest with %d candidates", len(m.Candidates))
			}
		case None:
			if m.Region.Code != "" || len(m.Candidates) != 0 {
				t.Fatal("none with a result")
			}
		default:
			t.Fatalf("kind %d", m.Kind)
		}
		if len(m.Candidates) > 10 {
			t.Fatalf("%d candidates", len(m.Candidates))
		}
		if m.Kind != Exact && m.Region.Code != "" {
			t.Fatal("Region set on a non-exact match")
		}
		if again := Region(in); !reflect.DeepEqual(m, again) {
			t.Fatalf("not deterministic: %+v then %+v", m, again)
		}

		tm, rest := RegionInText(in)
		if tm.Kind != None && tm.Kind != Exact {
			t.Fatalf("RegionInText kind %v", tm.Kind)
		}
		if tm.Kind == Exact && tm.Region.Code == "" {
			t.Fatal("RegionInText exact without a region")
		}
		if tm.Kind == None && rest != in {
			t.Fatal("RegionInText changed text without finding a region")
		}
		if utf8.ValidString(in) && !utf8.ValidString(rest) {
			t.Fatal("RegionInText broke UTF-8")
		}
		IndicatorInText(in)
	})
}
