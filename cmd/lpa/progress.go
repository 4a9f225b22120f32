package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// showAfter: loads quicker than this print no progress.
const showAfter = time.Second

// progress shows load progress on stderr: a bar on a terminal, otherwise a
// line per parsed file. Nothing appears for loads that finish within
// showAfter.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	now      func() time.Time
	terminal bool
	start    time.Time
	total    int64
	done     int64
	files    int
	parsed   int
	shown    bool
	pending  []string // lines held back until showAfter has passed
	bar      *progressbar.ProgressBar
	stop     chan struct{}
	finished chan struct{}
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	p := &progress{w: w, now: now}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.terminal = true
	}
	return p
}

func (p *progress) begin(files int, bytes int64) {
	p.mu.Lock()
	p.start, p.total, p.done, p.shown, p.pending = p.now(), bytes, 0, false, nil
	p.files, p.parsed = files, 0
	p.stop, p.finished = make(chan struct{}), make(chan struct{})
	p.mu.Unlock()
	// The ticker shows the bar (or the held-back lines) once showAfter has
	// passed, even while no file has finished yet. Done stops it.
	go func() {
		defer close(p.finished)
		t := time.NewTimer(showAfter)
		defer t.Stop()
		select {
		case <-t.C:
			p.mu.Lock()
			p.show()
			p.mu.Unlock()
		case <-p.stop:
		}
	}()
}

// show starts the visible output; p.mu is held.
func (p *progress) show() {
	if p.shown {
		return
	}
	p.shown = true
	if p.terminal {
		p.bar = progressbar.NewOptions(p.files,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("reading files"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish())
		_ = p.bar.Set(p.parsed)
		return
	}
	for _, l := range p.pending {
		fmt.Fprintln(p.w, l)
	}
	p.pending = nil
}

func (p *progress) fileParsed(path string, bytes int64, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += bytes
	p.parsed++
	status := "read"
	if err != nil {
		status = "refused"
	}
	line := fmt.Sprintf("%s %s (%s)", status, filepath.Base(path), p.now().Sub(p.start).Round(10*time.Millisecond))
	if !p.shown && p.now().Sub(p.start) >= showAfter {
		p.show()
	}
	switch {
	case p.bar != nil:
		_ = p.bar.Set(p.parsed)
	case p.shown:
		fmt.Fprintln(p.w, line)
	default:
		p.pending = append(p.pending, line)
	}
}

func (p *progress) end(err error) {
	close(p.stop)
	<-p.finished
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.bar != nil:
		if err == nil {
			_ = p.bar.Finish()
		} else {
			_ = p.bar.Exit()
		}
		p.bar = nil
	case p.shown && err == nil:
		fmt.Fprintf(p.w, "written to the warehouse (%s)\n", p.now().Sub(p.start).Round(10*time.Millisecond))
	}
}
