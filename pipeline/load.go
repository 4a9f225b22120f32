package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"lpa/indicators"
	"lpa/indicators/sources"
	"lpa/pipeline/store"
)

// Source is one file to load: its bytes and the name messages use.
type Source struct {
	Path string // as the user gave it (or the embedded example path)
	Data []byte
}

// FileError is a file that could not be loaded, with every problem found.
type FileError struct {
	Path string
	Err  error
}

// LoadError lists every refused file of a load. Nothing was written.
type LoadError struct {
	Files []FileError
}

func (e *LoadError) Error() string {
	var b strings.Builder
	for i, f := range e.Files {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Err.Error())
	}
	return b.String()
}

// Unwrap exposes the per-file errors (and so the indicators sentinels).
func (e *LoadError) Unwrap() []error {
	out := make([]error, len(e.Files))
	for i, f := range e.Files {
		out[i] = f.Err
	}
	return out
}

// loadable reports whether a file found in a folder is one lpa tries to
// load. Files given by name are always tried.
func loadable(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	if strings.HasPrefix(base, ".") {
		return false
	}
	for _, ext := range []string{".csv", ".csv.gz", ".xlsx", ".yaml", ".yml", ".gz"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// PathError is a path given to load that is not a source file lpa can
// read: missing, not a regular file, too large, a link that loops, a folder
// without source files. It is bad input; nothing was read or written.
type PathError struct {
	Path string
	Msg  string // what was found and what was expected
}

func (e *PathError) Error() string { return e.Path + ": " + e.Msg }

// statError describes why a path cannot be looked at.
func statError(p string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &PathError{p, "no such file or folder; expected a file or folder to load (check the path)"}
	case errors.Is(err, syscall.ELOOP):
		return &PathError{p, "a symbolic link that leads back to itself (a loop); expected a link to a file"}
	case errors.Is(err, fs.ErrPermission):
		return &PathError{p, "not readable (permission denied); expected a file lpa may read"}
	}
	return &PathError{p, err.Error()}
}

// notRegular says what a path that is no regular file is.
func notRegular(p string, m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	return &PathError{p, what + "; lpa reads only regular files"}
}

// ExpandPaths turns files and folders into the list of files to load:
// folders are walked (sorted, hidden entries skipped) for .csv, .csv.gz,
// .xlsx and registry .yaml files. Links to files are followed, links to
// folders are not. A path that cannot be loaded is a *PathError.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, statError(p, err)
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return nil, notRegular(p, info.Mode())
			}
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return statError(path, err)
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !loadable(path) {
				return nil
			}
			info, err := os.Stat(path) // follows a link
			if err != nil {
				return statError(path, err)
			}
			switch {
			case info.IsDir():
				return nil // a link to a folder is not followed
			case !info.Mode().IsRegular():
				return notRegular(path, info.Mode())
			}
			found = append(found, path)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, &PathError{p, "the folder holds no .csv, .csv.gz, .xlsx or .yaml files; expected a folder of source files"}
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// ReadSources reads the files, each at most maxBytes long (0: the default
// of indicators.DefaultLimits). Only regular files are read; a named pipe
// or device is refused without waiting on it.
func ReadSources(paths []string, maxBytes int64) ([]Source, error) {
	if maxBytes <= 0 {
		maxBytes = indicators.DefaultLimits().MaxUnpacked
	}
	out := make([]Source, 0, len(paths))
	for _, p := range paths {
		b, err := readRegular(p, maxBytes)
		if err != nil {
			return nil, err
		}
		out = append(out, Source{Path: p, Data: b})
	}
	return out, nil
}

func readRegular(p string, maxBytes int64) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO must not wait for a writer.
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, statError(p, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, statError(p, err)
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(p, info.Mode())
	}
	tooLarge := &PathError{p, fmt.Sprintf("the file is larger than %s (the limit: --max-file raises it); expected a source file of a sensible size", indicators.Size(maxBytes))}
	if info.Size() > maxBytes {
		return nil, tooLarge
	}
	b, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", p, err)
	}
	if int64(len(b)) > maxBytes {
		return nil, tooLarge
	}
	return b, nil
}

// FSSources reads every loadable file of fsys (the bundled examples).
func FSSources(fsys fs.FS) ([]Source, error) {
	var out []Source
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !loadable(path) {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		out = append(out, Source{Path: "examples/" + path, Data: b})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

// LoadResult is what a load did.
type LoadResult struct {
	Outcomes []store.LoadOutcome
	// Unknown lists indicator keys that were loaded but are not in the
	// catalogue (they are kept; reports do not show them).
	Unknown []string
}

// Load parses and validates every source (in parallel), then writes all of
// them in one transaction. If any file is refused, nothing is written, each
// refused file is noted in the load log, and the error is a *LoadError.
//
// The parsed rows wait in memory up to the pipeline's load budget and in a
// temporary file beyond it (spill), and each file's rows are let go once
// written: a load's memory does not grow with the data it loads.
func (p *Pipeline) Load(ctx context.Context, srcs []Source) (res *LoadResult, loadErr error) {
	start := p.now()
	p.events.LoadStarted(len(srcs), totalBytes(srcs))
	defer func() { p.events.LoadFinished(res, loadErr) }()
	files := make([]store.LoadFile, len(srcs))
	errs := make([]error, len(srcs))
	slices := make([][]indicators.Slice, len(srcs))
	held := newSpill(p.budget)
	defer held.close()
	parallel(p.workers, len(srcs), func(i int) {
		src := srcs[i]
		files[i] = store.LoadFile{Path: src.Path, Name: filepath.Base(src.Path), SHA256: sha256Hex(src.Data)}
		files[i].Parsed, errs[i] = safeParse(ctx, src, p.limits)
		if errs[i] == nil {
			if d := files[i].Parsed.Dataset; d != nil {
				slices[i] = d.Slices()
			}
			held.keep(i, files[i].Parsed)
		}
		p.events.FileParsed(src.Path, int64(len(src.Data)), errs[i])
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := held.err(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	crossCheck(files, errs)
	if err := p.checkReferences(ctx, files, errs); err != nil { // accord and intervention ids of templates
		return nil, err
	}
	var refused []FileError
	for i, err := range errs {
		if err != nil {
			refused = append(refused, FileError{Path: srcs[i].Path, Err: err})
		}
	}
	if len(refused) > 0 {
		for i, err := range errs {
			if err == nil {
				continue
			}
			kind := ""
			if files[i].Parsed != nil {
				kind = string(files[i].Parsed.Kind)
			}
			if rerr := p.db.RecordFailure(ctx, files[i].Path, files[i].Name, files[i].SHA256, kind, firstLine(err), start); rerr != nil {
				p.log.Warn("cannot note the refused file in the load log", "file", files[i].Path, "err", rerr)
			}
		}
		return nil, &LoadError{Files: refused}
	}
	outcomes, err := p.write(ctx, files, slices, held, start)
	var se *store.ShrinkError
	if errors.As(err, &se) {
		// A well-formed file that would empty most of a slice: refused
		// like a malformed one, and noted.
		for _, f := range files {
			if f.Path == se.Path {
				if rerr := p.db.RecordFailure(ctx, f.Path, f.Name, f.SHA256, string(f.Parsed.Kind), se.Error(), start); rerr != nil {
					p.log.Warn("cannot note the refused file in the load log", "file", f.Path, "err", rerr)
				}
			}
		}
		return nil, &LoadError{Files: []FileError{{Path: se.Path, Err: se}}}
	}
	if err != nil {
		return nil, err
	}
	res = &LoadResult{Outcomes: outcomes, Unknown: unknownIndicators(files)}
	p.log.Info("load finished", "files", len(files), "took", p.now().Sub(start))
	return res, nil
}

// write writes the parsed files in one transaction, each file's rows
// fetched from the spill when they wait there and let go once written.
func (p *Pipeline) write(ctx context.Context, files []store.LoadFile, slices [][]indicators.Slice, held *spill, start time.Time) ([]store.LoadOutcome, error) {
	loader, err := p.db.BeginLoad(ctx, start, p.loadOpt)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	skip := store.SupersededSlices(slices)
	for i := range files {
		if err := held.restore(i, files[i].Parsed); err != nil {
			return nil, fmt.Errorf("load %s: %w", files[i].Path, err)
		}
		if _, err := loader.Add(ctx, files[i], skip[i]); err != nil {
			return nil, err
		}
		files[i].Parsed = slim(files[i].Parsed)
	}
	return loader.Commit(ctx)
}

// slim is what a load keeps of a parsed file once it is written: what its
// result needs (the kind, the indicator keys), without the rows.
func slim(p *indicators.Parsed) *indicators.Parsed {
	if p == nil {
		return nil
	}
	q := *p
	if d := p.Dataset; d != nil {
		q.Dataset = &indicators.Dataset{Source: d.Source, Division: d.Division, Indicators: d.Indicators}
	}
	q.Regions, q.CareCosts, q.Status = nil, nil, nil
	return &q
}

// sha256Hex is the hex SHA-256 of b: how the load log names a content.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// safeParse parses one source; a parser panic (a bug) refuses that file
// with a message instead of ending the program with nothing recorded.
func safeParse(ctx context.Context, src Source, lim indicators.Limits) (p *indicators.Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, &indicators.ParseError{File: src.Path, Err: indicators.ErrMalformed,
				Msg: fmt.Sprintf("lpa failed reading this file (a bug; please report it with the file): %v", r)}
		}
	}()
	return sources.ParseLimited(ctx, src.Path, src.Data, lim)
}

func totalBytes(srcs []Source) int64 {
	var n int64
	for _, s := range srcs {
		n += int64(len(s.Data))
	}
	return n
}

// firstLine is the first problem of a refused file and how many more there are.
func firstLine(err error) string {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	s := errs[0].Error()
	switch n := len(errs) - 1; n {
	case 0:
		return s
	case 1:
		return s + " (and 1 more problem)"
	default:
		return fmt.Sprintf("%s (and %d more problems)", s, n)
	}
}

// crossCheck finds problems between files of one load: the same accord id
// in two registry files.
func crossCheck(files []store.LoadFile, errs []error) {
	seen := map[string]string{}
	for i, f := range files {
		if errs[i] != nil || f.Parsed == nil || f.Parsed.Accord == nil {
			continue
		}
		id := f.Parsed.Accord.ID
		if other, dup := seen[id]; dup {
			errs[i] = &indicators.ParseError{File: f.Path, Line: 1, Field: "id", Err: indicators.ErrDuplicateKey,
				Msg: fmt.Sprintf("accord %q is also defined in %s; expected one registry file per accord", id, other)}
			continue
		}
		seen[id] = f.Path
	}
}

func unknownIndicators(files []store.LoadFile) []string {
	known := map[string]bool{}
	for _, ind := range indicators.LoadReference().Catalogue {
		known[ind.Key] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		if f.Parsed == nil {
			continue
		}
		for _, ind := range f.Parsed.LocalIndicators {
			known[ind.Key] = true
		}
	}
	for _, f := range files {
		if f.Parsed == nil || f.Parsed.Dataset == nil {
			continue
		}
		for _, k := range f.Parsed.Dataset.Indicators {
			if !known[k] && !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// IsBadInput reports whether err is about the input files (exit code 3):
// a *LoadError (refused files, noted in loads) or a *PathError.
func IsBadInput(err error) bool {
	var le *LoadError
	var pe *PathError
	return errors.As(err, &le) || errors.As(err, &pe)
}
