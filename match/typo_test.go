package match

import (
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b   string
		full   int
		prefix int
	}{
		{"samarinda", "samarinda", 0, 0},
		{"smarinda", "samarinda", 1, 1},
		{"samrainda", "samarinda", 1, 1}, // one transposition
		{"kutaikar", "kutaikartanegara", 8, 0},
		{"abcde", "xyzzz", 5, 5},
		{"kutaik", "kutaibarat", 5, 1},
		{"abc", "xyz", 3, 11}, // no prefix is long enough to count: limit+1
	}
	for _, tt := range tests {
		full, prefix := editDistance(tt.a, tt.b, 10)
		if full != tt.full || prefix != tt.prefix {
			t.Errorf("editDistance(%q, %q) = %d, %d, want %d, %d", tt.a, tt.b, full, prefix, tt.full, tt.prefix)
		}
	}
	if full, prefix := editDistance("abcdefgh", "zzzzzzzz", 2); full != 3 || prefix != 3 {
		t.Errorf("capped distance = %d, %d, want 3, 3", full, prefix)
	}
}
