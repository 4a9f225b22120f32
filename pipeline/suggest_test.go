package pipeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNearest(t *testing.T) {
	cmds := []string{"run", "load", "compute", "rounds", "report", "reissue", "sql", "serve", "runs", "template", "fetch", "init", "version", "help"}
	for _, tc := range []struct {
		word  string
		among []string
		want  []string
	}{
		{"rnu", cmds, []string{"run"}},
		{"runs", cmds, []string{"run"}}, // itself is not a suggestion
		{"reprot", cmds, []string{"report"}},
		{"RUN", []string{"run", "runs"}, []string{"run", "runs"}},
		{"sqll", cmds, []string{"sql"}},
		{"temp", cmds, []string{"template"}},
		{"frobnicate", cmds, nil},
		{"", cmds, nil},
		{"otu", []string{"out", "round", "gemeenten"}, []string{"out"}},
		{"GM0364", []string{"GM0363", "GM0999", "GM0034"}, []string{"GM0363", "GM0034"}},
		{"rotterdm", []string{"rotterdam", "velsen"}, []string{"rotterdam"}},
		{"v", []string{"db", "version"}, []string{"version"}},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Nearest(tc.word, tc.among, 3)); diff != "" {
				t.Errorf("Nearest(%q) (-want +got):\n%s", tc.word, diff)
			}
		})
	}
}
