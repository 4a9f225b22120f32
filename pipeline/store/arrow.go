//go:build duckdb_arrow

package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"

	"lpa/indicators"
)

// Bulk writes go through DuckDB's Arrow scan: the rows are built as Arrow
// record batches in Go, registered as a temporary view on the transaction's
// connection and copied into the table with one INSERT ... SELECT. A
// registered view can be scanned once (DEPENDENCIES.md, trap 3), so each
// view is read by exactly one statement.

// batchRows is the number of rows per Arrow record batch (a multiple of
// DuckDB's vector size).
const batchRows = 120 * 1024

// ingestViews are the names an Arrow view of a load may have, with the
// statement that drops it.
var ingestViews = map[string]string{
	"lpa_ingest_care_columns": "load/drop_lpa_ingest_care_columns.sql",
	"lpa_ingest_care_costs":   "load/drop_lpa_ingest_care_costs.sql",
	"lpa_ingest_care_rows":    "load/drop_lpa_ingest_care_rows.sql",
	"lpa_ingest_categories":   "load/drop_lpa_ingest_categories.sql",
	"lpa_ingest_cells":        "load/drop_lpa_ingest_cells.sql",
	"lpa_ingest_goals":        "load/drop_lpa_ingest_goals.sql",
	"lpa_ingest_indicators":   "load/drop_lpa_ingest_indicators.sql",
	"lpa_ingest_items":        "load/drop_lpa_ingest_items.sql",
	"lpa_ingest_parties":      "load/drop_lpa_ingest_parties.sql",
	"lpa_ingest_reference":    "load/drop_lpa_ingest_reference.sql",
	"lpa_ingest_regions":      "load/drop_lpa_ingest_regions.sql",
	"lpa_ingest_rows":         "load/drop_lpa_ingest_rows.sql",
	"lpa_ingest_status":       "load/drop_lpa_ingest_status.sql",
	"lpa_ingest_template":     "load/drop_lpa_ingest_template.sql",
}

// ingest registers the readers as views and runs query (with args) on the
// same connection, inside whatever transaction it has open, then drops the
// views: DuckDB keeps a registered view in the catalog, where a view of a
// released Go stream must never be read again.
func ingest(ctx context.Context, conn *sql.Conn, views map[string]array.RecordReader, query string, args ...any) error {
	return withArrow(conn, func(ar *duckdb.Arrow, dc any) error {
		for name, r := range views {
			release, err := ar.RegisterView(r, name)
			if err != nil {
				return fmt.Errorf("register %s: %w", name, err)
			}
			defer release()
		}
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		}
		ex, ok := dc.(driver.ExecerContext)
		if !ok {
			return fmt.Errorf("driver connection cannot exec")
		}
		if _, err := ex.ExecContext(ctx, query, named); err != nil {
			return err
		}
		for name := range views {
			drop, ok := ingestViews[name]
			if !ok {
				panic("store: no drop statement for Arrow view " + name) // a programmer error
			}
			if _, err := ex.ExecContext(ctx, stmt(drop), nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// withArrow runs fn with the Arrow interface of conn's driver connection:
// the one place that sets it up, for writing loads and for Arrow results.
func withArrow(conn *sql.Conn, fn func(ar *duckdb.Arrow, dc any) error) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("not a driver connection")
		}
		ar, err := duckdb.NewArrowFromConn(c)
		if err != nil {
			return err
		}
		return fn(ar, dc)
	})
}

// insertObservations writes a dataset's cells. The cells travel as compact
// (row, indicator, value) triples and are joined to their rows and indicator
// names inside DuckDB.
//
// Its length is the Arrow schema and builder of each column, in one place
// with the statement that reads them.
func insertObservations(ctx context.Context, conn *sql.Conn, d *indicators.Dataset, loadID int64) error {
	mem := memory.DefaultAllocator

	cellSchema := arrow.NewSchema([]arrow.Field{
		{Name: "row_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "ind_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "ci_lower", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "ci_upper", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "note_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "line", Type: arrow.PrimitiveTypes.Int32},
	}, nil)
	var cellBatches []arrow.RecordBatch
	for start := 0; start < len(d.Cells); start += batchRows {
		end := min(start+batchRows, len(d.Cells))
		b := array.NewRecordBuilder(mem, cellSchema)
		rowB := b.Field(0).(*array.Int32Builder)
		indB := b.Field(1).(*array.Int32Builder)
		valB := b.Field(2).(*array.Float64Builder)
		loB := b.Field(3).(*array.Float64Builder)
		hiB := b.Field(4).(*array.Float64Builder)
		noteB := b.Field(5).(*array.Int32Builder)
		lineB := b.Field(6).(*array.Int32Builder)
		n := end - start
		rowB.Reserve(n)
		indB.Reserve(n)
		valB.Reserve(n)
		loB.Reserve(n)
		hiB.Reserve(n)
		noteB.Reserve(n)
		lineB.Reserve(n)
		for _, c := range d.Cells[start:end] {
			rowB.UnsafeAppend(c.Row)
			line := c.Line
			if line == 0 {
				line = int32(d.Rows[c.Row].Line)
			}
			lineB.UnsafeAppend(line)
			indB.UnsafeAppend(int32(c.Indicator))
			noteB.UnsafeAppend(int32(c.Note))
			if c.Suppressed {
				valB.UnsafeAppendBoolToBitmap(false)
			} else {
				valB.UnsafeAppend(c.Value)
			}
			if c.HasCI && !c.Suppressed {
				loB.UnsafeAppend(c.Lo)
				hiB.UnsafeAppend(c.Hi)
			} else {
				loB.UnsafeAppendBoolToBitmap(false)
				hiB.UnsafeAppendBoolToBitmap(false)
			}
		}
		cellBatches = append(cellBatches, b.NewRecordBatch())
		b.Release()
	}

	rowSchema := arrow.NewSchema([]arrow.Field{
		{Name: "row_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "region_code", Type: arrow.BinaryTypes.String},
		{Name: "region_level", Type: arrow.BinaryTypes.String},
		{Name: "period", Type: arrow.PrimitiveTypes.Int32},
		{Name: "age_group", Type: arrow.BinaryTypes.String},
		{Name: "sex", Type: arrow.BinaryTypes.String},
	}, nil)
	rb := array.NewRecordBuilder(mem, rowSchema)
	for i, r := range d.Rows {
		rb.Field(0).(*array.Int32Builder).Append(int32(i))
		rb.Field(1).(*array.StringBuilder).Append(r.RegionCode)
		rb.Field(2).(*array.StringBuilder).Append(r.RegionLevel)
		rb.Field(3).(*array.Int32Builder).Append(int32(r.Period))
		rb.Field(4).(*array.StringBuilder).Append(r.AgeGroup)
		rb.Field(5).(*array.StringBuilder).Append(cmp.Or(r.Sex, indicators.SexTotal))
	}
	rowBatch := rb.NewRecordBatch()
	rb.Release()

	// Indicator names and notes travel in one small lookup: kind 'i' or 'n'.
	indSchema := arrow.NewSchema([]arrow.Field{
		{Name: "kind", Type: arrow.BinaryTypes.String},
		{Name: "idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "text", Type: arrow.BinaryTypes.String},
	}, nil)
	ib := array.NewRecordBuilder(mem, indSchema)
	for i, name := range d.Indicators {
		ib.Field(0).(*array.StringBuilder).Append("i")
		ib.Field(1).(*array.Int32Builder).Append(int32(i))
		ib.Field(2).(*array.StringBuilder).Append(name)
	}
	for i, text := range d.Notes {
		ib.Field(0).(*array.StringBuilder).Append("n")
		ib.Field(1).(*array.Int32Builder).Append(int32(i))
		ib.Field(2).(*array.StringBuilder).Append(text)
	}
	indBatch := ib.NewRecordBatch()
	ib.Release()

	cells, err := array.NewRecordReader(cellSchema, cellBatches)
	if err != nil {
		return err
	}
	rows, err := array.NewRecordReader(rowSchema, []arrow.RecordBatch{rowBatch})
	if err != nil {
		return err
	}
	inds, err := array.NewRecordReader(indSchema, []arrow.RecordBatch{indBatch})
	if err != nil {
		return err
	}
	defer func() {
		for _, b := range cellBatches {
			b.Release()
		}
		rowBatch.Release()
		indBatch.Release()
		cells.Release()
		rows.Release()
		inds.Release()
	}()
	return ingest(ctx, conn, map[string]array.RecordReader{
		"lpa_ingest_cells": cells, "lpa_ingest_rows": rows, "lpa_ingest_indicators": inds,
	}, stmt("load/observations_insert.sql"), d.Source, d.Division, loadID)
}

// insertRegions writes a region reference, and its gemeente -> GGD rows.
func insertRegions(ctx context.Context, conn *sql.Conn, rs *indicators.RegionSet, loadID int64) error {
	mem := memory.DefaultAllocator
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "region_code", Type: arrow.BinaryTypes.String},
		{Name: "region_name", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "region_level", Type: arrow.BinaryTypes.String},
		{Name: "gemeente_code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "province_code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "population", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "ggd_region_code", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	str := func(i int, s string) {
		sb := b.Field(i).(*array.StringBuilder)
		if s == "" {
			sb.AppendNull()
		} else {
			sb.Append(s)
		}
	}
	for _, r := range rs.Regions {
		str(0, r.Code)
		str(1, r.Name)
		str(2, r.Level)
		str(3, r.GemeenteCode)
		str(4, r.ProvinceCode)
		if r.Population < 0 {
			b.Field(5).AppendNull()
		} else {
			b.Field(5).(*array.Int64Builder).Append(r.Population)
		}
		str(6, r.GGDCode)
	}
	batch := b.NewRecordBatch()
	defer batch.Release()
	// Two statements read the rows: stage them in a temporary table first.
	reader, err := array.NewRecordReader(schema, []arrow.RecordBatch{batch})
	if err != nil {
		return err
	}
	defer reader.Release()
	if err := ingest(ctx, conn, map[string]array.RecordReader{"lpa_ingest_regions": reader}, stmt("load/regions_stage.sql")); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, stmt("load/regions_insert.sql"), rs.Division, string(rs.Kind), loadID); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, stmt("load/gemeente_ggd_insert.sql"), rs.Division, loadID); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, stmt("load/regions_unstage.sql"))
	return err
}

// QueryArrow runs one statement through the guarded read path and writes
// its result to w as an Arrow IPC stream (what pyarrow.ipc.open_stream,
// polars.read_ipc_stream and R's arrow::read_ipc_stream read).
func (s *DB) QueryArrow(ctx context.Context, q string, lim Limits, w io.Writer) error {
	var iw *ipc.Writer
	err := s.QueryBatches(ctx, q, lim, func(schema *arrow.Schema) error {
		iw = ipc.NewWriter(w, ipc.WithSchema(schema))
		return nil
	}, func(rec arrow.RecordBatch) error { return iw.Write(rec) })
	if iw != nil {
		err = cmp.Or(err, iw.Close())
	}
	return err
}

// QueryBatches runs one statement through the guarded read path and hands
// its result over as Arrow: first its schema, then each record batch
// (valid only during the call: Retain it to keep it). It stops with
// ErrTooManyRows past lim.MaxRows rows.
func (s *DB) QueryBatches(ctx context.Context, q string, lim Limits, schema func(*arrow.Schema) error, batch func(arrow.RecordBatch) error) error {
	return s.read(ctx, q, lim, func(ctx context.Context, dc driver.Conn, _ *duckdb.Stmt) error {
		ar, err := duckdb.NewArrowFromConn(dc)
		if err != nil {
			return err
		}
		rr, err := ar.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rr.Release()
		if err := schema(rr.Schema()); err != nil {
			return err
		}
		var n int64
		for rr.Next() {
			if n += rr.RecordBatch().NumRows(); lim.MaxRows > 0 && n > int64(lim.MaxRows) {
				return fmt.Errorf("%w: the result has more than %d rows; add a LIMIT or an aggregate", ErrTooManyRows, lim.MaxRows)
			}
			if err := batch(rr.RecordBatch()); err != nil {
				return err
			}
		}
		return rr.Err()
	})
}
