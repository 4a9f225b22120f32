package pipeline

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"lpa/indicators"
)

// DefaultLoadBudget is how many bytes of parsed rows a load holds in
// memory while it parses (Config.LoadBudget). All of ../shared/data (6.7
// million rows) fits: it takes about 350 MB parsed.
const DefaultLoadBudget = 512 << 20

// What a parsed row costs in memory, about (the struct and its share of
// the slice's spare capacity), for the budget.
const (
	cellBytes    = 48 // indicators.Cell
	rowBytes     = 96 // indicators.SourceRow, indicators.CareCostRow
	costBytes    = 8  // a float64 of indicators.CareCosts.Costs
	spillBufSize = 1 << 20
)

// spill keeps the bulk of parsed files (the rows of a dataset or of care
// costs) in memory up to a budget; a file parsed beyond it has its rows
// written to a temporary file, gob-encoded, until restore reads them back
// just before the file is written to the warehouse. Parsing then costs
// memory up to the budget whatever the size of a load, and a spilled row
// costs an encode and a decode, far less than parsing it.
type spill struct {
	budget int64

	mu    sync.Mutex
	held  int64
	dir   string         // made at the first spill
	paths map[int]string // file index -> its spilled rows
	first error          // the first spill that failed
}

// spilled is what a spill file holds.
type spilled struct {
	Dataset   *indicators.Dataset
	CareCosts *indicators.CareCosts
}

func newSpill(budget int64) *spill {
	if budget <= 0 {
		budget = DefaultLoadBudget
	}
	return &spill{budget: budget, paths: map[int]string{}}
}

// bulk is about the memory the rows of a parsed file take.
func bulk(p *indicators.Parsed) int64 {
	var n int64
	if d := p.Dataset; d != nil {
		n += int64(cap(d.Cells))*cellBytes + int64(cap(d.Rows))*rowBytes
	}
	if c := p.CareCosts; c != nil {
		n += int64(cap(c.Costs))*costBytes + int64(cap(c.Rows))*rowBytes
	}
	return n
}

// keep holds file i's rows in memory while the budget allows, else writes
// them to the spill and leaves p without them (the rest of p stays). It is
// safe to call from the parsing workers at once.
func (s *spill) keep(i int, p *indicators.Parsed) {
	n := bulk(p)
	if n == 0 {
		return
	}
	s.mu.Lock()
	if s.held+n <= s.budget {
		s.held += n
		s.mu.Unlock()
		return
	}
	if s.dir == "" && s.first == nil {
		s.dir, s.first = os.MkdirTemp("", "lpa-load-")
	}
	dir, failed := s.dir, s.first != nil
	s.mu.Unlock()
	if failed {
		return
	}
	path := filepath.Join(dir, strconv.Itoa(i)+".gob")
	err := writeSpill(path, spilled{Dataset: p.Dataset, CareCosts: p.CareCosts})
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		if s.first == nil {
			s.first = fmt.Errorf("keep the parsed rows of a large load in a temporary file: %w", err)
		}
		return
	}
	s.paths[i] = path
	if d := p.Dataset; d != nil {
		p.Dataset = &indicators.Dataset{Source: d.Source, Division: d.Division, Indicators: d.Indicators, Notes: d.Notes}
	}
	if c := p.CareCosts; c != nil {
		p.CareCosts = &indicators.CareCosts{Period: c.Period, Division: c.Division, Columns: c.Columns, Absent: c.Absent}
	}
}

func writeSpill(path string, v spilled) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, spillBufSize)
	err = gob.NewEncoder(w).Encode(v)
	if err == nil {
		err = w.Flush()
	}
	return errors.Join(err, f.Close())
}

// err is the first spill that failed.
func (s *spill) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first
}

// restore gives file i its rows back if they were spilled, and removes the
// spill file.
func (s *spill) restore(i int, p *indicators.Parsed) error {
	s.mu.Lock()
	path, ok := s.paths[i]
	delete(s.paths, i)
	s.mu.Unlock()
	if !ok {
		return nil
	}
	defer os.Remove(path)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var v spilled
	if err := gob.NewDecoder(bufio.NewReaderSize(f, spillBufSize)).Decode(&v); err != nil {
		return fmt.Errorf("read back the parsed rows: %w", err)
	}
	if v.Dataset != nil {
		p.Dataset = v.Dataset
	}
	if v.CareCosts != nil {
		p.CareCosts = v.CareCosts
	}
	return nil
}

// close removes the spill's temporary files.
func (s *spill) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}
