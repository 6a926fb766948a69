package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"tkpkbot"
)

// figureCache serves FigureService reads from memory: figures change a
// few times a year and /angka is the busiest command, so a card must not
// wait for the database. It loads everything once and again whenever
// ReloadFigures is called (store.WatchFigures does so on every replica
// after an import). Writes go to the wrapped service.
type figureCache struct {
	src tkpkbot.FigureService
	log *slog.Logger
	idx atomic.Pointer[tkpkbot.FigureIndex]
	// mu makes reloads run one at a time, so an older snapshot can never
	// replace a newer one.
	mu sync.Mutex
}

var _ tkpkbot.FigureService = (*figureCache)(nil)

// cacheFigures puts the cache in front of the configured figure service.
// Wrapping the dependency, rather than adding a field, keeps every
// feature reading figures through h.Figures.
func (h *Handlers) cacheFigures() {
	if h.Figures == nil {
		return
	}
	if _, done := h.Figures.(*figureCache); done {
		return
	}
	h.Figures = &figureCache{src: h.Figures, log: h.Log}
}

// ReloadFigures refreshes the in-memory figures from the database. A
// failure keeps serving the previous copy and is logged here.
func (h *Handlers) ReloadFigures(ctx context.Context) {
	c, ok := h.Figures.(*figureCache)
	if !ok {
		return
	}
	if _, err := c.reload(ctx); err != nil {
		h.Log.Warn("figures: reload failed; serving the previous copy", "err", err)
	}
}

func (c *figureCache) reload(ctx context.Context) (*tkpkbot.FigureIndex, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reloadLocked(ctx)
}

func (c *figureCache) reloadLocked(ctx context.Context) (*tkpkbot.FigureIndex, error) {
	figs, err := c.src.Figures(ctx)
	if err != nil {
		return nil, fmt.Errorf("load figures: %w", err)
	}
	x := tkpkbot.NewFigureIndex(figs)
	c.idx.Store(x)
	c.log.Info("figures loaded into memory", "values", x.Len())
	return x, nil
}

// index returns the current copy, loading it on first use.
func (c *figureCache) index(ctx context.Context) (*tkpkbot.FigureIndex, error) {
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

func (c *figureCache) Card(ctx context.Context, regionCode string, at tkpkbot.Period) (tkpkbot.Card, error) {
	x, err := c.index(ctx)
	if err != nil {
		return tkpkbot.Card{}, err
	}
	return x.Card(regionCode, at), nil
}

func (c *figureCache) Ranking(ctx context.Context, ind tkpkbot.Indicator, at tkpkbot.Period) (tkpkbot.Ranking, error) {
	x, err := c.index(ctx)
	if err != nil {
		return tkpkbot.Ranking{}, err
	}
	return x.Ranking(ind, at), nil
}

func (c *figureCache) Series(ctx context.Context, regionCode string, ind tkpkbot.Indicator) (tkpkbot.Series, error) {
	x, err := c.index(ctx)
	if err != nil {
		return tkpkbot.Series{}, err
	}
	return x.Series(regionCode, ind), nil
}

func (c *figureCache) Figures(ctx context.Context) ([]tkpkbot.Figure, error) {
	return c.src.Figures(ctx)
}

// ImportFigures writes through and reloads at once, so the admin's next
// /angka shows the new values without waiting for the notification.
func (c *figureCache) ImportFigures(ctx context.Context, figs []tkpkbot.Figure) (tkpkbot.ImportResult, error) {
	res, err := c.src.ImportFigures(ctx, figs)
	if err != nil {
		return res, err
	}
	if res.Added+res.Changed > 0 {
		if _, err := c.reload(ctx); err != nil {
			c.log.Warn("figures: reload after import failed; the change notification will retry", "err", err)
		}
	}
	return res, nil
}
