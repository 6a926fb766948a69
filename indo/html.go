package indo

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// Esc makes s safe as text, or as a double-quoted attribute value, in
// Telegram's HTML parse mode; every user-typed string goes through it.
// Telegram needs nothing else escaped, and these four are the named
// entities it understands.
func Esc(s string) string { return htmlEscaper.Replace(s) }

// MaxMessage is Telegram's limit on the text of one message, counted in
// UTF-16 code units after entities are parsed; counting the raw HTML is
// stricter, so a part that fits here always fits there.
const MaxMessage = 4096

// Shorten cuts s to at most n characters, the last of them "…": for
// Telegram's limits (a toast, a caption) and for quoting long text back
// in a message or a reminder.
func Shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// UTF16Len is the length of s in UTF-16 code units, the unit of Telegram's
// limits: characters outside the Basic Multilingual Plane (most emoji)
// count twice. Each invalid UTF-8 byte counts once, as the U+FFFD it
// becomes on the wire.
func UTF16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		n += utf16.RuneLen(r)
	}
	return n
}

// Split cuts an HTML reply into parts of at most limit UTF-16 units
// (MaxMessage when limit ≤ 0; a limit of 1 is raised to 2, the size of the
// widest character). Text that fits comes back whole; empty text gives no
// parts.
//
// It cuts after a blank line if one lies in the second half of the part,
// else after a line break, else after a space, else between any two
// characters; never inside a character, a tag or an entity such as &amp;.
// Tags open at a cut are closed at the end of the part and reopened,
// attributes included, at the start of the next, so every part is valid
// for Telegram on its own. Nothing else is added or dropped: joining the
// parts and removing those added tags gives the input back.
//
// Only when the open tags alone leave no room (a limit far below any real
// one) does a part give up balancing, rather than exceed the limit.
func Split(text string, limit int) []string {
	pieces := splitPieces(text, limit)
	if pieces == nil {
		return nil
	}
	out := make([]string, len(pieces))
	for i, p := range pieces {
		out[i] = p.open + p.body + p.close
	}
	return out
}

// piece is one part of a split: body is a slice of the input, open and
// close are the tags added around it.
type piece struct{ open, body, close string }

func splitPieces(text string, limit int) []piece {
	switch {
	case limit <= 0:
		limit = MaxMessage
	case limit < 2:
		limit = 2
	}
	if text == "" {
		return nil
	}
	if UTF16Len(text) <= limit {
		return []piece{{body: text}}
	}
	var out []piece
	var open *openTag
	for pos := 0; pos < len(text); {
		var p piece
		p, pos, open = nextPiece(text, pos, open, limit)
		out = append(out, p)
	}
	return out
}

// Cut qualities, worst to best. best[k] in nextPiece holds the latest cut
// at least as good as k.
const (
	cutAny = iota
	cutSpace
	cutLine
	cutPara
	cutKinds
)

type cut struct {
	ok   bool
	pos  int      // byte offset in the text just after the cut
	size int      // UTF-16 length of the part if cut here, closing tags included
	open *openTag // tags open at the cut
}

// nextPiece takes the part starting at pos, where the tags in open are
// still open, and returns it with where the next part starts and the tags
// open there.
func nextPiece(text string, pos int, open *openTag, limit int) (piece, int, *openTag) {
	used := open.opensLen()
	cur := open
	i := pos
	var best [cutKinds]cut
	// blank means only white space since the last line break, so the
	// next one ends a blank line; a part that starts after a cut at a
	// line break starts on a fresh line.
	blank := pos > 0 && text[pos-1] == '\n'
	for i < len(text) {
		u := scanUnit(text, i)
		next := cur
		switch u.kind {
		case unitOpen:
			next = cur.push(u.name, text[i:u.end])
		case unitClose:
			next = cur.pop(u.name)
		}
		if used+u.n16+next.closesLen() > limit {
			break
		}
		prev := i
		used, i, cur = used+u.n16, u.end, next
		c := cut{ok: true, pos: i, size: used + cur.closesLen(), open: cur}

		quality := cutAny
		switch u.kind {
		case unitOpen:
			// Cutting right after an opening tag would leave it empty.
			continue
		case unitClose:
			// Moving a cut past a closing tag costs nothing (the tag
			// replaces the one we would add) and saves reopening a tag
			// only to close it again.
			for k := range best {
				if best[k].ok && best[k].pos == prev {
					best[k] = c
				}
			}
		case unitRune:
			switch u.r {
			case '\n':
				quality = cutLine
				if blank {
					quality = cutPara
				}
				blank = true
			case ' ', '\t', '\r':
				quality = cutSpace
			default:
				blank = false
			}
		default:
			blank = false
		}
		for k := cutAny; k <= quality; k++ {
			best[k] = c
		}
	}
	if i == len(text) {
		return piece{open: open.opens(), body: text[pos:]}, i, cur
	}

	k := chooseCut(&best, limit)
	if k < 0 {
		return rawPiece(text, pos, limit)
	}
	c := best[k]
	return piece{open: open.opens(), body: text[pos:c.pos], close: c.open.closes()}, c.pos, c.open
}

// chooseCut picks the best kind of cut found. A blank line near the start
// would waste most of the message, so a better kind wins only in the second
// half of the part; failing that, any cut will do. -1 means there is none.
func chooseCut(best *[cutKinds]cut, limit int) int {
	for k := cutKinds - 1; k >= 0; k-- {
		if best[k].ok && best[k].size >= limit/2 {
			return k
		}
	}
	for k := cutKinds - 1; k >= 0; k-- {
		if best[k].ok {
			return k
		}
	}
	return -1
}

// rawPiece fills a part without reopening or closing tags. It is the way
// out when the open tags alone leave no room: the length limit is what
// Telegram enforces, so it wins over balanced markup. No tags stay open
// afterwards, so later parts do not reopen what this one never closed.
func rawPiece(text string, pos, limit int) (piece, int, *openTag) {
	used, i := 0, pos
	for i < len(text) {
		u := scanUnit(text, i)
		if used+u.n16 > limit {
			break
		}
		used, i = used+u.n16, u.end
	}
	if i == pos {
		// A single tag or entity longer than the limit: cut between runes.
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if used+utf16.RuneLen(r) > limit {
				break
			}
			used, i = used+utf16.RuneLen(r), i+w
		}
	}
	return piece{body: text[pos:i]}, i, nil
}

type unitKind uint8

const (
	unitRune unitKind = iota
	unitEntity
	unitOpen
	unitClose
	unitTag // self-closing: changes nothing
)

// unit is the smallest piece of HTML a cut may not enter.
type unit struct {
	end  int // byte offset just after the unit
	n16  int // UTF-16 length
	kind unitKind
	r    rune   // for unitRune
	name string // lower-case tag name, for unitOpen and unitClose
}

func scanUnit(s string, i int) unit {
	switch s[i] {
	case '<':
		if u, ok := scanTag(s, i); ok {
			return u
		}
	case '&':
		if u, ok := scanEntity(s, i); ok {
			return u
		}
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	return unit{end: i + w, n16: utf16.RuneLen(r), kind: unitRune, r: r}
}

// maxTagLen bounds the search for a tag's '>': a longer tag could not fit
// in a message anyway, and the bound keeps a stray '<' in a long text from
// costing a scan to its end.
const maxTagLen = MaxMessage

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
}

// scanTag reads "<name ...>", "</name>" or "<name/>" at s[i]. A '<' that
// does not start such a tag is ordinary text.
func scanTag(s string, i int) (unit, bool) {
	j := i + 1
	closing := j < len(s) && s[j] == '/'
	if closing {
		j++
	}
	start := j
	for j < len(s) && isNameByte(s[j]) {
		j++
	}
	if j == start || !('a' <= s[start]|32 && s[start]|32 <= 'z') {
		return unit{}, false
	}
	name := strings.ToLower(s[start:j])
	var quote byte
	for end := min(len(s), i+maxTagLen); j < end; j++ {
		c := s[j]
		switch {
		case c == '<':
			// Even inside quotes: Telegram wants &lt; there, and stopping
			// keeps the scans of many stray '<' from overlapping.
			return unit{}, false
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			u := unit{end: j + 1, n16: UTF16Len(s[i : j+1]), name: name}
			switch {
			case closing:
				u.kind = unitClose
			case s[j-1] == '/':
				u.kind = unitTag
			default:
				u.kind = unitOpen
			}
			return u, true
		}
	}
	return unit{}, false
}

// scanEntity reads "&amp;", "&#39;" or "&#x1F600;" at s[i].
func scanEntity(s string, i int) (unit, bool) {
	const maxEntity = 32
	for j := i + 1; j < len(s) && j <= i+maxEntity; j++ {
		c := s[j]
		switch {
		case c == ';' && j > i+1:
			return unit{end: j + 1, n16: j + 1 - i, kind: unitEntity}, true
		case !(isNameByte(c) || c == '#') || c == '-':
			return unit{}, false
		}
	}
	return unit{}, false
}

// openTag is one entry of the stack of tags open at some point. Entries
// are immutable and share their parents, so remembering the stack at
// every candidate cut costs one pointer.
type openTag struct {
	parent   *openTag
	name     string
	tag      string // as written, so attributes such as href survive reopening
	openLen  int    // UTF-16 length of reopening this tag and its ancestors
	closeLen int    // UTF-16 length of closing this tag and its ancestors
}

func (t *openTag) opensLen() int {
	if t == nil {
		return 0
	}
	return t.openLen
}

func (t *openTag) closesLen() int {
	if t == nil {
		return 0
	}
	return t.closeLen
}

func (t *openTag) push(name, tag string) *openTag {
	return &openTag{
		parent:   t,
		name:     name,
		tag:      tag,
		openLen:  t.opensLen() + UTF16Len(tag),
		closeLen: t.closesLen() + len("</>") + len(name),
	}
}

// pop closes the innermost open tag called name, and any opened inside
// it; a closing tag that matches nothing open changes nothing.
func (t *openTag) pop(name string) *openTag {
	for s := t; s != nil; s = s.parent {
		if s.name == name {
			return s.parent
		}
	}
	return t
}

// opens reopens the stack, outermost first.
func (t *openTag) opens() string {
	if t == nil {
		return ""
	}
	n := 0
	for s := t; s != nil; s = s.parent {
		n += len(s.tag)
	}
	b := make([]byte, n)
	for s := t; s != nil; s = s.parent {
		n -= len(s.tag)
		copy(b[n:], s.tag)
	}
	return string(b)
}

// closes closes the stack, innermost first.
func (t *openTag) closes() string {
	var b strings.Builder
	for s := t; s != nil; s = s.parent {
		b.WriteString("</")
		b.WriteString(s.name)
		b.WriteByte('>')
	}
	return b.String()
}
