package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestLook renders the fixtures to $LPA_REPORTS_LOOK/<id>.pdf for a person
// to look at (pdftoppm -png -r 70); it is skipped unless that variable is
// set.
func TestLook(t *testing.T) {
	dir := os.Getenv("LPA_REPORTS_LOOK")
	if dir == "" {
		t.Skip("set LPA_REPORTS_LOOK to a directory to write the fixture PDFs there")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, r := range []Report{achterhoek(), sudwestFryslan(), longAccord()} {
		var buf bytes.Buffer
		if err := Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, r.Accord.ID+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
