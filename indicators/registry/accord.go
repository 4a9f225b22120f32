package registry

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"lpa/indicators"
)

// About describes the kind of file (sources.KnownKinds).
const About = "accord registry: one .yaml file per accord"

// IsFile reports whether path is an accord registry file: the kind is
// known from the extension .yaml or .yml.
func IsFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

// accordFile is the YAML form of one registry entry. See
// examples/accords/README.md for the documented format.
type accordFile struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Kind        string   `yaml:"kind"`
	Signed      string   `yaml:"signed"`
	Division    int      `yaml:"division"`
	Members     []string `yaml:"members"`
	ExampleData bool     `yaml:"example_data"`
	Source      string   `yaml:"source"`
	// Coding is the document analysis (coding.go); optional.
	Coding *codingFile `yaml:"coding"`
}

var reYearYAML = regexp.MustCompile(`line ([0-9]+)`)

// ParseFile reads one accord registry file (ParseAccord) as a source file.
func ParseFile(_ context.Context, name string, data []byte) (*indicators.Parsed, error) {
	a, err := ParseAccord(name, data)
	if err != nil {
		return nil, err
	}
	return &indicators.Parsed{Kind: indicators.KindRegistry, Accord: a}, nil
}

// ParseAccord reads one accord registry file. Problems name the file and the
// line of the offending key.
func ParseAccord(name string, data []byte) (*indicators.Accord, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if len(doc.Content) == 0 {
		return nil, &indicators.ParseError{File: name, Line: 1, Err: indicators.ErrMalformed, Msg: "file is empty; expected an accord (id, name, kind, signed, division, members)"}
	}
	var f accordFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, &indicators.ParseError{File: name, Line: extra.Line, Err: indicators.ErrMalformed,
			Msg: "a second YAML document (after ---); expected one accord per file"}
	}
	lines := keyLines(doc.Content[0])
	var probs indicators.Problems
	bad := func(key, msg string) {
		probs.Add(&indicators.ParseError{File: name, Line: lines[key], Field: key, Err: indicators.ErrInvalidValue, Msg: msg})
	}
	for _, k := range []string{"id", "name", "kind", "signed", "division", "members"} {
		if _, ok := lines[k]; !ok {
			probs.Add(&indicators.ParseError{File: name, Line: 1, Field: k, Err: indicators.ErrMissingColumn,
				Msg: fmt.Sprintf("key %q missing; expected id, name, kind, signed, division and members", k)})
		}
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	a := &indicators.Accord{ID: f.ID, Name: strings.TrimSpace(f.Name), Kind: f.Kind, Division: f.Division,
		ExampleData: f.ExampleData, Source: strings.TrimSpace(f.Source), File: name}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	switch {
	case !indicators.IsAccordID(f.ID):
		bad("id", fmt.Sprintf("id %q; expected lower-case letters, digits, - and _", f.ID))
	case f.ID != base:
		bad("id", fmt.Sprintf("id %q differs from the file name %q; expected the file to be named <id>.yaml", f.ID, filepath.Base(name)))
	}
	if a.Name == "" {
		bad("name", "name is empty; expected the accord's name")
	}
	if f.Kind != "lokaal" && f.Kind != "regionaal" {
		bad("kind", fmt.Sprintf("kind %q; expected lokaal or regionaal", f.Kind))
	}
	if d, y, err := parseSigned(f.Signed); err != nil {
		bad("signed", err.Error())
	} else {
		a.SignedOn, a.SignedYear = d, y
	}
	ref := indicators.LoadReference()
	gemeenten := ref.Gemeenten(f.Division)
	if gemeenten == nil {
		divs := ref.Divisions()
		bad("division", fmt.Sprintf("division %d; expected the year of the municipal division of the member codes, one lpa knows (%d-%d), e.g. 2020",
			f.Division, divs[0], divs[len(divs)-1]))
	}
	memberLines := listLines(doc.Content[0], "members")
	seen := map[string]bool{}
	for i, m := range f.Members {
		line := lines["members"]
		if i < len(memberLines) {
			line = memberLines[i]
		}
		m = strings.TrimSpace(m)
		switch {
		case !indicators.RegionCodeOK(m, indicators.LevelGemeente):
			probs.Add(&indicators.ParseError{File: name, Line: line, Field: "members", Err: indicators.ErrInvalidValue,
				Msg: fmt.Sprintf("member %q is not a CBS gemeente code; expected GM + 4 digits", m)})
		case seen[m]:
			probs.Add(&indicators.ParseError{File: name, Line: line, Field: "members", Err: indicators.ErrDuplicateKey,
				Msg: fmt.Sprintf("member %s listed twice; expected each gemeente once", m)})
		case gemeenten != nil && gemeenten[m] == "":
			probs.Add(&indicators.ParseError{File: name, Line: line, Field: "members", Err: indicators.ErrInvalidValue,
				Msg: fmt.Sprintf("member %s is no gemeente of division %d; expected a code of the gemeenten of %d", m, f.Division, f.Division)})
		default:
			seen[m] = true
			a.Members = append(a.Members, m)
		}
	}
	switch {
	case len(f.Members) == 0:
		bad("members", "no members; expected the CBS codes of the member gemeenten")
	case f.Kind == "lokaal" && len(f.Members) != 1:
		bad("members", fmt.Sprintf("a lokaal accord has %d members; expected exactly one gemeente (or kind: regionaal)", len(f.Members)))
	case f.Kind == "regionaal" && len(f.Members) < 2:
		bad("members", "a regionaal accord has one member; expected two or more gemeenten (or kind: lokaal)")
	}
	if f.Coding != nil {
		a.Coding = parseCoding(name, lines["coding"], f.Coding, &probs)
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	return a, nil
}

// parseSigned accepts a year (2020) or a date (2020-06-15).
func parseSigned(s string) (time.Time, int, error) {
	s = strings.TrimSpace(s)
	if y, err := strconv.Atoi(s); err == nil {
		if y < 2018 || y > 2100 {
			return time.Time{}, 0, fmt.Errorf("signed %q; expected a year from 2018 on (the national accord is of November 2018)", s)
		}
		return time.Time{}, y, nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("signed %q is not a date; expected a year (2020) or a date as YYYY-MM-DD (2020-06-15)", s)
	}
	if d.Year() < 2018 || d.Year() > 2100 {
		return time.Time{}, 0, fmt.Errorf("signed %q; expected a date from 2018 on", s)
	}
	return d, d.Year(), nil
}
