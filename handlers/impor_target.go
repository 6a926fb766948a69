package handlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"tkpkbot/figcsv"
	"tkpkbot/indo"
)

const targetHowTo = "Kirim berkas CSV ke chat ini dengan keterangan (caption) <code>/impor_target</code>, atau balas berkasnya dengan <code>/impor_target</code>.\n" +
	"Kolom: <code>tahun,wilayah,target,nilai,sumber</code>; target <code>kk</code> (KK yang dijangkau setahun) atau <code>anggaran</code> (pagu rupiah). Contoh baris: <code>2025,Samarinda,kk,1.200,RKPD 2025</code>."

func (h *Handlers) imporTarget(ctx context.Context, r *Request) error {
	doc, data, err := h.uploadedCSV(ctx, r, targetHowTo)
	if doc == nil || err != nil {
		return err
	}
	ts, err := figcsv.ParseTargets(bytes.NewReader(data))
	var pe *figcsv.ParseError
	if errors.As(err, &pe) {
		h.reply(ctx, r, rejectedHTML(pe, "/impor_target"))
		return nil
	} else if err != nil {
		return err
	}
	res, err := h.Progress.ImportTargets(ctx, ts, r.User.ID)
	if err != nil {
		return err
	}
	h.Log.Info("targets imported from chat", "update_id", r.Update.ID, "user", r.User.ID, "file", doc.FileName,
		"added", res.Added, "changed", res.Changed, "unchanged", res.Unchanged)
	h.reply(ctx, r, fmt.Sprintf("✅ <b>Target tersimpan</b>: %s baru, %s berubah, %s tidak berubah. Lihat capaiannya dengan /capaian.",
		indo.Int(int64(res.Added)), indo.Int(int64(res.Changed)), indo.Int(int64(res.Unchanged))))
	return nil
}
