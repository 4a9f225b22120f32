// Package indicatorstest holds what the tests of indicators and its source
// packages share: the fuzzing harness, the invariants every parsed file must
// hold (CheckDataset, CheckCareCosts...), the samples of indicators/testdata
// and the real data of ../shared/data.
package indicatorstest
