package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
)

// stepNames label the Ubah buttons, one per question in step order.
var stepNames = [tkpkbot.Questions]string{"Kegiatan", "KK dijangkau", "Anggaran", "Kendala", "Rencana", "Strategi", "Sumber dana"}

// choiceText is a multi-select answer as a report shows it; "—" for a
// report sent before the form asked.
func choiceText(list []tkpkbot.Choice, codes []string) string {
	if len(codes) == 0 {
		return "—"
	}
	return escape(strings.Join(tkpkbot.ChoiceLabels(list, codes), ", "))
}

func choiceQuestion(f tkpkbot.ReportForm) string {
	if f.Step == tkpkbot.StepStrategy {
		return "<b>Strategi</b> kegiatan minggu ini (Inpres 4/2022)\nPilih satu atau lebih, lalu tekan <b>Lanjut</b>."
	}
	return "<b>Sumber dana</b> kegiatan minggu ini\nPilih satu atau lebih, lalu tekan <b>Lanjut</b>."
}

// choiceKeyboard is one button per choice, ticked when chosen, and
// Lanjut once at least one is: the step cannot be left empty.
func choiceKeyboard(f tkpkbot.ReportForm) [][]tkpkbot.Button {
	chosen := map[string]bool{}
	for _, c := range f.Chosen(f.Step) {
		chosen[c] = true
	}
	var rows [][]tkpkbot.Button
	for _, c := range tkpkbot.ChoicesOf(f.Step) {
		mark := "▫️ "
		if chosen[c.Code] {
			mark = "✅ "
		}
		rows = append(rows, []tkpkbot.Button{{Text: mark + c.Label, Data: fmt.Sprintf("lapor:pilih:%s:%d:%s", f.Token, f.Step, c.Code)}})
	}
	if f.Filled[f.Step] {
		rows = append(rows, []tkpkbot.Button{{Text: "Lanjut ▶", Data: fmt.Sprintf("lapor:pilihok:%s:%d", f.Token, f.Step)}})
	}
	return rows
}

// choiceButton toggles one choice, or with done leaves the step. laporButton
// has already matched the form's token and re-checked the role; the step
// in the data must still be the form's step, and SaveForm checks that
// again against a press handled at the same time (ErrFormMoved).
func (h *Handlers) choiceButton(ctx context.Context, r *Request, f tkpkbot.ReportForm, done bool, data string) error {
	parts := strings.Split(data, ":") // token, step[, code]
	step := 0
	if len(parts) >= 2 {
		step, _ = strconv.Atoi(parts[1])
	}
	if step != f.Step || tkpkbot.ChoicesOf(step) == nil || (!done && len(parts) != 3) {
		h.answer(ctx, r, "Tombol ini untuk langkah yang sudah lewat.")
		return h.ask(ctx, r, f)
	}
	if done && !f.Filled[step] {
		h.answer(ctx, r, "Pilih minimal satu dulu.")
		return nil
	}
	if !done {
		if err := f.Toggle(step, parts[2]); err != nil {
			h.answer(ctx, r, userMessage(err))
			return nil
		}
	} else if f.Editing {
		f.Step, f.Editing = tkpkbot.StepSummary, false
	} else {
		f.Step++
	}
	f.LastUpdateID = r.Update.ID
	switch err := h.Reports.SaveForm(ctx, f, step); {
	case errors.Is(err, tkpkbot.ErrFormMoved):
		h.answer(ctx, r, "Formulir sudah pindah langkah; pilihan ini tidak dicatat.")
		now, err := h.Reports.Form(ctx, r.User.ID)
		if err != nil {
			return err
		}
		return h.ask(ctx, r, now)
	case tkpkbot.ErrorCode(err) == tkpkbot.ECONFLICT:
		h.answer(ctx, r, "")
		return nil // this press was applied already (a redelivery or another replica)
	case tkpkbot.ErrorCode(err) == tkpkbot.ENOTFOUND:
		h.answer(ctx, r, "Formulir ini sudah tidak berlaku.")
		return nil
	case err != nil:
		h.answer(ctx, r, "")
		return err
	}
	h.answer(ctx, r, "")
	head := fmt.Sprintf("<b>Langkah %d/%d</b> — ", step, tkpkbot.Questions)
	if !done {
		h.edit(ctx, r, head+choiceQuestion(f), choiceKeyboard(f)...)
		return nil
	}
	// The question stays in the chat with what was chosen, without buttons.
	h.edit(ctx, r, head+strings.SplitN(choiceQuestion(tkpkbot.ReportForm{Step: step}), "\n", 2)[0]+": "+
		choiceText(tkpkbot.ChoicesOf(step), f.Chosen(step)))
	return h.ask(ctx, r, f)
}

// askMissing answers Kirim on a form with an unanswered step, as a
// revision of a report sent before the form asked for strategies: it
// asks that step, then returns to the summary.
func (h *Handlers) askMissing(ctx context.Context, r *Request, f tkpkbot.ReportForm, err error) error {
	var n *tkpkbot.NumberedError
	if !errors.As(err, &n) || n.N < tkpkbot.StepActivities || n.N > tkpkbot.Questions {
		h.answer(ctx, r, "")
		return err
	}
	h.answer(ctx, r, "Belum lengkap")
	from := f.Step
	f.Step, f.Editing, f.LastUpdateID = int(n.N), true, r.Update.ID
	if err := h.Reports.SaveForm(ctx, f, from); tkpkbot.ErrorCode(err) == tkpkbot.ECONFLICT {
		return nil
	} else if err != nil {
		return err
	}
	h.reply(ctx, r, fmt.Sprintf("Laporan belum dikirim: langkah <b>%s</b> belum dijawab.", stepNames[n.N-1]))
	return h.ask(ctx, r, f)
}
