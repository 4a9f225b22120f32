package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"lpa/pipeline"
)

// exportHelp and exportExamples are lpa export's part of its usage (lpa
// help export); the flags come from cmdExport's flag set.
const exportHelp = `Writes every public view of the warehouse into the Parquet lake DIR, which
DuckDB, Spark, Trino, pandas or R read unchanged:

  DIR/observations/source=S/period=P/part-C.parquet  by source and edition
  DIR/care_costs/period=P/part-C.parquet             by year
  DIR/population_metrics/round=R/part-C.parquet      metrics by round
  DIR/accords/part-C.parquet                         a small view: one file
  DIR/manifest.json  views, columns and types, rows, partitions with their
                     rows and checksums, the data fingerprint, lpa's version

The partition columns are in the folder names (Hive-style), not in the files;
C is the partition's checksum. An export writes only the partitions whose
content changed, each swapped in whole by one rename, and removes those that
went: an export of unchanged data writes nothing. An interrupted export leaves
the lake as it was. DIR must be new, empty or a lake lpa wrote. lpa serve's
job export does the same on a schedule (lake: in its configuration).`

var exportExamples = []string{
	"lpa export --parquet out/lake",
	"lpa export --parquet out/lake --view observations --view accord_metrics",
	`duckdb -c "FROM read_parquet('out/lake/observations/**/*.parquet', hive_partitioning = true) LIMIT 5"`,
}

// cmdExport writes the Parquet lake.
func (e *env) cmdExport(ctx context.Context, args []string) error {
	fs := newFlagSet("export")
	dir := fs.String("parquet", "", "write the Parquet lake into `DIR` (required)")
	var views viewList
	fs.Var(&views, "view", "export only the view `NAME` (repeatable); the others stay as they are")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return noArgs(fs)
	case *dir == "":
		return usageError{"give the lake's folder: lpa export --parquet DIR (lpa export --help)"}
	}
	p, err := e.open(ctx, pipeline.Warehouse{ReadOnly: true}, false)
	if err != nil {
		return err
	}
	defer p.Close()
	res, err := p.ExportLake(ctx, *dir, views)
	if errors.Is(err, pipeline.ErrNoView) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	var rows int64
	for _, v := range res.Manifest.Views {
		rows += v.Rows
	}
	if !res.Changed {
		fmt.Fprintf(e.stdout, "lake %s is up to date: %d views, %d rows, %d partitions unchanged\n",
			res.Dir, len(res.Manifest.Views), rows, res.Kept)
		return nil
	}
	fmt.Fprintf(e.stdout, "lake %s: %d views, %d rows; %d partitions written, %d unchanged, %d removed (data %s)\n",
		res.Dir, len(res.Manifest.Views), rows, res.Written, res.Kept, res.Removed, res.Manifest.Fingerprint)
	return nil
}

// viewList is a repeatable --view.
type viewList []string

func (v *viewList) String() string     { return strings.Join(*v, ",") }
func (v *viewList) Set(s string) error { *v = append(*v, s); return nil }
