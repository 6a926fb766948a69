package reminders

import (
	"fmt"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

// MeetingDetails is the block every meeting message shares.
func MeetingDetails(m tkpkbot.Meeting, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b>\n🗓 %s", indo.Esc(m.Title), indo.DateTime(m.StartsAt.In(loc)))
	if strings.TrimSpace(m.Location) != "" {
		fmt.Fprintf(&b, "\n📍 %s", indo.Esc(m.Location))
	}
	return b.String()
}

// Until says how far away t is in words: "2 jam lagi", "7 hari lagi".
// It rounds to the nearest unit people use, because "1 hari 23 jam" in a
// reminder reads as noise.
func Until(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "sebentar lagi"
	case d < time.Hour:
		return fmt.Sprintf("%d menit lagi", int((d+30*time.Second)/time.Minute))
	case d < 36*time.Hour:
		return fmt.Sprintf("%d jam lagi", int((d+30*time.Minute)/time.Hour))
	}
	return fmt.Sprintf("%d hari lagi", int((d+12*time.Hour)/(24*time.Hour)))
}

// summary is what a report summary names: the regions still missing.
type summary struct {
	missing []string
	total   int
	overdue string // follow-up tasks past due, per region; "" for none
}

// render builds the text of one delivery at now.
func render(d tkpkbot.Delivery, now time.Time, loc *time.Location, deadline time.Time, s summary) Message {
	msg := Message{ChatID: d.ChatID}
	m := d.Meeting
	switch d.Reminder.Kind {
	case tkpkbot.KindMeetingAnnounce:
		msg.HTML = "📣 <b>Undangan rapat</b>\n\n" + MeetingDetails(m, loc) +
			"\n\nMohon konfirmasi kehadiran dengan tombol di bawah. Daftar rapat: /rapat"
		msg.Keyboard = tkpkbot.MeetingKeyboard(m.ID)
	case tkpkbot.KindMeetingBefore:
		msg.HTML = fmt.Sprintf("⏰ <b>Pengingat rapat — %s</b>\n\n%s", Until(m.StartsAt.Sub(now)), MeetingDetails(m, loc))
		// Decided per recipient from the role and region read at claim
		// time, so a coordinator moved or removed since the reminder was
		// planned reads only what they may read now.
		private := d.Recipient.ID != 0 && d.ChatID == d.Recipient.ID
		if a := AgendaText(tkpkbot.AgendaFor(d.Agenda, d.Recipient, private)); a != "" {
			msg.HTML += "\n\n" + a
		}
		if d.Answer == tkpkbot.RSVPHadir {
			msg.HTML += "\n\nAnda sudah menyatakan <b>hadir</b>. Sampai jumpa!"
		} else {
			msg.HTML += "\n\nJawaban Anda: <b>" + d.Answer.Label() + "</b>. Ubah dengan tombol di bawah."
			msg.Keyboard = tkpkbot.MeetingKeyboard(m.ID)
		}
	case tkpkbot.KindMeetingCancel:
		msg.HTML = fmt.Sprintf("🚫 <b>Rapat dibatalkan</b>\n\n<s>%s</s>\n\nRapat ini tidak jadi diadakan. Hapus dari kalender Anda bila sudah ditambahkan.",
			MeetingDetails(m, loc))
	case tkpkbot.KindMaterialsRequest, tkpkbot.KindMaterialsBefore, tkpkbot.KindMaterialsMissing:
		msg.HTML = renderMaterials(d, now, loc)
	case tkpkbot.KindReportBefore:
		region := tkpkbot.RegionOfficial(d.Recipient.RegionCode)
		msg.HTML = fmt.Sprintf("📝 <b>Pengingat laporan mingguan</b>\n\nLaporan %s untuk %s belum dikirim.\nTenggat: <b>%s</b> (%s).\n\nKetik /lapor untuk mengisi. Matikan pengingat: /pengingat off",
			indo.Esc(region), indo.WeekLabel(d.Reminder.Week, loc), indo.DateTime(deadline.In(loc)), Until(deadline.Sub(now)))
	case tkpkbot.KindRegionUncovered:
		region, name := d.Reminder.Region, d.Reminder.Region
		if r, ok := tkpkbot.RegionByCode(region); ok {
			region, name = r.Official, r.Name
		}
		who := strings.TrimSpace(d.Reminder.Detail)
		if who == "" {
			who = "Koordinator terakhirnya"
		}
		msg.HTML = fmt.Sprintf("⚠️ <b>%s tanpa koordinator</b>\n\n%s tidak lagi menjadi koordinator, dan wilayah ini kini tidak punya koordinator untuk laporan mingguan.\n\nUndang koordinator baru: <code>/undang %s</code>",
			indo.Esc(region), indo.Esc(who), indo.Esc(name))
	case tkpkbot.KindFiguresNotice:
		msg.HTML = figuresNoticeHTML(d.Changes)
	case tkpkbot.KindReportSummary:
		head := fmt.Sprintf("📊 <b>Tenggat laporan lewat</b>\n%s — tenggat %s\n\n", indo.WeekLabel(d.Reminder.Week, loc), indo.DateTime(deadline.In(loc)))
		if len(s.missing) == 0 {
			msg.HTML = head + fmt.Sprintf("Semua %d wilayah sudah melapor. 👍", s.total)
		} else {
			msg.HTML = head + fmt.Sprintf("Belum melapor (%d dari %d wilayah): <b>%s</b>.\n\nLihat /rekap.",
				len(s.missing), s.total, indo.Esc(strings.Join(s.missing, ", ")))
		}
		msg.HTML += s.overdue
	}
	return msg
}
