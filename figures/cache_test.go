package figures

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"

	"tkpkbot"
)

// fakeFigures is a FigureService whose stored figures the test sets, and
// which counts full loads.
type fakeFigures struct {
	tkpkbot.FigureService // only the methods below are used
	mu                    sync.Mutex
	figs                  []tkpkbot.Figure
	loads                 atomic.Int32
	fail                  error
	imported              tkpkbot.ImportResult
}

func (f *fakeFigures) Figures(context.Context) ([]tkpkbot.Figure, error) {
	f.loads.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]tkpkbot.Figure(nil), f.figs...), f.fail
}

func (f *fakeFigures) ImportFigures(_ context.Context, figs []tkpkbot.Figure) (tkpkbot.ImportResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.figs = append(f.figs, figs...)
	return f.imported, nil
}

func (f *fakeFigures) set(figs []tkpkbot.Figure, fail error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.figs, f.fail = figs, fail
}

func p0(v float64) tkpkbot.Figure {
	return tkpkbot.Figure{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndP0, Value: v, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "BPS"}
}

func newCache(src *fakeFigures) *Cache {
	return NewCache(src, slog.New(slog.DiscardHandler))
}

func p0Of(t *testing.T, h *Cache) float64 {
	t.Helper()
	c, err := h.Card(context.Background(), "6472", tkpkbot.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Figures) == 0 {
		return -1
	}
	return c.Figures[0].Value
}

func TestFigureCacheLoadsOnceAndServesFromMemory(t *testing.T) {
	src := &fakeFigures{figs: []tkpkbot.Figure{p0(4.3)}}
	h := newCache(src)
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := h.Card(context.Background(), "6472", tkpkbot.Period{}); err != nil {
				t.Error(err)
			}
			if _, err := h.Ranking(context.Background(), tkpkbot.IndP0, tkpkbot.Period{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := src.loads.Load(); n != 1 {
		t.Fatalf("loaded %d times", n)
	}
}

func TestFigureCacheReloadsAndKeepsOldCopyOnFailure(t *testing.T) {
	src := &fakeFigures{figs: []tkpkbot.Figure{p0(4.3)}}
	h := newCache(src)
	if v := p0Of(t, h); v != 4.3 {
		t.Fatalf("first = %v", v)
	}
	src.set([]tkpkbot.Figure{p0(4.1)}, nil)
	if v := p0Of(t, h); v != 4.3 {
		t.Fatalf("changed without a reload: %v", v)
	}
	if err := h.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if v := p0Of(t, h); v != 4.1 {
		t.Fatalf("after reload = %v", v)
	}
	src.set(nil, errors.New("database down"))
	if err := h.Reload(context.Background()); err == nil {
		t.Fatal("a failed reload reported no error")
	}
	if v := p0Of(t, h); v != 4.1 {
		t.Fatalf("a failed reload dropped the copy: %v", v)
	}
}

func TestFigureCacheFirstLoadFailureIsAnError(t *testing.T) {
	down := tkpkbot.Errorf(tkpkbot.EUNAVAILABLE, "Sistem sedang gangguan, coba lagi sebentar.")
	src := &fakeFigures{fail: down}
	h := newCache(src)
	if _, err := h.Card(context.Background(), "6472", tkpkbot.Period{}); tkpkbot.ErrorCode(err) != tkpkbot.EUNAVAILABLE {
		t.Fatalf("err = %v", err)
	}
	src.set([]tkpkbot.Figure{p0(4.3)}, nil)
	if v := p0Of(t, h); v != 4.3 {
		t.Fatalf("no retry after a failed first load: %v", v)
	}
}

func TestFigureCacheReloadsAfterAnImportThatChangedSomething(t *testing.T) {
	src := &fakeFigures{figs: []tkpkbot.Figure{p0(4.3)}}
	h := newCache(src)
	p0Of(t, h)
	src.imported = tkpkbot.ImportResult{Unchanged: 1}
	if _, err := h.ImportFigures(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if n := src.loads.Load(); n != 1 {
		t.Fatalf("an import that changed nothing reloaded (%d loads)", n)
	}
	src.imported = tkpkbot.ImportResult{Added: 1}
	if _, err := h.ImportFigures(context.Background(), []tkpkbot.Figure{{RegionCode: "6400"}}); err != nil {
		t.Fatal(err)
	}
	if n := src.loads.Load(); n != 2 {
		t.Fatalf("loads after a real import = %d", n)
	}
}
