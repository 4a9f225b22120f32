package store

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
)

// Checkpoint writes the write-ahead log into the warehouse file: a copy of
// the file then holds every committed change, as long as nothing writes
// meanwhile.
func (s *DB) Checkpoint(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, stmt("load/checkpoint.sql"))
	return err
}

// CopyFile copies the warehouse file to w, as it is on disk: after a
// Checkpoint, with nothing writing meanwhile, a warehouse of its own. The
// file is read through a descriptor that stays open until Close, so that
// the copy leaves DuckDB's lock on the file in place.
func (s *DB) CopyFile(w io.Writer) (int64, error) {
	if s.path == "" || s.path == ":memory:" {
		return 0, errors.New("an in-memory warehouse has no file")
	}
	s.fileMu.Lock()
	defer s.fileMu.Unlock()
	if s.file == nil {
		f, err := os.Open(s.path)
		if err != nil {
			return 0, err
		}
		s.file = f
	}
	st, err := s.file.Stat()
	if err != nil {
		return 0, err
	}
	return io.Copy(w, io.NewSectionReader(s.file, 0, st.Size()))
}

// ViewRowsSQL is the query of every row of the public view name.
func ViewRowsSQL(name string) string {
	quoted := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	return strings.Replace(stmt("query/view_rows.sql"), `"view_name"`, quoted, 1)
}

// PublicTables are the names of the warehouse's public views and tables.
func (s *DB) PublicTables(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, stmt("query/tables.sql"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var schema, name, typ string
		if err := rows.Scan(&schema, &name, &typ); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}
