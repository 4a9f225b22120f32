package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	sqlfiles "lpa/sql"
)

// ErrNoAccords: compute found no accords to compute for.
var ErrNoAccords = errors.New("no accords in the warehouse")

// ErrMissingReference: compute needs region data that is not loaded.
var ErrMissingReference = errors.New("region reference missing")

// Metric returns the SQL of an embedded metric (sql/metrics/<slug>.sql).
func Metric(slug string) (string, error) {
	b, err := sqlfiles.FS.ReadFile("metrics/" + slug + ".sql")
	if err != nil {
		return "", fmt.Errorf("metric %q: %w", slug, err)
	}
	return string(b), nil
}

// roundMetric is a metric computed per round: sql/metrics/<slug>.sql,
// kept by keep (sql/compute/<slug>.sql) in its table, whose rows carry the
// round and the time of computing, and forgotten by forget.
type roundMetric struct{ slug, keep, forget string }

// roundMetrics run in this order, in one transaction per round.
var roundMetrics = []roundMetric{
	{"population_metrics", "compute/population_metrics.sql", "compute/population_metrics_delete.sql"},
	{"goal_progress", "compute/goal_progress.sql", "compute/goal_progress_delete.sql"},
	{"accord_effect", "compute/accord_effect.sql", "compute/accord_effect_delete.sql"},
	{"triple_aim", "compute/triple_aim.sql", "compute/triple_aim_delete.sql"},
	{"process_summary", "compute/process_summary.sql", "compute/process_summary_delete.sql"},
	{"process_detail", "compute/process_detail.sql", "compute/process_detail_delete.sql"},
	{"project_summary", "compute/project_summary.sql", "compute/project_summary_delete.sql"},
	{"national_evaluation", "compute/national_evaluation.sql", "compute/national_evaluation_delete.sql"},
	{"round_parties", "compute/round_parties.sql", "compute/round_parties_delete.sql"},
}

// MetricCount is how many rows a metric wrote for a round.
type MetricCount struct {
	Metric string
	Rows   int64
	Took   time.Duration
}

// ComputeRound computes every metric as of the peildatum round and keeps
// the result under that round, replacing only that round's rows, all in one
// transaction. It refuses to run when a member gemeente of an accord has no
// inhabitants in its accord's division: its weight would be unknown.
func (s *DB) ComputeRound(ctx context.Context, round, now time.Time, version string, step func(done, total int)) ([]MetricCount, error) {
	var accords int
	if err := s.db.QueryRowContext(ctx, stmt("query/accord_count.sql")).Scan(&accords); err != nil {
		return nil, err
	}
	if accords == 0 {
		return nil, fmt.Errorf("%w: load a registry folder first (lpa load examples/accords)", ErrNoAccords)
	}
	rows, err := s.db.QueryContext(ctx, stmt("query/members_without_population.sql"))
	if err != nil {
		return nil, err
	}
	var missing []string
	for rows.Next() {
		var id, code string
		var div int
		if err := rows.Scan(&id, &code, &div); err != nil {
			rows.Close()
			return nil, err
		}
		missing = append(missing, fmt.Sprintf("accord %s: member %s has no inhabitants in the %d municipal division", id, code, div))
	}
	rows.Close()
	if len(missing) > 0 {
		if len(missing) > 10 {
			missing = append(missing[:10], fmt.Sprintf("... and %d more", len(missing)-10))
		}
		return nil, fmt.Errorf("%w:\n  %s\nload the CBS region reference of that division with population (e.g. Gebieden_in_Nederland_2020_*.csv), or correct the member codes",
			ErrMissingReference, strings.Join(missing, "\n  "))
	}
	day := time.Date(round.Year(), round.Month(), round.Day(), 0, 0, 0, 0, time.UTC)
	var out []MetricCount
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, stmt("compute/set_round.sql"), day); err != nil {
			return err
		}
		for _, m := range roundMetrics {
			q, err := Metric(m.slug)
			if err != nil {
				return err
			}
			start := time.Now()
			if _, err := tx.ExecContext(ctx, stmt(m.forget), day); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, stmt(m.keep), now, q)
			if err != nil {
				return fmt.Errorf("%s.sql: %w", m.slug, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			out = append(out, MetricCount{m.slug, n, time.Since(start)})
			if step != nil {
				step(len(out), len(roundMetrics))
			}
		}
		_, err := tx.ExecContext(ctx, stmt("compute/record_round.sql"), day, now, version)
		return err
	})
	return out, err
}

// Round is one computed evaluation round.
type Round struct {
	Round      time.Time
	ComputedAt time.Time
	Version    string
}

// Rounds lists the computed rounds, oldest first.
func (s *DB) Rounds(ctx context.Context) ([]Round, error) {
	var out []Round
	err := s.scanAll(ctx, stmt("query/rounds.sql"), nil,
		func(r *sql.Rows) error {
			var x Round
			if err := r.Scan(&x.Round, &x.ComputedAt, &x.Version); err != nil {
				return err
			}
			out = append(out, x)
			return nil
		})
	return out, err
}

// DeleteRound removes a round and every metric row kept under it, in one
// transaction. It reports whether the round existed.
func (s *DB) DeleteRound(ctx context.Context, round time.Time) (bool, error) {
	day := time.Date(round.Year(), round.Month(), round.Day(), 0, 0, 0, 0, time.UTC)
	var n int
	if err := s.db.QueryRowContext(ctx, stmt("query/round_exists.sql"), day).Scan(&n); err != nil || n == 0 {
		return false, err
	}
	return true, s.inTx(ctx, func(tx *sql.Tx) error {
		for _, m := range roundMetrics {
			if _, err := tx.ExecContext(ctx, stmt(m.forget), day); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, stmt("compute/delete_round.sql"), day)
		return err
	})
}
