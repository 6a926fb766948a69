package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/reminders"
)

// bahanFilePrefix is the data prefix of a status view's file buttons;
// bahanRemovePrefix that of the Hapus button on a "✓ Diterima".
const (
	bahanFilePrefix   = "bahanf"
	bahanRemovePrefix = "bahanhapus"
)

// maxMaterialButtons keeps the status view's keyboard on a phone screen;
// what does not fit is still listed in the text.
const maxMaterialButtons = 40

// bahan is /bahan in its three uses: an admin's request (with a deadline),
// the status view (admin, pengamat), and materials a coordinator or an
// admin sends (a file with the caption /bahan <nomor>, or text after it).
// Who may do which is read from the role at this moment.
func (h *Handlers) bahan(ctx context.Context, r *Request) error {
	now := h.Clock.Now()
	a, err := parseBahanArgs(r.Args, now, h.Location)
	if err != nil {
		h.reply(ctx, r, "⚠️ "+escape(userMessage(err))+"\n\n"+h.bahanUsage(ctx, r.User, now))
		return nil
	}
	kind, file := sentFile(r.Update)
	role := r.User.Role
	switch {
	case file != nil:
		return h.receiveMaterial(ctx, r, a.Meeting, kind, file, a.Rest)
	case a.Rest == "" && (role == tkpkbot.RoleAdmin || role == tkpkbot.RolePengamat):
		return h.materialsStatus(ctx, r, a.Meeting)
	case a.Rest == "":
		h.reply(ctx, r, fmt.Sprintf("Untuk mengirim bahan rapat #%d, <b>balas (reply) pesan permintaan bahan</b> dengan berkas, foto atau teks, atau kirim berkas dengan keterangan <code>/bahan %d</code>.", a.Meeting, a.Meeting))
		return nil
	case role == tkpkbot.RoleAdmin:
		return h.requestMaterials(ctx, r, a, now)
	case role == tkpkbot.RoleKoordinator:
		return h.receiveMaterial(ctx, r, a.Meeting, tkpkbot.MaterialText, nil, a.Rest)
	}
	h.reply(ctx, r, fmt.Sprintf("Sebagai %s Anda dapat melihat status bahan: <code>/bahan %d</code>. Meminta bahan dilakukan admin; mengirim bahan dilakukan koordinator wilayah.",
		escape(role.Label()), a.Meeting))
	return nil
}

// bahanUsage is what each role can type, with dates valid now.
func (h *Handlers) bahanUsage(ctx context.Context, u tkpkbot.User, now time.Time) string {
	id := h.exampleMeeting(ctx, u)
	switch u.Role {
	case tkpkbot.RoleAdmin:
		return fmt.Sprintf("Meminta bahan (tenggat bawaan pukul 16.00 WITA):\n<code>%s</code>\n\nStatus bahan: <code>/bahan %d</code>",
			escape(bahanExample(id, nil, now, h.Location)), id)
	case tkpkbot.RoleKoordinator:
		return fmt.Sprintf("Kirim bahan dengan membalas (reply) pesan permintaan bahan, atau kirim berkas dengan keterangan <code>/bahan %d</code>.", id)
	}
	return fmt.Sprintf("Status bahan rapat: <code>/bahan %d</code> (nomor rapat ada di /rapat).", id)
}

// exampleMeeting is the number of the soonest upcoming meeting, so an
// example can be copied as it is; 1 when there is none.
func (h *Handlers) exampleMeeting(ctx context.Context, u tkpkbot.User) int64 {
	ms, err := h.Meetings.UpcomingMeetings(ctx, u.ID)
	if err != nil || len(ms) == 0 {
		return 1
	}
	return ms[0].ID
}

// bahanExample is a request that is valid at now: the deadline two days
// before the meeting when that is still ahead, otherwise tomorrow.
func bahanExample(id int64, m *tkpkbot.Meeting, now time.Time, loc *time.Location) string {
	n := now.In(loc)
	day := time.Date(n.Year(), n.Month(), n.Day(), tkpkbot.DefaultMaterialsHour, 0, 0, 0, loc).AddDate(0, 0, 1)
	clock := ""
	if m != nil {
		s := m.StartsAt.In(loc)
		before := time.Date(s.Year(), s.Month(), s.Day(), tkpkbot.DefaultMaterialsHour, 0, 0, 0, loc).AddDate(0, 0, -2)
		switch {
		case before.After(now):
			day = before
		case day.After(m.StartsAt):
			// The meeting is within a day: an hour before it, if that is
			// still ahead.
			t := m.StartsAt.Add(-time.Hour).In(loc)
			day, clock = t, " "+indo.Time(t)
		}
	}
	return fmt.Sprintf("/bahan %d %s%s Paparan capaian penanggulangan kemiskinan %d", id, day.Format("2006-01-02"), clock, n.Year())
}

// requestMaterials is an admin's /bahan with a deadline.
func (h *Handlers) requestMaterials(ctx context.Context, r *Request, a bahanArgs, now time.Time) error {
	m, err := h.Meetings.Meeting(ctx, a.Meeting)
	if errors.Is(err, tkpkbot.ErrMeetingUnknown) {
		h.reply(ctx, r, "⚠️ "+escape(userMessage(err))+"\n\nContoh:\n<code>"+escape(bahanExample(h.exampleMeeting(ctx, r.User), nil, now, h.Location))+"</code>")
		return nil
	} else if err != nil {
		return err
	}
	example := "\n\nContoh:\n<code>" + escape(bahanExample(m.ID, &m, now, h.Location)) + "</code>\n(tanggal tenggat, jam WITA bila bukan 16.00, lalu bahan yang diminta)"
	if a.DateErr != nil {
		msg := "Tulis tenggatnya setelah nomor rapat."
		if !indo.IsBlank(a.DateErr) {
			msg = userMessage(a.DateErr) + " " + msg
		}
		h.reply(ctx, r, "⚠️ "+escape(msg)+example)
		return nil
	}
	q := tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: a.Request, Deadline: a.Deadline, CreatedBy: r.User.ID, SourceUpdate: r.Update.ID}
	if err := q.Validate(m, now); err != nil {
		h.reply(ctx, r, "⚠️ "+escape(h.requestProblem(err, q, m, now))+example)
		return nil
	}
	q, m, err = h.Materials.RequestMaterials(ctx, q)
	if err != nil {
		if c := tkpkbot.ErrorCode(err); c == tkpkbot.EINTERNAL || c == tkpkbot.EUNAVAILABLE {
			return err
		}
		h.reply(ctx, r, "⚠️ "+escape(h.requestProblem(err, q, m, now)))
		return nil
	}
	h.reply(ctx, r, fmt.Sprintf("📂 Permintaan bahan rapat <b>#%d</b> dicatat.\n\n%s\n\nDiminta: <b>%s</b>\nTenggat: <b>%s</b>\n\nPermintaan sedang dikirim ke koordinator semua wilayah. Wilayah yang belum mengirim diingatkan sebelum tenggat; saat tenggat admin menerima daftar yang belum. Status: <code>/bahan %d</code>",
		m.ID, reminders.MeetingDetails(m, h.Location), escape(q.Request), indo.DateTime(q.Deadline.In(h.Location)), m.ID))
	return nil
}

// requestProblem words a refused request with the times involved.
func (h *Handlers) requestProblem(err error, q tkpkbot.MaterialsRequest, m tkpkbot.Meeting, now time.Time) string {
	switch {
	case errors.Is(err, tkpkbot.ErrMaterialsDeadlinePast):
		return fmt.Sprintf("Tenggat %s sudah lewat (sekarang %s). Tulis tenggat yang akan datang.",
			indo.DateTime(q.Deadline.In(h.Location)), indo.DateTime(now.In(h.Location)))
	case errors.Is(err, tkpkbot.ErrMaterialsAfterMeeting):
		return fmt.Sprintf("Tenggat %s sesudah rapat #%d dimulai (%s). Pilih tenggat sebelum rapat.",
			indo.DateTime(q.Deadline.In(h.Location)), m.ID, indo.DateTime(m.StartsAt.In(h.Location)))
	case errors.Is(err, tkpkbot.ErrMaterialsUntitled):
		return "Bahan yang diminta belum ditulis. Tulis setelah tanggal (dan jam) tenggat."
	case errors.Is(err, tkpkbot.ErrMeetingStarted):
		return fmt.Sprintf("Rapat #%d sudah dimulai atau lewat; bahannya tidak bisa diminta lagi.", m.ID)
	}
	return userMessage(err)
}

// sentFile is the file a message carries: a document, or the largest
// size of a photo.
func sentFile(u *tkpkbot.Update) (tkpkbot.MaterialKind, *tkpkbot.Document) {
	switch {
	case u.Document != nil:
		return tkpkbot.MaterialDocument, u.Document
	case u.Photo != nil:
		return tkpkbot.MaterialPhoto, u.Photo
	}
	return tkpkbot.MaterialText, nil
}

// materialsReply reads a reply to a materials request (or its reminder)
// as materials for that meeting.
func (h *Handlers) materialsReply(ctx context.Context, r *Request) (bool, error) {
	if !r.Private || r.Update.ReplyTo == 0 || h.Materials == nil {
		return false, nil
	}
	id, ok, err := h.Materials.RequestOfMessage(ctx, r.ChatID, r.Update.ReplyTo)
	if err != nil || !ok {
		return ok, err
	}
	kind, file := sentFile(r.Update)
	if file == nil && strings.TrimSpace(r.Text) == "" {
		h.reply(ctx, r, "Bahan dikirim sebagai berkas, foto, atau teks, dengan membalas pesan permintaan bahan.")
		return true, nil
	}
	return true, h.receiveMaterial(ctx, r, id, kind, file, r.Text)
}

// receiveMaterial stores and confirms one material. The sender's role is
// the one they hold now, whatever message they answer.
func (h *Handlers) receiveMaterial(ctx context.Context, r *Request, meetingID int64, kind tkpkbot.MaterialKind, file *tkpkbot.Document, body string) error {
	if role := r.User.Role; role != tkpkbot.RoleKoordinator && role != tkpkbot.RoleAdmin {
		msg := "Bahan rapat hanya diterima dari koordinator wilayah atau admin. Peran Anda: " + role.Label() + "."
		if role == tkpkbot.RoleNone {
			msg += " Minta kode undangan ke admin provinsi, lalu ketik /daftar <kode>."
		}
		h.reply(ctx, r, escape(msg))
		return nil
	}
	m := tkpkbot.Material{MeetingID: meetingID, Sender: r.User, Kind: kind, Body: body, SourceUpdate: r.Update.ID}
	if file != nil {
		m.FileID, m.FileName, m.MimeType, m.FileSize = file.FileID, file.FileName, file.MimeType, file.FileSize
	}
	saved, err := h.Materials.AddMaterial(ctx, m)
	if errors.Is(err, tkpkbot.ErrMaterialTextShort) {
		// An answer such as "Baik, segera kami kirim" does not mark the
		// region as sent (nor stop its reminders); say what does.
		h.reply(ctx, r, notMaterialText(meetingID))
		return nil
	} else if err != nil {
		if c := tkpkbot.ErrorCode(err); c == tkpkbot.EINTERNAL || c == tkpkbot.EUNAVAILABLE {
			return err
		}
		h.reply(ctx, r, "⚠️ "+escape(userMessage(err)))
		return nil
	}
	text := fmt.Sprintf("✓ Diterima: %s untuk rapat %d", escape(materialLabel(saved)), saved.MeetingID)
	if reg, ok := tkpkbot.RegionByCode(saved.RegionCode); ok {
		text += " (" + escape(reg.Official) + ")"
	}
	h.reply(ctx, r, text+".\nAda berkas lain? Kirim dengan cara yang sama. Salah kirim? Tekan <b>Hapus</b> (sebelum rapat dimulai).",
		[]tkpkbot.Button{{Text: "🗑 Hapus", Data: idData(bahanRemovePrefix, saved.ID)}})
	return nil
}

// notMaterialText says why a short text was not recorded and what counts.
func notMaterialText(meetingID int64) string {
	return fmt.Sprintf("Pesan ini <b>tidak dicatat</b> sebagai bahan rapat #%d: bahan berupa teks harus berisi tautan (link) atau minimal %d karakter.\n\n"+
		"Kirim berkasnya, tautannya, atau teks bahan yang lebih lengkap dengan membalas pesan permintaan bahan, atau kirim berkas dengan keterangan <code>/bahan %d</code>.",
		meetingID, tkpkbot.MinMaterialText, meetingID)
}

// bahanRemoveButton is Hapus on a "✓ Diterima": the store re-checks who
// presses (the sender still a coordinator, or an admin) and that the
// meeting has not started. The message then says what the region has
// left, since reminders and the admins' list follow from that.
func (h *Handlers) bahanRemoveButton(ctx context.Context, r *Request, data string) error {
	id, ok := h.pressedID(ctx, r, data)
	if !ok {
		return nil
	}
	m, err := h.Materials.RemoveMaterial(ctx, id, r.User.ID)
	switch {
	case errors.Is(err, tkpkbot.ErrMaterialUnknown):
		h.answer(ctx, r, "Bahan ini sudah dihapus.")
		h.edit(ctx, r, "🗑 Bahan ini sudah dihapus.")
		return nil
	case errors.Is(err, tkpkbot.ErrMeetingStarted):
		h.answer(ctx, r, "Rapat sudah dimulai; bahannya tidak bisa dihapus lagi.")
		return nil
	case err != nil:
		if c := tkpkbot.ErrorCode(err); c == tkpkbot.EINTERNAL || c == tkpkbot.EUNAVAILABLE {
			return err
		}
		h.answer(ctx, r, userMessage(err))
		return nil
	}
	h.answer(ctx, r, "Bahan dihapus.")
	text := fmt.Sprintf("🗑 Dihapus: %s untuk rapat %d", escape(materialLabel(m)), m.MeetingID)
	reg, known := tkpkbot.RegionByCode(m.RegionCode)
	if known {
		text += " (" + escape(reg.Official) + ")"
	}
	text += "."
	s, err := h.Materials.MaterialsStatus(ctx, m.MeetingID)
	if err != nil {
		return err
	}
	left := 0
	for _, x := range s.Materials {
		if x.RegionCode == m.RegionCode {
			left++
		}
	}
	switch {
	case left > 0:
		text += fmt.Sprintf("\nMasih ada %d bahan lain dari wilayah ini.", left)
	case known && m.RegionCode != tkpkbot.ProvinceCode:
		text += fmt.Sprintf("\n%s kini tercatat <b>belum mengirim</b> bahan rapat #%d.", escape(reg.Official), m.MeetingID)
		if h.Clock.Now().Before(s.Request.Deadline) {
			text += " Pengingat bahan dikirim lagi sampai ada kiriman."
		}
	}
	h.edit(ctx, r, text+fmt.Sprintf("\n\nKirim bahan yang benar dengan membalas pesan permintaan bahan, atau kirim berkas dengan keterangan <code>/bahan %d</code>.", m.MeetingID))
	return nil
}

// materialLabel names a material in a line: its file name and size, or
// "foto", or the start of its text.
func materialLabel(m tkpkbot.Material) string {
	switch m.Kind {
	case tkpkbot.MaterialText:
		return fmt.Sprintf("teks (%s karakter)", indo.Int(int64(utf8.RuneCountInString(m.Body))))
	case tkpkbot.MaterialPhoto:
		return "foto (" + fileSize(m.FileSize) + ")"
	}
	name := m.FileName
	if name == "" {
		name = "berkas"
	}
	return name + " (" + fileSize(m.FileSize) + ")"
}

// fileSize is a size as people read it: 820 B, 120 KB, 1,4 MB.
func fileSize(n int64) string {
	switch {
	case n < 1024:
		return indo.Int(n) + " B"
	case n < 1024*1024:
		return indo.Int((n+512)/1024) + " KB"
	}
	return indo.Decimal(float64(n)/(1024*1024), 1) + " MB"
}

// materialsStatus is /bahan <nomor>: each region with what it sent or
// "belum", and a button per material that sends it back here.
func (h *Handlers) materialsStatus(ctx context.Context, r *Request, id int64) error {
	s, err := h.Materials.MaterialsStatus(ctx, id)
	if errors.Is(err, tkpkbot.ErrMaterialsNotRequested) && r.User.Role == tkpkbot.RoleAdmin {
		h.reply(ctx, r, escape(userMessage(err))+" Mintalah dengan:\n<code>"+escape(bahanExample(id, &s.Meeting, h.Clock.Now(), h.Location))+"</code>")
		return nil
	} else if err != nil {
		return err
	}
	byRegion := map[string][]tkpkbot.Material{}
	for _, m := range s.Materials {
		byRegion[m.RegionCode] = append(byRegion[m.RegionCode], m)
	}
	now := h.Clock.Now()
	var b strings.Builder
	fmt.Fprintf(&b, "📂 <b>Bahan rapat #%d</b>\n%s\n\nDiminta: <b>%s</b>\nTenggat: <b>%s</b>", s.Meeting.ID,
		reminders.MeetingDetails(s.Meeting, h.Location), escape(s.Request.Request), indo.DateTime(s.Request.Deadline.In(h.Location)))
	if !now.Before(s.Request.Deadline) {
		b.WriteString(" (sudah lewat)")
	} else {
		b.WriteString(" (" + reminders.Until(s.Request.Deadline.Sub(now)) + ")")
	}
	districts := tkpkbot.Districts()
	fmt.Fprintf(&b, "\n\n<b>%d dari %d wilayah sudah mengirim</b>\n", s.Regions(), len(districts))
	var buttons []tkpkbot.Button
	line := func(name string, ms []tkpkbot.Material) {
		if len(ms) == 0 {
			fmt.Fprintf(&b, "⬜ %s — belum\n", escape(name))
			return
		}
		labels := make([]string, len(ms))
		for i, m := range ms {
			labels[i] = materialLabel(m)
			if len(buttons) < maxMaterialButtons {
				buttons = append(buttons, tkpkbot.Button{
					Text: fmt.Sprintf("📎 %s: %s", shortTitle(name), shortTitle(materialLabel(m))),
					Data: idData(bahanFilePrefix, m.ID),
				})
			}
		}
		fmt.Fprintf(&b, "✓ <b>%s</b>: %s\n", escape(name), escape(strings.Join(labels, ", ")))
		// A text is read here, not behind a button: it is often a link.
		for _, m := range ms {
			if m.Kind == tkpkbot.MaterialText {
				fmt.Fprintf(&b, "<blockquote>%s</blockquote>\n", escape(textExcerpt(m.Body)))
			}
		}
	}
	for _, reg := range districts {
		line(reg.Official, byRegion[reg.Code])
		delete(byRegion, reg.Code)
	}
	var rest []tkpkbot.Material
	for _, ms := range byRegion {
		rest = append(rest, ms...)
	}
	if len(rest) > 0 {
		line("Provinsi / admin", rest)
	}
	if len(buttons) > 0 {
		b.WriteString("\nTekan tombol untuk menerima berkasnya di sini.")
	}
	h.reply(ctx, r, b.String(), grid(1, buttons)...)
	return nil
}

// Texts up to maxShownText characters appear whole in the status view;
// a longer one by its start, whole behind its 📎 button, so ten regions'
// texts stay a readable message or two.
const (
	maxShownText = 500
	shownStart   = 300
)

func textExcerpt(s string) string {
	if r := []rune(s); len(r) > maxShownText {
		return strings.TrimSpace(string(r[:shownStart])) + "… (selengkapnya: tombol 📎)"
	}
	return s
}

// bahanFileButton sends one material back to the presser's private chat
// by its file_id; the row has already checked the presser's role now.
func (h *Handlers) bahanFileButton(ctx context.Context, r *Request, data string) error {
	id, ok := h.pressedID(ctx, r, data)
	if !ok {
		return nil
	}
	m, err := h.Materials.Material(ctx, id)
	if errors.Is(err, tkpkbot.ErrMaterialUnknown) {
		h.answer(ctx, r, userMessage(err))
		return nil
	} else if err != nil {
		return err
	}
	h.answer(ctx, r, "")
	from := displayName(m.Sender)
	if reg, ok := tkpkbot.RegionByCode(m.RegionCode); ok {
		from = reg.Official + ", " + from
	}
	caption := fmt.Sprintf("Bahan rapat #%d dari %s, %s", m.MeetingID, from, indo.DateTime(m.SentAt.In(h.Location)))
	if m.Kind == tkpkbot.MaterialText {
		h.reply(ctx, r, escape(caption)+"\n\n"+escape(m.Body))
		return nil
	}
	if m.Body != "" {
		caption += "\n" + m.Body
	}
	if err := h.Telegram.SendFileID(ctx, r.ChatID, m.Kind == tkpkbot.MaterialPhoto, m.FileID, toCaption(caption)); err != nil {
		h.Log.Warn("material resend failed", "update_id", r.Update.ID, "material", m.ID, "err", err)
		h.reply(ctx, r, "Berkas ini tidak bisa dikirim ulang oleh Telegram saat ini. Coba lagi sebentar, atau minta wilayahnya mengirim ulang.")
	}
	return nil
}

// toCaption fits Telegram's 1024-character caption limit.
func toCaption(s string) string { return indo.Shorten(s, 1024) }
