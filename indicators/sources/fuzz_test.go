package sources_test

import (
	"testing"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
)

// FuzzParse feeds arbitrary bytes to Parse as a CSV file. The name carries a
// year so that the CBS parsers, which read the division from the name, can
// succeed too.
func FuzzParse(f *testing.F) {
	indicatorstest.FuzzSeeds(f, "../testdata/*.csv", "../../cmd/lpa/testdata/bad/*", "../../cmd/lpa/testdata/good/*")
	f.Add([]byte("municipalityName;municipalityCode;provinceCode;provinceName;population\n\"Ameland\";\"GM0060\";\"PV21\";\"Friesland\";\"3716\"\n"))
	const name = "f_2020.csv"
	indicatorstest.FuzzParsed(f, name, func(t *testing.T, p *indicators.Parsed) {
		set := 0
		if d := p.Dataset; d != nil {
			set++
			indicatorstest.CheckDataset(t, d)
		}
		if rs := p.Regions; rs != nil {
			set++
			seen := map[string]bool{}
			for _, r := range rs.Regions {
				if !indicators.RegionCodeOK(r.Code, r.Level) {
					t.Errorf("region %q is no CBS %s code", r.Code, r.Level)
				}
				if seen[r.Code] {
					t.Errorf("region %s twice", r.Code)
				}
				seen[r.Code] = true
				if r.Population < -1 {
					t.Errorf("region %s population %d", r.Code, r.Population)
				}
			}
		}
		if p.Accord != nil {
			set++
		}
		if c := p.CareCosts; c != nil {
			set++
			indicatorstest.CheckCareCosts(t, c)
		}
		if p.Status != nil {
			set++
			indicatorstest.CheckStatus(t, p.Status)
		}
		if p.Template != nil {
			set++
			indicatorstest.CheckTemplate(t, p.Template)
		}
		if set != 1 {
			t.Errorf("Parse set %d of Dataset, Regions, Accord; want 1", set)
		}
	})
}
