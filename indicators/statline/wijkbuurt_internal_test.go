package statline

import (
	"strings"
	"testing"

	"lpa/indicators"
)

// header50090 is the header of RIVM StatLine 50090NED as the real files
// (/work/shared/data/rivm_gezondheid_wijk_buurt_50090NED) have it.
const header50090 = "ID,Leeftijd,Marges,WijkenEnBuurten,Perioden,Gemeentenaam_1,SoortRegio_2,Codering_3," +
	"ErvarenGezondheidGoedZeerGoed_4,VoldoetAanBeweegrichtlijn_5,WekelijkseSporters_6,Ondergewicht_7,NormaalGewicht_8," +
	"Overgewicht_9,ErnstigOvergewicht_10,Roker_11,VoldoetAanAlcoholRichtlijn_12,Drinker_13,ZwareDrinker_14," +
	"OvermatigeDrinker_15,EenOfMeerLangdurigeAandoeningen_16,BeperktVanwegeGezondheid_17," +
	"ErnstigBeperktVanwegeGezondheid_18,LangdurigeZiekteEnBeperkt_19,EenOfMeerLichamelijkeBeperkingen_20," +
	"BeperkingInHoren_21,BeperkingInZien_22,BeperkingInBewegen_23,MatigHoogRisicoOpAngstOfDepressie_24," +
	"HoogRisicoOpAngstOfDepressie_25,HeelVeelStressInAfgelopen4Weken_26,MatigVeelRegieOverEigenLeven_27,Eenzaam_28," +
	"ErnstigZeerErnstigEenzaam_29,EmotioneelEenzaam_30,SociaalEenzaam_31,Mantelzorger_32,Vrijwilligerswerk_33," +
	"LopenEnOfFietsenNaarSchoolOfWerk_34,LopenNaarSchoolOfWerk_35,FietsenNaarSchoolOfWerk_36," +
	"ErnstigeGeluidhinderDoorBuren_37,MoeiteMetRondkomen_38"

// Every indicator column of 50090NED has a catalogue entry. (The catalogue
// holds the other sources' indicators too: see the tests of indicators/monitor.)
func TestIndicatorKeyCatalogue50090(t *testing.T) {
	var got []string
	for _, h := range strings.Split(header50090, ",")[len(cols50090):] {
		got = append(got, indicators.IndicatorKey(h))
	}
	known := map[string]bool{}
	for _, ind := range indicators.LoadReference().Catalogue {
		known[ind.Key] = true
	}
	for _, k := range got {
		if !known[k] {
			t.Errorf("50090NED indicator %s has no catalogue entry", k)
		}
	}
	if len(got) != 35 {
		t.Errorf("50090NED has %d indicator columns, want 35", len(got))
	}
}
