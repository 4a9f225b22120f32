package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Defaults of Config.
const (
	DefaultTimeout  = 5 * time.Minute
	DefaultMaxBytes = 1 << 30 // 1 GiB: 40 times the largest real source
	DefaultRetries  = 4
	DefaultBackoff  = time.Second
	maxBackoff      = 30 * time.Second
)

// client sends the requests of one fetch: a base URL override, a timeout
// per request, retries with backoff for transient failures.
type client struct {
	http    *http.Client
	base    *url.URL // nil: the real hosts
	timeout time.Duration
	retries int
	backoff time.Duration
	sleep   func(context.Context, time.Duration) error
}

// resolve turns a real URL into the one to request: unchanged, or with a
// base URL the real host becomes the first path segment
// (https://opendata.cbs.nl/ODataApi/... -> BASE/opendata.cbs.nl/ODataApi/...).
func (c *client) resolve(real string) string {
	if c.base == nil {
		return real
	}
	u, err := url.Parse(real)
	if err != nil {
		return real
	}
	b := *c.base
	b.Path = strings.TrimSuffix(b.Path, "/") + "/" + u.Host + u.Path
	b.RawPath = ""
	if u.RawPath != "" {
		b.RawPath = strings.TrimSuffix(c.base.EscapedPath(), "/") + "/" + u.Host + u.RawPath
	}
	b.RawQuery = u.RawQuery
	return b.String()
}

// sameOrigin reports whether next (an odata.nextLink) points at the host
// that served from; lpa follows no link elsewhere.
func sameOrigin(from, next string) bool {
	a, err1 := url.Parse(from)
	b, err2 := url.Parse(next)
	return err1 == nil && err2 == nil && a.Scheme == b.Scheme && a.Host == b.Host
}

// attempt is one try of a request; do retries it while it fails
// transiently. The response body must be read by then.
type attempt func(ctx context.Context) error

// do runs try until it succeeds, fails for good or the retries are used
// up, sleeping with exponential backoff (or the server's Retry-After)
// between tries. Each try gets its own timeout.
func (c *client) do(ctx context.Context, try attempt) error {
	var err error
	for n := 0; ; n++ {
		tctx, cancel := context.WithTimeout(ctx, c.timeout)
		err = try(tctx)
		timedOut := errors.Is(tctx.Err(), context.DeadlineExceeded)
		cancel()
		if err == nil || ctx.Err() != nil {
			return err
		}
		var fe *Error
		if timedOut && errors.As(err, &fe) && fe.Kind == ErrBadResponse {
			fe.What = fmt.Sprintf("no complete answer within %s (%v)", c.timeout, fe.Cause)
		}
		if !transient(err) || n >= c.retries {
			return err
		}
		wait := c.backoff << n
		var re *retryAfter
		if errors.As(err, &re) && re.d > 0 {
			wait = re.d
		}
		if err := c.sleep(ctx, min(wait, maxBackoff)); err != nil {
			return err
		}
	}
}

// retryAfter carries a server's Retry-After.
type retryAfter struct{ d time.Duration }

func (r *retryAfter) Error() string { return "retry after " + r.d.String() }

// transient reports whether a new try may succeed: a 5xx, 429 or 408
// answer, a dropped or refused connection, a timeout.
func transient(err error) bool {
	var fe *Error
	if !errors.As(err, &fe) {
		return false
	}
	switch fe.Kind {
	case ErrHTTP:
		var se *statusError
		return errors.As(err, &se) && (se.code >= 500 || se.code == http.StatusTooManyRequests || se.code == http.StatusRequestTimeout)
	case ErrBadResponse:
		return fe.Cause != nil && netError(fe.Cause) // cut off while reading
	case ErrOffline:
		return false
	}
	return false
}

// statusError is an HTTP error status.
type statusError struct {
	code int
	body string // the start of the answer, for the message
}

func (s *statusError) Error() string { return fmt.Sprintf("HTTP %d", s.code) }

// get sends a GET for real (resolved) with the headers and returns the
// response for the caller to read and close; a status other than the
// accepted ones is an *Error.
func (c *client) get(ctx context.Context, real string, hdr http.Header, accept ...int) (*http.Response, error) {
	target := c.resolve(real)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, &Error{URL: real, What: "not a URL lpa can request: " + err.Error(), Kind: ErrBadResponse, Cause: err}
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", "lpa-fetch (+https://github.com/; lokale preventieakkoorden)")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, requestError(real, err)
	}
	for _, a := range accept {
		if resp.StatusCode == a {
			return resp, nil
		}
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	se := &statusError{code: resp.StatusCode, body: strings.TrimSpace(string(head))}
	e := &Error{URL: real, Kind: ErrHTTP, Cause: se, What: fmt.Sprintf("the server answered %s", resp.Status)}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		e.Hint = "the source may have moved or been withdrawn; check the URL in a browser (lpa fetch --list shows what lpa requests)"
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		e.Hint = resumeHint
		if s := resp.Header.Get("Retry-After"); s != "" {
			if n, err := strconv.Atoi(s); err == nil {
				e.Cause = errors.Join(se, &retryAfter{time.Duration(n) * time.Second})
			}
		}
	default:
		e.Hint = "lpa cannot use this answer; check the URL in a browser"
	}
	return nil, e
}

// requestError describes a request that got no answer.
func requestError(real string, err error) error {
	host := real
	if u, perr := url.Parse(real); perr == nil {
		host = u.Host
	}
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns), errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return &Error{URL: real, Kind: ErrOffline, Cause: err,
			What: fmt.Sprintf("cannot reach %s: no network connection or the name does not resolve (%v)", host, rootCause(err)),
			Hint: "check the connection (a proxy goes in HTTPS_PROXY) and run lpa fetch again; finished files are kept"}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{URL: real, Kind: ErrBadResponse, Cause: err, What: "no answer in time", Hint: resumeHint}
	}
	return &Error{URL: real, Kind: ErrBadResponse, Cause: err,
		What: fmt.Sprintf("the connection to %s failed (%v)", host, rootCause(err)), Hint: resumeHint}
}

// netError reports whether err is a failure of the connection (cut,
// reset, refused, timed out) rather than of the content.
func netError(err error) bool {
	var ne net.Error
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) || errors.Is(err, context.DeadlineExceeded) ||
		errors.As(err, &ne)
}

// rootCause is the innermost error, for short messages.
func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
