package handlers

import (
	"context"
	"fmt"

	"tkpkbot"
	"tkpkbot/figcsv"
	"tkpkbot/indo"
)

const targetHowTo = "Kirim berkas CSV ke chat ini dengan keterangan (caption) <code>/impor_target</code>, atau balas berkasnya dengan <code>/impor_target</code>.\n" +
	"Kolom: <code>tahun,wilayah,target,nilai,sumber</code>; target <code>kk</code> (KK yang dijangkau setahun) atau <code>anggaran</code> (pagu rupiah). Contoh baris: <code>2025,Samarinda,kk,1.200,RKPD 2025</code>."

func (h *Handlers) imporTarget(ctx context.Context, r *Request) error {
	return importUpload(ctx, h, r, csvImport[tkpkbot.Target]{
		command: "/impor_target", howTo: targetHowTo, what: "targets", parse: figcsv.ParseTargets,
		save: func(ts []tkpkbot.Target) (tkpkbot.ImportResult, error) {
			return h.Progress.ImportTargets(ctx, ts, r.User.ID)
		},
		done: targetResultHTML,
	})
}

func targetResultHTML(res tkpkbot.ImportResult) string {
	return fmt.Sprintf("✅ <b>Target tersimpan</b>: %s baru, %s berubah, %s tidak berubah. Lihat capaiannya dengan /capaian.",
		indo.Int(int64(res.Added)), indo.Int(int64(res.Changed)), indo.Int(int64(res.Unchanged)))
}
