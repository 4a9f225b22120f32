package store

import (
	"context"
	"database/sql"
	"time"
)

// Run statuses, as in the runs view.
const (
	RunRunning   = "running"
	RunOK        = "ok"
	RunFailed    = "failed"
	RunSkipped   = "skipped"
	RunMissed    = "missed"
	RunCancelled = "cancelled"
)

// Run is one row of the run history.
type Run struct {
	ID           int64
	Job          string
	ScheduledFor time.Time // zero: run by hand
	StartedAt    time.Time // zero: skipped or missed
	FinishedAt   time.Time
	Status       string
	Attempt      int
	Error        string
	Loads        int
	Round        time.Time
	Reports      int
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// StartRun notes the start of a run and returns its id.
func (s *DB) StartRun(ctx context.Context, job string, due, start time.Time, attempt int) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, stmt("load/run_start.sql"), job, nullTime(due), start, attempt).Scan(&id)
	return id, err
}

// FinishRun notes how a run ended.
func (s *DB) FinishRun(ctx context.Context, r Run) error {
	var errText any
	if r.Error != "" {
		errText = r.Error
	}
	_, err := s.db.ExecContext(ctx, stmt("load/run_finish.sql"), r.FinishedAt, r.Status, errText, r.Loads, nullTime(r.Round), r.Reports, r.ID)
	return err
}

// NoteRun notes a run that did not start: skipped or missed.
func (s *DB) NoteRun(ctx context.Context, job string, due time.Time, status, why string) error {
	_, err := s.db.ExecContext(ctx, stmt("load/run_note.sql"), job, nullTime(due), status, why)
	return err
}

// LastDue is the latest due time noted for a job (zero: none).
func (s *DB) LastDue(ctx context.Context, job string) (time.Time, error) {
	var t sql.NullTime
	err := s.db.QueryRowContext(ctx, stmt("query/run_last_due.sql"), job).Scan(&t)
	return t.Time, err
}

// CancelStaleRuns marks the runs a stopped server left running as
// cancelled.
func (s *DB) CancelStaleRuns(ctx context.Context, now time.Time) error {
	_, err := s.db.ExecContext(ctx, stmt("load/run_cancel_stale.sql"), now)
	return err
}

// Runs lists the newest n runs, newest first.
func (s *DB) Runs(ctx context.Context, n int) ([]Run, error) {
	var out []Run
	err := s.scanAll(ctx, stmt("query/runs.sql"), []any{n}, func(r *sql.Rows) error {
		var x Run
		var due, start, end, round sql.NullTime
		if err := r.Scan(&x.ID, &x.Job, &due, &start, &end, &x.Status, &x.Attempt, &x.Error, &x.Loads, &round, &x.Reports); err != nil {
			return err
		}
		x.ScheduledFor, x.StartedAt, x.FinishedAt, x.Round = due.Time, start.Time, end.Time, round.Time
		out = append(out, x)
		return nil
	})
	return out, err
}

// KnownFiles is every file name and content the load log has seen, as
// name + "\x00" + sha256.
func (s *DB) KnownFiles(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.scanAll(ctx, stmt("query/known_files.sql"), nil, func(r *sql.Rows) error {
		var name, sha string
		if err := r.Scan(&name, &sha); err != nil {
			return err
		}
		out[name+"\x00"+sha] = true
		return nil
	})
	return out, err
}
