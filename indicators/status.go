package indicators

import (
	"slices"
	"time"
)

// StatusSet is a VNG status file: per round (peildatum) and gemeente the
// status of the local prevention accord, as VNG's map shows it.
type StatusSet struct {
	Rows []StatusRow
}

// StatusRow is one gemeente in one round.
type StatusRow struct {
	Peildatum    time.Time
	Division     int // the year of the peildatum: the division its codes belong to
	GemeenteCode string
	Status       string // Statuses key
	ExampleData  bool
	Line         int
}

// Peildata lists the rounds of the file, oldest first.
func (s *StatusSet) Peildata() []time.Time {
	var out []time.Time
	for _, r := range s.Rows {
		if !slices.ContainsFunc(out, r.Peildatum.Equal) {
			out = append(out, r.Peildatum)
		}
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}
