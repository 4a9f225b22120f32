package store

import "errors"

// Sentinels callers branch on.
var (
	// ErrNoWarehouse: a read-only open of a file that does not exist.
	ErrNoWarehouse = errors.New("no warehouse")
	// ErrLocked: another process holds the warehouse file.
	ErrLocked = errors.New("warehouse in use by another process")
	// ErrOutdated: a read-only open of a warehouse with an older schema.
	ErrOutdated = errors.New("warehouse schema is older than this lpa")
	// ErrTooNew: the warehouse was written by a newer lpa.
	ErrTooNew = errors.New("warehouse schema is newer than this lpa")

	// ErrShrink: a load that would remove most of a slice's rows without
	// --replace or --correct (a *ShrinkError).
	ErrShrink = errors.New("load would remove most of a slice")

	// The guarded read path (guard.go) stops a statement with one of these.

	// ErrRefused: a statement that is not a query, several statements in
	// one, or a query that reaches for a file or an extension.
	ErrRefused = errors.New("refused")
	// ErrEmptyQuery: a text with nothing but blanks and comments.
	ErrEmptyQuery = errors.New("the query is empty")
	// ErrQueryTooLong: a text over Limits.MaxQueryBytes.
	ErrQueryTooLong = errors.New("query too long")
	// ErrTimeout: a statement that ran past Limits.Timeout.
	ErrTimeout = errors.New("time limit reached")
	// ErrTooManyRows: a result over Limits.MaxRows.
	ErrTooManyRows = errors.New("too many rows")
	// ErrMemory: a statement that needed more than Options.MemoryLimit.
	ErrMemory = errors.New("memory limit reached")
)
