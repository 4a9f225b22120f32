package store

import (
	"context"
	"database/sql"
	"time"

	"lpa/indicators"
)

// Member is one gemeente of an accord as the warehouse knows it.
type Member struct {
	Code       string
	Name       string // "" when the region reference lacks it
	Population int64  // -1 when unknown
	GGDCode    string
	GGDName    string
}

// AccordInfo is an accord with its members resolved against the regions.
type AccordInfo struct {
	indicators.Accord
	Members []Member
}

// Accords lists the registry, sorted by id, with members sorted by code.
func (s *DB) Accords(ctx context.Context) ([]AccordInfo, error) {
	var out []AccordInfo
	byID := map[string]int{}
	err := s.scanAll(ctx, stmt("query/accords.sql"), nil, func(r *sql.Rows) error {
		var a AccordInfo
		var signed sql.NullTime
		if err := r.Scan(&a.ID, &a.Name, &a.Kind, &signed, &a.SignedYear, &a.Division, &a.ExampleData, &a.Source, &a.File); err != nil {
			return err
		}
		a.SignedOn = signed.Time
		byID[a.ID] = len(out)
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = s.scanAll(ctx, stmt("query/accord_members.sql"), nil, func(r *sql.Rows) error {
		var id string
		var m Member
		if err := r.Scan(&id, &m.Code, &m.Name, &m.Population, &m.GGDCode, &m.GGDName); err != nil {
			return err
		}
		a := &out[byID[id]]
		a.Members = append(a.Members, m)
		a.Accord.Members = append(a.Accord.Members, m.Code)
		return nil
	})
	return out, err
}

// AccordMetric is one row of accord_metrics.
type AccordMetric struct {
	AccordID     string
	Source       string
	Division     int
	Sex          string
	Reaggregated bool
	GGDSource    string // gepubliceerd | berekend | ""
	Period       int
	AgeGroup     string
	Indicator    string
	Value        indicators.Value
	GGD          indicators.Value
	NL           indicators.Value
	Members      int
	Missing      int
	GGDCodes     string
	ComputedAt   time.Time
}

func value(v sql.NullFloat64, status string) indicators.Value {
	return indicators.Value{V: v.Float64, Status: indicators.Status(status)}
}

// AccordMetrics returns the accord-level population metrics of one accord
// in one round, sorted by source, age group, sex, indicator and period.
func (s *DB) AccordMetrics(ctx context.Context, accordID string, round time.Time) ([]AccordMetric, error) {
	var out []AccordMetric
	err := s.scanAll(ctx, stmt("query/accord_metrics.sql"), []any{accordID, round},
		func(r *sql.Rows) error {
			var m AccordMetric
			var v, g, n sql.NullFloat64
			var vs, gs, ns string
			if err := r.Scan(&m.AccordID, &m.Period, &m.AgeGroup, &m.Indicator, &v, &vs, &g, &gs, &n, &ns,
				&m.Members, &m.Missing, &m.GGDCodes, &m.ComputedAt,
				&m.Source, &m.Division, &m.Sex, &m.Reaggregated, &m.GGDSource); err != nil {
				return err
			}
			m.Value, m.GGD, m.NL = value(v, vs), value(g, gs), value(n, ns)
			out = append(out, m)
			return nil
		})
	return out, err
}

// LoadInfo is one load whose rows are (partly) in the warehouse.
type LoadInfo struct {
	LoadID   int64
	FileName string
	Kind     string
	Rows     int64
	LoadedAt time.Time
	SHA256   string
}

// ActiveLoads lists the loads whose rows are in the warehouse, oldest first.
func (s *DB) ActiveLoads(ctx context.Context) ([]LoadInfo, error) {
	var out []LoadInfo
	err := s.scanAll(ctx, stmt("query/active_loads.sql"), nil, func(r *sql.Rows) error {
		var l LoadInfo
		if err := r.Scan(&l.LoadID, &l.FileName, &l.Kind, &l.Rows, &l.LoadedAt, &l.SHA256); err != nil {
			return err
		}
		out = append(out, l)
		return nil
	})
	return out, err
}
