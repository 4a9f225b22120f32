package store

import (
	"context"
	"database/sql"
	"time"

	"lpa/reports"
)

// Issue is one issued version of a report of a round.
type Issue struct {
	Round       time.Time
	Report      string // the file's stem: an accord id, a gemeente code, "landelijk"
	Unit        string // akkoord | gemeente | landelijk
	Version     int
	Fingerprint string
	PDFSHA256   string
	FileName    string
	IssuedAt    time.Time
	LastLoad    int64             // the newest load id when it was issued
	Figures     []reports.Printed // when recording
}

// LatestIssues returns the latest issue of every report of round, by report.
func (s *DB) LatestIssues(ctx context.Context, round time.Time) (map[string]Issue, error) {
	out := map[string]Issue{}
	err := s.scanAll(ctx, stmt("query/report_latest_issues.sql"), []any{round}, func(r *sql.Rows) error {
		i := Issue{Round: round}
		if err := r.Scan(&i.Report, &i.Unit, &i.Version, &i.Fingerprint, &i.PDFSHA256, &i.FileName, &i.IssuedAt, &i.LastLoad); err != nil {
			return err
		}
		out[i.Report] = i
		return nil
	})
	return out, err
}

// IssueVersion returns one issued version of a report of round.
func (s *DB) IssueVersion(ctx context.Context, round time.Time, report string, version int) (Issue, error) {
	i := Issue{Round: round}
	err := s.db.QueryRowContext(ctx, stmt("query/report_issue_version.sql"), round, report, version).Scan(
		&i.Report, &i.Unit, &i.Version, &i.Fingerprint, &i.PDFSHA256, &i.FileName, &i.IssuedAt, &i.LastLoad)
	return i, err
}

// IssueFigures returns the figures printed in one issued version.
func (s *DB) IssueFigures(ctx context.Context, round time.Time, report string, version int) ([]reports.Printed, error) {
	var out []reports.Printed
	err := s.scanAll(ctx, stmt("query/report_issue_figures.sql"), []any{round, report, version}, func(r *sql.Rows) error {
		var f reports.Printed
		var v sql.NullFloat64
		if err := r.Scan(&f.Page, &f.FigureID, &f.Label, &f.Text, &v, &f.View, &f.Key); err != nil {
			return err
		}
		f.Value = v.Float64
		out = append(out, f)
		return nil
	})
	return out, err
}

// LoadRef names a load.
type LoadRef struct {
	ID     int64
	File   string
	SHA256 string
}

// FigureCauses returns, per figure (FigureKey) of an issued version, the
// loads after the load id since that hold observations behind it.
func (s *DB) FigureCauses(ctx context.Context, round time.Time, report string, version int, since int64) (map[string][]LoadRef, error) {
	out := map[string][]LoadRef{}
	err := s.scanAll(ctx, stmt("query/report_figure_causes.sql"), []any{round, report, version, since}, func(r *sql.Rows) error {
		var f reports.Printed
		var l LoadRef
		if err := r.Scan(&f.FigureID, &f.Label, &f.Key, &l.ID, &l.File, &l.SHA256); err != nil {
			return err
		}
		k := FigureKey(f)
		out[k] = append(out[k], l)
		return nil
	})
	return out, err
}

// FigureKey is what makes a printed figure the same figure in two versions
// of a report: its block, label and source row (not its page).
func FigureKey(f reports.Printed) string { return f.FigureID + "\x00" + f.Label + "\x00" + f.Key }

// RecordIssues records issued reports and their figures in one transaction.
func (s *DB) RecordIssues(ctx context.Context, issues []Issue) error {
	if len(issues) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		fig, err := tx.PrepareContext(ctx, stmt("load/report_figure_insert.sql"))
		if err != nil {
			return err
		}
		defer fig.Close()
		for _, i := range issues {
			if _, err := tx.ExecContext(ctx, stmt("load/report_issue_insert.sql"), i.Round, i.Report, i.Unit, i.Version,
				i.Fingerprint, i.PDFSHA256, i.FileName, i.IssuedAt); err != nil {
				return err
			}
			for _, f := range i.Figures {
				if _, err := fig.ExecContext(ctx, i.Round, i.Report, i.Version, f.Page, f.FigureID, f.Label, f.Text, f.Value,
					f.View, f.Key); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// LoadRegions returns, per load that holds observations, their regions.
func (s *DB) LoadRegions(ctx context.Context) (map[int64]map[string]bool, error) {
	out := map[int64]map[string]bool{}
	err := s.scanAll(ctx, stmt("query/load_regions.sql"), nil, func(r *sql.Rows) error {
		var id int64
		var code string
		if err := r.Scan(&id, &code); err != nil {
			return err
		}
		if out[id] == nil {
			out[id] = map[string]bool{}
		}
		out[id][code] = true
		return nil
	})
	return out, err
}
