package main

// badInputCasesMonitor: malformed files of the monitor layouts (Gezondheidsmonitor 2022, life expectancy, 50140NED), sport memberships and VZinfo; see
// TestLoadRefusesBadInput in badinput_test.go.
var badInputCasesMonitor = []badInputCase{}
