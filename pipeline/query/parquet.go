package query

import (
	"context"
	"io"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// Parquet writes the result of q as one Parquet file (zstd): the Arrow
// record batches of the guarded read path, re-encoded in Go, so DuckDB
// writes no file.
func (s *Session) parquet(ctx context.Context, q string, w io.Writer) error {
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := s.wh.QueryArrow(ctx, q, s.lim, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	err := writeParquet(pr, w)
	pr.CloseWithError(err)
	if qerr := <-done; qerr != nil {
		return qerr
	}
	return err
}

func writeParquet(r io.Reader, w io.Writer) error {
	rr, err := ipc.NewReader(r)
	if err != nil {
		return err
	}
	defer rr.Release()
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd))
	fw, err := pqarrow.NewFileWriter(rr.Schema(), w, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return err
	}
	for rr.Next() {
		if err := fw.WriteBuffered(rr.RecordBatch()); err != nil {
			fw.Close()
			return err
		}
	}
	if err := rr.Err(); err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}
