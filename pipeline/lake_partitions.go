package pipeline

// How one view of the lake becomes Parquet files: its partitions and their
// checksums (one pass over the view), then a file for each partition that
// changed, streamed from a query of that partition's rows.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"lpa/pipeline/query"
	"lpa/pipeline/store"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// stageView works out view's partitions and their checksums, and writes
// those that changed since prev (the view in the last manifest; had: it
// was there) into the staging folder.
func (p *Pipeline) stageView(ctx context.Context, dir, stage, name string, prev LakeView, had bool) (lakePlan, error) {
	keys := lakeKeys(name)
	pl := lakePlan{view: LakeView{Name: name, PartitionBy: keys, Partitions: []LakePartition{}}}
	cols, err := p.viewColumns(ctx, name)
	if err != nil {
		return pl, err
	}
	for _, k := range keys {
		if !slices.ContainsFunc(cols, func(c store.Column) bool { return c.Name == k }) {
			return pl, fmt.Errorf("the view has no partition column %s", k)
		}
	}
	var sig strings.Builder
	for _, c := range cols {
		pl.view.Columns = append(pl.view.Columns, LakeColumn{Name: c.Name, Type: c.Type})
		fmt.Fprintf(&sig, "%s %s\n", c.Name, c.Type)
	}
	parts, err := p.lakePartitions(ctx, name, keys, sig.String())
	if err != nil {
		return pl, err
	}
	pl.relayout = !had || !slices.Equal(prev.PartitionBy, keys)
	kept := map[string]string{} // partition file → checksum, of those still there
	if !pl.relayout {
		for _, q := range prev.Partitions {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(q.File))); err == nil {
				kept[q.File] = q.Checksum
			}
		}
	}
	now := map[string]bool{}
	var todo []bool
	for _, q := range parts {
		pl.view.Rows += q.Rows
		pl.view.Partitions = append(pl.view.Partitions, q.LakePartition)
		now[path.Dir(q.File)] = true
		change := kept[q.File] != q.Checksum
		todo = append(todo, change)
		if change {
			pl.write = append(pl.write, path.Dir(q.File))
		}
	}
	if !pl.relayout {
		for _, q := range prev.Partitions {
			if d := path.Dir(q.File); !now[d] && strings.HasPrefix(d, name+"/") && filepath.IsLocal(filepath.FromSlash(d)) {
				pl.stale = append(pl.stale, d)
			}
		}
	}
	if len(pl.write) == 0 {
		return pl, nil
	}
	return pl, p.writePartitions(ctx, stage, name, keys, parts, todo)
}

// viewColumns are the columns of a view and their DuckDB types.
func (p *Pipeline) viewColumns(ctx context.Context, name string) ([]store.Column, error) {
	var h header
	if err := p.db.Query(ctx, store.ViewColumnsSQL(name), store.Limits{}, &h); err != nil {
		return nil, err
	}
	return h.cols, nil
}

type header struct{ cols []store.Column }

func (h *header) Header(cols []store.Column) error {
	h.cols = append([]store.Column(nil), cols...)
	return nil
}
func (h *header) Row([]any) error { return nil }

// lakePartition is a partition as the warehouse has it now.
type lakePartition struct {
	LakePartition
	values []string // the key values as the folder names them (hiveNull: NULL)
	key    uint64   // the hash of the values, which LakePartitionSQL selects by
}

// lakePartitions asks DuckDB for view's partitions by keys, in the order
// of the key values, with the checksum of each: sig (the columns and their
// types), the folder, the rows and the sum of their hashes.
func (p *Pipeline) lakePartitions(ctx context.Context, name string, keys []string, sig string) ([]lakePartition, error) {
	var out []lakePartition
	err := p.arrowRows(ctx, store.LakePartitionsSQL(name, keys), func(rec arrow.RecordBatch) error {
		n := len(keys)
		at := 0 // the column of lake_rows
		var hashes *array.Uint64
		if n > 0 {
			var ok bool
			if hashes, ok = rec.Column(n).(*array.Uint64); !ok {
				return fmt.Errorf("partitions: keys of type %s", rec.Column(n).DataType())
			}
			at = n + 1
		}
		rows, ok := rec.Column(at).(*array.Int64)
		if !ok {
			return fmt.Errorf("partitions: rows of type %s", rec.Column(at).DataType())
		}
		content := rec.Column(at + 1)
		for i := 0; i < int(rec.NumRows()); i++ {
			q := lakePartition{}
			q.Rows = rows.Value(i)
			dirs := []string{name}
			if n > 0 {
				q.Values, q.key = map[string]*string{}, hashes.Value(i)
			}
			for k, key := range keys {
				v := keyValue(rec.Column(k), i)
				q.values = append(q.values, v)
				if v == hiveNull {
					q.Values[key] = nil
				} else {
					q.Values[key] = &v
				}
				dirs = append(dirs, hiveEscape(key)+"="+hiveEscape(v))
			}
			sum := sha256.Sum256([]byte(sig + strings.Join(dirs, "/") + "\n" + strconv.FormatInt(q.Rows, 10) + "\n" + content.ValueStr(i)))
			q.Checksum = hex.EncodeToString(sum[:8])
			q.File = path.Join(append(dirs, "part-"+q.Checksum+".parquet")...)
			out = append(out, q)
		}
		return nil
	})
	return out, err
}

// keyValue is a partition value as its folder names it.
func keyValue(a arrow.Array, i int) string {
	if a.IsNull(i) {
		return hiveNull
	}
	return a.ValueStr(i)
}

// hiveEscape escapes a partition column or value for a folder name as Hive
// does: every byte but letters, digits, '-', '_' and '.' as %XX. DuckDB,
// Spark and Trino decode it.
func hiveEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// writePartitions writes the partitions marked in todo into the staging
// folder, each as one Parquet file without the partition columns, read by
// one query each: the guarded read path holds a result in memory, so a
// partition's size bounds an export's memory, not the view's.
func (p *Pipeline) writePartitions(ctx context.Context, stage, name string, keys []string, parts []lakePartition, todo []bool) error {
	for n, q := range parts {
		if !todo[n] {
			continue
		}
		staged := filepath.Join(stage, "new", filepath.FromSlash(q.File))
		if err := os.MkdirAll(filepath.Dir(staged), 0o755); err != nil {
			return err
		}
		err := p.arrowReader(ctx, store.LakePartitionSQL(name, keys, q.key), func(rr *ipc.Reader) error {
			var keep []int // the columns that go into the file
			var fields []arrow.Field
			keyCol := make([]int, len(keys))
			for i, f := range rr.Schema().Fields() {
				if k := slices.Index(keys, f.Name); k >= 0 {
					keyCol[k] = i
					continue
				}
				keep = append(keep, i)
				fields = append(fields, f)
			}
			cur := &rowCursor{rr: rr}
			defer cur.release()
			err := writeFileSynced(staged, func(w io.Writer) error {
				return writePartition(w, arrow.NewSchema(fields, nil), cur, q, keyCol, keep)
			})
			if err != nil {
				return err
			}
			if cur.more() {
				return fmt.Errorf("partition %s has more rows than counted: the view changed during the export", q.File)
			}
			return rr.Err()
		})
		if err != nil {
			return err
		}
		syncDir(filepath.Dir(staged))
	}
	return nil
}

// writePartition writes the q.Rows rows at the cursor as one Parquet file.
func writePartition(w io.Writer, schema *arrow.Schema, cur *rowCursor, q lakePartition, keyCol, keep []int) error {
	opts := []parquet.WriterProperty{parquet.WithCompression(compress.Codecs.Zstd), parquet.WithMaxRowGroupLength(lakeRowGroup)}
	for _, f := range schema.Fields() {
		if f.Type.ID() == arrow.FLOAT64 || f.Type.ID() == arrow.FLOAT32 {
			// Measured values rarely repeat: a dictionary costs time and
			// saves no space.
			opts = append(opts, parquet.WithDictionaryFor(f.Name, false))
		}
	}
	props := parquet.NewWriterProperties(opts...)
	fw, err := pqarrow.NewFileWriter(schema, w, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return err
	}
	for left, first := q.Rows, true; left > 0; first = false {
		rec, err := cur.take(left)
		if err != nil {
			fw.Close()
			return err
		}
		if first { // the key is a hash: check the values too
			for k, c := range keyCol {
				if got := keyValue(rec.Column(c), 0); got != q.values[k] {
					rec.Release()
					fw.Close()
					return fmt.Errorf("partition %s begins with %s = %s: the view changed during the export", q.File, rec.ColumnName(c), got)
				}
			}
		}
		cols := make([]arrow.Array, len(keep))
		for i, c := range keep {
			cols[i] = rec.Column(c)
		}
		out := array.NewRecordBatch(schema, cols, rec.NumRows())
		err = fw.WriteBuffered(out)
		left -= rec.NumRows()
		out.Release()
		rec.Release()
		if err != nil {
			fw.Close()
			return err
		}
	}
	return fw.Close()
}

// rowCursor hands out the rows of an Arrow stream in runs of any length.
type rowCursor struct {
	rr  *ipc.Reader
	rec arrow.RecordBatch // the current batch (retained), nil before the first
	off int64             // rows of rec handed out
}

// next makes rec a batch with rows left; false at the end of the stream.
func (c *rowCursor) next() bool {
	for c.rec == nil || c.off >= c.rec.NumRows() {
		c.release()
		if !c.rr.Next() {
			return false
		}
		c.rec, c.off = c.rr.RecordBatch(), 0
		c.rec.Retain()
	}
	return true
}

// take returns the next rows, at most n (the caller releases them).
func (c *rowCursor) take(n int64) (arrow.RecordBatch, error) {
	if !c.next() {
		if err := c.rr.Err(); err != nil {
			return nil, err
		}
		return nil, errors.New("a partition has fewer rows than counted: the view changed during the export")
	}
	end := min(c.rec.NumRows(), c.off+n)
	s := c.rec.NewSlice(c.off, end)
	c.off = end
	return s, nil
}

func (c *rowCursor) more() bool { return c.next() }

func (c *rowCursor) release() {
	if c.rec != nil {
		c.rec.Release()
		c.rec = nil
	}
}

// arrowReader runs q on the guarded read path and hands its result, an
// Arrow IPC stream, to read.
func (p *Pipeline) arrowReader(ctx context.Context, q string, read func(rr *ipc.Reader) error) error {
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := p.Session(query.Limits{}, query.Arrow).Run(ctx, q, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	err := func() error {
		rr, err := ipc.NewReader(pr)
		if err != nil {
			return err
		}
		defer rr.Release()
		return read(rr)
	}()
	pr.CloseWithError(errors.Join(err, io.ErrClosedPipe))
	qerr := <-done
	if err == nil || qerr != nil && !errors.Is(qerr, io.ErrClosedPipe) {
		return qerr // the query's own error comes first
	}
	return err
}

// arrowRows runs q on the guarded read path and calls each for every batch.
func (p *Pipeline) arrowRows(ctx context.Context, q string, each func(rec arrow.RecordBatch) error) error {
	return p.arrowReader(ctx, q, func(rr *ipc.Reader) error {
		for rr.Next() {
			if err := each(rr.RecordBatch()); err != nil {
				return err
			}
		}
		return rr.Err()
	})
}
