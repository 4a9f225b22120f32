package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"lpa/pipeline/store"
)

// unknownAccord is the error for an id of a report run that names no
// accord: a gemeente's name says its code; else the nearest accord ids and,
// when the registry is short, all of them.
func (p *Pipeline) unknownAccord(ctx context.Context, id string, accords []store.AccordInfo, round time.Time) error {
	if gems, err := p.db.Gemeenten(ctx, round); err == nil {
		for _, g := range gems {
			if strings.EqualFold(g.Name, id) {
				return fmt.Errorf("%w %q: %s is a gemeente, whose report takes its CBS code: lpa report %s", ErrUnknownAccord, id, g.Name, g.Code)
			}
		}
	}
	ids := make([]string, len(accords))
	for i, a := range accords {
		ids[i] = a.ID
	}
	list := `lpa sql "SELECT accord_id, name FROM accords" lists them`
	switch {
	case len(ids) == 0:
		list = "the registry is empty (lpa load examples/accords loads the example one)"
	case len(ids) <= 30:
		list = "the accords are " + strings.Join(ids, ", ")
	}
	if near := Nearest(id, ids, 3); len(near) > 0 {
		return fmt.Errorf("%w %q: did you mean %s? (%s)", ErrUnknownAccord, id, orList(near), list)
	}
	return fmt.Errorf("%w %q; %s (a gemeente's report takes its CBS code, e.g. GM0363)", ErrUnknownAccord, id, list)
}

// unknownGemeente is the error for a gemeente code that is not one of
// gems (the newest division's): the nearest codes with their names.
func unknownGemeente(code string, gems []store.GemeenteInfo) error {
	codes := make([]string, len(gems))
	names := map[string]string{}
	for i, g := range gems {
		codes[i] = g.Code
		names[g.Code] = g.Name
	}
	msg := fmt.Sprintf("%q: not a gemeente of the newest division the warehouse has inhabitants for", code)
	if len(gems) > 0 {
		msg = fmt.Sprintf("%q: not a gemeente of the newest division (%d) the warehouse has inhabitants for", code, gems[0].Division)
	}
	if near := Nearest(code, codes, 5); len(near) > 0 {
		for i, c := range near {
			near[i] = c + " " + names[c]
		}
		msg += "; the nearest codes: " + strings.Join(near, ", ")
	}
	if len(gems) > 0 {
		msg += fmt.Sprintf(`; lpa sql "SELECT region_code, region_name FROM regions WHERE region_level = 'gemeente' AND division = %d" lists them all`, gems[0].Division)
	}
	return fmt.Errorf("%w %s", ErrUnknownGemeente, msg)
}

// orList writes words as "a", "a or b", "a, b or c", each quoted.
func orList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Nearest returns the words of among closest to word (case-insensitive
// edit distance, a swap of two neighbours counting as one edit), for a
// message that asks "did you mean ...?"; word itself is not among them. Only words within a few edits
// count: one for a word of up to four letters, one more per five letters,
// at most three; a word that starts with word counts as near too. The
// result holds at most limit words, nearest first, then in the order of
// among; nil when none is near.
func Nearest(word string, among []string, limit int) []string {
	w := strings.ToLower(word)
	n := utf8.RuneCountInString(w)
	if n == 0 {
		return nil
	}
	maxDist := min(1+n/5, 3)
	type near struct {
		word string
		dist int
	}
	var found []near
	for _, c := range among {
		if c == word {
			continue
		}
		lc := strings.ToLower(c)
		d := editDistance(w, lc)
		if d > maxDist && strings.HasPrefix(lc, w) {
			d = maxDist
		}
		if d <= maxDist && !slices.ContainsFunc(found, func(f near) bool { return f.word == c }) {
			found = append(found, near{c, d})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int { return a.dist - b.dist })
	var out []string
	for _, f := range found {
		if len(out) == limit {
			break
		}
		out = append(out, f.word)
	}
	return out
}

// editDistance is the optimal string alignment distance of a and b:
// insertions, deletions, substitutions and swaps of neighbours.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
