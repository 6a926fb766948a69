package store

import (
	"context"
	"strconv"
	"sync"
	"time"

	"tkpkbot"
)

// UsersChannel is notified (by a trigger) with a user ID whenever that
// user's row changes.
const UsersChannel = "users_changed"

// userCacheTTL bounds staleness should a notification ever be missed
// while the listener reconnects.
const userCacheTTL = time.Minute

// userCache spares a database round trip on every update: Touch runs for
// each message, and a user's row rarely changes. It is only used while
// this replica is listening for changes, so a role revoked on another
// replica takes effect at once.
type userCache struct {
	mu        sync.Mutex
	listening bool
	users     map[int64]cachedUser
	gen       map[int64]uint64 // bumped on invalidation; a read older than it is not cached
	epoch     uint64           // bumped when the whole cache is dropped
}

type cachedUser struct {
	u     tkpkbot.User
	at    time.Time
	epoch uint64
}

func newUserCache() *userCache {
	return &userCache{users: map[int64]cachedUser{}, gen: map[int64]uint64{}}
}

// get returns a fresh cached user, and a token to pass to put after a
// database read.
func (c *userCache) get(id int64, now time.Time) (tkpkbot.User, bool, [2]uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	token := [2]uint64{c.gen[id], c.epoch}
	e, ok := c.users[id]
	if !ok || !c.listening || e.epoch != c.epoch || now.Sub(e.at) > userCacheTTL || now.Before(e.at) {
		return tkpkbot.User{}, false, token
	}
	return e.u, true, token
}

// put caches u unless it was invalidated since the read began.
func (c *userCache) put(u tkpkbot.User, token [2]uint64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.listening || c.gen[u.ID] != token[0] || c.epoch != token[1] {
		return
	}
	if len(c.users) > 50000 {
		c.users = map[int64]cachedUser{} // a bound, not an eviction policy: members number in the hundreds
	}
	c.users[u.ID] = cachedUser{u: u, at: now, epoch: c.epoch}
}

func (c *userCache) invalidate(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.users, id)
	c.gen[id]++
}

// reset drops everything; listening says whether the cache may be used.
func (c *userCache) reset(listening bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users = map[int64]cachedUser{}
	c.gen = map[int64]uint64{}
	c.epoch++
	c.listening = listening
}

// WatchUsers keeps the user cache coherent with the database, from this
// replica or any other; without it running, Touch always reads the
// database. The returned stop ends the watch.
func (db *DB) WatchUsers(ctx context.Context) (stop func()) {
	return db.watch(ctx, UsersChannel,
		func(context.Context) { db.users.reset(true) },
		func(_ context.Context, payload string) {
			if id, err := strconv.ParseInt(payload, 10, 64); err == nil {
				db.users.invalidate(id)
			} else {
				db.users.reset(true)
			}
		},
		func() { db.users.reset(false) })
}
