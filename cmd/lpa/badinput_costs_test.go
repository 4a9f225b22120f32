package main

// badInputCasesCosts: malformed files of care costs (Vektis); see
// TestLoadRefusesBadInput in badinput_test.go.
var badInputCasesCosts = []badInputCase{}
