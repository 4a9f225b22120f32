package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"go.uber.org/goleak"

	"lpa/indicators"
	"lpa/pipeline/store"
)

// waitFor polls cond until it holds or a real-time second passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// TestServiceThousandDays runs a daily job for 1,000 simulated days on a
// fake clock. Some runs last past the next due time, some fail on a
// passing problem (retried up to the limit), some on bad input (never
// retried). No two runs overlap, every due run is in the run history as
// ok, failed or skipped, and a restart after ten days down records the
// ten runs it missed.
func TestServiceThousandDays(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ctx := t.Context()
	db, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := New(Config{DB: db})

	start := time.Date(2021, 1, 1, 5, 59, 0, 0, indicators.Amsterdam)
	clock := clockwork.NewFakeClockAt(start)
	var running, overlaps, calls atomic.Int32
	started := make(chan string)
	release := make(chan error)
	work := func(ctx context.Context, spec JobSpec, due time.Time) (Outcome, error) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		defer running.Add(-1)
		calls.Add(1)
		started <- due.Format(time.DateOnly)
		return Outcome{Loads: 1}, <-release
	}
	cfg := Schedule{Jobs: []JobSpec{{Name: JobLoad, Cron: "0 6 * * *"}}, Retries: 2}
	s, err := NewService(p, cfg, clock, work)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	idle := func() bool {
		if !s.running[JobLoad].TryLock() {
			return false
		}
		s.running[JobLoad].Unlock()
		return true
	}
	count := func(status string) int {
		runs, err := db.Runs(ctx, 100000)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range runs {
			if r.Status == status {
				n++
			}
		}
		return n
	}
	days := 1000
	if testing.Short() {
		days = 30
	}
	// toNextDue moves the clock to the next 06:00 in Amsterdam: 23, 24 or
	// 25 hours on, across the changes of summer time.
	toNextDue := func() {
		now := clock.Now().In(indicators.Amsterdam)
		next := time.Date(now.Year(), now.Month(), now.Day(), 6, 0, 0, 0, indicators.Amsterdam)
		if !next.After(now) {
			next = time.Date(now.Year(), now.Month(), now.Day()+1, 6, 0, 0, 0, indicators.Amsterdam)
		}
		clock.Advance(next.Sub(now))
	}
	passingErr := fmt.Errorf("load: %w", store.ErrLocked)
	badInput := &LoadError{Files: []FileError{{Path: "x.csv", Err: errors.New("bad")}}}
	want := map[string]int{}
	for d := 0; d < days; d++ {
		waitFor(t, "the scheduler to wait for the next run", func() bool { return idle() })
		// gocron sets its timer for the next run on the fake clock after
		// the last run ended: advance once it waits.
		if err := clock.BlockUntilContext(ctx, 1); err != nil {
			t.Fatal(err)
		}
		toNextDue()
		due := <-started
		if wantDay := start.AddDate(0, 0, d).Format(time.DateOnly); due != wantDay {
			t.Fatalf("day %d: run for %s, want %s", d, due, wantDay)
		}
		switch d % 10 {
		case 3: // a passing problem, three times: the first try and two retries
			release <- passingErr
			<-started
			release <- passingErr
			<-started
			release <- passingErr
			want["failed"] += 3
		case 5: // bad input: never retried
			release <- badInput
			want["failed"]++
		case 7: // a long run: the next due time comes while it runs
			toNextDue()
			waitFor(t, "the skipped run", func() bool { return count("skipped") == want["skipped"]+1 })
			release <- nil
			want["ok"]++
			want["skipped"]++
			d++
		default:
			release <- nil
			want["ok"]++
		}
	}
	waitFor(t, "the last run to end", idle)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if n := overlaps.Load(); n != 0 {
		t.Errorf("%d runs overlapped", n)
	}
	for _, st := range []string{"ok", "failed", "skipped"} {
		if got := count(st); got != want[st] {
			t.Errorf("%s runs: %d, want %d", st, got, want[st])
		}
	}
	if got := int(calls.Load()); got != want["ok"]+want["failed"] {
		t.Errorf("work called %d times, want %d", got, want["ok"]+want["failed"])
	}

	// Ten days down, then a restart: ten missed runs, none run.
	clock.Advance(10*24*time.Hour + time.Minute)
	s2, err := NewService(p, cfg, clock, work)
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s2.Stop(); err != nil {
		t.Fatal(err)
	}
	if got := count("missed"); got != 10 {
		t.Errorf("missed runs after ten days down: %d, want 10", got)
	}
}
