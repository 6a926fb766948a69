package handlers

import "strconv"

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
