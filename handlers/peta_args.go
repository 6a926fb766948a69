package handlers

import (
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/match"
)

// petaArgs is what "/peta [indikator] [periode]" asks for; a zero
// Period means "the latest period with the most regions".
type petaArgs struct {
	Indicator tkpkbot.IndicatorInfo
	Period    tkpkbot.Period
}

// petaProblem is why /peta's arguments cannot be read; the handler words
// it. Exactly one field is set.
type petaProblem struct {
	Period    error          // a period typed wrong ("2023-13", "maret")
	Unknown   string         // words that name no indicator
	RegionWas tkpkbot.Region // a region was named: the map shows all ten
}

func (p *petaProblem) Error() string {
	switch {
	case p.Period != nil:
		return p.Period.Error()
	case p.RegionWas.Code != "":
		return "peta shows every region, not " + p.RegionWas.Name
	}
	return "unknown indicator " + p.Unknown
}

// parsePetaArgs reads the indicator (any name match.Indicator knows, P0
// when none is typed) and an optional period before or after it.
func parsePetaArgs(args string, now time.Time) (petaArgs, *petaProblem) {
	text, p, err := splitRegionPeriod(args, now)
	if err != nil {
		return petaArgs{}, &petaProblem{Period: err}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return petaArgs{Indicator: indicatorInfo(tkpkbot.IndP0), Period: p}, nil
	}
	if info, ok := match.Indicator(text); ok {
		return petaArgs{Indicator: info, Period: p}, nil
	}
	if m := match.Region(text); m.Kind == match.Exact {
		return petaArgs{}, &petaProblem{RegionWas: m.Region}
	}
	return petaArgs{}, &petaProblem{Unknown: text}
}
