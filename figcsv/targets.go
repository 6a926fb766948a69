package figcsv

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"tkpkbot"
)

// The units of targets, read with the figures' number rules: whole
// numbers, "." or "," before three digits grouping thousands, "Rp" allowed
// before a budget. Neither has an upper bound: a province budget ceiling
// runs to trillions.
const (
	unitKK     = "KK"
	unitRupiah = "rupiah"
)

var targetColumns = [...]string{"tahun", "wilayah", "target", "nilai", "sumber"}

const (
	tcTahun = iota
	tcWilayah
	tcTarget
	tcNilai
	tcSumber
)

// targetKinds maps spellings of the target column to its kind.
var targetKinds = map[string]tkpkbot.TargetKind{
	"kk": tkpkbot.TargetKK, "kk sasaran": tkpkbot.TargetKK, "keluarga": tkpkbot.TargetKK,
	"anggaran": tkpkbot.TargetBudget, "pagu": tkpkbot.TargetBudget, "pagu anggaran": tkpkbot.TargetBudget,
}

// ParseTargets reads a targets CSV: columns tahun, wilayah, target (kk or
// anggaran), nilai and sumber, with the delimiter, encoding and number
// rules of Parse and the same all-or-nothing *ParseError.
func ParseTargets(r io.Reader) ([]tkpkbot.Target, error) {
	var (
		out  []tkpkbot.Target
		errs []LineError
		seen = map[string]int{}
	)
	fail := func(line int, reasons []string) {
		errs = append(errs, LineError{Line: line, Reason: strings.Join(reasons, "; ")})
	}
	err := readRows(r, targetColumns[:], func(line int, c []string) {
		t, reasons := targetRow(c)
		if len(reasons) == 0 {
			key := fmt.Sprintf("%d|%s|%s", t.Year, t.RegionCode, t.Kind)
			if first, dup := seen[key]; dup {
				reasons = append(reasons, fmt.Sprintf("baris ganda: sama dengan baris %d (tahun, wilayah dan target yang sama)", first))
			} else {
				seen[key] = line
			}
		}
		if len(reasons) > 0 {
			fail(line, reasons)
			return
		}
		out = append(out, t)
	}, fail)
	switch {
	case err != nil:
		return nil, err
	case len(errs) > 0:
		return nil, &ParseError{Lines: errs}
	case len(out) == 0:
		return nil, tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas hanya berisi judul kolom, tanpa baris data.")
	}
	return out, nil
}

// targetRow checks every cell of a row and reports all its problems.
func targetRow(c []string) (tkpkbot.Target, []string) {
	var (
		t       tkpkbot.Target
		reasons []string
	)
	if y, err := strconv.Atoi(c[tcTahun]); err != nil || y < 2000 || y > 2100 {
		if c[tcTahun] == "" {
			reasons = append(reasons, "tahun kosong")
		} else {
			reasons = append(reasons, fmt.Sprintf("tahun %s tidak dikenal (tulis empat angka, mis. 2025)", quote(c[tcTahun])))
		}
	} else {
		t.Year = y
	}
	var f tkpkbot.Figure
	if reason := parseRegion(c[tcWilayah], &f); reason != "" {
		reasons = append(reasons, reason)
	}
	t.RegionCode = f.RegionCode

	kind, ok := targetKinds[strings.Join(strings.Fields(strings.ToLower(c[tcTarget])), " ")]
	switch {
	case c[tcTarget] == "":
		reasons = append(reasons, "target kosong (tulis kk atau anggaran)")
	case !ok:
		reasons = append(reasons, fmt.Sprintf("target %s tidak dikenal (tulis kk atau anggaran)", quote(c[tcTarget])))
	default:
		t.Kind = kind
	}

	unit := unitKK
	if t.Kind == tkpkbot.TargetBudget {
		unit = unitRupiah
	}
	if v := strings.TrimSpace(c[tcNilai]); strings.HasPrefix(v, "-") || strings.HasPrefix(strings.ToLower(v), "rp-") || strings.HasPrefix(strings.ToLower(v), "rp -") {
		reasons = append(reasons, fmt.Sprintf("target negatif %s: target tidak boleh kurang dari 0", quote(c[tcNilai])))
	} else if v, _, reason := number(c[tcNilai], unit); reason != "" {
		reasons = append(reasons, reason)
	} else {
		t.Value = int64(v)
	}

	t.Source = c[tcSumber]
	switch {
	case t.Source == "":
		reasons = append(reasons, "sumber kosong")
	case utf8.RuneCountInString(t.Source) > maxSourceRunes:
		reasons = append(reasons, fmt.Sprintf("sumber terlalu panjang (lebih dari %d karakter)", maxSourceRunes))
	}
	return t, reasons
}
