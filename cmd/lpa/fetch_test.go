package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fetchReplay serves the recorded answers of indicators/fetch/testdata
// (host as the first path segment; later pages as <path>.skipN).
func fetchReplay(t *testing.T, fail func(*http.Request) bool) string {
	t.Helper()
	root := filepath.Join("..", "..", "indicators", "fetch", "testdata", "replay")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail != nil && fail(r) {
			http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
			return
		}
		p := strings.Replace(r.URL.Path, "/OData/", "/odata/", 1)
		if s := r.URL.Query().Get("$skip"); s != "" {
			p += ".skip" + s
		}
		http.ServeFile(w, r, filepath.Join(root, filepath.FromSlash(p)))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestFetchThenLoad(t *testing.T) {
	base := fetchReplay(t, nil)
	dir := filepath.Join(t.TempDir(), "data")
	code, out, errOut := lpa(t, "", "fetch", "--base-url", base, "--out", dir, "50090NED:2020", "vektis:2022", "regios:2023")
	if code != 0 {
		t.Fatalf("lpa fetch: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"fetch 50090NED_2020_18plus.csv <- https://dataderden.cbs.nl/", "page 2: 3 rows", "done:"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("progress does not say %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "3 file(s) in "+dir) || !strings.Contains(out, "lpa load "+dir) {
		t.Errorf("stdout: %s", out)
	}
	db := filepath.Join(t.TempDir(), "lpa.duckdb")
	code, out, errOut = lpa(t, "", "--db", db, "load", dir)
	if code != 0 {
		t.Fatalf("lpa load of the fetched folder: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = lpa(t, "", "--db", db, "sql", "--format", "csv", "SELECT count(*) FROM observations WHERE source = '50090NED' AND region_code = 'GM1680' AND period = 2020")
	if code != 0 || strings.TrimSpace(out) == "" || strings.HasSuffix(strings.TrimSpace(out), "\n0") {
		t.Errorf("observations of the fetched 50090NED: exit %d %q", code, out)
	}
	// Again: everything is kept.
	code, _, errOut = lpa(t, "", "fetch", "--base-url", base, "--out", dir, "50090NED:2020", "vektis:2022", "regios:2023")
	if code != 0 || strings.Count(errOut, "kept ") != 3 {
		t.Errorf("second fetch: exit %d\n%s", code, errOut)
	}
}

func TestFetchFailsClearly(t *testing.T) {
	base := fetchReplay(t, func(*http.Request) bool { return true })
	dir := filepath.Join(t.TempDir(), "data")
	code, _, errOut := lpa(t, "", "fetch", "--base-url", base, "--out", dir, "--timeout", "5s", "--retries", "1", "vektis:2022")
	if code != exitError {
		t.Errorf("exit %d; want %d", code, exitError)
	}
	for _, want := range []string{"lpa fetch: vektis_2022_gemeente.csv: https://www.vektis.nl/", "503 Service Unavailable", "run lpa fetch again"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message does not say %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "fetch: http error") {
		t.Errorf("message shows the package's prefix:\n%s", errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("folder holds %v after a failed fetch", entries)
	}
}

func TestFetchUsage(t *testing.T) {
	code, out, _ := lpa(t, "", "fetch", "--help")
	if code != 0 || !strings.Contains(out, "usage: lpa fetch") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	code, out, _ = lpa(t, "", "fetch", "--list")
	if code != 0 || !strings.Contains(out, "vektis[:YEAR]") || !strings.Contains(out, "https://cartomap.github.io/nl/wgs84/gemeente_2023.topojson") {
		t.Errorf("--list: exit %d\n%s", code, out)
	}
	code, _, errOut := lpa(t, "", "fetch", "--out", t.TempDir(), "nosuchsource")
	if code != exitUsage || !strings.Contains(errOut, `unknown source "nosuchsource"`) || strings.Contains(errOut, "fetch: unknown source:") {
		t.Errorf("unknown source: exit %d\n%s", code, errOut)
	}
}
