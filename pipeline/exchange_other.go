//go:build !linux

package pipeline

import "errors"

// exchange has no atomic form here; publish falls back to two renames.
func exchange(a, b string) error { return errors.New("no atomic exchange on this system") }
