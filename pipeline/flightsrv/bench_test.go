package flightsrv_test

import (
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/pipeline/flightsrv"
	"lpa/pipeline/query"
	"lpa/pipeline/web"

	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// BenchmarkEndpoints runs the same queries over Flight SQL and over POST
// /api/sql (JSON and Arrow), both served on loopback from one warehouse of
// the bundled examples: what a client waits for a point lookup and for an
// aggregate, through the same guarded read path.
//
//	go test -tags duckdb_arrow -run '^$' -bench Endpoints ./pipeline/flightsrv/
func BenchmarkEndpoints(b *testing.B) {
	ctx := b.Context()
	p, err := pipeline.Open(ctx, pipeline.Warehouse{Path: filepath.Join(b.TempDir(), "w.duckdb")}, pipeline.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Run(ctx, pipeline.Job{Load: ex, Compute: true, Round: time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		b.Fatal(err)
	}
	lim := query.Limits{Timeout: time.Minute, MaxRows: 1_000_000}
	svc, err := pipeline.NewService(p, pipeline.Schedule{Jobs: []pipeline.JobSpec{{Name: pipeline.JobCompute, Cron: "0 6 * * *"}}}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	dash := pipeline.NewDashboard(p, svc)
	hln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: web.New(web.Config{Source: dash, SQL: dash.SQL(lim), Token: token, Public: true})}
	go hs.Serve(hln)
	defer hs.Close()
	fs, err := flightsrv.New(flightsrv.Config{Session: p.Session(lim, query.Arrow), Token: token})
	if err != nil {
		b.Fatal(err)
	}
	fln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go fs.Serve(fln)
	defer fs.Stop()
	cl, err := flightsql.NewClient(fln.Addr().String(), nil, nil, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		b.Fatal(err)
	}
	defer cl.Close()
	actx := authed(ctx, token)

	for _, q := range []struct{ name, sql string }{
		{"point", "SELECT value, ci_lower, ci_upper FROM observations WHERE region_code = 'GM0363' AND indicator = 'roker' " +
			"AND period = 2020 AND age_group = '20300' AND source = '50090NED'"},
		{"aggregate", "SELECT indicator, period, avg(value) AS mean, count(*) AS n FROM observations " +
			"WHERE source = '50090NED' AND region_level = 'gemeente' GROUP BY ALL ORDER BY ALL"},
		{"rows_10k", "SELECT * FROM observations LIMIT 10000"},
	} {
		b.Run(q.name+"/flightsql", func(b *testing.B) {
			for b.Loop() {
				info, err := cl.Execute(actx, q.sql)
				if err != nil {
					b.Fatal(err)
				}
				rdr, err := cl.DoGet(actx, info.Endpoint[0].Ticket)
				if err != nil {
					b.Fatal(err)
				}
				for rdr.Next() {
				}
				if err := rdr.Err(); err != nil {
					b.Fatal(err)
				}
				rdr.Release()
			}
		})
		for _, f := range []struct{ name, accept string }{{"http_json", "application/json"}, {"http_arrow", "application/vnd.apache.arrow.stream"}} {
			b.Run(q.name+"/"+f.name, func(b *testing.B) {
				for b.Loop() {
					req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+hln.Addr().String()+"/api/sql", strings.NewReader(q.sql))
					req.Header.Set("Authorization", "Bearer "+token)
					req.Header.Set("Accept", f.accept)
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Fatalf("%s: %d", q.name, resp.StatusCode)
					}
				}
			})
		}
	}
}
