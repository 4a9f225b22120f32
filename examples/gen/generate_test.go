package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFilesAreCommitted: running the generator on the committed
// examples gives exactly the committed files, byte for byte (so the
// example data is reproducible from the seed and nobody edited it by
// hand), and running it twice gives the same bytes.
func TestGeneratedFilesAreCommitted(t *testing.T) {
	first, err := generate("..")
	if err != nil {
		t.Fatal(err)
	}
	second, err := generate("..")
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 18 {
		t.Errorf("%d files generated, want 18 (14 accords, status, 2 process CSVs, project workbook)", len(first))
	}
	for i, f := range first {
		if !bytes.Equal(f.data, second[i].data) {
			t.Errorf("%s: two runs gave different bytes", f.path)
		}
		committed, err := os.ReadFile(filepath.Join("..", f.path))
		if err != nil {
			t.Errorf("%v (run go run ./examples/gen and commit the output)", err)
			continue
		}
		if !bytes.Equal(f.data, committed) {
			t.Errorf("%s differs from what the generator writes (%d vs %d bytes); run go run ./examples/gen from the repository root and review the diff",
				f.path, len(committed), len(f.data))
		}
	}
}

// The generator reads the real part of a registry file and leaves it as it is.
func TestGeneratorKeepsRealPart(t *testing.T) {
	files, err := generate("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if filepath.Dir(f.path) != "accords" {
			continue
		}
		top, _, found := bytes.Cut(f.data, []byte(marker))
		if !found {
			t.Fatalf("%s: no marker line", f.path)
		}
		for _, want := range []string{"\nid: ", "\nmembers:\n", "\nexample_data: false\n"} {
			if !bytes.Contains(top, []byte(want)) {
				t.Errorf("%s: the real part lacks %q", f.path, want)
			}
		}
		if bytes.Contains(top, []byte("\ncoding:")) {
			t.Errorf("%s: coding above the marker", f.path)
		}
	}
}
