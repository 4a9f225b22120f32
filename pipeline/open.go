package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"lpa/pipeline/query"
	"lpa/pipeline/store"
)

// What callers of pipeline meet of the warehouse, so that they need not
// import pipeline/store.
type (
	// LoadOutcome says what one file's load did.
	LoadOutcome = store.LoadOutcome
	// MetricCount is how many rows a metric wrote for a round.
	MetricCount = store.MetricCount
	// Round is one computed evaluation round.
	Round = store.Round
)

// Load statuses, as in the loads view.
const (
	StatusLoaded    = store.StatusLoaded
	StatusUnchanged = store.StatusUnchanged
)

// Errors of the warehouse that callers branch on.
var (
	ErrNoWarehouse = store.ErrNoWarehouse
	ErrLocked      = store.ErrLocked
)

// SchemaVersion is the newest warehouse schema this lpa knows.
func SchemaVersion() int { return store.SchemaVersion() }

// Warehouse says which warehouse to open and how.
type Warehouse struct {
	Path string // "" or ":memory:": in memory
	// ReadOnly opens without write access; other read-only openers are
	// allowed meanwhile. A writable open creates and migrates the file.
	ReadOnly bool
	// MemoryLimit caps DuckDB's memory in bytes (0: DuckDB's default).
	MemoryLimit int64
}

// Open opens the warehouse w and returns a pipeline over it that Close
// closes again.
func Open(ctx context.Context, w Warehouse, cfg Config) (*Pipeline, error) {
	inMemory := w.Path == "" || w.Path == ":memory:"
	if !w.ReadOnly && !inMemory {
		if err := os.MkdirAll(filepath.Dir(w.Path), 0o755); err != nil {
			return nil, err
		}
	}
	db, err := store.Open(ctx, w.Path, store.Options{ReadOnly: w.ReadOnly, MemoryLimit: w.MemoryLimit})
	if err != nil {
		return nil, err
	}
	cfg.DB = db
	p := New(cfg)
	p.owned = true
	return p, nil
}

// Close closes the warehouse if Open opened it.
func (p *Pipeline) Close() error {
	if p.owned {
		return p.db.Close()
	}
	return nil
}

// Rounds lists the computed rounds, oldest first.
func (p *Pipeline) Rounds(ctx context.Context) ([]Round, error) { return p.db.Rounds(ctx) }

// DeleteRound removes a round and its metrics.
func (p *Pipeline) DeleteRound(ctx context.Context, round time.Time) error {
	found, err := p.db.DeleteRound(ctx, round)
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("%w %s in %s (lpa rounds lists them)", ErrNoRound, round.Format(time.DateOnly), p.db.Path())
	}
	return nil
}

// Session returns a SQL session over the warehouse's guarded read path.
func (p *Pipeline) Session(lim query.Limits, f query.Format) *query.Session {
	return query.New(p.db, lim, f)
}

// IsLocked reports whether err says another process holds the warehouse.
func IsLocked(err error) bool { return errors.Is(err, store.ErrLocked) }

// Run is one run of the service's history.
type Run = store.Run

// Runs lists the newest n runs of lpa serve's jobs.
func (p *Pipeline) Runs(ctx context.Context, n int) ([]Run, error) { return p.db.Runs(ctx, n) }
