package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"lpa/pipeline"
)

// command is one command of lpa: what `lpa help` lists, what `lpa help
// NAME` and `lpa NAME --help` print, and what runs it. Its flags (with
// their defaults) come from the FlagSet the command parses, so the usage
// cannot drift from what the command accepts.
type command struct {
	name string
	// args is the synopsis after the name; a second form goes on a line
	// of its own.
	args string
	// summary is the command's entry in the list of lpa help, in lines of
	// up to 60 characters.
	summary string
	// help says what the command does, for its own usage.
	help     string
	examples []string
	run      func(e *env, ctx context.Context, args []string) error
}

// commands is every command, in the order lpa help lists them.
var commands = []command{
	{
		name: "run",
		args: "[--out DIR] [--replace | --correct] [--max-file SIZE] [--max-line SIZE] [PATH...]\n--via-server [--job NAME]",
		summary: "load (the bundled examples when no PATH is given), compute\n" +
			"and write the reports: the whole job; --via-server [--job NAME]\n" +
			"asks the lpa serve that holds the warehouse to run its job now",
		help: "Loads the files and folders PATH... (the bundled example data when none is given,\n" +
			"unless the warehouse holds loads of your own files: they would be replaced),\n" +
			"computes every metric as of today's peildatum and writes one PDF per accord into DIR.\n" +
			"With --via-server, asks the lpa serve that holds the warehouse to run its job NAME\n" +
			"now (it loads its own inbox folders) and waits for the run.",
		examples: []string{
			"lpa run                              the demo: the bundled examples into out/",
			"lpa run --out /tmp/rapporten data/   the files lpa fetch wrote",
			"lpa run --via-server --job cycle",
		},
		run: (*env).cmdRun,
	},
	{
		name: "load",
		args: "[--replace | --correct] [--max-file SIZE] [--max-line SIZE] PATH...",
		summary: "load files or folders (.csv, .csv.gz, .xlsx, .yaml): every\n" +
			"kind of source lpa knows, all files in one transaction",
		help: "Loads the files and folders PATH... into the warehouse in one transaction: every\n" +
			"kind of source lpa knows (.csv, .csv.gz, .xlsx, .yaml; a folder: every such file\n" +
			"in it). A file with a bad cell is refused with its file, line and column, and\n" +
			"nothing is loaded (exit 3). A well-formed file that would remove most of the rows\n" +
			"of a slice is refused unless --replace or --correct says so.",
		examples: []string{
			"lpa load data/",
			"lpa load --correct 50090NED-correctie.csv",
			"lpa load --max-file 4GiB big-export.csv.gz",
		},
		run: (*env).cmdLoad,
	},
	{
		name: "compute",
		args: "[--round DATE]",
		summary: "compute every metric as of the peildatum DATE; recomputing\n" +
			"a round replaces only that round",
		help: "Computes every metric of every accord as of the peildatum DATE (an evaluation\n" +
			"round). Recomputing a round replaces only that round.",
		examples: []string{
			"lpa compute                     as of today",
			"lpa compute --round 2024-11-01",
		},
		run: (*env).cmdCompute,
	},
	{
		name:    "rounds",
		args:    "[--delete DATE]",
		summary: "list the computed rounds, or delete one with its metrics",
		help:    "Lists the computed rounds (peildata), or deletes one with its metrics.",
		examples: []string{
			"lpa rounds",
			"lpa rounds --delete 2024-11-01",
		},
		run: (*env).cmdRounds,
	},
	{
		name: "report",
		args: "[--out DIR] [--round DATE] [--gemeenten | --national] [ACCORD | GM0000...]",
		summary: "write one PDF per accord of the round (default: the latest),\n" +
			"--gemeenten also one per gemeente, or only the accords and\n" +
			"gemeenten named; --national: the national factsheet",
		help: "Writes one PDF per accord of the round (default: the latest computed one) into\n" +
			"DIR; with --gemeenten also one per gemeente of the newest division, in DIR/gemeenten;\n" +
			"or only the accords (by id) and gemeenten (by CBS code) named. Each report is\n" +
			"recorded as issued (view report_issues); a report whose data changed since gets\n" +
			"its next version (NAME-v2.pdf). --national writes the national factsheet of the\n" +
			"round instead, DIR/landelijk-DATE.pdf. The accord ids: lpa sql \"FROM accords\".",
		examples: []string{
			"lpa report",
			"lpa report rotterdam GM0363         one accord and one gemeente",
			"lpa report --national --round 2024-11-01",
		},
		run: (*env).cmdReport,
	},
	{
		name: "reissue",
		args: "[--out DIR] [--round DATE]",
		summary: "write the next version of exactly those issued reports of the\n" +
			"round whose data changed since, each opening with what changed",
		help: "Writes the next version of exactly those issued reports of the round whose data\n" +
			"changed since they were issued (e.g. after lpa load --correct), each opening with\n" +
			"a page of the figures that changed and the loads behind them.",
		examples: []string{
			"lpa reissue",
			"lpa reissue --round 2024-11-01 --out /tmp/rapporten",
		},
		run: (*env).cmdReissue,
	},
	{
		name: "sql",
		args: "[--format F] [--timeout D] [--memory-limit SIZE] [QUERY]",
		summary: "run queries read-only (F: table|csv|json|arrow); without a\n" +
			"QUERY: an interactive prompt",
		help: "Runs QUERY read-only against the warehouse. Only queries run (SELECT, WITH,\n" +
			"VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE, PIVOT, EXPLAIN), and no file outside the\n" +
			"warehouse is read or written; each stops after D or at SIZE of memory (exit 5).\n" +
			"A table wider than the terminal leaves out middle columns, as DuckDB's CLI does.\n" +
			"Without a QUERY: an interactive prompt like DuckDB's, with line editing and a\n" +
			"history kept in " + historyHint + ". Statements end with ';'\n" +
			"and may span lines; .help lists the dot commands (.tables, .schema [VIEW], .mode\n" +
			"table|csv|json, .timer on|off, .quit). Ctrl-C clears the line or stops the running\n" +
			"statement, Ctrl-D leaves. Piped into, it runs the statements of its input.",
		examples: []string{
			`lpa sql "SELECT * FROM accord_metrics LIMIT 5"`,
			`lpa sql --format csv "FROM observations WHERE region_code = 'GM0363'" > amsterdam.csv`,
			"lpa sql                              the prompt",
		},
		run: (*env).cmdSQL,
	},
	{
		name: "serve",
		args: "[--config FILE] [--listen ADDR] [--print-config] [--token]",
		summary: "the scheduled service: jobs with run history, a Dutch dashboard,\n" +
			"SQL over HTTP on 127.0.0.1:8321 and Arrow Flight SQL on 127.0.0.1:8322",
		help: "Runs the scheduled service: jobs (load, compute, report, cycle, export) on a\n" +
			"cron schedule with run history, a Dutch dashboard and SQL over HTTP (POST\n" +
			"/api/sql) on 127.0.0.1:8321, and Arrow Flight SQL for ADBC and JDBC clients\n" +
			"on 127.0.0.1:8322 (docs/flight-sql.md); both ask for the API token. While it\n" +
			"runs, lpa sql and lpa runs go through it.",
		examples: []string{
			"lpa serve",
			"lpa serve --print-config > lpa.yaml && lpa serve --config lpa.yaml",
			"lpa serve --token                    the API token",
		},
		run: (*env).cmdServe,
	},
	{
		name:     "runs",
		summary:  "list the runs of lpa serve's jobs, newest first",
		help:     "Lists the runs of lpa serve's jobs, newest first (through lpa serve while it runs).",
		examples: []string{"lpa runs"},
		run:      (*env).cmdRuns,
	},
	{
		name: "template",
		args: "[--out DIR]",
		summary: "write the blank process and project templates (.xlsx, .csv,\n" +
			"instructions in Dutch)",
		help: "Writes the blank process and project templates (.xlsx and .csv, with instructions\n" +
			"in Dutch) into DIR, to fill in and load with lpa load.",
		examples: []string{
			"lpa template",
			"lpa template --out sjablonen",
		},
		run: (*env).cmdTemplate,
	},
	{
		name: "fetch",
		args: "[--out DIR] [--list] [--refresh] [SOURCE...]",
		summary: "download the public sources (StatLine, CBS regions, Vektis,\n" +
			"boundaries) into DIR for lpa load; --list shows them",
		help:     fetchHelp,
		examples: fetchExamples,
		run:      (*env).cmdFetch,
	},
	{
		name: "export",
		args: "--parquet DIR [--view NAME]...",
		summary: "write every public view as a Parquet lake (Hive-style\n" +
			"partitions, manifest.json) that DuckDB, Spark or Trino read",
		help:     exportHelp,
		examples: exportExamples,
		run:      (*env).cmdExport,
	},
	{
		name:     "init",
		summary:  "create or migrate the warehouse",
		help:     "Creates the warehouse, or migrates it to this lpa's schema.",
		examples: []string{"lpa --db /data/lpa.duckdb init"},
		run:      (*env).cmdInit,
	},
	{
		name:     "version",
		summary:  "print lpa's and the schema's version (also lpa --version)",
		help:     "Prints lpa's version and the version of the warehouse schema it writes.",
		examples: []string{"lpa version"},
		run:      (*env).cmdVersion,
	},
	{
		name:     "help",
		args:     "[COMMAND]",
		summary:  "this list, or a command's flags and examples",
		help:     "Prints the list of commands, or the usage of COMMAND (as lpa COMMAND --help does).",
		examples: []string{"lpa help", "lpa help report"},
		// run: cmdHelp, called by run (the table cannot name it: cmdHelp reads the table)
	},
}

// findCommand returns the command called name, or nil.
func findCommand(name string) *command {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return nil
	}
	return &commands[i]
}

// commandNames lists the commands' names.
func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}

// unknownCommand says that name is no command, with the nearest ones.
func unknownCommand(name string) string {
	msg := fmt.Sprintf("unknown command %q", name)
	if near := pipeline.Nearest(name, commandNames(), 2); len(near) > 0 {
		return msg + "; did you mean " + quoted(near) + "?"
	}
	return msg + "; the commands are " + strings.Join(commandNames(), ", ") + " (lpa help says what each does)"
}

func quoted(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, " or ")
}

// globalFlags is the part of every usage about the flags before the command.
const globalFlags = `Global flags:
  --db FILE   the warehouse (env LPA_DB; default ` + defaultDB + `)
  --version   print lpa's version
`

const exitCodes = `Exit codes: 0 ok, 1 error, 2 usage (also a statement lpa sql refuses),
3 bad input (nothing was loaded), 4 warehouse in use by another process,
5 a query stopped at its time or memory limit, 130 interrupted.
`

// writeUsage writes lpa's usage: every command with its synopsis.
func writeUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("lpa: monitor lokale en regionale preventieakkoorden.\n\n")
	b.WriteString("Usage:\n  lpa [--db FILE] COMMAND [flags] [args]\n")
	b.WriteString("  lpa help COMMAND            a command's flags and examples (also lpa COMMAND --help)\n\n")
	b.WriteString("Commands:\n")
	const col = 30
	for _, c := range commands {
		forms := strings.Split(c.args, "\n")
		head := strings.TrimSpace(c.name + " " + forms[0])
		lines := strings.Split(c.summary, "\n")
		if len(head) > col-4 {
			fmt.Fprintf(&b, "  %s\n", head)
		} else {
			fmt.Fprintf(&b, "  %-*s%s\n", col-2, head, lines[0])
			lines = lines[1:]
		}
		for _, l := range lines {
			fmt.Fprintf(&b, "%*s%s\n", col, "", l)
		}
	}
	b.WriteString("\n" + globalFlags + "\n" + exitCodes)
	io.WriteString(w, b.String())
}

// writeCommandUsage writes the usage of c: its synopsis, what it does, its
// flags with their defaults (from fs, the flags it parses) and examples.
func writeCommandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	var b strings.Builder
	for i, form := range strings.Split(c.args, "\n") {
		lead := "usage: lpa "
		if i > 0 {
			lead = "       lpa "
		}
		b.WriteString(strings.TrimRight(lead+c.name+" "+form, " ") + "\n")
	}
	b.WriteString("\n" + c.help + "\n")
	type row struct{ left, right string }
	var rows []row
	width := 0
	if fs != nil {
		fs.VisitAll(func(f *flag.Flag) {
			arg, text := flag.UnquoteUsage(f)
			left := "--" + f.Name
			if !isBoolFlag(f) {
				left += " " + arg
			}
			if d := f.DefValue; d != "" && d != "false" && d != "0" && !strings.Contains(text, "(default") {
				text += " (default " + d + ")"
			}
			rows = append(rows, row{left, text})
			width = max(width, len(left))
		})
	}
	if len(rows) > 0 {
		b.WriteString("\nFlags:\n")
		for _, r := range rows {
			text := strings.ReplaceAll(r.right, "\n", "\n"+strings.Repeat(" ", width+4))
			fmt.Fprintf(&b, "  %-*s  %s\n", width, r.left, text)
		}
	}
	b.WriteString("\n" + globalFlags)
	if len(c.examples) > 0 {
		b.WriteString("\nExamples:\n")
		for _, ex := range c.examples {
			b.WriteString("  " + ex + "\n")
		}
	}
	io.WriteString(w, b.String())
}

// newFlagSet returns the flag set of the command name: flags it does not
// know, and -h or --help, come back from parseFlags as errors that say so.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func (e *env) cmdHelp(ctx context.Context, args []string) error {
	fs := newFlagSet("help")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		writeUsage(e.stdout)
		return nil
	case 1:
	default:
		return usageError{"give one command (lpa help COMMAND)"}
	}
	c := findCommand(fs.Arg(0))
	switch {
	case c == nil:
		return usageError{unknownCommand(fs.Arg(0))}
	case c.run == nil: // help
		return helpRequest{fs}
	}
	return c.run(e, ctx, []string{"--help"})
}

func (e *env) cmdVersion(_ context.Context, args []string) error {
	fs := newFlagSet("version")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
	}
	fmt.Fprintf(e.stdout, "lpa %s, warehouse schema %d\n", version(), pipeline.SchemaVersion())
	return nil
}

// noArgs is the error of a command that takes no arguments but got some.
func noArgs(fs *flag.FlagSet) error {
	return usageError{fmt.Sprintf("%s takes no arguments, got %q (lpa %s --help)", fs.Name(), fs.Arg(0), fs.Name())}
}
