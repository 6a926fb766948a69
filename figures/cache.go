package figures

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"tkpkbot"
)

// Cache serves cards, rankings and series from memory: figures change a
// few times a year and /angka is the busiest command, so a card must not
// wait for the database. It loads everything once and again whenever
// Reload is called (store.WatchFigures does so on every replica after an
// import). Writes go to the wrapped service.
type Cache struct {
	src tkpkbot.FigureService
	log *slog.Logger
	idx atomic.Pointer[Index]
	// mu makes reloads run one at a time, so an older snapshot can never
	// replace a newer one.
	mu sync.Mutex
}

var _ tkpkbot.FigureService = (*Cache)(nil)

// NewCache puts a cache in front of src; nothing is loaded until the
// first read.
func NewCache(src tkpkbot.FigureService, log *slog.Logger) *Cache {
	if log == nil {
		log = slog.Default()
	}
	return &Cache{src: src, log: log}
}

// Reload refreshes the in-memory figures from src. A failure keeps the
// previous copy in service.
func (c *Cache) Reload(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := c.reloadLocked(ctx)
	return err
}

func (c *Cache) reloadLocked(ctx context.Context) (*Index, error) {
	figs, err := c.src.Figures(ctx)
	if err != nil {
		return nil, fmt.Errorf("load figures: %w", err)
	}
	x := NewIndex(figs)
	c.idx.Store(x)
	c.log.Info("figures loaded into memory", "values", x.Len())
	return x, nil
}

// index returns the current copy, loading it on first use.
func (c *Cache) index(ctx context.Context) (*Index, error) {
	if x := c.idx.Load(); x != nil {
		return x, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if x := c.idx.Load(); x != nil {
		return x, nil // loaded by another request while this one waited
	}
	return c.reloadLocked(ctx)
}

// Card is Index.Card on the current copy.
func (c *Cache) Card(ctx context.Context, regionCode string, at tkpkbot.Period) (tkpkbot.Card, error) {
	x, err := c.index(ctx)
	if err != nil {
		return tkpkbot.Card{}, err
	}
	return x.Card(regionCode, at), nil
}

// Ranking is Index.Ranking on the current copy.
func (c *Cache) Ranking(ctx context.Context, ind tkpkbot.Indicator, at tkpkbot.Period) (tkpkbot.Ranking, error) {
	x, err := c.index(ctx)
	if err != nil {
		return tkpkbot.Ranking{}, err
	}
	return x.Ranking(ind, at), nil
}

// Series is Index.Series on the current copy.
func (c *Cache) Series(ctx context.Context, regionCode string, ind tkpkbot.Indicator) (tkpkbot.Series, error) {
	x, err := c.index(ctx)
	if err != nil {
		return tkpkbot.Series{}, err
	}
	return x.Series(regionCode, ind), nil
}

// Figures reads through: its callers (exports) want what is stored, not
// what this replica last loaded.
func (c *Cache) Figures(ctx context.Context) ([]tkpkbot.Figure, error) {
	return c.src.Figures(ctx)
}

// ImportFigures writes through and reloads at once, so the admin's next
// /angka shows the new values without waiting for the notification.
func (c *Cache) ImportFigures(ctx context.Context, figs []tkpkbot.Figure) (tkpkbot.ImportResult, error) {
	res, err := c.src.ImportFigures(ctx, figs)
	if err != nil {
		return res, err
	}
	if res.Added+res.Changed > 0 {
		if err := c.Reload(ctx); err != nil {
			c.log.Warn("figures: reload after import failed; the change notification will retry", "err", err)
		}
	}
	return res, nil
}
