package synth

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"lpa/indicators"
)

// columns50140 are the 148 indicator columns of 50140NED (Gezondheidsmonitor
// Jongvolwassenen 2024, TypedDataSet).
const columns50140 = "MoeiteMetRondkomen_1;WeinigControleOverGeldzaken_2;HeeftSchulden_3;HeeftStudieschuld_4;ZorgenOverStudieschuld_5;GoedErvarenGezondheid_6;SlaaptMeestalSlecht_7;OverdagSlaperigOfMoe_8;" +
	"TevredenMetZichzelf_9;TevredenMetEigenLichaam_10;TevredenMetEigenLeven_11;GoedErvarenMentaleGezondheid_12;AngstDepressiegevoelensAfg4Weken_13;BeperktDoorPsychischeKlachten_14;VaakGelukkigAfg4Weken_15;" +
	"VoldoendeWeerbaar_16;SuicidegedachtenWelEens_17;SuicidegedachtenHeelVaak_18;GepraatOverSuicidegedachten_19;Suicidepoging_20;HeelVaakGestrest_21;SomsTotHeelVaakGestrest_22;StressStudieSchool_23;" +
	"StressWerkBijbaan_24;StressFamilieVriendenRelatie_25;StressMeningAnderen_26;StressVerwachtingenAnderen_27;StressEisenAanZichzelf_28;StressFOMO_29;StressSocialeMedia_30;StressCombiVanAllesWatMoet_31;" +
	"StressWoonsituatie_32;StressGeldzakenSchulden_33;StressGezondheid_34;StressIdentiteitSeksualiteitGender_35;PrestatiedrukVanuitZichzelfOfAnderen_36;PrestatiedrukVanuitZichzelf_37;PrestatiedrukVanuitAnderen_38;" +
	"SnelHerstellenNaMoeilijkePeriode_39;MoeilijkDoorstaanStressvolleGebeurt_40;NietMoeilijkDoorstaanStressGebeurt_41;WeinigGeenVertrouwenInEigenToekomst_42;VeelVertrouwenInEigenToekomst_43;" +
	"VeelZorgenOverWerkgelegenheid_44;VeelZorgenOverWoningmarkt_45;VeelZorgenOverKlimaat_46;VeelZorgenOverDiscriminatie_47;VeelZorgenTegenstelTussenGroep_48;VeelZorgenOverOorlogen_49;" +
	"VeelZorgenOverStijgendePrijzen_50;VeelZorgenMaatschappelijkeThemaS_51;VeelZorgen2OfMeerMaatschThemaS_52;EnigszinsTotSterkEenzaam_53;SterkEenzaam_54;EnigszinsTotSterkSociaalEenzaam_55;" +
	"SterkSociaalEenzaam_56;EnigszinsTotSterkEmotioneelEenzaam_57;SterkEmotioneelEenzaam_58;Overgewicht_59;Obesitas_60;MatigOvergewicht_61;GezondGewicht_62;Ondergewicht_63;BeweegtDagelijksMinHalfUur_64;" +
	"BeweegtMin5DagenPWMinHalfUur_65;SportWekelijks_66;SportMin2DagenPW_67;LidSportclubSportschoolOfSportabo_68;AlcoholAfg12Maanden_69;AlcoholAfg4Weken_70;VoldoetAanAlcoholrichtlijn_71;ZwareDrinker_72;" +
	"DrinktAlcoholAlleen_73;k_10GlzAlcoholNormaalVoorVrienden_74;RooktTabak_75;ExTabakroker_76;RooktDagelijksTabak_77;RooktWekelijksTabak_78;VapetESigaret_79;ExVaper_80;VapetDagelijks_81;VapetWekelijks_82;" +
	"RooktTabakEnOfVapet_83;RooktTabakEnOfVapetWekelijks_84;GebruiktSnusNicotinezakjes_85;SnusNicotinezakjesOoit_86;CannabisOoit_87;LachgasOoit_88;CannabisInAfg12Maanden_89;LachgasInAfg12Maanden_90;" +
	"XTCInAfg12Maanden_91;ADHDMedZonderReceptInAfg12Mnd_92;AmfetamineInAfg12Maanden_93;CocaineInAfg12Maanden_94;GHBInAfg12Maanden_95;KetamineInAfg12Maanden_96;PaddoSTruffelsInAfg12Maanden_97;" +
	"k_2CBInAfg12Maanden_98;k_3MMC4MMCInAfg12Maanden_99;CannabisInAfg4Weken_100;LachgasInAfg4Weken_101;XTCInAfg4Weken_102;ADHDMedZonderReceptInAfg4Wkn_103;AmfetamineInAfg4Weken_104;CocaineInAfg4Weken_105;" +
	"GHBInAfg4Weken_106;KetamineInAfg4Weken_107;PaddoSTruffelsInAfg4Weken_108;k_2CBInAfg4Weken_109;k_3MMC4MMCInAfg4Weken_110;DrugsAndersDanCannabisAfg12Mnd_111;DrugsAndersDanCannabisAfg4Weken_112;" +
	"DrugsExclCannabisLachgasAfg12Mnd_113;DrugsExclCannabisLachgasAfg4Wkn_114;LHBTQIAIdentificatie_115;NooitOfSomsZichzelfAlsLHBTQIA_116;MeestalTotAltijdZichzelfAlsLHBTQIA_117;OoitSeksGehad_118;" +
	"SomsNooitCondoomBeflapEnSeksMet1_119;GeenBetrouwbareAnticonceptie_120;GeestelijkMishandeldOoit_121;LichamelijkMishandeldOoit_122;OngewensteSeksueleErvaringOoit_123;MishandeldOoit_124;" +
	"ThuisMishandeldOoit_125;MantelzorgGegevenAfg12Maanden_126;Mantelzorger_127;VindtMantelzorgGevenZwaar_128;BeperktDoorMantelzorgGeven_129;KanBijIemandTerechtBijProbleem_130;MoeilijkStoppenMetGamen_131;" +
	"VaakMoeilijkStoppenMetGamen_132;RisicovolGamegedrag_133;MoeilijkStoppenMetSocialeMedia_134;VaakMoeilijkStoppenSocialeMedia_135;RisicovolSocialemediagebruik_136;OnlineGegoktVoorGeldAfg12Maanden_137;" +
	"GoktWekelijksOnlineVoorGeld_138;GeldproblemenOnlineGokkenAfg12Mnd_139;DoetAanBeleggen_140;NegatieveGevolgenVanCoronaperiode_141;PositieveGevolgenVanCoronaperiode_142;KlachtenMogelijkDoorCorona_143;" +
	"KlachtenMogelijkDCoronaMin3Mnd_144;KlachtenMogelijkDCoronaMin1Jaar_145;KlachtenMogelijkDCoronaMin3Jaar_146;BeperktDoorMogelijkePostCOVID_147;PostCOVIDVastgesteldDoorArts_148"

// write50140 writes one edition of 50140NED: NL01, CG01, the gemeenten
// of the edition's division (the four Wadden islands left out, as
// the real file has 338 of 342), then the 25 GGD regions. An empty field is
// suppressed (too few respondents), more often in small gemeenten and for
// rare answers. BOM, ";", CRLF, decimal point. With several editions each
// file has a Perioden column.
func (g *gen) write50140(year int, withPeriod bool) error {
	name := "rivm_gezondheidsmonitor_jongvolwassenen_50140NED/50140NED_TypedDataSet_22092025_192544.csv"
	if withPeriod {
		name = fmt.Sprintf("rivm_gezondheidsmonitor_jongvolwassenen_50140NED/50140NED_TypedDataSet_%d_22092025_192544.csv", year)
	}
	rng := g.rng(name)
	cols := strings.Split(columns50140, ";")
	head := []string{"ID", "Persoonskenmerken", "Marges", "RegioS"}
	if withPeriod {
		head = append(head, "Perioden")
	}
	var b bytes.Buffer
	b.WriteString(bom)
	csvLine(&b, ';', "\r\n", append(head, cols...)...)
	base := make([]float64, len(cols))
	for i, c := range cols {
		base[i] = 1 + 88*math.Pow(unit("50140", c), 1.6)
	}
	div := min(year, indicators.LastDivision)
	id, rows := 0, 0
	line := func(code string, pop float64) {
		f := []string{strconv.Itoa(id), "T009002", "MW00000", pad(code, 6)}
		if withPeriod {
			f = append(f, fmt.Sprintf("%dJJ00", year))
		}
		id++
		rows++
		shift := rng.NormFloat64()
		for i := range cols {
			pSup := 0.0
			switch {
			case pop <= 0: // NL, GGD
			case pop < 25000:
				pSup = 0.30
			case pop < 60000:
				pSup = 0.12
			default:
				pSup = 0.04
			}
			if base[i] < 6 {
				pSup += 0.35
			}
			if rng.Float64() < pSup {
				f = append(f, "")
				continue
			}
			v := base[i] * (1 + 0.15*shift + 0.12*rng.NormFloat64())
			if pop <= 0 {
				v = base[i] * (1 + 0.04*rng.NormFloat64())
			}
			f = append(f, dec(pct(v), 1, false))
		}
		csvLine(&b, ';', "\r\n", f...)
	}
	line("NL01", 0)
	line("CG01", 20000)
	for _, gm := range g.u.gemeenten(div, 0) {
		if _, wadden := waddenMember[gm.code]; wadden {
			continue
		}
		line(gm.code, gm.pop)
	}
	for _, r := range g.u.ggd.Regions {
		line(r.Code, 0)
	}
	return g.save(name, string(indicators.KindStatLine50140), int64(rows*len(cols)), b.Bytes())
}

// waddenMember are the members of GM9004 Friese Waddeneilanden, which
// VZinfo reports as one.
var waddenMember = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range indicators.GemeenteClusters["GM9004"].Members {
		m[c] = true
	}
	return m
}()

// write85563 writes 85563NED (Gezondheidsmonitor 2022, 18+) for
// Nederland and the 25 GGD regions, with the header the real copy has
// (underscores, "|" between levels), decimal comma, BOM, LF.
func (g *gen) write85563() error {
	name := "ggd_regio_gezondheidsmonitor_2022/Gezondheidsmonitor__bevolking_18_jaar_of_ouder__regio__2022_22012025_151906.csv"
	rng := g.rng(name)
	var b bytes.Buffer
	b.WriteString(bom)
	csvLine(&b, ';', "\n", "Regio", "Ervaren_gezondheid_(goed/zeer_goed)", "Psychische_klachten_(MHI-5<=60)", "Eén_of_meer_langdurige_aandoeningen",
		"Bewegen_en_sport|Voldoet_aan_beweegrichtlijn", "Bewegen_en_sport|Wekelijkse_sporters", "Rokers",
		"Alcoholgebruik|Voldoet_aan_richtlijn_alcoholgebruik", "Alcoholgebruik|Overmatige_drinkers_onder_bevolking")
	means := []float64{70, 21.5, 33, 47.5, 53.6, 16.6, 42.5, 7.1}
	row := func(name string, spread float64) {
		f := []string{name}
		for _, m := range means {
			f = append(f, dec(m*(1+spread*rng.NormFloat64()), 1, true))
		}
		csvLine(&b, ';', "\n", f...)
	}
	row("Nederland", 0)
	for _, r := range g.u.ggd.Regions {
		n := r.Name
		if len(r.Aliases) > 0 {
			n = r.Aliases[0]
		}
		row(n+" (GG)", 0.07)
	}
	return g.save(name, string(indicators.KindMonitor2022GGD), int64(26*len(means)), b.Bytes())
}

// writeLifeExpectancy writes VZinfo's life expectancy per GGD region over
// 2019-2022 (the window in the file name): per region Totaal, Mannen,
// Vrouwen, at birth and at 65, with the significance text.
func (g *gen) writeLifeExpectancy() error {
	name := "ggd_regio_gezondheidsmonitor_2022/klik_lv_ggd_20192022.csv"
	rng := g.rng(name)
	var b bytes.Buffer
	csvLine(&b, ';', "\n", "id", "GGD-regio", "Geslacht", "Bij geboorte", "Afwijking bij geboorte", "Bij 65 jaar", "Afwijking bij 65 jaar")
	signif := func(d float64) string {
		switch {
		case d < -0.5:
			return "onder, 99% zeker"
		case d < -0.25:
			return "onder, 95% zeker"
		case d > 0.5:
			return "boven, 99% zeker"
		case d > 0.25:
			return "boven, 95% zeker"
		}
		return "geen"
	}
	rows := 0
	for _, r := range g.u.ggd.Regions {
		d := 0.6 * rng.NormFloat64()
		for _, s := range []struct {
			sex   string
			shift float64
		}{{"Totaal", 0}, {"Mannen", -1.8}, {"Vrouwen", 1.7}} {
			birth, at65 := 81.5+s.shift+d, 20+s.shift*0.6+d*0.6
			csvLine(&b, ';', "\n", r.VZinfoID, r.Name, s.sex, dec(birth, 1, true), signif(d), dec(at65, 1, true), signif(d*0.8))
			rows++
		}
	}
	return g.save(name, string(indicators.KindLevensverwachting), int64(rows*2), b.Bytes())
}

// writeOverweight writes VZinfo's overweight per gemeente (2024 division;
// the Wadden islands as GM9004): five indicators with a 95 % interval and
// the value of the gemeente's GGD region, the same on all its rows.
func (g *gen) writeOverweight() error {
	name := "sport_en_vzinfo_gemeente/gemeente_overgewicht.csv"
	rng := g.rng(name)
	var b bytes.Buffer
	csvLine(&b, ',', "\n", "Gemeentecode", "Naam", "Indicator", "Percentage", "Betrouwbaarheidsinterval (95%)", "GGD percentage")
	const div = 2024
	ggdValue := func(ggd string, ind int) float64 {
		return round([]float64{50, 15, 1.7, 48, 35}[ind]*(0.92+0.16*unit("ggd", ggd, strconv.Itoa(ind))), 1)
	}
	rows := 0
	write := func(code, name, ggd string) {
		over := 50 + 4*rng.NormFloat64()
		severe := math.Max(5, 15+2.5*rng.NormFloat64())
		under := math.Max(0.3, 1.7+0.5*rng.NormFloat64())
		vals := []float64{over, severe, under, 100 - over - under, over - severe}
		for i, ind := range []string{"Overgewicht", "Ernstig overgewicht", "Ondergewicht", "Gezond gewicht", "Matig overgewicht"} {
			v := round(pct(vals[i]), 1)
			w := 1.5 + 2*rng.Float64()
			csvLine(&b, ',', "\n", code, name, ind, fixed(v, 1, false),
				fixed(math.Max(0, v-w), 1, false)+" - "+fixed(math.Min(100, v+w), 1, false), fixed(ggdValue(ggd, i), 1, false))
			rows++
		}
	}
	for _, gm := range g.u.gemeenten(div, 0) {
		if waddenMember[gm.code] {
			continue
		}
		write(gm.code, indicators.WithoutSuffix(gm.name), g.u.ggdOf(gm.code, div))
	}
	c := indicators.GemeenteClusters["GM9004"]
	write(c.Code, c.Name, c.GGDCode)
	ggds := map[string]bool{}
	for _, gm := range g.u.gemeenten(div, 0) {
		ggds[g.u.ggdOf(gm.code, div)] = true
	}
	return g.save(name, string(indicators.KindVZinfoOvergewicht), int64(rows+5*len(ggds)), b.Bytes())
}

// writeSport writes the sport club memberships of 2024: per gemeente (id
// = the CBS number without GM and leading zeros) and sport a percentage of
// the inhabitants.
func (g *gen) writeSport() error {
	name := "sport_en_vzinfo_gemeente/gemeente_sportlidmaatschappen_2024.csv"
	rng := g.rng(name)
	var b bytes.Buffer
	csvLine(&b, ',', "\n", "id", "Gemeente", "Sport", "Percentage")
	sports := []string{"Atletiek", "Golf", "Gymnastiek", "Hockey", "Paardensport", "Sportvissen", "Tennis", "Voetbal", "Volleybal", "Zwemmen"}
	means := []float64{0.7, 2.2, 1.2, 1.6, 1.0, 2.4, 3.6, 6.2, 0.6, 0.9}
	rows := 0
	for _, gm := range g.u.gemeenten(2024, 0) {
		n, _ := strconv.Atoi(gm.code[2:])
		for i, s := range sports {
			csvLine(&b, ',', "\n", strconv.Itoa(n), indicators.WithoutSuffix(gm.name), s, fixed(means[i]*(0.5+rng.Float64()), 1, false))
			rows++
		}
	}
	return g.save(name, string(indicators.KindSportLidmaatschap), int64(rows), b.Bytes())
}
