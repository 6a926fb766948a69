package handlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"tkpkbot"
	"tkpkbot/figcsv"
	"tkpkbot/indo"
)

// maxImportBytes bounds a chat upload: about 20 000 rows, far more than
// the province publishes, and small enough to hold in memory.
const maxImportBytes = 2 << 20

const importHowTo = "Kirim berkas CSV ke chat ini dengan keterangan (caption) <code>/impor</code>, atau balas berkas yang sudah dikirim dengan <code>/impor</code>. Kolom: wilayah, periode, indikator, nilai, satuan, sumber."

func (h *Handlers) impor(ctx context.Context, r *Request) error {
	return importUpload(ctx, h, r, csvImport[tkpkbot.Figure]{
		command: "/impor", howTo: importHowTo, what: "figures", parse: figcsv.Parse,
		save: func(figs []tkpkbot.Figure) (tkpkbot.ImportResult, error) { return h.Figures.ImportFigures(ctx, figs) },
		done: importResultHTML,
	})
}

// csvImport is one import command: how its rows are read from the CSV,
// stored, and the result worded.
type csvImport[T any] struct {
	command, howTo string
	what           string // for the log: "figures", "targets"
	parse          func(io.Reader) ([]T, error)
	save           func([]T) (tkpkbot.ImportResult, error)
	done           func(tkpkbot.ImportResult) string
}

// importUpload runs an import on the CSV sent with its command: a file
// with rejected rows stores nothing and lists them, by the command to
// send it again with.
func importUpload[T any](ctx context.Context, h *Handlers, r *Request, c csvImport[T]) error {
	doc, data, err := h.uploadedCSV(ctx, r, c.howTo)
	if doc == nil || err != nil {
		return err
	}
	rows, err := c.parse(bytes.NewReader(data))
	var pe *figcsv.ParseError
	if errors.As(err, &pe) {
		h.reply(ctx, r, rejectedHTML(pe, c.command))
		return nil
	} else if err != nil {
		return err
	}
	res, err := c.save(rows)
	if err != nil {
		return err
	}
	h.Log.Info(c.what+" imported from chat", "update_id", r.Update.ID, "user", r.User.ID, "file", doc.FileName,
		"added", res.Added, "changed", res.Changed, "unchanged", res.Unchanged)
	h.reply(ctx, r, c.done(res))
	return nil
}

// uploadedCSV is the CSV sent with a command as caption or replied to
// with it, downloaded. Without one (or one that cannot be a CSV) the user
// is told howTo or why, and doc is nil.
func (h *Handlers) uploadedCSV(ctx context.Context, r *Request, howTo string) (*tkpkbot.Document, []byte, error) {
	doc := r.Update.Document
	if doc == nil {
		doc = r.Update.ReplyDocument
	}
	if doc == nil {
		h.reply(ctx, r, howTo)
		return nil, nil, nil
	}
	if problem := checkUpload(doc); problem != "" {
		h.reply(ctx, r, "❌ "+problem)
		return nil, nil, nil
	}
	data, err := h.download(ctx, doc.FileID)
	if err != nil {
		return nil, nil, err
	}
	return doc, data, nil
}

// checkUpload refuses what cannot be a figures CSV before downloading it.
// Windows labels CSV files application/vnd.ms-excel, so the name counts
// as much as the type.
func checkUpload(doc *tkpkbot.Document) string {
	name := escape(truncateRunes(doc.FileName, 60))
	ext := strings.ToLower(filepath.Ext(doc.FileName))
	mime := strings.ToLower(doc.MimeType)
	switch {
	case doc.FileSize > maxImportBytes:
		return fmt.Sprintf("Berkas %s terlalu besar (%s MB); batasnya %d MB. Bagi menjadi beberapa berkas.",
			name, indo.Decimal(float64(doc.FileSize)/(1<<20), 1), maxImportBytes>>20)
	case ext == ".xlsx" || ext == ".xls" || ext == ".ods":
		return "Berkas " + name + " adalah lembar kerja, bukan CSV. Di Excel pilih \"Simpan Sebagai\" → \"CSV UTF-8 (dipisahkan koma)\", lalu kirim berkas .csv-nya."
	case ext == ".csv" || ext == ".txt":
		return ""
	case mime == "text/csv" || mime == "text/plain" || mime == "text/comma-separated-values" || mime == "application/csv":
		return ""
	}
	return "Berkas " + name + " bukan CSV. " + importHowTo
}

// download fetches a file the user sent.
func (h *Handlers) download(ctx context.Context, fileID string) ([]byte, error) {
	data, err := h.Telegram.Download(ctx, fileID, maxImportBytes)
	if err != nil {
		unavailable := tkpkbot.Errorf(tkpkbot.EUNAVAILABLE, "Berkas tidak bisa diambil dari Telegram. Coba kirim ulang sebentar lagi.")
		return nil, errors.Join(unavailable, err)
	}
	if len(data) > maxImportBytes {
		return nil, tkpkbot.Errorf(tkpkbot.EINVALID, "Berkas terlalu besar; batasnya %d MB. Bagi menjadi beberapa berkas.", maxImportBytes>>20)
	}
	return data, nil
}

// rejectedHTML lists the rejected rows by the numbers a spreadsheet
// shows, so the admin can fix them all in one go, and sends them back to
// cmd. It names at most figcsv.MaxListed rows, and fewer when their
// reasons would not fit one message: a rejection split over several
// messages is hard to read, and a hostile file must not flood the chat.
func rejectedHTML(pe *figcsv.ParseError, cmd string) string {
	footer := "Perbaiki baris tersebut, lalu kirim ulang berkasnya dengan keterangan <code>" + cmd + "</code>."
	var b strings.Builder
	fmt.Fprintf(&b, "❌ <b>CSV ditolak</b>, tidak ada data yang disimpan: %s baris bermasalah.\n", indo.Int(int64(len(pe.Lines))))
	// Room for the footer and the longest possible "… dan N baris lain."
	budget := indo.MaxMessage - indo.UTF16Len(footer) - 40
	head, rest := pe.Head(figcsv.MaxListed)
	for i, l := range head {
		line := fmt.Sprintf("• baris %d: %s\n", l.Line, escape(l.Reason))
		if indo.UTF16Len(b.String())+indo.UTF16Len(line) > budget {
			rest += len(head) - i
			break
		}
		b.WriteString(line)
	}
	if rest > 0 {
		b.WriteString("… " + figcsv.More(rest) + ".\n")
	}
	b.WriteString(footer)
	return b.String()
}

func importResultHTML(res tkpkbot.ImportResult) string {
	s := fmt.Sprintf("✅ <b>Impor selesai</b>: %s angka baru, %s berubah, %s tidak berubah.",
		indo.Int(int64(res.Added)), indo.Int(int64(res.Changed)), indo.Int(int64(res.Unchanged)))
	if res.Added+res.Changed == 0 {
		return s + " Semua angka dalam berkas sudah tersimpan."
	}
	return s + " Semua replika bot memakai angka baru dalam beberapa detik."
}

// importHint answers a CSV sent without the /impor caption: admins
// probably meant to import it. Anyone else gets the usual reply.
func (h *Handlers) importHint(ctx context.Context, r *Request) bool {
	doc := r.Update.Document
	if r.User.Role != tkpkbot.RoleAdmin || checkUpload(doc) != "" {
		return false
	}
	h.reply(ctx, r, "Untuk mengimpor angka dari berkas ini, balas berkasnya dengan <code>/impor</code> (atau kirim ulang dengan keterangan /impor). Berkas target tahunan: balas dengan <code>/impor_target</code>.")
	return true
}
