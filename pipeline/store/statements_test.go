package store

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// namedStatements are the names this package passes to stmt as literals.
func namedStatements(t *testing.T) map[string]bool {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"((?:compute|load|query|migrate|session)/[a-z0-9_]+\.sql)"`)
	out := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = true
		}
	}
	return out
}

// TestStatementsUsed: every statement the code names is an embedded file
// holding exactly one statement, and every file of the statement folders
// is used.
func TestStatementsUsed(t *testing.T) {
	db, err := Open(t.Context(), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	used := namedStatements(t)
	for name := range used {
		q, ok := statements()[name]
		if !ok {
			t.Errorf("sql/%s: named in pipeline/store but not embedded", name)
			continue
		}
		if n, err := db.countStatements(q); err != nil || n != 1 {
			t.Errorf("sql/%s: %d statements (%v), want one", name, n, err)
		}
		if !strings.HasPrefix(q, "--") {
			t.Errorf("sql/%s: starts without a comment that says what it does", name)
		}
	}
	var unused []string
	for name := range statements() {
		dir, _, _ := strings.Cut(name, "/")
		switch dir {
		case "schema", "metrics":
			continue
		}
		if !used[name] {
			unused = append(unused, name)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("embedded but never run: %v", unused)
	}
}

// TestNoSQLInGo: no Go string literal of the program starts with a SQL
// keyword; statements live in sql/. (Tests and the kill-trial script, which
// checks a warehouse from the outside, may hold SQL.)
func TestNoSQLInGo(t *testing.T) {
	keyword := regexp.MustCompile(`^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|SET|RESET|BEGIN|COMMIT|ROLLBACK|COPY|ATTACH|DETACH|PRAGMA|EXPORT|TRUNCATE|INSTALL|LOAD|CALL)\s`)
	root := "../.."
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel == "sql" || rel == "scripts" || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := goparser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && keyword.MatchString(s) {
				t.Errorf("%s: SQL in a Go string: %.60q", rel, s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
