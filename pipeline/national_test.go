package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/reports"
)

// TestNationalReport writes the national factsheet of the bundled accords
// at 2020-11-01 and checks its text against a golden, the map's 355
// gemeenten, Figure 3's shares adding up to 100 per theme (in the view and
// as printed), and that the same warehouse gives the same bytes.
func TestNationalReport(t *testing.T) {
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	p, _ := newPipeline(t, "")
	if _, err := p.Run(t.Context(), pipeline.Job{Load: ex, Compute: true, Round: round}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := p.ReportNational(t.Context(), out, round)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(out, "landelijk-2020-11-01.pdf"); res.Path != want {
		t.Errorf("path %s, want %s", res.Path, want)
	}

	// Figure 1: every gemeente of the 2020 division, each with a status.
	var mapCount *reports.Printed
	for i, pr := range res.Printed {
		if pr.FigureID == "figuur_1" && pr.Label == "gemeenten op de kaart" {
			mapCount = &res.Printed[i]
		}
	}
	if mapCount == nil || mapCount.Value != 355 {
		t.Errorf("map count %+v, want 355 gemeenten", mapCount)
	}

	// Figure 3: the view's shares add up to 100 per theme, and the PDF
	// prints exactly those shares.
	v, err := p.NationalValues(t.Context(), round)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]int{}
	want := map[string]bool{}
	for _, f := range v.Figures {
		if f.Section == "npa_themas" && f.Pct != nil {
			sums[f.Item] += *f.Pct
			want["section=npa_themas; item="+f.Item+"; detail="+f.Detail+" "+strconv.Itoa(*f.Pct)+"%"] = true
		}
	}
	if len(sums) != 3 {
		t.Errorf("%d NPA themes in the view, want 3", len(sums))
	}
	for theme, s := range sums {
		if s != 100 {
			t.Errorf("Figure 3, %s: shares add up to %d, want 100", theme, s)
		}
	}
	got := map[string]bool{}
	for _, pr := range res.Printed {
		if pr.FigureID == "figuur_3" {
			got[pr.Key+" "+pr.Text] = true
			if pr.View != "national_evaluation" || pr.Page < 1 {
				t.Errorf("figure 3 number %+v: want view national_evaluation and a page", pr)
			}
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("figure 3 does not print %s", k)
		}
	}
	if len(got) != len(want) {
		t.Errorf("figure 3 prints %d shares, the view has %d", len(got), len(want))
	}
	for _, pr := range res.Printed {
		if pr.View == "" || pr.Key == "" || pr.Text == "" || pr.FigureID == "" {
			t.Errorf("printed number without its source: %+v", pr)
		}
	}

	txt := pdfText(t, res.Path)
	for _, w := range []string{"Samenvatting", "Kerncijfers", "Figuur 1", "Figuur 2", "Figuur 3", "Tabel 1",
		"Andere programma's", "Doelen en interventies", "Lokale monitoring", "Gezondheid in gemeenten met en zonder akkoord",
		"Vergelijking met de vorige ronde", "Werkwijze en bronnen", "Ronde 1 november 2020"} {
		if !strings.Contains(txt, w) {
			t.Errorf("national report lacks %q", w)
		}
	}
	golden(t, "national", txt)

	// The same warehouse gives the same bytes, issued once: a second
	// report is the same version, not recorded again.
	first, _ := os.ReadFile(res.Path)
	res2, err := p.ReportNational(t.Context(), t.TempDir(), round)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(res2.Path)
	if !bytes.Equal(first, again) {
		t.Error("rendering twice gave different bytes")
	}
	if !res.New || res2.New || res2.Version != 1 || res2.Fingerprint != res.Fingerprint || len(res.Fingerprint) != 12 {
		t.Errorf("issues: first version %d new %v fingerprint %q, second version %d new %v fingerprint %q; want version 1 issued once with one fingerprint",
			res.Version, res.New, res.Fingerprint, res2.Version, res2.New, res2.Fingerprint)
	}
}
