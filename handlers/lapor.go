package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/metrics"
)

func (h *Handlers) lapor(ctx context.Context, r *Request) error {
	if f, err := h.Reports.Form(ctx, r.User.ID); err == nil && !h.expired(f) && f.RegionCode == r.User.RegionCode {
		h.reply(ctx, r, fmt.Sprintf("Anda masih punya formulir laporan yang belum selesai (langkah %s). Lanjutkan atau mulai dari awal?", stepLabel(f.Step)),
			[]tkpkbot.Button{{Text: "Lanjutkan", Data: "lapor:lanjut:" + f.Token}, {Text: "Mulai ulang", Data: "lapor:ulang"}})
		return nil
	} else if err != nil && tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		return err
	}
	return h.startForm(ctx, r)
}

func (h *Handlers) startForm(ctx context.Context, r *Request) error {
	week := tkpkbot.WeekOf(h.Clock.Now(), h.Location)
	// A sent report is never replaced by starting over: the coordinator
	// chooses to revise it, or nothing happens.
	if offered, err := h.offerRevision(ctx, r, week); offered || err != nil {
		return err
	}
	f, err := h.Reports.StartForm(ctx, r.User.ID, r.User.RegionCode, week)
	if err != nil {
		return err
	}
	followUps, err := h.startFollowUps(ctx, f)
	if err != nil {
		return err
	}
	reg, _ := tkpkbot.RegionByCode(f.RegionCode)
	deadline, _, off, err := h.weekInfo(ctx, week)
	if err != nil {
		return err
	}
	due := "Tenggat: " + indo.DateTime(deadline)
	if off {
		due = "Minggu ini libur: laporan tetap boleh dikirim dan tidak dihitung terlambat."
	}
	h.reply(ctx, r, fmt.Sprintf("📝 <b>Laporan mingguan %s</b>\n%s\n%s\n\n%s Ketik /batal untuk membatalkan.",
		escape(reg.Official), indo.WeekLabel(week, h.Location), due, questionsLine(followUps)))
	return h.ask(ctx, r, f)
}

func (h *Handlers) expired(f tkpkbot.ReportForm) bool {
	return h.Clock.Now().Sub(f.UpdatedAt) > tkpkbot.FormTTL
}

func stepLabel(step int) string {
	if step >= tkpkbot.StepSummary {
		return "ringkasan"
	}
	return fmt.Sprintf("%d dari %d", step, tkpkbot.Questions)
}

// ask shows the form's current step, or the summary with its buttons.
func (h *Handlers) ask(ctx context.Context, r *Request, f tkpkbot.ReportForm) error {
	if asked, err := h.askFollowUp(ctx, r, f); asked || err != nil {
		return err // last week's kendala and tindak lanjut come first
	}
	n := fmt.Sprintf("<b>Langkah %d/%d</b> — ", f.Step, tkpkbot.Questions)
	switch f.Step {
	case tkpkbot.StepActivities:
		text := n + "<b>Kegiatan minggu ini</b>\nTuliskan kegiatan penanggulangan kemiskinan minggu ini (minimal 3, maksimal 2.000 karakter).\nContoh: <i>Verifikasi data DTSEN di 3 kelurahan; rapat dengan Dinas Sosial.</i>"
		plan, err := h.Reports.PreviousPlan(ctx, f.RegionCode, f.Week)
		if err != nil {
			return err
		}
		if plan != "" {
			text += "\n\n📌 Rencana yang dilaporkan minggu lalu:\n<blockquote>" + escape(plan) + "</blockquote>"
		}
		h.reply(ctx, r, text)
	case tkpkbot.StepHouseholds:
		h.reply(ctx, r, n+"<b>Jumlah KK sasaran yang dijangkau minggu ini</b>\nHitung hanya KK yang dijangkau <b>minggu ini</b>, bukan jumlah sejak awal tahun. Tulis angka bulat. Contoh: <code>12</code>, <code>12 KK</code> atau <code>1.250</code>; tulis <code>0</code> jika belum ada.")
	case tkpkbot.StepBudget:
		h.reply(ctx, r, n+"<b>Realisasi anggaran minggu ini</b> (rupiah)\nContoh: <code>Rp1.250.000</code>, <code>1250000</code>, atau <code>1,25 jt</code>. Tulis <code>0</code> jika tidak ada.")
	case tkpkbot.StepObstacles:
		h.reply(ctx, r, n+"<b>Kendala</b> yang dihadapi\nTuliskan singkat (minimal 3 karakter), atau ketik <code>-</code> jika tidak ada kendala.")
	case tkpkbot.StepNextPlan:
		h.reply(ctx, r, n+"<b>Rencana minggu depan</b> (minimal 3 karakter)\nContoh: <i>Pendataan lanjutan di Kecamatan Sungai Kunjang.</i>")
	case tkpkbot.StepStrategy, tkpkbot.StepFunding:
		h.reply(ctx, r, n+choiceQuestion(f), choiceKeyboard(f)...)
	default:
		h.reply(ctx, r, h.summary(f)+h.formFollowUpLines(ctx, f.Token), formButtons(f.Token)...)
	}
	return nil
}

func formButtons(token string) [][]tkpkbot.Button {
	return [][]tkpkbot.Button{{{Text: "✅ Kirim", Data: "lapor:kirim:" + token}, {Text: "✏️ Ubah", Data: "lapor:ubah:" + token}, {Text: "✖️ Batal", Data: "lapor:batal:" + token}}}
}

func (h *Handlers) summary(f tkpkbot.ReportForm) string {
	reg, _ := tkpkbot.RegionByCode(f.RegionCode)
	return fmt.Sprintf("<b>Ringkasan laporan %s</b>\n%s\n\n%s\nPeriksa lagi, lalu pilih <b>Kirim</b>, <b>Ubah</b>, atau <b>Batal</b>.",
		escape(reg.Official), indo.WeekLabel(f.Week, h.Location), reportBody(f.Draft))
}

// reportBody is the answers as shown in summaries, recaps and the
// report group; a report sent before the form asked for strategies and
// funding shows "—" there.
func reportBody(r tkpkbot.Report) string {
	return fmt.Sprintf("1. <b>Kegiatan:</b> %s\n2. <b>KK dijangkau minggu ini:</b> %s KK\n3. <b>Realisasi anggaran:</b> %s\n4. <b>Kendala:</b> %s\n5. <b>Rencana minggu depan:</b> %s\n6. <b>Strategi:</b> %s\n7. <b>Sumber dana:</b> %s\n",
		escape(r.Activities), indo.Int(r.Households), indo.Rupiah(r.Budget), escape(r.Obstacles), escape(r.NextPlan),
		choiceText(tkpkbot.Strategies, r.Strategies), choiceText(tkpkbot.FundingSources, r.Funding))
}

// formAnswer takes a plain message as the answer to the open form's step.
// Bad input re-asks the same step; the form never advances on it.
func (h *Handlers) formAnswer(ctx context.Context, r *Request) (bool, error) {
	if !r.Private {
		return false, nil
	}
	f, err := h.Reports.Form(ctx, r.User.ID)
	if tkpkbot.ErrorCode(err) == tkpkbot.ENOTFOUND {
		return false, nil
	} else if err != nil {
		return true, err
	}
	if h.expired(f) {
		if _, err := h.Reports.CancelForm(ctx, r.User.ID); err != nil {
			return true, err
		}
		h.reply(ctx, r, "Formulir laporan Anda sudah kedaluwarsa karena tidak diisi selama 24 jam, jadi dibatalkan. Ketik /lapor untuk mulai lagi.")
		return true, nil
	}
	if !h.mayReport(ctx, r, f) {
		return true, nil
	}
	if f.LastUpdateID >= r.Update.ID {
		// A redelivered answer that was already applied: the crash may have
		// come before the next question was sent, so ask it (again).
		return true, h.ask(ctx, r, f)
	}
	if f.Step >= tkpkbot.StepSummary {
		h.reply(ctx, r, "Laporan Anda sudah lengkap. Pilih <b>Kirim</b>, <b>Ubah</b>, atau <b>Batal</b> pada ringkasan:")
		return true, h.ask(ctx, r, f)
	}
	if handled, err := h.followUpText(ctx, r, f); handled || err != nil {
		return true, err
	}
	if problem := setAnswer(&f, r.Text); problem != "" {
		h.reply(ctx, r, "⚠️ "+problem)
		return true, h.ask(ctx, r, f)
	}
	from := f.Step
	if f.Editing {
		f.Step, f.Editing = tkpkbot.StepSummary, false
	} else {
		f.Step++
	}
	f.LastUpdateID = r.Update.ID
	if err := h.Reports.SaveForm(ctx, f, from); errors.Is(err, tkpkbot.ErrFormMoved) {
		// Another answer reached this step first: this one belonged to a
		// step already answered, so it is not applied anywhere.
		now, err := h.Reports.Form(ctx, r.User.ID)
		if err != nil {
			return true, err
		}
		h.reply(ctx, r, "⚠️ Jawaban <i>"+escape(shortTitle(r.Text))+"</i> tidak dicatat karena langkah itu sudah terjawab oleh pesan sebelumnya.")
		return true, h.ask(ctx, r, now)
	} else if tkpkbot.ErrorCode(err) == tkpkbot.ECONFLICT {
		return true, nil // another replica applied this update first
	} else if err != nil {
		return true, err
	}
	return true, h.ask(ctx, r, f)
}

func (h *Handlers) cancelForm(ctx context.Context, r *Request) error {
	ok, err := h.Reports.CancelForm(ctx, r.User.ID)
	if err != nil {
		return err
	}
	if !ok {
		h.reply(ctx, r, "Tidak ada formulir yang sedang diisi.")
		return nil
	}
	h.reply(ctx, r, "Formulir laporan dibatalkan; tidak ada yang disimpan. Ketik /lapor untuk mulai lagi.")
	return nil
}

func (h *Handlers) laporButton(ctx context.Context, r *Request, data string) error {
	action, token, _ := strings.Cut(data, ":")
	switch action {
	case "kirim", "batal", "tetap":
		// They end the form, so a Selesai pressed meanwhile still waits.
	default:
		h.moveOn(ctx, r, true) // the form goes on: its answers are no note
	}
	if action == "ulang" {
		h.answer(ctx, r, "")
		if r.User.Role != tkpkbot.RoleKoordinator {
			h.reply(ctx, r, "Maaf, hanya koordinator kabupaten/kota yang bisa mengirim laporan.")
			return nil
		}
		return h.startForm(ctx, r)
	}
	switch action {
	case "revisi":
		return h.startRevision(ctx, r, token)
	case "tetap":
		h.answer(ctx, r, "Dibatalkan")
		h.edit(ctx, r, "Tidak ada yang diubah: laporan yang sudah dikirim tetap berlaku. Lihat dengan /laporanku.")
		return nil
	}
	f, err := h.Reports.Form(ctx, r.User.ID)
	if action == "kirim" && tkpkbot.ErrorCode(err) == tkpkbot.ENOTFOUND {
		return h.submit(ctx, r, tkpkbot.ReportForm{}, token) // a second press after success answers "sudah terkirim"
	}
	if ok, err := h.pressedForm(ctx, r, f, err, f.Token == strings.SplitN(token, ":", 2)[0]); !ok {
		return err
	}
	if h.expired(f) {
		h.answer(ctx, r, "")
		if _, err := h.Reports.CancelForm(ctx, r.User.ID); err != nil {
			return err
		}
		h.edit(ctx, r, "Formulir laporan ini kedaluwarsa (tidak diisi selama 24 jam). Ketik /lapor untuk mulai lagi.")
		return nil
	}
	switch action {
	case "lanjut":
		h.answer(ctx, r, "")
		return h.ask(ctx, r, f)
	case "kirim":
		return h.submit(ctx, r, f, token)
	case "batal":
		h.answer(ctx, r, "Dibatalkan")
		if _, err := h.Reports.CancelForm(ctx, r.User.ID); err != nil {
			return err
		}
		h.edit(ctx, r, "Formulir laporan dibatalkan; tidak ada yang disimpan. Ketik /lapor untuk mulai lagi.")
		return nil
	case "ubah":
		h.answer(ctx, r, "")
		var rows [][]tkpkbot.Button
		for i, name := range stepNames {
			rows = append(rows, []tkpkbot.Button{{Text: fmt.Sprintf("%d. %s", i+1, name), Data: fmt.Sprintf("lapor:langkah:%s:%d", f.Token, i+1)}})
		}
		h.edit(ctx, r, h.summary(f)+"\n\nBagian mana yang ingin diubah?", rows...)
		return nil
	case "langkah":
		_, stepText, _ := strings.Cut(token, ":")
		step, err := strconv.Atoi(stepText)
		if err != nil || step < tkpkbot.StepActivities || step > tkpkbot.Questions {
			h.answer(ctx, r, "Pilihan tidak dikenal.")
			return nil
		}
		h.answer(ctx, r, "")
		from := f.Step
		f.Step, f.Editing, f.LastUpdateID = step, true, r.Update.ID
		if err := h.Reports.SaveForm(ctx, f, from); tkpkbot.ErrorCode(err) == tkpkbot.ECONFLICT {
			return nil
		} else if err != nil {
			return err
		}
		h.edit(ctx, r, h.summary(f))
		return h.ask(ctx, r, f)
	case "pilih", "pilihok":
		return h.choiceButton(ctx, r, f, action == "pilihok", token)
	}
	h.answer(ctx, r, msgStaleButton)
	return nil
}

// submit sends the form f the Kirim press was checked against; f is zero
// when the form is already gone (a second press after success), and the
// store then answers with the report it became.
func (h *Handlers) submit(ctx context.Context, r *Request, f tkpkbot.ReportForm, token string) error {
	week := f.Week
	if week == (tkpkbot.Week{}) {
		week = tkpkbot.WeekOf(h.Clock.Now(), h.Location)
	}
	deadline, _, off, err := h.weekInfo(ctx, week)
	if err != nil {
		h.answer(ctx, r, "")
		return err
	}
	if off {
		deadline = time.Time{} // nothing is late in a week off
	}
	rep, again, err := h.Reports.SubmitForm(ctx, r.User.ID, token, deadline)
	if errors.Is(err, tkpkbot.ErrNotReporter) {
		h.answer(ctx, r, "Laporan tidak dikirim")
		h.edit(ctx, r, notReporterText(f.RegionCode, r.User))
		return nil
	} else if errors.Is(err, tkpkbot.ErrFormIncomplete) {
		return h.askMissing(ctx, r, f, err)
	} else if err != nil {
		h.answer(ctx, r, "")
		return err
	}
	if again {
		// A second press, or a redelivery after a crash that may have come
		// before the summary was replaced: show the sent report again. The
		// group copy is not repeated.
		h.answer(ctx, r, "Laporan ini sudah terkirim.")
	} else {
		h.answer(ctx, r, "Terkirim ✅")
	}
	if !again {
		metrics.ReportsSubmitted.WithLabelValues(rep.RegionCode, strconv.FormatBool(rep.Late), strconv.FormatBool(rep.Version > 1)).Inc()
	}
	reg, _ := tkpkbot.RegionByCode(rep.RegionCode)
	var note string
	switch {
	case rep.Version > 1 && rep.Late:
		note = fmt.Sprintf("Ini revisi ke-%d (versi sebelumnya tetap disimpan), dikirim setelah tenggat sehingga ditandai terlambat.", rep.Version-1)
	case rep.Version > 1:
		note = fmt.Sprintf("Ini revisi ke-%d; versi sebelumnya tetap disimpan.", rep.Version-1)
	case rep.Late:
		note = "Laporan diterima, tetapi dikirim setelah tenggat sehingga ditandai terlambat."
	}
	text := fmt.Sprintf("✅ <b>Laporan %s terkirim</b>\n%s\nDikirim %s\n\n%s",
		escape(reg.Official), indo.WeekLabel(rep.Week, h.Location), indo.DateTime(rep.SubmittedAt.In(h.Location)), reportBody(rep))
	fu, err := h.reportFollowUpLines(ctx, rep.ID)
	if err != nil {
		h.Log.Error("show the follow-up answers of a sent report", "report", rep.ID, "err", err)
	}
	text += fu
	if note != "" {
		text += "\n" + note
	}
	if !again {
		overtaken, err := h.overtakenNote(ctx, rep, f)
		if err != nil {
			h.Log.Error("check for a version sent meanwhile", "report", rep.ID, "err", err)
		}
		text += overtaken
	}
	h.edit(ctx, r, text)
	if h.ReportChat != 0 && !again {
		group := fmt.Sprintf("📥 <b>Laporan mingguan %s</b>%s\n%s\nOleh %s, %s\n\n%s",
			escape(reg.Official), statusTag(rep), indo.WeekLabel(rep.Week, h.Location), escape(displayName(r.User)),
			indo.DateTime(rep.SubmittedAt.In(h.Location)), reportBody(rep))
		if err := h.Send(ctx, h.ReportChat, group); err != nil {
			h.Log.Error("post report to REPORT_CHAT_ID failed", "chat", h.ReportChat, "report", rep.ID, "err", err)
		}
	}
	return nil
}

// mayReport re-checks, at the moment of acting, that the person is still
// the coordinator of the form's region; a form left from a role they no
// longer have is deleted and they are told why.
// pressedForm reports whether a button on the presser's form f (read
// with err) may change it: fits says the button is one of this form's,
// and the presser must still be its coordinator. Otherwise the press is
// answered, and err is what the failed read left to return.
func (h *Handlers) pressedForm(ctx context.Context, r *Request, f tkpkbot.ReportForm, err error, fits bool) (bool, error) {
	if err != nil || !fits {
		h.answer(ctx, r, "Formulir ini sudah tidak berlaku.")
		if err != nil && tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
			return false, err
		}
		return false, nil
	}
	return h.mayReport(ctx, r, f), nil
}

func (h *Handlers) mayReport(ctx context.Context, r *Request, f tkpkbot.ReportForm) bool {
	if r.User.Role == tkpkbot.RoleKoordinator && r.User.RegionCode == f.RegionCode {
		return true
	}
	if _, err := h.Reports.CancelForm(ctx, r.User.ID); err != nil {
		h.Log.Error("delete form of a former coordinator", "user", r.User.ID, "err", err)
	}
	h.Log.Info("form refused: role changed", "update_id", r.Update.ID, "user", r.User.ID, "form_region", f.RegionCode)
	h.answer(ctx, r, "Laporan tidak dikirim")
	h.reply(ctx, r, notReporterText(f.RegionCode, r.User))
	return false
}

func notReporterText(formRegion string, u tkpkbot.User) string {
	region := formRegion
	if reg, ok := tkpkbot.RegionByCode(formRegion); ok {
		region = reg.Official
	}
	now := "Peran Anda sekarang: <b>" + u.Role.Label() + "</b>"
	if reg, ok := tkpkbot.RegionByCode(u.RegionCode); ok && u.Role != tkpkbot.RoleNone {
		now += " " + escape(reg.Official)
	}
	return fmt.Sprintf("⚠️ Formulir ini untuk laporan <b>%s</b>, tetapi Anda bukan lagi koordinator wilayah itu. %s.\n\nLaporan tidak dikirim dan formulirnya dihapus.",
		escape(region), now)
}

func statusTag(r tkpkbot.Report) string {
	var tags []string
	if r.Version > 1 {
		tags = append(tags, "revisi")
	}
	if r.Late {
		tags = append(tags, "terlambat")
	}
	if len(tags) == 0 {
		return ""
	}
	return " (" + strings.Join(tags, ", ") + ")"
}
