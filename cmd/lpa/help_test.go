package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCommandHelp: every command's --help, -h and `lpa help CMD` print
// that command's own usage to stdout and exit 0.
func TestCommandHelp(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			var first string
			for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}, {c.name, "-help"}} {
				code, out, errOut := lpa(t, "", args...)
				if code != exitOK || errOut != "" {
					t.Errorf("lpa %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
				}
				if !strings.HasPrefix(out, "usage: lpa "+c.name) {
					t.Errorf("lpa %s: not the usage of %s:\n%s", strings.Join(args, " "), c.name, out)
				}
				if first == "" {
					first = out
				} else if diff := cmp.Diff(first, out); diff != "" {
					t.Errorf("lpa %s differs from lpa %s --help (-want +got):\n%s", strings.Join(args, " "), c.name, diff)
				}
			}
			for _, want := range append([]string{c.help, "Global flags:"}, c.examples...) {
				if !strings.Contains(first, want) {
					t.Errorf("the usage of %s lacks %q:\n%s", c.name, want, first)
				}
			}
		})
	}
}

func TestCommandHelpFlags(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		want []string
	}{
		{"run", []string{"--out DIR", "(default out/rapporten)", "--via-server", "--job NAME", "(default cycle)", "--max-file SIZE"}},
		{"report", []string{"--gemeenten", "--national", "--round DATE"}},
		{"sql", []string{"--format F", "(default table)", "--timeout D", "--memory-limit SIZE"}},
		{"fetch", []string{"--out DIR", "(default data)", "--list", "--retries N"}},
		{"serve", []string{"--config FILE", "--print-config", "--token"}},
	} {
		t.Run(tc.cmd, func(t *testing.T) {
			_, out, _ := lpa(t, "", "help", tc.cmd)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("lpa help %s lacks %q:\n%s", tc.cmd, w, out)
				}
			}
		})
	}
}

// TestGeneralHelp: lpa help lists every command with its synopsis.
func TestGeneralHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, out, _ := lpa(t, "", args...)
		if code != exitOK {
			t.Errorf("lpa %s: exit %d", args[0], code)
		}
		for _, c := range commands {
			if !strings.Contains(out, "\n  "+strings.TrimSpace(c.name+" "+strings.Split(c.args, "\n")[0])) {
				t.Errorf("lpa %s lacks %s:\n%s", args[0], c.name, out)
			}
		}
	}
	if code, _, errOut := lpa(t, ""); code != exitUsage || !strings.Contains(errOut, "Commands:") {
		t.Errorf("lpa alone: exit %d\n%s", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}, {"-version"}} {
		code, out, errOut := lpa(t, "", args...)
		if code != exitOK || !strings.HasPrefix(out, "lpa ") || !strings.Contains(out, "warehouse schema") {
			t.Errorf("lpa %s: exit %d, %q %q", args[0], code, out, errOut)
		}
	}
}

// TestSuggestions: a mistyped command or flag gets the nearest one.
func TestSuggestions(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"rnu"}, `unknown command "rnu"; did you mean "run"?`},
		{[]string{"reprot"}, `did you mean "report"?`},
		{[]string{"help", "sqll"}, `did you mean "sql"?`},
		{[]string{"frobnicate"}, "the commands are run, load, compute"},
		{[]string{"run", "--otu", "x"}, "unknown flag --otu; did you mean --out? (lpa run --help lists the flags)"},
		{[]string{"sql", "--fromat", "csv", "SELECT 1"}, "did you mean --format?"},
		{[]string{"report", "--gemeente"}, "did you mean --gemeenten?"},
		{[]string{"--dbb", "x.duckdb", "sql"}, "unknown flag --dbb; did you mean --db?"},
		{[]string{"--verison"}, "did you mean --version?"},
		{[]string{"runs", "--all"}, "lpa runs takes no flags"},
		{[]string{"init", "now"}, `init takes no arguments, got "now"`},
		{[]string{"compute", "--round"}, "--round needs a value"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := lpa(t, "", tc.args...)
			if code != exitUsage || !strings.Contains(errOut, tc.msg) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant %q", code, out, errOut, tc.msg)
			}
		})
	}
}

// TestUnknownIDs: an accord or gemeente the warehouse does not know gets
// the valid ids or the nearest ones, without a package's prefix.
func TestUnknownIDs(t *testing.T) {
	db, _ := demoDB(t)
	out := t.TempDir()
	for _, tc := range []struct {
		id   string
		msgs []string
	}{
		{"nonexist", []string{`unknown accord "nonexist"; the accords are achterhoek, borger-odoorn,`, "venray", "GM0363"}},
		{"rotterdm", []string{`unknown accord "rotterdm": did you mean "rotterdam"?`}},
		{"amsterdam", []string{"Amsterdam is a gemeente", "lpa report GM0363"}},
		{"GM0364", []string{`unknown gemeente "GM0364"`, "GM0363 Amsterdam", "lists them all"}},
	} {
		t.Run(tc.id, func(t *testing.T) {
			code, _, errOut := lpa(t, "", "--db", db, "report", "--out", out, tc.id)
			if code != exitUsage || strings.Contains(errOut, "pipeline:") {
				t.Errorf("exit %d, stderr:\n%s", code, errOut)
			}
			for _, m := range tc.msgs {
				if !strings.Contains(errOut, m) {
					t.Errorf("stderr lacks %q:\n%s", m, errOut)
				}
			}
		})
	}
	// Errors of the warehouse, as users see them.
	code, _, errOut := lpa(t, "", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "rounds")
	if code != exitError || strings.Contains(errOut, "store:") || !strings.Contains(errOut, "lpa rounds: no warehouse at ") {
		t.Errorf("no warehouse: exit %d, %s", code, errOut)
	}
}
