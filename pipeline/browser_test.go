package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"go.uber.org/goleak"
)

// The widths of the screenshots: a desktop and a phone (the dashboard must
// work on a phone-width screen without scrolling sideways).
const (
	desktopWidth = 1280
	phoneWidth   = 390
)

// chromiumBinary finds headless Chromium: $LPA_CHROMIUM, or chromium,
// chromium-browser or google-chrome on PATH. It skips the test when there
// is none, but fails when LPA_CHROMIUM or CI is set: .ci/run installs
// chromium and sets LPA_CHROMIUM, so CI never skips the test.
func chromiumBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("LPA_CHROMIUM"); p != "" {
		bin, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("LPA_CHROMIUM=%s: %v; install Chromium (Debian: apt-get install chromium) or unset LPA_CHROMIUM", p, err)
		}
		return bin
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if bin, err := exec.LookPath(name); err == nil {
			return bin
		}
	}
	const msg = "no Chromium found (chromium, chromium-browser or google-chrome on PATH, or LPA_CHROMIUM): " +
		"install it (Debian: apt-get install chromium) to run the browser test"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "; in CI .ci/run installs it")
	}
	t.Skip(msg)
	return ""
}

// lockedBuffer collects Chromium's output for error messages.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// consoleLog collects the errors a page writes to the console: console.error
// calls, uncaught exceptions and error entries of the browser log (a failed
// request, a refused script).
type consoleLog struct {
	mu   sync.Mutex
	errs []string
}

// listen is a chromedp listener: it runs on chromedp's reading goroutine
// and only appends.
func (c *consoleLog) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			if a.Description != "" {
				args = append(args, a.Description)
			} else {
				args = append(args, string(a.Value))
			}
		}
		msg = "console." + string(ev.Type) + ": " + strings.Join(args, " ")
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "exception: " + d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		msg = "log (" + string(ev.Entry.Source) + "): " + ev.Entry.Text + " " + ev.Entry.URL
	default:
		return
	}
	c.mu.Lock()
	c.errs = append(c.errs, msg)
	c.mu.Unlock()
}

// take returns the errors collected so far and forgets them.
func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	errs := c.errs
	c.errs = nil
	return errs
}

// startChromium starts headless Chromium and returns a tab's context. Root
// (a CI container) needs --no-sandbox; otherwise the sandbox stays on, unless
// Chromium refuses to start for the lack of one (a container without user
// namespaces), when it is started again without.
func startChromium(t *testing.T, ctx context.Context, bin string, listen func(any)) context.Context {
	t.Helper()
	start := func(noSandbox bool) (context.Context, func(), *lockedBuffer, error) {
		out := &lockedBuffer{}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(bin),
			chromedp.WindowSize(desktopWidth, 900),
			chromedp.CombinedOutput(out),
		)
		if noSandbox {
			opts = append(opts, chromedp.NoSandbox)
		} else {
			opts = append(opts, chromedp.Flag("no-sandbox", false))
		}
		actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
		bctx, bcancel := chromedp.NewContext(actx, chromedp.WithListener(listen))
		stop := func() { bcancel(); acancel() }
		if err := chromedp.Do(bctx); err != nil { // starts the browser and opens the tab
			stop()
			return nil, nil, out, err
		}
		return bctx, stop, out, nil
	}
	root := os.Getuid() == 0
	bctx, stop, out, err := start(root)
	if err != nil && !root && strings.Contains(strings.ToLower(out.String()+err.Error()), "sandbox") {
		t.Logf("Chromium did not start with its sandbox (%v); starting it with --no-sandbox", err)
		bctx, stop, out, err = start(true)
	}
	if err != nil {
		t.Fatalf("starting %s: %v\n%s", bin, err, out)
	}
	t.Cleanup(stop)
	return bctx
}

// pageLayout is what the test measures of a page in the browser.
type pageLayout struct {
	Title       string   `json:"title"`
	H1          string   `json:"h1"`
	SVGs        int      `json:"svgs"`
	EmptySVGs   int      `json:"emptySVGs"` // drawn with no width or height
	ScrollWidth float64  `json:"scrollWidth"`
	InnerWidth  float64  `json:"innerWidth"`
	Wide        []string `json:"wide"` // elements that stick out of the viewport, unclipped
}

// measureJS (a format: the viewport's width) reads the title, the first h1,
// the SVGs, the page's width against the viewport, and the elements that
// stick out of the viewport (those inside a scrolling or clipping container,
// such as div.scroll, do not count). A phone browser zooms out of a page
// that is too wide, so the width is given, not read from window.innerWidth.
const measureJS = `(() => {
	const w = %d;
	const clipped = (e) => {
		for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
			const o = getComputedStyle(p).overflowX;
			if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
		}
		return false;
	};
	const wide = [];
	for (const e of document.body.querySelectorAll('*')) {
		const r = e.getBoundingClientRect();
		if (r.right > w + 1 && !clipped(e) && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1)) {
			let h = e;
			while (h && h !== document.body && !/^H[1-3]$/.test(h.tagName)) h = h.previousElementSibling || h.parentElement;
			wide.push(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
				' (' + Math.round(r.left) + '–' + Math.round(r.right) + ' px' + (h && h !== document.body ? ', under "' + h.innerText + '"' : '') + ')');
		}
	}
	const svgs = [...document.querySelectorAll('svg')];
	const h1 = document.querySelector('h1');
	return {
		title: document.title,
		h1: h1 ? h1.innerText : '',
		svgs: svgs.length,
		emptySVGs: svgs.filter(s => { const r = s.getBoundingClientRect(); return r.width < 10 || r.height < 10; }).length,
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: w,
		wide: wide.slice(0, 8),
	};
})()`

// TestBrowser opens the national page, an accord page and the runs page in
// headless Chromium at a desktop and a phone width: their Dutch text, their
// SVG charts, no console errors, no sideways scrolling on the phone, and a
// full-page screenshot of each (to $LPA_SCREENSHOTS, or a temporary folder).
func TestBrowser(t *testing.T) {
	bin := chromiumBinary(t)
	t.Cleanup(func() {
		http.DefaultClient.CloseIdleConnections()
		goleak.VerifyNone(t, goleak.IgnoreCurrent())
	})
	url, _ := serve(t)
	dir := os.Getenv("LPA_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	var console consoleLog
	tab := startChromium(t, ctx, bin, console.listen)

	pages := []struct {
		name, path, title, h1 string
		want                  []string // visible text
		svgs                  int      // at least
	}{
		{"landelijk", "/", "Landelijk · Lokale preventieakkoorden", "Lokale en regionale preventieakkoorden",
			[]string{"Evaluatieronde", "Status per gemeente", "Akkoorden", "Achterhoek", "Cijfers van de factsheet", "Volgende runs"}, 1},
		{"akkoord-achterhoek", "/akkoord/achterhoek", "Achterhoek · Lokale preventieakkoorden", "Achterhoek",
			[]string{"Preventieakkoord", "Rapport (PDF)", "Gezondheid en leefstijl", "GGD-regio", "Nederland", "gunstiger", "Ontwikkeling", "Roken", "Doelen", "Triple Aim", "Kaart"}, 2},
		{"runs", "/runs", "Runs · Lokale preventieakkoorden", "Runs",
			[]string{"Jobs", "compute", "Volgende run", "Nu draaien", "Geschiedenis"}, 0},
	}
	for _, view := range []struct {
		name          string
		width, height int64
		opts          []chromedp.EmulateViewportOption
	}{
		{"desktop", desktopWidth, 900, nil},
		{"telefoon", phoneWidth, 844, []chromedp.EmulateViewportOption{chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch}},
	} {
		if err := chromedp.Do(tab, chromedp.EmulateViewport(view.width, view.height, view.opts...)); err != nil {
			t.Fatalf("%s viewport: %v", view.name, err)
		}
		for _, p := range pages {
			where := fmt.Sprintf("%s (%s, %d px)", p.path, view.name, view.width)
			resp, err := chromedp.Run(tab, chromedp.NavigateResponse(url+p.path))
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if resp.Status != http.StatusOK {
				t.Errorf("%s: HTTP %d", where, resp.Status)
			}
			if err := chromedp.Do(tab, chromedp.WaitVisible(chromedp.CSS("body"))); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			text, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("body")))
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			for _, w := range p.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s: the page does not show %q", where, w)
				}
			}
			m, err := chromedp.Run(tab, chromedp.Evaluate[pageLayout](fmt.Sprintf(measureJS, view.width)))
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if m.Title != p.title || m.H1 != p.h1 {
				t.Errorf("%s: title %q, h1 %q; want %q, %q", where, m.Title, m.H1, p.title, p.h1)
			}
			if m.SVGs < p.svgs || m.EmptySVGs > 0 {
				t.Errorf("%s: %d SVG charts (%d drawn empty); want at least %d, none empty", where, m.SVGs, m.EmptySVGs, p.svgs)
			}
			if m.InnerWidth != float64(view.width) || m.ScrollWidth > m.InnerWidth+1 || len(m.Wide) > 0 {
				t.Errorf("%s: the page is %.0f px wide in a %.0f px window (want %d, no sideways scrolling); sticking out: %v",
					where, m.ScrollWidth, m.InnerWidth, view.width, m.Wide)
			}
			for _, e := range console.take() {
				t.Errorf("%s: console error: %s", where, e)
			}
			png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("%s: screenshot: %v", where, err)
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", p.name, view.name, view.width))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d SVGs, %.0f px wide; %s", where, m.SVGs, m.ScrollWidth, file)
		}
	}
}
