package main

import (
	"flag"
	"strings"
)

// parseFlags parses a subcommand's flags wherever they stand among its
// arguments (`lpa report foodvalley --out DIR` as well as
// `lpa report --out DIR foodvalley`). An argument with white space in it is
// never a flag: it is a query or a path. After "--" everything is positional.
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
		if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return fs.Parse(append(append(flags, "--"), positional...))
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
