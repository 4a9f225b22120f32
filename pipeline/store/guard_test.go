package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// guardedWarehouse writes a small warehouse file (schema, reference data and
// a few observations) and returns its path.
func guardedWarehouse(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(t.Context(), `
		INSERT INTO store.load_log (load_id, file_path, file_name, sha256, kind, status, rows, loaded_at)
		VALUES (1, 'x.csv', 'x.csv', 'abc', 'statline_50090ned', 'loaded', 2, TIMESTAMPTZ '2026-11-01 12:00:00+01')`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot is every file under dir with the hash of its bytes.
func snapshot(t testing.TB, dirs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = fmt.Sprintf("%x", sha256.Sum256(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// tmpMarkers lists the files in the system temp folder whose name holds
// marker: an escape that wrote there would leave one.
func tmpMarkers(t testing.TB, marker string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(os.TempDir(), "*"+marker+"*"))
	sort.Strings(m)
	return m
}

// TestGuardEscapes tries to get past the guarded read path: every attempt
// to write, read a file, load code, change a setting, run more than one
// statement or run without bounds is refused or stopped with a clear
// message, the warehouse keeps its bytes and no file appears anywhere.
func TestGuardEscapes(t *testing.T) {
	path := guardedWarehouse(t)
	dir := filepath.Dir(path)
	outside := t.TempDir() // where escapes try to write
	other := filepath.Join(outside, "other.duckdb")
	if err := os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	marker := fmt.Sprintf("lpaescape%d", time.Now().UnixNano())
	tmp := filepath.Join(os.TempDir(), marker)
	before := snapshot(t, dir, outside)

	db, err := Open(t.Context(), path, Options{ReadOnly: true, MemoryLimit: 256 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lim := Limits{Timeout: 3 * time.Second}

	q := func(s string) string {
		r := strings.NewReplacer("{W}", path, "{D}", outside, "{O}", other, "{T}", tmp)
		return r.Replace(s)
	}
	type attempt struct {
		name, sql string
		want      error // the sentinel; nil: any error from DuckDB
	}
	// The memory cases get time enough to reach the memory limit on a
	// slow or busy machine.
	memoryLim := Limits{Timeout: 2 * time.Minute}
	attempts := []attempt{
		// Writing files.
		{"copy to a file", "COPY (SELECT 1 AS x) TO '{D}/out.csv'", ErrRefused},
		{"copy onto the warehouse", "COPY (SELECT 1 AS x) TO '{W}' (FORMAT csv)", ErrRefused},
		{"copy onto the wal", "COPY (SELECT 1 AS x) TO '{W}.wal' (FORMAT csv)", ErrRefused},
		{"copy a view to parquet", "COPY loads TO '{D}/loads.parquet' (FORMAT parquet)", ErrRefused},
		{"copy to the temp folder", "COPY (SELECT 1) TO '{T}.csv'", ErrRefused},
		{"copy from a file", "COPY store.load_log FROM '{D}/secret.csv'", ErrRefused},
		{"export database", "EXPORT DATABASE '{D}/export'", ErrRefused},
		{"import database", "IMPORT DATABASE '{D}'", ErrRefused},
		{"copy from database", "COPY FROM DATABASE w TO memory", ErrRefused},
		{"explain analyze copy", "EXPLAIN ANALYZE COPY (SELECT 1) TO '{D}/e.csv'", ErrRefused},
		// Other databases.
		{"attach read-only", "ATTACH '{O}' AS o (READ_ONLY)", ErrRefused},
		{"attach read-write", "ATTACH '{O}' AS o", ErrRefused},
		{"attach in memory", "ATTACH ':memory:' AS m", ErrRefused},
		{"detach", "DETACH w", ErrRefused},
		{"use", "USE system", ErrRefused},
		// Code.
		{"install", "INSTALL httpfs", ErrRefused},
		{"load", "LOAD httpfs", ErrRefused},
		{"load a file", "LOAD '{D}/evil.duckdb_extension'", ErrRefused},
		{"update extensions", "UPDATE EXTENSIONS", ErrRefused},
		// Reading files.
		{"read_csv", "SELECT * FROM read_csv('/etc/passwd')", ErrRefused},
		{"read_csv beside", "SELECT * FROM read_csv('{D}/secret.csv')", ErrRefused},
		{"read_text", "SELECT * FROM read_text('/etc/hostname')", ErrRefused},
		{"read_blob of the warehouse", "SELECT * FROM read_blob('{W}')", ErrRefused},
		{"read_parquet", "SELECT * FROM read_parquet('{D}/x.parquet')", ErrRefused},
		{"read_json", "SELECT * FROM read_json('{D}/x.json')", ErrRefused},
		{"glob", "SELECT * FROM glob('/root/*')", ErrRefused},
		{"sniff_csv", "SELECT * FROM sniff_csv('/etc/passwd')", ErrRefused},
		{"file as a table", "SELECT * FROM '{D}/secret.csv'", nil},
		// Settings.
		{"set external access", "SET enable_external_access = true", ErrRefused},
		{"set global external access", "SET GLOBAL enable_external_access = true", ErrRefused},
		{"reset external access", "RESET enable_external_access", ErrRefused},
		{"unlock configuration", "SET lock_configuration = false", ErrRefused},
		{"set memory", "SET memory_limit = '100GB'", ErrRefused},
		{"reset memory", "RESET memory_limit", ErrRefused},
		{"pragma memory", "PRAGMA memory_limit = '100GB'", ErrRefused},
		{"set profiling output", "SET profiling_output = '{D}/profile.json'", ErrRefused},
		{"pragma profiling output", "PRAGMA profiling_output = '{D}/profile.json'", ErrRefused},
		{"pragma enable profiling", "PRAGMA enable_profiling", ErrRefused},
		{"set variable", "SET VARIABLE x = 1", ErrRefused},
		{"create secret", "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')", ErrRefused},
		{"create persistent secret", "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')", nil},
		// Statements that are not queries.
		{"call", "CALL pragma_version()", ErrRefused},
		{"checkpoint", "CHECKPOINT", ErrRefused},
		{"force checkpoint", "FORCE CHECKPOINT", ErrRefused},
		{"create table", "CREATE TABLE t (i INTEGER)", ErrRefused},
		{"create temp table", "CREATE TEMP TABLE t AS SELECT 1", ErrRefused},
		{"create view", "CREATE VIEW v AS SELECT 1", ErrRefused},
		{"create or replace view", "CREATE OR REPLACE VIEW loads AS SELECT 1 AS x", ErrRefused},
		{"create macro", "CREATE MACRO m(a) AS a", ErrRefused},
		{"create sequence", "CREATE SEQUENCE s", ErrRefused},
		{"create schema", "CREATE SCHEMA x", ErrRefused},
		{"create type", "CREATE TYPE mood AS ENUM ('a')", ErrRefused},
		{"alter table", "ALTER TABLE store.load_log ADD COLUMN x INTEGER", ErrRefused},
		{"drop view", "DROP VIEW loads", ErrRefused},
		{"drop table", "DROP TABLE store.load_log", ErrRefused},
		{"insert", "INSERT INTO store.load_log (load_id) VALUES (2)", ErrRefused},
		{"update", "UPDATE store.load_log SET status = 'x'", ErrRefused},
		{"delete", "DELETE FROM store.load_log", ErrRefused},
		{"truncate", "TRUNCATE store.load_log", ErrRefused},
		{"vacuum", "VACUUM", ErrRefused},
		{"analyze", "ANALYZE", ErrRefused},
		{"begin", "BEGIN TRANSACTION", ErrRefused},
		{"commit", "COMMIT", ErrRefused},
		{"prepare", "PREPARE p AS SELECT 1", ErrRefused},
		{"execute", "EXECUTE p", nil},
		{"explain analyze delete", "EXPLAIN ANALYZE DELETE FROM store.load_log", ErrRefused},
		{"explain analyze create", "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1", ErrRefused},
		{"query() of a delete", "SELECT * FROM query('DELETE FROM store.load_log')", nil},
		// Several statements, hidden ones.
		{"two statements", "SELECT 1; DELETE FROM store.load_log", ErrRefused},
		{"after a line comment", "-- SELECT 1\nDELETE FROM store.load_log", ErrRefused},
		{"after a block comment", "/* SELECT 1; */ DROP VIEW loads", ErrRefused},
		{"after a string", "SELECT 'a;'; DROP VIEW loads", ErrRefused},
		{"after a dollar string", "SELECT $$a;$$; DROP VIEW loads", ErrRefused},
		{"behind a NUL byte", "SELECT 1\x00; DROP VIEW loads", ErrRefused},
		{"too long", "SELECT '" + strings.Repeat("x", DefaultMaxQueryBytes) + "'", ErrQueryTooLong},
		{"only a comment", "-- nothing", ErrEmptyQuery},
		// Bounds.
		{"runaway recursion", "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r", ErrTimeout},
		{"cross join", "SELECT count(*) FROM range(100000) a, range(100000) b, range(100000) c", ErrTimeout},
		{"too much memory", "SELECT len(list(i)) FROM range(3000000000) r(i)", ErrMemory},
		{"a huge string", "SELECT length(string_agg(repeat('x', 1000), '')) FROM range(10000000)", ErrMemory},
	}
	if len(attempts) < 40 {
		t.Fatalf("only %d attempts", len(attempts))
	}
	for _, a := range attempts {
		t.Run(a.name, func(t *testing.T) {
			var rows rowCount
			l := lim
			if a.want == ErrMemory {
				l = memoryLim
			}
			err := db.Query(t.Context(), q(a.sql), l, &rows)
			if err == nil {
				t.Fatalf("%s: ran (%d rows); want it refused", a.sql, rows.n)
			}
			if a.want != nil && !errors.Is(err, a.want) {
				t.Errorf("%.80s: %v; want %v", a.sql, err, a.want)
			}
			if strings.Contains(err.Error(), "\n") && !errors.Is(err, ErrRefused) {
				t.Logf("%.80s: %v", a.sql, err)
			}
		})
	}

	// The same doors through the Arrow path.
	for _, s := range []string{"COPY (SELECT 1) TO '{D}/a.csv'", "DELETE FROM store.load_log", "SELECT * FROM read_text('/etc/hostname')"} {
		if err := db.QueryArrow(t.Context(), q(s), lim, &strings.Builder{}); !errors.Is(err, ErrRefused) {
			t.Errorf("arrow %s: %v; want refused", s, err)
		}
	}

	// What the guard lets through still works on the same instance.
	if n := countRows(t, db, "SELECT count(*) FROM store.load_log"); n != "1" {
		t.Errorf("load_log rows after the escapes: %s, want 1", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, snapshot(t, dir, outside)); diff != "" {
		t.Errorf("files changed (-before +after):\n%s", diff)
	}
	if m := tmpMarkers(t, marker); len(m) > 0 {
		t.Errorf("files written to the temp folder: %v", m)
	}
}

// TestGuardRunsQueries: every kind of query and every DuckDB literal runs.
func TestGuardRunsQueries(t *testing.T) {
	db, err := Open(t.Context(), guardedWarehouse(t), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct{ sql, want string }{
		{"SELECT 1 + 1", "2"},
		{"WITH a AS (SELECT 41 AS x) SELECT x + 1 FROM a", "42"},
		{"VALUES (7)", "7"},
		{"FROM store.load_log SELECT count(*)", "1"},
		{"SELECT count(*) FROM (DESCRIBE loads)", "9"},
		{"SELECT count(*) > 5 FROM (SHOW TABLES)", "true"},
		{"SELECT count(*) > 0 FROM (SUMMARIZE store.load_log)", "true"},
		{"SELECT count(*) FROM (PIVOT store.load_log ON status USING count(*))", "1"},
		{"PIVOT store.load_log ON status USING count(*) GROUP BY kind", "statline_50090ned"},
		{"PIVOT store.load_log ON status IN ('loaded') USING count(*) GROUP BY kind", "statline_50090ned"},
		{"SELECT library_version LIKE 'v1.%' FROM pragma_version()", "true"},
		{"SELECT $$a;b$$", "a;b"},
		{"SELECT $tag$it's; $$ fine$tag$", "it's; $$ fine"},
		{"SELECT 'it''s; fine'", "it's; fine"},
		{`SELECT E'a\nb' = 'a' || chr(10) || 'b'`, "true"},
		{`SELECT "status" FROM store.load_log`, "loaded"},
		{"SELECT 1 -- a comment; with a semicolon", "1"},
		{"/* ; */ SELECT 2", "2"},
		{"SELECT strftime(loaded_at, '%Y-%m-%d %H:%M %Z') FROM store.load_log", "2026-11-01 12:00 Europe/Amsterdam"},
	} {
		if got := countRows(t, db, c.sql); got != c.want {
			t.Errorf("%s: got %s, want %s", c.sql, got, c.want)
		}
	}
	var rows rowCount
	if err := db.Query(t.Context(), "EXPLAIN SELECT 1", Limits{}, &rows); err != nil || rows.n == 0 {
		t.Errorf("EXPLAIN: %v, %d rows", err, rows.n)
	}
}

func TestStatements(t *testing.T) {
	db, err := Open(t.Context(), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"SELECT 1", []string{"SELECT 1"}},
		{"SELECT 1;", []string{"SELECT 1"}},
		{"SELECT 1; SELECT 2;", []string{"SELECT 1", "SELECT 2"}},
		{"SELECT $$a;b$$; SELECT 'c;d'", []string{"SELECT $$a;b$$", "SELECT 'c;d'"}},
		{"SELECT 1 -- x;\n; SELECT 2", []string{"SELECT 1 -- x", "SELECT 2"}},
		{"PIVOT store.load_log ON status; SELECT 2", []string{"PIVOT store.load_log ON status", "SELECT 2"}},
		{"SELECT 1 -- ;SELECT 2\n; SELECT 3", []string{"SELECT 1 -- ;SELECT 2", "SELECT 3"}},
		{"/* ; */ SELECT 1; SELECT \";\" FROM (SELECT 1 AS \";\")", []string{"/* ; */ SELECT 1", "SELECT \";\" FROM (SELECT 1 AS \";\")"}},
		{"-- only a comment", nil},
		{"  ", nil},
	} {
		got, err := db.Statements(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.in, diff)
		}
	}
	if _, err := db.Statements("SELECT 'open"); err == nil {
		t.Error("an unterminated string split without an error")
	}
	if !db.Unterminated("SELECT $$a;\n") || db.Unterminated("SELECT 1;") {
		t.Error("Unterminated does not tell an open dollar string from a whole statement")
	}
}

// rowCount counts result rows and keeps the first value.
type rowCount struct {
	n     int
	first string
}

func (r *rowCount) Header([]Column) error { return nil }
func (r *rowCount) Row(v []any) error {
	if r.n == 0 && len(v) > 0 {
		r.first = fmt.Sprint(v[0])
	}
	r.n++
	return nil
}

func countRows(t testing.TB, db *DB, q string) string {
	t.Helper()
	var r rowCount
	if err := db.Query(t.Context(), q, Limits{Timeout: time.Minute}, &r); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return r.first
}

// BenchmarkPointQuery compares a point query through the guarded read path
// with the same query straight on the driver. Run:
//
//	go test -tags duckdb_arrow -run '^$' -bench PointQuery ./pipeline/store/
func BenchmarkPointQuery(b *testing.B) {
	db, err := Open(b.Context(), guardedWarehouse(b), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const q = "SELECT status FROM store.load_log WHERE load_id = 1"
	b.Run("guarded", func(b *testing.B) {
		for b.Loop() {
			var r rowCount
			if err := db.Query(b.Context(), q, Limits{Timeout: time.Minute}, &r); err != nil || r.n != 1 {
				b.Fatal(err, r.n)
			}
		}
	})
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			rows, err := db.db.QueryContext(context.Background(), q)
			if err != nil {
				b.Fatal(err)
			}
			var r rowCount
			if err := writeRows(rows, &r); err != nil || r.n != 1 {
				b.Fatal(err, r.n)
			}
			rows.Close()
		}
	})
}
