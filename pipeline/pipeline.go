// Package pipeline runs lpa's job over one warehouse: load (parse,
// validate, write atomically), compute (the metric SQL of a round) and
// report (the PDFs of a round). Run is the one job function: the command
// line and the scheduler both call it, and learn what happens through
// Events.
package pipeline

import (
	"log/slog"
	"time"

	"lpa/indicators"
	"lpa/pipeline/store"
)

// Config holds a pipeline's dependencies.
type Config struct {
	DB      *store.DB // required with New; Open sets it
	Logger  *slog.Logger
	Now     func() time.Time // the clock; time.Now when nil
	Events  Events           // nil: nobody listens
	Version string           // lpa's version, recorded with each round
	// Limits bound what one source file may cost to read (zero fields:
	// indicators.DefaultLimits).
	Limits indicators.Limits
	// Replace lets a load replace most of a slice (lpa load --replace);
	// Correct makes statistics files corrections of the regions they hold
	// (--correct). See store.LoadOptions.
	Replace, Correct bool
	// Workers bounds the goroutines that parse sources and render
	// reports (0: GOMAXPROCS). lpa serve leaves a core to the readers of
	// /api/sql this way.
	Workers int
	// LoadBudget is how many bytes of parsed rows a load holds in memory
	// before it parks them in a temporary file until they are written
	// (0: DefaultLoadBudget).
	LoadBudget int64
}

// Pipeline runs stages against one warehouse.
type Pipeline struct {
	db      *store.DB
	log     *slog.Logger
	now     func() time.Time
	events  Events
	version string
	limits  indicators.Limits
	loadOpt store.LoadOptions
	workers int
	budget  int64 // LoadBudget
	owned   bool  // Open opened db: Close closes it
}

// New returns a pipeline over cfg.DB; nil fields of cfg get defaults.
func New(cfg Config) *Pipeline {
	p := &Pipeline{db: cfg.DB, log: cfg.Logger, now: cfg.Now, events: cfg.Events, version: cfg.Version, limits: cfg.Limits,
		loadOpt: store.LoadOptions{Replace: cfg.Replace, Correct: cfg.Correct}, workers: cfg.Workers, budget: cfg.LoadBudget}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.events == nil {
		p.events = NoEvents{}
	}
	return p
}

// Day is the calendar day of t, in t's own location, as midnight UTC: the
// form of a round (a peildatum given as midnight in Amsterdam is the same
// round as one given in UTC).
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Today is the date of now in Europe/Amsterdam: the default round.
func Today(now time.Time) time.Time {
	return Day(now.In(indicators.Amsterdam))
}
