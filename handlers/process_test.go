package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCommand(t *testing.T) {
	cases := []struct {
		text, cmd, args string
	}{
		{"/start", "start", ""},
		{"/Angka   Samarinda ", "angka", "Samarinda"},
		{"/angka@tkpk_kaltim_bot Kukar 2023", "angka", "Kukar 2023"},
		{"/bantuan@TKPK_Kaltim_Bot", "bantuan", ""},
		{"/bantuan@other_bot", ignoreCommand, ""},
		{"/start abc123", "start", "abc123"},
		{"/lapor\nteks", "lapor", "teks"},
		{"halo", "", ""},
		{"/", "", ""},
		{"/@tkpk_kaltim_bot", "", ""},
		{"", "", ""},
	}
	for _, c := range cases {
		cmd, args := parseCommand(c.text, "tkpk_kaltim_bot")
		if cmd != c.cmd || args != c.args {
			t.Errorf("parseCommand(%q) = (%q, %q), want (%q, %q)", c.text, cmd, args, c.cmd, c.args)
		}
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/start", "/angka@tkpk_kaltim_bot Samarinda", "/x@y", "/\n\n", "plain", "/a b\tc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, args := parseCommand(text, "tkpk_kaltim_bot")
		if !strings.HasPrefix(text, "/") && (cmd != "" || args != "") {
			t.Fatalf("non-command %q parsed as %q", text, cmd)
		}
		if cmd == ignoreCommand {
			return
		}
		if strings.ContainsAny(cmd, " \n\t@") {
			t.Fatalf("command %q from %q contains separators", cmd, text)
		}
		if cmd != strings.ToLower(cmd) {
			t.Fatalf("command %q not lower-cased", cmd)
		}
		if utf8.ValidString(text) && !utf8.ValidString(args) {
			t.Fatalf("args %q invalid UTF-8", args)
		}
	})
}
