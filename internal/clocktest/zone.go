package clocktest

import "time"

// WITA is Asia/Makassar loaded from tzdata as the bot loads it, so every
// package's tests put their fixed moments in the zone users type dates in.
var WITA = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		panic(err)
	}
	return loc
}()
