package synth

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"

	"lpa/indicators"
)

// The Vektis headers, as the real files of these years have them: upper
// case up to 2018, lower case from 2019, categories renamed and added, and
// in 2023 names cut to 32 characters. A year before 2011 takes 2011's,
// one after 2023 takes 2023's.
var vektisHeaders = []struct {
	from   int
	header string
}{
	{0, "GESLACHT;LEEFTIJDSKLASSE;GEMEENTENAAM;AANTAL_BSN;AANTAL_VERZEKERDEJAREN;KOSTEN_MEDISCH_SPECIALISTISCHE_ZORG;KOSTEN_FARMACIE;KOSTEN_TWEEDELIJNS_GGZ;KOSTEN_HUISARTS_INSCHRIJFTARIEF;KOSTEN_HUISARTS_CONSULT;KOSTEN_HUISARTS_OVERIG;KOSTEN_HULPMIDDELEN;KOSTEN_MONDZORG;KOSTEN_PARAMEDISCHE_ZORG_FYSIOTHERAPIE;KOSTEN_PARAMEDISCHE_ZORG_OVERIG;KOSTEN_ZIEKENVERVOER_ZITTEND;KOSTEN_ZIEKENVERVOER_LIGGEND;KOSTEN_KRAAMZORG;KOSTEN_VERLOSKUNDIGE_ZORG;KOSTEN_EERSTELIJNS_PSYCHOLOGISCHE_ZORG;KOSTEN_GRENSOVERSCHRIJDENDE_ZORG;KOSTEN_EERSTELIJNS_ONDERSTEUNING;KOSTEN_OVERIG"},
	{2013, "GESLACHT;LEEFTIJDSKLASSE;GEMEENTENAAM;AANTAL_BSN;AANTAL_VERZEKERDEJAREN;KOSTEN_MEDISCH_SPECIALISTISCHE_ZORG;KOSTEN_FARMACIE;KOSTEN_TWEEDELIJNS_GGZ;KOSTEN_HUISARTS_INSCHRIJFTARIEF;KOSTEN_HUISARTS_CONSULT;KOSTEN_HUISARTS_OVERIG;KOSTEN_HULPMIDDELEN;KOSTEN_MONDZORG;KOSTEN_PARAMEDISCHE_ZORG_FYSIOTHERAPIE;KOSTEN_PARAMEDISCHE_ZORG_OVERIG;KOSTEN_ZIEKENVERVOER_ZITTEND;KOSTEN_ZIEKENVERVOER_LIGGEND;KOSTEN_KRAAMZORG;KOSTEN_VERLOSKUNDIGE_ZORG;KOSTEN_EERSTELIJNS_PSYCHOLOGISCHE_ZORG;KOSTEN_GRENSOVERSCHRIJDENDE_ZORG;KOSTEN_EERSTELIJNS_ONDERSTEUNING;KOSTEN_GERIATRISCHE_REVALIDATIEZORG;KOSTEN_OVERIG"},
	{2015, "GESLACHT;LEEFTIJDSKLASSE;GEMEENTENAAM;AANTAL_BSN;AANTAL_VERZEKERDEJAREN;KOSTEN_MEDISCH_SPECIALISTISCHE_ZORG;KOSTEN_FARMACIE;KOSTEN_SPECIALISTISCHE_GGZ;KOSTEN_HUISARTS_INSCHRIJFTARIEF;KOSTEN_HUISARTS_CONSULT;KOSTEN_HUISARTS_MDZ;KOSTEN_HUISARTS_OVERIG;KOSTEN_HULPMIDDELEN;KOSTEN_MONDZORG;KOSTEN_PARAMEDISCHE_ZORG_FYSIOTHERAPIE;KOSTEN_PARAMEDISCHE_ZORG_OVERIG;KOSTEN_ZIEKENVERVOER_ZITTEND;KOSTEN_ZIEKENVERVOER_LIGGEND;KOSTEN_KRAAMZORG;KOSTEN_VERLOSKUNDIGE_ZORG;KOSTEN_GENERALISTISCHE_BASIS_GGZ;KOSTEN_LANGDURIGE_GGZ;KOSTEN_GRENSOVERSCHRIJDENDE_ZORG;KOSTEN_EERSTELIJNS_ONDERSTEUNING;KOSTEN_GERIATRISCHE_REVALIDATIEZORG;KOSTEN_VERPLEGING_EN_VERZORGING;KOSTEN_OVERIG"},
	{2018, "GESLACHT;LEEFTIJDSKLASSE;GEMEENTENAAM;AANTAL_BSN;AANTAL_VERZEKERDEJAREN;KOSTEN_MEDISCH_SPECIALISTISCHE_ZORG;KOSTEN_FARMACIE;KOSTEN_SPECIALISTISCHE_GGZ;KOSTEN_HUISARTS_INSCHRIJFTARIEF;KOSTEN_HUISARTS_CONSULT;KOSTEN_HUISARTS_MDZ;KOSTEN_HUISARTS_OVERIG;KOSTEN_HULPMIDDELEN;KOSTEN_MONDZORG;KOSTEN_PARAMEDISCHE_ZORG_FYSIOTHERAPIE;KOSTEN_PARAMEDISCHE_ZORG_OVERIG;KOSTEN_ZIEKENVERVOER_ZITTEND;KOSTEN_ZIEKENVERVOER_LIGGEND;KOSTEN_KRAAMZORG;KOSTEN_VERLOSKUNDIGE_ZORG;KOSTEN_GENERALISTISCHE_BASIS_GGZ;KOSTEN_LANGDURIGE_GGZ;KOSTEN_GRENSOVERSCHRIJDENDE_ZORG;KOSTEN_EERSTELIJNS_ONDERSTEUNING;KOSTEN_GERIATRISCHE_REVALIDATIEZORG;KOSTEN_EERSTELIJNSVERBLIJF;KOSTEN_VERPLEGING_EN_VERZORGING;KOSTEN_OVERIG"},
	{2019, "geslacht;leeftijdsklasse;gemeentenaam;aantal_bsn;aantal_verzekerdejaren;kosten_medisch_specialistische_zorg;kosten_farmacie;kosten_specialistische_ggz;kosten_huisarts_inschrijftarief;kosten_huisarts_consult;kosten_huisarts_mdz;kosten_huisarts_overig;kosten_hulpmiddelen;kosten_mondzorg;kosten_paramedische_zorg_fysiotherapie;kosten_paramedische_zorg_overig;kosten_ziekenvervoer_zittend;kosten_ziekenvervoer_liggend;kosten_kraamzorg;kosten_verloskundige_zorg;kosten_generalistische_basis_ggz;kosten_langdurige_ggz;kosten_grensoverschrijdende_zorg;kosten_eerstelijns_ondersteuning;kosten_geriatrische_revalidatiezorg;kosten_eerstelijnsverblijf;kosten_verpleging_en_verzorging;kosten_overig"},
	{2020, "geslacht;leeftijdsklasse;gemeentenaam;aantal_bsn;aantal_verzekerdejaren;kosten_medisch_specialistische_zorg;kosten_farmacie;kosten_specialistische_ggz;kosten_huisarts_inschrijftarief;kosten_huisarts_consult;kosten_huisarts_mdz;kosten_huisarts_overig;kosten_hulpmiddelen;kosten_mondzorg;kosten_paramedische_zorg_fysiotherapie;kosten_paramedische_zorg_overig;kosten_ziekenvervoer_zittend;kosten_ziekenvervoer_liggend;kosten_kraamzorg;kosten_verloskundige_zorg;kosten_generalistische_basis_ggz;kosten_langdurige_ggz;kosten_grensoverschrijdende_zorg;kosten_eerstelijns_ondersteuning;kosten_geriatrische_revalidatiezorg;kosten_eerstelijnsverblijf;kosten_verpleging_en_verzorging;kosten_gzsp;kosten_overig"},
	{2021, "geslacht;leeftijdsklasse;gemeentenaam;aantal_bsn;aantal_verzekerdejaren;kosten_medisch_specialistische_zorg;kosten_farmacie;kosten_specialistische_ggz;kosten_huisarts_inschrijftarief;kosten_huisarts_consult;kosten_huisarts_mdz;kosten_huisarts_overig;kosten_hulpmiddelen;kosten_mondzorg;kosten_paramedische_zorg_fysiotherapie;kosten_paramedische_zorg_overig;kosten_ziekenvervoer_zittend;kosten_ziekenvervoer_liggend;kosten_kraamzorg;kosten_verloskundige_zorg;kosten_generalistische_basis_ggz;kosten_langdurige_ggz;kosten_grensoverschrijdende_zorg;kosten_eerstelijns_ondersteuning;kosten_geriatrische_revalidatiezorg;kosten_eerstelijnsverblijf;kosten_verpleging_en_verzorging;kosten_gzsp;kosten_integrale_geboortezorg;kosten_innovatiegelden_ggz;kosten_overig"},
	{2022, "geslacht;leeftijdsklasse;gemeentenaam;aantal_bsn;aantal_verzekerdejaren;kosten_medisch_specialistische_zorg;kosten_farmacie;kosten_huisarts_inschrijftarief;kosten_huisarts_consult;kosten_huisarts_mdz;kosten_huisarts_overig;kosten_hulpmiddelen;kosten_mondzorg;kosten_paramedische_zorg_fysiotherapie;kosten_paramedische_zorg_overig;kosten_ziekenvervoer_zittend;kosten_ziekenvervoer_liggend;kosten_kraamzorg;kosten_verloskundige_zorg;kosten_grensoverschrijdende_zorg;kosten_eerstelijns_ondersteuning;kosten_geriatrische_revalidatiezorg;kosten_eerstelijnsverblijf;kosten_verpleging_en_verzorging;kosten_gzsp;kosten_integrale_geboortezorg;kosten_innovatiegelden_ggz;kosten_overig;kosten_consulten_ggz;kosten_intramuraal_verblijf_ggz;kosten_overige_prestaties_ggz"},
	{2023, "geslacht;leeftijdsklasse;gemeentenaam;aantal_bsn;aantal_verzekerdejaren;kosten_medisch_specialistische_z;kosten_farmacie;kosten_huisarts_inschrijftarief;kosten_huisarts_consult;kosten_huisarts_mdz;kosten_huisarts_overig;kosten_hulpmiddelen;kosten_mondzorg;kosten_paramedische_zorg_fysioth;kosten_paramedische_zorg_overig;kosten_ziekenvervoer_zittend;kosten_ziekenvervoer_liggend;kosten_kraamzorg;kosten_verloskundige_zorg;kosten_grensoverschrijdende_zorg;kosten_eerstelijns_ondersteuning;kosten_geriatrische_revalidatiez;kosten_eerstelijnsverblijf;kosten_verpleging_en_verzorging;kosten_gzsp;kosten_integrale_geboortezorg;kosten_innovatiegelden_ggz;kosten_overig;kosten_consulten_ggz;kosten_intramuraal_verblijf_ggz;kosten_overige_prestaties_ggz"},
}

func vektisHeader(year int) []string {
	h := vektisHeaders[0].header
	for _, x := range vektisHeaders {
		if year >= x.from {
			h = x.header
		}
	}
	return strings.Split(h, ";")
}

// Euros a year per insured year of an adult, per cost category; unknown
// ones 20.
var vektisPerYear = map[string]float64{
	"medisch_specialistische_zorg": 1400, "farmacie": 330, "tweedelijns_ggz": 160, "specialistische_ggz": 170,
	"huisarts_inschrijftarief": 75, "huisarts_consult": 45, "huisarts_mdz": 25, "huisarts_overig": 95,
	"hulpmiddelen": 90, "mondzorg": 45, "paramedische_zorg_fysiotherapie": 60, "paramedische_zorg_overig": 25,
	"ziekenvervoer_zittend": 12, "ziekenvervoer_liggend": 35, "verpleging_en_verzorging": 220,
	"consulten_ggz": 110, "intramuraal_verblijf_ggz": 50, "generalistische_basis_ggz": 20, "langdurige_ggz": 25,
}

// vektisAgeShare is the share of each of the 19 age classes in the
// population (the Netherlands, roughly).
var vektisAgeShare = []float64{5.0, 5.3, 5.6, 6.0, 6.5, 6.6, 6.3, 6.0, 6.1, 6.8, 7.4, 7.2, 6.5, 6.0, 5.5, 4.0, 2.6, 1.5, 0.9}

// writeVektis writes one year of the Vektis gemeente file: per gemeente
// (by its Vektis name), sex and age class the insured and their costs,
// and the one rest-category row. The gemeenten are those of the division
// Vektis publishes the year on (older years on 2020's); the order is the
// real one of the year: sorted with the rest row first up to 2019, sorted
// with it at the end in 2020-2022, unsorted from 2023.
func (g *gen) writeVektis(year int) error {
	name := fmt.Sprintf("vektis_zvw_gemeente/vektis_%d_gemeente.csv.gz", year)
	rng := g.rng(name)
	header := vektisHeader(year)
	cats := make([]string, 0, len(header)-5)
	for _, h := range header[5:] {
		c, ok := indicators.VektisCategory(strings.ToLower(h))
		if !ok {
			return fmt.Errorf("vektis column %s unknown to lpa", h)
		}
		cats = append(cats, c.Category)
	}
	div := 2020
	switch {
	case year >= 2022:
		div = 2023
	case year >= 2020:
		div = 2022
	}
	type group struct {
		sex, age, name string
		fields         []string
	}
	var groups []group
	drift := math.Pow(1.035, float64(year-2011)) // costs rise over the years
	codes := g.u.ref.Gemeenten(div)
	gms := make([]string, 0, len(codes))
	for code := range codes {
		if div == 2022 && code == "GM0457" {
			continue // Weesp went to Amsterdam in March 2022: Vektis 2020-21 hold 344 gemeenten
		}
		if g.plan.Thin < 1 && unit("thin", code) >= 10*g.plan.Thin {
			continue // a small set: fewer gemeenten too
		}
		gms = append(gms, code)
	}
	slices.SortFunc(gms, func(a, b string) int { return strings.Compare(g.u.vektisName[a], g.u.vektisName[b]) })
	var rest [2]float64
	for _, sex := range []string{"M", "V"} {
		for ai, share := range vektisAgeShare {
			age := "90+"
			if ai < 18 {
				age = fmt.Sprintf("%2d t/m %2d jaar", ai*5, ai*5+4)
			}
			for _, code := range gms {
				vn := g.u.vektisName[code]
				if vn == "" {
					return fmt.Errorf("no Vektis name for %s", code)
				}
				bsn := math.Round(g.u.pop[code] * share / 100 / 2 * (0.9 + 0.2*rng.Float64()))
				iy := bsn * (0.88 + 0.09*rng.Float64())
				rest[0] += bsn * 0.02
				rest[1] += iy * 0.012
				f := []string{sex, age, vn, dec(bsn, 0, false), dec(iy, 2, false)}
				for _, c := range cats {
					f = append(f, dec(vektisCost(rng, c, sex, ai)*iy*drift, 2, false))
				}
				groups = append(groups, group{sex, age, vn, f})
			}
		}
	}
	restRow := []string{"", "", "", dec(rest[0], 0, false), dec(rest[1], 2, false)}
	for _, c := range cats {
		restRow = append(restRow, dec(vektisCost(rng, c, "", 8)*rest[1]*drift, 2, false))
	}
	lines := make([][]string, 0, len(groups)+1)
	if year <= 2019 {
		lines = append(lines, restRow)
	}
	for _, gr := range groups {
		lines = append(lines, gr.fields)
	}
	switch {
	case year >= 2023:
		rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		k := len(lines) - 1 - rng.IntN(min(len(lines), 200))
		lines = slices.Insert(lines, k, restRow)
	case year >= 2020:
		lines = slices.Insert(lines, len(lines)-rng.IntN(min(len(lines), 200)), restRow)
	}
	var b bytes.Buffer
	csvLine(&b, ';', "\n", header...)
	for _, l := range lines {
		csvLine(&b, ';', "\n", l...)
	}
	return g.save(name, string(indicators.KindVektisZvw), int64(len(lines)*len(cats)), b.Bytes())
}

// vektisCost is the cost a year per insured year of a category for a sex
// and age class: some categories only for some ages or for women, the
// rest growing with age; now and then nothing.
func vektisCost(rng interface {
	Float64() float64
	NormFloat64() float64
}, cat, sex string, ageClass int) float64 {
	birth := cat == "kraamzorg" || cat == "verloskundige_zorg" || cat == "integrale_geboortezorg"
	switch {
	case birth && !(ageClass == 0 || (sex == "V" && ageClass >= 3 && ageClass <= 9)):
		return 0
	case rng.Float64() < 0.04:
		return 0
	}
	base, ok := vektisPerYear[cat]
	if !ok {
		base = 20
	}
	age := 0.45 + math.Pow(float64(ageClass)/9, 2)
	if birth {
		age = 3
	}
	return base * age * math.Exp(0.25*rng.NormFloat64())
}
