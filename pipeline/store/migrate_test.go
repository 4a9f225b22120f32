package store

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestMigrateOldWarehouse: a warehouse left by an lpa that knew only the
// first migration keeps its data and gains the newer schema on open.
func TestMigrateOldWarehouse(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	old, err := Open(ctx, path, Options{MaxMigration: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.db.ExecContext(ctx, `INSERT INTO store.observation VALUES
		('50090NED', 2020, 'GM0363', 'gemeente', 2020, '20300', 'roker', 19.9, 'measured', 1)`); err != nil {
		t.Fatal(err)
	}
	if v, _ := old.version(ctx); v != 1 {
		t.Fatalf("old warehouse at version %d", v)
	}
	old.Close()

	if _, err := Open(ctx, path, Options{ReadOnly: true}); !errors.Is(err, ErrOutdated) {
		t.Errorf("read-only open of an old warehouse: %v, want ErrOutdated", err)
	}

	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.version(ctx); v != SchemaVersion() {
		t.Errorf("after open: version %d, want %d", v, SchemaVersion())
	}
	var value float64
	if err := db.db.QueryRowContext(ctx, `SELECT value FROM observations WHERE region_code = 'GM0363'`).Scan(&value); err != nil || value != 19.9 {
		t.Errorf("the old row through the new view: %v %v", value, err)
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM indicators`).Scan(&n); err != nil || n == 0 {
		t.Errorf("catalogue after migration: %d %v", n, err)
	}
}

func TestRefuseNewerWarehouse(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "new.duckdb")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO store.schema_migration (version, name) VALUES (99, '099_future.sql')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, path, Options{}); !errors.Is(err, ErrTooNew) {
		t.Errorf("open of a newer warehouse: %v, want ErrTooNew", err)
	}
}

func TestMigrationsNumbered(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if m.version != i+1 {
			t.Errorf("%s has version %d, want %d", m.name, m.version, i+1)
		}
	}
}
