package store_test

import (
	"os"
	"testing"

	"tkpkbot/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.DropTemplates()
	os.Exit(code)
}
