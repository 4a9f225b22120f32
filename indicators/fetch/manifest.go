package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ManifestName is the manifest's file name in the folder. lpa load skips
// it (not a kind of file it loads).
const ManifestName = "lpa-fetch.json"

// Manifest records every file fetched into a folder.
type Manifest struct {
	Files []Entry `json:"files"`
}

// Entry is one fetched file.
type Entry struct {
	File      string    `json:"file"`   // relative to the folder, slash-separated
	Source    string    `json:"source"` // the source name (50090NED:2020:20300)
	URL       string    `json:"url"`    // what was requested (the first page of a table)
	Pages     int       `json:"pages,omitempty"`
	Size      int64     `json:"size"`
	SHA256    string    `json:"sha256"`
	FetchedAt time.Time `json:"fetched_at"`
}

// readManifest reads the folder's manifest; a missing one is empty.
func readManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{}, nil
	}
	if err != nil {
		return nil, err
	}
	m := &Manifest{}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("%s: not a manifest lpa wrote (%v); move it away and run lpa fetch again", filepath.Join(dir, ManifestName), err)
	}
	return m, nil
}

// entry returns the entry of file, or nil.
func (m *Manifest) entry(file string) *Entry {
	for i := range m.Files {
		if m.Files[i].File == file {
			return &m.Files[i]
		}
	}
	return nil
}

// put adds or replaces the entry of e.File and keeps the list sorted.
func (m *Manifest) put(e Entry) {
	if old := m.entry(e.File); old != nil {
		*old = e
		return
	}
	m.Files = append(m.Files, e)
	slices.SortFunc(m.Files, func(a, b Entry) int { return strings.Compare(a.File, b.File) })
}

// write replaces the manifest atomically.
func (m *Manifest) write(dir string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, ManifestName), append(b, '\n'))
}

// ReadManifest reads the manifest of a folder (empty when there is none).
func ReadManifest(dir string) (*Manifest, error) { return readManifest(dir) }
