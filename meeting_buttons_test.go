package tkpkbot

import (
	"strings"
	"testing"
)

func TestRSVPData(t *testing.T) {
	for _, a := range []RSVP{RSVPHadir, RSVPTidakHadir, RSVPBelumPasti} {
		data := RSVPData(42, a)
		if len(data) > 64 {
			t.Fatalf("callback data %q longer than Telegram allows", data)
		}
		id, got, ok := ParseRSVPData(strings.TrimPrefix(data, RSVPPrefix+":"))
		if !ok || id != 42 || got != a {
			t.Fatalf("round trip %q = %d %q %v", data, id, got, ok)
		}
	}
	for _, bad := range []string{"", "42", "42:x", "x:h", "-1:h", "0:h"} {
		if _, _, ok := ParseRSVPData(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}
