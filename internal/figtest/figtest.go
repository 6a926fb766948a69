// Package figtest gives tests the figures the bot ships with (data's
// figures.csv), so their expectations are the numbers a fresh install
// answers with.
package figtest

import (
	"bytes"
	"testing"

	"tkpkbot"
	"tkpkbot/data"
	"tkpkbot/figcsv"
	"tkpkbot/figures"
)

// Figures parses the shipped CSV afresh, so a test may change what it gets.
func Figures(t testing.TB) []tkpkbot.Figure {
	t.Helper()
	figs, err := figcsv.Parse(bytes.NewReader(data.FiguresCSV))
	if err != nil {
		t.Fatalf("shipped figures: %v", err)
	}
	return figs
}

// Index is the in-memory index of the shipped figures.
func Index(t testing.TB) *figures.Index {
	t.Helper()
	return figures.NewIndex(Figures(t))
}
