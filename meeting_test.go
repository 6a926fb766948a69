package tkpkbot

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMeetingValidate(t *testing.T) {
	now := time.Date(2024, 12, 11, 10, 0, 0, 0, time.UTC)
	ok := Meeting{Title: "Rakor TKPK", Location: "Kantor Gubernur", StartsAt: now.Add(time.Hour)}
	for _, c := range []struct {
		name string
		edit func(*Meeting)
		want error
	}{
		{"valid", func(*Meeting) {}, nil},
		{"no title", func(m *Meeting) { m.Title = " " }, ErrMeetingUntitled},
		{"title at the limit", func(m *Meeting) { m.Title = strings.Repeat("é", MaxMeetingTitle) }, nil},
		{"title too long", func(m *Meeting) { m.Title = strings.Repeat("é", MaxMeetingTitle+1) }, ErrMeetingTitleLong},
		{"location too long", func(m *Meeting) { m.Location = strings.Repeat("a", MaxMeetingLocation+1) }, ErrMeetingLocationLong},
		{"now is past", func(m *Meeting) { m.StartsAt = now }, ErrMeetingPast},
		{"a year ahead", func(m *Meeting) { m.StartsAt = now.Add(MaxMeetingAhead) }, nil},
		{"beyond a year", func(m *Meeting) { m.StartsAt = now.Add(MaxMeetingAhead + time.Minute) }, ErrMeetingTooFar},
	} {
		m := ok
		c.edit(&m)
		if err := m.Validate(now); !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if err := m.Validate(now); err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("%s: code %s", c.name, ErrorCode(err))
		}
	}
}
