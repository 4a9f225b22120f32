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
var ErrNoAccords = errors.New("store: no accords in the warehouse")

// ErrMissingReference: compute needs region data that is not loaded.
var ErrMissingReference = errors.New("store: region reference missing")

// Metric returns the SQL of an embedded metric (sql/metrics/<slug>.sql).
func Metric(slug string) (string, error) {
	b, err := sqlfiles.FS.ReadFile("metrics/" + slug + ".sql")
	if err != nil {
		return "", fmt.Errorf("metric %q: %w", slug, err)
	}
	return string(b), nil
}

// ComputeAccordMetrics replaces accord_metrics, in one transaction, with the
// result of sql/metrics/accord_metrics.sql. It refuses to run when a member
// gemeente has no population in its accord's division: its weight would be
// unknown.
func (s *DB) ComputeAccordMetrics(ctx context.Context, now time.Time) (int64, error) {
	var accords int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM accords`).Scan(&accords); err != nil {
		return 0, err
	}
	if accords == 0 {
		return 0, fmt.Errorf("%w: load a registry folder first (lpa load examples/accords)", ErrNoAccords)
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT m.accord_id, m.gemeente_code, a.division
		FROM accord_members m JOIN accords a USING (accord_id)
		LEFT JOIN regions r ON r.division = a.division AND r.region_code = m.gemeente_code AND r.region_level = 'gemeente'
		WHERE r.population IS NULL
		ORDER BY 1, 2`)
	if err != nil {
		return 0, err
	}
	var missing []string
	for rows.Next() {
		var id, code string
		var div int
		if err := rows.Scan(&id, &code, &div); err != nil {
			rows.Close()
			return 0, err
		}
		missing = append(missing, fmt.Sprintf("accord %s: member %s has no inhabitants in the %d municipal division", id, code, div))
	}
	rows.Close()
	if len(missing) > 0 {
		if len(missing) > 10 {
			missing = append(missing[:10], fmt.Sprintf("... and %d more", len(missing)-10))
		}
		return 0, fmt.Errorf("%w:\n  %s\nload the CBS region reference of that division with population (e.g. Gebieden_in_Nederland_2020_*.csv), or correct the member codes",
			ErrMissingReference, strings.Join(missing, "\n  "))
	}
	q, err := Metric("accord_metrics")
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM store.accord_metric`); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO store.accord_metric (accord_id, source, division, period, age_group,
				sex, indicator, value, status, members, members_missing, ggd_value, ggd_status, ggd_source,
				ggd_region_codes, nl_value, nl_status, reaggregated, computed_at)
			SELECT *, ?::TIMESTAMPTZ FROM (`+q+`)`, now)
		if err != nil {
			return fmt.Errorf("accord_metrics.sql: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
