package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/peterh/liner"
	"golang.org/x/term"

	"lpa/pipeline"
	"lpa/pipeline/query"
)

// historyHint says where the prompt keeps its history (lpa help sql).
const historyHint = "~/.lpa_history (env LPA_HISTORY; empty: none)"

// historyPath is the prompt's history file: LPA_HISTORY when set (empty:
// no history kept), else ~/.lpa_history, as DuckDB keeps ~/.duckdb_history.
func historyPath() string {
	if p, ok := os.LookupEnv("LPA_HISTORY"); ok {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".lpa_history")
}

// Prompts: a new statement, and a statement that goes on.
const (
	promptFirst = "lpa> "
	promptMore  = "  -> "
)

// errAborted is Ctrl-C at the prompt: the half-typed statement is dropped.
var errAborted = errors.New("aborted")

// shell is one session of the prompt: the SQL session and what the dot
// commands set.
type shell struct {
	e      *env
	s      *query.Session
	out    io.Writer
	errOut io.Writer
	// interactive: a person types; errors are shown and the prompt goes
	// on, and Ctrl-C stops the running statement only.
	interactive bool
	timer       bool
	width       func() int                   // the terminal's width for tables; 0: none
	remember    func(entries ...string)      // adds to the history; nil: none kept
	rels        []query.Relation             // .schema's answer, kept for completion
	next        func(string) (string, error) // reads a line after showing a prompt
}

// prompt reads statements ending in ';' and dot commands from stdin and
// runs each. On a terminal it is an interactive prompt like DuckDB's CLI
// (line editing, history, Ctrl-C, tables fitted to the terminal); piped
// into, it reads the statements without prompts and stops at the first
// error.
func (e *env) prompt(ctx context.Context, s *query.Session) error {
	sh := &shell{e: e, s: s, out: e.stdout, errOut: e.stderr, width: func() int { return 0 }}
	in, inTerm := e.stdin.(*os.File)
	inTerm = inTerm && term.IsTerminal(int(in.Fd()))
	out, outTerm := e.stdout.(*os.File)
	outTerm = outTerm && term.IsTerminal(int(out.Fd()))
	if outTerm {
		sh.width = func() int {
			w, _, err := term.GetSize(int(out.Fd()))
			if err != nil {
				return 0
			}
			return w
		}
	}
	if inTerm && outTerm && in == os.Stdin && out == os.Stdout {
		return sh.terminal(ctx)
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 1<<20), query.MaxQueryBytes)
	sh.interactive = inTerm
	sh.next = func(prompt string) (string, error) {
		if sh.interactive {
			fmt.Fprint(e.stderr, prompt) // stdout is a file or a pipe: keep it clean
		}
		if sc.Scan() {
			return sc.Text(), nil
		}
		if errors.Is(sc.Err(), bufio.ErrTooLong) {
			return "", fmt.Errorf("%w: a line of the input is longer than %d bytes", query.ErrQueryTooLong, query.MaxQueryBytes)
		}
		if sc.Err() != nil {
			return "", sc.Err()
		}
		return "", io.EOF
	}
	return sh.loop(ctx)
}

// terminal runs the prompt on a terminal with line editing (liner).
func (sh *shell) terminal(ctx context.Context) error {
	line := liner.NewLiner()
	defer line.Close()
	line.SetCtrlCAborts(true)
	line.SetMultiLineMode(true)
	line.SetWordCompleter(sh.complete)
	sh.interactive = true
	path := historyPath()
	if path != "" {
		if f, err := os.Open(path); err == nil {
			line.ReadHistory(f)
			f.Close()
		}
	}
	sh.remember = func(entries ...string) {
		for _, h := range entries {
			line.AppendHistory(h)
		}
		if path == "" {
			return
		}
		if f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err == nil {
			line.WriteHistory(f)
			f.Close()
		}
	}
	sh.next = func(prompt string) (string, error) {
		l, err := line.Prompt(prompt)
		if errors.Is(err, liner.ErrPromptAborted) {
			return "", errAborted
		}
		return l, err
	}
	// main takes SIGTERM as a stop after the running step, but the
	// prompt waits for a key: restore the terminal and go.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM)
	done := make(chan struct{})
	defer func() {
		signal.Stop(stop)
		close(done)
	}()
	go func() {
		select {
		case <-stop:
			line.Close()
			os.Exit(exitCancelled)
		case <-done:
		}
	}()
	hist := "no history is kept (LPA_HISTORY is empty)"
	if path != "" {
		hist = "history in " + path
	}
	fmt.Fprintf(sh.out, "lpa sql on %s (read-only); %s.\n"+
		"Statements end with ';'. Views: observations, indicators, regions, accords, accord_members,\n"+
		"accord_metrics, loads (.tables lists all). .help lists the dot commands, Ctrl-D leaves.\n", sh.e.db, hist)
	err := sh.loop(ctx)
	fmt.Fprintln(sh.out)
	return err
}

// loop reads lines until the input ends or .quit, runs each statement
// when its last line ends in ';', and each dot command.
func (sh *shell) loop(ctx context.Context) error {
	var lines []string
	for {
		ps := promptFirst
		if len(lines) > 0 {
			ps = promptMore
		}
		l, err := sh.next(ps)
		if errors.Is(err, errAborted) {
			lines = nil
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if !sh.interactive && ctx.Err() != nil {
			return ctx.Err()
		}
		trimmed := strings.TrimSpace(l)
		if len(lines) == 0 {
			if trimmed == "" {
				continue
			}
			if strings.HasPrefix(trimmed, ".") || trimmed == `\q` || trimmed == "exit" || trimmed == "quit" {
				sh.addHistory([]string{trimmed})
				quit, err := sh.dot(ctx, trimmed)
				if quit {
					return nil
				}
				if err := sh.failed(err); err != nil {
					return err
				}
				continue
			}
		}
		lines = append(lines, l)
		text := strings.Join(lines, "\n") + "\n"
		// A statement ends at a line ending in ';' that is not a comment,
		// unless the ';' stands inside a string DuckDB's parser sees open.
		if !strings.HasSuffix(trimmed, ";") || strings.HasPrefix(trimmed, "--") || sh.s.Unterminated(text) {
			continue
		}
		sh.addHistory(lines)
		lines = nil
		if err := sh.failed(sh.run(ctx, text)); err != nil {
			return err
		}
	}
	if rest := strings.TrimSpace(strings.Join(lines, "\n")); rest != "" {
		sh.addHistory(lines)
		return sh.failed(sh.run(ctx, rest))
	}
	return nil
}

// failed shows err and goes on when a person types, and returns it when
// the input is piped.
func (sh *shell) failed(err error) error {
	if err == nil || !sh.interactive {
		return err
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(sh.errOut, "%s\n", ue.msg)
	} else {
		fmt.Fprintf(sh.errOut, "error: %v\n", err)
	}
	return nil
}

// addHistory keeps a statement in the history: as one line, so that the
// up arrow brings back the whole of it, unless joining its lines would
// change it (a -- comment or a string across lines).
func (sh *shell) addHistory(lines []string) {
	if sh.remember == nil {
		return
	}
	one := true
	for i, l := range lines[:len(lines)-1] {
		if strings.Contains(l, "--") || sh.s.Unterminated(strings.Join(lines[:i+1], "\n")) {
			one = false
		}
	}
	if !one {
		sh.remember(lines...)
		return
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strings.TrimSpace(l)
	}
	sh.remember(strings.Join(parts, " "))
}

// run runs the statements of text. On a terminal, Ctrl-C stops them and
// the prompt goes on.
func (sh *shell) run(ctx context.Context, text string) error {
	qctx, stop := ctx, func() {}
	if sh.interactive {
		qctx, stop = interruptible(ctx)
	}
	start := time.Now()
	err := sh.s.WithMaxWidth(sh.width()).Run(qctx, text, sh.out)
	interrupted := sh.interactive && qctx.Err() != nil
	stop()
	if sh.timer {
		fmt.Fprintf(sh.out, "Run Time (s): real %.3f\n", time.Since(start).Seconds())
	}
	if err != nil && interrupted {
		return errors.New("interrupted: the statement was stopped")
	}
	return err
}

// dotCommands are the prompt's dot commands with their help.
var dotCommands = []struct{ name, args, help string }{
	{".help", "", "this list"},
	{".tables", "", "the views and tables"},
	{".schema", "[VIEW]", "the columns of every view and table, or of VIEW"},
	{".mode", "[table|csv|json]", "how results are written (without an argument: the mode now)"},
	{".timer", "on|off", "print how long each statement ran"},
	{".quit", "", "leave (also .exit or Ctrl-D)"},
}

// dot runs a dot command; quit says to leave the prompt.
func (sh *shell) dot(ctx context.Context, cmd string) (quit bool, err error) {
	fields := strings.Fields(cmd)
	name, args := fields[0], fields[1:]
	switch name {
	case ".quit", ".exit", `\q`, "exit", "quit":
		return true, nil
	case ".help":
		sh.help()
	case ".tables":
		return false, sh.run(ctx, query.Tables())
	case ".schema":
		if len(args) > 1 {
			return false, usageError{"usage: .schema [VIEW]"}
		}
		return false, sh.schema(ctx, args)
	case ".mode":
		switch {
		case len(args) == 0:
			fmt.Fprintln(sh.out, sh.s.Format())
		case len(args) > 1:
			return false, usageError{"usage: .mode table|csv|json"}
		default:
			f := args[0]
			if f == "box" || f == "duckbox" {
				f = string(query.Table)
			}
			if !slices.Contains([]query.Format{query.Table, query.CSV, query.JSON}, query.Format(f)) {
				return false, usageError{fmt.Sprintf("mode %q; expected table, csv or json", args[0])}
			}
			sh.s = sh.s.WithFormat(query.Format(f))
		}
	case ".timer":
		switch {
		case len(args) == 0:
			fmt.Fprintln(sh.out, map[bool]string{true: "on", false: "off"}[sh.timer])
		case len(args) == 1 && (args[0] == "on" || args[0] == "off"):
			sh.timer = args[0] == "on"
		default:
			return false, usageError{"usage: .timer on|off"}
		}
	default:
		names := make([]string, len(dotCommands))
		for i, d := range dotCommands {
			names[i] = d.name
		}
		msg := fmt.Sprintf("unknown command %s", name)
		if near := pipeline.Nearest(name, names, 1); len(near) > 0 {
			msg += "; did you mean " + near[0] + "?"
		}
		return false, usageError{msg + " (.help lists them)"}
	}
	return false, nil
}

func (sh *shell) help() {
	var b strings.Builder
	for _, d := range dotCommands {
		fmt.Fprintf(&b, "%-24s %s\n", strings.TrimSpace(d.name+" "+d.args), d.help)
	}
	b.WriteString("\nStatements end with ';' and may span lines. Only queries run: SELECT, WITH, VALUES, FROM,\n" +
		"DESCRIBE, SHOW, SUMMARIZE, PIVOT, EXPLAIN. Ctrl-C clears the line or stops the running\n" +
		"statement; the up and down arrows and Ctrl-R search the history; Tab completes names.\n")
	io.WriteString(sh.out, b.String())
}

// schema prints the columns of every public view and table, or of the
// one named, as DuckDB's .schema does: as CREATE statements.
func (sh *shell) schema(ctx context.Context, args []string) error {
	rels, err := sh.s.Schema(ctx)
	if err != nil {
		return err
	}
	sh.rels = rels
	if len(args) == 1 {
		i := slices.IndexFunc(rels, func(r query.Relation) bool { return strings.EqualFold(r.Name, args[0]) })
		if i < 0 {
			names := make([]string, len(rels))
			for i, r := range rels {
				names[i] = r.Name
			}
			msg := fmt.Sprintf("no view or table %q", args[0])
			if near := pipeline.Nearest(args[0], names, 3); len(near) > 0 {
				msg += "; did you mean " + quoted(near) + "?"
			}
			return usageError{msg + " (.tables lists them)"}
		}
		rels = rels[i : i+1]
	}
	var b strings.Builder
	for _, r := range rels {
		b.WriteString(r.Create + "\n")
	}
	_, err = io.WriteString(sh.out, b.String())
	return err
}

// sqlWords are the keywords Tab completes, besides names.
var sqlWords = []string{"SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "LIMIT", "HAVING", "JOIN", "USING",
	"DESCRIBE", "SUMMARIZE", "DISTINCT", "COUNT", "WITH", "AS", "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "PIVOT"}

// complete is Tab: the dot commands at the start of a line, else the
// names of views, tables and columns and SQL keywords.
func (sh *shell) complete(l string, pos int) (head string, completions []string, tail string) {
	head, tail = l[:pos], l[pos:]
	start := strings.LastIndexAny(head, " \t(,.=<>") + 1
	word := head[start:]
	if strings.TrimSpace(head[:start]) == "" && strings.HasPrefix(strings.TrimSpace(head), ".") {
		for _, d := range dotCommands {
			if strings.HasPrefix(d.name, strings.TrimSpace(head)) {
				completions = append(completions, d.name+" ")
			}
		}
		return "", completions, tail
	}
	if word == "" {
		return head, nil, tail
	}
	if sh.rels == nil {
		sh.rels, _ = sh.s.Schema(context.Background())
	}
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] && strings.HasPrefix(strings.ToLower(w), strings.ToLower(word)) {
			seen[w] = true
			completions = append(completions, w)
		}
	}
	for _, r := range sh.rels {
		add(r.Name)
		for _, c := range r.Columns {
			add(c.Name)
		}
	}
	for _, k := range sqlWords {
		if word == strings.ToLower(word) {
			k = strings.ToLower(k)
		}
		add(k)
	}
	slices.Sort(completions)
	return head[:start], completions, tail
}

// interruptible returns a context, detached from parent's cancellation,
// that the next Ctrl-C (SIGINT) cancels: in the interactive prompt an
// interrupt stops the query at hand and the session goes on.
func interruptible(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ch:
		case <-ctx.Done():
		}
		signal.Stop(ch)
		cancel()
	}()
	return ctx, func() {
		cancel()
		<-done
	}
}
