package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"lpa/pipeline"
)

// parseFlags parses a subcommand's flags wherever they stand among its
// arguments (`lpa report foodvalley --out DIR` as well as
// `lpa report --out DIR foodvalley`). An argument with white space in it is
// never a flag: it is a query or a path. After "--" everything is positional.
//
// -h or --help anywhere returns a helpRequest; a flag fs does not know, or
// a bad value, a usageError that points at the command's --help.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' || strings.ContainsAny(a, " \t\n") {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			return helpRequest{fs}
		}
		if fs.Lookup(name) == nil {
			return usageError{unknownFlag(fs, name)}
		}
		if f := fs.Lookup(name); !hasValue && !isBoolFlag(f) {
			if i+1 == len(args) {
				return usageError{fmt.Sprintf("--%s needs a value (lpa %s --help)", name, fs.Name())}
			}
			i++
			flags = append(flags, args[i])
		}
	}
	err := fs.Parse(append(append(flags, "--"), positional...))
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		msg = "--" + name + " needs a value"
	}
	msg = strings.Replace(msg, " for flag -", " for --", 1)
	return usageError{fmt.Sprintf("%s (lpa %s --help)", msg, fs.Name())}
}

// helpRequest is -h or --help among a command's arguments: the command's
// usage goes to stdout and lpa exits 0.
type helpRequest struct{ fs *flag.FlagSet }

func (helpRequest) Error() string { return "help requested" }

// unknownFlag says that fs has no flag name, with the nearest it has.
func unknownFlag(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return fmt.Sprintf("unknown flag --%s: lpa %s takes no flags", name, fs.Name())
	}
	msg := fmt.Sprintf("unknown flag --%s", name)
	if near := pipeline.Nearest(name, names, 2); len(near) > 0 {
		for i, n := range near {
			near[i] = "--" + n
		}
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	if fs.Name() == "lpa" { // the global flags
		return msg + " (lpa help lists the commands and flags)"
	}
	return msg + fmt.Sprintf(" (lpa %s --help lists the flags)", fs.Name())
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// hoistGlobal moves the global --db flag to the front wherever it stands
// (`lpa load PATH --db FILE` works like `lpa --db FILE load PATH`).
func hoistGlobal(args []string) []string {
	var global, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		switch {
		case a == "--db" || a == "-db":
			global = append(global, a)
			if i+1 < len(args) {
				i++
				global = append(global, args[i])
			}
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			global = append(global, a)
		default:
			rest = append(rest, a)
		}
	}
	return append(global, rest...)
}
