package reminders

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseOffsets(t *testing.T) {
	h := time.Hour
	cases := []struct {
		in   string
		want []time.Duration
	}{
		{"", DefaultMeetingOffsets},
		{"168h,24h,2h", []time.Duration{168 * h, 24 * h, 2 * h}},
		{" 2h , 7d,24h,2h ", []time.Duration{168 * h, 24 * h, 2 * h}},
		{"90m,1h30m", []time.Duration{90 * time.Minute}},
		{"3h,", []time.Duration{3 * h}},
		{"OFF", []time.Duration{}},
		{"none", []time.Duration{}},
	}
	for _, c := range cases {
		got, err := ParseOffsets(c.in, DefaultMeetingOffsets)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("%q = %v, want %v", c.in, got, c.want)
		}
	}
	for _, in := range []string{"24", "abc", "-2h", "0s", "30s", "1441h", "61d", ",", "1d,2d,3d,4d,5d,6d,7d,8d,9d,10d,11d", "2h;3h", strings.Repeat("1h,", 100)} {
		if got, err := ParseOffsets(in, nil); err == nil {
			t.Errorf("%q accepted as %v", in, got)
		}
	}
}

func FuzzParseOffsets(f *testing.F) {
	for _, s := range []string{"168h,24h,2h", "7d,1d", "off", "", "1h30m, 90m", "-1h", "1e9h", "9223372036854775807ns"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseOffsets(in, DefaultReportOffsets)
		if err != nil {
			return
		}
		if len(got) > maxOffsets {
			t.Fatalf("%q: %d offsets", in, len(got))
		}
		for i, d := range got {
			if d < minOffset || d > maxOffset {
				t.Fatalf("%q: offset %v out of range", in, d)
			}
			if i > 0 && got[i-1] <= d {
				t.Fatalf("%q: not strictly decreasing: %v", in, got)
			}
		}
	})
}

func TestUntil(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second:                "sebentar lagi",
		45 * time.Minute:                "45 menit lagi",
		2 * time.Hour:                   "2 jam lagi",
		2*time.Hour - 10*time.Second:    "2 jam lagi",
		24 * time.Hour:                  "24 jam lagi",
		168 * time.Hour:                 "7 hari lagi",
		168*time.Hour - 5*time.Minute:   "7 hari lagi",
		3*24*time.Hour + 13*time.Hour:   "4 hari lagi",
		35*time.Hour + 59*time.Minute:   "36 jam lagi",
		36 * time.Hour:                  "2 hari lagi",
		time.Hour + 29*time.Minute:      "1 jam lagi",
		59*time.Minute + 45*time.Second: "60 menit lagi",
	} {
		if got := Until(d); got != want {
			t.Errorf("Until(%v) = %q, want %q", d, got, want)
		}
	}
}
