package reports

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "update golden files in testdata/")

func render(t testing.TB, r Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// pages splits pdftotext output at its form feeds.
func pages(txt string) []string {
	ps := strings.Split(txt, "\f")
	if n := len(ps); n > 0 && strings.TrimSpace(ps[n-1]) == "" {
		ps = ps[:n-1]
	}
	return ps
}

// normalizeText makes pdftotext -layout output independent of column
// spacing: runs of blanks become one space, empty lines go, and pages are
// marked. The words and their order stay, which is what the golden guards.
func normalizeText(txt string) string {
	var b strings.Builder
	for i, p := range pages(txt) {
		fmt.Fprintf(&b, "=== pagina %d ===\n", i+1)
		for _, line := range strings.Split(p, "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				b.WriteString(strings.Join(f, " "))
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// checkPageFooters checks "Pagina i van n" on every page and the header.
func checkPageFooters(t *testing.T, ps []string, accord string) {
	t.Helper()
	for i, p := range ps {
		if want := fmt.Sprintf("Pagina %d van %d", i+1, len(ps)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		// The header names the subject (not the tool) and the round.
		if !strings.Contains(p, "preventieakkoord "+accord) || !strings.Contains(p, "Ronde ") {
			t.Errorf("page %d lacks the header", i+1)
		}
	}
}

func TestRenderAchterhoek(t *testing.T) {
	r := achterhoek()
	pdf := render(t, r)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output is not a PDF: %q", pdf[:min(len(pdf), 16)])
	}
	txt := pdfToText(t, pdf)
	norm := normalizeText(txt)

	golden := filepath.Join("testdata", "achterhoek.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(norm), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (regenerate with go test ./reports/ -run TestRenderAchterhoek -update): %v", err)
	}
	if diff := cmp.Diff(string(want), norm); diff != "" {
		t.Errorf("text differs from %s (-want +got); review and regenerate with -update:\n%s", golden, diff)
	}

	ps := pages(txt)
	if len(ps) != 4 {
		t.Errorf("%d pages, want 4 (title, table, two chart pages)", len(ps))
	}
	checkPageFooters(t, ps, r.Accord.Name)

	// Title page.
	for _, want := range []string{
		"Regionaal preventieakkoord", "Achterhoek", "Gesloten in 2020",
		"Gezondheidsmonitor, editie 2020, 18 jaar of ouder",
		"Evaluatieronde 1 november 2020 · de cijfers zijn de nieuwste die op die datum bekend waren",
		"Let op: voorbeeldgegevens",
		"GM0197", "Aalten", "Oude IJsselstreek", "58.270", "300.049",
		"RIVM, GGD’en, CBS; CC BY 4.0", "officiële",
	} {
		if !strings.Contains(ps[0], want) {
			t.Errorf("title page lacks %q", want)
		}
	}
	for i, p := range ps {
		if !strings.Contains(p, "Voorbeeldgegevens: de registratie van dit akkoord") {
			t.Errorf("page %d lacks the example-data line", i+1)
		}
	}

	// Sections in order.
	pos := 0
	for _, title := range []string{
		"Deelnemende gemeenten", "Bronnen", "Indicatoren, editie 2020", "Werkwijze",
		"Ontwikkeling 2012–2020", "Roken", "Overgewicht", "Alcoholgebruik", "Bewegen",
	} {
		i := strings.Index(txt[pos:], title)
		if i < 0 {
			t.Errorf("section %q missing or out of order", title)
			continue
		}
		pos += i + len(title)
	}

	// The table: numbers the Dutch way, words where there is no number.
	table := ps[1]
	for _, want := range []string{"17,9 %", "18,3 %", "19,3 %", "52,8 %", "onderdrukt", "onvolledig",
		"GGD Noord- en", "geïnterpoleerd", "categorieën"} {
		if !strings.Contains(table, want) {
			t.Errorf("table page lacks %q", want)
		}
	}
	rowLine := func(label string) string {
		for _, l := range strings.Split(table, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), label) {
				return l
			}
		}
		t.Fatalf("no table row %q", label)
		return ""
	}
	if l := rowLine("Overmatige drinker"); !regexp.MustCompile(`7,5 %\s+onderdrukt\s+6,6 %`).MatchString(l) {
		t.Errorf("suppressed GGD value not shown as onderdrukt: %q", l)
	}
	if l := rowLine("Zware drinker"); !regexp.MustCompile(`onvolledig a\s+9,4 %\s+8,2 %`).MatchString(l) {
		t.Errorf("incomplete accord value not shown as onvolledig with its footnote: %q", l)
	}
	if !strings.Contains(table, "voor 2 van de 8 gemeenten is geen waarde bekend") {
		t.Error("missing-members footnote absent")
	}
	for _, hidden := range []string{FormatNumber(hiddenSuppressed, 1), FormatNumber(hiddenIncomplete, 1)} {
		if strings.Contains(txt, hidden) {
			t.Errorf("hidden value %s appears in the PDF", hidden)
		}
	}

	// Chart text is real text: titles, ticks, legends, gap notes.
	charts := strings.Join(strings.Fields(strings.Join(ps[2:], " ")), " ")
	for _, want := range []string{"2012", "2016", "2020", "Achterhoek", "GGD Noord- en Oost-Gelderland", "Nederland",
		"Ernstig overgewicht (obesitas)", "Voldoet aan de beweegrichtlijn", "geen gegevens over 2012",
		"Overmatige drinker, GGD Noord- en Oost-Gelderland 2020: onderdrukt"} {
		if !strings.Contains(charts, want) {
			t.Errorf("chart pages lack %q", want)
		}
	}
	for _, l := range strings.Split(strings.Join(ps[2:], "\n"), "\n") {
		if !strings.Contains(l, "CC BY") && regexp.MustCompile(`\d\.\d`).MatchString(l) {
			t.Errorf("chart pages show a decimal point: %q", l)
		}
	}
}

// sudwestFryslan is a local accord with diacritics in its name and no
// example data.
func sudwestFryslan() Report {
	r := achterhoek()
	r.Accord = Accord{
		ID:         "sudwest-fryslan",
		Name:       "Súdwest-Fryslân",
		Kind:       "lokaal",
		SignedYear: 2021,
		Members:    []Member{{"GM1900", "Súdwest-Fryslân", 90880, "GGD Fryslân"}},
	}
	r.GGDLabel = "GGD Fryslân"
	for i := range r.Themes {
		for j := range r.Themes[i].Series {
			s := &r.Themes[i].Series[j]
			switch s.Area {
			case "accord":
				s.Label = "Súdwest-Fryslân"
			case "ggd":
				s.Label = "GGD Fryslân"
			}
		}
	}
	for i := range r.Rows {
		r.Rows[i].Missing = 0
	}
	return r
}

func TestRenderLocalAccordUTF8(t *testing.T) {
	r := sudwestFryslan()
	txt := pdfToText(t, render(t, r))
	ps := pages(txt)
	checkPageFooters(t, ps, "Súdwest-Fryslân")
	if !strings.Contains(ps[0], "Lokaal preventieakkoord") || !strings.Contains(ps[0], "Gesloten in 2021") {
		t.Error("title page lacks kind or year")
	}
	if strings.Contains(txt, "oorbeeldgegevens") {
		t.Error("example-data notice shown for an accord without example data")
	}
	// The accord name in the chart legends comes through the canvas.
	charts := strings.Join(ps[2:], "")
	if n := strings.Count(charts, "Súdwest-Fryslân"); n < len(r.Themes) {
		t.Errorf("accord name appears %d times on the chart pages, want a legend entry per chart", n)
	}
	if !strings.Contains(charts, "GGD Fryslân") || !strings.Contains(charts, "Ontwikkeling 2012–2020") {
		t.Error("chart pages lack GGD Fryslân or the en dash title")
	}
}

func TestRenderLongAccordFlows(t *testing.T) {
	r := longAccord()
	txt := pdfToText(t, render(t, r))
	ps := pages(txt)
	if len(ps) < 5 {
		t.Errorf("%d pages: a 38-member table should run onto a second page", len(ps))
	}
	checkPageFooters(t, ps, "Samen Gezond")
	if !strings.Contains(txt, "Gemeente 30") || !strings.Contains(txt, "1 zonder inwonertal") {
		t.Error("last member or unknown population missing")
	}
}

func TestRenderMinimal(t *testing.T) {
	r := Report{
		Accord:    Accord{Name: "Leeg", Kind: "onbekend"},
		Generated: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	txt := pdfToText(t, render(t, r))
	for _, want := range []string{"Preventieakkoord", "Leeg", "Jaar van ondertekening onbekend", "Pagina 1 van"} {
		if !strings.Contains(txt, want) {
			t.Errorf("minimal report lacks %q", want)
		}
	}
}

func TestRenderNeedsGenerated(t *testing.T) {
	r := achterhoek()
	r.Generated = time.Time{}
	err := Render(io.Discard, r)
	if !errors.Is(err, ErrInvalidReport) {
		t.Errorf("Render without Generated: err = %v, want ErrInvalidReport", err)
	}
}

func TestRenderReproducible(t *testing.T) {
	a := render(t, achterhoek())
	b := render(t, achterhoek())
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders of the same report differ (%d and %d bytes)", len(a), len(b))
	}
	for _, want := range []string{"/Producer (lpa)", "/Creator (lpa)", "/CreationDate (D:20201031233000"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	c := render(t, sudwestFryslan())
	if bytes.Equal(a, c) {
		t.Error("different reports gave the same bytes")
	}
}

func BenchmarkRender(b *testing.B) {
	r := achterhoek()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, r); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// TestRenderConcurrent renders reports in parallel, as a pipeline run may,
// and expects the same bytes as a render on its own.
func TestRenderConcurrent(t *testing.T) {
	want := render(t, achterhoek())
	const n = 4
	got := make([][]byte, n)
	errs := make([]error, n)
	done := make(chan int)
	for i := range n {
		go func() {
			var buf bytes.Buffer
			errs[i] = Render(&buf, achterhoek())
			got[i] = buf.Bytes()
			done <- i
		}()
	}
	for range n {
		<-done
	}
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("render %d: %v", i, errs[i])
		}
		if !bytes.Equal(got[i], want) {
			t.Errorf("concurrent render %d differs from a single render", i)
		}
	}
}
