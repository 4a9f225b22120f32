package indicators

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Workbooks of the templates.
const (
	WorkbookProcess = "proces"
	WorkbookProject = "project"
)

// Quarter is a calendar quarter, written 2021-Q1.
type Quarter struct {
	Year, Q int
}

func (q Quarter) String() string { return fmt.Sprintf("%d-Q%d", q.Year, q.Q) }

// Start is the first day of the quarter.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*q.Q-2), 1, 0, 0, 0, 0, time.UTC)
}

var reQuarter = regexp.MustCompile(`^([0-9]{4})-[Qq]([0-9]+)$`)

// ParseQuarter reads 2021-Q1 (q in either case).
func ParseQuarter(s string) (Quarter, error) {
	m := reQuarter.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Quarter{}, fmt.Errorf("kwartaal %q; expected a quarter as YYYY-Qn, e.g. 2021-Q1", s)
	}
	y, _ := strconv.Atoi(m[1])
	q, _ := strconv.Atoi(m[2])
	if q < 1 || q > 4 {
		return Quarter{}, fmt.Errorf("kwartaal %q: quarter %d does not exist; expected Q1, Q2, Q3 or Q4", s, q)
	}
	if y < 2018 || y > 2100 {
		return Quarter{}, fmt.Errorf("kwartaal %q; expected a year from 2018 on (the national accord is of November 2018)", s)
	}
	return Quarter{y, q}, nil
}

// Loc is where a template row stands, for problems found after parsing
// (an accord id or intervention the warehouse does not know).
type Loc struct {
	File   string
	Line   int
	Column int    // 1-based
	Cell   string // sheet!cell for workbooks
	Field  string
}

// Err returns a ParseError at l.
func (l Loc) Err(sentinel error, msg string) *ParseError {
	return &ParseError{File: l.File, Line: l.Line, Column: l.Column, Cell: l.Cell, Field: l.Field, Err: sentinel, Msg: msg}
}

// ProcessQuarter is one accord in one quarter (sheet Kwartalen).
type ProcessQuarter struct {
	AccordID             string
	Quarter              Quarter
	PartiesActive        *int64
	SteeringMeetings     *int64
	WorkingGroupMeetings *int64
	ResidentsInvolved    *int64
	Note                 string
	ExampleData          bool
	At                   Loc // of the akkoord_id cell
}

// BudgetRow is one budget line of an accord in one quarter (sheet Budget).
type BudgetRow struct {
	AccordID    string
	Quarter     Quarter
	Line        string // BudgetLines key
	PlannedEUR  *float64
	SpentEUR    *float64
	Note        string
	ExampleData bool
	At          Loc
}

// Intervention is one intervention of an accord (sheet Interventies).
type Intervention struct {
	AccordID         string
	ID               string
	Name             string
	Theme            string // InterventionThemes key, "" unknown
	Loketgezondleven *bool  // recognised in the Loketgezondleven database; nil unknown
	TargetGroup      string // TargetGroups key, "" unknown
	Status           string // InterventionStatuses key
	Note             string
	ExampleData      bool
	At               Loc
	IDAt             Loc // of the interventie_id cell
}

// ReachRow is the reach of one intervention in one quarter (sheet Bereik).
type ReachRow struct {
	AccordID       string
	InterventionID string
	Quarter        Quarter
	Planned        *int64
	Reached        *int64
	Note           string
	ExampleData    bool
	At             Loc
	IDAt           Loc
}

// TemplateData is the content of a filled-in template: one CSV table or a
// whole workbook.
type TemplateData struct {
	Workbook      string // WorkbookProcess or WorkbookProject for a workbook, "" for one CSV table
	Quarters      []ProcessQuarter
	Budget        []BudgetRow
	Interventions []Intervention
	Reach         []ReachRow
}

// Rows is the number of warehouse rows the template brings.
func (d *TemplateData) Rows() int {
	return len(d.Quarters) + len(d.Budget) + len(d.Interventions) + len(d.Reach)
}

// AccordIDs lists every accord id the template names, with the first place
// it is named.
func (d *TemplateData) AccordIDs() map[string]Loc {
	out := map[string]Loc{}
	add := func(id string, at Loc) {
		if _, ok := out[id]; !ok {
			out[id] = at
		}
	}
	d.eachAccord(add)
	for _, r := range d.Reach {
		add(r.AccordID, r.At)
	}
	return out
}

// eachAccord calls fn with the accord id and the place of every row of
// Kwartalen, Budget and Interventies, in that order.
func (d *TemplateData) eachAccord(fn func(id string, at Loc)) {
	for _, r := range d.Quarters {
		fn(r.AccordID, r.At)
	}
	for _, r := range d.Budget {
		fn(r.AccordID, r.At)
	}
	for _, r := range d.Interventions {
		fn(r.AccordID, r.At)
	}
}

// CheckReferences refuses rows that name an accord not in accords, or reach
// of an intervention not in interventions (keys accord_id + "/" +
// interventie_id) or in the template itself. All problems are joined.
func (d *TemplateData) CheckReferences(accords map[string]bool, interventions map[string]bool) error {
	var probs Problems
	file := ""
	known := func(id string, at Loc) {
		file = at.File
		if !accords[id] {
			probs.Add(at.Err(ErrInvalidValue, fmt.Sprintf("accord %q is not in the registry; expected the id of an accord loaded before or in the same load (see the accords view)", id)))
		}
	}
	d.eachAccord(known)
	for _, r := range d.Reach {
		if !accords[r.AccordID] {
			known(r.AccordID, r.At)
			continue
		}
		if !interventions[r.AccordID+"/"+r.InterventionID] {
			file = r.IDAt.File
			probs.Add(r.IDAt.Err(ErrInvalidValue, fmt.Sprintf("intervention %q of accord %s is not known; expected an interventie_id from the Interventies table (in this load or loaded before)", r.InterventionID, r.AccordID)))
		}
	}
	return probs.Err(file)
}
