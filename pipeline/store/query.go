package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"time"
)

// Column describes one result column.
type Column struct {
	Name string
	Type string // DuckDB type name, e.g. VARCHAR, DOUBLE
}

// RowWriter receives a query result: the columns once, then every row. The
// values are the driver's Go values (string, int64, float64, time.Time, nil,
// ...); vals is reused between calls.
type RowWriter interface {
	Header(cols []Column) error
	Row(vals []any) error
}

// writeRows streams a result into w.
func writeRows(rows *sql.Rows, w RowWriter) error {
	types, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	cols := make([]Column, len(types))
	for i, t := range types {
		cols[i] = Column{Name: t.Name(), Type: t.DatabaseTypeName()}
	}
	if err := w.Header(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := w.Row(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// writeDriverRows streams a result read from the driver into w, with the
// values database/sql would give (bytes copied, the rest as they come).
func writeDriverRows(rows driver.Rows, w RowWriter) error {
	names := rows.Columns()
	cols := make([]Column, len(names))
	typed, _ := rows.(driver.RowsColumnTypeDatabaseTypeName)
	for i, n := range names {
		cols[i].Name = n
		if typed != nil {
			cols[i].Type = typed.ColumnTypeDatabaseTypeName(i)
		}
	}
	if err := w.Header(cols); err != nil {
		return err
	}
	dest := make([]driver.Value, len(cols))
	vals := make([]any, len(cols))
	for {
		err := rows.Next(dest)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		for i, v := range dest {
			if b, ok := v.([]byte); ok {
				v = bytes.Clone(b)
			}
			vals[i] = v
		}
		if err := w.Row(vals); err != nil {
			return err
		}
	}
}

// scanAll runs q and calls fn for each row.
func (s *DB) scanAll(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// OwnLoads counts the loads of files other than the bundled example data
// (their paths start with examples/) that put rows into the warehouse.
func (s *DB) OwnLoads(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, stmt("query/own_loads.sql")).Scan(&n)
	return n, err
}

// LastChange is the time the warehouse's last change was made (the newest load or
// computation), used to date reports reproducibly.
func (s *DB) LastChange(ctx context.Context) (time.Time, error) {
	var t sql.NullTime
	err := s.db.QueryRowContext(ctx, stmt("query/last_change.sql")).Scan(&t)
	return t.Time, err
}
