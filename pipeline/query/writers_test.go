package query

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func col(name, typ string) Column { return Column{Name: name, Type: typ} }

func table(t *testing.T, maxWidth int, cols []Column, rows ...[]any) string {
	t.Helper()
	var buf bytes.Buffer
	w := newWriter(Table, &buf, maxWidth)
	if err := w.Header(cols); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestTableWriter(t *testing.T) {
	wide := []Column{col("a", "VARCHAR"), col("b", "INTEGER"), col("c", "VARCHAR"), col("d", "VARCHAR"), col("e", "DOUBLE"), col("f", "VARCHAR")}
	row := []any{"aaaaaaaaaa", int64(2), "cccccccccc", "dddddddddd", 5.5, "ffffffffff"}
	for _, tc := range []struct {
		name     string
		maxWidth int
		cols     []Column
		rows     [][]any
		want     string
	}{
		{"one row", 0, []Column{col("n", "BIGINT")}, [][]any{{int64(14)}},
			"n\n──\n14\n1 row\n"},
		{"no rows", 0, []Column{col("n", "BIGINT")}, nil,
			"n\n─\n0 rows\n"},
		{"fits", 80, wide, [][]any{row, row},
			"a          │ b │ c          │ d          │ e   │ f\n" +
				"───────────┼───┼────────────┼────────────┼─────┼───────────\n" +
				"aaaaaaaaaa │ 2 │ cccccccccc │ dddddddddd │ 5.5 │ ffffffffff\n" +
				"aaaaaaaaaa │ 2 │ cccccccccc │ dddddddddd │ 5.5 │ ffffffffff\n" +
				"2 rows\n"},
		{"middle columns left out", 40, wide, [][]any{row},
			"a          │ b │ … │ e   │ f\n" +
				"───────────┼───┼───┼─────┼───────────\n" +
				"aaaaaaaaaa │ 2 │ … │ 5.5 │ ffffffffff\n" +
				"1 row, 6 columns (4 shown)\n"},
		{"long values cut", 40, []Column{col("x", "VARCHAR"), col("y", "VARCHAR")}, [][]any{{strings.Repeat("x", 30), strings.Repeat("y", 30)}},
			"x" + strings.Repeat(" ", 17) + " │ y\n" +
				strings.Repeat("─", 19) + "┼" + strings.Repeat("─", 19) + "\n" +
				strings.Repeat("x", 17) + "… │ " + strings.Repeat("y", 17) + "…\n" +
				"1 row\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := table(t, tc.maxWidth, tc.cols, tc.rows...)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			for _, l := range strings.Split(got, "\n") {
				if tc.maxWidth > 0 && utf8.RuneCountInString(l) > tc.maxWidth {
					t.Errorf("line of %d > %d: %q", utf8.RuneCountInString(l), tc.maxWidth, l)
				}
			}
		})
	}
}
