package store

import "time"

// SetWatchPing shortens the listener's idle ping for tests.
func SetWatchPing(d time.Duration) func() {
	old := watchPing
	watchPing = d
	return func() { watchPing = old }
}
