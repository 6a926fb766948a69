package handlers

import (
	"context"
	"strconv"
)

// idData is the data of a button that acts on one stored row.
func idData(prefix string, id int64) string {
	return prefix + ":" + strconv.FormatInt(id, 10)
}

// parseID reads the id of a meeting, a member or another stored row,
// typed or from a pressed button's data (which the client may forge):
// only a positive number names one.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// pressedID is the row id the pressed button carries; a button without
// one is answered as stale, and ok is false.
func (h *Handlers) pressedID(ctx context.Context, r *Request, data string) (id int64, ok bool) {
	if id, ok = parseID(data); !ok {
		h.answer(ctx, r, msgStaleButton)
	}
	return id, ok
}
