package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// CBS's OData v3 API ("ODataApi" for a table's metadata, "ODataFeed" for
// its data set, paged with odata.nextLink, as CBS's own clients use them).
// CBS tables live on opendata.cbs.nl, third-party tables such as RIVM's
// (5xxxxNED) on dataderden.cbs.nl.
const (
	hostCBS    = "opendata.cbs.nl"
	hostDerden = "dataderden.cbs.nl"
)

// odataQuery is what to take of a StatLine table.
type odataQuery struct {
	host    string // hostCBS or hostDerden
	table   string // 50090NED
	dataset string // UntypedDataSet or TypedDataSet
	filter  string // OData $filter, "" for all rows
}

func (q odataQuery) metaURL(name string) string {
	return fmt.Sprintf("https://%s/ODataApi/odata/%s/%s?$format=json", q.host, q.table, name)
}

// dataURL is the first page of the data set.
func (q odataQuery) dataURL() string {
	v := url.Values{}
	v.Set("$format", "json")
	if q.filter != "" {
		v.Set("$filter", q.filter)
	}
	// %20 rather than +: both are valid, this is what the CBS docs show.
	return fmt.Sprintf("https://%s/ODataFeed/odata/%s/%s?%s", q.host, q.table, q.dataset, strings.ReplaceAll(v.Encode(), "+", "%20"))
}

// property is one entry of DataProperties: a dimension, a topic group or a
// topic (a column of the data set).
type property struct {
	ID       int    `json:"ID"`
	ParentID *int   `json:"ParentID"`
	Type     string `json:"Type"` // Dimension, GeoDimension, TimeDimension, GeoDetail, TopicGroup, Topic
	Key      string `json:"Key"`
	Title    string `json:"Title"`
	Datatype string `json:"Datatype"` // Topic: Double, Long, String, ...
	Unit     string `json:"Unit"`
}

func (p property) isDimension() bool { return strings.HasSuffix(p.Type, "Dimension") }

// category is one entry of a dimension endpoint (RegioS, Perioden, ...).
type category struct {
	Key   string `json:"Key"`
	Title string `json:"Title"`
}

// tableInfo is the one entry of TableInfos.
type tableInfo struct {
	Title      string `json:"Title"`
	Identifier string `json:"Identifier"`
	Period     string `json:"Period"`
}

// table is a StatLine table as fetched: its metadata and the rows of the
// data set (values are string, json.Number or nil).
type table struct {
	q     odataQuery
	info  tableInfo
	props []property                     // in the order of DataProperties
	cats  map[string]map[string]category // dimension key -> category key -> category
	order map[string][]category          // dimension key -> categories in the API's order
	rows  []map[string]any
	pages int
}

// column reports the properties that are columns of the data set, in order.
func (t *table) columns() []property {
	var out []property
	for _, p := range t.props {
		if p.isDimension() || p.Type == "Topic" {
			out = append(out, p)
		}
	}
	return out
}

// path is the titles of p's topic groups and p, outermost first.
func (t *table) path(p property) []string {
	byID := map[int]property{}
	for _, q := range t.props {
		byID[q.ID] = q
	}
	out := []string{strings.TrimSpace(p.Title)}
	for parent := p.ParentID; parent != nil; {
		g, ok := byID[*parent]
		if !ok {
			break
		}
		out = append([]string{strings.TrimSpace(g.Title)}, out...)
		parent = g.ParentID
	}
	return out
}

// odataPage is one answer of the API.
type odataPage struct {
	Value []json.RawMessage `json:"value"`
	Next  string            `json:"odata.nextLink"`
}

// getPage requests one page (with retries) and checks that it is an OData
// JSON answer.
func (f *fetcher) getPage(ctx context.Context, u string) ([]byte, *odataPage, error) {
	var body []byte
	var pg odataPage
	err := f.c.do(ctx, func(ctx context.Context) error {
		resp, err := f.c.get(ctx, u, http.Header{"Accept": {"application/json"}}, http.StatusOK)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err = io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
		if err != nil {
			return &Error{URL: u, Kind: ErrBadResponse, Cause: err, What: fmt.Sprintf("the answer broke off after %d bytes (%v)", len(body), rootCause(err)), Hint: resumeHint}
		}
		if int64(len(body)) > f.cfg.MaxBytes {
			return &Error{URL: u, Kind: ErrTooLarge, What: fmt.Sprintf("the answer passed the cap of %d bytes", f.cfg.MaxBytes), Hint: "raise the cap with --max-file"}
		}
		pg = odataPage{}
		if err := json.Unmarshal(body, &pg); err != nil || pg.Value == nil {
			what := "the answer is not OData JSON with a \"value\" list"
			if err != nil {
				what += fmt.Sprintf(" (%v)", err)
			}
			return &Error{URL: u, Kind: ErrBadResponse, What: what, Hint: "the API may have changed; check the URL in a browser"}
		}
		if pg.Next != "" && !sameOrigin(f.c.resolve(u), f.c.resolve(pg.Next)) {
			return &Error{URL: u, Kind: ErrBadResponse, What: fmt.Sprintf("odata.nextLink points to another host (%s)", pg.Next), Hint: "lpa follows links on the same host only"}
		}
		return nil
	})
	return body, &pg, err
}

// stage is the folder where the pages of an unfinished table wait:
// ".lpa-fetch/<file>/" in the output folder (hidden: lpa load skips it).
func (f *fetcher) stage(file string) string {
	return filepath.Join(f.cfg.Dir, ".lpa-fetch", strings.ReplaceAll(file, "/", "_"))
}

// stageState is how far the data set of a table came.
type stageState struct {
	First string `json:"first"` // the first page's URL: another query starts afresh
	Next  string `json:"next"`
	Pages int    `json:"pages"`
	Done  bool   `json:"done"`
}

// fetchTable fetches the metadata and every page of the data set of q,
// keeping each answer in the stage folder so that a new run continues
// after the last page kept.
func (f *fetcher) fetchTable(ctx context.Context, q odataQuery, pick func(*table) (string, error), file string) (*table, error) {
	dir := f.stage(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	t := &table{q: q, cats: map[string]map[string]category{}, order: map[string][]category{}}
	var infos []tableInfo
	if err := f.meta(ctx, q, dir, "TableInfos", &infos); err != nil {
		return nil, err
	}
	if len(infos) != 1 {
		return nil, &Error{URL: q.metaURL("TableInfos"), Kind: ErrBadResponse, What: fmt.Sprintf("%d table descriptions; expected one", len(infos))}
	}
	t.info = infos[0]
	if err := f.meta(ctx, q, dir, "DataProperties", &t.props); err != nil {
		return nil, err
	}
	for _, p := range t.props {
		if !p.isDimension() {
			continue
		}
		var cs []category
		if err := f.meta(ctx, q, dir, p.Key, &cs); err != nil {
			return nil, err
		}
		m := map[string]category{}
		for _, c := range cs {
			m[c.Key] = c
		}
		t.cats[p.Key] = m
		t.order[p.Key] = cs
	}
	if pick != nil {
		filter, err := pick(t)
		if err != nil {
			return nil, err
		}
		q.filter = filter
		t.q = q
	}
	st, err := f.stageState(dir, q.dataURL(), file)
	if err != nil {
		return nil, err
	}
	for !st.Done {
		_, pg, err := f.getPage(ctx, st.Next)
		if err != nil {
			return nil, err
		}
		rows, err := json.Marshal(pg.Value)
		if err != nil {
			return nil, err
		}
		if err := writeFileAtomic(filepath.Join(dir, fmt.Sprintf("page-%05d.json", st.Pages+1)), rows); err != nil {
			return nil, err
		}
		st.Pages++
		st.Next, st.Done = pg.Next, pg.Next == ""
		if err := writeJSON(filepath.Join(dir, "state.json"), st); err != nil {
			return nil, err
		}
		f.progress(Event{File: file, Step: StepPage, Pages: st.Pages, Rows: len(pg.Value)})
	}
	for i := 1; i <= st.Pages; i++ {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("page-%05d.json", i)))
		if err != nil {
			return nil, fmt.Errorf("page %d of %s kept in %s: %w; delete that folder and run lpa fetch again", i, q.table, dir, err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var rows []map[string]any
		if err := dec.Decode(&rows); err != nil {
			return nil, fmt.Errorf("page %d of %s kept in %s: %w; delete that folder and run lpa fetch again", i, q.table, dir, err)
		}
		t.rows = append(t.rows, rows...)
	}
	t.pages = st.Pages
	return t, nil
}

// stageState reads how far an earlier run came with the data set whose
// first page is first; another query (or none kept) starts afresh.
func (f *fetcher) stageState(dir, first, file string) (stageState, error) {
	var st stageState
	if b, err := os.ReadFile(filepath.Join(dir, "state.json")); err == nil && json.Unmarshal(b, &st) == nil && st.First == first {
		if st.Pages > 0 && !st.Done {
			f.progress(Event{File: file, Step: StepResume, Pages: st.Pages})
		}
		return st, nil
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.json"))
	for _, p := range pages {
		if err := os.Remove(p); err != nil {
			return st, err
		}
	}
	return stageState{First: first, Next: first}, nil
}

// orderedCats are the categories of a dimension in the API's order.
func (t *table) orderedCats(dim string) []category { return t.order[dim] }

// meta fetches a metadata endpoint (all its pages) into v, or reads it
// from the stage folder when an earlier run kept it.
func (f *fetcher) meta(ctx context.Context, q odataQuery, dir, name string, v any) error {
	kept := filepath.Join(dir, "meta-"+name+".json")
	b, err := os.ReadFile(kept)
	if errors.Is(err, fs.ErrNotExist) {
		var all []json.RawMessage
		for next := q.metaURL(name); next != ""; {
			_, pg, err := f.getPage(ctx, next)
			if err != nil {
				return err
			}
			all = append(all, pg.Value...)
			next = pg.Next
		}
		if b, err = json.Marshal(all); err != nil {
			return err
		}
		if err := writeFileAtomic(kept, b); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return &Error{URL: q.metaURL(name), Kind: ErrBadResponse, Cause: err, What: fmt.Sprintf("the %s of %s are not as the API documents them (%v)", name, q.table, err)}
	}
	return nil
}
