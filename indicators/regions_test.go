package indicators

import (
	"testing"
)

func TestRegionCodeOK(t *testing.T) {
	tests := []struct {
		code, level string
		want        bool
	}{
		{"NL01", LevelLand, true},
		{"NL00", LevelLand, true}, // Kerncijfers wijken en buurten
		{"NL1", LevelLand, false},
		{"NL", LevelLand, false},
		{"GM0363", LevelGemeente, true},
		{"GM1680", LevelGemeente, true},
		{"GX0363", LevelGemeente, false},
		{"gm0363", LevelGemeente, false},
		{"GM363", LevelGemeente, false},
		{"GM03630", LevelGemeente, false},
		{"GM12", LevelGemeente, false},
		{"GM0363 ", LevelGemeente, false}, // callers trim the padding
		{"WK036300", LevelWijk, true},
		{"WK0363AF", LevelWijk, true}, // Amsterdam from 2022 on
		{"WK0363af", LevelWijk, false},
		{"WK036", LevelWijk, false},
		{"WK03630", LevelWijk, false},
		{"WKAB6300", LevelWijk, false},
		{"BU03630000", LevelBuurt, true},
		{"BU0363AF01", LevelBuurt, true}, // Amsterdam from 2022 on
		{"BU16800709", LevelBuurt, true},
		{"BU1680000", LevelBuurt, false},
		{"BU0363AF0", LevelBuurt, false},
		{"BU0363AF0Ä", LevelBuurt, false},
		{"GG3406", LevelGGDRegio, true},
		{"GG0706", LevelGGDRegio, true},
		{"GG706", LevelGGDRegio, false},
		{"PV27", LevelProvincie, true},
		{"PV270", LevelProvincie, false},
		{"PV2", LevelProvincie, false},
		{"GM0363", LevelWijk, false},    // right code, wrong level
		{"WK036300", LevelBuurt, false}, // right code, wrong level
		{"GM0363", "stadsdeel", false},
		{"", LevelLand, false},
		{"", LevelGemeente, false},
		{"", LevelWijk, false},
		{"", LevelBuurt, false},
		{"", LevelGGDRegio, false},
		{"", LevelProvincie, false},
	}
	for _, tc := range tests {
		if got := RegionCodeOK(tc.code, tc.level); got != tc.want {
			t.Errorf("RegionCodeOK(%q, %q) = %v, want %v", tc.code, tc.level, got, tc.want)
		}
	}
}
