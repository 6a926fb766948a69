package indo

import "strings"

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// Esc makes s safe as text, or as a double-quoted attribute value, in
// Telegram's HTML parse mode; every user-typed string goes through it.
// Telegram needs nothing else escaped, and these four are the named
// entities it understands.
func Esc(s string) string { return htmlEscaper.Replace(s) }
