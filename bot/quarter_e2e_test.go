package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const targetsCSV = "tahun;wilayah;target;nilai;sumber\n" +
	"2025;Samarinda;kk;200;RKPD Kota Samarinda 2025\n" +
	"2025;Samarinda;anggaran;Rp500.000.000;APBD 2025\n" +
	"2025;Bontang;kk;100;RKPD Kota Bontang 2025\n" +
	"2025;Paser;kk;400;RKPD Kabupaten Paser 2025\n"

func TestImporTargetInChatIsAllOrNothing(t *testing.T) {
	h := newHarness(t)
	bad := "tahun,wilayah,target,nilai,sumber\n2025,Atlantis,kk,10,x\n2025,Samarinda,kk,-3,x\n2025,Bontang,kk,5,x\n2025,6474,KK,6,y\n"
	got := texts(h.upload(adminID, "target.csv", []byte(bad), "/impor_target"))
	mustContain(t, got, "CSV ditolak", "3 baris bermasalah", `baris 2: wilayah "Atlantis" tidak dikenal`,
		"baris 3: target negatif", "baris 5: baris ganda: sama dengan baris 4", "/impor_target")
	if ts, _ := h.app.db.Targets(t.Context(), 2025); len(ts) != 0 {
		t.Fatalf("a rejected file stored %+v", ts)
	}
	mustContain(t, texts(h.upload(adminID, "target.csv", []byte(targetsCSV), "/impor_target")), "Target tersimpan", "4 baru")
	mustContain(t, texts(h.say(adminID, "Admin", "/impor_target")), "tahun,wilayah,target,nilai,sumber")
	ts, err := h.app.db.Targets(t.Context(), 2025)
	if err != nil || len(ts) != 4 {
		t.Fatalf("targets = %+v, %v", ts, err)
	}
	joinCoordinator(t, h, "Samarinda")
	mustContain(t, texts(h.upload(coordID, "target.csv", []byte(targetsCSV), "/impor_target")), "hanya untuk admin")
}

func TestImportTargetsCommand(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "target.csv"), filepath.Join(dir, "salah.csv")
	if err := os.WriteFile(good, []byte(targetsCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("tahun,wilayah,target,nilai,sumber\n2025,Paser,kk,10,x\n2025,Paser,kk,12,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "DATABASE_URL" {
			return h.cfg.DatabaseURL
		}
		return ""
	}
	cmd := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := runImportTargets(context.Background(), args, env, slog.New(slog.DiscardHandler), &out, &errOut)
		return code, out.String(), errOut.String()
	}
	if code, out, _ := cmd("--help"); code != 0 || !strings.Contains(out, "tkpkbot import-targets") {
		t.Fatalf("--help: %d %s", code, out)
	}
	if code, _, errOut := cmd("--check", bad); code != 1 || !strings.Contains(errOut, "baris 3: baris ganda: sama dengan baris 2") {
		t.Fatalf("bad file: exit %d, stderr %s", code, errOut)
	}
	if code, out, _ := cmd("--check", good); code != 0 || out != good+": 4 targets, all valid\n" {
		t.Fatalf("--check: %d %q", code, out)
	}
	if code, out, errOut := cmd(good); code != 0 || out != good+": 4 added, 0 changed, 0 unchanged\n" {
		t.Fatalf("import: exit %d, out %q, stderr %s", code, out, errOut)
	}
}
