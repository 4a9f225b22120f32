package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"lpa/indicators"
)

// refreshReference replaces the reference data shipped with lpa (indicator
// catalogue, municipal changes, divisions and crosswalk, GGD exceptions)
// with this binary's copy, when it differs from what the warehouse holds.
func (s *DB) refreshReference(ctx context.Context) error {
	ref := indicators.LoadReference()
	rows := referenceRows(ref)
	sum := sha256.New()
	for _, t := range referenceTables {
		for _, r := range rows[t.name] {
			fmt.Fprintln(sum, t.name, r)
		}
	}
	hash := hex.EncodeToString(sum.Sum(nil))
	if _, err := s.db.ExecContext(ctx, stmt("load/reference_version_table.sql")); err != nil {
		return err
	}
	var have sql.NullString
	_ = s.db.QueryRowContext(ctx, stmt("load/reference_version.sql")).Scan(&have)
	if have.String == hash {
		return nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, stmt("session/begin.sql")); err != nil {
		return err
	}
	if err := writeReference(ctx, conn, rows, hash); err != nil {
		_, rerr := conn.ExecContext(context.WithoutCancel(ctx), stmt("session/rollback.sql"))
		return errors.Join(err, rerr)
	}
	_, err = conn.ExecContext(ctx, stmt("session/commit.sql"))
	return err
}

func writeReference(ctx context.Context, conn *sql.Conn, rows map[string][][]any, hash string) error {
	for _, t := range referenceTables {
		if _, err := conn.ExecContext(ctx, stmt(t.del)); err != nil {
			return err
		}
		r := rows[t.name]
		if err := insertArrow(ctx, conn, "lpa_ingest_reference", t.cols, len(r), func(i, j int) any { return r[i][j] },
			stmt(t.insert)); err != nil {
			return fmt.Errorf("reference %s: %w", t.name, err)
		}
	}
	if _, err := conn.ExecContext(ctx, stmt("load/reference_version_delete.sql")); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, stmt("load/reference_version_insert.sql"), hash)
	return err
}

// referenceTables are filled from the embedded reference, in this order:
// the rows of referenceRows(name), staged with cols.
var referenceTables = []struct {
	name, del, insert string
	cols              []stageCol
}{
	{"indicator_catalogue", "load/reference_indicator_catalogue_delete.sql", "load/reference_indicator_catalogue_insert.sql",
		[]stageCol{{"indicator", stString}, {"label_nl", stString}, {"unit", stString}, {"theme", stString}, {"direction", stString},
			{"triple_aim", stString}, {"npa_core", stBool}, {"sort_order", stInt}, {"note", stString}}},
	{"gemeente_change", "load/reference_gemeente_change_delete.sql", "load/reference_gemeente_change_insert.sql",
		[]stageCol{{"effective_date", stDate}, {"old_code", stString}, {"old_name", stString}, {"new_code", stString},
			{"new_name", stString}, {"kind", stString}, {"note", stString}, {"share", stFloat}}},
	{"ggd_exception", "load/reference_ggd_exception_delete.sql", "load/reference_ggd_exception_insert.sql",
		[]stageCol{{"division", stInt}, {"gemeente_code", stString}, {"ggd_region_code", stString}, {"note", stString}}},
	{"gemeente_division", "load/reference_gemeente_division_delete.sql", "load/reference_gemeente_division_insert.sql",
		[]stageCol{{"division", stInt}, {"gemeente_code", stString}, {"gemeente_name", stString}}},
	{"gemeente_crosswalk", "load/reference_gemeente_crosswalk_delete.sql", "load/reference_gemeente_crosswalk_insert.sql",
		[]stageCol{{"from_division", stInt}, {"from_code", stString}, {"to_division", stInt}, {"to_code", stString}, {"share", stFloat}}},
	{"reference_goal", "load/reference_reference_goal_delete.sql", "load/reference_reference_goal_insert.sql",
		[]stageCol{{"goal_set", stString}, {"indicator", stString}, {"target_value", stFloat}, {"deadline_year", stInt},
			{"label_nl", stString}, {"source", stString}}},
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func referenceRows(ref *indicators.Reference) map[string][][]any {
	out := map[string][][]any{}
	for _, c := range ref.Catalogue {
		out["indicator_catalogue"] = append(out["indicator_catalogue"], []any{c.Key, c.Label, c.Unit, c.Theme, c.Direction,
			nullable(c.TripleAim), c.NPACore, c.Order, nullable(c.Note)})
	}
	for _, c := range ref.Changes {
		out["gemeente_change"] = append(out["gemeente_change"], []any{c.Effective, c.OldCode, c.OldName, c.NewCode, c.NewName,
			c.Kind, nullable(c.Note), c.Share})
	}
	for _, e := range ref.GGDExceptions {
		out["ggd_exception"] = append(out["ggd_exception"], []any{e.Division, e.GemeenteCode, e.GGDCode, e.Note})
	}
	for _, a := range ref.Ambitions {
		out["reference_goal"] = append(out["reference_goal"], []any{"npa_2040", a.Indicator, a.Target, a.Deadline, a.Label, a.Source})
	}
	divs := ref.Divisions()
	for _, d := range divs {
		g := ref.Gemeenten(d)
		codes := make([]string, 0, len(g))
		for c := range g {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		for _, c := range codes {
			out["gemeente_division"] = append(out["gemeente_division"], []any{d, c, g[c]})
		}
	}
	for _, from := range divs {
		for _, to := range divs {
			if to < from {
				continue
			}
			cw, err := ref.Crosswalk(from, to)
			if err != nil {
				panic(err) // both divisions are known: a programmer error
			}
			froms := make([]string, 0, len(cw))
			for c := range cw {
				froms = append(froms, c)
			}
			slices.Sort(froms)
			for _, f := range froms {
				tos := make([]string, 0, len(cw[f]))
				for t := range cw[f] {
					tos = append(tos, t)
				}
				slices.Sort(tos)
				for _, t := range tos {
					out["gemeente_crosswalk"] = append(out["gemeente_crosswalk"], []any{from, f, to, t, cw[f][t]})
				}
			}
		}
	}
	return out
}
