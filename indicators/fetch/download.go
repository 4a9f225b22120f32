package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// tempName is the hidden name a file is written under until it is
// complete: lpa load skips hidden files and this extension.
func tempName(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lpa-fetch")
}

// commit syncs f, closes it and renames it to path, then syncs the
// folder, so that path holds the whole file or nothing.
func commit(f *os.File, path string) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.OpenFile(tempName(path), os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return commit(f, path)
}

// partial is what lpa keeps beside an unfinished download to resume it:
// the validators the server gave, so a resumed range is of the same file.
type partial struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func partialName(path string) string { return tempName(path) + ".json" }

// download fetches url into path (resuming a partial download left by an
// earlier run) and returns the size and SHA-256 of the file.
func (f *fetcher) download(ctx context.Context, url, path string) (int64, string, error) {
	tmp := tempName(path)
	var size int64
	var sum string
	err := f.c.do(ctx, func(ctx context.Context) error {
		var err error
		size, sum, err = f.downloadOnce(ctx, url, path, tmp)
		return err
	})
	if err != nil {
		return 0, "", err
	}
	return size, sum, nil
}

// downloadOnce is one request: a range from the end of the partial file
// when there is one, else the whole file. The partial file stays when the
// transfer breaks off.
func (f *fetcher) downloadOnce(ctx context.Context, url, path, tmp string) (int64, string, error) {
	h := sha256.New()
	have, part := resumable(url, tmp, h)
	hdr := http.Header{}
	if have > 0 {
		hdr.Set("Range", fmt.Sprintf("bytes=%d-", have))
		switch {
		case part.ETag != "" && !strings.HasPrefix(part.ETag, "W/"):
			hdr.Set("If-Range", part.ETag)
		case part.LastModified != "":
			hdr.Set("If-Range", part.LastModified)
		}
	}
	resp, err := f.c.get(ctx, url, hdr, http.StatusOK, http.StatusPartialContent)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	flags := os.O_CREATE | os.O_WRONLY
	if resp.StatusCode == http.StatusPartialContent && have > 0 && rangeStart(resp.Header.Get("Content-Range")) == have {
		flags |= os.O_APPEND
		f.progress(Event{File: rel(f.cfg.Dir, path), Step: StepResume, Bytes: have})
	} else {
		// The whole file (the server ignores ranges, or the file changed).
		flags |= os.O_TRUNC
		have = 0
		h.Reset()
		part = partial{URL: url, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
		if err := writeJSON(partialName(path), part); err != nil {
			return 0, "", err
		}
	}
	total := int64(-1)
	if resp.ContentLength >= 0 {
		total = have + resp.ContentLength
		if total > f.cfg.MaxBytes {
			return 0, "", &Error{URL: url, Kind: ErrTooLarge, What: fmt.Sprintf("the file is %d bytes, more than the cap of %d", total, f.cfg.MaxBytes),
				Hint: "raise the cap with --max-file if the source really is this large"}
		}
	}
	out, err := os.OpenFile(tmp, flags, 0o644)
	if err != nil {
		return 0, "", err
	}
	pw := &progressWriter{f: f, file: rel(f.cfg.Dir, path), done: have, total: total}
	n, err := io.Copy(io.MultiWriter(out, h, pw), io.LimitReader(resp.Body, f.cfg.MaxBytes-have+1))
	if err == nil && have+n > f.cfg.MaxBytes {
		out.Close()
		os.Remove(tmp)
		os.Remove(partialName(path))
		return 0, "", &Error{URL: url, Kind: ErrTooLarge, What: fmt.Sprintf("the file passed the cap of %d bytes", f.cfg.MaxBytes),
			Hint: "raise the cap with --max-file if the source really is this large"}
	}
	if err == nil && total >= 0 && have+n != total {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		out.Sync()
		out.Close()
		return 0, "", &Error{URL: url, Kind: ErrBadResponse, Cause: err,
			What: fmt.Sprintf("the download broke off after %d bytes (%v)", have+n, rootCause(err)), Hint: resumeHint}
	}
	if err := commit(out, path); err != nil {
		return 0, "", err
	}
	os.Remove(partialName(path))
	return have + n, hex.EncodeToString(h.Sum(nil)), nil
}

// resumable returns how many bytes of a partial download of url there are
// (hashed into h) and its validators; 0 when there is none to resume.
func resumable(url, tmp string, h hash.Hash) (int64, partial) {
	var part partial
	b, err := os.ReadFile(tmp + ".json")
	if err != nil || json.Unmarshal(b, &part) != nil || part.URL != url {
		return 0, partial{}
	}
	in, err := os.Open(tmp)
	if err != nil {
		return 0, partial{}
	}
	defer in.Close()
	n, err := io.Copy(h, in)
	if err != nil {
		h.Reset()
		return 0, partial{}
	}
	return n, part
}

// rangeStart reads the first byte of "bytes 100-199/200"; -1 when absent.
func rangeStart(cr string) int64 {
	s, ok := strings.CutPrefix(cr, "bytes ")
	if !ok {
		return -1
	}
	first, _, _ := strings.Cut(s, "-")
	n, err := strconv.ParseInt(first, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, b)
}

// fileSum returns the size and SHA-256 of a file.
func fileSum(path string) (int64, string, error) {
	in, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer in.Close()
	h := sha256.New()
	n, err := io.Copy(h, in)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// exists reports whether path is there.
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// rel is path relative to dir, slash-separated, for messages and the
// manifest.
func rel(dir, path string) string {
	r, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

// progressWriter reports bytes as they arrive.
type progressWriter struct {
	f           *fetcher
	file        string
	done, total int64
	last        int64
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	if p.done-p.last >= 1<<20 {
		p.last = p.done
		p.f.progress(Event{File: p.file, Step: StepBytes, Bytes: p.done, Total: p.total})
	}
	return len(b), nil
}
