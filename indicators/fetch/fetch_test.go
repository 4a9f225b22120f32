package fetch

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
	"lpa/indicators/sources"
)

// loadable lists the files of dir that lpa load would take (the rule of
// pipeline.ExpandPaths: not hidden, .csv/.gz/.xlsx/.yaml/.yml).
func loadable(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		for _, ext := range []string{".csv", ".gz", ".xlsx", ".yaml", ".yml"} {
			if !d.IsDir() && strings.HasSuffix(strings.ToLower(d.Name()), ext) {
				out = append(out, rel(dir, p))
			}
		}
		return nil
	})
	return out
}

func sha(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// parse loads a fetched file with lpa's real parsers.
func parse(t *testing.T, path string) *indicators.Parsed {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sources.Parse(t.Context(), filepath.Base(path), b)
	if err != nil {
		t.Fatalf("lpa's parser refuses the fetched file: %v", err)
	}
	return p
}

// realLines returns the header and the 2020 lines of the real 50090NED
// gemeenten file whose region is in codes, as they stand in the file.
func realLines(t *testing.T, n int) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData(t), "rivm_gezondheid_wijk_buurt_50090NED", "50090NED_gemeenten_2012_2016_2020_18plus.csv"))
	if err != nil {
		t.Skipf("real data not found (%v): set LPA_SHARED_DATA", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var out []string
	for sc.Scan() {
		if len(out) == 0 || strings.Contains(sc.Text(), ",2020JJ00,") {
			out = append(out, sc.Text())
		}
		if len(out) == n+1 {
			break
		}
	}
	return out
}

func sharedData(t *testing.T) string {
	if d := os.Getenv("LPA_SHARED_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "data")
}

func TestFetchTablePaged(t *testing.T) {
	rp := newReplay(t)
	dir := t.TempDir()
	var steps []Step
	cfg := rp.config(dir)
	cfg.Progress = func(e Event) { steps = append(steps, e.Step) }
	got, err := Run(t.Context(), cfg, []string{"50090NED:2020"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].File != "50090NED_2020_18plus.csv" || got[0].Pages != 2 {
		t.Fatalf("entries %+v; want one file of two pages", got)
	}
	path := filepath.Join(dir, got[0].File)
	if got[0].SHA256 != sha(t, path) {
		t.Errorf("manifest sha256 %s, file %s", got[0].SHA256, sha(t, path))
	}
	if diff := cmp.Diff([]Step{StepStart, StepPage, StepPage, StepDone}, steps); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	// The requests: the metadata, then the data set filtered to the edition,
	// age group and values, then the page odata.nextLink named.
	reqs := rp.requests()
	first := "/dataderden.cbs.nl/ODataFeed/odata/50090NED/UntypedDataSet?%24filter=Perioden%20eq%20%272020JJ00%27%20and%20Leeftijd%20eq%20%2720300%27%20and%20Marges%20eq%20%27MW00000%27&%24format=json"
	if !slices.Contains(reqs, first) || !strings.HasSuffix(reqs[len(reqs)-1], "$skip=3") {
		t.Errorf("requests:\n%s\nwant the first page %s and then $skip=3", strings.Join(reqs, "\n"), first)
	}
	// The file is the layout of the real CSV, byte for byte, and lpa's
	// parser takes it as 50090NED.
	b, _ := os.ReadFile(path)
	if diff := cmp.Diff(realLines(t, 6), strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")); diff != "" {
		t.Errorf("fetched file differs from the real CSV (-real +fetched):\n%s", diff)
	}
	p := parse(t, path)
	if p.Kind != indicators.KindStatLine50090 || len(p.Dataset.Rows) != 6 {
		t.Errorf("parsed as %s with %d rows; want %s with 6", p.Kind, len(p.Dataset.Rows), indicators.KindStatLine50090)
	}
	if _, err := os.Stat(filepath.Join(dir, ".lpa-fetch")); err == nil {
		t.Error("the stage folder .lpa-fetch is left behind")
	}
	m, err := ReadManifest(dir)
	if err != nil || len(m.Files) != 1 || m.Files[0].URL != "https://dataderden.cbs.nl/ODataFeed/odata/50090NED/UntypedDataSet?%24filter=Perioden%20eq%20%272020JJ00%27%20and%20Leeftijd%20eq%20%2720300%27%20and%20Marges%20eq%20%27MW00000%27&%24format=json" {
		t.Errorf("manifest %+v, %v", m, err)
	}
	// A second run keeps the file and asks nothing.
	n := len(rp.requests())
	steps = nil
	if _, err := Run(t.Context(), cfg, []string{"50090NED:2020"}); err != nil {
		t.Fatal(err)
	}
	if len(rp.requests()) != n || !slices.Equal(steps, []Step{StepKept}) {
		t.Errorf("second run: %d new requests, steps %v; want none and kept", len(rp.requests())-n, steps)
	}
}

func TestFetchTableResumed(t *testing.T) {
	rp := newReplay(t)
	whole := t.TempDir()
	if _, err := Run(t.Context(), rp.config(whole), []string{"50090NED:2020"}); err != nil {
		t.Fatal(err)
	}
	wantSum := sha(t, filepath.Join(whole, "50090NED_2020_18plus.csv"))

	rp = newReplay(t)
	cutOnce := true
	rp.fail = func(r *http.Request, _ int) string {
		if r.URL.Query().Get("$skip") == "3" && cutOnce {
			cutOnce = false
			return "cut"
		}
		return ""
	}
	dir := t.TempDir()
	cfg := rp.config(dir)
	cfg.Retries = -1 // the first run gives up at the cut
	_, err := Run(t.Context(), cfg, []string{"50090NED:2020"})
	var fe *Error
	if !errors.As(err, &fe) || !errors.Is(err, ErrBadResponse) {
		t.Fatalf("error %v; want a *fetch.Error", err)
	}
	for _, want := range []string{"50090NED_2020_18plus.csv", "/dataderden.cbs.nl/ODataFeed/OData/50090NED/UntypedDataSet?", "$skip=3", "broke off", "run lpa fetch again"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if l := loadable(t, dir); len(l) != 0 {
		t.Errorf("after the cut the folder holds %v, which lpa load would take", l)
	}
	n := len(rp.requests())
	var resumed []Event
	cfg.Progress = func(e Event) {
		if e.Step == StepResume {
			resumed = append(resumed, e)
		}
	}
	got, err := Run(t.Context(), cfg, []string{"50090NED:2020"})
	if err != nil {
		t.Fatal(err)
	}
	again := rp.requests()[n:]
	if len(again) != 1 || !strings.HasSuffix(again[0], "$skip=3") || len(resumed) != 1 || resumed[0].Pages != 1 {
		t.Errorf("second run asked %v (resume events %+v); want only the page after the one kept", again, resumed)
	}
	if got[0].SHA256 != wantSum || sha(t, filepath.Join(dir, got[0].File)) != wantSum {
		t.Errorf("resumed file sha256 %s; want %s as fetched whole", got[0].SHA256, wantSum)
	}
}

func TestFetchTableCutRetried(t *testing.T) {
	rp := newReplay(t)
	cuts := 0
	rp.fail = func(r *http.Request, _ int) string {
		if r.URL.Query().Get("$skip") == "3" && cuts < 2 {
			cuts++
			return "cut"
		}
		return ""
	}
	dir := t.TempDir()
	got, err := Run(t.Context(), rp.config(dir), []string{"50090NED:2020"})
	if err != nil || cuts != 2 || got[0].Pages != 2 {
		t.Fatalf("entries %+v, err %v after %d cuts; want the table after two retries", got, err, cuts)
	}
	parse(t, filepath.Join(dir, got[0].File))
}

const vektisPath = "/www.vektis.nl/uploads/Docs%20per%20pagina/Open%20Data%20Bestanden/2022/Vektis%20Open%20Databestand%20Zorgverzekeringswet%202022%20-%20gemeente.csv"

func vektisFixture(t *testing.T) string {
	return sha(t, filepath.Join("testdata", "replay", "www.vektis.nl", "uploads", "Docs per pagina", "Open Data Bestanden", "2022",
		"Vektis Open Databestand Zorgverzekeringswet 2022 - gemeente.csv"))
}

func TestFetchDownloadResumed(t *testing.T) {
	rp := newReplay(t)
	rp.fail = func(r *http.Request, n int) string {
		if n == 1 {
			return "cut"
		}
		return ""
	}
	dir := t.TempDir()
	cfg := rp.config(dir)
	cfg.Retries = -1
	_, err := Run(t.Context(), cfg, []string{"vektis:2022"})
	if err == nil || !strings.Contains(err.Error(), "https://www.vektis.nl/uploads/") || !strings.Contains(err.Error(), "broke off after") {
		t.Fatalf("error %v; want the URL and that the download broke off", err)
	}
	if l := loadable(t, dir); len(l) != 0 {
		t.Errorf("after the cut the folder holds %v, which lpa load would take", l)
	}
	if _, err := os.Stat(filepath.Join(dir, ".vektis_2022_gemeente.csv.lpa-fetch")); err != nil {
		t.Errorf("no partial file to resume: %v", err)
	}
	got, err := Run(t.Context(), cfg, []string{"vektis:2022"})
	if err != nil {
		t.Fatal(err)
	}
	if r := rp.header(1, "Range"); !strings.HasPrefix(r, "bytes=") || r == "bytes=0-" || rp.header(1, "If-Range") == "" {
		t.Errorf("second request Range %q If-Range %q; want the rest of the file, guarded", r, rp.header(1, "If-Range"))
	}
	want := vektisFixture(t)
	if got[0].SHA256 != want || sha(t, filepath.Join(dir, "vektis_2022_gemeente.csv")) != want {
		t.Errorf("sha256 %s; want %s (the file as served)", got[0].SHA256, want)
	}
	if rp.requests()[0] != vektisPath {
		t.Errorf("asked %s; want %s", rp.requests()[0], vektisPath)
	}
	p := parse(t, filepath.Join(dir, "vektis_2022_gemeente.csv"))
	if p.Kind != indicators.KindVektisZvw {
		t.Errorf("parsed as %s; want %s", p.Kind, indicators.KindVektisZvw)
	}
	if l := loadable(t, dir); !slices.Equal(l, []string{"vektis_2022_gemeente.csv"}) {
		t.Errorf("folder holds %v; want only the finished file", l)
	}
}

func TestFetchServerError(t *testing.T) {
	rp := newReplay(t)
	rp.fail = func(*http.Request, int) string { return "500" }
	dir := t.TempDir()
	_, err := Run(t.Context(), rp.config(dir), []string{"vektis:2022"})
	for _, want := range []string{"vektis_2022_gemeente.csv", "https://www.vektis.nl/uploads/Docs%20per%20pagina/", "500 Internal Server Error", "run lpa fetch again"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}
	if !errors.Is(err, ErrHTTP) {
		t.Errorf("error %v is not ErrHTTP", err)
	}
	if n := len(rp.requests()); n != 1+DefaultRetries {
		t.Errorf("%d requests; want 1 and %d retries", n, DefaultRetries)
	}
	if l := loadable(t, dir); len(l) != 0 {
		t.Errorf("folder holds %v after a 500", l)
	}
}

func TestFetchNotFoundIsNotRetried(t *testing.T) {
	rp := newReplay(t)
	_, err := Run(t.Context(), rp.config(t.TempDir()), []string{"vektis:2021"})
	if !errors.Is(err, ErrHTTP) || !strings.Contains(err.Error(), "404") || len(rp.requests()) != 1 {
		t.Errorf("error %v after %d requests; want a 404 at once", err, len(rp.requests()))
	}
}

func TestFetchSizeCap(t *testing.T) {
	rp := newReplay(t)
	dir := t.TempDir()
	cfg := rp.config(dir)
	cfg.MaxBytes = 1000
	_, err := Run(t.Context(), cfg, []string{"vektis:2022"})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "cap of 1000") {
		t.Errorf("error %v; want ErrTooLarge", err)
	}
	if l := loadable(t, dir); len(l) != 0 {
		t.Errorf("folder holds %v", l)
	}
}

func TestFetchOffline(t *testing.T) {
	cfg := Config{Dir: t.TempDir(), BaseURL: "http://lpa-fetch-test.invalid", Sleep: func(context.Context, time.Duration) error { return nil }}
	_, err := Run(t.Context(), cfg, []string{"geo"})
	if !errors.Is(err, ErrOffline) || !strings.Contains(err.Error(), "cannot reach") || !strings.Contains(err.Error(), "check the connection") {
		t.Errorf("error %v; want ErrOffline with what to do", err)
	}
}

func TestFetchExport(t *testing.T) {
	rp := newReplay(t)
	dir := t.TempDir()
	got, err := Run(t.Context(), rp.config(dir), []string{"85563NED"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rp.requests(), "/opendata.cbs.nl/ODataFeed/odata/85563NED/UntypedDataSet?%24filter=Leeftijd%20eq%20%2710000%27%20and%20Marges%20eq%20%27MW00000%27&%24format=json") {
		t.Errorf("requests %v; want the totals and values only", rp.requests())
	}
	p := parse(t, filepath.Join(dir, got[0].File))
	if p.Kind != indicators.KindStatLineExport {
		t.Fatalf("parsed as %s; want %s", p.Kind, indicators.KindStatLineExport)
	}
	var codes []string
	for _, r := range p.Dataset.Rows {
		codes = append(codes, r.RegionCode+"/"+strings.Join([]string{r.AgeGroup}, ""))
	}
	if diff := cmp.Diff([]string{"NL01/20300", "GM0363/20300", "GM0014/20300", "GM0935/20300", "GM0344/20300"}, codes); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
	// Amsterdam's overweight, as in the real export (41,2).
	for i, key := range p.Dataset.Indicators {
		for _, c := range p.Dataset.Cells {
			if key == "overgewicht" && int(c.Indicator) == i && p.Dataset.Rows[c.Row].RegionCode == "GM0363" && c.Value != 41.2 {
				t.Errorf("overgewicht of Amsterdam %v; want 41.2", c.Value)
			}
		}
	}
}

func TestFetchRegionTable(t *testing.T) {
	rp := newReplay(t)
	dir := t.TempDir()
	got, err := Run(t.Context(), rp.config(dir), []string{"regios:2023"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, got[0].File))
	real, err := os.ReadFile(filepath.Join(sharedData(t), "cbs_regiocodes", "Gebieden_in_Nederland_2023_25032025_175459.csv"))
	if err == nil {
		// The real file has LF; the StatLine download writes CRLF here.
		wantLines := strings.Split(string(real), "\n")[:6]
		if diff := cmp.Diff(wantLines, strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")[:6]); diff != "" {
			t.Errorf("differs from the real StatLine download (-real +fetched):\n%s", diff)
		}
	}
	p := parse(t, filepath.Join(dir, got[0].File))
	if p.Kind != indicators.KindCBSGebiedenGGD || p.Regions.Division != 2023 {
		t.Errorf("parsed as %s (division %d); want %s of 2023", p.Kind, p.Regions.Division, indicators.KindCBSGebiedenGGD)
	}
}

func TestFetchGeo(t *testing.T) {
	rp := newReplay(t)
	dir := t.TempDir()
	got, err := Run(t.Context(), rp.config(dir), []string{"geo:provincie_2023"})
	if err != nil {
		t.Fatal(err)
	}
	// The sha256 PROVENANCE.md gives for the stored copy.
	const want = "98b891c44d9fd9f560045a631ee9343921f3dc28c8f268e9927ad274662af432"
	if got[0].File != "geo/provincie_2023.topojson" || got[0].SHA256 != want || sha(t, filepath.Join(dir, "geo", "provincie_2023.topojson")) != want {
		t.Errorf("entry %+v; want geo/provincie_2023.topojson with sha256 %s", got[0], want)
	}
}

func TestPlan(t *testing.T) {
	items, err := Plan([]string{"50090NED", "vektis:2020", "vektis:2016", "geo", "regios"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.File+" "+it.URL)
	}
	want := []string{
		"50090NED_2012_18plus.csv https://dataderden.cbs.nl/ODataFeed/odata/50090NED/UntypedDataSet?%24format=json (the $filter is chosen from the table's metadata)",
		"50090NED_2016_18plus.csv https://dataderden.cbs.nl/ODataFeed/odata/50090NED/UntypedDataSet?%24format=json (the $filter is chosen from the table's metadata)",
		"50090NED_2020_18plus.csv https://dataderden.cbs.nl/ODataFeed/odata/50090NED/UntypedDataSet?%24format=json (the $filter is chosen from the table's metadata)",
		"vektis_2020_gemeente.csv https://www.vektis.nl/uploads/Docs%20per%20pagina/Open%20Data%20Bestanden/2020/Vektis%20Open%20Databestand%20Zorgverzekeringswet%202020%20-%20gemeente_versie2.csv",
		"vektis_2016_gemeente.csv https://www.vektis.nl/uploads/Docs%20per%20pagina/Open%20Data%20Bestanden/Gemeentebestanden%202011-2016/Vektis%20Open%20Databestand%20Zorgverzekeringswet%202016%20-%20gemeente.csv",
		"geo/gemeente_2020.topojson https://cartomap.github.io/nl/wgs84/gemeente_2020.topojson",
		"geo/gemeente_2023.topojson https://cartomap.github.io/nl/wgs84/gemeente_2023.topojson",
		"geo/ggdregio_2023.topojson https://cartomap.github.io/nl/wgs84/ggdregio_2023.topojson",
		"geo/provincie_2023.topojson https://cartomap.github.io/nl/wgs84/provincie_2023.topojson",
		"Gebieden_in_Nederland_2023.csv https://opendata.cbs.nl/ODataFeed/odata/85385NED/TypedDataSet?%24format=json",
		"Kerncijfers_wijken_en_buurten_2024.csv https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?%24format=json",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plan (-want +got):\n%s", diff)
	}
	if _, err := Plan([]string{"vektis:1999"}); !errors.Is(err, ErrUnknownSource) {
		t.Errorf("vektis:1999: %v", err)
	}
}
