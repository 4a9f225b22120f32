package pipeline

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// publish writes files (name → content) into dir as one set: a reader of
// dir sees either the set before or the set after, never a mix and never a
// half-written file, whenever the process is stopped (kill -9 included).
//
// The set is written into a staging folder beside dir, together with the
// files of dir that the set does not replace (hard links), synced, and then
// swapped with dir in one rename (RENAME_EXCHANGE on Linux; elsewhere two
// renames, whose gap the next publish repairs). The staging folder,
// ".<dir>.lpa-tmp", belongs to lpa: it is cleared at the start of every
// publish, so nothing a stopped run left behind survives the next one.
func publish(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return publishSet(dir, names, true, func(name, path string) error {
		return writeFileSynced(path, func(w io.Writer) error { _, err := w.Write(files[name]); return err })
	})
}

// publishSet is publish with the files written by write (which must sync
// them) into the staging folder; keep: the files of dir that the set does
// not name stay (a report burst), else the set replaces dir whole (a
// snapshot).
func publishSet(dir string, names []string, keep bool, write func(name, path string) error) error {
	dir = filepath.Clean(dir)
	work := stagingDir(dir)
	if err := recoverPublish(dir); err != nil {
		return err
	}
	staged := filepath.Join(work, "new")
	if err := os.MkdirAll(staged, 0o755); err != nil {
		return err
	}
	named := make(map[string]bool, len(names))
	for _, n := range names {
		named[n] = true
		if err := write(n, filepath.Join(staged, n)); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return err
		}
		if err := os.Rename(staged, dir); err != nil {
			return err
		}
		syncDir(filepath.Dir(dir))
		return os.RemoveAll(work)
	case err != nil:
		return err
	}
	for _, e := range entries {
		if !keep || named[e.Name()] {
			continue
		}
		if err := linkTree(filepath.Join(dir, e.Name()), filepath.Join(staged, e.Name()), e); err != nil {
			return err
		}
	}
	syncDir(staged)
	if err := exchange(staged, dir); err != nil {
		// No atomic exchange here: move the old set aside, then the new
		// one in. recoverPublish puts the old set back should a stop fall
		// between the two.
		old := filepath.Join(work, "old")
		if err := os.Rename(dir, old); err != nil {
			return err
		}
		if err := os.Rename(staged, dir); err != nil {
			return errors.Join(err, os.Rename(old, dir))
		}
	}
	syncDir(filepath.Dir(dir))
	return os.RemoveAll(work)
}

func stagingDir(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lpa-tmp")
}

// recoverPublish clears what a stopped publish left: when dir is missing
// and its old set waits in the staging folder (a stop between the two
// renames), the old set goes back first.
func recoverPublish(dir string) error {
	work := stagingDir(dir)
	old := filepath.Join(work, "old")
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(old); err == nil {
			if err := os.Rename(old, dir); err != nil {
				return fmt.Errorf("restore %s from %s: %w", dir, old, err)
			}
		}
	}
	return os.RemoveAll(work)
}

// linkTree carries a file, or a folder with all it holds (the gemeenten/
// folder of a report set), into the staged set by hard links.
func linkTree(src, dst string, e os.DirEntry) error {
	switch {
	case e.Type().IsRegular():
		return linkOrCopy(src, dst)
	case !e.IsDir():
		return nil
	}
	if err := os.Mkdir(dst, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, c := range entries {
		if err := linkTree(filepath.Join(src, c.Name()), filepath.Join(dst, c.Name()), c); err != nil {
			return err
		}
	}
	syncDir(dst)
	return nil
}

func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncDir makes a folder's entries durable; where that is not possible
// there is nothing better to do.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
	}
}
