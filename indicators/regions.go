package indicators

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var soortRegio = map[string]string{
	"Land": LevelLand, "Gemeente": LevelGemeente, "Wijk": LevelWijk, "Buurt": LevelBuurt,
}

// SoortRegio returns the level of a CBS region kind as StatLine names it
// (the column SoortRegio: Land, Gemeente, Wijk or Buurt).
func SoortRegio(soort string) (level string, ok bool) {
	level, ok = soortRegio[soort]
	return level, ok
}

// RegionCodeOK reports whether code is a CBS code of the level.
func RegionCodeOK(code, level string) bool {
	digits := func(s string, n int) bool {
		if len(s) != n {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	alnum := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if (s[i] < '0' || s[i] > '9') && (s[i] < 'A' || s[i] > 'Z') {
				return false
			}
		}
		return true
	}
	switch level {
	case LevelLand:
		return strings.HasPrefix(code, "NL") && digits(code[2:], 2)
	case LevelGemeente:
		return strings.HasPrefix(code, "GM") && digits(code[2:], 4)
	case LevelWijk: // since 2022 Amsterdam numbers wijken with letters: WK0363AF
		return len(code) == 8 && strings.HasPrefix(code, "WK") && digits(code[2:6], 4) && alnum(code[6:])
	case LevelBuurt: // BU0363AF01
		return len(code) == 10 && strings.HasPrefix(code, "BU") && digits(code[2:6], 4) && alnum(code[6:])
	case LevelGGDRegio:
		return strings.HasPrefix(code, "GG") && digits(code[2:], 4)
	case LevelProvincie:
		return strings.HasPrefix(code, "PV") && digits(code[2:], 2)
	}
	return false
}

// ExpectedCode says what a code of the level looks like, for messages.
func ExpectedCode(level string) string { return codeExpect[level] }

var codeExpect = map[string]string{
	LevelLand: "NL + 2 digits", LevelGemeente: "GM + 4 digits", LevelWijk: "WK + 4-digit gemeente number + 2 digits or capitals",
	LevelBuurt: "BU + 4-digit gemeente number + 4 digits or capitals", LevelGGDRegio: "GG + 4 digits", LevelProvincie: "PV + 2 digits",
}

// GemeenteOf returns the gemeente code a gemeente, wijk or buurt code lies in.
func GemeenteOf(code, level string) string {
	switch level {
	case LevelGemeente:
		return code
	case LevelWijk, LevelBuurt:
		return "GM" + code[2:6]
	}
	return ""
}

// GemeenteCluster is a group of gemeenten that a source publishes as one
// region under a code of its own.
type GemeenteCluster struct {
	Code    string
	Name    string
	Members []string
	GGDCode string
}

// GemeenteClusters lists the clusters lpa knows. The GGD'en and VZinfo
// report the four Frisian Wadden islands together: each is too small alone.
var GemeenteClusters = map[string]GemeenteCluster{
	"GM9004": {Code: "GM9004", Name: "Friese Waddeneilanden",
		Members: []string{"GM0060", "GM0088", "GM0093", "GM0096"}, GGDCode: "GG7206"},
}

// SourceRegionOK is RegionCodeOK extended with the levels only the monitor
// sources have.
func SourceRegionOK(code, level string) bool {
	switch level {
	case LevelCaribischNederland:
		return code == "CG01"
	case LevelGemeenteCluster:
		_, ok := GemeenteClusters[code]
		return ok
	}
	return RegionCodeOK(code, level)
}

// NormName folds a region name for matching: lower case, diacritics off,
// every run of other characters than letters and digits one space. (Safe
// for concurrent use: files are parsed in parallel.)
func NormName(s string) string {
	var b strings.Builder
	space := false
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, c): // a diacritic, split off by NFD
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(c)
		default:
			space = true
		}
	}
	return b.String()
}

// GemeenteNameOK reports whether a source's gemeente name fits the code's
// name in the reference: equal after NormName, once CBS's disambiguation
// suffix ("Groningen (gemeente)", "Bergen (L.)") is dropped from both, or
// one of the popular names the sources use.
func GemeenteNameOK(name, refName, code string) bool {
	a, b := NormName(WithoutSuffix(name)), NormName(WithoutSuffix(refName))
	if a == b {
		return true
	}
	return popularNames[a] == code
}

var reNameSuffix = regexp.MustCompile(`\s*\([^)]*\)\s*$`)

// NameSuffix returns CBS's disambiguation suffix of a region name, such as
// " (gemeente)" in "Groningen (gemeente)", or "".
func NameSuffix(name string) string { return reNameSuffix.FindString(name) }

// WithoutSuffix returns a region name without CBS's disambiguation suffix.
func WithoutSuffix(name string) string { return reNameSuffix.ReplaceAllString(name, "") }

// popularNames are names that the sources use instead of the official one.
var popularNames = map[string]string{
	"den haag":  "GM0518", // 's-Gravenhage
	"den bosch": "GM0796", // 's-Hertogenbosch
}

// PopularName returns the code of the gemeente that a source names by its
// popular name (folded by NormName: "den haag" for 's-Gravenhage), or "".
func PopularName(folded string) string { return popularNames[folded] }

var reYearInName = regexp.MustCompile(`(?:^|[_\- ])((?:19|20)[0-9]{2})(?:[_\-. ]|$)`)

// YearFromName reads a 4-digit year (1900-2099) that stands apart in a
// file's base name: "gemeente_overgewicht_2024.csv" -> 2024.
func YearFromName(name string) (int, bool) {
	m := reYearInName.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}
