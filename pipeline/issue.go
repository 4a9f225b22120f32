package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"lpa/pipeline/store"
	"lpa/reports"
)

// issued is one report rendered for a round, as it will be issued.
type issued struct {
	rep     reports.Report
	unit    string // akkoord | gemeente
	name    string // the report: its file's stem
	pdf     []byte
	figures []reports.Printed
	issue   store.Issue // the version it is (new or the latest)
	isNew   bool        // a new version: write it and record it
}

// fingerprint hashes what a report prints (every value of r: the rows the
// loads and the registry gave) and lpa's version: equal fingerprints give
// equal bytes, as rendering is deterministic.
func fingerprint(version string, r reports.Report) (string, error) {
	r.Fingerprint, r.Reissue = "", nil
	b, err := json.Marshal(r)
	if err != nil {
		return "", fmt.Errorf("fingerprint of report %s: %w", r.Accord.ID, err)
	}
	h := sha256.New()
	h.Write([]byte(version + "\n"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func sha256Bytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// issue renders r and decides its version against the latest issue of the
// round: the same fingerprint and bytes keep that version; other data make
// the next version, which opens with the figures that changed.
func (p *Pipeline) issue(ctx context.Context, r reports.Report, latest map[string]store.Issue) (*issued, error) {
	fp, err := fingerprint(p.version, r)
	if err != nil {
		return nil, err
	}
	r.Fingerprint = fp
	out := &issued{rep: r, unit: "akkoord", name: r.Accord.ID}
	if r.Subject == "gemeente" {
		out.unit = "gemeente"
	}
	if err := out.render(); err != nil {
		return nil, err
	}
	prev, ok := latest[out.name]
	switch {
	case !ok:
		out.issue = store.Issue{Version: 1, FileName: out.name + ".pdf"}
		out.isNew = true
	case prev.Fingerprint == fp && prev.PDFSHA256 == sha256Bytes(out.pdf):
		out.issue = prev
		return out, nil
	default:
		ri, err := p.reissue(ctx, r, prev, out.figures)
		if err != nil {
			return nil, err
		}
		out.rep.Reissue = ri
		if err := out.render(); err != nil {
			return nil, err
		}
		out.issue = store.Issue{Version: prev.Version + 1, FileName: fmt.Sprintf("%s-v%d.pdf", out.name, prev.Version+1)}
		out.isNew = true
	}
	out.issue.Round, out.issue.Report, out.issue.Unit = r.Round, out.name, out.unit
	out.issue.Fingerprint, out.issue.PDFSHA256, out.issue.Figures = fp, sha256Bytes(out.pdf), out.figures
	return out, nil
}

func (o *issued) render() error {
	var buf bytes.Buffer
	figs, err := reports.RenderPrinted(&buf, o.rep)
	if err != nil {
		return fmt.Errorf("report %s: %w", o.rep.Accord.ID, err)
	}
	o.pdf, o.figures = buf.Bytes(), figs
	return nil
}

// reissue compares the figures of a report with those of its previous
// issue and names the loads behind each change.
func (p *Pipeline) reissue(ctx context.Context, r reports.Report, prev store.Issue, now []reports.Printed) (*reports.Reissue, error) {
	before, err := p.db.IssueFigures(ctx, r.Round, prev.Report, prev.Version)
	if err != nil {
		return nil, err
	}
	causes, err := p.db.FigureCauses(ctx, r.Round, prev.Report, prev.Version, prev.LastLoad)
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
// gemeente reports into dir/gemeenten), and leaves the others as they are.
func (p *Pipeline) Reissue(ctx context.Context, dir string, round time.Time) (*ReportResult, error) {
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
	only := slices.Sorted(maps.Keys(latest))
	return p.ReportWith(ctx, ReportOptions{Dir: dir, Round: round, Only: only, OnlyNew: true})
}
