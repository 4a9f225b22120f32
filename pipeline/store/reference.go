package store

import (
	"context"
	"database/sql"

	"lpa/indicators"
)

// refreshReference replaces the reference data shipped with lpa (indicator
// catalogue, municipal changes, GGD exceptions) with this binary's copy.
func (s *DB) refreshReference(ctx context.Context) error {
	ref := indicators.LoadReference()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM store.indicator_catalogue;
			DELETE FROM store.gemeente_change; DELETE FROM store.ggd_exception`); err != nil {
			return err
		}
		for _, c := range ref.Catalogue {
			var ta any
			if c.TripleAim != "" {
				ta = c.TripleAim
			}
			var note any
			if c.Note != "" {
				note = c.Note
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO store.indicator_catalogue VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				c.Key, c.Label, c.Unit, c.Theme, c.Direction, ta, c.NPACore, c.Order, note); err != nil {
				return err
			}
		}
		for _, c := range ref.Changes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO store.gemeente_change VALUES (?, ?, ?, ?, ?, ?, ?)`,
				c.Effective, c.OldCode, c.OldName, c.NewCode, c.NewName, c.Kind, c.Note); err != nil {
				return err
			}
		}
		for _, e := range ref.GGDExceptions {
			if _, err := tx.ExecContext(ctx, `INSERT INTO store.ggd_exception VALUES (?, ?, ?, ?)`,
				e.Division, e.GemeenteCode, e.GGDCode, e.Note); err != nil {
				return err
			}
		}
		return nil
	})
}
