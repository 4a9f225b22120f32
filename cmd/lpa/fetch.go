package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"lpa/indicators/fetch"
)

// defaultFetchDir is where `lpa fetch` writes without --out (in
// .gitignore).
const defaultFetchDir = "data"

// fetchHelp and fetchExamples are lpa fetch's part of its usage (lpa
// help fetch); the flags come from cmdFetch's flag set.
const fetchHelp = `Downloads the public sources lpa knows into DIR, ready for lpa load DIR. Without
SOURCE: ` + "50090NED 50140NED 85563NED regios vektis geo" + `. A file already fetched (the
manifest DIR/lpa-fetch.json has it with the same sha256) is kept; --refresh fetches it
again. An interrupted fetch continues where it stopped on the next run.`

var fetchExamples = []string{
	"lpa fetch                         everything, into data/",
	"lpa fetch 50090NED:2020 vektis:2022 regios",
	"lpa fetch 50090NED:2020:65plus    another age group of 50090NED",
	"lpa fetch --list",
	"lpa load data/",
}

// cmdFetch downloads public sources into a folder.
func (e *env) cmdFetch(ctx context.Context, args []string) error {
	fs := newFlagSet("fetch")
	out := fs.String("out", defaultFetchDir, "write into the folder `DIR`")
	list := fs.Bool("list", false, "list the sources and the URLs lpa would request, fetch nothing")
	refresh := fs.Bool("refresh", false, "fetch again what the manifest says is there")
	base := fs.String("base-url", os.Getenv("LPA_FETCH_BASE_URL"), "send every request to `URL` instead of the real hosts (the\nhost becomes the first path segment; env LPA_FETCH_BASE_URL)")
	timeout := fs.Duration("timeout", fetch.DefaultTimeout, "give up a request after `D`")
	maxFile := fs.String("max-file", "1GiB", "refuse an answer or file larger than `SIZE`")
	retries := fs.Int("retries", fetch.DefaultRetries, "retry a transient failure (5xx, 429, a dropped connection)\n`N` times, waiting 1s, 2s, 4s ... between")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	size, err := parseSize(*maxFile)
	if err != nil {
		return usageError{"--max-file: " + err.Error()}
	}
	if *timeout <= 0 {
		return usageError{"--timeout: expected a positive duration such as 2m"}
	}
	if *retries < 0 {
		return usageError{"--retries: expected 0 or more"}
	}
	if *retries == 0 {
		*retries = -1 // Config: none
	}
	if *list {
		return e.fetchList(fs.Args())
	}
	cfg := fetch.Config{Dir: *out, BaseURL: *base, Timeout: *timeout, MaxBytes: size, Refresh: *refresh, Now: e.now,
		Retries: *retries, Progress: fetchProgress(e.stderr)}
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	entries, err := fetch.Run(ctx, cfg, fs.Args())
	if errors.Is(err, fetch.ErrUnknownSource) {
		return usageError{strings.ReplaceAll(err.Error(), "fetch: unknown source: ", "")}
	}
	if err != nil {
		return fetchError{err}
	}
	fmt.Fprintf(e.stdout, "%d file(s) in %s (checksums in %s/%s); load them with: lpa load %s\n", len(entries), *out, *out, fetch.ManifestName, *out)
	return nil
}

// fetchError is a failed fetch, said without the package's prefix.
type fetchError struct{ err error }

func (f fetchError) Error() string {
	return strings.ReplaceAll(f.err.Error(), "fetch: ", "")
}

func (f fetchError) Unwrap() error { return f.err }

// fetchList prints the sources and what they would request.
func (e *env) fetchList(names []string) error {
	fmt.Fprintln(e.stdout, "Sources (lpa fetch SOURCE...):")
	for _, l := range fetch.SourceList() {
		fmt.Fprintln(e.stdout, "  "+l)
	}
	items, err := fetch.Plan(names)
	if err != nil {
		return usageError{strings.ReplaceAll(err.Error(), "fetch: unknown source: ", "")}
	}
	fmt.Fprintln(e.stdout, "\nFiles and URLs:")
	for _, it := range items {
		fmt.Fprintf(e.stdout, "  %s\n    %s\n", it.File, it.URL)
	}
	return nil
}

// fetchProgress prints a line per step of a fetch.
func fetchProgress(w io.Writer) func(fetch.Event) {
	start := map[string]time.Time{}
	return func(ev fetch.Event) {
		switch ev.Step {
		case fetch.StepStart:
			start[ev.File] = time.Now()
			fmt.Fprintf(w, "fetch %s <- %s\n", ev.File, ev.URL)
		case fetch.StepResume:
			if ev.Pages > 0 {
				fmt.Fprintf(w, "  continuing after page %d kept by an earlier run\n", ev.Pages)
			} else {
				fmt.Fprintf(w, "  continuing after %s kept by an earlier run\n", humanBytes(ev.Bytes))
			}
		case fetch.StepBytes:
			if ev.Total > 0 {
				fmt.Fprintf(w, "  %s of %s\n", humanBytes(ev.Bytes), humanBytes(ev.Total))
			} else {
				fmt.Fprintf(w, "  %s\n", humanBytes(ev.Bytes))
			}
		case fetch.StepPage:
			fmt.Fprintf(w, "  page %d: %d rows\n", ev.Pages, ev.Rows)
		case fetch.StepDone:
			fmt.Fprintf(w, "  done: %s, sha256 %s (%s)\n", humanBytes(ev.Bytes), ev.Entry.SHA256[:12], time.Since(start[ev.File]).Round(time.Millisecond))
		case fetch.StepKept:
			fmt.Fprintf(w, "kept %s (fetched %s; --refresh fetches it again)\n", ev.File, ev.Entry.FetchedAt.Format("2006-01-02"))
		}
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
