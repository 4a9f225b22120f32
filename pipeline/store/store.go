// Package store is lpa's only door to the DuckDB warehouse: it opens the
// file, migrates the schema from the embedded SQL, writes loads atomically,
// runs the metric SQL and answers queries with plain Go values.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	sqlfiles "lpa/sql"
)

// Options say how to open the warehouse.
type Options struct {
	// ReadOnly opens without write access (DuckDB access_mode=read_only):
	// no migration, no writes, other read-only readers allowed.
	ReadOnly bool
	// MaxMigration stops migrations after this version (0: all). Tests use it
	// to build a warehouse as an older lpa would have left it.
	MaxMigration int
	// MemoryLimit caps the memory DuckDB may use, in bytes (0: DuckDB's
	// default, 80 % of the machine). A query that needs more stops with
	// ErrMemory. A read-only warehouse does not spill to disk, so the limit
	// is a hard one and a query writes no temporary files.
	MemoryLimit int64
	// ReadDirs are folders whose files DuckDB's own readers (read_csv, ...)
	// may open although file access is otherwise off. lpa's commands never
	// set it; tests use it to check lpa's parsers against DuckDB's.
	ReadDirs []string
}

// DB is an open warehouse.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool
	// memoryLimit is DuckDB's memory_limit as it states it (e.g. "6.0 GiB").
	memoryLimit string
	parser      parser
}

// Open opens (and when writable, creates and migrates) the warehouse at
// path. An empty path or ":memory:" gives an in-memory warehouse.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	inMemory := path == "" || path == ":memory:"
	if opt.ReadOnly && !inMemory {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%w at %s", ErrNoWarehouse, path)
		}
	}
	dsn := path
	if inMemory {
		dsn = ""
	}
	if opt.ReadOnly && !inMemory {
		dsn += "?access_mode=read_only"
	}
	conn, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, openError(path, err)
	}
	s := &DB{db: sql.OpenDB(conn), path: path, readOnly: opt.ReadOnly}
	if inMemory {
		// Every connection to "" would be a new, empty database.
		s.db.SetMaxOpenConns(1)
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, openError(path, err)
	}
	if _, err := s.db.ExecContext(ctx, "SET GLOBAL TimeZone = 'Europe/Amsterdam'"); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open warehouse %s: %w", path, err)
	}
	if err := s.migrate(ctx, opt); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.lockDown(ctx, opt); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open warehouse %s: %w", path, err)
	}
	return s, nil
}

// lockDown closes every door of DuckDB that lpa does not use, for the life
// of the instance: no file outside the warehouse is read or written (lpa
// parses sources in Go and writes them through Arrow), no extension is
// installed or loaded, and the configuration is locked so that no statement
// can open these doors again. The order matters: the temporary folder can
// only be changed while file access is still on.
func (s *DB) lockDown(ctx context.Context, opt Options) error {
	var stmts []string
	if s.readOnly {
		// No spilling to disk, and no new file opened at all: the
		// warehouse file is open already.
		stmts = append(stmts, "SET GLOBAL temp_directory = ''")
	}
	if len(opt.ReadDirs) > 0 {
		dirs := make([]string, len(opt.ReadDirs))
		for i, d := range opt.ReadDirs {
			abs, err := filepath.Abs(d)
			if err != nil {
				return err
			}
			dirs[i] = "'" + strings.ReplaceAll(abs+string(filepath.Separator), "'", "''") + "'"
		}
		stmts = append(stmts, "SET GLOBAL allowed_directories = ["+strings.Join(dirs, ", ")+"]")
	}
	if opt.MemoryLimit > 0 {
		stmts = append(stmts, fmt.Sprintf("SET GLOBAL memory_limit = '%dB'", opt.MemoryLimit))
	}
	stmts = append(stmts,
		"SET GLOBAL enable_external_access = false",
		"SET GLOBAL autoinstall_known_extensions = false",
		"SET GLOBAL autoload_known_extensions = false",
		"SET GLOBAL allow_community_extensions = false",
	)
	if s.readOnly && len(opt.ReadDirs) == 0 {
		// The warehouse file is open already: a read-only instance opens
		// no file at all, not even the warehouse's own by name.
		stmts = append(stmts, "SET GLOBAL disabled_filesystems = 'LocalFileSystem'")
	}
	stmts = append(stmts, "SET GLOBAL lock_configuration = true")
	for _, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return s.db.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&s.memoryLimit)
}

var reLockPID = regexp.MustCompile(`\(PID ([0-9]+)\)`)

func openError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock") {
		who := "another process"
		if m := reLockPID.FindStringSubmatch(msg); m != nil {
			who = "process " + m[1]
		}
		return fmt.Errorf("%w: %s holds %s (another lpa load, compute or sql prompt): wait for it to finish, or stop it, and run this command again", ErrLocked, who, path)
	}
	return fmt.Errorf("open warehouse %s: %w", path, err)
}

// Close closes the warehouse.
func (s *DB) Close() error {
	err := s.db.Close()
	s.parser.close()
	return err
}

// Path is the file the warehouse lives in ("" for in-memory).
func (s *DB) Path() string { return s.path }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(sqlfiles.FS, "schema")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("schema/%s: name must start with a version number", e.Name())
		}
		b, err := sqlfiles.FS.ReadFile(path.Join("schema", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("schema/%s: versions must run 1, 2, 3, ... without gaps", m.name)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema version this lpa knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // embedded SQL is broken: a programmer error
	}
	return len(ms)
}

func (s *DB) version(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'store' AND table_name = 'schema_migration'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT max(version) FROM store.schema_migration`).Scan(&v)
	return int(v.Int64), err
}

// migrate brings the schema to the newest version, each migration in its
// own transaction, and refreshes the reference data shipped with lpa.
func (s *DB) migrate(ctx context.Context, opt Options) error {
	ms, err := migrations()
	if err != nil {
		panic(err)
	}
	have, err := s.version(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	want := len(ms)
	if opt.MaxMigration > 0 && opt.MaxMigration < want {
		want = opt.MaxMigration
	}
	if have > len(ms) {
		return fmt.Errorf("%w: %s is at schema version %d, this lpa knows up to %d; use a newer lpa", ErrTooNew, s.path, have, len(ms))
	}
	if s.readOnly {
		if have < want {
			return fmt.Errorf("%w: %s is at schema version %d, this lpa needs %d; open it once for writing (e.g. lpa init) to migrate it", ErrOutdated, s.path, have, want)
		}
		return nil
	}
	if have == 0 {
		if _, err := s.db.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS store;
			CREATE TABLE IF NOT EXISTS store.schema_migration (
				version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)`); err != nil {
			return fmt.Errorf("create migration table: %w", err)
		}
	}
	for _, m := range ms[have:want] {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO store.schema_migration (version, name) VALUES (?, ?)`, m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s to schema %s: %w", s.path, m.name, err)
		}
	}
	if want < len(ms) {
		return nil // a deliberately old warehouse (tests)
	}
	return s.refreshReference(ctx)
}

func (s *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}
