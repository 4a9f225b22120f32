package store

import (
	"context"
	"database/sql"
	"time"

	"lpa/reports"
)

// NationalIndicators reads the NPA indicators of gemeenten with and without
// an accord of a round.
func (s *DB) NationalIndicators(ctx context.Context, round time.Time) ([]reports.NationalIndicator, error) {
	var out []reports.NationalIndicator
	err := s.scanAll(ctx, stmt("query/national_indicators.sql"), []any{round}, func(r *sql.Rows) error {
		var n reports.NationalIndicator
		var with, withPrev, without, withoutPrev, did sql.NullFloat64
		if err := r.Scan(&n.Indicator, &n.Label, &n.Unit, &n.Direction, &n.Period, &n.PrevPeriod,
			&with, &withPrev, &n.WithN, &n.WithTotal, &without, &withoutPrev, &n.WithoutN, &n.WithoutTotal,
			&n.DiDAccords, &did, &n.Gunstig, &n.Ongunstig, &n.NietOnderscheidbaar); err != nil {
			return err
		}
		n.With, n.WithPrev, n.Without, n.WithoutPrev = optFloat(with), optFloat(withPrev), optFloat(without), optFloat(withoutPrev)
		n.DiDMean = optFloat(did)
		out = append(out, n)
		return nil
	})
	return out, err
}

// NationalMonitoring reads the levels of local monitoring of a round.
func (s *DB) NationalMonitoring(ctx context.Context, round time.Time) ([]reports.MonitoringShare, error) {
	var out []reports.MonitoringShare
	err := s.scanAll(ctx, stmt("query/national_monitoring.sql"), []any{round}, func(r *sql.Rows) error {
		var m reports.MonitoringShare
		if err := r.Scan(&m.Level, &m.Accords, &m.Base, &m.ExampleData); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// ThemeExample is an intervention named for an additional theme.
type ThemeExample struct {
	Theme, Name string
	ExampleData bool
}

// NationalThemeExamples reads up to two example interventions per
// additional theme of the accords closed on or before a round.
func (s *DB) NationalThemeExamples(ctx context.Context, round time.Time) ([]ThemeExample, error) {
	var out []ThemeExample
	err := s.scanAll(ctx, stmt("query/national_theme_examples.sql"), []any{round}, func(r *sql.Rows) error {
		var t ThemeExample
		if err := r.Scan(&t.Theme, &t.Name, &t.ExampleData); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	return out, err
}
