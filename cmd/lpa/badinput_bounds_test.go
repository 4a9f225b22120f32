package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"
)

// Boundless input: files that would expand without limit, are not regular
// files, or are encoded in a way lpa would misread. Each is made at test
// time from the real sample in testdata/good, refused with exit 3 and a
// message that names the file and the limit, and changes nothing.

// boundsFiles writes the malformed files into dir and returns, per case,
// the path to load, extra flags and the phrases stderr must hold.
type boundsCase struct {
	name  string
	path  string
	flags []string
	want  []string
	// noted: the file was read, so a failed row is in loads (a path that
	// is no regular file, or missing, is refused before it is read).
	noted bool
}

func boundsCases(t *testing.T, dir string) []boundsCase {
	t.Helper()
	good, err := os.ReadFile(badInputGood)
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := bytes.Cut(good, []byte("\n"))
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// gzip members that each unpack to chunk: a few MB on disk, GBs inside.
	bomb := func(chunk []byte, members int) []byte {
		var one bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
		zw.Write(chunk)
		zw.Close()
		return bytes.Repeat(one.Bytes(), members)
	}
	zeros := make([]byte, 64<<20)
	rows := bytes.Repeat(append(bytes.TrimSpace(bytes.Split(good, []byte("\n"))[1]), '\n'), (64<<20)/len(good)*40)

	var cases []boundsCase
	add := func(c boundsCase) { cases = append(cases, c) }

	// 32 members of 64 MiB of zeros: 2 GiB in about 2 MB, without a line end.
	add(boundsCase{name: "gzip bomb of zeros", path: write("bomb_zeros.csv.gz", bomb(zeros, 32)), noted: true,
		want: []string{"bomb_zeros.csv.gz:1:", "line 1 is longer than 1.0 MiB (the limit: --max-line raises it)"}})
	// Real rows, repeated: lines of the right length, 2 GiB in all; the
	// limit is lowered so that the test stays light (the default is 1 GiB).
	add(boundsCase{name: "gzip bomb of rows", path: write("bomb_rows.csv.gz", append(bomb(append(append(header, '\n'), rows...), 1), bomb(rows, 30)...)),
		flags: []string{"--max-file", "100MiB"}, noted: true,
		want: []string{"bomb_rows.csv.gz:", "the data is larger than 100.0 MiB (the limit: --max-file raises it)"}})
	add(boundsCase{name: "xlsx bomb", path: write("bomb.xlsx", xlsxBomb(t, zeros)), noted: true,
		want: []string{"bomb.xlsx: the workbook unpacks to more than 1.0 GiB (the limit: --max-file raises it)"}})
	long := append(append(append([]byte{}, header...), '\n'), bytes.Repeat([]byte("1234567890"), 5<<20)...)
	add(boundsCase{name: "a line of 50 MB", path: write("long_line.csv", long), noted: true,
		want: []string{"long_line.csv:2:", "line 2 is longer than 1.0 MiB (the limit: --max-line raises it)"}})
	add(boundsCase{name: "file over the size limit", path: write("big.csv", long), flags: []string{"--max-file", "10MB"},
		want: []string{"big.csv: the file is larger than 9.5 MiB (the limit: --max-file raises it)"}})
	add(boundsCase{name: "utf-16", path: write("utf16.csv", toUTF16(good)), noted: true,
		want: []string{"utf16.csv:1:", "UTF-16 encoded", "expected UTF-8"}})
	add(boundsCase{name: "cr line ends", path: write("cr.csv", bytes.ReplaceAll(good, []byte("\n"), []byte("\r"))), noted: true,
		want: []string{"cr.csv:1:", "carriage return only", "expected line ends LF or CRLF"}})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(good)
	zw.Close()
	add(boundsCase{name: "gzip with trailing garbage", path: write("trailing.csv.gz", append(gz.Bytes(), []byte("<html>502 Bad Gateway</html>")...)), noted: true,
		want: []string{"trailing.csv.gz:", "28 bytes of other data follow the compressed data", "expected a gzip file that ends where its data ends"}})

	add(boundsCase{name: "a device", path: "/dev/zero", want: []string{"/dev/zero: a device; lpa reads only regular files"}})
	fifoDir := filepath.Join(dir, "with_fifo")
	os.Mkdir(fifoDir, 0o755)
	write("with_fifo/a_good.csv", good)
	if err := syscall.Mkfifo(filepath.Join(fifoDir, "pipe.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	add(boundsCase{name: "a fifo in a folder", path: fifoDir, want: []string{"with_fifo/pipe.csv: a named pipe (FIFO); lpa reads only regular files"}})
	loop := filepath.Join(dir, "loop.csv")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	add(boundsCase{name: "a symlink loop", path: loop, want: []string{"loop.csv: a symbolic link that leads back to itself"}})
	loopDir := filepath.Join(dir, "with_loop")
	os.Mkdir(loopDir, 0o755)
	os.Symlink(filepath.Join(loopDir, "b.csv"), filepath.Join(loopDir, "a.csv"))
	os.Symlink(filepath.Join(loopDir, "a.csv"), filepath.Join(loopDir, "b.csv"))
	add(boundsCase{name: "a symlink loop in a folder", path: loopDir, want: []string{"with_loop/a.csv: a symbolic link that leads back to itself"}})
	add(boundsCase{name: "a missing path", path: filepath.Join(dir, "nothing_here.csv"), want: []string{"nothing_here.csv: no such file or folder"}})
	empty := filepath.Join(dir, "empty_folder")
	os.Mkdir(empty, 0o755)
	add(boundsCase{name: "an empty folder", path: empty, want: []string{"empty_folder: the folder holds no .csv, .csv.gz, .xlsx or .yaml files"}})
	return cases
}

// xlsxBomb is a workbook whose one sheet says it unpacks to 4 GiB (its
// data: 64 MiB of zeros, deflated).
func xlsxBomb(t *testing.T, zeros []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"xl/workbook.xml":     `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Blad1" sheetId="1"/></sheets></workbook>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(zeros)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 4 << 30})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()
	return buf.Bytes()
}

func toUTF16(b []byte) []byte {
	u := utf16.Encode([]rune(string(b)))
	out := []byte{0xFF, 0xFE}
	for _, c := range u {
		out = binary.LittleEndian.AppendUint16(out, c)
	}
	return out
}

// TestLoadRefusesBoundlessInput: every case exits 3 with a short message
// naming the file and the limit, and the warehouse is unchanged.
func TestLoadRefusesBoundlessInput(t *testing.T) {
	pristine := filepath.Join(t.TempDir(), "pristine.duckdb")
	if code, _, errOut := badInputRun(t, append([]string{"--db", pristine, "load"}, badInputPristine...)...); code != exitOK {
		t.Fatalf("building the pristine warehouse: exit %d\n%s", code, errOut)
	}
	want := badInputFingerprint(t, pristine)
	baseLoads := len(badInputLoads(t, pristine, 0))
	for _, c := range boundsCases(t, t.TempDir()) {
		t.Run(c.name, func(t *testing.T) {
			db := badInputCopy(t, pristine)
			args := append(append([]string{"--db", db, "load"}, c.flags...), c.path)
			code, out, errOut := badInputRun(t, args...)
			if code != exitBadInput {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitBadInput, out, errOut)
			}
			for _, w := range append([]string{"refused, nothing was loaded"}, c.want...) {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if len(errOut) > 2000 {
				t.Errorf("stderr is %d bytes long; a refusal quotes only a short excerpt", len(errOut))
			}
			badInputUnchanged(t, pristine, want, db)
			loads := badInputLoads(t, db, baseLoads)
			switch {
			case c.noted && (len(loads) != 1 || loads[0][1] != "failed" || len(loads[0][3]) > 2000):
				t.Errorf("loads: %.300q; want one failed row with a short message", loads)
			case !c.noted && len(loads) != 0:
				t.Errorf("loads: %.300q; want none (the path was never read)", loads)
			}
		})
	}
}
