package indicators

import (
	"strings"
	"testing"
)

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("ab", 5000)
	e := &ParseError{File: "f.csv", Line: 2, Column: 3, Err: ErrInvalidValue,
		Msg: `value "` + long + `" is not a number; expected "76.1"`}
	got := e.Error()
	want := `f.csv:2:3: value "` + long[:quoteMax] + `…" (10000 bytes) is not a number; expected "76.1"`
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Short quotes and escaped quotes stay as they are.
	short := &ParseError{File: "f.csv", Err: ErrInvalidValue, Msg: `header ("a\"b", "c") ` + strings.Repeat("x", 100)}
	if !strings.Contains(short.Error(), `("a\"b", "c")`) {
		t.Errorf("short quotes changed: %s", short.Error())
	}
	// A message of many values is cut as a whole.
	var many []string
	for range 2000 {
		many = append(many, `"value"`)
	}
	if got := (&ParseError{File: "f", Msg: strings.Join(many, ", ")}).Error(); len(got) > msgMax+100 || !strings.Contains(got, "message cut") {
		t.Errorf("%d bytes: %.100s", len(got), got)
	}
}
