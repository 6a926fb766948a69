package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
	"tkpkbot/figures"
	"tkpkbot/indo"
	"tkpkbot/match"
)

// cacheFigures puts the in-memory copy in front of the configured figure
// service. Replacing h.Figures, rather than only adding a field, sends
// imports through the cache too, so they reload it at once.
func (h *Handlers) cacheFigures() {
	if h.Figures == nil {
		return
	}
	c, ok := h.Figures.(*figures.Cache)
	if !ok {
		c = figures.NewCache(h.Figures, h.Log)
	}
	h.figs, h.Figures = c, c
}

// ReloadFigures refreshes the in-memory figures from the database. A
// failure keeps serving the previous copy and is logged here.
func (h *Handlers) ReloadFigures(ctx context.Context) {
	if h.figs == nil {
		return
	}
	if err := h.figs.Reload(ctx); err != nil {
		h.Log.Warn("figures: reload failed; serving the previous copy", "err", err)
	}
}

func (h *Handlers) angka(ctx context.Context, r *Request) error {
	text, p, ok := h.periodArgs(ctx, r, "/angka", "Samarinda")
	if !ok {
		return nil
	}
	reg, ok := h.chooseRegion(ctx, r, text, "angka", periodSuffix(p))
	if !ok {
		return nil
	}
	return h.sendCard(ctx, r, reg.Code, p, false)
}

// periodArgs splits the arguments of /angka and /peringkat into their
// words and a period. A period that cannot be read is answered with a
// line to type, the words lead followed by this year, and ok is false.
func (h *Handlers) periodArgs(ctx context.Context, r *Request, command, lead string) (string, tkpkbot.Period, bool) {
	now := h.Clock.Now().In(h.Location)
	text, p, err := splitRegionPeriod(r.Args, now)
	if err != nil {
		h.reply(ctx, r, argsProblem(err, command, lead+" "+strconv.Itoa(now.Year())))
		return "", tkpkbot.Period{}, false
	}
	return text, p, true
}

func periodSuffix(p tkpkbot.Period) string {
	if p.IsZero() {
		return ""
	}
	return ":" + p.Key()
}

func (h *Handlers) angkaButton(ctx context.Context, r *Request, data string) error {
	reg, rest, ok := parseRegionData(data)
	p, pok := parsePeriodData(rest)
	if !ok || !pok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	return h.sendCard(ctx, r, reg.Code, p, true)
}

// sendCard answers with a region's card, or says which periods exist when
// there is none for the one asked. A pressed button edits its own
// message, so old choices do not stay live.
func (h *Handlers) sendCard(ctx context.Context, r *Request, code string, p tkpkbot.Period, edit bool) error {
	c, err := h.figs.Card(ctx, code, p)
	if err != nil {
		return err
	}
	html, rows := cardHTML(c), cardButtons(c)
	switch rounds := yearRounds(c.Periods, p.Year); {
	case len(c.Figures) == 0 && len(c.Supporting) == 0:
		html, rows = noCardHTML(c, p)
	case p.IsYear() && len(rounds) >= 2:
		// A year asked for with both rounds: neither is picked.
		a, err := h.figs.Card(ctx, code, rounds[0])
		if err != nil {
			return err
		}
		b, err := h.figs.Card(ctx, code, rounds[len(rounds)-1])
		if err != nil {
			return err
		}
		html, rows = pairHTML(p.Year, a, b), pairButtons(a, b)
	}
	if edit {
		h.edit(ctx, r, html, rows...)
	} else {
		h.reply(ctx, r, html, rows...)
	}
	return nil
}

func noCardHTML(c tkpkbot.Card, asked tkpkbot.Period) (string, [][]tkpkbot.Button) {
	name := "<b>" + escape(c.Region.Official) + "</b>"
	if len(c.Periods) == 0 {
		return "Belum ada data untuk " + name + ".", nil
	}
	when := indo.PeriodLabel(asked)
	if asked.IsYear() {
		when = "tahun " + when
	}
	buttons := make([]tkpkbot.Button, len(c.Periods))
	for i, p := range c.Periods {
		buttons[i] = tkpkbot.Button{Text: indo.PeriodLabel(p), Data: angkaData(c.Region.Code, p)}
	}
	return fmt.Sprintf("Belum ada data %s untuk %s. Periode yang tersedia:", name, when), grid(2, buttons)
}

// chooseRegion reads a typed region. Only an exact match (name, alias,
// code, unique prefix) is acted on; otherwise it replies with buttons,
// whose data is prefix:code plus suffix, and returns false. A typo is
// never silently corrected: the user confirms "Maksud Anda".
func (h *Handlers) chooseRegion(ctx context.Context, r *Request, text, prefix, suffix string) (tkpkbot.Region, bool) {
	if strings.TrimSpace(text) == "" {
		h.reply(ctx, r, "Pilih wilayah:", regionButtons(tkpkbot.Regions, prefix, suffix)...)
		return tkpkbot.Region{}, false
	}
	m := match.Region(text)
	shown := "<b>" + escape(truncateRunes(text, 60)) + "</b>"
	switch m.Kind {
	case match.Exact:
		return m.Region, true
	case match.Suggest:
		h.reply(ctx, r, "Wilayah "+shown+" tidak ditemukan. Maksud Anda:", regionButtons(m.Candidates, prefix, suffix)...)
	case match.Ambiguous:
		h.reply(ctx, r, shown+" cocok dengan beberapa wilayah. Pilih salah satu:", regionButtons(m.Candidates, prefix, suffix)...)
	default:
		h.reply(ctx, r, "Wilayah "+shown+" tidak dikenal. Pilih wilayah:", regionButtons(tkpkbot.Regions, prefix, suffix)...)
	}
	return tkpkbot.Region{}, false
}

func regionButtons(regions []tkpkbot.Region, prefix, suffix string) [][]tkpkbot.Button {
	buttons := make([]tkpkbot.Button, len(regions))
	for i, reg := range regions {
		buttons[i] = tkpkbot.Button{Text: reg.Name, Data: prefix + ":" + reg.Code + suffix}
	}
	return grid(2, buttons)
}

// truncateRunes keeps echoed input short: the reply is about the region,
// not a place to repeat a pasted paragraph.
func truncateRunes(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// figureQuestion answers a question typed in private chat that names a
// region and an indicator, or a message that is only a region's name
// ("samarinda"), with the card /angka would give.
//
// Groups get neither: there a bare "Samarinda" is nearly always part of a
// conversation (where someone is, where the meeting is), and a card in
// reply to every such message would drown it; /angka works in groups for
// whoever wants a card there.
func (h *Handlers) figureQuestion(ctx context.Context, r *Request) (bool, error) {
	if !r.Private {
		return false, nil
	}
	if r.Text == "" && r.Update.Document != nil {
		return h.importHint(ctx, r), nil
	}
	q, ok := parseQuestion(r.Text)
	if !ok {
		if q.Region, q.Period, ok = parseRegionOnly(r.Text); !ok {
			return false, nil
		}
	}
	if h.formOpen(ctx, r) {
		return false, nil
	}
	p := q.Period
	if p.IsZero() && q.Indicator.Indicator != "" {
		var err error
		if p, err = h.periodWith(ctx, q.Region.Code, q.Indicator); err != nil {
			return true, err
		}
	}
	return true, h.sendCard(ctx, r, q.Region.Code, p, false)
}

// periodWith is the period to show for a question about one indicator
// without a period: the latest that has it, so "kemiskinan ekstrem
// kaltim" opens the year with extreme-poverty figures rather than the
// newest round, which has none. A yearly value or a supporting indicator
// (TPT's August) asks for its year, whose card carries it; zero when the
// indicator has no value, which means the latest card.
func (h *Handlers) periodWith(ctx context.Context, code string, info tkpkbot.IndicatorInfo) (tkpkbot.Period, error) {
	s, err := h.figs.Series(ctx, code, info.Indicator)
	if err != nil || len(s.Points) == 0 {
		return tkpkbot.Period{}, err
	}
	p := s.Points[len(s.Points)-1].Period
	if p.IsYear() || info.Supporting {
		return tkpkbot.Period{Year: p.Year}, nil
	}
	return p, nil
}

// formOpen reports an open /lapor form, whose steps take plain messages as
// answers. formAnswer comes before figureQuestion in routes.go, so an open
// form has normally taken the message already; this guard stays for any
// message the form lets through, because a coordinator describing
// "kemiskinan di Samarinda" is filling the form, not asking for figures.
// When unsure (database error), step aside too.
func (h *Handlers) formOpen(ctx context.Context, r *Request) bool {
	if h.Reports == nil {
		return false
	}
	_, err := h.Reports.Form(ctx, r.User.ID)
	return tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND
}
