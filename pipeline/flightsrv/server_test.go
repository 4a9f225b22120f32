package flightsrv_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/pipeline/flightsrv"
	"lpa/pipeline/query"
)

const token = "test-token-0123456789abcdef"

// serve loads the bundled examples into a warehouse, starts the endpoint
// on loopback and returns a client and the pipeline.
func serve(t *testing.T) (*flightsql.Client, *pipeline.Pipeline) {
	t.Helper()
	ctx := t.Context()
	p, err := pipeline.Open(ctx, pipeline.Warehouse{Path: filepath.Join(t.TempDir(), "w.duckdb")}, pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(ctx, pipeline.Job{Load: ex, Compute: true, Round: time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	srv, err := flightsrv.New(flightsrv.Config{Session: p.Session(query.Limits{Timeout: time.Minute, MaxRows: 100_000}, query.Arrow),
		Token: token, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(srv.Stop)
	cl, err := flightsql.NewClient(ln.Addr().String(), nil, nil, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Close() })
	return cl, p
}

func authed(ctx context.Context, tok string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
}

// fetch reads every endpoint of info into one table.
func fetch(t *testing.T, ctx context.Context, cl *flightsql.Client, info *flight.FlightInfo) (*arrow.Schema, []arrow.RecordBatch) {
	t.Helper()
	var recs []arrow.RecordBatch
	var sc *arrow.Schema
	for _, ep := range info.Endpoint {
		rdr, err := cl.DoGet(ctx, ep.Ticket)
		if err != nil {
			t.Fatal(err)
		}
		sc = rdr.Schema()
		for rdr.Next() {
			rec := rdr.RecordBatch()
			rec.Retain()
			recs = append(recs, rec)
		}
		if err := rdr.Err(); err != nil {
			t.Fatal(err)
		}
		rdr.Release()
	}
	t.Cleanup(func() {
		for _, r := range recs {
			r.Release()
		}
	})
	return sc, recs
}

// viaSession is the first row of q through the same read path as JSON.
func viaSession(t *testing.T, p *pipeline.Pipeline, q string) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Session(query.Limits{}, query.JSON).Run(t.Context(), q, &buf); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rows); err != nil {
		t.Fatalf("%v: %s", err, buf.String())
	}
	return rows[0]
}

// TestQueries: a query, its schema in the FlightInfo, and the same numbers
// as the read path gives lpa sql; a prepared statement; the catalog calls
// and GetSqlInfo that clients ask for first.
func TestQueries(t *testing.T) {
	cl, p := serve(t)
	ctx := authed(t.Context(), token)

	const q = `SELECT count(*) AS n, sum(value) AS total, min(region_code) AS first
		FROM observations WHERE source = '50090NED' AND period = 2020`
	info, err := cl.Execute(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	infoSchema, err := flight.DeserializeSchema(info.Schema, nil)
	if err != nil {
		t.Fatalf("FlightInfo without a schema: %v", err)
	}
	sc, recs := fetch(t, ctx, cl, info)
	if !sc.Equal(infoSchema) || sc.NumFields() != 3 || sc.Field(0).Name != "n" {
		t.Errorf("schema %v; FlightInfo says %v", sc, infoSchema)
	}
	if len(recs) != 1 || recs[0].NumRows() != 1 {
		t.Fatalf("%d batches; want one row", len(recs))
	}
	want := viaSession(t, p, q)
	n := recs[0].Column(0).(*array.Int64).Value(0)
	total := recs[0].Column(1).(*array.Float64).Value(0)
	first := recs[0].Column(2).ValueStr(0)
	if float64(n) != want["n"].(float64) || total != want["total"].(float64) || first != want["first"] || n < 1000 {
		t.Errorf("flight sql: n=%d total=%v first=%s; lpa sql: %v", n, total, first, want)
	}

	// A large result comes in several batches, every row of it.
	info, err = cl.Execute(ctx, "SELECT * FROM observations")
	if err != nil {
		t.Fatal(err)
	}
	_, recs = fetch(t, ctx, cl, info)
	var rows int64
	for _, r := range recs {
		rows += r.NumRows()
	}
	if all := viaSession(t, p, "SELECT count(*) AS n FROM observations")["n"].(float64); float64(rows) != all {
		t.Errorf("SELECT * FROM observations: %d rows over Flight SQL, %v in the warehouse", rows, all)
	}

	// Prepared statements: the dataset schema comes with the handle.
	prep, err := cl.Prepare(ctx, "SELECT accord_id, name FROM accords ORDER BY accord_id")
	if err != nil {
		t.Fatal(err)
	}
	if ds := prep.DatasetSchema(); ds == nil || ds.NumFields() != 2 {
		t.Errorf("prepared statement's dataset schema %v", ds)
	}
	info, err = prep.Execute(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, recs = fetch(t, ctx, cl, info)
	if len(recs) == 0 || recs[0].NumRows() < 14 || recs[0].Column(0).ValueStr(0) != "achterhoek" {
		t.Errorf("prepared statement gave %v", recs)
	}
	if err := prep.Close(ctx); err != nil {
		t.Error(err)
	}

	// GetTables with schemas: the public views, observations among them.
	info, err = cl.GetTables(ctx, &flightsql.GetTablesOpts{IncludeSchema: true})
	if err != nil {
		t.Fatal(err)
	}
	_, recs = fetch(t, ctx, cl, info)
	found := false
	for _, r := range recs {
		for i := range int(r.NumRows()) {
			if r.Column(2).ValueStr(i) != "observations" {
				continue
			}
			found = true
			sc, err := flight.DeserializeSchema(r.Column(4).(*array.Binary).Value(i), nil)
			if err != nil || sc.FieldIndices("region_code") == nil || sc.FieldIndices("source_line") == nil {
				t.Errorf("observations' schema %v, %v", sc, err)
			}
			if r.Column(3).ValueStr(i) != "VIEW" {
				t.Errorf("observations is a %s", r.Column(3).ValueStr(i))
			}
		}
	}
	if !found {
		t.Error("GetTables does not list observations")
	}
	info, err = cl.GetTables(ctx, &flightsql.GetTablesOpts{TableNameFilterPattern: ptr("accord\\_%")})
	if err != nil {
		t.Fatal(err)
	}
	_, recs = fetch(t, ctx, cl, info)
	for _, r := range recs {
		for i := range int(r.NumRows()) {
			if name := r.Column(2).ValueStr(i); !strings.HasPrefix(name, "accord") {
				t.Errorf("the filter accord_%% listed %s", name)
			}
		}
	}
	for _, call := range []func(context.Context, ...grpc.CallOption) (*flight.FlightInfo, error){cl.GetCatalogs, cl.GetTableTypes} {
		info, err := call(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, recs := fetch(t, ctx, cl, info); len(recs) != 1 || recs[0].NumRows() < 1 {
			t.Errorf("a catalog call gave %v", recs)
		}
	}
	info, err = cl.GetDBSchemas(ctx, &flightsql.GetDBSchemasOpts{})
	if err != nil {
		t.Fatal(err)
	}
	if _, recs := fetch(t, ctx, cl, info); len(recs) != 1 || recs[0].Column(1).ValueStr(0) != "main" {
		t.Errorf("GetDbSchemas gave %v", recs)
	}

	info, err = cl.GetSqlInfo(ctx, []flightsql.SqlInfo{flightsql.SqlInfoFlightSqlServerName, flightsql.SqlInfoFlightSqlServerReadOnly})
	if err != nil {
		t.Fatal(err)
	}
	if _, recs := fetch(t, ctx, cl, info); len(recs) != 1 || recs[0].NumRows() != 2 {
		t.Errorf("GetSqlInfo gave %v", recs)
	}
}

func ptr[T any](v T) *T { return &v }

// TestDoors: every way past the read path or the token is refused, and no
// file outside the warehouse is written.
func TestDoors(t *testing.T) {
	cl, _ := serve(t)
	ctx := authed(t.Context(), token)
	dir := t.TempDir()
	outside := filepath.Join(dir, "escape.csv")
	if err := os.WriteFile(filepath.Join(dir, "secret.csv"), []byte("a\n1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"COPY (SELECT 1) TO '" + outside + "'",
		"SELECT * FROM read_csv('" + filepath.Join(dir, "secret.csv") + "')",
		"ATTACH '" + filepath.Join(dir, "other.duckdb") + "'",
		"INSERT INTO store.observation SELECT * FROM store.observation LIMIT 1",
		"DELETE FROM store.observation",
		"CREATE TABLE x AS SELECT 1",
		"INSTALL httpfs",
		"SET enable_external_access = true",
		"SELECT 1; SELECT 2",
		"",
	} {
		_, err := cl.Execute(ctx, q)
		if code := status.Code(err); code != codes.InvalidArgument {
			t.Errorf("%q: %v (code %v); want InvalidArgument", q, err, code)
		}
		if _, err := cl.Prepare(ctx, q); status.Code(err) != codes.InvalidArgument {
			t.Errorf("prepare %q: %v; want InvalidArgument", q, err)
		}
		// A ticket made by hand meets the same guard.
		tkt, err := flightsql.CreateStatementQueryTicket([]byte(q))
		if err != nil {
			t.Fatal(err)
		}
		if err := drain(ctx, cl, tkt); status.Code(err) != codes.InvalidArgument {
			t.Errorf("ticket %q: %v; want InvalidArgument", q, err)
		}
	}
	if _, err := os.Stat(outside); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an escape wrote %s", outside)
	}
	if _, err := cl.ExecuteUpdate(ctx, "DELETE FROM store.observation"); status.Code(err) != codes.PermissionDenied {
		t.Errorf("ExecuteUpdate: %v; want PermissionDenied", err)
	}

	// The token.
	for name, c := range map[string]context.Context{
		"no token":    t.Context(),
		"wrong token": authed(t.Context(), "nope"),
	} {
		if _, err := cl.Execute(c, "SELECT 1"); status.Code(err) != codes.Unauthenticated {
			t.Errorf("%s: %v; want Unauthenticated", name, err)
		}
		if _, err := cl.GetTables(c, &flightsql.GetTablesOpts{}); status.Code(err) != codes.Unauthenticated {
			t.Errorf("%s, GetTables: %v; want Unauthenticated", name, err)
		}
	}
	// Basic auth (DBeaver's user and password): the token is the password.
	if _, err := cl.Client.AuthenticateBasicToken(t.Context(), "analist", "nope"); status.Code(err) != codes.Unauthenticated {
		t.Errorf("basic auth with a wrong password: %v", err)
	}
	bctx, err := cl.Client.AuthenticateBasicToken(t.Context(), "analist", token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Execute(bctx, "SELECT 1"); err != nil {
		t.Errorf("after basic auth: %v", err)
	}

	// Bounded input: a query past the message limit.
	long := "SELECT '" + strings.Repeat("x", flightsrv.MaxMessageBytes) + "'"
	if _, err := cl.Execute(ctx, long); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("a %d-byte query: %v; want ResourceExhausted", len(long), err)
	}
	// A result past the row cap stops with ResourceExhausted.
	info, err := cl.Execute(ctx, "SELECT * FROM range(200000)")
	if err != nil {
		t.Fatal(err)
	}
	if err := drain(ctx, cl, info.Endpoint[0].Ticket.Ticket); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("200,000 rows past a cap of 100,000: %v; want ResourceExhausted", err)
	}
}

func drain(ctx context.Context, cl *flightsql.Client, tkt []byte) error {
	rdr, err := cl.DoGet(ctx, &flight.Ticket{Ticket: tkt})
	if err != nil {
		return err
	}
	defer rdr.Release()
	for rdr.Next() {
	}
	return rdr.Err()
}
