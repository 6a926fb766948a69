package indo

import (
	"testing"
	"time"

	"tkpkbot"
)

func TestMonthAndDayNames(t *testing.T) {
	months := []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	for i, want := range months {
		if got := MonthName(time.Month(i + 1)); got != want {
			t.Errorf("MonthName(%d) = %q, want %q", i+1, got, want)
		}
	}
	days := []string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	for i, want := range days {
		if got := DayName(time.Weekday(i)); got != want {
			t.Errorf("DayName(%d) = %q, want %q", i, got, want)
		}
	}
	if got := MonthName(13); got != "13" {
		t.Errorf("MonthName(13) = %q, want the number", got)
	}
	if got := DayName(7); got != "7" {
		t.Errorf("DayName(7) = %q, want the number", got)
	}
}

func TestDateFormats(t *testing.T) {
	tm := time.Date(2024, 12, 16, 9, 0, 0, 0, wita)
	for _, tc := range []struct{ name, got, want string }{
		{"Date", Date(tm), "Senin, 16 Desember 2024"},
		{"ShortDate", ShortDate(tm), "16 Des 2024"},
		{"Time", Time(tm), "09.00"},
		{"DateTime", DateTime(tm), "Senin, 16 Desember 2024 pukul 09.00 WITA"},
		{"Date Jumat", Date(time.Date(2025, 8, 1, 0, 0, 0, 0, wita)), "Jumat, 1 Agustus 2025"},
		{"ShortDate Agu", ShortDate(time.Date(2025, 8, 1, 0, 0, 0, 0, wita)), "1 Agu 2025"},
		{"Time late", Time(time.Date(2025, 8, 1, 23, 59, 59, 0, wita)), "23.59"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestDateTimeZoneLabel(t *testing.T) {
	defer func(l string) { ZoneLabel = l }(ZoneLabel)
	tm := time.Date(2024, 12, 16, 16, 5, 0, 0, wita)
	ZoneLabel = ""
	if got, want := DateTime(tm), "Senin, 16 Desember 2024 pukul 16.05"; got != want {
		t.Errorf("DateTime without label = %q, want %q", got, want)
	}
}

func TestDateRange(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, wita) }
	for _, tc := range []struct {
		a, b time.Time
		want string
	}{
		{d(2024, 12, 9), d(2024, 12, 15), "9–15 Des 2024"},
		{d(2024, 9, 30), d(2024, 10, 6), "30 Sep–6 Okt 2024"},
		{d(2024, 12, 30), d(2025, 1, 5), "30 Des 2024–5 Jan 2025"},
		{d(2024, 12, 16), d(2024, 12, 16), "16 Des 2024"},
	} {
		if got := DateRange(tc.a, tc.b); got != tc.want {
			t.Errorf("DateRange(%v, %v) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestPeriodLabel(t *testing.T) {
	for _, tc := range []struct {
		p    tkpkbot.Period
		want string
	}{
		{tkpkbot.Period{Year: 2024, Month: 3}, "Maret 2024"},
		{tkpkbot.Period{Year: 2023}, "2023"},
		{tkpkbot.Period{Year: 2024, Month: 12, Day: 3}, "3 Desember 2024"},
		{tkpkbot.Period{Year: 2022, Month: 9}, "September 2022"},
		{tkpkbot.Period{Year: 2023, Month: 8}, "Agustus 2023"},
	} {
		if got := PeriodLabel(tc.p); got != tc.want {
			t.Errorf("PeriodLabel(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
	for _, tc := range []struct {
		p    tkpkbot.Period
		want string
	}{
		{tkpkbot.Period{Year: 2024, Month: 3}, "Mar 2024"},
		{tkpkbot.Period{Year: 2023, Month: 8}, "Agu 2023"},
		{tkpkbot.Period{Year: 2023}, "2023"},
		{tkpkbot.Period{Year: 2024, Month: 12, Day: 3}, "3 Des 2024"},
	} {
		if got := ShortPeriodLabel(tc.p); got != tc.want {
			t.Errorf("ShortPeriodLabel(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestWeekLabel(t *testing.T) {
	for _, tc := range []struct {
		w    tkpkbot.Week
		want string
	}{
		{tkpkbot.Week{Year: 2024, Week: 50}, "Minggu 50/2024 (9–15 Des 2024)"},
		{tkpkbot.Week{Year: 2025, Week: 1}, "Minggu 1/2025 (30 Des 2024–5 Jan 2025)"},
		{tkpkbot.Week{Year: 2024, Week: 40}, "Minggu 40/2024 (30 Sep–6 Okt 2024)"},
		{tkpkbot.Week{Year: 2020, Week: 53}, "Minggu 53/2020 (28 Des 2020–3 Jan 2021)"},
	} {
		if got := WeekLabel(tc.w, wita); got != tc.want {
			t.Errorf("WeekLabel(%v) = %q, want %q", tc.w, got, tc.want)
		}
		if got := WeekLabel(tc.w, nil); got != tc.want {
			t.Errorf("WeekLabel(%v, nil) = %q, want %q", tc.w, got, tc.want)
		}
	}
}
