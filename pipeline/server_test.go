package pipeline_test

import (
	"bytes"
	"database/sql"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"go.uber.org/goleak"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/pipeline/query"
	"lpa/pipeline/web"
)

// serve starts the real server on 127.0.0.1 over a warehouse with the
// example round 2020-11-01 and its reports, and returns its URL and token.
func serve(t *testing.T) (string, string) {
	t.Helper()
	p, _ := newPipeline(t, filepath.Join(t.TempDir(), "w.duckdb"))
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := p.Run(t.Context(), pipeline.Job{Load: ex, Compute: true, Round: round, Report: true, OutDir: out,
		Only: []string{"achterhoek", "GM0363"}}); err != nil {
		t.Fatal(err)
	}
	svc, err := pipeline.NewService(p, pipeline.Schedule{Jobs: []pipeline.JobSpec{{Name: pipeline.JobCompute, Cron: "0 6 * * *"}}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	dash := pipeline.NewDashboard(p, svc)
	const token = "0123456789abcdef0123456789abcdef"
	srv := web.New(web.Config{Source: dash, SQL: dash.SQL(query.Limits{Timeout: 5 * time.Second, MaxRows: 1000}),
		Token: token, Public: true, Reports: out})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() {
		hs.Close()
		svc.Stop()
		http.DefaultClient.CloseIdleConnections()
	})
	return "http://" + ln.Addr().String(), token
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func post(t *testing.T, url, token, body string, header ...string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestServer starts the real server and tries every page, every format of
// the SQL endpoint, a missing token and escapes over HTTP.
func TestServer(t *testing.T) {
	t.Cleanup(func() {
		http.DefaultClient.CloseIdleConnections()
		goleak.VerifyNone(t, goleak.IgnoreCurrent())
	})
	url, token := serve(t)

	for _, c := range []struct{ path, want string }{
		{"/", "Lokale en regionale preventieakkoorden"},
		{"/", "Achterhoek"},
		{"/akkoord/achterhoek", "Gezondheid en leefstijl"},
		{"/akkoord/achterhoek", "<svg"},
		{"/akkoord/achterhoek", "Triple Aim"},
		{"/gemeente/GM0363", "Amsterdam"},
		{"/runs", "Volgende run"},
		{"/loads", "50090NED_gemeenten_2012_2016_2020_18plus.csv"},
		{"/healthz", `"warehouse":"ok"`},
		{"/metrics", "lpa_job_runs_total"},
		{"/rapporten/achterhoek.pdf", "%PDF-"},
		{"/rapporten/gemeenten/GM0363.pdf", "%PDF-"},
	} {
		code, body := get(t, url+c.path)
		if code != http.StatusOK || !strings.Contains(body, c.want) {
			t.Errorf("GET %s: %d, body lacks %q", c.path, code, c.want)
		}
	}
	for _, path := range []string{"/akkoord/nonexist", "/rapporten/..%2Fw.duckdb", "/rapporten/x.txt"} {
		if code, _ := get(t, url+path); code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
	}

	const q = "SELECT accord_id, count(*) AS n FROM accord_metrics GROUP BY 1 ORDER BY 1"
	if code, body := post(t, url+"/api/sql", token, q); code != 200 || !strings.Contains(string(body), `"accord_id": "achterhoek"`) {
		t.Errorf("JSON: %d %s", code, body)
	}
	if code, body := post(t, url+"/api/sql?format=csv", token, q); code != 200 || !strings.HasPrefix(string(body), "accord_id,n\nachterhoek,") {
		t.Errorf("CSV: %d %s", code, body)
	}
	if code, body := post(t, url+"/api/sql?format=table", token, q); code != 200 || !strings.HasPrefix(string(body), "accord_id ") || !strings.Contains(string(body), "│ n\n") || !strings.HasSuffix(string(body), "14 rows\n") {
		t.Errorf("table: %d %s", code, body)
	}
	const wide = "SELECT 'a long value that does not fit' AS a, 2 AS b, 3 AS c, 4 AS d, 5 AS e, 6 AS f, 7 AS g, 8 AS h, 9 AS i"
	if code, body := post(t, url+"/api/sql?format=table&width=30", token, wide); code != 200 || !strings.Contains(string(body), "shown)") {
		t.Errorf("table of width 30: %d %s", code, body)
	}
	for _, w := range []string{"5", "1001", "x"} {
		if code, body := post(t, url+"/api/sql?format=table&width="+w, token, q); code != 400 || !strings.Contains(string(body), "width") {
			t.Errorf("width %s: %d %s", w, code, body)
		}
	}
	code, body := post(t, url+"/api/sql", token, q, "Accept", "application/vnd.apache.arrow.stream")
	if code != 200 {
		t.Fatalf("Arrow: %d %s", code, body)
	}
	rr, err := ipc.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows := int64(0)
	for rr.Next() {
		rows += rr.RecordBatch().NumRows()
	}
	rr.Release()
	if rows != 14 {
		t.Errorf("Arrow: %d rows, want 14", rows)
	}
	code, body = post(t, url+"/api/sql", token, `{"sql": "`+q+`", "format": "parquet"}`, "Content-Type", "application/json")
	if code != 200 || !bytes.HasPrefix(body, []byte("PAR1")) {
		t.Fatalf("Parquet: %d %.60q", code, body)
	}
	// Parquet read back by DuckDB itself (a plain in-memory instance).
	pq := filepath.Join(t.TempDir(), "r.parquet")
	if err := os.WriteFile(pq, body, 0o644); err != nil {
		t.Fatal(err)
	}
	plain, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	var n int
	if err := plain.QueryRow("SELECT count(*) FROM read_parquet(?)", pq).Scan(&n); err != nil || n != 14 {
		t.Errorf("Parquet read back: %d rows, %v", n, err)
	}

	// The token, and escapes over HTTP.
	if code, _ := post(t, url+"/api/sql", "", q); code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", code)
	}
	if code, _ := post(t, url+"/api/sql", "wrong", q); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", code)
	}
	if code, _ := post(t, url+"/api/run/compute", "", ""); code != http.StatusUnauthorized {
		t.Errorf("run now without the token: %d, want 401", code)
	}
	if code, _ := get(t, url+"/api/runs"); code != http.StatusUnauthorized {
		t.Errorf("the run history without the token: %d, want 401", code)
	}
	req, _ := http.NewRequest(http.MethodGet, url+"/api/runs?n=5", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(b), "[") {
			t.Errorf("/api/runs: %d %s", resp.StatusCode, b)
		}
	}
	for _, esc := range []string{
		"COPY (SELECT 1) TO '/tmp/lpa-http-escape.csv'", "DELETE FROM store.observation", "DROP VIEW accords",
		"ATTACH '/tmp/x.duckdb' AS x", "INSTALL httpfs", "LOAD httpfs", "SET enable_external_access = true",
		"SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM glob('/*')",
		"SELECT 1; DELETE FROM store.observation", "CHECKPOINT", "CALL pragma_version()", "PRAGMA enable_profiling",
		"EXPORT DATABASE '/tmp/lpa-http-export'", "CREATE TABLE t AS SELECT 1", "EXPLAIN ANALYZE DELETE FROM store.observation",
		"SELECT 1\x00; DROP VIEW accords", "", "SELECT * FROM range(100000)",
	} {
		code, body := post(t, url+"/api/sql", token, esc)
		if code < 400 || code >= 500 {
			t.Errorf("%.50q: %d %s; want a 4xx refusal", esc, code, body)
		}
	}
	if _, err := os.Stat("/tmp/lpa-http-escape.csv"); err == nil {
		t.Error("an escape wrote /tmp/lpa-http-escape.csv")
	}
	if code, body := post(t, url+"/api/sql", token, "SELECT count(*) AS n FROM accords"); code != 200 || !strings.Contains(string(body), `"n": 14`) {
		t.Errorf("after the escapes: %d %s", code, body)
	}
	if code, _ := post(t, url+"/api/sql", token, strings.Repeat("x", 2<<20)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB body: %d, want 413", code)
	}
}
