package pipeline_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/reports"
)

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestReissue issues reports of 2020-11-01, loads a correction of one
// gemeente (Velsen's share of smokers, 17.7 → 18.9), recomputes and
// re-issues: exactly the reports that print a changed number get version 2
// (Velsen's accord, Velsen, and Haarlem, whose GGD region Kennemerland
// weighs Velsen in), each opening with the figures that changed and the
// correction load behind them; the others keep version 1 and their bytes.
func TestReissue(t *testing.T) {
	ctx := t.Context()
	p, db := newPipeline(t, filepath.Join(t.TempDir(), "w.duckdb"))
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	out := t.TempDir()
	only := []string{"velsen", "achterhoek", "GM0453", "GM0363", "GM0392"}
	if _, err := p.Run(ctx, pipeline.Job{Load: ex, Compute: true, Round: round, Report: true, OutDir: out, Only: only, National: true}); err != nil {
		t.Fatal(err)
	}
	v1 := map[string]string{}
	for _, f := range []string{"landelijk-2020-11-01.pdf", "velsen.pdf", "achterhoek.pdf", "gemeenten/GM0453.pdf", "gemeenten/GM0363.pdf", "gemeenten/GM0392.pdf"} {
		v1[f] = fileSum(t, filepath.Join(out, f))
	}
	if got := queryRows(t, db, "SELECT count(*), max(version) FROM report_issues"); got[0][0] != "6" || got[0][1] != "1" {
		t.Fatalf("issues after the first report: %v", got)
	}
	// Reporting again on the same data issues nothing new.
	if res, err := p.ReportWith(ctx, pipeline.ReportOptions{Dir: out, Round: round, Only: only}); err != nil || res.Issued != 0 {
		t.Fatalf("the same report again: %+v, %v", res, err)
	}

	fix := pipeline.New(pipeline.Config{DB: db, Now: clock, Correct: true})
	if _, err := fix.Load(ctx, sources(t, filepath.Join("testdata", "50090NED_2020_velsen_correctie.csv"))); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Compute(ctx, round); err != nil {
		t.Fatal(err)
	}
	res, err := p.Reissue(ctx, out, round)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"GM0392-v2.pdf", "GM0453-v2.pdf", "velsen-v2.pdf"}
	got := slices.Clone(res.Reports.NewVersions)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("re-issued %v; want %v", got, want)
	}
	// The national factsheet weighs Velsen in: its next version too.
	if n := res.National; n == nil || n.Version != 2 || n.Path != filepath.Join(out, "landelijk-2020-11-01-v2.pdf") {
		t.Errorf("national factsheet re-issued as %+v; want version 2 in landelijk-2020-11-01-v2.pdf", n)
	}
	for f, sum := range v1 {
		if fileSum(t, filepath.Join(out, f)) != sum {
			t.Errorf("%s changed: version 1 must keep its bytes", f)
		}
	}
	for _, f := range []string{"achterhoek-v2.pdf", "gemeenten/GM0363-v2.pdf"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s written: its numbers did not change", f)
		}
	}

	// Reporting the round again keeps every version as issued: nothing new
	// is recorded and version 2 keeps its bytes, change page and all.
	v2 := map[string]string{}
	for _, f := range []string{"landelijk-2020-11-01-v2.pdf", "velsen-v2.pdf", "gemeenten/GM0453-v2.pdf"} {
		v2[f] = fileSum(t, filepath.Join(out, f))
	}
	again, err := p.Run(ctx, pipeline.Job{Round: round, Report: true, OutDir: out, Only: only, National: true})
	if err != nil {
		t.Fatal(err)
	}
	if again.Report.Issued != 0 || again.National.New || again.National.Version != 2 {
		t.Errorf("reporting again after the re-issue: %d issued, national version %d new %v; want none new",
			again.Report.Issued, again.National.Version, again.National.New)
	}
	for f, sum := range v2 {
		if fileSum(t, filepath.Join(out, f)) != sum {
			t.Errorf("%s changed when reported again", f)
		}
	}

	// The change pages list exactly the figures that differ between the
	// versions, with the correction as their cause.
	changes := queryRows(t, db, "SELECT report, label, printed_before, printed_now FROM report_version_changes ORDER BY ALL")
	wantChanges := [][]string{
		{"GM0392", "Rookt — GGD-regio", "16,3 %", "16,4 %"},
		{"GM0453", "Rookt — GGD-regio", "16,3 %", "16,4 %"},
		{"GM0453", "Rookt — Velsen", "17,7 %", "18,9 %"},
		{"landelijk", "Rookt, verschil-in-verschillen gemiddeld over 14 akkoorden", "0,0", "+0,1"},
		{"velsen", "Rookt — GGD-regio", "16,3 %", "16,4 %"},
		{"velsen", "Rookt — Velsen", "17,7 %", "18,9 %"},
	}
	if !slices.EqualFunc(changes, wantChanges, slices.Equal) {
		t.Errorf("report_version_changes:\n%v\nwant\n%v", changes, wantChanges)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext (poppler-utils) not found: the change page's text is not checked")
		return
	}
	text, err := exec.Command("pdftotext", "-layout", "-l", "1", filepath.Join(out, "velsen-v2.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	page := string(text)
	for _, w := range []string{"Wijzigingen ten opzichte van de vorige uitgave", "uitgave 2", "2 cijfers zijn anders",
		"Rookt — Velsen", "17,7 %", "18,9 %", "50090NED_2020_velsen", "gegevens " + queryRows(t, db,
			"SELECT fingerprint FROM report_issues WHERE report = 'velsen' AND version = 2")[0][0]} {
		if !strings.Contains(page, w) {
			t.Errorf("the change page of velsen-v2.pdf lacks %q:\n%s", w, page)
		}
	}
	text, err = exec.Command("pdftotext", "-layout", "-l", "1", filepath.Join(out, "landelijk-2020-11-01-v2.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Wijzigingen ten opzichte van de vorige uitgave", "uitgave 2", "1 cijfer is anders",
		"verschil-in-verschillen", "50090NED_2020_velsen"} {
		if !strings.Contains(string(text), w) {
			t.Errorf("the change page of landelijk-2020-11-01-v2.pdf lacks %q:\n%s", w, text)
		}
	}
}

// TestLineage follows printed numbers of an accord report and a gemeente
// report through report_figures and report_figure_sources to their source
// file and line, and reads the value at that line.
func TestLineage(t *testing.T) {
	ctx := t.Context()
	p, db := newPipeline(t, filepath.Join(t.TempDir(), "w.duckdb"))
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := p.Run(ctx, pipeline.Job{Load: ex, Compute: true, Round: round, Report: true, OutDir: t.TempDir(),
		Only: []string{"velsen", "GM0363"}, National: true}); err != nil {
		t.Fatal(err)
	}
	const csv = "50090NED_gemeenten_2012_2016_2020_18plus.csv"
	lines := readLines(t, filepath.Join("..", "examples", "data", csv))
	header := strings.Split(lines[0], ",")
	for _, c := range []struct{ report, label, column string }{
		{"velsen", "Rookt — Velsen", "Roker_11"},
		{"velsen", "Rookt — Nederland", "Roker_11"},
		{"GM0363", "Overgewicht — Amsterdam", "Overgewicht_9"},
		{"GM0363", "Zware drinker — Amsterdam", "ZwareDrinker_14"},
		{"GM0363", "Ervaren gezondheid goed of zeer goed — Nederland", "ErvarenGezondheidGoedZeerGoed_4"},
	} {
		rows := queryRows(t, db, "SELECT printed, printed_value, file_name, source_line, source_value, region_code FROM report_figure_sources "+
			"WHERE report = '"+c.report+"' AND label = '"+c.label+"' AND view_key LIKE '%period=2020;%'")
		if len(rows) != 1 {
			t.Errorf("%s, %q: %d source rows, want 1: %v", c.report, c.label, len(rows), rows)
			continue
		}
		r := rows[0]
		if r[2] != csv {
			t.Errorf("%s, %q: file %s, want %s", c.report, c.label, r[2], csv)
			continue
		}
		n, _ := strconv.Atoi(r[3])
		fields := strings.Split(lines[n-1], ",")
		col := slices.Index(header, c.column)
		atLine, err := strconv.ParseFloat(strings.TrimSpace(fields[col]), 64)
		if err != nil {
			t.Fatalf("%s line %d, %s: %v", csv, n, c.column, err)
		}
		source, _ := strconv.ParseFloat(r[4], 64)
		printed, _ := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(r[0], " %"), ",", "."), 64)
		if strings.TrimSpace(fields[3]) != r[5] || atLine != source || atLine != printed {
			t.Errorf("%s, %q: line %d holds %s %s=%v; lineage says %s %v, the report printed %s",
				c.report, c.label, n, fields[3], c.column, atLine, r[5], source, r[0])
		}
	}

	// A national number: the smokers' share in the gemeenten with an
	// accord, their mean weighted by inhabitants. Every source line holds
	// the value the lineage names, and the lines give the printed mean.
	rows := queryRows(t, db, `SELECT s.printed, s.printed_value, s.file_name, s.source_line, s.source_value, s.region_code, g.population
		FROM report_figure_sources s JOIN regions g ON g.region_code = s.region_code AND g.division = 2020
		WHERE s.report = 'landelijk' AND s.label = 'Rookt, met_akkoord 2020' ORDER BY s.region_code`)
	if len(rows) < 40 {
		t.Fatalf("national Rookt, met_akkoord: %d source rows, want the 40-odd gemeenten with an accord", len(rows))
	}
	col := slices.Index(header, "Roker_11")
	var sum, weight float64
	for _, r := range rows {
		n, _ := strconv.Atoi(r[3])
		fields := strings.Split(lines[n-1], ",")
		atLine, _ := strconv.ParseFloat(strings.TrimSpace(fields[col]), 64)
		source, _ := strconv.ParseFloat(r[4], 64)
		if r[2] != csv || strings.TrimSpace(fields[3]) != r[5] || atLine != source {
			t.Errorf("national Rookt: %s line %d holds %s %v; lineage says %s %s %v", csv, n, fields[3], atLine, r[2], r[5], source)
		}
		pop, _ := strconv.ParseFloat(r[6], 64)
		sum, weight = sum+atLine*pop, weight+pop
	}
	printed, _ := strconv.ParseFloat(rows[0][1], 64)
	if mean := sum / weight; math.Abs(mean-printed) > 1e-9 || rows[0][0] != reports.FormatNumber(mean, 1)+"%" {
		t.Errorf("national Rookt, met_akkoord: the source lines give %v, the report printed %s (%v)", mean, rows[0][0], printed)
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}
