//go:build duckdb_arrow

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// stageType is the type of a staged column.
type stageType int

const (
	stString stageType = iota
	stInt
	stFloat
	stBool
	stDate
)

type stageCol struct {
	name string
	typ  stageType
}

// insertArrow registers n rows as the Arrow view `view` and runs query
// (with args), which must read the view once.
func insertArrow(ctx context.Context, conn *sql.Conn, view string, cols []stageCol, n int, value func(i, j int) any, query string, args ...any) error {
	fields := make([]arrow.Field, len(cols))
	for j, c := range cols {
		var t arrow.DataType
		switch c.typ {
		case stString:
			t = arrow.BinaryTypes.String
		case stInt:
			t = arrow.PrimitiveTypes.Int64
		case stFloat:
			t = arrow.PrimitiveTypes.Float64
		case stBool:
			t = arrow.FixedWidthTypes.Boolean
		case stDate:
			t = arrow.FixedWidthTypes.Date32
		}
		fields[j] = arrow.Field{Name: c.name, Type: t, Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i := range n {
		for j, c := range cols {
			v := value(i, j)
			fb := b.Field(j)
			if v == nil {
				fb.AppendNull()
				continue
			}
			var ok bool
			switch c.typ {
			case stString:
				var s string
				if s, ok = v.(string); ok {
					fb.(*array.StringBuilder).Append(s)
				}
			case stInt:
				var x int64
				switch n := v.(type) {
				case int64:
					x, ok = n, true
				case int:
					x, ok = int64(n), true
				}
				if ok {
					fb.(*array.Int64Builder).Append(x)
				}
			case stFloat:
				var x float64
				switch n := v.(type) {
				case float64:
					x, ok = n, true
				case int:
					x, ok = float64(n), true
				}
				if ok {
					fb.(*array.Float64Builder).Append(x)
				}
			case stBool:
				var x bool
				if x, ok = v.(bool); ok {
					fb.(*array.BooleanBuilder).Append(x)
				}
			case stDate:
				var d time.Time
				if d, ok = v.(time.Time); ok {
					fb.(*array.Date32Builder).Append(arrow.Date32FromTime(d))
				}
			}
			if !ok {
				return fmt.Errorf("arrow view %s.%s: value %v (%T) does not fit the column", view, c.name, v, v)
			}
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	reader, err := array.NewRecordReader(schema, []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer reader.Release()
	return ingest(ctx, conn, map[string]array.RecordReader{view: reader}, query, args...)
}
