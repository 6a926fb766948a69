package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

// offerRevision tells a coordinator starting /lapor that the region's
// report for week is already sent, by whom and when, and offers to revise
// it; offered is false when there is none yet.
func (h *Handlers) offerRevision(ctx context.Context, r *Request, week tkpkbot.Week) (offered bool, err error) {
	vs, err := h.Reports.ReportVersions(ctx, r.User.RegionCode, week)
	if err != nil || len(vs) == 0 {
		return false, err
	}
	rep := vs[len(vs)-1]
	reg, _ := tkpkbot.RegionByCode(rep.RegionCode)
	who, err := h.senderName(ctx, rep.SubmittedBy)
	if err != nil {
		return false, err
	}
	if rep.SubmittedBy == r.User.ID {
		who = "Anda"
	}
	version := ""
	if len(vs) > 1 {
		version = fmt.Sprintf(" (versi %d)", rep.Version)
	}
	h.reply(ctx, r, fmt.Sprintf("📄 Laporan <b>%s</b> untuk %s sudah dikirim oleh <b>%s</b> pada %s%s:\n\n%s\n"+
		"Pilih <b>Revisi laporan ini</b> untuk mengubahnya: formulir baru berisi jawaban di atas, dan versi yang sekarang tetap tersimpan. Tanpa pilihan itu, tidak ada yang diganti.",
		escape(reg.Official), indo.WeekLabel(week, h.Location), escape(who), indo.DateTime(rep.SubmittedAt.In(h.Location)), version, reportBody(rep)),
		[]tkpkbot.Button{{Text: "✏️ Revisi laporan ini", Data: revisiData(week, rep.Version)}, {Text: "✖️ Batal", Data: "lapor:tetap"}})
	return true, nil
}

func revisiData(w tkpkbot.Week, version int) string {
	return "lapor:revisi:" + w.String() + ":" + strconv.Itoa(version)
}

// startRevision opens a form holding the answers of the region's report
// in force and shows its summary, where Ubah changes any step. The region
// is the presser's own now; the data only says which week and version the
// offer showed.
func (h *Handlers) startRevision(ctx context.Context, r *Request, data string) error {
	h.answer(ctx, r, "")
	if r.User.Role != tkpkbot.RoleKoordinator {
		h.reply(ctx, r, escape(h.commands["lapor"].refusal(r.User)))
		return nil
	}
	weekText, seenText, _ := strings.Cut(data, ":")
	w, ok := parseWeekKey(weekText)
	seen, err := strconv.Atoi(seenText)
	if !ok || err != nil {
		h.edit(ctx, r, "Tombol ini sudah tidak berlaku. Ketik /lapor untuk mulai lagi.")
		return nil
	}
	if w != tkpkbot.WeekOf(h.Clock.Now(), h.Location) {
		// Only this week's report is filled with /lapor; an offer from an
		// earlier week must not reopen that week.
		h.edit(ctx, r, "Tawaran revisi ini untuk "+indo.WeekLabel(w, h.Location)+", yang sudah lewat. Ketik /lapor untuk laporan minggu ini.")
		return nil
	}
	vs, err := h.Reports.ReportVersions(ctx, r.User.RegionCode, w)
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		return h.startForm(ctx, r)
	}
	rep := vs[len(vs)-1]
	f, err := h.Reports.StartRevision(ctx, r.User.ID, rep)
	if err != nil {
		return err
	}
	note := fmt.Sprintf("✏️ Revisi laporan minggu ini: formulir berisi jawaban versi %d. Ubah bagian yang perlu dengan <b>Ubah</b>, lalu <b>Kirim</b>.", rep.Version)
	if rep.Version > seen {
		who, err := h.senderName(ctx, rep.SubmittedBy)
		if err != nil {
			return err
		}
		note += fmt.Sprintf("\n⚠️ Sementara itu %s mengirim versi %d (%s); formulir memakai versi terbaru itu.",
			escape(who), rep.Version, indo.DateTime(rep.SubmittedAt.In(h.Location)))
	}
	h.edit(ctx, r, note)
	return h.ask(ctx, r, f)
}

// overtakenNote warns a coordinator whose Kirim came after a colleague's
// version that arrived while the form was open: versions are serialised,
// so nothing is lost, but theirs now stands over answers they never saw.
func (h *Handlers) overtakenNote(ctx context.Context, rep tkpkbot.Report, f tkpkbot.ReportForm) (string, error) {
	if rep.Version < 2 || f.StartedAt.IsZero() {
		return "", nil
	}
	vs, err := h.Reports.ReportVersions(ctx, rep.RegionCode, rep.Week)
	if err != nil {
		return "", err
	}
	for _, v := range vs {
		if v.Version == rep.Version-1 && v.SubmittedBy != rep.SubmittedBy && v.SubmittedAt.After(f.StartedAt) {
			who, err := h.senderName(ctx, v.SubmittedBy)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("\n⚠️ Saat Anda mengisi formulir ini, %s mengirim versi %d (%s). Laporan Anda menjadi versi %d yang berlaku; versi %d tetap tersimpan. Periksa dengan /laporanku.",
				escape(who), v.Version, indo.DateTime(v.SubmittedAt.In(h.Location)), rep.Version, v.Version), nil
		}
	}
	return "", nil
}
