package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// selfCommand is how the user runs this lpa again, for hints: the path
// they typed (./lpa), lpa from the PATH, or, under go run (a binary in Go's
// build cache), the go run command itself.
func selfCommand() string {
	if exe, err := os.Executable(); err == nil && strings.Contains(exe, string(filepath.Separator)+"go-build") {
		return "go run -tags duckdb_arrow ./cmd/lpa"
	}
	if strings.ContainsRune(os.Args[0], filepath.Separator) && !filepath.IsAbs(os.Args[0]) {
		return os.Args[0]
	}
	return "lpa"
}

// again is selfCommand with the warehouse when it is not the default one.
func (e *env) again() string {
	if e.db != defaultDB {
		return selfCommand() + " --db " + e.db
	}
	return selfCommand()
}
