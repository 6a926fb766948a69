package tkpkbot

import "slices"

// Regions lists the province first, then its ten kabupaten/kota in BPS code
// order; callers rely on that order for region buttons and rankings.
//
// Aliases are the other names people type: abbreviations (Kukar, Smd, Bpp)
// and the regency's seat, which locals use for the whole regency
// (Tenggarong for Kutai Kartanegara, Sangatta for Kutai Timur). The cities'
// seats are the cities themselves.
//
// KemendagriCode follows Permendagri (Kutai Kartanegara is 64.02, Kutai Barat
// 64.07), so for four kabupaten it is not just the BPS code with a dot.
var Regions = []Region{
	{Code: "6400", KemendagriCode: "64", Name: "Kalimantan Timur", Official: "Provinsi Kalimantan Timur", Kind: KindProvinsi, Aliases: []string{"Kaltim"}},
	{Code: "6401", KemendagriCode: "64.01", Name: "Paser", Official: "Kabupaten Paser", Kind: KindKabupaten, Aliases: []string{"Tana Paser"}},
	{Code: "6402", KemendagriCode: "64.07", Name: "Kutai Barat", Official: "Kabupaten Kutai Barat", Kind: KindKabupaten, Aliases: []string{"Kubar", "Sendawar"}},
	{Code: "6403", KemendagriCode: "64.02", Name: "Kutai Kartanegara", Official: "Kabupaten Kutai Kartanegara", Kind: KindKabupaten, Aliases: []string{"Kukar", "Tenggarong"}},
	{Code: "6404", KemendagriCode: "64.08", Name: "Kutai Timur", Official: "Kabupaten Kutai Timur", Kind: KindKabupaten, Aliases: []string{"Kutim", "Sangatta"}},
	{Code: "6405", KemendagriCode: "64.03", Name: "Berau", Official: "Kabupaten Berau", Kind: KindKabupaten, Aliases: []string{"Tanjung Redeb"}},
	{Code: "6409", KemendagriCode: "64.09", Name: "Penajam Paser Utara", Official: "Kabupaten Penajam Paser Utara", Kind: KindKabupaten, Aliases: []string{"PPU", "Penajam"}},
	{Code: "6411", KemendagriCode: "64.11", Name: "Mahakam Ulu", Official: "Kabupaten Mahakam Ulu", Kind: KindKabupaten, Aliases: []string{"Mahulu", "Ujoh Bilang"}},
	{Code: "6471", KemendagriCode: "64.71", Name: "Balikpapan", Official: "Kota Balikpapan", Kind: KindKota, Aliases: []string{"Bpp", "Bpn"}},
	{Code: "6472", KemendagriCode: "64.72", Name: "Samarinda", Official: "Kota Samarinda", Kind: KindKota, Aliases: []string{"Smd"}},
	{Code: "6474", KemendagriCode: "64.74", Name: "Bontang", Official: "Kota Bontang", Kind: KindKota, Aliases: []string{"Btg"}},
}

// regionIndex is built once so lookups by code never scan Regions.
var regionIndex = func() map[string]int {
	m := make(map[string]int, len(Regions))
	for i, r := range Regions {
		m[r.Code] = i
	}
	return m
}()

// RegionIndex returns the position in Regions of the region with the
// given BPS code, for callers that order or count regions as Regions does.
func RegionIndex(code string) (int, bool) {
	i, ok := regionIndex[code]
	return i, ok
}

// RegionName is the region's short name ("Samarinda"), and
// RegionOfficial its official one ("Kota Samarinda"); either is the code
// itself when the code names no region, so a stored row always shows.
func RegionName(code string) string {
	if r, ok := RegionByCode(code); ok {
		return r.Name
	}
	return code
}

// RegionOfficial: see RegionName.
func RegionOfficial(code string) string {
	if r, ok := RegionByCode(code); ok {
		return r.Official
	}
	return code
}

// RegionByCode returns the region with the given BPS code.
func RegionByCode(code string) (Region, bool) {
	i, ok := regionIndex[code]
	if !ok {
		return Region{}, false
	}
	return Regions[i], true
}

// Districts returns the ten kabupaten/kota without the province, in BPS code
// order. The slice is fresh so callers may sort it.
func Districts() []Region {
	out := make([]Region, 0, len(Regions)-1)
	for _, r := range Regions {
		if r.Kind != KindProvinsi {
			out = append(out, r)
		}
	}
	return out
}

// IndicatorInfo describes an indicator for chat: its Indonesian name, a short
// label for tight layouts, the words people use for it, and which direction
// is bad news (so arrows and rankings can be coloured honestly). Neither
// direction set means a change is not news either way (the poverty line
// follows prices).
type IndicatorInfo struct {
	Indicator
	Name           string
	Short          string
	Aliases        []string
	HigherIsWorse  bool
	HigherIsBetter bool
	// Rounds are the months the indicator's survey is held in: a period
	// of a month without a day must be one of them. None means the
	// indicator is published per year only.
	Rounds []int
	// Supporting marks an indicator beside poverty (IPM, TPT, Gini): a
	// card shows it under "Indikator lain" and it never decides which
	// period a card is about, so an August labour round does not
	// displace the March poverty figures of the same year.
	Supporting bool
}

// susenasRounds are the March and September rounds of the household
// survey that poverty and the Gini ratio come from.
var susenasRounds = []int{3, 9}

// RoundAllowed reports whether a month-only period is one of the
// indicator's survey rounds.
func (in IndicatorInfo) RoundAllowed(month int) bool {
	return slices.Contains(in.Rounds, month)
}

// Indicators is in display order: the headline numbers first.
var Indicators = []IndicatorInfo{
	{
		Indicator: IndMiskin, Name: "Jumlah penduduk miskin", Short: "Penduduk miskin",
		Aliases:       []string{"miskin", "jumlah", "penduduk miskin", "jumlah miskin", "jiwa", "orang miskin", "warga miskin", "jumlah penduduk miskin"},
		HigherIsWorse: true, Rounds: susenasRounds,
	},
	{
		Indicator: IndP0, Name: "Persentase penduduk miskin (P0)", Short: "P0",
		Aliases:       []string{"p0", "persentase", "persen", "%", "kemiskinan", "tingkat kemiskinan", "angka kemiskinan", "persentase kemiskinan", "persentase penduduk miskin", "persen penduduk miskin", "persen kemiskinan"},
		HigherIsWorse: true, Rounds: susenasRounds,
	},
	{
		Indicator: IndP1, Name: "Indeks kedalaman kemiskinan (P1)", Short: "P1",
		Aliases:       []string{"p1", "kedalaman", "indeks kedalaman", "kedalaman kemiskinan", "indeks kedalaman kemiskinan"},
		HigherIsWorse: true, Rounds: susenasRounds,
	},
	{
		Indicator: IndP2, Name: "Indeks keparahan kemiskinan (P2)", Short: "P2",
		Aliases:       []string{"p2", "keparahan", "indeks keparahan", "keparahan kemiskinan", "indeks keparahan kemiskinan"},
		HigherIsWorse: true, Rounds: susenasRounds,
	},
	{
		// A higher poverty line means dearer basic needs, not more poverty,
		// so it is not "worse".
		Indicator: IndGK, Name: "Garis kemiskinan", Short: "GK",
		Aliases: []string{"gk", "garis", "garis kemiskinan", "garis miskin"},
		Rounds:  susenasRounds,
	},
	{
		Indicator: IndEkstremPersen, Name: "Persentase penduduk miskin ekstrem", Short: "Miskin ekstrem %",
		Aliases:       []string{"ekstrem", "ekstrim", "kemiskinan ekstrem", "kemiskinan ekstrim", "ekstrem persen", "persentase miskin ekstrem", "persentase kemiskinan ekstrem", "tingkat kemiskinan ekstrem", "angka kemiskinan ekstrem"},
		HigherIsWorse: true, Rounds: susenasRounds,
	},
	{
		Indicator: IndEkstremJiwa, Name: "Jumlah penduduk miskin ekstrem", Short: "Miskin ekstrem",
		Aliases:       []string{"miskin ekstrim", "ekstrem jiwa", "jumlah ekstrem", "jumlah miskin ekstrem", "penduduk miskin ekstrem", "jiwa miskin ekstrem", "orang miskin ekstrem", "warga miskin ekstrem"},
		HigherIsWorse: true, Rounds: susenasRounds,
	},
	{
		Indicator: IndIPM, Name: "Indeks Pembangunan Manusia (IPM)", Short: "IPM",
		Aliases:        []string{"ipm", "indeks pembangunan manusia", "pembangunan manusia", "indeks pembangunan", "hdi"},
		HigherIsBetter: true, Supporting: true,
	},
	{
		Indicator: IndTPT, Name: "Tingkat Pengangguran Terbuka (TPT)", Short: "TPT",
		Aliases:       []string{"tpt", "pengangguran", "pengangguran terbuka", "tingkat pengangguran", "tingkat pengangguran terbuka", "angka pengangguran", "persentase pengangguran"},
		HigherIsWorse: true, Rounds: []int{8}, Supporting: true,
	},
	{
		Indicator: IndGini, Name: "Rasio Gini", Short: "Gini",
		Aliases:       []string{"gini", "rasio gini", "gini ratio", "indeks gini", "koefisien gini", "ketimpangan", "ketimpangan pengeluaran"},
		HigherIsWorse: true, Rounds: susenasRounds, Supporting: true,
	},
}

// IndicatorByCode returns the metadata of a stored indicator code; what
// people type goes through match.Indicator instead.
func IndicatorByCode(in Indicator) (IndicatorInfo, bool) {
	for _, info := range Indicators {
		if info.Indicator == in {
			return info, true
		}
	}
	return IndicatorInfo{}, false
}
