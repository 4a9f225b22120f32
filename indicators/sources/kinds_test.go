package sources

import (
	"strings"
	"testing"
)

// Every kind has one line in the table, with a description and a sniffer
// and a parser.
func TestKindTable(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range kinds {
		if seen[string(k.kind)] {
			t.Errorf("kind %s has two lines", k.kind)
		}
		seen[string(k.kind)] = true
		if k.about == "" || strings.Contains(k.about, "\n") || k.is.match == nil || k.parse == nil {
			t.Errorf("kind %s: description %q, sniffer or parser missing", k.kind, k.about)
		}
	}
	if got := strings.Count(KnownKinds(), "\n") + 1; got != len(kinds) {
		t.Errorf("KnownKinds has %d lines, the table %d", got, len(kinds))
	}
}
