package fetch

import (
	"errors"
	"fmt"
)

// Sentinels callers branch on.
var (
	// ErrOffline: a host could not be reached at all (no network, DNS).
	ErrOffline = errors.New("fetch: offline")
	// ErrHTTP: a server answered with an error status.
	ErrHTTP = errors.New("fetch: http error")
	// ErrTooLarge: a response or file passed the size cap.
	ErrTooLarge = errors.New("fetch: too large")
	// ErrBadResponse: an answer that is not what the API documents.
	ErrBadResponse = errors.New("fetch: bad response")
	// ErrUnknownSource: a source name lpa does not know.
	ErrUnknownSource = errors.New("fetch: unknown source")
)

// Error is a failed request: the URL, what happened and what to do. It
// unwraps to one of the sentinels and to the cause.
type Error struct {
	URL   string
	What  string // what happened
	Hint  string // what to do
	Kind  error  // a sentinel
	Cause error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s: %s", e.URL, e.What)
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

// resumeHint is what to do after a failure that a new run can mend.
const resumeHint = "run lpa fetch again later: finished files are kept and an unfinished one continues where it stopped"
