package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"lpa/pipeline/store"
	"lpa/reports"
)

// doc is a report that can be issued: an accord or gemeente report, or
// the national factsheet.
type doc interface {
	name() string // the report: its file's stem
	unit() string // akkoord | gemeente | landelijk
	round() time.Time
	// fingerprint hashes what the report prints (every value: the rows the
	// loads and the registry gave) and lpa's version: equal fingerprints
	// give equal bytes, as rendering is deterministic.
	fingerprint(version string) (string, error)
	// render lays the report out with fingerprint fp, opening with the
	// changes ri when it is not nil.
	render(fp string, ri *reports.Reissue) (pdf []byte, figures []reports.Printed, err error)
	// fileName is the file of a version.
	fileName(version int) string
}

// accordDoc is an accord's or a gemeente's report.
type accordDoc struct{ r reports.Report }

func (d accordDoc) name() string { return d.r.Accord.ID }

func (d accordDoc) unit() string {
	if d.r.Subject == "gemeente" {
		return "gemeente"
	}
	return "akkoord"
}

func (d accordDoc) round() time.Time { return d.r.Round }

func (d accordDoc) fingerprint(version string) (string, error) { return stampedHash(version, d.r) }

func (d accordDoc) render(fp string, ri *reports.Reissue) ([]byte, []reports.Printed, error) {
	pdf, figs, err := stampedRender(d.r, fp, ri, reports.RenderPrinted)
	if err != nil {
		return nil, nil, fmt.Errorf("report %s: %w", d.r.Accord.ID, err)
	}
	return pdf, figs, nil
}

func (d accordDoc) fileName(version int) string { return versionedName(d.name(), version) }

// nationalDoc is the national factsheet of a round.
type nationalDoc struct{ r reports.NationalReport }

// nationalReport is the national factsheet's report name in report_issues.
const nationalReport = "landelijk"

func (d nationalDoc) name() string     { return nationalReport }
func (d nationalDoc) unit() string     { return nationalReport }
func (d nationalDoc) round() time.Time { return d.r.Round }

func (d nationalDoc) fingerprint(version string) (string, error) { return stampedHash(version, d.r) }

func (d nationalDoc) render(fp string, ri *reports.Reissue) ([]byte, []reports.Printed, error) {
	return stampedRender(d.r, fp, ri, reports.RenderNational)
}

func (d nationalDoc) fileName(version int) string {
	return versionedName(nationalReport+"-"+d.r.Round.Format(time.DateOnly), version)
}

// stamped is a report value that carries the marks of an issue.
type stamped[R any] interface {
	*R
	Stamp(fingerprint string, ri *reports.Reissue)
}

// stampedHash is the fingerprint of report r: its value without the marks
// of an issue, and lpa's version.
func stampedHash[R any, P stamped[R]](version string, r R) (string, error) {
	P(&r).Stamp("", nil)
	return hashJSON(version, r)
}

// stampedRender lays r out with the marks of its issue.
func stampedRender[R any, P stamped[R]](r R, fp string, ri *reports.Reissue, draw func(io.Writer, R) ([]reports.Printed, error)) ([]byte, []reports.Printed, error) {
	P(&r).Stamp(fp, ri)
	var buf bytes.Buffer
	figs, err := draw(&buf, r)
	if err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), figs, nil
}

// versionedName is the file of a version of the report stem: stem.pdf,
// stem-v2.pdf, ...
func versionedName(stem string, version int) string {
	if version <= 1 {
		return stem + ".pdf"
	}
	return fmt.Sprintf("%s-v%d.pdf", stem, version)
}

// hashJSON is the short hash of lpa's version and v as JSON.
func hashJSON(version string, v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	h := sha256.New()
	h.Write([]byte(version + "\n"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// issued is one report rendered for a round, as it will be issued.
type issued struct {
	doc     doc
	pdf     []byte
	figures []reports.Printed
	issue   store.Issue // the version it is (new or the latest)
	isNew   bool        // a new version: write it and record it
}

func sha256Bytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// issue renders d and decides its version against the latest issue of the
// round: the same fingerprint and bytes keep that version; other data make
// the next version, which opens with the figures that changed.
func (p *Pipeline) issue(ctx context.Context, d doc, latest map[string]store.Issue) (*issued, error) {
	fp, err := d.fingerprint(p.version)
	if err != nil {
		return nil, err
	}
	out := &issued{doc: d}
	if out.pdf, out.figures, err = d.render(fp, nil); err != nil {
		return nil, err
	}
	prev, ok := latest[d.name()]
	if ok && prev.Fingerprint == fp {
		// The data did not change: the issued version stands, rendered as
		// it was issued (a re-issue opens with its changes).
		same, err := p.asIssued(ctx, d, fp, prev, out)
		if err != nil {
			return nil, err
		}
		if same {
			return out, nil
		}
	}
	switch {
	case !ok:
		out.issue = store.Issue{Version: 1}
	default:
		ri, err := p.reissue(ctx, d.round(), prev, out.figures)
		if err != nil {
			return nil, err
		}
		if out.pdf, out.figures, err = d.render(fp, ri); err != nil {
			return nil, err
		}
		out.issue = store.Issue{Version: prev.Version + 1}
	}
	out.isNew = true
	out.issue.FileName = d.fileName(out.issue.Version)
	out.issue.Round, out.issue.Report, out.issue.Unit = d.round(), d.name(), d.unit()
	out.issue.Fingerprint, out.issue.PDFSHA256, out.issue.Figures = fp, sha256Bytes(out.pdf), out.figures
	return out, nil
}

// asIssued renders d as its issued version prev was rendered (with the
// change page of prev over the version before it) into out, and says
// whether that gives prev's bytes; if not (lpa's rendering changed), out
// is left as d renders now and d needs a next version.
func (p *Pipeline) asIssued(ctx context.Context, d doc, fp string, prev store.Issue, out *issued) (bool, error) {
	pdf, figures := out.pdf, out.figures
	if prev.Version > 1 {
		before, err := p.db.IssueVersion(ctx, prev.Round, prev.Report, prev.Version-1)
		if err != nil {
			return false, fmt.Errorf("issue %d of %s: %w", prev.Version-1, prev.Report, err)
		}
		ri, err := p.reissue(ctx, prev.Round, before, figures)
		if err != nil {
			return false, err
		}
		if pdf, figures, err = d.render(fp, ri); err != nil {
			return false, err
		}
	}
	if sha256Bytes(pdf) != prev.PDFSHA256 {
		return false, nil
	}
	out.pdf, out.figures, out.issue = pdf, figures, prev
	return true, nil
}

// reissue compares the figures of a report with those of its previous
// issue and names the loads behind each change.
func (p *Pipeline) reissue(ctx context.Context, round time.Time, prev store.Issue, now []reports.Printed) (*reports.Reissue, error) {
	before, err := p.db.IssueFigures(ctx, round, prev.Report, prev.Version)
	if err != nil {
		return nil, err
	}
	causes, err := p.db.FigureCauses(ctx, round, prev.Report, prev.Version, prev.LastLoad)
	if err != nil {
		return nil, err
	}
	old := make(map[string]reports.Printed, len(before))
	for _, f := range before {
		old[store.FigureKey(f)] = f
	}
	ri := &reports.Reissue{Version: prev.Version + 1, PrevVersion: prev.Version, PrevIssued: prev.IssuedAt, PrevFingerprint: prev.Fingerprint}
	for _, f := range now {
		k := store.FigureKey(f)
		o, ok := old[k]
		if ok && o.Text == f.Text {
			continue
		}
		c := reports.FigureChange{Label: f.Label, Before: "–", After: f.Text, Page: f.Page + 1} // + 1: this page comes first
		if ok {
			c.Before = o.Text
		}
		var why []string
		for _, l := range causes[k] {
			why = append(why, fmt.Sprintf("lading %d: %s, sha256 %s", l.ID, l.File, l.SHA256[:12]))
		}
		c.Cause = strings.Join(why, "; ")
		ri.Changes = append(ri.Changes, c)
	}
	return ri, nil
}

// Reissue writes the next version of every report of round issued before
// whose data changed since (each opening with what changed), into dir (the
// gemeente reports into dir/gemeenten, the national factsheet into dir),
// and leaves the others as they are.
func (p *Pipeline) Reissue(ctx context.Context, dir string, round time.Time) (*ReissueResult, error) {
	round, err := p.resolveRound(ctx, round)
	if err != nil {
		return nil, err
	}
	latest, err := p.db.LatestIssues(ctx, round)
	if err != nil {
		return nil, err
	}
	if len(latest) == 0 {
		return nil, fmt.Errorf("%w: no report of round %s was issued yet; run lpa report --round %s first",
			ErrNoRound, round.Format(time.DateOnly), round.Format(time.DateOnly))
	}
	res := &ReissueResult{Reports: &ReportResult{Round: round, Dir: dir}}
	_, national := latest[nationalReport]
	delete(latest, nationalReport)
	if len(latest) > 0 {
		only := slices.Sorted(maps.Keys(latest))
		if res.Reports, err = p.ReportWith(ctx, ReportOptions{Dir: dir, Round: round, Only: only, OnlyNew: true}); err != nil {
			return nil, err
		}
	}
	if national {
		if res.National, err = p.reportNational(ctx, dir, round, true); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// ReissueResult is what Reissue wrote: the accord and gemeente reports,
// and the national factsheet when it was issued before (its Path is empty
// when its data did not change).
type ReissueResult struct {
	Reports  *ReportResult
	National *NationalResult
}
