package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"lpa/pipeline/query"
)

// Types of the answers of /api/sql, by format.
var contentTypes = map[query.Format]string{
	query.Table:   "text/plain; charset=utf-8", // as lpa sql prints it
	query.JSON:    "application/json",
	query.CSV:     "text/csv; charset=utf-8",
	query.Arrow:   "application/vnd.apache.arrow.stream",
	query.Parquet: "application/vnd.apache.parquet",
}

// formatOf picks the answer's format: ?format=, then the Accept header,
// JSON by default.
func formatOf(r *http.Request, asked string) (query.Format, error) {
	if asked == "" {
		asked = r.URL.Query().Get("format")
	}
	if asked == "" {
		accept := r.Header.Get("Accept")
		for f, ct := range contentTypes {
			if strings.Contains(accept, strings.Split(ct, ";")[0]) {
				return f, nil
			}
		}
		return query.JSON, nil
	}
	f, err := query.ParseFormat(asked)
	if err != nil {
		return "", fmt.Errorf("format %q; expected json, csv, arrow, parquet or table", asked)
	}
	return f, nil
}

// sql answers POST /api/sql: the body is the SQL text (text/plain) or
// {"sql": "...", "format": "csv"} (application/json). One statement per
// request, through the guarded read path, with a row cap.
func (s *Server) sql(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	status := http.StatusOK
	defer func() { s.metrics.observe(status, time.Since(start)) }()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		status = http.StatusRequestEntityTooLarge
		writeError(w, status, fmt.Sprintf("the request body is larger than %d bytes", s.cfg.MaxBody))
		return
	}
	text, asked := string(body), ""
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var req struct {
			SQL    string `json:"sql"`
			Format string `json:"format"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			status = http.StatusBadRequest
			writeError(w, status, `the body is not JSON of the form {"sql": "...", "format": "json"}: `+err.Error())
			return
		}
		text, asked = req.SQL, req.Format
	}
	f, err := formatOf(r, asked)
	if err != nil {
		status = http.StatusBadRequest
		writeError(w, status, err.Error())
		return
	}
	sess := s.cfg.SQL(f)
	if q := r.URL.Query().Get("width"); q != "" && f == query.Table {
		// The table fits a terminal of this many columns, as lpa sql
		// fits it to its own.
		n, err := strconv.Atoi(q)
		if err != nil || n < 20 || n > 1000 {
			status = http.StatusBadRequest
			writeError(w, status, fmt.Sprintf("width %q: expected a number of columns from 20 to 1000", q))
			return
		}
		sess = sess.WithMaxWidth(n)
	}
	stmts, err := sess.Statements(text)
	switch {
	case err == nil && len(stmts) != 1:
		err = query.ErrUsage{Msg: fmt.Sprintf("send one statement per request; the body holds %d", len(stmts))}
		fallthrough
	case err != nil:
		status = statusOf(err)
		writeError(w, status, err.Error())
		return
	}
	// The answer is buffered so that an error halfway (a row cap, a
	// timeout) becomes a clean error response, not a cut-off body.
	var buf strings.Builder
	if err := sess.Run(r.Context(), stmts[0], &buf); err != nil {
		status = statusOf(err)
		s.log.Info("query refused or failed", "status", status, "err", err)
		writeError(w, status, err.Error())
		return
	}
	w.Header().Set("Content-Type", contentTypes[f])
	_, _ = io.WriteString(w, buf.String())
}

// runNow answers POST /api/run/{job}: the job starts at once.
func (s *Server) runNow(w http.ResponseWriter, r *http.Request) {
	job := r.PathValue("job")
	if err := s.cfg.Source.RunNow(job); err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if strings.Contains(r.Header.Get("Accept"), "text/html") || r.PostFormValue("token") != "" {
		http.Redirect(w, r, "/runs", http.StatusSeeOther)
		return
	}
	w.WriteHeader(http.StatusAccepted)
	fmt.Fprintf(w, "job %s started\n", job)
}

// apiRuns answers GET /api/runs?n=N: the newest N runs (default 50, at
// most 1000) as JSON, newest first.
func (s *Server) apiRuns(w http.ResponseWriter, r *http.Request) {
	n := 50
	if q := r.URL.Query().Get("n"); q != "" {
		v, err := strconv.Atoi(q)
		if err != nil || v < 1 || v > 1000 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("n %q: expected a number from 1 to 1000", q))
			return
		}
		n = v
	}
	runs, err := s.cfg.Source.Runs(r.Context(), n)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if runs == nil {
		runs = []Run{}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(runs)
}
