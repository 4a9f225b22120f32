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
	ids, err := loadIDs(ctx, conn, stmt("load/coding_loads.sql"), a.ID)
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 { // a new accord has nothing to delete
		for _, f := range []string{"load/accord_coding_delete.sql", "load/accord_coding_item_delete.sql",
			"load/accord_party_delete.sql", "load/accord_goal_delete.sql"} {
			if _, err := conn.ExecContext(ctx, stmt(f), a.ID); err != nil {
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
	if _, err := conn.ExecContext(ctx, stmt("load/accord_coding_insert.sql"),
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
			}, stmt("load/accord_coding_item_insert.sql"), a.ID, c.ExampleData, loadID)
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
			}, stmt("load/accord_party_insert.sql"), a.ID, c.ExampleData, loadID)
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
		}, stmt("load/accord_goal_insert.sql"), a.ID, c.ExampleData, loadID)
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// replaceStatus replaces the rounds (peildata) the file holds.
func replaceStatus(ctx context.Context, conn *sql.Conn, s *indicators.StatusSet, loadID int64) ([]int64, error) {
	var replaced []int64
	for _, d := range s.Peildata() {
		ids, err := loadIDs(ctx, conn, stmt("load/status_loads.sql"), d)
		if err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, stmt("load/status_delete.sql"), d); err != nil {
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
	}, stmt("load/status_insert.sql"), loadID)
	return replaced, err
}

// templateTable says how one table of a template is written: its staged
// columns and rows, and the statements that find the loads whose rows the
// staged keys replace, delete those rows and insert the staged ones.
type templateTable struct {
	loads, del, insert string // the statements
	cols               []stageCol
	n                  int
	value              func(i, j int) any
}

func replaceTemplate(ctx context.Context, conn *sql.Conn, td *indicators.TemplateData, loadID int64) ([]int64, error) {
	q := func(x indicators.Quarter) []any { return []any{x.String(), x.Start()} }
	tables := []templateTable{
		{loads: "load/process_quarter_loads.sql", del: "load/process_quarter_delete.sql", insert: "load/process_quarter_insert.sql", n: len(td.Quarters),
			cols: []stageCol{{"accord_id", stString}, {"quarter", stString}, {"quarter_start", stDate}, {"parties_active", stInt},
				{"steering_meetings", stInt}, {"working_group_meetings", stInt}, {"residents_involved", stInt}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Quarters[i]
				return []any{r.AccordID, q(r.Quarter)[0], q(r.Quarter)[1], i64(r.PartiesActive), i64(r.SteeringMeetings),
					i64(r.WorkingGroupMeetings), i64(r.ResidentsInvolved), str(r.Note), r.ExampleData}[j]
			}},
		{loads: "load/process_budget_loads.sql", del: "load/process_budget_delete.sql", insert: "load/process_budget_insert.sql", n: len(td.Budget),
			cols: []stageCol{{"accord_id", stString}, {"quarter", stString}, {"quarter_start", stDate}, {"budget_line", stString},
				{"planned_eur", stFloat}, {"spent_eur", stFloat}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Budget[i]
				return []any{r.AccordID, q(r.Quarter)[0], q(r.Quarter)[1], r.Line, f64(r.PlannedEUR), f64(r.SpentEUR), str(r.Note), r.ExampleData}[j]
			}},
		{loads: "load/project_intervention_loads.sql", del: "load/project_intervention_delete.sql", insert: "load/project_intervention_insert.sql", n: len(td.Interventions),
			cols: []stageCol{{"accord_id", stString}, {"intervention_id", stString}, {"name", stString}, {"theme", stString},
				{"loketgezondleven", stBool}, {"target_group", stString}, {"status", stString}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Interventions[i]
				return []any{r.AccordID, r.ID, r.Name, str(r.Theme), boolp(r.Loketgezondleven), str(r.TargetGroup), r.Status, str(r.Note), r.ExampleData}[j]
			}},
		{loads: "load/project_reach_loads.sql", del: "load/project_reach_delete.sql", insert: "load/project_reach_insert.sql", n: len(td.Reach),
			cols: []stageCol{{"accord_id", stString}, {"intervention_id", stString}, {"quarter", stString}, {"quarter_start", stDate},
				{"planned_participants", stInt}, {"reached_participants", stInt}, {"note", stString}, {"example_data", stBool}},
			value: func(i, j int) any {
				r := td.Reach[i]
				return []any{r.AccordID, r.InterventionID, q(r.Quarter)[0], q(r.Quarter)[1], i64(r.Planned), i64(r.Reached), str(r.Note), r.ExampleData}[j]
			}},
	}
	var replaced []int64
	for _, t := range tables {
		if t.n == 0 {
			continue
		}
		if err := insertArrow(ctx, conn, "lpa_ingest_template", t.cols, t.n, t.value, stmt("load/template_stage.sql")); err != nil {
			return nil, err
		}
		ids, err := loadIDs(ctx, conn, stmt(t.loads))
		if err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, stmt(t.del)); err != nil {
			return nil, err
		}
		replaced = mergeIDs(replaced, ids)
		if _, err := conn.ExecContext(ctx, stmt(t.insert), loadID); err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, stmt("load/template_unstage.sql")); err != nil {
			return nil, err
		}
	}
	return replaced, nil
}

// AccordIDs lists the accord ids in the warehouse.
func (s *DB) AccordIDs(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.scanAll(ctx, stmt("query/accord_ids.sql"), nil, func(r *sql.Rows) error {
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
	err := s.scanAll(ctx, stmt("query/intervention_keys.sql"), nil, func(r *sql.Rows) error {
		var k string
		if err := r.Scan(&k); err != nil {
			return err
		}
		out[k] = true
		return nil
	})
	return out, err
}
