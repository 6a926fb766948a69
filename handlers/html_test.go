package handlers

import (
	"regexp"
	"strings"
)

// knownTag is every tag the handlers' own sentences use.
var knownTag = regexp.MustCompile(`</?(b|i|code|pre)>`)

// safeHTML reports whether s, once the handlers' own tags are taken out,
// holds no markup: what a user typed and is quoted back must have been
// escaped, or Telegram refuses the whole message.
func safeHTML(s string) bool {
	return !strings.ContainsAny(knownTag.ReplaceAllString(s, ""), "<>")
}
