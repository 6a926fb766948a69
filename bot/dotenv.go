package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// dotenvError names the file and the line and nothing of its content: the
// file holds the bot token and the database password, and an error ends up
// on the terminal, in journald and in bug reports.
type dotenvError struct {
	File   string
	Line   int
	Reason string
}

func (e *dotenvError) Error() string {
	return fmt.Sprintf("%s line %d: cannot be read (%s)", e.File, e.Line, e.Reason)
}

const maxDotenvLine = 1 << 20

// readDotenv reads a .env file. The syntax is the common subset that
// docker compose, systemd's EnvironmentFile and the shell agree on:
//
//	# comment
//	KEY=value            (an unquoted value ends at " #")
//	export KEY=value
//	KEY="value"          (\n \t \" \\ are escapes)
//	KEY='value'          (literal)
//
// One variable per line, no $VAR expansion. This replaces godotenv, whose
// errors quote the rest of the file.
func readDotenv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseDotenv(path, f)
}

func parseDotenv(name string, r io.Reader) (map[string]string, error) {
	vals := map[string]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxDotenvLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r") // files edited on Windows
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		key, val, reason := parseDotenvLine(line)
		if reason != "" {
			return nil, &dotenvError{name, n, reason}
		}
		if key != "" {
			vals[key] = val
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &dotenvError{name, n + 1, "line longer than 1 MiB"}
		}
		// An I/O error does not quote the file.
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return vals, nil
}

const expectKV = "expected KEY=value"

// parseDotenvLine returns an empty key for blank and comment lines, and a
// reason (never quoting the line) when the line is malformed.
func parseDotenvLine(line string) (key, val, reason string) {
	s := strings.TrimSpace(line)
	if s == "" || strings.HasPrefix(s, "#") {
		return "", "", ""
	}
	if rest, ok := strings.CutPrefix(s, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		s = strings.TrimSpace(rest)
	}
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return "", "", expectKV
	}
	k = strings.TrimSpace(k)
	if !validEnvName(k) {
		return "", "", expectKV + "; KEY is letters, digits and _"
	}
	v = strings.TrimLeft(v, " \t")
	switch {
	case strings.HasPrefix(v, `"`):
		val, rest, ok := unquoteDouble(v[1:])
		if !ok {
			return "", "", `the quote is not closed; expected KEY="value" on one line`
		}
		if !onlyComment(rest) {
			return "", "", `text after the closing quote; expected KEY="value"`
		}
		return k, val, ""
	case strings.HasPrefix(v, "'"):
		end := strings.IndexByte(v[1:], '\'')
		if end < 0 {
			return "", "", "the quote is not closed; expected KEY='value' on one line"
		}
		if !onlyComment(v[1+end+1:]) {
			return "", "", "text after the closing quote; expected KEY='value'"
		}
		return k, v[1 : 1+end], ""
	}
	// A # starts a comment only after a space, so a password may hold one.
	if v != "" && v[0] == '#' {
		return k, "", ""
	}
	for i := 1; i < len(v); i++ {
		if v[i] == '#' && (v[i-1] == ' ' || v[i-1] == '\t') {
			v = v[:i]
			break
		}
	}
	return k, strings.TrimRight(v, " \t"), ""
}

// unquoteDouble reads up to the closing quote of a double-quoted value and
// returns the value and what follows the quote.
func unquoteDouble(s string) (val, rest string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], true
		case c == '\\' && i+1 < len(s):
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '"', '\\', '$':
				b.WriteByte(s[i])
			default: // unknown escapes stay as written, like the shell
				b.WriteByte('\\')
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false
}

func onlyComment(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s == "" || s[0] == '#'
}

func validEnvName(k string) bool {
	if k == "" || k[0] >= '0' && k[0] <= '9' {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
