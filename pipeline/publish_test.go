package pipeline

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readSet(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestPublish(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out", "rapporten")
	if err := publish(dir, map[string][]byte{"a.pdf": []byte("a1"), "b.pdf": []byte("b1")}); err != nil {
		t.Fatal(err)
	}
	// A second set replaces its files and keeps the others.
	if err := publish(dir, map[string][]byte{"b.pdf": []byte("b2"), "c.pdf": []byte("c2")}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.pdf": "a1", "b.pdf": "b2", "c.pdf": "c2"}
	if diff := cmp.Diff(want, readSet(t, dir)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// What a stopped run leaves is cleared by the next one.
	work := stagingDir(dir)
	if err := os.MkdirAll(filepath.Join(work, "new"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(work, "new", "half.pdf"), []byte("%PDF-1.4 half"), 0o644)
	if err := publish(dir, map[string][]byte{"a.pdf": []byte("a3")}); err != nil {
		t.Fatal(err)
	}
	want["a.pdf"] = "a3"
	if diff := cmp.Diff(want, readSet(t, dir)); diff != "" {
		t.Errorf("after a stopped run (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(work); !os.IsNotExist(err) {
		t.Errorf("staging folder left: %v", err)
	}
	// A stop between the two renames of the fallback: the old set waits in
	// the staging folder and dir is gone; the next publish restores it
	// before it writes.
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dir, filepath.Join(work, "old")); err != nil {
		t.Fatal(err)
	}
	if err := publish(dir, map[string][]byte{"d.pdf": []byte("d4")}); err != nil {
		t.Fatal(err)
	}
	want["d.pdf"] = "d4"
	if diff := cmp.Diff(want, readSet(t, dir)); diff != "" {
		t.Errorf("after a stop between renames (-want +got):\n%s", diff)
	}
	left, _ := filepath.Glob(filepath.Join(root, "out", ".*"))
	sort.Strings(left)
	if len(left) > 0 {
		t.Errorf("left beside the reports: %v", left)
	}
}
