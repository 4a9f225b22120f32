package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// Config is one fetch.
type Config struct {
	Dir      string        // the output folder (created when missing)
	BaseURL  string        // "" = the real hosts; else every request goes here (host as first path segment)
	Client   *http.Client  // nil: a client of its own
	Timeout  time.Duration // per request; 0: DefaultTimeout
	MaxBytes int64         // per answer and file; 0: DefaultMaxBytes
	Retries  int           // retries of a transient failure; 0: DefaultRetries, <0: none
	Backoff  time.Duration // wait before the first retry, doubled after each; 0: DefaultBackoff
	Refresh  bool          // fetch again what the manifest says is there
	Progress func(Event)   // nil: no progress
	Now      func() time.Time
	// Sleep waits between retries (tests make it instant); nil: a timer.
	Sleep func(context.Context, time.Duration) error
}

// Validate checks the configuration.
func (c *Config) Validate() error {
	if c.Dir == "" {
		return errors.New("no output folder")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("base URL %q: expected http://HOST[:PORT][/PATH] or https://...", c.BaseURL)
		}
	}
	return nil
}

// Step is what an Event reports.
type Step string

const (
	StepStart  Step = "start"  // a file is being fetched (URL)
	StepResume Step = "resume" // continuing an earlier run (Bytes or Pages already kept)
	StepBytes  Step = "bytes"  // Bytes of a download arrived (Total when known, else -1)
	StepPage   Step = "page"   // page Pages of a table arrived with Rows rows
	StepDone   Step = "done"   // the file is complete (Entry)
	StepKept   Step = "kept"   // the manifest has the file already; nothing fetched (Entry)
)

// Event is progress of a fetch.
type Event struct {
	File         string
	Step         Step
	URL          string
	Bytes, Total int64
	Pages, Rows  int
	Entry        *Entry
}

// fetcher runs one Config.
type fetcher struct {
	cfg Config
	c   *client
}

// Run fetches the named sources (DefaultSources when none) into cfg.Dir
// and returns the manifest entries of the files fetched or kept. It stops
// at the first file that fails; the files finished before stay, recorded
// in the manifest.
func Run(ctx context.Context, cfg Config, names []string) ([]Entry, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		names = DefaultSources
	}
	ts, err := targets(names)
	if err != nil {
		return nil, err
	}
	f := newFetcher(cfg)
	if err := os.MkdirAll(f.cfg.Dir, 0o755); err != nil {
		return nil, err
	}
	m, err := readManifest(f.cfg.Dir)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, t := range ts {
		e, err := f.fetchTarget(ctx, t, m)
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
	return out, nil
}

func newFetcher(cfg Config) *fetcher {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.Retries == 0 {
		cfg.Retries = DefaultRetries
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	c := &client{http: cfg.Client, timeout: cfg.Timeout, retries: max(cfg.Retries, 0), backoff: cfg.Backoff, sleep: cfg.Sleep}
	if c.http == nil {
		c.http = &http.Client{}
	}
	if cfg.BaseURL != "" {
		c.base, _ = url.Parse(cfg.BaseURL)
	}
	return &fetcher{cfg: cfg, c: c}
}

func (f *fetcher) progress(e Event) {
	if f.cfg.Progress != nil {
		f.cfg.Progress(e)
	}
}

// fetchTarget fetches one file, unless the manifest has it with the same
// size and checksum as the file on disk, and records it.
func (f *fetcher) fetchTarget(ctx context.Context, t target, m *Manifest) (Entry, error) {
	path := filepath.Join(f.cfg.Dir, filepath.FromSlash(t.file))
	if old := m.entry(t.file); old != nil && !f.cfg.Refresh {
		if size, sum, err := fileSum(path); err == nil && size == old.Size && sum == old.SHA256 {
			f.progress(Event{File: t.file, Step: StepKept, URL: old.URL, Entry: old})
			return *old, nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return Entry{}, err
	}
	f.progress(Event{File: t.file, Step: StepStart, URL: t.firstURL()})
	e := Entry{File: t.file, Source: t.source, URL: t.firstURL()}
	var err error
	if t.query != nil {
		e.Size, e.SHA256, e.Pages, e.URL, err = f.writeTable(ctx, t, path)
	} else {
		e.Size, e.SHA256, err = f.download(ctx, t.url, path)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("%s: %w", t.file, err)
	}
	e.FetchedAt = f.cfg.Now().UTC().Truncate(time.Second)
	m.put(e)
	if err := m.write(f.cfg.Dir); err != nil {
		return Entry{}, err
	}
	f.progress(Event{File: t.file, Step: StepDone, URL: e.URL, Bytes: e.Size, Entry: &e})
	return e, nil
}

// writeTable fetches a StatLine table and writes it in its layout; it
// returns the size, checksum and pages of the file and the URL of the
// first page.
func (f *fetcher) writeTable(ctx context.Context, t target, path string) (int64, string, int, string, error) {
	tab, err := f.fetchTable(ctx, *t.query, t.pick, t.file)
	if err != nil {
		return 0, "", 0, "", err
	}
	var buf bytes.Buffer
	if err := t.layout(&buf, tab); err != nil {
		return 0, "", 0, "", err
	}
	if int64(buf.Len()) > f.cfg.MaxBytes {
		return 0, "", 0, "", &Error{URL: tab.q.dataURL(), Kind: ErrTooLarge, What: fmt.Sprintf("the table makes a file of %d bytes, more than the cap of %d", buf.Len(), f.cfg.MaxBytes),
			Hint: "raise the cap with --max-file"}
	}
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		return 0, "", 0, "", err
	}
	if err := os.RemoveAll(f.stage(t.file)); err != nil {
		return 0, "", 0, "", err
	}
	os.Remove(filepath.Join(f.cfg.Dir, ".lpa-fetch")) // only when empty
	sum := sha256.Sum256(buf.Bytes())
	return int64(buf.Len()), hex.EncodeToString(sum[:]), tab.pages, tab.q.dataURL(), nil
}

// Plan lists the files and URLs the names would fetch, for --list and
// --dry-run; the filters of tables that need their metadata first are
// chosen at fetch time.
func Plan(names []string) ([]PlanItem, error) {
	if len(names) == 0 {
		names = DefaultSources
	}
	ts, err := targets(names)
	if err != nil {
		return nil, err
	}
	var out []PlanItem
	for _, t := range ts {
		it := PlanItem{Source: t.source, File: t.file, URL: t.url}
		if t.query != nil {
			it.URL = t.query.dataURL()
			if t.pick != nil {
				it.URL += " (the $filter is chosen from the table's metadata)"
			}
		}
		out = append(out, it)
	}
	return out, nil
}

// PlanItem is one file a fetch would write.
type PlanItem struct{ Source, File, URL string }

// SourceList describes the source names lpa fetch knows, one per line.
func SourceList() []string {
	var out []string
	for _, s := range Sources() {
		out = append(out, fmt.Sprintf("%-26s %s", s.Name, s.About))
	}
	return out
}
