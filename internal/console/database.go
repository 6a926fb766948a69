package console

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// devDBScript is the script `make run` asks for its database.
const devDBScript = "scripts/devdb.sh"

// database picks the console's database: DATABASE_URL (from the
// environment or .env) when set, otherwise what scripts/devdb.sh prints.
//
// Running the script, rather than computing its URL in Go, is deliberate:
// the script is the one definition of the project-local cluster (its port
// comes from a checksum of the checkout's path, TKPK_PG_PORT overrides it,
// and it falls back to the machine's cluster on 5432 when .data is
// unusable), and it also starts a cluster that is stopped, after a reboot
// for example, and creates the database. A copy of that logic here would
// drift from the script and could point the console at another database
// than `make run` uses, or at none. The script is looked for in the working
// directory first (`./tkpkbot console` in the checkout), then beside the
// binary; serve never does this, since production must name its database.
func database(ctx context.Context, configured string, stderr io.Writer) (dbURL, source string, err error) {
	if configured != "" {
		return configured, "DATABASE_URL", nil
	}
	script := findDevDBScript()
	if script == "" {
		return "", "", errors.New("DATABASE_URL is not set and " + devDBScript + " is not here: run the console from the checkout, or set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/tkpkbot")
	}
	fmt.Fprintf(stderr, "DATABASE_URL tidak diset: menanyakan %s (klaster PostgreSQL lokal proyek)…\n", script)
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "bash", script)
	cmd.Stdout, cmd.Stderr = &out, stderr
	if err := cmd.Run(); err != nil {
		return "", "", fmt.Errorf("%s: %w (set DATABASE_URL to skip it)", script, err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	dbURL = strings.TrimSpace(lines[len(lines)-1])
	if u, err := url.Parse(dbURL); err != nil || u.Scheme != "postgres" && u.Scheme != "postgresql" || u.Host == "" {
		return "", "", fmt.Errorf("%s printed %q, not a database URL", script, redactURL(dbURL))
	}
	return dbURL, devDBScript, nil
}

func findDevDBScript() string {
	dirs := []string{"."}
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			dirs = append(dirs, filepath.Dir(exe))
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, devDBScript)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			if abs, err := filepath.Abs(p); err == nil {
				return abs
			}
			return p
		}
	}
	return ""
}

// describeDatabase names a database for people, e.g. "tkpkbot di
// 127.0.0.1:54400": enough to tell two databases apart, never a password.
func describeDatabase(raw string) string {
	if cfg, err := pgconn.ParseConfig(raw); err == nil {
		return fmt.Sprintf("%s di %s:%d", cfg.Database, cfg.Host, cfg.Port)
	}
	return redactURL(raw)
}

// redactURL drops the user info, where a password would be.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(URL tidak terbaca)"
	}
	u.User = nil
	return u.String()
}
