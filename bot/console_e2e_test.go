package main

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

// consoleProc is one `tkpkbot console` process driven line by line, as a
// person at a terminal would: type, read the answer, type again.
type consoleProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	in     io.WriteCloser
	stdout *syncBuf
	stderr *syncBuf
	seen   int // output before this offset was matched already
}

func startConsole(t *testing.T, dir string, env []string, args ...string) *consoleProc {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"console"}, args...)...)
	if dir == "" {
		dir = t.TempDir() // no stray .env, no scripts/devdb.sh
	}
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(), "TMPDIR=" + t.TempDir()}, env...)
	c := &consoleProc{t: t, cmd: cmd, stdout: &syncBuf{}, stderr: &syncBuf{}}
	cmd.Stdout, cmd.Stderr = c.stdout, c.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.in = in
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	return c
}

func (c *consoleProc) send(line string) {
	c.t.Helper()
	if _, err := io.WriteString(c.in, line+"\n"); err != nil {
		c.t.Fatalf("type %q: %v\n%s", line, err, c.stderr.String())
	}
}

// expect waits for pattern in the output not matched yet and returns the
// output up to the end of the match, with its submatches.
func (c *consoleProc) expect(pattern string) (string, []string) {
	c.t.Helper()
	re := regexp.MustCompile(pattern)
	deadline := time.Now().Add(20 * time.Second)
	for {
		out := c.stdout.String()[c.seen:]
		if loc := re.FindStringSubmatchIndex(out); loc != nil {
			c.seen += loc[1]
			var subs []string
			for i := 0; i < len(loc); i += 2 {
				if loc[i] >= 0 {
					subs = append(subs, out[loc[i]:loc[i+1]])
				} else {
					subs = append(subs, "")
				}
			}
			return out[:loc[1]], subs
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("console never printed %q; stdout since the last match:\n%s\nstderr:\n%s", pattern, out, c.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// say types a line and waits for what the bot's answer must contain.
func (c *consoleProc) say(line, pattern string) string {
	c.t.Helper()
	c.send(line)
	got, _ := c.expect(pattern)
	if strings.Contains(got, "belum ada balasan") {
		c.t.Fatalf("%q: console gave up waiting for the bot:\n%s", line, got)
	}
	return got
}

// quit ends the session with Ctrl-D and checks it exits 0.
func (c *consoleProc) quit() {
	c.t.Helper()
	c.in.Close()
	c.exited()
}

// exited waits for the process to end with status 0.
func (c *consoleProc) exited() {
	c.t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			c.t.Fatalf("console exit: %v\nstderr:\n%s", err, c.stderr.String())
		}
	case <-time.After(20 * time.Second):
		c.t.Fatalf("console did not exit\nstderr:\n%s", c.stderr.String())
	}
}

func TestTwoConsolesOnOneDatabaseInviteAndRegister(t *testing.T) {
	t.Parallel()
	db := "DATABASE_URL=" + dbtest.URL(t)
	admin := startConsole(t, "", []string{db}, "--user-id", "5000", "--name", "Rahmat")
	admin.expect(`Konsol tkpkbot — Anda: Rahmat \(ID 5000\), admin`)
	admin.say("/start", "Halo, Rahmat!")
	// The admin's console polls (and, before, held the poller lock) while
	// the coordinator's starts: the second must answer all the same.
	coord := startConsole(t, "", []string{db}, "--user-id", "5001", "--name", "Sari", "--admin=false")
	coord.expect(`Konsol tkpkbot — Anda: Sari \(ID 5001\)\.`)
	coord.say("/start", "Halo, Sari!")

	admin.send("/undang Samarinda")
	_, m := admin.expect(`/daftar ([A-Z0-9]{16})`)
	coord.say("/daftar "+m[1], `Selamat datang, Sari! Anda terdaftar sebagai koordinator untuk Kota Samarinda\.`)
	// Both sessions go on answering, each in its own terminal.
	coord.say("/lapor", `Laporan mingguan Kota Samarinda`)
	admin.say("/anggota", `Sari[^\n]*5001`)
	// A meeting invites every member, through whichever console's sweeper
	// holds the sender lock: Sari's copy shows once, in her console or as
	// a note in the admin's, which carried it.
	// a working day a month ahead: a holiday would ask for confirmation first
	d := time.Now().In(wita).AddDate(0, 1, 0)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || tkpkbot.FixedHolidayName(d) != "" {
		d = d.AddDate(0, 0, 1)
	}
	day := d.Format("2006-01-02")
	admin.say("/rapat_baru "+day+" 09:00 Rapat koordinasi", `Rapat #1 dijadwalkan`)
	sari := func() int {
		return strings.Count(admin.stdout.String(), "(bot → chat 5001: 📣 Undangan rapat") +
			strings.Count(coord.stdout.String(), "bot: 📣 Undangan rapat")
	}
	for deadline := time.Now().Add(30 * time.Second); sari() == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("Sari's invitation shown nowhere:\n%s\n---\n%s", admin.stdout.String(), coord.stdout.String())
		}
	}
	time.Sleep(time.Second)
	if n := sari(); n != 1 {
		t.Fatalf("Sari's invitation shown %d times:\n%s\n---\n%s", n, admin.stdout.String(), coord.stdout.String())
	}
	coord.say("/batal", `bot: `)
	admin.quit()
	coord.quit()
	for _, c := range []*consoleProc{admin, coord} {
		if out := c.stdout.String(); strings.Contains(out, "belum ada balasan") {
			t.Fatalf("a console went unanswered:\n%s", out)
		}
	}
}

func TestConsoleNamesItsDatabaseButNeverThePassword(t *testing.T) {
	t.Parallel()
	u, err := url.Parse(dbtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	secret, ok := u.User.Password()
	if !ok {
		// Test clusters trust local connections, so a password is sent
		// only if asked for: this one is there to be leaked, or not.
		secret = "s3cret-console-pw"
		u.User = url.UserPassword(u.User.Username(), secret)
	}
	c := startConsole(t, "", []string{"DATABASE_URL=" + u.String()}, "--user-id", "5002", "--name", "Wati")
	port := u.Port()
	if port == "" {
		port = "5432"
	}
	c.expect(regexp.QuoteMeta("Basis data: "+strings.TrimPrefix(u.Path, "/")+" di "+u.Hostname()+":"+port+" (dari DATABASE_URL)") + `\n`)
	c.say("/start", "Halo, Wati!")
	c.quit()
	if all := c.stdout.String() + c.stderr.String(); strings.Contains(all, secret) {
		t.Fatalf("password printed:\n%s", all)
	}
}

// Without DATABASE_URL the console asks scripts/devdb.sh, as `make run`
// does; a stand-in script here prints the test database's URL.
func TestConsoleWithoutDatabaseURLAsksDevDBScript(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.URL(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "scripts"), 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/usr/bin/env bash\necho 'devdb: stand-in' >&2\necho '" + dbURL + "'\n"
	if err := os.WriteFile(filepath.Join(dir, "scripts", "devdb.sh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c := startConsole(t, dir, nil, "--user-id", "5003", "--name", "Sari", "--admin=false")
	u, _ := url.Parse(dbURL)
	c.expect(`Basis data: ` + regexp.QuoteMeta(strings.TrimPrefix(u.Path, "/")) + ` di \S+ \(dari scripts/devdb.sh\)`)
	c.say("/start", "Halo, Sari!")
	c.quit()
	mustContain(t, c.stderr.String(), "devdb: stand-in")

	// Neither DATABASE_URL nor the script: one line saying what to do.
	p := startProc(t, nil, "console")
	if code, _ := p.wait(t, 10*time.Second); code == 0 {
		t.Fatal("console started without a database")
	}
	mustContain(t, p.stderr.String(), "DATABASE_URL is not set", "scripts/devdb.sh")
}

// registerCoordinator makes userID a coordinator of region, the way
// /daftar would.
func registerCoordinator(t *testing.T, dbURL string, userID int64, region string) {
	t.Helper()
	ctx := context.Background()
	db := dbtest.OpenURL(t, dbURL, store.Options{AdminIDs: []int64{adminID}})
	// invites are redeemable only while their maker is admin
	for _, u := range []tkpkbot.User{{ID: adminID, FirstName: "Admin"}, {ID: userID, FirstName: "Sari"}} {
		if _, err := db.Touch(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	inv, err := db.CreateInvite(ctx, adminID, tkpkbot.RoleKoordinator, region)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RedeemInvite(ctx, userID, inv.Code, false); err != nil {
		t.Fatal(err)
	}
}

func TestConsoleNumberAtTheKKStepIsTheAnswer(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.URL(t)
	registerCoordinator(t, dbURL, 5004, "6472") // Kota Samarinda
	c := startConsole(t, "", []string{"DATABASE_URL=" + dbURL}, "--user-id", "5004", "--name", "Sari", "--admin=false")
	// A chart with numbered buttons first: its "[2]" must not be what the
	// "2" below presses.
	c.say("/grafik Samarinda", `\[2\] P1\n`)
	c.say("/lapor", `Langkah 1/7`)
	c.say("Verifikasi data DTSEN di 3 kelurahan", `Langkah 2/7`)
	got := c.say("2", `Langkah 3/7`)
	if strings.Contains(got, "[foto") || strings.Contains(got, "P1") {
		t.Fatalf("2 at the KK step pressed the chart's button:\n%s", got)
	}
	c.say("0", `Langkah 4/7`)
	c.say("-", `Langkah 5/7`)
	c.say("Pendataan lanjutan di Sungai Kunjang", `Langkah 6/7`)
	c.say("2", `Lanjut`)
	c.say("4", `Langkah 7/7`)
	c.say("3", `Lanjut`)
	got = c.say("7", `\[1\] ✅ Kirim\n`)
	mustContain(t, got, "KK dijangkau minggu ini: 2 KK")
	// The summary's buttons are the newest message: now 1 presses Kirim.
	got = c.say("1", `Laporan Kota Samarinda terkirim`)
	if strings.Contains(got, "Jawaban") {
		t.Fatalf("1 at the summary was sent as text:\n%s", got)
	}
	c.quit()
}

func TestConsoleSavesFilesAndPrintsWhere(t *testing.T) {
	t.Parallel()
	c := startConsole(t, "", []string{"DATABASE_URL=" + dbtest.URL(t)}, "--user-id", "5005", "--name", "Rahmat")
	for _, step := range []struct{ line, kind, name, magic string }{
		{"/grafik Samarinda", "foto", `grafik-6472-p0\.png`, "\x89PNG"},
		{"/ekspor", "dokumen", `laporan-tkpk-\S+\.xlsx`, "PK"},
		{"/grafik Samarinda", "foto", `grafik-6472-p0\.png`, "\x89PNG"}, // the same name again
	} {
		c.send(step.line)
		got, m := c.expect(`bot: \[` + step.kind + ` (` + step.name + `), ([0-9.]+) byte\]\n +disimpan di (\S+)\n`)
		if regexp.MustCompile(`(?m)^bot: *$`).MatchString(got) {
			t.Fatalf("%s: an empty bot line:\n%s", step.line, got)
		}
		size, _ := strconv.Atoi(strings.ReplaceAll(m[2], ".", ""))
		path := m[3]
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: printed %s, which cannot be read: %v", step.line, path, err)
		}
		if len(data) != size || !bytes.HasPrefix(data, []byte(step.magic)) {
			t.Fatalf("%s: %s holds %d bytes starting %q, printed %d", step.line, path, len(data), data[:min(4, len(data))], size)
		}
		if filepath.Base(path) != m[1] && !strings.HasPrefix(filepath.Base(path), "grafik-6472-p0-") {
			t.Fatalf("%s: saved as %s, sent as %s", step.line, path, m[1])
		}
	}
	c.quit()
	// Both charts are kept: the second did not overwrite the first.
	out := c.stdout.String()
	paths := regexp.MustCompile(`disimpan di (\S+grafik\S+)`).FindAllStringSubmatch(out, -1)
	if len(paths) != 2 || paths[0][1] == paths[1][1] {
		t.Fatalf("two charts, paths %v", paths)
	}
}

func TestConsoleCtrlCQuitsAtThePrompt(t *testing.T) {
	t.Parallel()
	c := startConsole(t, "", []string{"DATABASE_URL=" + dbtest.URL(t)}, "--user-id", "5006")
	c.say("/start", "Halo, Tamu!")
	c.expect(`\n> $`)
	if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	c.exited() // stdin stays open: the signal alone ends the wait for a line
}

// An admin console may end before the coordinator's starts: the second
// console names only its own user, and must not take the first one's admin
// role (and with it the invite) away.
func TestConsoleStartedLaterKeepsTheOtherConsolesAdmin(t *testing.T) {
	t.Parallel()
	db := "DATABASE_URL=" + dbtest.URL(t)
	admin := startConsole(t, "", []string{db}, "--user-id", "5000", "--name", "Rahmat")
	admin.expect(`Konsol tkpkbot — Anda: Rahmat \(ID 5000\), admin`)
	admin.send("/undang Samarinda")
	_, m := admin.expect(`/daftar ([A-Z0-9]{16})`)
	admin.quit()
	coord := startConsole(t, "", []string{db}, "--user-id", "5001", "--name", "Sari", "--admin=false")
	coord.expect(`Konsol tkpkbot — Anda: Sari \(ID 5001\)\.`)
	coord.say("/daftar "+m[1], `Selamat datang, Sari!`)
	coord.quit()
}
