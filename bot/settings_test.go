package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Operators learn the settings from three places: the README's table,
// .env.example and `tkpkbot --help`. A setting added to one and not the
// others is a setting nobody finds.
func TestEverySettingIsInTheREADMEEnvExampleAndUsage(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	keys := func(re *regexp.Regexp, s string) []string {
		var out []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			for _, k := range strings.Split(m[1], ", ") {
				out = append(out, strings.Trim(k, "`"))
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	readme := keys(regexp.MustCompile("(?m)^\\| (`[A-Z][A-Z_]+`(?:, `[A-Z][A-Z_]+`)*) \\|"), read("../README.md"))
	example := keys(regexp.MustCompile(`(?m)^#? ?([A-Z][A-Z_]+)=`), read("../.env.example"))
	if len(readme) < 15 {
		t.Fatalf("README's configuration table not found (read %v)", readme)
	}
	if !slices.Equal(readme, example) {
		t.Errorf("README's table and .env.example differ:\nREADME:       %v\n.env.example: %v", readme, example)
	}
	for _, k := range readme {
		if k == "TKPKBOT_CPUPROFILE" {
			continue // for diagnosis only, set by tkpkbot bench
		}
		if !strings.Contains(usage, k) {
			t.Errorf("tkpkbot --help does not name %s", k)
		}
	}
}
