package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/indo"
)

// laporFollowUpPrefix starts the data of the buttons that answer a /lapor
// follow-up question: "lfu:<form token>:<position>:<y|n|->".
const laporFollowUpPrefix = "lfu"

// startFollowUps snapshots a fresh form's questions about the region's
// open kendala and tindak lanjut; they are asked before the first step.
// It returns how many there are, for the form's opening line.
func (h *Handlers) startFollowUps(ctx context.Context, f tkpkbot.ReportForm) (int, error) {
	if h.FollowUps == nil {
		return 0, nil
	}
	qs, err := h.FollowUps.StartFormFollowUps(ctx, f.UserID, f.Token, f.RegionCode, f.Week)
	return len(qs), err
}

// questionsLine is the form's opening count: the follow-up questions come
// before the report's own.
func questionsLine(followUps int) string {
	if followUps == 0 {
		return fmt.Sprintf("Jawab %d pertanyaan berikut.", tkpkbot.Questions)
	}
	return fmt.Sprintf("Jawab %d pertanyaan tindak lanjut, lalu %d pertanyaan laporan.", followUps, tkpkbot.Questions)
}

// kendalaWhen names the week a kendala was reported, seen from the form's
// week: "Minggu lalu" only when it was.
func kendalaWhen(k, form tkpkbot.Week, loc *time.Location) string {
	if k.Next() == form {
		return "Minggu lalu"
	}
	return fmt.Sprintf("Minggu %d (%s)", k.Week, indo.ShortDate(k.Start(loc)))
}

// kendalaLabel is kendalaWhen of an open kendala of the form's region.
func (h *Handlers) kendalaLabel(ctx context.Context, f tkpkbot.ReportForm, id int64) string {
	ks, err := h.FollowUps.OpenKendala(ctx, f.RegionCode)
	if err != nil {
		h.Log.Error("load the week of a kendala", "kendala", id, "err", err)
	}
	for _, k := range ks {
		if k.ID == id {
			return kendalaWhen(k.Week, f.Week, h.Location)
		}
	}
	return "Kendala sebelumnya"
}

// pendingFollowUp is the form's first question not fully answered.
func (h *Handlers) pendingFollowUp(ctx context.Context, f tkpkbot.ReportForm) (tkpkbot.FollowUp, int, bool, error) {
	if h.FollowUps == nil || f.Step != tkpkbot.StepActivities || f.Editing {
		return tkpkbot.FollowUp{}, 0, false, nil
	}
	qs, err := h.FollowUps.FormFollowUps(ctx, f.Token)
	if err != nil {
		return tkpkbot.FollowUp{}, 0, false, err
	}
	for _, q := range qs {
		if !q.Complete() {
			return q, len(qs), true, nil
		}
	}
	return tkpkbot.FollowUp{}, len(qs), false, nil
}

// askFollowUp asks the next follow-up question, if any is left.
func (h *Handlers) askFollowUp(ctx context.Context, r *Request, f tkpkbot.ReportForm) (bool, error) {
	q, n, ok, err := h.pendingFollowUp(ctx, f)
	if !ok || err != nil {
		return false, err
	}
	data := func(v string) string {
		return fmt.Sprintf("%s:%s:%d:%s", laporFollowUpPrefix, f.Token, q.Position, v)
	}
	head := fmt.Sprintf("🔁 <b>Tindak lanjut %d/%d</b> — ", q.Position, n)
	if q.Answered {
		h.reply(ctx, r, head+"Catatan singkat (opsional)? Tulis satu baris, atau tekan <b>Tanpa catatan</b>.",
			[]tkpkbot.Button{{Text: "Tanpa catatan", Data: data("-")}})
		return true, nil
	}
	if q.Kind == tkpkbot.FollowUpKendala {
		h.reply(ctx, r, head+h.kendalaLabel(ctx, f, q.ItemID)+": <i>'"+escape(indo.Shorten(q.Text, 300))+"'</i> — sudah teratasi?",
			[]tkpkbot.Button{{Text: "✅ Sudah", Data: data("y")}, {Text: "⏳ Belum", Data: data("n")}})
		return true, nil
	}
	h.reply(ctx, r, head+"Tugas dari rapat: <i>'"+escape(indo.Shorten(q.Text, 300))+"'</i> — sudah selesai?",
		[]tkpkbot.Button{{Text: "✅ Selesai", Data: data("y")}, {Text: "⏳ Masih berjalan", Data: data("n")}})
	return true, nil
}

// followUpText takes a message while a follow-up question is open: the
// note, or a pointer to the buttons.
func (h *Handlers) followUpText(ctx context.Context, r *Request, f tkpkbot.ReportForm) (bool, error) {
	q, _, ok, err := h.pendingFollowUp(ctx, f)
	if !ok || err != nil {
		return ok, err
	}
	if !q.Answered {
		h.reply(ctx, r, "⚠️ Jawab dulu dengan tombol di bawah pertanyaan.")
		_, err := h.askFollowUp(ctx, r, f)
		return true, err
	}
	note := strings.TrimSpace(r.Text)
	switch {
	case strings.Contains(note, "\n"):
		h.reply(ctx, r, "⚠️ Catatan cukup satu baris.")
		_, err := h.askFollowUp(ctx, r, f)
		return true, err
	case utf8.RuneCountInString(note) > tkpkbot.MaxCloseNote:
		h.reply(ctx, r, fmt.Sprintf("⚠️ Catatan terlalu panjang (maksimal %d karakter).", tkpkbot.MaxCloseNote))
		_, err := h.askFollowUp(ctx, r, f)
		return true, err
	}
	if err := h.FollowUps.NoteFollowUp(ctx, f.Token, q.Position, note); err != nil && !errors.Is(err, tkpkbot.ErrFollowUpAnswered) {
		return true, err
	}
	// Recorded as applied, so a redelivery of this message cannot become
	// the answer of the step that follows.
	f.LastUpdateID = r.Update.ID
	if err := h.Reports.SaveForm(ctx, f, f.Step); err != nil && tkpkbot.ErrorCode(err) != tkpkbot.ECONFLICT {
		return true, err
	}
	return true, h.ask(ctx, r, f)
}

// laporFollowUpButton records Sudah/Belum (or Tanpa catatan) and goes on.
// Nothing closes here: the answers take effect when the report is sent.
func (h *Handlers) laporFollowUpButton(ctx context.Context, r *Request, data string) error {
	parts := strings.Split(data, ":")
	if len(parts) != 3 {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	pos, perr := strconv.Atoi(parts[1])
	f, err := h.Reports.Form(ctx, r.User.ID)
	if ok, err := h.pressedForm(ctx, r, f, err, perr == nil && f.Token == parts[0] && !h.expired(f)); !ok {
		return err
	}
	h.moveOn(ctx, r, true) // the form goes on: its next answer is no note
	switch parts[2] {
	case "y", "n":
		err = h.FollowUps.AnswerFollowUp(ctx, f.Token, pos, parts[2] == "y")
	case "-":
		err = h.FollowUps.NoteFollowUp(ctx, f.Token, pos, "")
	default:
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	if errors.Is(err, tkpkbot.ErrFollowUpAnswered) {
		h.answer(ctx, r, "Sudah dijawab.")
		return nil
	} else if err != nil {
		h.answer(ctx, r, "")
		return err
	}
	h.answer(ctx, r, "Dicatat")
	h.edit(ctx, r, h.answeredFollowUp(ctx, f.Token, pos))
	return h.ask(ctx, r, f)
}

// followUpLines words a form's or a report's answers, for the summary,
// the sent report and the report views; "" when there were none.
func followUpLines(qs []tkpkbot.FollowUp) string {
	var b strings.Builder
	for _, q := range qs {
		if !q.Answered {
			continue
		}
		what, state := "Kendala", "⏳ belum teratasi"
		if q.Done {
			state = "✅ teratasi"
		}
		if q.Kind == tkpkbot.FollowUpAction {
			what, state = "Tugas rapat", "⏳ masih berjalan"
			if q.Done {
				state = "✅ selesai"
			}
		}
		fmt.Fprintf(&b, "• %s <i>'%s'</i>: %s", what, escape(indo.Shorten(q.Text, 120)), state)
		if q.Note != "" {
			b.WriteString(" — " + escape(q.Note))
		}
		b.WriteString("\n")
	}
	if b.Len() == 0 {
		return ""
	}
	return "\n<b>Tindak lanjut minggu lalu</b>\n" + b.String()
}

func (h *Handlers) formFollowUpLines(ctx context.Context, token string) string {
	if h.FollowUps == nil {
		return ""
	}
	qs, err := h.FollowUps.FormFollowUps(ctx, token)
	if err != nil {
		h.Log.Error("load the follow-up answers of a form", "err", err)
		return ""
	}
	return followUpLines(qs)
}

func (h *Handlers) reportFollowUpLines(ctx context.Context, reportID int64) (string, error) {
	if h.FollowUps == nil {
		return "", nil
	}
	qs, err := h.FollowUps.ReportFollowUps(ctx, reportID)
	if err != nil {
		return "", fmt.Errorf("follow-up answers of report %d: %w", reportID, err)
	}
	return followUpLines(qs), nil
}

// answeredFollowUp replaces an answered question, so its buttons go and
// the chat shows what was answered.
func (h *Handlers) answeredFollowUp(ctx context.Context, token string, pos int) string {
	qs, err := h.FollowUps.FormFollowUps(ctx, token)
	if err != nil {
		h.Log.Error("load the follow-up answers of a form", "err", err)
	}
	for _, q := range qs {
		if q.Position == pos {
			return strings.TrimSpace(strings.TrimPrefix(followUpLines([]tkpkbot.FollowUp{q}), "\n<b>Tindak lanjut minggu lalu</b>\n"))
		}
	}
	return "Dicatat."
}
