package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"testing"
	"time"

	"lpa/examples"
	"lpa/indicators"
	"lpa/pipeline/store"
)

var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func parseFS(t *testing.T, fsys fs.FS, name string) store.LoadFile {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicators.Parse(t.Context(), name, b)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	sum := sha256.Sum256(b)
	return store.LoadFile{Path: name, Name: path.Base(name), SHA256: hex.EncodeToString(sum[:]), Parsed: p}
}

func exampleFiles(t *testing.T) []store.LoadFile {
	var files []store.LoadFile
	for _, pat := range []string{"data/*.csv", "accords/*.yaml"} {
		names, _ := fs.Glob(examples.FS, pat)
		for _, n := range names {
			files = append(files, parseFS(t, examples.FS, n))
		}
	}
	return files
}

func openMem(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(t.Context(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestExamplesLoadAndCompute(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	out, err := db.Load(ctx, exampleFiles(t), testNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		t.Logf("%+v", o)
	}
	n, err := db.ComputeAccordMetrics(ctx, testNow)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("metrics: %d", n)
	ms, err := db.AccordMetrics(ctx, "foodvalley")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:5] {
		t.Logf("%+v", m)
	}
}
