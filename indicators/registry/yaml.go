package registry

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"lpa/indicators"
)

var (
	reUnknownField = regexp.MustCompile(`field (\S+) not found in type (\S+)`)
	reCannotDecode = regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into (\\S+)")
	registryKeys   = "id, name, kind, signed, division, members, example_data, source and coding"
)

// yamlError turns a YAML decoding error into ParseErrors with their lines,
// in the registry's words rather than Go's.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var probs indicators.Problems
		for _, msg := range te.Errors {
			e := &indicators.ParseError{File: name, Err: indicators.ErrInvalidValue}
			if m := reYearYAML.FindStringSubmatch(msg); m != nil {
				e.Line, _ = strconv.Atoi(m[1])
			}
			switch m1, m2 := reUnknownField.FindStringSubmatch(msg), reCannotDecode.FindStringSubmatch(msg); {
			case m1 != nil:
				e.Field = m1[1]
				keys, where := registryKeys, ""
				if k, ok := nestedKeys[strings.TrimPrefix(m1[2], "registry.")]; ok {
					keys, where = k.keys, " in "+k.where
				}
				e.Msg = fmt.Sprintf("unknown key %q%s; expected only %s (examples/accords/README.md)", m1[1], where, keys)
			case m2 != nil && strings.HasPrefix(m2[3], "[]"):
				e.Msg = fmt.Sprintf("%q is a single value; expected a list, one item per line starting with \"- \"", m2[2])
			case m2 != nil:
				e.Msg = fmt.Sprintf("%q (a %s) cannot be read as %s; expected the registry format (examples/accords/README.md)", m2[2], m2[1], goType(m2[3]))
			default:
				e.Msg = strings.TrimPrefix(msg, fmt.Sprintf("line %d: ", e.Line))
			}
			probs.Add(e)
		}
		return probs.Err(name)
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := reYearYAML.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "line ") {
		msg = msg[i+2:]
	}
	hint := "expected YAML as in examples/accords/*.yaml"
	if strings.Contains(msg, "end of stream") || strings.Contains(msg, "quoted scalar") {
		hint = "is a quote (\" or ') left open? " + hint
	}
	return &indicators.ParseError{File: name, Line: line, Err: indicators.ErrMalformed, Msg: "YAML syntax: " + msg + "; " + hint}
}

// keyLines maps each top-level key of a mapping node to its line.
func keyLines(n *yaml.Node) map[string]int {
	out := map[string]int{}
	if n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = n.Content[i].Line
	}
	return out
}

// listLines gives the line of each item of the sequence under key.
func listLines(n *yaml.Node, key string) []int {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.SequenceNode {
			var out []int
			for _, it := range n.Content[i+1].Content {
				out = append(out, it.Line)
			}
			return out
		}
	}
	return nil
}

// lstr is a YAML scalar with the line it stands on. The registry decodes
// every value as text and checks it itself, so messages speak the
// registry's language and name the line.
type lstr struct {
	V    string
	Line int
}

func (s *lstr) UnmarshalYAML(n *yaml.Node) error {
	s.Line = n.Line
	if n.Kind != yaml.ScalarNode {
		what := "a list"
		if n.Kind == yaml.MappingNode {
			what = "a mapping (key: value)"
		}
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s where a single value was expected", n.Line, what)}}
	}
	s.V = strings.TrimSpace(n.Value)
	return nil
}

// nestedKeys names the keys of the registry's nested mappings, for the
// message about an unknown key (yaml names the Go type).
var nestedKeys = map[string]struct{ where, keys string }{
	"codingFile": {"coding", yamlKeys(reflect.TypeFor[codingFile]())},
	"goalFile":   {"a goal", yamlKeys(reflect.TypeFor[goalFile]())},
	"partyFile":  {"a party", yamlKeys(reflect.TypeFor[partyFile]())},
}

func yamlKeys(t reflect.Type) string {
	var keys []string
	for i := range t.NumField() {
		keys = append(keys, strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0])
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
}

// goType is the name of a Go type as yaml writes it in a message. The
// registry's YAML types were declared in package indicators before the
// sources had packages of their own; messages keep naming them so
// (indicators.codingFile), so that they read the same as before.
func goType(t string) string { return strings.ReplaceAll(t, "registry.", "indicators.") }
