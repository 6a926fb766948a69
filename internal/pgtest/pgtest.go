// Package pgtest gives each test its own fresh PostgreSQL database, created
// from a template that already has the migrations applied, and drops it
// when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// AdminURL is the server to create test databases on: TEST_DATABASE_URL,
// else DATABASE_URL, else the local default.
func AdminURL() string {
	for _, k := range []string{"TEST_DATABASE_URL", "DATABASE_URL"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// Migrator prepares a fresh database given its URL; the store package
// passes its Migrate so pgtest does not import store.
type Migrator func(ctx context.Context, url string) error

// NewDatabase returns the URL of a new, empty-but-migrated database. A
// missing server fails the test: a skipped storage test proves nothing.
func NewDatabase(t testing.TB, migrate Migrator) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	admin := AdminURL()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("PostgreSQL needed for this test is not reachable at %s (run `make test`, which starts one): %v", redact(admin), err)
	}
	defer conn.Close(ctx)

	templateOnce.Do(func() {
		templateName = "tkpkbot_tpl_" + randHex(6)
		templateErr = createTemplate(ctx, conn, admin, templateName, migrate)
	})
	if templateErr != nil {
		t.Fatalf("prepare template database: %v", templateErr)
	}

	name := "tkpkbot_test_" + randHex(8)
	if _, err := conn.Exec(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, templateName)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name)); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return withDB(admin, name)
}

func createTemplate(ctx context.Context, conn *pgx.Conn, admin, name string, migrate Migrator) error {
	if _, err := conn.Exec(ctx, fmt.Sprintf(`CREATE DATABASE %s`, name)); err != nil {
		return fmt.Errorf("create: %w", err)
	}
	if err := migrate(ctx, withDB(admin, name)); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Templates must have no open sessions when copied; the migrator closed
	// its pool, and ALLOW_CONNECTIONS false keeps it that way.
	if _, err := conn.Exec(ctx, fmt.Sprintf(`ALTER DATABASE %s WITH ALLOW_CONNECTIONS false`, name)); err != nil {
		return fmt.Errorf("seal: %w", err)
	}
	cleanupTemplates = append(cleanupTemplates, name)
	return nil
}

var cleanupTemplates []string

// Main is the TestMain of a package whose tests make databases: it runs
// the tests, drops the templates they left and exits with their code.
func Main(m *testing.M) {
	code := m.Run()
	DropTemplates()
	os.Exit(code)
}

// DropTemplates removes the template databases; call it from TestMain
// after m.Run.
func DropTemplates() {
	if len(cleanupTemplates) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	for _, n := range cleanupTemplates {
		_, _ = conn.Exec(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, n))
	}
}

func withDB(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
