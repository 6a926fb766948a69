package handlers

import (
	"strings"

	"tkpkbot"
)

// minAnswer is the shortest text answer taken: "ok" or "ya" tells the
// province nothing about a week's work.
const minAnswer = 3

// shortAnswer states each text step's rule exactly, because "ok" refused
// with a vague "wajib diisi" leaves the coordinator guessing what passes.
var shortAnswer = map[int]string{
	tkpkbot.StepActivities: "Kegiatan minggu ini wajib diisi, minimal 3 karakter.",
	tkpkbot.StepObstacles:  "Kendala diisi minimal 3 karakter, atau ketik - jika tidak ada kendala.",
	tkpkbot.StepNextPlan:   "Rencana minggu depan wajib diisi, minimal 3 karakter.",
}

// isDash reports an answer of only dashes: phones turn "-" into "–" or
// "—", and "--" means the same nothing.
func isDash(s string) bool {
	return s != "" && strings.Trim(s, "-–—") == ""
}
