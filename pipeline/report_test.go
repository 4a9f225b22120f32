package pipeline_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"lpa/examples"
	"lpa/pipeline"
)

var update = flag.Bool("update", false, "update golden files in testdata/")

// pdfText is the text of a PDF by poppler's pdftotext, blanks folded and
// pages marked; the test is skipped where pdftotext is missing.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to check report text")
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	var b strings.Builder
	for i, p := range strings.Split(strings.TrimRight(string(out), "\f"), "\f") {
		fmt.Fprintf(&b, "=== pagina %d ===\n", i+1)
		for _, line := range strings.Split(p, "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				b.WriteString(strings.Join(f, " ") + "\n")
			}
		}
	}
	return b.String()
}

// golden compares got with testdata/reports/<name>.txt (-update writes it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "reports", name+".txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (regenerate with go test -tags duckdb_arrow ./pipeline -run TestReportKinds -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got); review and regenerate with -update:\n%s", name, diff)
	}
}

// TestReportKinds renders each kind of report of the example round
// 2020-11-01 and compares its text with a golden: an accord with every
// section, an accord without process and project data, and a gemeente
// without an accord. Every section whose view has rows appears.
func TestReportKinds(t *testing.T) {
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	var noProcess []pipeline.Source
	for _, s := range ex {
		if !strings.HasPrefix(s.Path, "examples/proces/") && !strings.HasPrefix(s.Path, "examples/project/") {
			noProcess = append(noProcess, s)
		}
	}
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		srcs    []pipeline.Source
		only    string
		file    string
		want    []string // section titles
		wantNot []string
	}{
		{"accord_full", ex, "achterhoek", "achterhoek.pdf",
			[]string{"Samenvatting", "Gezondheid en leefstijl", "De gemeenten van het akkoord", "Ontwikkeling 2012–2020",
				"Doelen", "Triple Aim", "Proces", "Partijen per sector", "Uitgangspunten", "Projecten", "Effect", "Kaart", "Werkwijze"}, nil},
		{"accord_no_process", noProcess, "velsen", "velsen.pdf",
			[]string{"Samenvatting", "Proces", "Het sjabloon Proces is voor dit akkoord niet aangeleverd",
				"Het sjabloon Project is voor dit akkoord niet aangeleverd", "Kaart"}, []string{"Budget"}},
		{"gemeente", ex, "GM0363", "gemeenten/GM0363.pdf",
			[]string{"Gemeente", "Amsterdam", "Samenvatting", "Gezondheid en leefstijl", "Ontwikkeling", "Kaart"},
			[]string{"Proces", "Projecten", "Effect", "Deelnemende gemeenten"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := newPipeline(t, "")
			out := t.TempDir()
			if _, err := p.Run(t.Context(), pipeline.Job{Load: tc.srcs, Compute: true, Round: round, Report: true,
				OutDir: out, Only: []string{tc.only}}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(out, tc.file)
			txt := pdfText(t, path)
			for _, w := range tc.want {
				if !strings.Contains(txt, w) {
					t.Errorf("%s lacks %q", tc.file, w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(txt, w) {
					t.Errorf("%s holds %q", tc.file, w)
				}
			}
			golden(t, tc.name, txt)
			// The same warehouse and round give the same bytes.
			first, _ := os.ReadFile(path)
			if _, err := p.Run(t.Context(), pipeline.Job{Report: true, Round: round, OutDir: out, Only: []string{tc.only}}); err != nil {
				t.Fatal(err)
			}
			second, _ := os.ReadFile(path)
			if !bytes.Equal(first, second) {
				t.Errorf("%s: rendering twice gave different bytes", tc.file)
			}
		})
	}
}
