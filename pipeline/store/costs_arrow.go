//go:build duckdb_arrow

package store

import (
	"context"
	"database/sql"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lpa/indicators"
)

// insertCareCosts writes a Vektis file in long form. The file's rows, its
// cost columns and the (row, column, euros) triples travel as three Arrow
// views and are joined inside DuckDB, like insertObservations.
//
// Its length is the Arrow schema and builder of each column, in one place
// with the statement that reads them.
func insertCareCosts(ctx context.Context, conn *sql.Conn, c *indicators.CareCosts, loadID int64) error {
	mem := memory.DefaultAllocator
	nCols := len(c.Columns)

	costSchema := arrow.NewSchema([]arrow.Field{
		{Name: "row_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "col_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "cost_eur", Type: arrow.PrimitiveTypes.Float64},
	}, nil)
	var costBatches []arrow.RecordBatch
	for start := 0; start < len(c.Costs); start += batchRows {
		end := min(start+batchRows, len(c.Costs))
		b := array.NewRecordBuilder(mem, costSchema)
		rowB := b.Field(0).(*array.Int32Builder)
		colB := b.Field(1).(*array.Int32Builder)
		valB := b.Field(2).(*array.Float64Builder)
		rowB.Reserve(end - start)
		colB.Reserve(end - start)
		valB.Reserve(end - start)
		for k := start; k < end; k++ {
			rowB.UnsafeAppend(int32(k / nCols))
			colB.UnsafeAppend(int32(k % nCols))
			valB.UnsafeAppend(c.Costs[k])
		}
		costBatches = append(costBatches, b.NewRecordBatch())
		b.Release()
	}

	rowSchema := arrow.NewSchema([]arrow.Field{
		{Name: "row_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "gemeente_code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "sex", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "age_class", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "age_from", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "rest_category", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "bsn_count", Type: arrow.PrimitiveTypes.Int64},
		{Name: "insured_years", Type: arrow.PrimitiveTypes.Float64},
	}, nil)
	rb := array.NewRecordBuilder(mem, rowSchema)
	str := func(i int, s string) {
		sb := rb.Field(i).(*array.StringBuilder)
		if s == "" {
			sb.AppendNull()
		} else {
			sb.Append(s)
		}
	}
	for i, r := range c.Rows {
		rb.Field(0).(*array.Int32Builder).Append(int32(i))
		str(1, r.GemeenteCode)
		str(2, r.Sex)
		str(3, r.AgeClass)
		if r.Rest {
			rb.Field(4).AppendNull()
		} else {
			rb.Field(4).(*array.Int32Builder).Append(int32(r.AgeFrom))
		}
		rb.Field(5).(*array.BooleanBuilder).Append(r.Rest)
		rb.Field(6).(*array.Int64Builder).Append(r.BSNCount)
		rb.Field(7).(*array.Float64Builder).Append(r.InsuredYears)
	}
	rowBatch := rb.NewRecordBatch()
	rb.Release()

	colSchema := arrow.NewSchema([]arrow.Field{
		{Name: "col_idx", Type: arrow.PrimitiveTypes.Int32},
		{Name: "source_column", Type: arrow.BinaryTypes.String},
		{Name: "cost_category", Type: arrow.BinaryTypes.String},
		{Name: "cost_family", Type: arrow.BinaryTypes.String},
	}, nil)
	cb := array.NewRecordBuilder(mem, colSchema)
	for j, col := range c.Columns {
		cb.Field(0).(*array.Int32Builder).Append(int32(j))
		cb.Field(1).(*array.StringBuilder).Append(col.Source)
		cb.Field(2).(*array.StringBuilder).Append(col.Category)
		cb.Field(3).(*array.StringBuilder).Append(col.Family)
	}
	colBatch := cb.NewRecordBatch()
	cb.Release()

	costs, err := array.NewRecordReader(costSchema, costBatches)
	if err != nil {
		return err
	}
	rows, err := array.NewRecordReader(rowSchema, []arrow.RecordBatch{rowBatch})
	if err != nil {
		return err
	}
	cols, err := array.NewRecordReader(colSchema, []arrow.RecordBatch{colBatch})
	if err != nil {
		return err
	}
	defer func() {
		for _, b := range costBatches {
			b.Release()
		}
		rowBatch.Release()
		colBatch.Release()
		costs.Release()
		rows.Release()
		cols.Release()
	}()
	return ingest(ctx, conn, map[string]array.RecordReader{
		"lpa_ingest_care_costs": costs, "lpa_ingest_care_rows": rows, "lpa_ingest_care_columns": cols,
	}, stmt("load/care_costs_insert.sql"), c.Period, c.Division, loadID)
}
