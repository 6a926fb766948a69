package figcsv

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"tkpkbot"
)

func TestParseTargets(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []tkpkbot.Target
	}{
		{"comma", "tahun,wilayah,target,nilai,sumber\n2025,Samarinda,kk,1.200,RKPD 2025\n2025,6472,anggaran,Rp2.500.000.000,APBD 2025\n",
			[]tkpkbot.Target{tgt(2025, "6472", tkpkbot.TargetKK, 1200, "RKPD 2025"), tgt(2025, "6472", tkpkbot.TargetBudget, 2_500_000_000, "APBD 2025")}},
		// Excel with Indonesian settings: ";" and columns in another order.
		{"semicolon", "\uFEFFSumber;Nilai;Target;Wilayah;Tahun\nSK Bupati;850;KK;Kukar;2025\n",
			[]tkpkbot.Target{tgt(2025, "6403", tkpkbot.TargetKK, 850, "SK Bupati")}},
		{"pagu and grouping", "tahun,wilayah,target,nilai,sumber\n2026,Mahulu,Pagu,\"1,500,000\",DPA\n",
			[]tkpkbot.Target{tgt(2026, "6411", tkpkbot.TargetBudget, 1_500_000, "DPA")}},
	} {
		got, err := ParseTargets(strings.NewReader(c.in))
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, %v\nwant %+v", c.name, got, err, c.want)
		}
	}
}

func TestParseTargetsRejectsWithRowNumbers(t *testing.T) {
	in := "tahun,wilayah,target,nilai,sumber\n" +
		"2025,Atlantis,kk,10,x\n" + // 2
		"2025,Samarinda,kk,-5,x\n" + // 3
		"2025,Samarinda,kk,10,x\n" + // 4
		"2025,6472,KK,12,y\n" + // 5: same year, region and kind as 4
		"25,Bontang,orang,1.5,\n" + // 6
		"2025,Bontang,anggaran,Rp-100,z\n" // 7
	_, err := ParseTargets(strings.NewReader(in))
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	want := map[int][]string{
		2: {`wilayah "Atlantis" tidak dikenal`},
		3: {"target negatif", "tidak boleh kurang dari 0"},
		5: {"baris ganda: sama dengan baris 4"},
		6: {`tahun "25" tidak dikenal`, `target "orang" tidak dikenal`, "sumber kosong"},
		7: {"target negatif"},
	}
	if len(pe.Lines) != len(want) {
		t.Fatalf("rejected rows %+v", pe.Lines)
	}
	for _, l := range pe.Lines {
		for _, w := range want[l.Line] {
			if !strings.Contains(l.Reason, w) {
				t.Errorf("row %d: %q lacks %q", l.Line, l.Reason, w)
			}
		}
	}
	if tkpkbot.ErrorCode(err) != tkpkbot.EINVALID {
		t.Errorf("code %s", tkpkbot.ErrorCode(err))
	}
}

func TestParseTargetsWholeFile(t *testing.T) {
	for in, want := range map[string]string{
		"":                                    "Berkas kosong",
		"tahun,wilayah,target,nilai,sumber\n": "tanpa baris data",
		"tahun,wilayah,nilai\n2025,Paser,3\n": "kolom target, sumber tidak ada",
	} {
		_, err := ParseTargets(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

func FuzzParseTargets(f *testing.F) {
	f.Add("tahun,wilayah,target,nilai,sumber\n2025,Samarinda,kk,1.200,RKPD\n")
	f.Add("tahun;wilayah;target;nilai;sumber\n2025;6472;anggaran;Rp2.500.000;APBD\n2025;6472;anggaran;-1;APBD\n")
	f.Add("tahun,wilayah,target,nilai,sumber\n\"2025\n\",Kukar,\"kk\",\"1,5\",x\n")
	f.Fuzz(func(t *testing.T, in string) {
		ts, err := ParseTargets(strings.NewReader(in))
		if err != nil {
			if ts != nil {
				t.Fatal("targets with an error")
			}
			var pe *ParseError
			if errors.As(err, &pe) && len(pe.Lines) == 0 {
				t.Fatal("ParseError without rows")
			}
			return
		}
		seen := map[string]bool{}
		for _, x := range ts {
			if x.Value < 0 || x.Year < 2000 || x.Year > 2100 || x.Source == "" || (x.Kind != tkpkbot.TargetKK && x.Kind != tkpkbot.TargetBudget) {
				t.Fatalf("accepted %+v", x)
			}
			if _, ok := tkpkbot.RegionByCode(x.RegionCode); !ok {
				t.Fatalf("unknown region accepted: %+v", x)
			}
			k := x.RegionCode + string(x.Kind) + string(rune(x.Year))
			if seen[k] {
				t.Fatalf("duplicate accepted: %+v", x)
			}
			seen[k] = true
		}
	})
}

func tgt(year int, region string, kind tkpkbot.TargetKind, value int64, source string) tkpkbot.Target {
	return tkpkbot.Target{Year: year, RegionCode: region, Kind: kind, Value: value, Source: source}
}
