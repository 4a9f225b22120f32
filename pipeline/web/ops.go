package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Stats are the service's counts for /metrics.
type Stats struct {
	Runs       []RunStat
	RowsLoaded int64
}

// RunStat is the runs of one job with one status.
type RunStat struct {
	Job, Status  string
	Count        int64
	LastOK       time.Time
	Reports      int64
	TotalSeconds float64
}

// healthz answers whether the warehouse answers, the scheduler runs and how
// the last run of each job went.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	out := map[string]any{"warehouse": "ok", "scheduler": "running"}
	status := http.StatusOK
	if err := s.cfg.Source.Healthy(r.Context()); err != nil {
		out["warehouse"], status = err.Error(), http.StatusServiceUnavailable
	}
	if runs, err := s.cfg.Source.Runs(r.Context(), 200); err == nil {
		last := map[string]string{}
		for _, run := range runs {
			if _, seen := last[run.Job]; !seen {
				last[run.Job] = run.Status
			}
		}
		out["last_runs"] = last
	}
	next := map[string]string{}
	for job, t := range s.cfg.Source.NextRuns() {
		next[job] = t.Format(time.RFC3339)
	}
	out["next_runs"] = next
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(out)
}

// prometheus answers /metrics in Prometheus's text format.
func (s *Server) prometheus(w http.ResponseWriter, r *http.Request) {
	st, err := s.cfg.Source.Stats(r.Context())
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	var b strings.Builder
	b.WriteString("# HELP lpa_job_runs_total Runs of the scheduled jobs by status.\n# TYPE lpa_job_runs_total counter\n")
	for _, x := range st.Runs {
		fmt.Fprintf(&b, "lpa_job_runs_total{job=%q,status=%q} %d\n", x.Job, x.Status, x.Count)
	}
	b.WriteString("# HELP lpa_job_run_seconds_total Time spent in runs by job and status.\n# TYPE lpa_job_run_seconds_total counter\n")
	for _, x := range st.Runs {
		fmt.Fprintf(&b, "lpa_job_run_seconds_total{job=%q,status=%q} %g\n", x.Job, x.Status, x.TotalSeconds)
	}
	b.WriteString("# HELP lpa_job_last_success_timestamp_seconds The end of the last successful run per job.\n# TYPE lpa_job_last_success_timestamp_seconds gauge\n")
	last := map[string]time.Time{}
	var reports int64
	for _, x := range st.Runs {
		if x.LastOK.After(last[x.Job]) {
			last[x.Job] = x.LastOK
		}
		reports += x.Reports
	}
	jobs := make([]string, 0, len(last))
	for j := range last {
		jobs = append(jobs, j)
	}
	sort.Strings(jobs)
	for _, j := range jobs {
		if !last[j].IsZero() {
			fmt.Fprintf(&b, "lpa_job_last_success_timestamp_seconds{job=%q} %d\n", j, last[j].Unix())
		}
	}
	fmt.Fprintf(&b, "# HELP lpa_reports_written_total PDFs written by scheduled runs.\n# TYPE lpa_reports_written_total counter\nlpa_reports_written_total %d\n", reports)
	fmt.Fprintf(&b, "# HELP lpa_rows_loaded_total Rows brought by loads in the warehouse.\n# TYPE lpa_rows_loaded_total counter\nlpa_rows_loaded_total %d\n", st.RowsLoaded)
	s.metrics.mu.Lock()
	b.WriteString("# HELP lpa_queries_total Queries of /api/sql by HTTP status.\n# TYPE lpa_queries_total counter\n")
	codes := make([]int, 0, len(s.metrics.queries))
	for c := range s.metrics.queries {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		fmt.Fprintf(&b, "lpa_queries_total{code=\"%d\"} %d\n", c, s.metrics.queries[c])
	}
	b.WriteString("# HELP lpa_query_duration_seconds Latency of /api/sql.\n# TYPE lpa_query_duration_seconds histogram\n")
	for i, le := range latencyBuckets {
		n := int64(0)
		if s.metrics.counts != nil {
			n = s.metrics.counts[i]
		}
		fmt.Fprintf(&b, "lpa_query_duration_seconds_bucket{le=\"%g\"} %d\n", le, n)
	}
	fmt.Fprintf(&b, "lpa_query_duration_seconds_bucket{le=\"+Inf\"} %d\nlpa_query_duration_seconds_sum %g\nlpa_query_duration_seconds_count %d\n",
		s.metrics.n, s.metrics.sum, s.metrics.n)
	s.metrics.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write([]byte(b.String()))
}
