package indicators

import (
	"time"
	_ "time/tzdata" // Amsterdam must never be missing, whatever the host has
)

// Amsterdam is Europe/Amsterdam: every date and time lpa shows is in it.
var Amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err) // time/tzdata is linked in: a broken build
	}
	return loc
}()
