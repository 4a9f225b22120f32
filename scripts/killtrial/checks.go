package main

import (
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func (e *env) sql(db, q string) ([][]string, error) {
	out, err := e.lpa("--db", db, "sql", "--format", "csv", q)
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, fmt.Errorf("sql output: %v", err)
	}
	return recs[1:], nil
}

// fingerprint hashes every table of the warehouse, all columns but
// timestamps (a run at another moment stamps other times).
func (e *env) fingerprint(db string) (string, error) {
	cols, err := e.sql(db, `SELECT table_schema, table_name, string_agg('"' || column_name || '"', ', ' ORDER BY ordinal_position)
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
		WHERE t.table_type = 'BASE TABLE' AND c.data_type NOT LIKE 'TIMESTAMP%'
		GROUP BY ALL ORDER BY 1, 2`)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, c := range cols {
		parts = append(parts, fmt.Sprintf(`SELECT '%s.%s' AS t, count(*) AS n, coalesce(sum(hash(%s)), 0) AS h FROM %s.%s`,
			c[0], c[1], c[2], c[0], c[1]))
	}
	rows, err := e.sql(db, strings.Join(parts, " UNION ALL ")+" ORDER BY t")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " ") + "\n")
	}
	return b.String(), nil
}

// consistent checks keys and the load log; it returns what is wrong.
func (e *env) consistent(db string) string {
	for _, c := range []struct{ what, q string }{
		{"observations stored twice", `SELECT count(*) - count(DISTINCT (source, period, age_group, region_level, region_code, indicator, sex)) FROM store.observation`},
		{"regions stored twice", `SELECT count(*) - count(DISTINCT (source, division, region_code)) FROM store.region`},
		{"rows of loads not in the load log", `SELECT count(*) FROM store.observation o ANTI JOIN store.load_log l USING (load_id)`},
		{"rows of failed loads", `SELECT count(*) FROM store.observation o JOIN store.load_log l USING (load_id) WHERE l.status = 'failed'`},
		{"loads whose status disagrees with their rows", `SELECT count(*) FROM store.load_log l
			WHERE l.status = 'loaded' AND l.kind IN ('statline_50090ned') AND l.rows <> (SELECT count(*) FROM store.observation o WHERE o.load_id = l.load_id)`},
	} {
		rows, err := e.sql(db, c.q)
		if err != nil {
			return err.Error()
		}
		if rows[0][0] != "0" {
			return fmt.Sprintf("%s: %s", c.what, rows[0][0])
		}
	}
	return ""
}

// leftovers lists temporary files a killed command left: the warehouse's
// own temporary folder, and new files in the system temp folder.
func (e *env) leftovers(db string) []string {
	var out []string
	if entries, err := os.ReadDir(db + ".tmp"); err == nil && len(entries) > 0 {
		out = append(out, db+".tmp")
	}
	return append(out, e.newTmp()...)
}

// newTmp lists what lpa left in its temporary folder.
func (e *env) newTmp() []string {
	var out []string
	entries, _ := os.ReadDir(e.tmp)
	for _, en := range entries {
		out = append(out, filepath.Join(e.tmp, en.Name()))
	}
	return out
}

// dirPrint lists a folder's files with the hashes of their bytes.
func dirPrint(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "missing: " + err.Error()
	}
	var b strings.Builder
	for _, en := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, en.Name()))
		fmt.Fprintf(&b, "%s %x\n", en.Name(), sha256.Sum256(data))
	}
	return b.String()
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "      after: %s\n      got:   %s\n", a, c)
		}
	}
	return b.String()
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	os.Remove(dst + ".wal")
	return os.WriteFile(dst, b, 0o644)
}

func copyDir(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, en := range entries {
		if err := copyFile(filepath.Join(src, en.Name()), filepath.Join(dst, en.Name())); err != nil {
			return err
		}
	}
	return nil
}
