package indicators

import (
	"testing"
)

func TestIndicatorKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Roker_11", "roker"},
		{"ZwareDrinker_14", "zware_drinker"},
		{"ErvarenGezondheidGoedZeerGoed_4", "ervaren_gezondheid_goed_zeer_goed"},
		{"HeelVeelStressInAfgelopen4Weken_26", "heel_veel_stress_in_afgelopen_4_weken"},
		{"LopenEnOfFietsenNaarSchoolOfWerk_34", "lopen_en_of_fietsen_naar_school_of_werk"},
		{"Roker", "roker"}, // no numeric suffix: the catalogue's source_key
		{"MoeiteMetRondkomen_1", "moeite_met_rondkomen"},
		{"CannabisInAfg12Maanden_89", "cannabis_in_afg_12_maanden"}, // 50140NED
		{"GGDRegio", "ggd_regio"},
	}
	for _, tc := range tests {
		if got := IndicatorKey(tc.in); got != tc.want {
			t.Errorf("IndicatorKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
