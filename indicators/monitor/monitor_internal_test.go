package monitor

import (
	"slices"
	"testing"
)

func TestDivisionFor(t *testing.T) {
	for _, tc := range []struct {
		codes   []string
		year    int
		want    int
		ok      bool
		missing []string
	}{
		{[]string{"GM1992", "GM0014"}, 2024, 2024, true, nil}, // Voorne aan Zee: 2023 on
		{[]string{"GM1992", "GM0014"}, 2022, 2023, true, nil}, // older data on a later division
		{[]string{"GM0501", "GM0014"}, 2024, 2022, true, nil}, // Brielle ended in 2023
		{[]string{"GM0501", "GM1992"}, 2024, 2024, false, []string{"GM0501"}},
		{[]string{"GM9004", "GM1992"}, 2024, 2024, true, nil}, // a cluster is left out
	} {
		d, ok, missing := divisionFor(tc.codes, tc.year)
		if d != tc.want || ok != tc.ok || !slices.Equal(missing, tc.missing) {
			t.Errorf("divisionFor(%v, %d) = %d, %v, %v; want %d, %v, %v", tc.codes, tc.year, d, ok, missing, tc.want, tc.ok, tc.missing)
		}
	}
}
