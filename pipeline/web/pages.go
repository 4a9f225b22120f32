package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"lpa/indicators"
	"lpa/reports"
)

//go:embed templates/*.html
var templateFS embed.FS

// National is the national page's values.
type National struct {
	Round    time.Time
	Figures  []Figure
	Division int
	Status   map[string]string // gemeente code -> VNG status
	Counts   map[string]int    // status -> gemeenten
	Example  bool              // some status rows are example data
}

// sectionNames are the factsheet's sections (national_evaluation.section)
// as the page names them.
var sectionNames = map[string]string{
	"aanvullende_themas":   "Aanvullende thema's",
	"akkoorden":            "Akkoorden",
	"doelen":               "Doelen",
	"monitoring":           "Monitoring",
	"npa_themas":           "NPA-thema's",
	"partijen_per_akkoord": "Partijen per akkoord",
	"programmas":           "Programma's",
	"sectoren":             "Sectoren",
	"status_gemeenten":     "Status van de gemeenten",
}

// Figure is one figure of the factsheet.
type Figure struct {
	Section, Item, Label string
	Count, Base, Pct     *int
	Value                *float64
}

// Run is one run of the history.
type Run struct {
	ID           int64     `json:"run_id"`
	Job          string    `json:"job"`
	ScheduledFor time.Time `json:"scheduled_for,omitzero"`
	StartedAt    time.Time `json:"started_at,omitzero"`
	FinishedAt   time.Time `json:"finished_at,omitzero"`
	Status       string    `json:"status"`
	Attempt      int       `json:"attempt"`
	Error        string    `json:"error,omitempty"`
	Loads        int       `json:"loads"`
	Round        time.Time `json:"round,omitzero"`
	Reports      int       `json:"reports"`
}

// Load is one load of the loads view.
type Load struct {
	ID                       int64
	Name, Path, SHA256, Kind string
	Rows                     int64
	LoadedAt                 time.Time
	Status, Message          string
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return reports.FormatDate(t)
	},
	"time": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return t.In(indicators.Amsterdam).Format("2-1-2006 15:04")
	},
	"value": func(v indicators.Value, unit string) string {
		if v.OK() && unit != "" && unit != "%" {
			return reports.FormatNumber(v.V, 1) + " " + unit
		}
		return reports.FormatPercent(v)
	},
	"num": func(p *float64) string {
		if p == nil {
			return "–"
		}
		if *p == math.Trunc(*p) {
			return reports.FormatNumber(*p, 0) // a count or a total: 574, not 574,0
		}
		return reports.FormatNumber(*p, 1)
	},
	"section": func(s string) string {
		if name, ok := sectionNames[s]; ok {
			return name
		}
		return strings.ReplaceAll(s, "_", " ")
	},
	"int": func(p *int) string {
		if p == nil {
			return "–"
		}
		return strconv.Itoa(*p)
	},
	"pct":         func(x float64) string { return reports.FormatNumber(x*100, 0) + "%" },
	"svg":         func(b []byte) template.HTML { return template.HTML(b) }, // our own chart code's SVG
	"statuscolor": reports.StatusColor,
	"sub":         func(a, b int) int { return a - b },
	"words":       func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"verdictword": func(v string) string {
		return map[string]string{"gunstig": "gunstiger", "vergelijkbaar": "vergelijkbaar", "ongunstig": "ongunstiger", "neutraal": "geen oordeel"}[v]
	},
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
}

var pages = template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html"))

// render writes a page with the layout.
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("page failed", "page", name, "err", err)
		writeError(w, http.StatusInternalServerError, "de pagina kon niet worden gemaakt: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

type nationalPage struct {
	National
	Accords  []reports.Report
	MapSVG   []byte
	Next     map[string]time.Time
	Statuses []statusRow
}

type statusRow struct {
	Key, Word, Color string
	Count            int
}

func (s *Server) national(w http.ResponseWriter, r *http.Request) {
	n, err := s.cfg.Source.National(r.Context())
	if err != nil {
		s.render(w, "empty.html", map[string]any{"Title": "Nog geen ronde", "Err": err.Error()})
		return
	}
	_, accords, _, err := s.cfg.Source.Values(r.Context(), nil, false)
	if err != nil {
		s.render(w, "empty.html", map[string]any{"Title": "Nog geen ronde", "Err": err.Error()})
		return
	}
	svg, err := reports.StatusMapSVG(n.Division, n.Status, 300, 360)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var rows []statusRow
	for _, k := range reports.StatusKeys {
		rows = append(rows, statusRow{k.Key, k.Word, reports.StatusColor(k.Key), n.Counts[k.Key]})
	}
	s.render(w, "national.html", nationalPage{National: n, Accords: accords, MapSVG: svg, Next: s.cfg.Source.NextRuns(), Statuses: rows})
}

type reportPage struct {
	reports.Report
	Kind   string // akkoord | gemeente
	Latest []reports.Measure
	Charts [][]byte
	MapSVG []byte
	PDF    string
}

func (s *Server) accord(w http.ResponseWriter, r *http.Request) {
	s.reportPage(w, r, r.PathValue("id"), false)
}

func (s *Server) gemeente(w http.ResponseWriter, r *http.Request) {
	s.reportPage(w, r, strings.ToUpper(r.PathValue("code")), true)
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, id string, gemeente bool) {
	_, accords, gems, err := s.cfg.Source.Values(r.Context(), []string{id}, false)
	if err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	var rep reports.Report
	switch {
	case gemeente && len(gems) == 1:
		rep = gems[0]
	case !gemeente && len(accords) == 1:
		rep = accords[0]
	default:
		writeError(w, http.StatusNotFound, "geen rapport voor "+id)
		return
	}
	p := reportPage{Report: rep, Kind: "akkoord", Latest: reports.Latest(rep.Measures), PDF: "/rapporten/" + id + ".pdf"}
	if gemeente {
		p.Kind, p.PDF = "gemeente", "/rapporten/gemeenten/"+id+".pdf"
	}
	for i := range rep.Themes {
		svg, err := reports.ReportThemeSVG(rep, i, 480, 250)
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		p.Charts = append(p.Charts, svg)
	}
	if p.MapSVG, err = reports.MapSVG(rep.Map, 420, 360); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.render(w, "report.html", p)
}

func (s *Server) runs(w http.ResponseWriter, r *http.Request) {
	runs, err := s.cfg.Source.Runs(r.Context(), 200)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.render(w, "runs.html", map[string]any{"Runs": runs, "Next": s.cfg.Source.NextRuns(), "Jobs": s.cfg.Source.Jobs()})
}

func (s *Server) loads(w http.ResponseWriter, r *http.Request) {
	loads, err := s.cfg.Source.Loads(r.Context(), 500)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.render(w, "loads.html", map[string]any{"Loads": loads})
}

var pdfName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*\.pdf$`)

// pdf serves a report of the report folder; only plain PDF names.
func (s *Server) pdf(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if !pdfName.MatchString(name) {
		writeError(w, http.StatusNotFound, "geen rapport "+name)
		return
	}
	dir := s.cfg.Reports
	if strings.HasPrefix(r.URL.Path, "/rapporten/gemeenten/") {
		dir = filepath.Join(dir, "gemeenten")
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("rapport %s is er (nog) niet: het wordt gemaakt bij de volgende run van de job report", name))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = w.Write(b)
}

// svg serves one chart of a page as an image (for embedding elsewhere).
func (s *Server) svg(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		writeError(w, http.StatusNotFound, "geen grafiek")
		return
	}
	_, accords, gems, err := s.cfg.Source.Values(r.Context(), []string{r.PathValue("id")}, false)
	if err != nil || len(accords)+len(gems) != 1 {
		writeError(w, http.StatusNotFound, "geen rapport")
		return
	}
	rep := append(accords, gems...)[0]
	b, err := reports.ReportThemeSVG(rep, n, 480, 250)
	if err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(b)
}
