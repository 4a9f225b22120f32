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
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

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
	// file is the warehouse file, opened once for copies (snapshots) and
	// closed only after DuckDB: closing any descriptor of a file drops
	// the process's POSIX locks on it, DuckDB's lock included.
	fileMu sync.Mutex
	file   *os.File
}

// Open opens (and when writable, creates and migrates) the warehouse at
// path. An empty path or ":memory:" gives an in-memory warehouse.
//
// Every instance is locked down for its life: no file outside the warehouse
// is read or written (lpa parses sources in Go and writes them through
// Arrow), no extension is installed or loaded, and the configuration is
// locked so that no statement can open these doors again. A read-only
// instance also neither spills to disk nor opens any file by name.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	inMemory := path == "" || path == ":memory:"
	if opt.ReadOnly && !inMemory {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%w at %s", ErrNoWarehouse, path)
		}
	}
	conn, err := duckdb.NewConnector(dsn(path, inMemory, opt), nil)
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
	if err := s.setUp(ctx, opt); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// dsn is the DuckDB data source: the file and the settings that hold from
// the instance's start.
func dsn(path string, inMemory bool, opt Options) string {
	v := url.Values{}
	if len(opt.ReadDirs) == 0 { // else off once the folders are allowed (setUp)
		v.Set("enable_external_access", "false")
	}
	v.Set("autoinstall_known_extensions", "false")
	v.Set("autoload_known_extensions", "false")
	v.Set("allow_community_extensions", "false")
	if opt.ReadOnly {
		v.Set("max_temp_directory_size", "0B") // a hard memory limit: nothing spills to disk
		if !inMemory {
			v.Set("access_mode", "read_only")
		}
	}
	if opt.MemoryLimit > 0 {
		v.Set("memory_limit", fmt.Sprintf("%dB", opt.MemoryLimit))
	}
	if inMemory {
		path = ""
	}
	return path + "?" + v.Encode()
}

// setUp sets the session settings, migrates a writable warehouse, and
// locks the configuration.
func (s *DB) setUp(ctx context.Context, opt Options) error {
	if _, err := s.db.ExecContext(ctx, stmt("session/timezone.sql")); err != nil {
		return fmt.Errorf("open warehouse %s: %w", s.path, err)
	}
	if err := s.migrate(ctx, opt); err != nil {
		return err
	}
	if len(opt.ReadDirs) > 0 {
		dirs := make([]string, len(opt.ReadDirs))
		for i, d := range opt.ReadDirs {
			abs, err := filepath.Abs(d)
			if err != nil {
				return err
			}
			dirs[i] = abs + string(filepath.Separator)
		}
		if err := s.allowRead(ctx, dirs); err != nil {
			return fmt.Errorf("open warehouse %s: %w", s.path, err)
		}
		if _, err := s.db.ExecContext(ctx, stmt("session/no_external_access.sql")); err != nil {
			return fmt.Errorf("open warehouse %s: %w", s.path, err)
		}
	} else if s.readOnly {
		if _, err := s.db.ExecContext(ctx, stmt("session/no_local_files.sql")); err != nil {
			return fmt.Errorf("open warehouse %s: %w", s.path, err)
		}
	}
	if _, err := s.db.ExecContext(ctx, stmt("session/lock.sql")); err != nil {
		return fmt.Errorf("open warehouse %s: %w", s.path, err)
	}
	return s.db.QueryRowContext(ctx, stmt("session/memory_limit.sql")).Scan(&s.memoryLimit)
}

// allowRead lets DuckDB's own readers open the files of dirs (a SET takes
// no parameters: the list travels in a variable of the same connection).
func (s *DB) allowRead(ctx context.Context, dirs []string) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, stmt("session/read_dirs_variable.sql"), dirs); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, stmt("session/read_dirs.sql"))
	return err
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
	s.fileMu.Lock()
	defer s.fileMu.Unlock()
	if s.file != nil {
		err = errors.Join(err, s.file.Close())
		s.file = nil
	}
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
	err := s.db.QueryRowContext(ctx, stmt("migrate/has_migration_table.sql")).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	err = s.db.QueryRowContext(ctx, stmt("migrate/version.sql")).Scan(&v)
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
		for _, f := range []string{"migrate/create_schema.sql", "migrate/create_migration_table.sql"} {
			if _, err := s.db.ExecContext(ctx, stmt(f)); err != nil {
				return fmt.Errorf("create migration table: %w", err)
			}
		}
	}
	for _, m := range ms[have:want] {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, stmt("migrate/record.sql"), m.version, m.name)
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
