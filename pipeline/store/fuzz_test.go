package store

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzGuard sends any text through the guarded read path of a read-only
// warehouse. Whatever it is, the warehouse keeps its bytes, no file appears
// beside it, and the split into statements accounts for every statement.
func FuzzGuard(f *testing.F) {
	const maxInput = 4 << 10
	for _, s := range []string{
		"SELECT 1", "SELECT $$a;b$$; SELECT 2", "COPY (SELECT 1) TO 'x.csv'", "DELETE FROM store.load_log",
		"SELECT * FROM read_csv('/etc/passwd')", "ATTACH 'x.duckdb' AS x", "SET enable_external_access = true",
		"PIVOT store.load_log ON status", "EXPLAIN ANALYZE DELETE FROM store.load_log", "-- x\nDROP VIEW loads",
		"SELECT 'a'; DROP VIEW loads", "CALL pragma_version()", "INSTALL httpfs", "CHECKPOINT",
		"WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 10) SELECT * FROM r",
		"SELECT * FROM query('SELECT 1')", "EXPORT DATABASE 'x'", "CREATE TEMP TABLE t AS SELECT 1",
	} {
		f.Add(s)
	}
	path := guardedWarehouse(f)
	dir := filepath.Dir(path)
	sum := func() [32]byte {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	want := sum()
	db, err := Open(f.Context(), path, Options{ReadOnly: true, MemoryLimit: 256 << 20})
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > maxInput {
			return
		}
		if stmts, err := db.Statements(q); err == nil {
			n, _ := db.countStatements(q)
			got := 0
			for _, s := range stmts {
				k, err := db.countStatements(s)
				if err != nil {
					t.Fatalf("part %q of %q does not parse alone: %v", s, q, err)
				}
				got += k
			}
			if got != n {
				t.Fatalf("%q: parts %q hold %d statements, the whole %d", q, stmts, got, n)
			}
		}
		var r rowCount
		_ = db.Query(t.Context(), q, Limits{Timeout: 2 * time.Second}, &r)
		if sum() != want {
			t.Fatalf("%q changed the warehouse's bytes", q)
		}
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) != 1 {
			t.Fatalf("%q: the warehouse folder holds %d entries (%v)", q, len(entries), err)
		}
	})
}
