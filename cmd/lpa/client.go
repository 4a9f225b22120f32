package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"lpa/pipeline"
	"lpa/pipeline/query"
	"lpa/pipeline/web"
)

// serveClient talks to the lpa serve that holds the warehouse: lpa sql,
// lpa runs and lpa run --via-server go through it.
type serveClient struct {
	e     *env
	url   string
	token string
	http  *http.Client
}

// server is the lpa serve that holds the warehouse, from the files it
// keeps beside it (its address and the API token).
func (e *env) server() (*serveClient, bool) {
	u, err := os.ReadFile(e.db + ".serve")
	if err != nil {
		return nil, false
	}
	t, err := os.ReadFile(e.db + ".token")
	if err != nil {
		return nil, false
	}
	return &serveClient{e: e, url: strings.TrimSpace(strings.SplitN(string(u), "\n", 2)[0]), token: strings.TrimSpace(string(t)),
		http: &http.Client{Timeout: 10 * time.Minute}}, true
}

// do sends a request with the token and returns the answer of status 2xx;
// any other status is an error with the server's message.
func (c *serveClient) do(ctx context.Context, method, path string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.url+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ask lpa serve at %s (its address is in %s.serve): %w", c.url, c.e.db, err)
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	msg := errors.New(strings.TrimSpace(string(b)))
	if resp.StatusCode == http.StatusBadRequest {
		return nil, fmt.Errorf("%w: %v", query.ErrRefused, msg)
	}
	return nil, fmt.Errorf("lpa serve answered %s: %w", resp.Status, msg)
}

// sql runs text through lpa serve's /api/sql (the same guarded read path).
// A table comes back as lpa sql prints it, fitted to width columns when
// width is not 0.
func (c *serveClient) sql(ctx context.Context, text string, format query.Format, width int) error {
	fmt.Fprintf(c.e.stderr, "lpa sql: lpa serve holds %s; asking it at %s\n", c.e.db, c.url)
	q := url.Values{"format": {string(format)}}
	if format == query.Table && width > 0 {
		q.Set("width", strconv.Itoa(min(max(width, 20), 1000)))
	}
	resp, err := c.do(ctx, http.MethodPost, "/api/sql?"+q.Encode(), strings.NewReader(text))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(c.e.stdout, resp.Body)
	return err
}

// runs is lpa serve's run history, newest first.
func (c *serveClient) runs(ctx context.Context, n int) ([]pipeline.Run, error) {
	resp, err := c.do(ctx, http.MethodGet, fmt.Sprintf("/api/runs?n=%d", n), nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var rs []web.Run
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&rs); err != nil {
		return nil, fmt.Errorf("lpa serve's run history: %w", err)
	}
	out := make([]pipeline.Run, len(rs))
	for i, r := range rs {
		out[i] = pipeline.Run(r)
	}
	return out, nil
}

// run asks lpa serve to run job now and waits for the run's end.
func (c *serveClient) run(ctx context.Context, job string) (pipeline.Run, error) {
	before, err := c.runs(ctx, 1)
	if err != nil {
		return pipeline.Run{}, err
	}
	var last int64
	if len(before) > 0 {
		last = before[0].ID
	}
	resp, err := c.do(ctx, http.MethodPost, "/api/run/"+url.PathEscape(job), nil)
	if err != nil {
		return pipeline.Run{}, err
	}
	resp.Body.Close()
	fmt.Fprintf(c.e.stdout, "lpa serve at %s runs %s now; waiting for it (Ctrl-C stops waiting, not the run)\n", c.url, job)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return pipeline.Run{}, ctx.Err()
		case <-tick.C:
		}
		rs, err := c.runs(ctx, 20)
		if err != nil {
			return pipeline.Run{}, err
		}
		for i := len(rs) - 1; i >= 0; i-- {
			if r := rs[i]; r.ID > last && r.Job == job && r.ScheduledFor.IsZero() && r.Status != "running" {
				return r, nil
			}
		}
	}
}
