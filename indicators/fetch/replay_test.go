package fetch

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// replay is a local server that answers with the recorded answers under
// testdata/replay/<host>/<path> (the host is the first path segment, as
// Config.BaseURL sends it). OData answers name the real hosts in their
// links; replay points them at itself. A data set's later pages are
// <path>.skipN, chosen by $skip.
type replay struct {
	t   *testing.T
	srv *httptest.Server
	mu  sync.Mutex
	log []*http.Request
	// fail decides per request: "" (answer), "500", "cut" (half the answer,
	// then the connection closes).
	fail func(r *http.Request, n int) string
}

func newReplay(t *testing.T) *replay {
	rp := &replay{t: t}
	rp.srv = httptest.NewServer(http.HandlerFunc(rp.serve))
	t.Cleanup(rp.srv.Close)
	return rp
}

func (rp *replay) serve(w http.ResponseWriter, r *http.Request) {
	rp.mu.Lock()
	rp.log = append(rp.log, r)
	n := len(rp.log)
	rp.mu.Unlock()
	mode := ""
	if rp.fail != nil {
		mode = rp.fail(r, n)
	}
	if mode == "500" {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	p := strings.Replace(r.URL.Path, "/OData/", "/odata/", 1)
	if s := r.URL.Query().Get("$skip"); s != "" {
		p += ".skip" + s
	}
	body, err := os.ReadFile(filepath.Join("testdata", "replay", filepath.FromSlash(p)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if strings.Contains(p, "/ODataApi/") || strings.Contains(p, "/ODataFeed/") {
		w.Header().Set("Content-Type", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8")
		if mode == "cut" {
			cut(w, body)
		}
		w.Write(body)
		return
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(len(body))+`-replay"`)
	if mode == "cut" && r.Header.Get("Range") == "" {
		cut(w, body)
	}
	http.ServeContent(w, r, filepath.Base(p), time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), bytes.NewReader(body))
}

// cut sends the headers of the whole answer and half of it, then drops
// the connection.
func cut(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body[:len(body)/2])
	w.(http.Flusher).Flush()
	panic(http.ErrAbortHandler)
}

// requests returns the paths and queries asked so far.
func (rp *replay) requests() []string {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	var out []string
	for _, r := range rp.log {
		out = append(out, r.URL.RequestURI())
	}
	return out
}

func (rp *replay) header(i int, name string) string {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.log[i].Header.Get(name)
}

// config is a Config against the replay server with instant retries.
func (rp *replay) config(dir string) Config {
	return Config{Dir: dir, BaseURL: rp.srv.URL, Timeout: 10 * time.Second, Backoff: time.Millisecond,
		Sleep: func(context.Context, time.Duration) error { return nil },
		Now:   func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }}
}
