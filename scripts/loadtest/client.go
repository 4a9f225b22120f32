package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// client speaks to lpa serve's API.
type client struct {
	url, token string
	http       *http.Client
}

// sql runs q and reads the whole answer (CSV).
func (c *client) sql(ctx context.Context, q string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/api/sql?format=csv", strings.NewReader(q))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "text/plain")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return nil
}

// literal is s as the inside of an SQL string literal.
func literal(s string) string { return strings.ReplaceAll(s, "'", "''") }

// pointQueries are lookups of one value each: an observation by its key,
// an accord's metric.
func (c *client) pointQueries(ctx context.Context) ([]string, error) {
	var keys []struct {
		Region    string `json:"region_code"`
		Indicator string `json:"indicator"`
		Period    int    `json:"period"`
		AgeGroup  string `json:"age_group"`
	}
	if err := c.json(ctx, statement("point_keys.sql"), &keys); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, errors.New("the examples warehouse has no observations")
	}
	var out []string
	for _, k := range keys {
		out = append(out, strings.NewReplacer("{region}", literal(k.Region), "{indicator}", literal(k.Indicator),
			"{period}", strconv.Itoa(k.Period), "{age_group}", literal(k.AgeGroup)).Replace(statement("point_observation.sql")))
	}
	var accords []struct {
		ID string `json:"accord_id"`
	}
	if err := c.json(ctx, statement("accord_ids.sql"), &accords); err != nil {
		return nil, err
	}
	for _, a := range accords {
		out = append(out, strings.ReplaceAll(statement("point_accord.sql"), "{accord}", literal(a.ID)))
	}
	return out, nil
}

func (c *client) json(ctx context.Context, q string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/api/sql?format=json", strings.NewReader(q))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d: %s", q, resp.StatusCode, body)
	}
	return json.Unmarshal(body, v) // an array of objects, one per row
}

// runRow is a row of GET /api/runs.
type runRow struct {
	ID     int64  `json:"run_id"`
	Job    string `json:"job"`
	Status string `json:"status"`
	Loads  int    `json:"loads"`
	Error  string `json:"error"`
}

func (c *client) runs(ctx context.Context) ([]runRow, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url+"/api/runs?n=20", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out []runRow
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("/api/runs: HTTP %d", resp.StatusCode)
	}
	return out, json.NewDecoder(resp.Body).Decode(&out)
}

// waitRun waits for a run of job that ok accepts and returns its id.
func (c *client) waitRun(ctx context.Context, job string, ok func(runRow) bool, limit time.Duration) (int64, error) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		rs, err := c.runs(ctx)
		if err != nil {
			return 0, err
		}
		for _, r := range rs {
			if r.Job == job && ok(r) {
				return r.ID, nil
			}
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return 0, fmt.Errorf("no run of %s within %s", job, limit)
}

func (c *client) runByID(ctx context.Context, id int64) (runRow, error) {
	rs, err := c.runs(ctx)
	if err != nil {
		return runRow{}, err
	}
	for _, r := range rs {
		if r.ID == id {
			return r, nil
		}
	}
	return runRow{}, fmt.Errorf("run %d not in /api/runs", id)
}
