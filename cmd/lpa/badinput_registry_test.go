package main

// badInputCasesRegistry: malformed files of the accord registry, VNG status and the process/project templates; see
// TestLoadRefusesBadInput in badinput_test.go.
var badInputCasesRegistry = []badInputCase{}
