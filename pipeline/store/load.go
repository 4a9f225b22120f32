package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lpa/indicators"
)

// Load statuses, as in the loads view.
const (
	StatusLoaded         = "loaded"
	StatusUnchanged      = "unchanged"
	StatusFailed         = "failed"
	StatusReplaced       = "replaced"
	StatusPartlyReplaced = "partly_replaced"
)

// LoadFile is one parsed source file ready to be written.
type LoadFile struct {
	Path   string // as the user gave it
	Name   string // base name
	SHA256 string // of the bytes on disk
	Parsed *indicators.Parsed
}

// LoadOutcome says what one file's load did.
type LoadOutcome struct {
	Path     string
	Kind     indicators.Kind
	LoadID   int64
	Status   string // loaded or unchanged
	Rows     int
	Replaced []int64 // earlier loads whose rows this load took over
	SameAs   int64   // for unchanged: the load that holds this content
	Note     string  // what lpa decided about the file (indicators.Parsed.Note)
}

// LoadOptions say how a load may change what the warehouse holds.
type LoadOptions struct {
	// Replace lets a file replace a slice even when it holds fewer than
	// half of the slice's rows (ShrinkError otherwise).
	Replace bool
	// Correct makes a statistics file a correction: its rows replace the
	// rows of the same regions in their slices, and every other region of
	// the slice stays.
	Correct bool
}

// ShrinkError refuses a file that would replace a slice with fewer than
// half of its rows: most likely a part of a file, not a new version of it.
type ShrinkError struct {
	Path     string
	Slice    string // what the slice is, in words
	Existing int    // rows the slice holds now
	Incoming int    // rows the file brings for it
	Regions  int    // regions the file holds in the slice
}

func (e *ShrinkError) Error() string {
	regions, correct := "", ""
	if e.Regions > 0 {
		regions = fmt.Sprintf(" (of %d regions)", e.Regions)
		correct = ", or with --correct to replace only the rows of the regions it holds"
	}
	return fmt.Sprintf("%s: would replace the %d rows of %s with %d rows%s: more than half of them would go; "+
		"expected a complete file. Load it with --replace if it is meant to replace them all%s",
		e.Path, e.Existing, e.Slice, e.Incoming, regions, correct)
}

func (e *ShrinkError) Unwrap() error { return ErrShrink }

// shrinks reports whether replacing existing rows with incoming ones
// removes more than half of them.
func shrinks(existing, incoming int) bool { return existing > 0 && 2*incoming < existing }

// Loader writes the files of one load in one transaction, in order:
// either all of them land or none does. A file whose content (sha256) is
// already loaded and still holds all its rows adds nothing. A file covering
// a slice that an earlier load covers (same source, edition, age group and
// region level; the same region file kind and division; the same accord
// id) replaces that slice's rows. A file that would remove more than half
// of a slice's rows is refused with a *ShrinkError unless the options say
// --replace or --correct.
//
// Add the files one at a time (the caller need not hold all of them at
// once), then Commit; Close rolls back what was not committed.
type Loader struct {
	conn      *sql.Conn
	b         *batch
	now       time.Time
	out       []LoadOutcome
	touched   []int64
	committed bool
	closed    bool
}

// BeginLoad starts a load: a transaction on a connection of its own.
func (s *DB) BeginLoad(ctx context.Context, now time.Time, opt LoadOptions) (*Loader, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, stmt("session/begin.sql")); err != nil {
		conn.Close()
		return nil, err
	}
	return &Loader{conn: conn, now: now,
		b: &batch{owner: map[indicators.Slice]int64{}, opt: opt}}, nil
}

// Add writes the next file of the load. skip names the slices of its
// dataset that a later file of the load covers too (SupersededSlices): they
// are not written only to be deleted again.
func (l *Loader) Add(ctx context.Context, f LoadFile, skip map[indicators.Slice]bool) (LoadOutcome, error) {
	o, err := l.b.loadOne(ctx, l.conn, f, l.now, skip)
	var se *ShrinkError
	if errors.As(err, &se) {
		se.Path = f.Path
		return o, se
	}
	if err != nil {
		return o, fmt.Errorf("load %s: %w", f.Path, err)
	}
	l.out = append(l.out, o)
	if o.Status == StatusLoaded {
		l.touched = mergeIDs(l.touched, append([]int64{o.LoadID}, o.Replaced...))
	}
	return o, nil
}

// Commit sets the status of every load the files touched and commits; it
// returns what each file's load did, in the order they were added.
func (l *Loader) Commit(ctx context.Context) ([]LoadOutcome, error) {
	if err := refreshStatus(ctx, l.conn, l.touched); err != nil {
		return nil, err
	}
	if _, err := l.conn.ExecContext(ctx, stmt("session/commit.sql")); err != nil {
		return nil, fmt.Errorf("commit load: %w", err)
	}
	l.committed = true
	return l.out, nil
}

// Close rolls the load back unless it was committed, and releases its
// connection; a second Close does nothing.
func (l *Loader) Close() error {
	if l.closed {
		return nil
	}
	l.closed = true
	if !l.committed {
		_, _ = l.conn.ExecContext(context.Background(), stmt("session/rollback.sql"))
	}
	return l.conn.Close()
}

// RecordFailure notes a refused file in the load log. Nothing else changes.
func (s *DB) RecordFailure(ctx context.Context, path, name, sha, kind, msg string, now time.Time) error {
	var k any
	if kind != "" {
		k = kind
	}
	_, err := s.db.ExecContext(ctx, stmt("load/record_failure.sql"), name, path, sha, k, now, msg)
	return err
}

// ownedRows counts the warehouse rows that came with a load.
func ownedRows(ctx context.Context, conn *sql.Conn, loadID int64) (int, error) {
	var n int
	err := conn.QueryRowContext(ctx, stmt("load/owned_rows.sql"), loadID).Scan(&n)
	return n, err
}

// batch is the state of one load: which load of the batch last covered
// each slice.
type batch struct {
	owner map[indicators.Slice]int64
	opt   LoadOptions
}

// SupersededSlices gives, per file of a load (the slices of its dataset,
// in the load's order), the slices that a later file of the load covers
// too: Loader.Add's skip.
func SupersededSlices(files [][]indicators.Slice) []map[indicators.Slice]bool {
	out := make([]map[indicators.Slice]bool, len(files))
	covered := map[indicators.Slice]bool{}
	for i := len(files) - 1; i >= 0; i-- {
		for _, sl := range files[i] {
			if covered[sl] {
				if out[i] == nil {
					out[i] = map[indicators.Slice]bool{}
				}
				out[i][sl] = true
			}
			covered[sl] = true
		}
	}
	return out
}

// refreshStatus sets each load's status from the rows it still owns,
// counted for all of them in one pass.
func refreshStatus(ctx context.Context, conn *sql.Conn, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	owned := map[int64]int{}
	rows, err := conn.QueryContext(ctx, stmt("load/owned_rows_of_loads.sql"), ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		owned[id] = n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := conn.ExecContext(ctx, stmt("load/refresh_status.sql"), owned[id], owned[id], id); err != nil {
			return err
		}
	}
	return nil
}

func (b *batch) loadOne(ctx context.Context, conn *sql.Conn, f LoadFile, now time.Time, skip map[indicators.Slice]bool) (LoadOutcome, error) {
	o := LoadOutcome{Path: f.Path, Kind: f.Parsed.Kind, Rows: f.Parsed.Rows()}
	// The same content under the same file name, still whole in the
	// warehouse, is not loaded again. The name counts because some kinds
	// take facts from it (a year, a division): the same bytes named
	// gemeente_overgewicht_2022.csv are another slice than under _2024.
	var prev, prevRows int64
	err := conn.QueryRowContext(ctx, stmt("load/same_content.sql"), f.SHA256, f.Name).Scan(&prev, &prevRows)
	switch {
	case err == nil:
		have, err := ownedRows(ctx, conn, prev)
		if err != nil {
			return o, err
		}
		if int64(have) == prevRows {
			o.LoadID, o.Status, o.Rows, o.SameAs = prev, StatusUnchanged, 0, prev
			id, err := nextLoadID(ctx, conn)
			if err != nil {
				return o, err
			}
			_, err = conn.ExecContext(ctx, stmt("load/log_unchanged.sql"),
				id, f.Name, f.Path, f.SHA256, string(f.Parsed.Kind), now, fmt.Sprintf("same content as load %d; nothing added", prev))
			o.LoadID = id
			return o, err
		}
	case !errors.Is(err, sql.ErrNoRows):
		return o, err
	}
	id, err := nextLoadID(ctx, conn)
	if err != nil {
		return o, err
	}
	o.LoadID, o.Status = id, StatusLoaded
	var replaced []int64
	switch p := f.Parsed; {
	case p.Dataset != nil:
		replaced, err = b.replaceDataset(ctx, conn, p.Dataset, id, skip)
		if err == nil && len(p.LocalIndicators) > 0 {
			err = replaceLocalIndicators(ctx, conn, p.LocalIndicators, id)
		}
	case p.Regions != nil:
		replaced, err = b.replaceRegions(ctx, conn, p.Regions, id)
	case p.Accord != nil: // an accord id replaces its entry, members and coding
		replaced, err = replaceAccord(ctx, conn, p.Accord, id)
		if err == nil {
			var coding []int64
			coding, err = replaceAccordCoding(ctx, conn, p.Accord, id)
			replaced = mergeIDs(replaced, coding)
		}
	case p.Status != nil: // a VNG status file replaces the rounds it holds
		replaced, err = replaceStatus(ctx, conn, p.Status, id)
	case p.Template != nil: // a template replaces the keys it holds (store/registry.go)
		replaced, err = replaceTemplate(ctx, conn, p.Template, id)
	case p.CareCosts != nil: // a file of data year Y replaces all care costs of Y
		replaced, err = replaceCareCosts(ctx, conn, p.CareCosts, id, b.opt)
	default:
		err = fmt.Errorf("nothing parsed")
	}
	if err != nil {
		return o, err
	}
	msg := f.Parsed.Note // what lpa decided about the file, e.g. a year the file does not state
	if len(replaced) > 0 {
		msg = strings.TrimPrefix(msg+"; "+fmt.Sprintf("replaced rows of load %v", replaced), "; ")
	}
	if _, err := conn.ExecContext(ctx, stmt("load/log_loaded.sql"),
		id, f.Name, f.Path, f.SHA256, string(f.Parsed.Kind), o.Rows, now, nullIfEmpty(msg)); err != nil {
		return o, err
	}
	o.Replaced, o.Note = replaced, f.Parsed.Note
	return o, nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nextLoadID(ctx context.Context, conn *sql.Conn) (int64, error) {
	var id int64
	err := conn.QueryRowContext(ctx, stmt("load/next_load_id.sql")).Scan(&id)
	return id, err
}

// loadIDs collects the distinct load ids a query returns.
func loadIDs(ctx context.Context, conn *sql.Conn, q string, args ...any) ([]int64, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func mergeIDs(a, b []int64) []int64 {
	seen := map[int64]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			a = append(a, x)
			seen[x] = true
		}
	}
	return a
}

// replaceDataset deletes the rows of the dataset's slices and inserts its
// cells, except for the slices in skip: a later file of the batch covers
// those, so they are neither written nor deleted here. With opt.Correct only
// the rows of the regions the file holds are deleted.
func (b *batch) replaceDataset(ctx context.Context, conn *sql.Conn, d *indicators.Dataset, loadID int64, skip map[indicators.Slice]bool) ([]int64, error) {
	var replaced []int64
	cells := d.SliceCells()
	for _, sl := range d.Slices() {
		prev, inBatch := b.owner[sl]
		b.owner[sl] = loadID
		if skip[sl] {
			continue
		}
		if inBatch {
			replaced = mergeIDs(replaced, []int64{prev})
		}
		// The rows this file replaces: the whole slice, or with --correct
		// the slice's rows of the regions the file holds.
		regions := d.SliceRegions(sl)
		var only any // NULL: the whole slice
		if b.opt.Correct {
			only = regions
		}
		args := []any{sl.Source, sl.Period, sl.AgeGroup, sl.RegionLevel, only, only}
		var existing int
		if err := conn.QueryRowContext(ctx, stmt("load/slice_count.sql"), args...).Scan(&existing); err != nil {
			return nil, err
		}
		if !b.opt.Replace && !b.opt.Correct && shrinks(existing, cells[sl]) {
			return nil, &ShrinkError{Existing: existing, Incoming: cells[sl], Regions: len(regions),
				Slice: fmt.Sprintf("slice %s %d, age group %s, level %s", sl.Source, sl.Period, sl.AgeGroup, sl.RegionLevel)}
		}
		if existing == 0 {
			continue
		}
		ids, err := loadIDs(ctx, conn, stmt("load/slice_loads.sql"), args...)
		if err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, stmt("load/slice_delete.sql"), args...); err != nil {
			return nil, err
		}
		replaced = mergeIDs(replaced, ids)
	}
	if len(skip) > 0 {
		d = d.Without(skip)
	}
	return replaced, insertObservations(ctx, conn, d, loadID)
}

func (b *batch) replaceRegions(ctx context.Context, conn *sql.Conn, rs *indicators.RegionSet, loadID int64) ([]int64, error) {
	var existing int
	if err := conn.QueryRowContext(ctx, stmt("load/regions_count.sql"), string(rs.Kind), rs.Division).Scan(&existing); err != nil {
		return nil, err
	}
	if !b.opt.Replace && shrinks(existing, len(rs.Regions)) {
		return nil, &ShrinkError{Existing: existing, Incoming: len(rs.Regions),
			Slice: fmt.Sprintf("the %s regions of division %d", rs.Kind, rs.Division)}
	}
	ids, err := loadIDs(ctx, conn, stmt("load/regions_loads.sql"), string(rs.Kind), rs.Division)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, stmt("load/regions_delete.sql"), string(rs.Kind), rs.Division); err != nil {
		return nil, err
	}
	if rs.Kind == indicators.KindCBSGebiedenGGD {
		if _, err := conn.ExecContext(ctx, stmt("load/gemeente_ggd_delete.sql"), rs.Division); err != nil {
			return nil, err
		}
	}
	return ids, insertRegions(ctx, conn, rs, loadID)
}

func replaceAccord(ctx context.Context, conn *sql.Conn, a *indicators.Accord, loadID int64) ([]int64, error) {
	ids, err := loadIDs(ctx, conn, stmt("load/accord_loads.sql"), a.ID, a.ID)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, stmt("load/accord_delete.sql"), a.ID); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, stmt("load/accord_members_delete.sql"), a.ID); err != nil {
		return nil, err
	}
	var signed any
	if !a.SignedOn.IsZero() {
		signed = a.SignedOn
	}
	if _, err := conn.ExecContext(ctx, stmt("load/accord_insert.sql"),
		a.ID, a.Name, a.Kind, signed, a.SignedYear, a.Division, a.ExampleData, nullIfEmpty(a.Source), a.File, loadID); err != nil {
		return nil, err
	}
	for _, m := range a.Members {
		if _, err := conn.ExecContext(ctx, stmt("load/accord_member_insert.sql"), a.ID, m, loadID); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// replaceLocalIndicators writes the catalogue entries of a local file; an
// indicator described again takes its newest description.
func replaceLocalIndicators(ctx context.Context, conn *sql.Conn, inds []indicators.Indicator, loadID int64) error {
	for _, ind := range inds {
		if _, err := conn.ExecContext(ctx, stmt("load/indicator_local_delete.sql"), ind.Key); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, stmt("load/indicator_local_insert.sql"),
			ind.Key, ind.Label, ind.Unit, ind.Theme, ind.Direction, nullIfEmpty(ind.TripleAim), ind.Order, ind.Note, loadID); err != nil {
			return err
		}
	}
	return nil
}
