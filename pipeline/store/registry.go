package store

import (
	"context"
	"database/sql"
	"time"

	"lpa/indicators"
)

// What a registry, status or template file replaces:
//   - a registry file (accord id X) replaces X's whole coding (and, in
//     replaceAccord, X's entry and members);
//   - a VNG status file replaces every row of the peildata (rounds) it holds;
//   - a template replaces, per table, the keys it holds: Kwartalen and Budget
//     the (accord, quarter) pairs (all budget lines of such a quarter),
//     Interventies the (accord, intervention) pairs, Bereik the (accord,
//     intervention, quarter) triples. Rows of other keys stay.

// registryTables are the tables of 006_registry.sql whose rows belong to a
// load (ownedRows counts them).
var registryTables = []string{"accord_coding", "accord_coding_item", "accord_party", "accord_goal",
	"accord_status", "process_quarter", "process_budget", "project_intervention", "project_reach"}

// registryOwned is the part of ownedRows that counts the rows of the
// registry tables with load_id $1.
func registryOwned() string {
	s := ""
	for _, t := range registryTables {
		s += " +\n\t\t(SELECT count(*) FROM store." + t + " WHERE load_id = $1)"
	}
	return s
}

func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func i64(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func f64(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func boolp(p *bool) any {
	if p == nil {
		return nil
	}
	return *p
}

// replaceAccordCoding replaces the coding of accord a.ID with a's.
func replaceAccordCoding(ctx context.Context, conn *sql.Conn, a *indicators.Accord, loadID int64) ([]int64, error) {
	coding := []string{"accord_coding", "accord_coding_item", "accord_party", "accord_goal"}
	q := ""
	for i, t := range coding {
		if i > 0 {
			q += " UNION "
		}
		q += "SELECT load_id FROM store." + t + " WHERE accord_id = $1"
	}
	ids, err := loadIDs(ctx, conn, q+" ORDER BY 1", a.ID)
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 { // a new accord has nothing to delete
		for _, t := range coding {
			if _, err := conn.ExecContext(ctx, `DELETE FROM store.`+t+` WHERE accord_id = ?`, a.ID); err != nil {
				return nil, err
			}
		}
	}
	c := a.Coding
	if c == nil {
		return ids, nil
	}
	var worked, monitored any
	if c.WorkingMethods != nil {
		worked = len(c.WorkingMethods) > 0
	}
	if c.Monitoring != nil {
		monitored = len(c.Monitoring) > 0
	}
	var parties any
	if c.PartyCount > 0 {
		parties = c.PartyCount
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO store.accord_coding VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, date(c.Peildatum), str(c.BasedOn), parties, boolp(c.InterventionsDescribed), boolp(c.ThemeInterventionsDescribed),
		str(c.EHealth), worked, monitored, str(c.Note), str(c.Source), c.ExampleData, loadID); err != nil {
		return nil, err
	}
	items := c.Items()
	pos := make([]int64, len(items)) // from 1 per facet
	for i, it := range items {
		pos[i] = 1
		if i > 0 && items[i-1].Facet == it.Facet {
			pos[i] = pos[i-1] + 1
		}
	}
	if len(items) > 0 {
		err := insertArrow(ctx, conn, "lpa_ingest_items", []stageCol{{"facet", stString}, {"position", stInt}, {"item", stString}, {"detail", stString}},
			len(items), func(i, j int) any {
				it := items[i]
				switch j {
				case 0:
					return it.Facet
				case 1:
					return pos[i]
				case 2:
					return it.Item
				}
				return str(it.Detail)
			}, `INSERT INTO store.accord_coding_item
			SELECT ?, facet, position, item, detail, ?, ? FROM lpa_ingest_items`, a.ID, c.ExampleData, loadID)
		if err != nil {
			return nil, err
		}
	}
	if len(c.Parties) > 0 {
		err := insertArrow(ctx, conn, "lpa_ingest_parties", []stageCol{{"party_no", stInt}, {"party", stString}, {"sector", stString}},
			len(c.Parties), func(i, j int) any {
				switch j {
				case 0:
					return int64(i + 1)
				case 1:
					return c.Parties[i].Name
				}
				return c.Parties[i].Sector
			}, `INSERT INTO store.accord_party
			SELECT ?, party_no, party, sector, ?, ? FROM lpa_ingest_parties`, a.ID, c.ExampleData, loadID)
		if err != nil {
			return nil, err
		}
	}
	if len(c.Goals) > 0 {
		year := func(y int) any {
			if y == 0 {
				return nil
			}
			return int64(y)
		}
		err := insertArrow(ctx, conn, "lpa_ingest_goals", []stageCol{{"goal_no", stInt}, {"goal", stString}, {"theme", stString},
			{"indicator", stString}, {"baseline_period", stInt}, {"baseline_value", stFloat}, {"target_value", stFloat},
			{"deadline", stDate}, {"deadline_year", stInt}, {"owner", stString}}, len(c.Goals), func(i, j int) any {
			g := c.Goals[i]
			return []any{int64(i + 1), g.Text, str(g.Theme), str(g.Indicator), year(g.BaselinePeriod), f64(g.BaselineValue),
				f64(g.TargetValue), date(g.DeadlineOn), year(g.DeadlineYear), str(g.Owner)}[j]
		}, `INSERT INTO store.accord_goal SELECT ?, goal_no, goal, theme, indicator, baseline_period, baseline_value,
			target_value, deadline, deadline_year, owner, ?, ? FROM lpa_ingest_goals`, a.ID, c.ExampleData, loadID)
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// insertStaged runs q, which reads the staged table lpa_stage_rows, and
// drops that table.
func insertStaged(ctx context.Context, conn *sql.Conn, q string, args ...any) error {
	if _, err := conn.ExecContext(ctx, q, args...); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, `DROP TABLE lpa_stage_rows`)
	return err
}

// replaceStatus replaces the rounds (peildata) the file holds.
func replaceStatus(ctx context.Context, conn *sql.Conn, s *indicators.StatusSet, loadID int64) ([]int64, error) {
	var replaced []int64
	for _, d := range s.Peildata() {
		ids, err := loadIDs(ctx, conn, `SELECT DISTINCT load_id FROM store.accord_status WHERE peildatum = ? ORDER BY 1`, d)
		if err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, `DELETE FROM store.accord_status WHERE peildatum = ?`, d); err != nil {
			return nil, err
		}
		replaced = mergeIDs(replaced, ids)
	}
	err := insertArrow(ctx, conn, "lpa_ingest_status", []stageCol{{"peildatum", stDate}, {"gemeente_code", stString},
		{"division", stInt}, {"status", stString}, {"example_data", stBool}}, len(s.Rows), func(i, j int) any {
		r := s.Rows[i]
		switch j {
		case 0:
			return r.Peildatum
		case 1:
			return r.GemeenteCode
		case 2:
			return int64(r.Division)
		case 3:
			return r.Status
		}
		return r.ExampleData
	}, `INSERT INTO store.accord_status
		SELECT peildatum, gemeente_code, division, status, example_data, ? FROM lpa_ingest_status`, loadID)
	return replaced, err
}

// templateTable says how one table of a template is written: its staged
// columns, the columns of its key (what a file replaces) and the insert.
type templateTable struct {
	table  string
	cols   []stageCol
	key    []string
	n      int
	value  func(i, j int) any
	insert string // SELECT list from lpa_stage_rows, in the table's column order, ending with the load id (?)
}

func replaceTemplate(ctx context.Context, conn *sql.Conn, td *indicators.TemplateData, loadID int64) ([]int64, error) {
	q := func(x indicators.Quarter) []any { return []any{x.String(), x.Start()} }
	tables := []templateTable{
		{table: "process_quarter", key: []string{"accord_id", "quarter"}, n: len(td.Quarters),
			cols: []stageCol{{"accord_id", stString}, {"quarter", stString}, {"quarter_start", stDate}, {"parties_active", stInt},
				{"steering_meetings", stInt}, {"working_group_meetings", stInt}, {"residents_involved", stInt}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Quarters[i]
				return []any{r.AccordID, q(r.Quarter)[0], q(r.Quarter)[1], i64(r.PartiesActive), i64(r.SteeringMeetings),
					i64(r.WorkingGroupMeetings), i64(r.ResidentsInvolved), str(r.Note), r.ExampleData}[j]
			},
			insert: `accord_id, quarter, quarter_start, parties_active, steering_meetings, working_group_meetings, residents_involved, note, example_data, ?`},
		{table: "process_budget", key: []string{"accord_id", "quarter"}, n: len(td.Budget),
			cols: []stageCol{{"accord_id", stString}, {"quarter", stString}, {"quarter_start", stDate}, {"budget_line", stString},
				{"planned_eur", stFloat}, {"spent_eur", stFloat}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Budget[i]
				return []any{r.AccordID, q(r.Quarter)[0], q(r.Quarter)[1], r.Line, f64(r.PlannedEUR), f64(r.SpentEUR), str(r.Note), r.ExampleData}[j]
			},
			insert: `accord_id, quarter, quarter_start, budget_line, planned_eur, spent_eur, note, example_data, ?`},
		{table: "project_intervention", key: []string{"accord_id", "intervention_id"}, n: len(td.Interventions),
			cols: []stageCol{{"accord_id", stString}, {"intervention_id", stString}, {"name", stString}, {"theme", stString},
				{"loketgezondleven", stBool}, {"target_group", stString}, {"status", stString}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Interventions[i]
				return []any{r.AccordID, r.ID, r.Name, str(r.Theme), boolp(r.Loketgezondleven), str(r.TargetGroup), r.Status, str(r.Note), r.ExampleData}[j]
			},
			insert: `accord_id, intervention_id, name, theme, loketgezondleven, target_group, status, note, example_data, ?`},
		{table: "project_reach", key: []string{"accord_id", "intervention_id", "quarter"}, n: len(td.Reach),
			cols: []stageCol{{"accord_id", stString}, {"intervention_id", stString}, {"quarter", stString}, {"quarter_start", stDate},
				{"planned_participants", stInt}, {"reached_participants", stInt}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Reach[i]
				return []any{r.AccordID, r.InterventionID, q(r.Quarter)[0], q(r.Quarter)[1], i64(r.Planned), i64(r.Reached), str(r.Note), r.ExampleData}[j]
			},
			insert: `accord_id, intervention_id, quarter, quarter_start, planned_participants, reached_participants, note, example_data, ?`},
	}
	var replaced []int64
	for _, t := range tables {
		if t.n == 0 {
			continue
		}
		if err := stage(ctx, conn, "lpa_stage_rows", t.cols, t.n, t.value); err != nil {
			return nil, err
		}
		on := ""
		for i, k := range t.key {
			if i > 0 {
				on += " AND "
			}
			on += "t." + k + " = s." + k
		}
		ids, err := loadIDs(ctx, conn, `SELECT DISTINCT t.load_id FROM store.`+t.table+` t
			WHERE EXISTS (SELECT 1 FROM lpa_stage_rows s WHERE `+on+`) ORDER BY 1`)
		if err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, `DELETE FROM store.`+t.table+` t
			WHERE EXISTS (SELECT 1 FROM lpa_stage_rows s WHERE `+on+`)`); err != nil {
			return nil, err
		}
		replaced = mergeIDs(replaced, ids)
		if err := insertStaged(ctx, conn, `INSERT INTO store.`+t.table+` SELECT `+t.insert+` FROM lpa_stage_rows`, loadID); err != nil {
			return nil, err
		}
	}
	return replaced, nil
}

// AccordIDs lists the accord ids in the warehouse.
func (s *DB) AccordIDs(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.scanAll(ctx, `SELECT accord_id FROM store.accord`, nil, func(r *sql.Rows) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		out[id] = true
		return nil
	})
	return out, err
}

// InterventionKeys lists the interventions in the warehouse as
// accord_id + "/" + intervention_id.
func (s *DB) InterventionKeys(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.scanAll(ctx, `SELECT accord_id || '/' || intervention_id FROM store.project_intervention`, nil, func(r *sql.Rows) error {
		var k string
		if err := r.Scan(&k); err != nil {
			return err
		}
		out[k] = true
		return nil
	})
	return out, err
}
