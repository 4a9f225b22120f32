package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"lpa/pipeline/query"
	"lpa/pipeline/store"
)

// SnapshotFile is the warehouse copy's name in a snapshot folder.
const SnapshotFile = "lpa.duckdb"

// Snapshot says what a snapshot holds.
type Snapshot struct {
	Dir     string    `json:"-"`
	TakenAt time.Time `json:"taken_at"`
	Version string    `json:"lpa_version"`
	Schema  int       `json:"schema_version"`
	Files   []string  `json:"files"`
}

// Snapshot publishes a read-only copy of the warehouse into dir, as one set
// that replaces the one before: the warehouse file (after a checkpoint) as
// lpa.duckdb, each public view as <view>.parquet, and snapshot.json. R,
// Python or the DuckDB CLI open them freely while lpa serve holds the
// warehouse itself. The Parquet files are read through the guarded read
// path, so they hold what any reader may see.
//
// Nothing may write the warehouse meanwhile: lpa serve takes a snapshot
// under its writer lock, after a run. An in-memory warehouse has no file:
// its snapshot holds the Parquet files only.
func (p *Pipeline) Snapshot(ctx context.Context, dir string) (Snapshot, error) {
	snap := Snapshot{Dir: dir, TakenAt: p.now().UTC(), Version: p.version, Schema: store.SchemaVersion()}
	views, err := p.db.PublicTables(ctx)
	if err != nil {
		return snap, err
	}
	path := p.db.Path()
	write := map[string]func(w io.Writer) error{}
	if path != "" && path != ":memory:" {
		if err := p.db.Checkpoint(ctx); err != nil {
			return snap, fmt.Errorf("checkpoint before the snapshot: %w", err)
		}
		write[SnapshotFile] = func(w io.Writer) error { _, err := p.db.CopyFile(w); return err }
		snap.Files = append(snap.Files, SnapshotFile)
	}
	parquet := p.Session(query.Limits{}, query.Parquet)
	for _, v := range views {
		name := v + ".parquet"
		write[name] = func(w io.Writer) error { return parquet.Run(ctx, store.ViewRowsSQL(v), w) }
		snap.Files = append(snap.Files, name)
	}
	manifest, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		return snap, err
	}
	write["snapshot.json"] = func(w io.Writer) error { _, err := w.Write(append(manifest, '\n')); return err }
	names := append(append([]string(nil), snap.Files...), "snapshot.json")
	err = publishSet(dir, names, false, func(name, path string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return writeFileSynced(path, write[name])
	})
	if err != nil {
		return snap, fmt.Errorf("snapshot into %s: %w", dir, err)
	}
	return snap, nil
}

// writeFileSynced creates path, fills it with fill and syncs it.
func writeFileSynced(path string, fill func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	// Only a writer: a Parquet writer closes what it can.
	if err := fill(struct{ io.Writer }{f}); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
