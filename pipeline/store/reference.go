package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

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
		for _, r := range rows[t] {
			fmt.Fprintln(sum, t, r)
		}
	}
	hash := hex.EncodeToString(sum.Sum(nil))
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS store.reference_version (sha256 VARCHAR)`); err != nil {
		return err
	}
	var have sql.NullString
	_ = s.db.QueryRowContext(ctx, `SELECT max(sha256) FROM store.reference_version`).Scan(&have)
	if have.String == hash {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range referenceTables {
			if _, err := tx.ExecContext(ctx, `DELETE FROM store.`+t); err != nil {
				return err
			}
			if err := insertMany(ctx, tx, t, rows[t]); err != nil {
				return fmt.Errorf("reference %s: %w", t, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM store.reference_version`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO store.reference_version VALUES (?)`, hash)
		return err
	})
}

// referenceTables are filled from the embedded reference, in this order.
var referenceTables = []string{"indicator_catalogue", "gemeente_change", "ggd_exception", "gemeente_division", "gemeente_crosswalk", "reference_goal"}

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

// insertMany inserts rows into store.<table> in multi-row statements.
func insertMany(ctx context.Context, tx *sql.Tx, table string, rows [][]any) error {
	const batch = 500
	for start := 0; start < len(rows); start += batch {
		part := rows[start:min(start+batch, len(rows))]
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(part[0])), ", ") + ")"
		q := `INSERT INTO store.` + table + ` VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", len(part)), ", ")
		args := make([]any, 0, len(part)*len(part[0]))
		for _, r := range part {
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
