package flightsrv

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql/schema_ref"

	"lpa/pipeline/query"
)

// The catalog calls (GetCatalogs, GetDbSchemas, GetTables, GetTableTypes)
// answer from the warehouse's public views and tables, read through the
// read path like any query: what a client lists is what it may query.

// table is one public view or table.
type table struct{ catalog, schema, name, typ string }

func (s *Server) tables(ctx context.Context) ([]table, error) {
	var out []table
	err := s.sess.Batches(ctx, query.Catalog(), func(*arrow.Schema) error { return nil }, func(rec arrow.RecordBatch) error {
		// The batch's memory goes back to DuckDB after this call: copy.
		str := func(c, i int) string { return strings.Clone(rec.Column(c).ValueStr(i)) }
		for i := range int(rec.NumRows()) {
			out = append(out, table{str(0, i), str(1, i), str(2, i), str(3, i)})
		}
		return nil
	})
	return out, grpcError(err)
}

// like reports whether s matches the SQL LIKE pattern (nil: any).
func like(pattern *string, s string) bool {
	if pattern == nil || *pattern == "" {
		return true
	}
	var re strings.Builder
	re.WriteString("^")
	for _, r := range *pattern {
		switch r {
		case '%':
			re.WriteString(".*")
		case '_':
			re.WriteString(".")
		default:
			re.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	re.WriteString("$")
	ok, err := regexp.MatchString(re.String(), s)
	return err == nil && ok
}

// one streams a single record batch of rows of strings (a nil cell when
// the column is a binary one: filled by extra).
func (s *Server) one(schema *arrow.Schema, rows [][]string, extra func(b *array.RecordBuilder, row int)) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	b := array.NewRecordBuilder(s.Alloc, schema)
	defer b.Release()
	for i, row := range rows {
		for c, v := range row {
			b.Field(c).(*array.StringBuilder).Append(v)
		}
		if extra != nil {
			extra(b, i)
		}
	}
	ch := make(chan flight.StreamChunk, 1)
	ch <- flight.StreamChunk{Data: b.NewRecordBatch()}
	close(ch)
	return schema, ch, nil
}

func (s *Server) GetFlightInfoCatalogs(_ context.Context, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return s.info(desc, schema_ref.Catalogs), nil
}

func (s *Server) DoGetCatalogs(ctx context.Context) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return s.distinct(ctx, schema_ref.Catalogs, func(t table) string { return t.catalog })
}

// distinct streams the distinct values of one column of the public views
// and tables, in their order.
func (s *Server) distinct(ctx context.Context, schema *arrow.Schema, col func(table) string) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	ts, err := s.tables(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rows [][]string
	for _, t := range ts {
		if v := col(t); !slices.ContainsFunc(rows, func(r []string) bool { return r[0] == v }) {
			rows = append(rows, []string{v})
		}
	}
	return s.one(schema, rows, nil)
}

func (s *Server) GetFlightInfoSchemas(_ context.Context, _ flightsql.GetDBSchemas, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return s.info(desc, schema_ref.DBSchemas), nil
}

func (s *Server) DoGetDBSchemas(ctx context.Context, cmd flightsql.GetDBSchemas) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	ts, err := s.tables(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rows [][]string
	for _, t := range ts {
		if (cmd.GetCatalog() == nil || *cmd.GetCatalog() == t.catalog) && like(cmd.GetDBSchemaFilterPattern(), t.schema) &&
			!slices.ContainsFunc(rows, func(r []string) bool { return r[0] == t.catalog && r[1] == t.schema }) {
			rows = append(rows, []string{t.catalog, t.schema})
		}
	}
	return s.one(schema_ref.DBSchemas, rows, nil)
}

func (s *Server) GetFlightInfoTables(_ context.Context, cmd flightsql.GetTables, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	if cmd.GetIncludeSchema() {
		return s.info(desc, schema_ref.TablesWithIncludedSchema), nil
	}
	return s.info(desc, schema_ref.Tables), nil
}

// DoGetTables lists the public views and tables that match the filters;
// with their Arrow schema when asked.
func (s *Server) DoGetTables(ctx context.Context, cmd flightsql.GetTables) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	ts, err := s.tables(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rows [][]string
	for _, t := range ts {
		if (cmd.GetCatalog() == nil || *cmd.GetCatalog() == t.catalog) && like(cmd.GetDBSchemaFilterPattern(), t.schema) &&
			like(cmd.GetTableNameFilterPattern(), t.name) &&
			(len(cmd.GetTableTypes()) == 0 || slices.Contains(cmd.GetTableTypes(), t.typ)) {
			rows = append(rows, []string{t.catalog, t.schema, t.name, t.typ})
		}
	}
	if !cmd.GetIncludeSchema() {
		return s.one(schema_ref.Tables, rows, nil)
	}
	schemas := make([][]byte, len(rows))
	for i, r := range rows {
		sc, err := s.firstSchema(ctx, query.ResultSchema(query.ViewRows(r[2])))
		if err != nil {
			return nil, nil, grpcError(err)
		}
		schemas[i] = flight.SerializeSchema(sc, s.Alloc)
	}
	return s.one(schema_ref.TablesWithIncludedSchema, rows, func(b *array.RecordBuilder, row int) {
		b.Field(4).(*array.BinaryBuilder).Append(schemas[row])
	})
}

func (s *Server) GetFlightInfoTableTypes(_ context.Context, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return s.info(desc, schema_ref.TableTypes), nil
}

func (s *Server) DoGetTableTypes(ctx context.Context) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return s.distinct(ctx, schema_ref.TableTypes, func(t table) string { return t.typ })
}
