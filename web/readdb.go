//go:build duckdb_arrow

package web

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// errNoCopy is returned while no read copy has been published.
var errNoCopy = errors.New("web: the warehouse has no read copy yet")

// readDB is the newest read copy of the warehouse, opened read-only and
// reopened when a writer publishes a newer one. Requests hold the read
// lock while they use it; a swap waits for them, then closes the old copy.
type readDB struct {
	file string
	log  *slog.Logger
	mu   sync.RWMutex
	w    *warehouse.Warehouse
	path string
}

// refresh opens the current copy if it is not the one open.
func (r *readDB) refresh(ctx context.Context) error {
	cur, err := warehouse.CurrentReadCopy(r.file)
	if err != nil || cur == "" {
		return err
	}
	r.mu.RLock()
	same := cur == r.path
	r.mu.RUnlock()
	if same {
		return nil
	}
	w, err := warehouse.Open(ctx, cur, warehouse.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	r.mu.Lock()
	old := r.w
	r.w, r.path = w, cur
	r.mu.Unlock()
	if old != nil {
		old.Close()
	}
	r.log.Info("web: reading a new copy of the warehouse", "copy", cur)
	return nil
}

// watch refreshes every interval until ctx ends.
func (r *readDB) watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := r.refresh(ctx); err != nil && ctx.Err() == nil {
				r.log.Warn("web: cannot open the newest read copy; still reading the previous one", "err", err)
			}
		}
	}
}

// with runs fn on the open copy.
func (r *readDB) with(fn func(w *warehouse.Warehouse) error) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.w == nil {
		return errNoCopy
	}
	return fn(r.w)
}

func (r *readDB) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.w != nil {
		r.w.Close()
		r.w = nil
	}
}
