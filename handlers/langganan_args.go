package handlers

import (
	"strings"

	"tkpkbot"
	"tkpkbot/match"
)

// What "/langganan ..." asks for.
type subAction int

const (
	subShow   subAction = iota // no arguments: the current state, with buttons
	subOff                     // stop every notice
	subAll                     // every region, the province included
	subAdd                     // one more region
	subChoose                  // a region typed inexactly: Match says which
)

type subArgs struct {
	Action subAction
	Region tkpkbot.Region // subAdd
	Match  match.Result   // subChoose
	Text   string         // subChoose: as typed
}

var subOffWords = map[string]bool{"off": true, "mati": true, "matikan": true, "stop": true, "berhenti": true, "nonaktif": true, "batal": true}
var subAllWords = map[string]bool{"semua": true, "all": true, "semua wilayah": true, "seluruh": true, "seluruh wilayah": true}

// parseLangganan reads off/semua or one region name; anything else is a
// region as far as match.Region can tell, so its suggestions apply.
func parseLangganan(args string) subArgs {
	text := strings.Join(strings.Fields(strings.ToLower(args)), " ")
	switch {
	case text == "":
		return subArgs{Action: subShow}
	case subOffWords[text]:
		return subArgs{Action: subOff}
	case subAllWords[text]:
		return subArgs{Action: subAll}
	}
	m := match.Region(args)
	if m.Kind == match.Exact {
		return subArgs{Action: subAdd, Region: m.Region}
	}
	return subArgs{Action: subChoose, Match: m, Text: strings.TrimSpace(args)}
}
