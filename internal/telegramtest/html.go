package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

const (
	maxTextLength    = 4096
	maxCaptionLength = 1024
)

// parseHTML is a port of tdlib's do_parse_html (td/telegram/MessageEntity.cpp),
// which is what the Bot API runs for parse_mode=HTML, so error texts and byte
// offsets match what the real server answers. The one deliberate difference:
// unless allowBareAmp is set, a '&' that does not start an entity is an error.
// Telegram silently keeps it, which lets a bot that forgets to escape user
// input pass until someone types '<'; failing early proves the escaping.
func parseHTML(text string, allowBareAmp bool) (string, []models.MessageEntity, error) {
	// tdlib reads a NUL-terminated buffer and relies on text[len] == 0.
	at := func(i int) byte {
		if i < len(text) {
			return text[i]
		}
		return 0
	}
	type open struct {
		tag      string
		arg      string
		offset   int // UTF-16 offset in the result
		resultAt int // byte offset in the result
	}
	var (
		result   strings.Builder
		stack    []open
		entities []models.MessageEntity
		utf16Off int
	)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '&' {
			if r, n := decodeHTMLEntity(text, i); n > 0 {
				if r >= 0xD800 && r <= 0xDFFF {
					return "", nil, entityErr("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units")
				}
				result.WriteRune(r)
				utf16Off += utf16.RuneLen(r)
				i += n - 1
				continue
			}
			if !allowBareAmp {
				return "", nil, entityErr("Bare \"&\" at byte offset %d must be written as &amp; (telegramtest is stricter than Telegram here)", i)
			}
		}
		if c != '<' {
			if c&0xC0 != 0x80 { // first byte of a UTF-8 sequence
				utf16Off++
				if c >= 0xF0 {
					utf16Off++
				}
			}
			result.WriteByte(c)
			continue
		}

		begin := i
		i++
		if at(i) != '/' {
			for !isHTMLSpace(at(i)) && at(i) != '>' {
				i++
			}
			if at(i) == 0 {
				return "", nil, entityErr("Unclosed start tag at byte offset %d", begin)
			}
			tag := strings.ToLower(text[begin+1 : i])
			if !supportedTags[tag] {
				return "", nil, entityErr("Unsupported start tag \"%s\" at byte offset %d", tag, begin)
			}
			arg := ""
			for at(i) != '>' {
				for at(i) != 0 && isHTMLSpace(at(i)) {
					i++
				}
				if at(i) == '>' {
					break
				}
				attrBegin := i
				// Stopping at '>' is what lets "<blockquote expandable>" through.
				for !isHTMLSpace(at(i)) && at(i) != '=' && at(i) != '>' {
					i++
				}
				attr := text[attrBegin:i]
				if attr == "" {
					return "", nil, entityErr("Empty attribute name in the tag \"%s\" at byte offset %d", tag, begin)
				}
				for at(i) != 0 && isHTMLSpace(at(i)) {
					i++
				}
				if at(i) != '=' {
					if tag == "blockquote" && attr == "expandable" {
						arg = "1"
						continue
					}
					return "", nil, entityErr("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", tag, begin)
				}
				i++
				for at(i) != 0 && isHTMLSpace(at(i)) {
					i++
				}
				if at(i) == 0 {
					return "", nil, entityErr("Unclosed start tag \"%s\" at byte offset %d", tag, begin)
				}
				var value string
				if q := at(i); q != '\'' && q != '"' {
					tokenBegin := i
					for isASCIIAlnum(at(i)) || at(i) == '.' || at(i) == '-' {
						i++
					}
					value = strings.ToLower(text[tokenBegin:i])
					if !isHTMLSpace(at(i)) && at(i) != '>' {
						return "", nil, entityErr("Unexpected end of name token at byte offset %d", tokenBegin)
					}
				} else {
					i++
					var v strings.Builder
					for at(i) != q && at(i) != 0 {
						if at(i) == '&' {
							if r, n := decodeHTMLEntity(text, i); n > 0 {
								v.WriteRune(r)
								i += n
								continue
							}
						}
						v.WriteByte(text[i])
						i++
					}
					if at(i) == q {
						i++
					}
					value = v.String()
				}
				if at(i) == 0 {
					return "", nil, entityErr("Unclosed start tag at byte offset %d", begin)
				}
				switch {
				case tag == "a" && attr == "href":
					arg = value
				case tag == "code" && attr == "class" && strings.HasPrefix(value, "language-"):
					arg = value[len("language-"):]
				case tag == "span" && attr == "class" && strings.HasPrefix(value, "tg-"):
					arg = value[len("tg-"):]
				case tag == "tg-emoji" && attr == "emoji-id":
					arg = value
				case tag == "blockquote" && attr == "expandable":
					arg = "1"
				}
			}
			if tag == "span" && arg != "spoiler" {
				return "", nil, entityErr("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
			}
			stack = append(stack, open{tag: tag, arg: arg, offset: utf16Off, resultAt: result.Len()})
			continue
		}

		if len(stack) == 0 {
			return "", nil, entityErr("Unexpected end tag at byte offset %d", begin)
		}
		for !isHTMLSpace(at(i)) && at(i) != '>' {
			i++
		}
		endTag := text[begin+2 : i]
		for isHTMLSpace(at(i)) && at(i) != 0 {
			i++
		}
		if at(i) != '>' {
			return "", nil, entityErr("Unclosed end tag at byte offset %d", begin)
		}
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		// Compared case-sensitively, as tdlib does: "<B>x</B>" is refused.
		if endTag != "" && endTag != top.tag {
			return "", nil, entityErr("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.tag, endTag)
		}
		if utf16Off <= top.offset {
			continue
		}
		e := models.MessageEntity{Offset: top.offset, Length: utf16Off - top.offset}
		switch top.tag {
		case "b", "strong":
			e.Type = models.MessageEntityTypeBold
		case "i", "em":
			e.Type = models.MessageEntityTypeItalic
		case "u", "ins":
			e.Type = models.MessageEntityTypeUnderline
		case "s", "strike", "del":
			e.Type = models.MessageEntityTypeStrikethrough
		case "tg-spoiler", "span":
			e.Type = models.MessageEntityTypeSpoiler
		case "blockquote":
			e.Type = models.MessageEntityTypeBlockquote
			if top.arg != "" {
				e.Type = models.MessageEntityTypeExpandableBlockquote
			}
		case "tg-emoji":
			if id, err := strconv.ParseInt(top.arg, 10, 64); err != nil || id <= 0 || top.arg[0] == '+' {
				return "", nil, entityErr("Invalid custom emoji identifier specified")
			}
			e.Type, e.CustomEmojiID = models.MessageEntityTypeCustomEmoji, top.arg
		case "a":
			link := top.arg
			if link == "" {
				link = result.String()[top.resultAt:]
			}
			if !linkEntity(&e, link) {
				continue // tdlib drops links it cannot use instead of failing
			}
		case "pre":
			if n := len(entities); n > 0 && entities[n-1].Type == models.MessageEntityTypeCode &&
				entities[n-1].Offset == e.Offset && entities[n-1].Length == e.Length && entities[n-1].Language != "" {
				entities[n-1].Type = models.MessageEntityTypePre
				continue
			}
			e.Type = models.MessageEntityTypePre
		case "code":
			if n := len(entities); n > 0 && entities[n-1].Type == models.MessageEntityTypePre &&
				entities[n-1].Offset == e.Offset && entities[n-1].Length == e.Length && top.arg != "" {
				entities[n-1].Language = top.arg
				continue
			}
			e.Type, e.Language = models.MessageEntityTypeCode, top.arg
		}
		entities = append(entities, e)
	}
	if len(stack) > 0 {
		return "", nil, entityErr("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].tag)
	}
	for i := range entities {
		if entities[i].Type == models.MessageEntityTypeCode {
			entities[i].Language = "" // only pre keeps a language
		}
	}
	sortEntities(entities)
	return result.String(), entities, nil
}

// entityError keeps tdlib's capitalised messages, which Go style would
// otherwise reject for error strings.
type entityError string

func (e entityError) Error() string { return string(e) }

func entityErr(format string, args ...any) error {
	return entityError(fmt.Sprintf(format, args...))
}

var supportedTags = map[string]bool{
	"a": true, "b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "tg-spoiler": true, "tg-emoji": true, "span": true,
	"pre": true, "code": true, "blockquote": true,
}

// decodeHTMLEntity recognises exactly what tdlib does: &lt; &gt; &amp; &quot;
// and numeric references, with the ';' optional. n is the number of bytes
// consumed, 0 when text[pos:] is not an entity.
func decodeHTMLEntity(text string, pos int) (r rune, n int) {
	at := func(i int) byte {
		if i < len(text) {
			return text[i]
		}
		return 0
	}
	end := pos + 1
	var res uint32
	if at(pos+1) == '#' {
		end++
		if at(pos+2) == 'x' {
			end++
			for isHexDigit(at(end)) {
				res = res*16 + uint32(hexValue(at(end)))
				end++
				if res >= 0x10FFFF {
					return 0, 0
				}
			}
		} else {
			for at(end) >= '0' && at(end) <= '9' {
				res = res*10 + uint32(at(end)-'0')
				end++
				if res >= 0x10FFFF {
					return 0, 0
				}
			}
		}
		if res == 0 || end-pos >= 10 {
			return 0, 0
		}
	} else {
		for isASCIIAlpha(at(end)) {
			end++
		}
		switch text[pos+1 : end] {
		case "lt":
			res = '<'
		case "gt":
			res = '>'
		case "amp":
			res = '&'
		case "quot":
			res = '"'
		default:
			return 0, 0
		}
	}
	if at(end) == ';' {
		end++
	}
	return rune(res), end - pos
}

// linkEntity turns an <a href> into text_mention or text_link; false means
// Telegram would drop the link and keep only its text.
func linkEntity(e *models.MessageEntity, link string) bool {
	link = strings.TrimSpace(link)
	if rest, ok := strings.CutPrefix(link, "tg://user?id="); ok {
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || id <= 0 {
			return false
		}
		e.Type, e.User = models.MessageEntityTypeTextMention, &models.User{ID: id}
		return true
	}
	if link == "" || strings.ContainsAny(link, " \t\r\n") {
		return false
	}
	if !strings.Contains(link, "://") && !strings.HasPrefix(link, "tg:") && !strings.HasPrefix(link, "mailto:") {
		link = "http://" + link
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "" && u.Scheme != "tg") {
		return false
	}
	e.Type, e.URL = models.MessageEntityTypeTextLink, link
	return true
}

func sortEntities(entities []models.MessageEntity) {
	sort.SliceStable(entities, func(i, j int) bool {
		if entities[i].Offset != entities[j].Offset {
			return entities[i].Offset < entities[j].Offset
		}
		return entities[i].Length > entities[j].Length
	})
}

// formatted is message text as Telegram stores it: markup removed, styling
// moved into entities.
type formatted struct {
	text     string
	entities []models.MessageEntity
}

func (f formatted) equal(text string, entities []models.MessageEntity) bool {
	if f.text != text || len(f.entities) != len(entities) {
		return false
	}
	for i := range entities {
		a, b := f.entities[i], entities[i]
		if a.Type != b.Type || a.Offset != b.Offset || a.Length != b.Length || a.URL != b.URL ||
			a.Language != b.Language || a.CustomEmojiID != b.CustomEmojiID || (a.User == nil) != (b.User == nil) ||
			(a.User != nil && a.User.ID != b.User.ID) {
			return false
		}
	}
	return true
}

// formatText applies parse_mode (or explicit entities) and the whitespace
// trimming Telegram does, then enforces the length limit. kind is "text" or
// "caption" and selects the error wording.
func formatText(raw, parseMode, entitiesJSON string, limit int, kind string, allowBareAmp bool) (formatted, *APIError) {
	if !utf8.ValidString(raw) {
		return formatted{}, badRequest("%s must be encoded in UTF-8", kind)
	}
	var f formatted
	switch strings.ToLower(parseMode) {
	case "":
		f.text = raw
		if entitiesJSON != "" && entitiesJSON != "null" {
			if err := json.Unmarshal([]byte(entitiesJSON), &f.entities); err != nil {
				return formatted{}, badRequest("can't parse entities JSON object")
			}
		}
	case "html":
		text, entities, err := parseHTML(raw, allowBareAmp)
		if err != nil {
			return formatted{}, badRequest("can't parse entities: %v", err)
		}
		f.text, f.entities = text, entities
	case "markdown", "markdownv2":
		// Markdown is not validated: the bot under test uses HTML, and a
		// half-right Markdown parser would produce misleading failures.
		f.text = raw
	default:
		return formatted{}, badRequest("unsupported parse_mode")
	}
	f = trimFormatted(f)
	if utf16Len(f.text) > limit {
		if kind == "caption" {
			return formatted{}, badRequest("message caption is too long")
		}
		return formatted{}, badRequest("message is too long")
	}
	return f, nil
}

// trimFormatted strips leading and trailing whitespace as Telegram does
// ("hi\n" is stored as "hi") and moves entities so they still cover the same
// characters.
func trimFormatted(f formatted) formatted {
	const space = " \t\r\n"
	left := strings.TrimLeft(f.text, space)
	lead := utf16Len(f.text[:len(f.text)-len(left)])
	trimmed := strings.TrimRight(left, space)
	total := utf16Len(trimmed)
	var entities []models.MessageEntity
	for _, e := range f.entities {
		start, end := max(e.Offset-lead, 0), min(e.Offset+e.Length-lead, total)
		if end <= start {
			continue
		}
		e.Offset, e.Length = start, end-start
		entities = append(entities, e)
	}
	return formatted{text: trimmed, entities: entities}
}

// botCommandEntities finds commands the way tdlib's find_bot_commands does,
// anywhere in the text, so the bot sees exactly the entities a real client
// would produce, including "/cmd@botname" as a single entity.
func botCommandEntities(text string) []models.MessageEntity {
	var entities []models.MessageEntity
	isStop := func(r rune) bool { return isWordRune(r) || r == '/' || r == '<' || r == '>' }
	for i := 0; i < len(text); i++ {
		if text[i] != '/' {
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if isStop(prev) {
				continue
			}
		}
		end := i + 1
		for end < len(text) && isCommandByte(text[end]) {
			end++
		}
		if n := end - i - 1; n == 0 || n > 64 {
			i = end - 1
			continue
		}
		if end < len(text) && text[end] == '@' {
			userEnd := end + 1
			for userEnd < len(text) && isCommandByte(text[userEnd]) {
				userEnd++
			}
			if n := userEnd - end - 1; n >= 1 && n <= 32 {
				end = userEnd
			}
		}
		if end < len(text) {
			next, _ := utf8.DecodeRuneInString(text[end:])
			if isStop(next) {
				i = end - 1
				continue
			}
		}
		entities = append(entities, models.MessageEntity{
			Type:   models.MessageEntityTypeBotCommand,
			Offset: utf16Len(text[:i]),
			Length: utf16Len(text[i:end]),
		})
		i = end - 1
	}
	return entities
}

// utf16Len counts UTF-16 code units, the unit of every Telegram length limit
// and entity offset; an invalid UTF-8 byte is one U+FFFD, as on the wire.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// isHTMLSpace includes NUL because tdlib's is_space does, which is how its
// scanners stop at the end of the buffer.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0 || c == '\v' || c == '\f'
}

func isASCIIAlpha(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isASCIIAlnum(c byte) bool { return isASCIIAlpha(c) || (c >= '0' && c <= '9') }
func isHexDigit(c byte) bool   { return (c >= '0' && c <= '9') || ((c|0x20) >= 'a' && (c|0x20) <= 'f') }
func isCommandByte(c byte) bool {
	return isASCIIAlnum(c) || c == '_'
}
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func hexValue(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return (c | 0x20) - 'a' + 10
}
