package store

import (
	"context"
	"database/sql"
	"time"
)

// Figure is one row of national_evaluation: a figure of the factsheet.
type Figure struct {
	Section, Item, Detail string
	Count, Base, Pct      *int
	Value                 *float64
	ExampleData           bool
}

// National reads the factsheet's figures of a round.
func (s *DB) National(ctx context.Context, round time.Time) ([]Figure, error) {
	var out []Figure
	err := s.scanAll(ctx, stmt("query/national.sql"), []any{round}, func(r *sql.Rows) error {
		var f Figure
		var count, base, pct sql.NullInt64
		var value sql.NullFloat64
		if err := r.Scan(&f.Section, &f.Item, &f.Detail, &count, &base, &pct, &value, &f.ExampleData); err != nil {
			return err
		}
		f.Count, f.Base, f.Pct, f.Value = optInt(count), optInt(base), optInt(pct), optFloat(value)
		out = append(out, f)
		return nil
	})
	return out, err
}

// GemeenteStatus is VNG's status of one gemeente at a round.
type GemeenteStatus struct {
	Code, Status string
	Peildatum    time.Time
	Division     int
	ExampleData  bool
}

// StatusAt reads VNG's status of every gemeente at a round.
func (s *DB) StatusAt(ctx context.Context, round time.Time) ([]GemeenteStatus, error) {
	var out []GemeenteStatus
	err := s.scanAll(ctx, stmt("query/status_at.sql"), []any{round}, func(r *sql.Rows) error {
		var g GemeenteStatus
		if err := r.Scan(&g.Code, &g.Status, &g.Peildatum, &g.Division, &g.ExampleData); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// LoadRow is one row of the loads view.
type LoadRow struct {
	ID                       int64
	Name, Path, SHA256, Kind string
	Rows                     int64
	LoadedAt                 time.Time
	Status, Message          string
}

// Loads lists the newest n loads.
func (s *DB) Loads(ctx context.Context, n int) ([]LoadRow, error) {
	var out []LoadRow
	err := s.scanAll(ctx, stmt("query/loads_list.sql"), []any{n}, func(r *sql.Rows) error {
		var l LoadRow
		if err := r.Scan(&l.ID, &l.Name, &l.Path, &l.SHA256, &l.Kind, &l.Rows, &l.LoadedAt, &l.Status, &l.Message); err != nil {
			return err
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

// RunStat is the runs of one job with one status.
type RunStat struct {
	Job, Status  string
	Count        int64
	LastOK       time.Time
	Reports      int64
	TotalSeconds float64
}

// RunStats counts the runs by job and status.
func (s *DB) RunStats(ctx context.Context) ([]RunStat, int64, error) {
	var out []RunStat
	err := s.scanAll(ctx, stmt("query/run_stats.sql"), nil, func(r *sql.Rows) error {
		var x RunStat
		var last sql.NullTime
		if err := r.Scan(&x.Job, &x.Status, &x.Count, &last, &x.Reports, &x.TotalSeconds); err != nil {
			return err
		}
		x.LastOK = last.Time
		out = append(out, x)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	var rows int64
	err = s.db.QueryRowContext(ctx, stmt("query/rows_loaded.sql")).Scan(&rows)
	return out, rows, err
}
