package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"lpa/examples"
	"lpa/indicators"
	"lpa/pipeline"
)

// open opens the warehouse and returns a pipeline over it whose events
// print to stdout (with load progress on stderr when progress is set).
func (e *env) open(ctx context.Context, w pipeline.Warehouse, progress bool) (*pipeline.Pipeline, error) {
	w.Path = e.db
	ev := &printer{out: e.stdout, db: e.db, examples: e.examples}
	if progress {
		ev.progress = newProgress(e.stderr, e.now)
	}
	p, err := pipeline.Open(ctx, w, pipeline.Config{Logger: e.log, Now: e.now, Version: version(), Events: ev,
		Limits: e.limits, Replace: e.replace, Correct: e.correct})
	if errors.Is(err, pipeline.ErrNoWarehouse) {
		return nil, fmt.Errorf("%w: run `lpa run` (the demo) or `lpa load PATH...` first, or point --db / LPA_DB at a warehouse", err)
	}
	return p, err
}

// job opens the warehouse for writing (or reading, for a report alone)
// and runs j.
func (e *env) job(ctx context.Context, j pipeline.Job) (*pipeline.JobResult, error) {
	// Reports are recorded as issued (report_issues): every stage writes.
	p, err := e.open(ctx, pipeline.Warehouse{}, j.Load != nil)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	return p.Run(ctx, j)
}

func (e *env) cmdInit(ctx context.Context, args []string) error {
	fs := newFlagSet("init")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
	}
	p, err := e.open(ctx, pipeline.Warehouse{}, false)
	if err != nil {
		return err
	}
	defer p.Close()
	fmt.Fprintf(e.stdout, "warehouse %s ready (schema %d)\n", e.db, pipeline.SchemaVersion())
	return nil
}

// loadFlags are the flags of the commands that load (load, run).
type loadFlags struct {
	maxFile, maxLine *string
	replace, correct *bool
}

func addLoadFlags(fs *flag.FlagSet) loadFlags {
	d := indicators.DefaultLimits()
	return loadFlags{
		maxFile: fs.String("max-file", indicators.Size(d.MaxUnpacked), "refuse a file larger than `SIZE`, also once unpacked"),
		maxLine: fs.String("max-line", indicators.Size(int64(d.MaxLine)), "refuse a line of text longer than `SIZE`"),
		replace: fs.Bool("replace", false, "let a file replace most (or all) of a slice's rows"),
		correct: fs.Bool("correct", false, "let a file replace only the rows of the regions it holds"),
	}
}

// apply puts the flags into e's load settings.
func (f loadFlags) apply(e *env) error {
	file, err := parseSize(*f.maxFile)
	if err != nil {
		return usageError{"--max-file: " + err.Error()}
	}
	line, err := parseSize(*f.maxLine)
	if err != nil || line > 1<<31 {
		return usageError{fmt.Sprintf("--max-line %q: expected a size up to 2GiB, e.g. 1MiB", *f.maxLine)}
	}
	if *f.replace && *f.correct {
		return usageError{"--replace and --correct exclude each other: --replace replaces whole slices, --correct only the regions a file holds"}
	}
	e.limits = indicators.Limits{MaxUnpacked: file, MaxLine: int(line)}
	e.replace, e.correct = *f.replace, *f.correct
	return nil
}

// sources reads the files and folders of paths.
func (e *env) sources(paths []string) ([]pipeline.Source, error) {
	files, err := pipeline.ExpandPaths(paths)
	if err != nil {
		return nil, err
	}
	return pipeline.ReadSources(files, e.limits.MaxUnpacked)
}

func (e *env) cmdLoad(ctx context.Context, args []string) error {
	fs := newFlagSet("load")
	lf := addLoadFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := lf.apply(e); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"give one or more files or folders to load (lpa load --help)"}
	}
	srcs, err := e.sources(fs.Args())
	if err != nil {
		return err
	}
	_, err = e.job(ctx, pipeline.Job{Load: srcs})
	return err
}

func (e *env) cmdCompute(ctx context.Context, args []string) error {
	fs := newFlagSet("compute")
	roundFlag := fs.String("round", "", "the peildatum `DATE` (YYYY-MM-DD; default today, Europe/Amsterdam)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
	}
	round, err := parseRound(*roundFlag, e.now())
	if err != nil {
		return err
	}
	_, err = e.job(ctx, pipeline.Job{Compute: true, Round: round})
	return err
}

// parseRound reads a peildatum; empty means today in Europe/Amsterdam.
func parseRound(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return pipeline.Today(now), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("round %q is not a date; expected YYYY-MM-DD, e.g. 2020-11-01", s)}
	}
	if today := pipeline.Today(now); t.After(today) {
		return time.Time{}, usageError{fmt.Sprintf("round %s lies after today (%s); expected the peildatum of an evaluation round, today or earlier", s, today.Format(time.DateOnly))}
	}
	if t.Year() < 2018 {
		return time.Time{}, usageError{fmt.Sprintf("round %s lies before the Nationaal Preventieakkoord (November 2018); expected a peildatum from 2018 on", s)}
	}
	return t, nil
}

func (e *env) cmdRounds(ctx context.Context, args []string) error {
	fs := newFlagSet("rounds")
	del := fs.String("delete", "", "delete the round `DATE` (YYYY-MM-DD) and its metrics")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
	}
	if *del != "" {
		round, err := time.Parse(time.DateOnly, *del)
		if err != nil {
			return usageError{fmt.Sprintf("round %q is not a date; expected YYYY-MM-DD", *del)}
		}
		p, err := e.open(ctx, pipeline.Warehouse{}, false)
		if err != nil {
			return err
		}
		defer p.Close()
		if err := p.DeleteRound(ctx, round); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "deleted round %s and its metrics\n", *del)
		return nil
	}
	p, err := e.open(ctx, pipeline.Warehouse{ReadOnly: true}, false)
	if err != nil {
		return err
	}
	defer p.Close()
	rounds, err := p.Rounds(ctx)
	if err != nil {
		return err
	}
	if len(rounds) == 0 {
		fmt.Fprintln(e.stdout, "no rounds computed yet: run lpa compute --round YYYY-MM-DD")
		return nil
	}
	for _, r := range rounds {
		fmt.Fprintf(e.stdout, "%s  computed %s  lpa %s\n", r.Round.Format(time.DateOnly),
			r.ComputedAt.In(indicators.Amsterdam).Format("2006-01-02 15:04:05 MST"), r.Version)
	}
	return nil
}

func (e *env) cmdReport(ctx context.Context, args []string) error {
	fs := newFlagSet("report")
	out := fs.String("out", defaultOutDir, "write the reports into `DIR`")
	roundFlag := fs.String("round", "", "the round `DATE` (YYYY-MM-DD; default the latest computed)")
	gemeenten := fs.Bool("gemeenten", false, "also a report per gemeente, in DIR/gemeenten")
	national := fs.Bool("national", false, "the national factsheet of the round instead")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var round time.Time
	if *roundFlag != "" {
		var err error
		if round, err = parseRound(*roundFlag, e.now()); err != nil {
			return err
		}
	}
	if *national {
		if fs.NArg() > 0 || *gemeenten {
			return usageError{"lpa report --national writes the national factsheet only: give no ids and no --gemeenten"}
		}
		return e.reportNational(ctx, *out, round)
	}
	_, err := e.job(ctx, pipeline.Job{Report: true, Round: round, OutDir: *out, Only: fs.Args(), Gemeenten: *gemeenten})
	return err
}

func (e *env) cmdRun(ctx context.Context, args []string) error {
	fs := newFlagSet("run")
	out := fs.String("out", defaultOutDir, "write the reports into `DIR`")
	viaServer := fs.Bool("via-server", false, "ask the lpa serve that holds the warehouse to run a job now")
	job := fs.String("job", pipeline.JobCycle, "with --via-server: the job `NAME` of lpa serve to run")
	lf := addLoadFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *viaServer {
		if fs.NArg() > 0 {
			return usageError{"lpa run --via-server runs a job of lpa serve, which loads its own inbox folders: give no paths"}
		}
		return e.runViaServer(ctx, *job)
	}
	if err := lf.apply(e); err != nil {
		return err
	}
	var srcs []pipeline.Source
	var err error
	demo := fs.NArg() == 0
	if demo {
		srcs, err = pipeline.FSSources(examples.FS)
	} else {
		srcs, err = e.sources(fs.Args())
	}
	if err != nil {
		return err
	}
	j := pipeline.Job{Load: srcs, Examples: demo, Compute: true, Round: pipeline.Today(e.now()), Report: true, OutDir: *out}
	e.examples = demo
	res, err := e.job(ctx, j)
	if err != nil {
		return err
	}
	if res.ExamplesLeftOut {
		fmt.Fprintf(e.stdout, "no paths given, and %s holds loads of your own files: the bundled example data was left out (it would replace rows of yours); the reports are of what the warehouse holds (%s load examples/ loads the examples on purpose)\n", e.db, e.again())
	}
	fmt.Fprintf(e.stdout, "done: the reports are in %s/, the warehouse is %s (try: %s sql \"SELECT * FROM accord_metrics LIMIT 5\")\n", res.Report.Dir, e.db, e.again())
	return nil
}

// runViaServer asks the lpa serve that holds the warehouse to run job now,
// and waits for the run.
func (e *env) runViaServer(ctx context.Context, job string) error {
	c, ok := e.server()
	if !ok {
		return fmt.Errorf("no lpa serve runs on %s (it leaves %s.serve while it runs): start it with lpa serve, or run the job here with lpa run", e.db, e.db)
	}
	r, err := c.run(ctx, job)
	if err != nil {
		return err
	}
	took := r.FinishedAt.Sub(r.StartedAt).Round(100 * time.Millisecond)
	switch r.Status {
	case "ok":
		fmt.Fprintf(e.stdout, "run %d of %s: ok in %s (%d files loaded, %d reports); lpa runs shows the history\n", r.ID, job, took, r.Loads, r.Reports)
		return nil
	case "skipped":
		return fmt.Errorf("run %d of %s: skipped, because its previous run is still going (lpa runs shows it)", r.ID, job)
	default:
		return fmt.Errorf("run %d of %s: %s after %s: %s", r.ID, job, r.Status, took, r.Error)
	}
}

func (e *env) cmdRuns(ctx context.Context, args []string) error {
	fs := newFlagSet("runs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
	}
	var runs []pipeline.Run
	p, err := e.open(ctx, pipeline.Warehouse{ReadOnly: true}, false)
	if c, ok := e.server(); ok && pipeline.IsLocked(err) {
		runs, err = c.runs(ctx, 50) // lpa serve holds the warehouse: ask it
	} else if err == nil {
		defer p.Close()
		runs, err = p.Runs(ctx, 50)
	}
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		fmt.Fprintln(e.stdout, "no runs yet: lpa serve records every run of its jobs here")
		return nil
	}
	at := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.In(indicators.Amsterdam).Format("2006-01-02 15:04")
	}
	for _, r := range runs {
		line := fmt.Sprintf("%5d  %-8s due %-16s  started %-16s  %-9s attempt %d", r.ID, r.Job, at(r.ScheduledFor), at(r.StartedAt), r.Status, r.Attempt)
		if r.Loads > 0 {
			line += fmt.Sprintf("  %d files", r.Loads)
		}
		if !r.Round.IsZero() {
			line += "  round " + r.Round.Format(time.DateOnly)
		}
		if r.Reports > 0 {
			line += fmt.Sprintf("  %d reports", r.Reports)
		}
		if r.Error != "" {
			line += "  error: " + r.Error
		}
		fmt.Fprintln(e.stdout, line)
	}
	return nil
}
