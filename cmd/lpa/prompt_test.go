package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"
)

// screen is what a program wrote to a pseudo-terminal, read as it comes.
type screen struct {
	t    *testing.T
	mu   sync.Mutex
	buf  bytes.Buffer
	seen int // expect looks past this offset
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

// expect waits until want shows after what the last expect matched, and
// returns what came before it.
func (s *screen) expect(want string) string {
	s.t.Helper()
	out, ok := s.wait(want, 10*time.Second)
	if !ok {
		s.t.Fatalf("waited 10s for %q; the terminal shows after the last match:\n%q", want, out)
	}
	return out
}

// wait is expect for at most d; ok says whether want showed.
func (s *screen) wait(want string, d time.Duration) (before string, ok bool) {
	deadline := time.Now().Add(d)
	for {
		s.mu.Lock()
		out := s.buf.String()[s.seen:]
		if i := strings.Index(out, want); i >= 0 {
			s.seen += i + len(want)
			s.mu.Unlock()
			return out[:i], true
		}
		s.mu.Unlock()
		if time.Now().After(deadline) {
			return out, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSQLPromptTerminal drives lpa sql's prompt through a pseudo-terminal
// as a person would: Ctrl-C on a half-typed statement, a query, the up
// arrow, a statement over two lines, .schema, a result wider than the
// terminal, Ctrl-C on a running query, and Ctrl-D.
func TestSQLPromptTerminal(t *testing.T) {
	db, _ := demoDB(t)
	hist := filepath.Join(t.TempDir(), "history")
	cmd := exec.Command(os.Args[0], "--db", db, "sql")
	cmd.Env = append(os.Environ(), "LPA_TEST_AS_LPA=1", "TERM=xterm", "LPA_HISTORY="+hist)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	defer cmd.Process.Kill()
	scr := &screen{t: t}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			scr.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	typ := func(s string) {
		t.Helper()
		if _, err := tty.WriteString(s); err != nil {
			t.Fatal(err)
		}
	}

	scr.expect("(read-only)")
	scr.expect(promptFirst)

	// Ctrl-C drops a half-typed statement and shows a fresh prompt.
	typ("SELECT 'half")
	scr.expect("SELECT 'half")
	typ("\x03")
	scr.expect("^C")
	scr.expect(promptFirst)
	typ("SELECT 6 * 7 AS answer;\r")
	if out := scr.expect("1 row"); !strings.Contains(out, "answer") || !strings.Contains(out, "42") {
		t.Errorf("the query after Ctrl-C:\n%q", out)
	}
	scr.expect(promptFirst)

	// The up arrow brings the statement back; Enter runs it again.
	typ("\x1b[A")
	scr.expect("SELECT 6 * 7 AS answer;")
	typ("\r")
	if out := scr.expect("1 row"); !strings.Contains(out, "42") {
		t.Errorf("the statement from the history:\n%q", out)
	}
	scr.expect(promptFirst)

	// A statement over two lines is one entry of the history.
	typ("SELECT 1 AS one,\r")
	scr.expect(promptMore)
	typ("2 AS two;\r")
	if out := scr.expect("1 row"); !strings.Contains(out, "one │ two") {
		t.Errorf("two lines:\n%q", out)
	}
	scr.expect(promptFirst)

	// .schema VIEW: its columns.
	typ(".schema accords\r")
	out := scr.expect(");")
	for _, want := range []string{"CREATE VIEW accords (", "accord_id VARCHAR,", "signed_on DATE,"} {
		if !strings.Contains(out, want) {
			t.Errorf(".schema accords lacks %q:\n%q", want, out)
		}
	}
	scr.expect(promptFirst)

	// A result wider than the terminal: middle columns left out.
	if err := pty.Setsize(tty, &pty.Winsize{Rows: 50, Cols: 72}); err != nil {
		t.Fatal(err)
	}
	typ("SELECT * FROM observations LIMIT 3;\r")
	scr.expect("observations LIMIT 3;")
	out = scr.expect("3 rows, 15 columns (")
	var table []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimRight(l, "\r"); strings.Contains(l, "│") || strings.Contains(l, "┼") {
			table = append(table, l)
		}
	}
	if len(table) != 5 || !strings.HasPrefix(table[0], "source ") || !strings.Contains(table[0], " │ … │ ") {
		t.Errorf("the wide result:\n%s", strings.Join(table, "\n"))
	}
	for _, l := range table {
		if n := utf8.RuneCountInString(l); n > 72 {
			t.Errorf("a line of %d columns in a terminal of 72: %q", n, l)
		}
	}
	scr.expect(promptFirst)

	// Ctrl-C stops a running query, and the prompt goes on.
	typ("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r;\r")
	scr.expect("FROM r;")
	for i := 0; ; i++ {
		// A Ctrl-C before the query has started goes by; another follows.
		time.Sleep(300 * time.Millisecond)
		typ("\x03")
		if _, ok := scr.wait("interrupted", time.Second); ok {
			break
		}
		if i == 10 {
			t.Fatal("Ctrl-C did not stop the running query")
		}
	}
	scr.expect(promptFirst)
	typ("SELECT 'still here' AS s;\r")
	scr.expect("still here")
	scr.expect("1 row")
	scr.expect(promptFirst)

	// Ctrl-D leaves.
	typ("\x04")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("lpa sql after Ctrl-D: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("lpa sql did not stop after Ctrl-D")
	}
	tty.Close()
	<-copied

	b, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	want := "SELECT 6 * 7 AS answer;\nSELECT 1 AS one, 2 AS two;\n.schema accords\nSELECT * FROM observations LIMIT 3;\n"
	if !strings.Contains(string(b), want) {
		t.Errorf("history file:\n%s\nwant it to hold:\n%s", b, want)
	}
}

// TestSQLPromptPiped: piped into, lpa sql runs the dot commands too, with
// no prompts or terminal control codes, and stops at the first error.
func TestSQLPromptPiped(t *testing.T) {
	db, _ := demoDB(t)
	for _, tc := range []struct {
		name, in string
		code     int
		out, err string
	}{
		{"mode and schema", ".mode csv\nSELECT 1 AS one,\n  2 AS two;\n.mode json\nSELECT 3 AS three;\n.schema accord_members\n",
			exitOK, "one,two\n1,2\n[\n  {\"three\": 3}\n]\nCREATE VIEW accord_members (\n    accord_id VARCHAR,", ""},
		{"table", "SELECT 42 AS answer;\n", exitOK, "answer\n──────\n    42\n1 row\n", ""},
		{"help", ".help\n", exitOK, ".schema [VIEW]           the columns of every view and table, or of VIEW\n", ""},
		{"timer", ".timer on\nSELECT 1;\n", exitOK, "Run Time (s): real ", ""},
		{"unknown dot command", ".tabels\nSELECT 'not run';\n", exitUsage, "", "unknown command .tabels; did you mean .tables?"},
		{"unknown view", ".schema acords\n", exitUsage, "", `no view or table "acords"; did you mean "accords"?`},
		{"bad mode", ".mode xml\n", exitUsage, "", `mode "xml"; expected table, csv or json`},
		{"no statement after .quit", ".quit\nSELECT 'not run';\n", exitOK, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := lpa(t, tc.in, "--db", db, "sql")
			if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.err) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
			if strings.Contains(out, promptFirst) || strings.Contains(out, "\x1b") || strings.Contains(out, "not run") {
				t.Errorf("stdout:\n%q", out)
			}
		})
	}
}
