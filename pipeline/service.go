package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
	"github.com/robfig/cron/v3"

	"lpa/indicators"
	"lpa/pipeline/store"
)

// The jobs lpa serve schedules.
const (
	JobLoad    = "load"    // new or changed files of the inbox folders
	JobCompute = "compute" // a round
	JobReport  = "report"  // the reports of a round
	JobCycle   = "cycle"   // load → compute → report as one graph
	JobExport  = "export"  // the Parquet lake (Schedule.Lake)
)

// JobSpec is one scheduled job.
type JobSpec struct {
	Name string // JobLoad, JobCompute, JobReport, JobCycle or JobExport
	Cron string // five fields, in Europe/Amsterdam: "0 6 * * 1" is Monday 06:00
	// Peildata are explicit rounds; a due run computes or reports the
	// latest one on or before its day, else the day itself.
	Peildata []time.Time
}

// Schedule is what lpa serve runs.
type Schedule struct {
	Jobs       []JobSpec
	Inbox      []string      // folders the load job reads
	InboxFS    fs.FS         // and files it reads from here (the bundled examples); nil: none
	OutDir     string        // where the reports go
	Gemeenten  bool          // a report per gemeente too
	National   bool          // the national factsheet of each round too
	Retries    int           // of a run that failed on a passing problem (a busy or full disk); bad input is never retried
	Backoff    time.Duration // before the first retry; doubled each time
	RunTimeout time.Duration // of one run (0: none)
	CatchUp    bool          // on start, run the latest run of each job that was missed while lpa serve was down
	// Snapshot is the folder of the read-only snapshot published after
	// every successful run that changed something ("": none).
	Snapshot string
	// Lake is the folder of the Parquet lake the export job writes.
	Lake string
}

// Validate checks a schedule.
func (s Schedule) Validate() error {
	seen := map[string]bool{}
	for _, j := range s.Jobs {
		switch j.Name {
		case JobLoad, JobCompute, JobReport, JobCycle:
		case JobExport:
			if s.Lake == "" {
				return fmt.Errorf("job export: give the lake's folder (lake:)")
			}
		default:
			return fmt.Errorf("job %q: expected load, compute, report, cycle or export", j.Name)
		}
		if seen[j.Name] {
			return fmt.Errorf("job %q is scheduled twice; give it one cron rule", j.Name)
		}
		seen[j.Name] = true
		if _, err := cronParser.Parse(j.Cron); err != nil {
			return fmt.Errorf("job %s: cron %q: %v; expected five fields such as \"0 6 * * 1\"", j.Name, j.Cron, err)
		}
	}
	if s.Retries < 0 || s.Retries > 10 {
		return fmt.Errorf("retries %d: expected 0 to 10", s.Retries)
	}
	return nil
}

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// Work is what a run of a job does; the service records it. Tests give
// their own; lpa serve gives Service.work (the pipeline's Run).
type Work func(ctx context.Context, spec JobSpec, due time.Time) (Outcome, error)

// Outcome is what a run did, for the run history.
type Outcome struct {
	Loads   int
	Round   time.Time
	Reports int
}

// Service runs a schedule: gocron triggers each job at its cron times in
// Europe/Amsterdam, a job never overlaps itself (a due run while the last
// one is still going is recorded as skipped), every run is recorded in
// the warehouse's run history, passing failures are retried with backoff,
// and runs missed while the service was down are recorded on start.
type Service struct {
	p       *Pipeline
	cfg     Schedule
	clock   clockwork.Clock
	log     *slog.Logger
	work    Work
	sched   gocron.Scheduler
	jobs    map[string]gocron.Job
	running map[string]*sync.Mutex
	writer  sync.Mutex // one run of any job writes the warehouse at a time
	dueMu   sync.Mutex
	lastDue map[string]time.Time // the last due time triggered per job
	wg      sync.WaitGroup       // runs by hand
	ctx     context.Context
	cancel  context.CancelFunc
}

// NewService returns a service for cfg over p. clock nil: the wall clock;
// work nil: the pipeline's own job.
func NewService(p *Pipeline, cfg Schedule, clock clockwork.Clock, work Work) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	s := &Service{p: p, cfg: cfg, clock: clock, log: p.log, jobs: map[string]gocron.Job{}, running: map[string]*sync.Mutex{},
		lastDue: map[string]time.Time{}}
	s.work = work
	if s.work == nil {
		s.work = s.pipelineWork
	}
	sched, err := gocron.NewScheduler(gocron.WithLocation(indicators.Amsterdam), gocron.WithClock(clock),
		gocron.WithStopTimeout(time.Minute))
	if err != nil {
		return nil, err
	}
	s.sched = sched
	for _, spec := range cfg.Jobs {
		spec := spec
		s.running[spec.Name] = &sync.Mutex{}
		j, err := sched.NewJob(gocron.CronJob(spec.Cron, false),
			gocron.NewTask(func(ctx context.Context) { s.due(ctx, spec, s.clock.Now().Truncate(time.Minute)) }),
			gocron.WithName(spec.Name))
		if err != nil {
			return nil, fmt.Errorf("job %s: %w", spec.Name, err)
		}
		s.jobs[spec.Name] = j
	}
	return s, nil
}

// Start records the runs missed since the last start, runs the latest of
// them where CatchUp says so, and starts the scheduler.
func (s *Service) Start(ctx context.Context) error {
	s.ctx, s.cancel = context.WithCancel(context.WithoutCancel(ctx))
	now := s.clock.Now()
	if err := s.p.db.CancelStaleRuns(ctx, now); err != nil {
		return err
	}
	for _, spec := range s.cfg.Jobs {
		missed, err := s.missed(ctx, spec, now)
		if err != nil {
			return err
		}
		for _, due := range missed {
			if err := s.p.db.NoteRun(ctx, spec.Name, due, store.RunMissed, "lpa serve was not running"); err != nil {
				return err
			}
		}
		if s.cfg.CatchUp && len(missed) > 0 {
			s.RunNow(spec.Name)
		}
	}
	s.sched.Start()
	return nil
}

// missed lists the due times of spec after the last one recorded and
// before now (at most 1000).
func (s *Service) missed(ctx context.Context, spec JobSpec, now time.Time) ([]time.Time, error) {
	last, err := s.p.db.LastDue(ctx, spec.Name)
	if err != nil || last.IsZero() {
		return nil, err // the first start misses nothing
	}
	sched, _ := cronParser.Parse(spec.Cron)
	var out []time.Time
	for t := sched.Next(last.In(indicators.Amsterdam)); t.Before(now) && len(out) < 1000; t = sched.Next(t) {
		out = append(out, t)
	}
	return out, nil
}

// Stop stops the scheduler: a running job's context is cancelled (its
// transaction rolls back), and Stop waits for it to end.
func (s *Service) Stop() error {
	if s.cancel != nil {
		s.cancel()
	}
	err := s.sched.Shutdown()
	s.wg.Wait()
	return err
}

// RunNow starts a run of the job by hand, unless one is going.
func (s *Service) RunNow(name string) error {
	spec, ok := s.spec(name)
	if !ok {
		return fmt.Errorf("%w %q", ErrUnknownJob, name)
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.execute(s.ctx, spec, time.Time{})
	}()
	return nil
}

// ErrUnknownJob: a job the schedule does not have.
var ErrUnknownJob = errors.New("unknown job")

func (s *Service) spec(name string) (JobSpec, bool) {
	for _, j := range s.cfg.Jobs {
		if j.Name == name {
			return j, true
		}
	}
	return JobSpec{}, false
}

// NextRuns is the next due time of each job.
func (s *Service) NextRuns() map[string]time.Time {
	out := map[string]time.Time{}
	for name, j := range s.jobs {
		if t, err := j.NextRun(); err == nil {
			out[name] = t
		}
	}
	return out
}

// JobNames lists the scheduled jobs in schedule order.
func (s *Service) JobNames() []string {
	var out []string
	for _, j := range s.cfg.Jobs {
		out = append(out, j.Name)
	}
	return out
}

// due runs spec for a due time, once: a second trigger for the same due
// time (a timer that fires twice at a boundary) is ignored.
func (s *Service) due(ctx context.Context, spec JobSpec, due time.Time) {
	s.dueMu.Lock()
	if !due.After(s.lastDue[spec.Name]) {
		s.dueMu.Unlock()
		s.log.Debug("due time triggered twice", "job", spec.Name, "due", due)
		return
	}
	s.lastDue[spec.Name] = due
	s.dueMu.Unlock()
	s.execute(ctx, spec, due)
}

// execute runs one due run of spec and records it; due zero: by hand.
func (s *Service) execute(ctx context.Context, spec JobSpec, due time.Time) {
	mu := s.running[spec.Name]
	if !mu.TryLock() {
		if err := s.p.db.NoteRun(context.WithoutCancel(ctx), spec.Name, due, store.RunSkipped, "the previous run was still going"); err != nil {
			s.log.Error("cannot note a skipped run", "job", spec.Name, "err", err)
		}
		return
	}
	defer mu.Unlock()
	backoff := s.cfg.Backoff
	for attempt := 1; ; attempt++ {
		err := s.attempt(ctx, spec, due, attempt)
		if err == nil || attempt > s.cfg.Retries || !passing(err) || ctx.Err() != nil {
			return
		}
		select {
		case <-s.clock.After(backoff):
		case <-ctx.Done():
			return
		}
		backoff *= 2
	}
}

// attempt is one try of a run, recorded as a row of the run history.
func (s *Service) attempt(ctx context.Context, spec JobSpec, due time.Time, attempt int) error {
	start := s.clock.Now()
	id, err := s.p.db.StartRun(context.WithoutCancel(ctx), spec.Name, due, start, attempt)
	if err != nil {
		s.log.Error("cannot record a run", "job", spec.Name, "err", err)
		return err
	}
	log := s.log.With("run_id", id, "job", spec.Name)
	log.Info("run started", "attempt", attempt)
	rctx := ctx
	if s.cfg.RunTimeout > 0 {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, s.cfg.RunTimeout)
		defer cancel()
	}
	out, err := s.work(rctx, spec, due)
	r := store.Run{ID: id, FinishedAt: s.clock.Now(), Status: store.RunOK, Loads: out.Loads, Round: out.Round, Reports: out.Reports}
	switch {
	case err != nil && ctx.Err() != nil:
		r.Status, r.Error = store.RunCancelled, "lpa serve stopped during the run"
	case err != nil:
		r.Status, r.Error = store.RunFailed, err.Error()
	}
	if ferr := s.p.db.FinishRun(context.WithoutCancel(ctx), r); ferr != nil {
		log.Error("cannot record the end of a run", "err", ferr)
	}
	if err != nil {
		log.Error("run failed", "err", err, "took", r.FinishedAt.Sub(start))
	} else {
		log.Info("run finished", "took", r.FinishedAt.Sub(start), "loads", out.Loads, "reports", out.Reports)
	}
	return err
}

// passing reports whether err may go away by itself: the warehouse busy, a
// full disk. Bad input never does.
func passing(err error) bool {
	if IsBadInput(err) {
		return false
	}
	return IsLocked(err) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, context.DeadlineExceeded)
}

// roundFor is the round a due run of spec works on: the latest peildatum
// on or before its day, or the day itself.
func roundFor(spec JobSpec, day time.Time) time.Time {
	today := Today(day)
	var best time.Time
	for _, pd := range spec.Peildata {
		if !pd.After(today) && pd.After(best) {
			best = pd
		}
	}
	if best.IsZero() {
		return today
	}
	return best
}

// pipelineWork runs spec with the pipeline: the same Run as lpa run.
func (s *Service) pipelineWork(ctx context.Context, spec JobSpec, due time.Time) (Outcome, error) {
	day := due
	if day.IsZero() {
		day = s.clock.Now()
	}
	j := Job{OutDir: s.cfg.OutDir, Gemeenten: s.cfg.Gemeenten, Round: roundFor(spec, day)}
	switch spec.Name {
	case JobExport:
		return Outcome{}, s.exportLake(ctx)
	case JobLoad, JobCycle:
		srcs, err := s.inbox(ctx)
		if err != nil {
			return Outcome{}, err
		}
		if len(srcs) > 0 {
			j.Load = srcs
		}
		if spec.Name == JobCycle {
			j.Compute, j.Report = true, true
		}
	case JobCompute:
		j.Compute = true
	case JobReport:
		j.Report = true
	}
	j.National = j.Report && s.cfg.National
	var out Outcome
	if j.Load == nil && !j.Compute && !j.Report {
		return out, nil // nothing new in the inbox
	}
	s.writer.Lock()
	defer s.writer.Unlock()
	res, err := s.p.Run(ctx, j)
	if res != nil {
		if res.Load != nil {
			out.Loads = len(res.Load.Outcomes)
		}
		if j.Compute || j.Report {
			out.Round = res.Round
		}
		if res.Report != nil {
			out.Reports = len(res.Report.Paths)
		}
		if res.National != nil && res.National.Path != "" {
			out.Reports++
		}
	}
	if err == nil && s.cfg.Snapshot != "" {
		snap, serr := s.p.Snapshot(ctx, s.cfg.Snapshot)
		if serr != nil {
			return out, fmt.Errorf("the run's work is done, but its snapshot failed: %w", serr)
		}
		s.log.Info("snapshot published", "dir", s.cfg.Snapshot, "files", len(snap.Files))
	}
	return out, err
}

// exportLake writes the Parquet lake, under the writer lock: every view
// as of one state of the warehouse.
func (s *Service) exportLake(ctx context.Context) error {
	s.writer.Lock()
	defer s.writer.Unlock()
	res, err := s.p.ExportLake(ctx, s.cfg.Lake, nil)
	if err != nil {
		return err
	}
	s.log.Info("lake exported", "dir", res.Dir, "written", res.Written, "kept", res.Kept, "removed", res.Removed)
	return nil
}

// inbox reads the files of the inbox folders that are new or changed: not
// loaded before under the same name and content, and not refused before
// (a refused file is not tried again until it changes).
func (s *Service) inbox(ctx context.Context) ([]Source, error) {
	if len(s.cfg.Inbox) == 0 && s.cfg.InboxFS == nil {
		return nil, nil
	}
	seen, err := s.p.db.KnownFiles(ctx)
	if err != nil {
		return nil, err
	}
	var srcs []Source
	if len(s.cfg.Inbox) > 0 {
		paths, err := ExpandPaths(s.cfg.Inbox)
		if err != nil {
			return nil, err
		}
		if srcs, err = ReadSources(paths, s.p.limits.MaxUnpacked); err != nil {
			return nil, err
		}
	}
	if s.cfg.InboxFS != nil {
		bundled, err := FSSources(s.cfg.InboxFS)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, bundled...)
	}
	var out []Source
	for _, src := range srcs {
		if !seen[filepath.Base(src.Path)+"\x00"+sha256Hex(src.Data)] {
			out = append(out, src)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}
