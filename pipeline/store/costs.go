package store

import (
	"context"
	"database/sql"
	"fmt"

	"lpa/indicators"
)

// replaceCareCosts writes a Vektis file: it replaces every care-cost row of
// the file's data year (whatever load brought them), rewrites the category
// list shipped with lpa, and recomputes care_cost_per_insured for that year.
// It returns the loads whose rows it replaced.
func replaceCareCosts(ctx context.Context, conn *sql.Conn, c *indicators.CareCosts, loadID int64, opt LoadOptions) ([]int64, error) {
	var existing int
	if err := conn.QueryRowContext(ctx, stmt("load/care_costs_count.sql"), c.Period).Scan(&existing); err != nil {
		return nil, err
	}
	if incoming := len(c.Rows) * len(c.Columns); !opt.Replace && shrinks(existing, incoming) {
		return nil, &ShrinkError{Existing: existing, Incoming: incoming,
			Slice: fmt.Sprintf("the Vektis care costs of %d", c.Period)}
	}
	ids, err := loadIDs(ctx, conn, stmt("load/care_costs_loads.sql"), c.Period)
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		if _, err := conn.ExecContext(ctx, stmt("load/care_costs_delete.sql"), c.Period); err != nil {
			return nil, err
		}
	}
	if err := insertCareCosts(ctx, conn, c, loadID); err != nil {
		return nil, fmt.Errorf("insert care costs: %w", err)
	}
	if err := writeCareCostCategories(ctx, conn); err != nil {
		return nil, fmt.Errorf("care cost categories: %w", err)
	}
	if err := refreshCareCostMetric(ctx, conn, c.Period); err != nil {
		return nil, err
	}
	return ids, nil
}

// writeCareCostCategories replaces store.care_cost_category with the list
// this lpa ships (indicators/data/vektis_categories.csv).
func writeCareCostCategories(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, stmt("load/care_cost_categories_delete.sql")); err != nil {
		return err
	}
	cats := indicators.VektisCategories()
	return insertArrow(ctx, conn, "lpa_ingest_categories", []stageCol{{"source_column", stString}, {"cost_category", stString},
		{"label_nl", stString}, {"cost_family", stString}, {"family_label_nl", stString}, {"note", stString}}, len(cats),
		func(i, j int) any {
			c := cats[i]
			return []any{c.SourceColumn, c.Category, c.Label, c.Family, c.FamilyLabel, nullIfEmpty(c.Note)}[j]
		}, stmt("load/care_cost_categories_insert.sql"))
}

// refreshCareCostMetric recomputes sql/metrics/care_cost_per_insured.sql for
// one data year (every figure of the metric is per year).
func refreshCareCostMetric(ctx context.Context, conn *sql.Conn, period int) error {
	q, err := Metric("care_cost_per_insured")
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, stmt("load/care_cost_metric_delete.sql"), period); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, stmt("load/care_cost_metric_insert.sql"), q, period); err != nil {
		return fmt.Errorf("care_cost_per_insured.sql: %w", err)
	}
	return nil
}
