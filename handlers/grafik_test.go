package handlers

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"strings"
	"testing"

	"tkpkbot"
	"tkpkbot/internal/figtest"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the chart pictures in docs/")

// TestChartHonesty: the caption's range is the range drawn (the province
// is cut to the region's span), skipped rounds are named, and a count
// starts at zero.
func TestChartHonesty(t *testing.T) {
	x := figtest.Index(t)
	samarinda, _ := tkpkbot.RegionByCode("6472")
	kaltim, _ := tkpkbot.RegionByCode(tkpkbot.ProvinceCode)

	_, caption, err := renderChart(samarinda, indicatorInfo(tkpkbot.IndP0), x.Series("6472", tkpkbot.IndP0), x.Series("6400", tkpkbot.IndP0))
	if err != nil {
		t.Fatal(err)
	}
	mustHave(t, caption, "Kota Samarinda dan Provinsi Kalimantan Timur, Maret 2021–Maret 2024.")
	// Kaltim's 2017 round is outside Samarinda's span, so it is not
	// drawn and not in the sources.
	if strings.Contains(caption, "kalimantan.bisnis.com; BPS, via niaga") || strings.Contains(caption, "2017") {
		t.Errorf("caption names periods outside the drawn range:\n%s", caption)
	}
	// Between Maret 2023 and Maret 2024 the province has no September.
	mustHave(t, caption, "Garis putus-putus: tidak ada data Kalimantan Timur antara Maret 2023 dan Maret 2024.")

	_, caption, err = renderChart(kaltim, indicatorInfo(tkpkbot.IndMiskin), x.Series("6400", tkpkbot.IndMiskin), tkpkbot.Series{})
	if err != nil {
		t.Fatal(err)
	}
	mustHave(t, caption, "Jumlah penduduk miskin, Provinsi Kalimantan Timur, Maret 2017–September 2025. Sumbu tegak mulai dari nol.",
		"Garis putus-putus: tidak ada data antara Maret 2017 dan September 2018; antara Maret 2023 dan Maret 2024.")

	for _, c := range []struct {
		file string
		reg  tkpkbot.Region
		ind  tkpkbot.Indicator
	}{
		{"../docs/grafik-samarinda.png", samarinda, tkpkbot.IndP0},
		{"../docs/grafik-kaltim-miskin.png", kaltim, tkpkbot.IndMiskin},
	} {
		var prov tkpkbot.Series
		if c.reg.Code != tkpkbot.ProvinceCode {
			prov = x.Series(tkpkbot.ProvinceCode, c.ind)
		}
		out, _, err := renderChart(c.reg, indicatorInfo(c.ind), x.Series(c.reg.Code, c.ind), prov)
		if err != nil {
			t.Fatal(err)
		}
		if *updateDocs {
			if err := os.WriteFile(c.file, out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The pictures in docs/ are these charts (go test ./handlers
		// -run TestChartHonesty -update-docs rewrites them).
		raw, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatalf("%s: %v (run with -update-docs)", c.file, err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil || img.Bounds().Dx() != 800 {
			t.Fatalf("%s: not the 800 px chart (%v)", c.file, err)
		}
	}
}

func mustHave(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}
