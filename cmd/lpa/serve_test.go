package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// TestCommandsThroughServe starts lpa serve for real, as its own process,
// on loopback over a copy of the demo warehouse. The server holds the
// warehouse, so lpa sql goes through it (with the token; its guard still
// refuses), lpa run --via-server has it run its cycle (which publishes a
// snapshot), lpa runs reads its history, and a writing command that meets
// the lock says where to go.
func TestCommandsThroughServe(t *testing.T) {
	demo, _ := demoDB(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "lpa.duckdb")
	copyFile(t, demo, db)
	cfg := filepath.Join(dir, "serve.yaml")
	// A job that will not come due during the test, and no catch-up.
	if err := os.WriteFile(cfg, []byte("listen: 127.0.0.1:0\nflight_listen: 127.0.0.1:0\ncatch_up: false\ninbox: []\nreports: "+
		filepath.Join(dir, "rapporten")+"\nsnapshot: "+filepath.Join(dir, "snapshot")+"\ngemeenten: false\njobs:\n  - name: cycle\n    cron: \"0 6 1 1 *\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	var out, errOut bytes.Buffer
	srv := exec.Command(os.Args[0], "--db", db, "serve", "--config", cfg)
	srv.Env = append(os.Environ(), "LPA_TEST_AS_LPA=1")
	srv.Stdout, srv.Stderr = &out, &errOut
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	defer srv.Process.Kill()
	deadline := time.Now().Add(time.Minute)
	for {
		if b, err := os.ReadFile(db + ".serve"); err == nil && strings.HasPrefix(string(b), "http://127.0.0.1:") {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("lpa serve stopped (%v): %s", err, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("lpa serve did not start: %s", errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}

	flightThroughServe(t, db)

	code, got, e := lpa(t, "", "--db", db, "sql", "--format", "csv",
		"SELECT accord_id, value FROM accord_metrics WHERE accord_id = 'velsen' AND indicator = 'roker' AND period = 2020")
	if code != 0 || got != "accord_id,value\nvelsen,17.7\n" || !strings.Contains(e, "asking it at http://127.0.0.1:") {
		t.Errorf("lpa sql through lpa serve: exit %d, %q, %q", code, got, e)
	}
	// The default table format comes back as lpa sql prints it here.
	code, got, e = lpa(t, "", "--db", db, "sql",
		"SELECT accord_id, value FROM accord_metrics WHERE accord_id = 'velsen' AND indicator = 'roker' AND period = 2020")
	if code != 0 || !strings.Contains(got, "accord_id │ value") || !strings.Contains(got, "velsen    │  17.7") || !strings.HasSuffix(got, "1 row\n") {
		t.Errorf("lpa sql (table) through lpa serve: exit %d, %q, %q", code, got, e)
	}
	for _, q := range []string{
		"COPY (SELECT 1) TO '" + filepath.Join(dir, "x.csv") + "'",
		"SELECT * FROM read_csv('/etc/passwd')",
		"DROP TABLE store.run",
	} {
		code, got, e := lpa(t, "", "--db", db, "sql", q)
		if code == 0 || got != "" || e == "" {
			t.Errorf("%s through lpa serve: exit %d, %q, %q", q, code, got, e)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.csv")); err == nil {
		t.Error("COPY through lpa serve wrote a file")
	}

	code, got, e = lpa(t, "", "--db", db, "runs")
	if code != 0 || !strings.Contains(got, "no runs yet") {
		t.Errorf("lpa runs through lpa serve: exit %d, %q, %q", code, got, e)
	}
	code, got, e = lpa(t, "", "--db", db, "run", "--via-server")
	if code != 0 || !strings.Contains(got, "run 1 of cycle: ok") {
		t.Errorf("lpa run --via-server: exit %d, %q, %q", code, got, e)
	}
	if _, err := os.Stat(filepath.Join(dir, "snapshot", "lpa.duckdb")); err != nil {
		t.Errorf("no snapshot after the run: %v", err)
	}
	code, got, e = lpa(t, "", "--db", db, "runs")
	if code != 0 || !strings.Contains(got, "cycle") || !strings.Contains(got, " ok ") {
		t.Errorf("lpa runs after the run: exit %d, %q, %q", code, got, e)
	}
	if code, _, e := lpa(t, "", "--db", db, "run", "--via-server", "--job", "load"); code == 0 || !strings.Contains(e, "unknown job") {
		t.Errorf("lpa run --via-server --job load (not scheduled): exit %d, %q", code, e)
	}
	if code, _, e := lpa(t, "", "--db", db, "compute"); code != exitLocked || !strings.Contains(e, "lpa run --via-server") {
		t.Errorf("lpa compute while lpa serve runs: exit %d, %q", code, e)
	}

	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("lpa serve on SIGTERM: %v: %s", err, errOut.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("lpa serve did not stop")
	}
	if _, err := os.Stat(db + ".serve"); !os.IsNotExist(err) {
		t.Errorf("address file left behind: %v", err)
	}
	// The warehouse is free again: lpa sql opens it itself.
	if code, got, e := lpa(t, "", "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM runs"); code != 0 || got != "n\n1\n" || strings.Contains(e, "asking") {
		t.Errorf("lpa sql after lpa serve stopped: exit %d, %q, %q", code, got, e)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// flightThroughServe queries the Flight SQL endpoint of the lpa serve that
// holds db: its address is the second line of the address file, its token
// the service's.
func flightThroughServe(t *testing.T, db string) {
	t.Helper()
	b, err := os.ReadFile(db + ".serve")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "grpc://127.0.0.1:") {
		t.Fatalf("address file %q: want the HTTP and the Flight SQL address", b)
	}
	tok, err := os.ReadFile(db + ".token")
	if err != nil {
		t.Fatal(err)
	}
	cl, err := flightsql.NewClient(strings.TrimPrefix(lines[1], "grpc://"), nil, nil, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx := metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer "+strings.TrimSpace(string(tok)))
	info, err := cl.Execute(ctx, "SELECT count(*) AS n FROM accords")
	if err != nil {
		t.Fatal(err)
	}
	rdr, err := cl.DoGet(ctx, info.Endpoint[0].Ticket)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Release()
	if !rdr.Next() || rdr.RecordBatch().Column(0).ValueStr(0) != "14" {
		t.Errorf("Flight SQL through lpa serve: %v", rdr.Err())
	}
	if _, err := cl.Execute(ctx, "COPY (SELECT 1) TO '/tmp/lpa-flight-escape.csv'"); status.Code(err) != codes.InvalidArgument {
		t.Errorf("COPY over Flight SQL through lpa serve: %v", err)
	}
	if _, err := cl.Execute(t.Context(), "SELECT 1"); status.Code(err) != codes.Unauthenticated {
		t.Errorf("Flight SQL without the token: %v", err)
	}
}
