package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"lpa/pipeline"
)

// printer turns a job's events into what the command line shows: load
// progress on stderr, and a line per file, per round and per report set on
// stdout. Nothing else prints what a job did.
type printer struct {
	out      io.Writer
	db       string
	progress *progress // nil: no progress (compute, report)
	examples bool      // the load is the bundled example data
}

var _ pipeline.Events = (*printer)(nil)

func (p *printer) LoadStarted(files int, bytes int64) {
	if p.examples {
		fmt.Fprintln(p.out, "no paths given: loading the bundled example data (examples/)")
	}
	if p.progress != nil {
		p.progress.begin(files, bytes)
	}
}

func (p *printer) FileParsed(path string, bytes int64, err error) {
	if p.progress != nil {
		p.progress.fileParsed(path, bytes, err)
	}
}

func (p *printer) LoadFinished(res *pipeline.LoadResult, err error) {
	if p.progress != nil {
		p.progress.end(err)
	}
	if err != nil {
		return
	}
	var read, unchanged int
	replacedBy := map[int64]int64{}
	for _, o := range res.Outcomes {
		for _, r := range o.Replaced {
			replacedBy[r] = o.LoadID
		}
	}
	for _, o := range res.Outcomes {
		if o.Status == pipeline.StatusUnchanged {
			unchanged++
			fmt.Fprintf(p.out, "unchanged %s: same content as load %d, nothing added\n", o.Path, o.SameAs)
			continue
		}
		read += o.Rows
		extra := ""
		if len(o.Replaced) > 0 {
			extra = fmt.Sprintf("; replaces rows of load %s", joinIDs(o.Replaced))
		}
		if by, ok := replacedBy[o.LoadID]; ok {
			extra += fmt.Sprintf("; rows of the same slice replaced by load %d", by)
		}
		fmt.Fprintf(p.out, "loaded    %s: %s, %d rows (load %d%s)\n", o.Path, o.Kind, o.Rows, o.LoadID, extra)
		if o.Note != "" {
			fmt.Fprintf(p.out, "          note: %s\n", o.Note)
		}
	}
	if len(res.Unknown) > 0 {
		fmt.Fprintf(p.out, "note: %d indicators are not in the catalogue and are loaded without labels: %s\n",
			len(res.Unknown), strings.Join(res.Unknown, ", "))
	}
	fmt.Fprintf(p.out, "%s into %s: %d rows read, %s unchanged\n", plural(len(res.Outcomes), "file", "files"), p.db, read,
		plural(unchanged, "file", "files"))
}

func (p *printer) Computed(round time.Time, counts []pipeline.MetricCount, took time.Duration) {
	var parts []string
	empty := false
	for _, c := range counts {
		parts = append(parts, fmt.Sprintf("%s %d rows", c.Metric, c.Rows))
		empty = empty || (c.Metric == "population_metrics" && c.Rows == 0)
	}
	fmt.Fprintf(p.out, "computed round %s: %s in %s\n", round.Format(time.DateOnly), strings.Join(parts, ", "), took.Round(time.Millisecond))
	if empty {
		fmt.Fprintln(p.out, "note: no population metrics: the warehouse holds no monitor data for the accords' gemeenten up to this round (load e.g. 50090NED)")
	}
}

func (p *printer) ReportsWritten(res *pipeline.ReportResult, took time.Duration) {
	if len(res.Skipped) > 0 {
		fmt.Fprintf(p.out, "not in round %s (signed after it): %s\n", res.Round.Format(time.DateOnly), strings.Join(res.Skipped, ", "))
	}
	accords := len(res.Paths) - res.Gemeenten
	if accords > 0 {
		fmt.Fprintf(p.out, "wrote %s of round %s to %s/\n", plural(accords, "accord report", "accord reports"),
			res.Round.Format(time.DateOnly), res.Dir)
	}
	if res.Gemeenten > 0 {
		fmt.Fprintf(p.out, "wrote %s of round %s to %s/gemeenten/\n", plural(res.Gemeenten, "gemeente report", "gemeente reports"),
			res.Round.Format(time.DateOnly), res.Dir)
	}
	if len(res.NewVersions) > 0 {
		fmt.Fprintf(p.out, "new versions (their data changed since the last issue): %s\n", strings.Join(res.NewVersions, ", "))
	}
	if len(res.Paths) == 0 {
		fmt.Fprintf(p.out, "no report of round %s changed since its last issue\n", res.Round.Format(time.DateOnly))
	}
	fmt.Fprintf(p.out, "reports done in %s\n", took.Round(time.Millisecond))
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ", ")
}

// plural says "1 report" or "14 reports".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Step: the command line shows no steps of a compute or a report burst;
// both take seconds and end in their own line.
func (p *printer) Step(string, int, int) {}
