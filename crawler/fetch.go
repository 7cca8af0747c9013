package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// Fetch limits that options do not change.
const (
	maxRedirects       = 5
	maxErrorBodyToRead = 64 << 10
	// maxXMLBody caps sitemaps and feeds: the sitemap protocol allows
	// 50 MB uncompressed.
	maxXMLBody = 50 << 20
)

// newClient returns an HTTP client with connect and read timeouts, a
// redirect cap and the address policy: its dialer applies the access of
// the site a request's context carries to the address it connects to, and
// its redirects stay on the site's own hosts. It connects directly, never
// through a proxy from the environment, since a proxy would connect where
// the dialer cannot see. onConnect, when not nil, is asked about each
// address the policy lets through, just before connecting.
func newClient(timeout, dialTimeout time.Duration, onConnect func(address string) error) *http.Client {
	dialer := &policyDialer{Dialer: net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}, onConnect: onConnect}
	transport := &http.Transport{
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   dialTimeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       60 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport:     transport,
		Timeout:       timeout,
		CheckRedirect: checkRedirect,
	}
}

// checkRedirect caps redirects, keeps them to http and https, and follows
// them to another host only when it is one of the site's own, but for
// robots.txt: RFC 9309 has its redirects followed across hosts, and it is
// never indexed. The dialer holds every redirect to the address policy.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d", errRedirects, maxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirect to %q", errScheme, req.URL.Scheme)
	}
	if via[0].URL.Path != "/robots.txt" && hostKey(req.URL) != hostKey(via[0].URL) && !siteAccessFrom(req.Context()).owns(req.URL) {
		return fmt.Errorf("%w: %s", errOffSite, req.URL.Host)
	}
	return nil
}

// policyDialer is a net.Dialer that applies the address policy to every
// connection it makes.
type policyDialer struct {
	net.Dialer
	// onConnect, when set, is called with each address the policy lets
	// through; tests record them and refuse any but their own servers', so
	// that a broken policy reaches nothing real.
	onConnect func(address string) error
}

// DialContext refuses metadata and numeric host names at once, and
// otherwise connects only if the address the name resolved to passes the
// access of the site in ctx, checked just before the connection is made
// and after DNS, so that it is the address actually connected to.
func (d *policyDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	name, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	name = asciiHost(name)
	if err := checkHostName(name); err != nil {
		return nil, &net.OpError{Op: "dial", Net: network, Err: err}
	}
	access := siteAccessFrom(ctx)
	nd := d.Dialer
	nd.Control = func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return err
		}
		if err := access.check(name, port, ap.Addr()); err != nil {
			return err
		}
		if d.onConnect != nil {
			return d.onConnect(address)
		}
		return nil
	}
	return nd.DialContext(ctx, network, addr)
}

// FetchError is a failed fetch with the HTTP status, if one came back.
type FetchError struct {
	URL    string
	Status int
	Err    error
}

// Error says what failed.
func (e *FetchError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("fetch %s: HTTP %d", e.URL, e.Status)
	}
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

// Unwrap returns the cause.
func (e *FetchError) Unwrap() error { return e.Err }

// retryable reports whether a later attempt may succeed.
func (e *FetchError) retryable() bool {
	if e.Status != 0 {
		return e.Status == http.StatusTooManyRequests || e.Status >= 500
	}
	for _, final := range []error{ErrPrivateAddress, errOffSite, errTooLarge, errNotHTML, errRedirects, errScheme, context.Canceled} {
		if errors.Is(e.Err, final) {
			return false
		}
	}
	return true
}

// skipped reports whether the page was left out by choice, not failed.
func (e *FetchError) skipped() bool {
	return errors.Is(e.Err, errNotHTML) || errors.Is(e.Err, errTooLarge)
}

var (
	errTooLarge  = errors.New("response body is over the size cap")
	errNotHTML   = errors.New("not an HTML page")
	errRedirects = errors.New("too many redirects")
	errScheme    = errors.New("only http and https are crawled")
)

// accept says which content a request expects.
type accept int

const (
	acceptHTML accept = iota
	acceptXML         // sitemaps and feeds: XML, gzip or plain text
	acceptAny         // robots.txt
)

// request is one GET, conditional when etag or lastModified is set.
type request struct {
	url          string
	etag         string
	lastModified string
	accept       accept
}

func (r request) conditional() bool { return r.etag != "" || r.lastModified != "" }

// fetch GETs one URL and returns the response (body consumed and closed)
// and the body, capped. A 304 returns no error. Other statuses outside
// 2xx return the response, the start of its body and a *FetchError.
func (c *Crawler) fetch(ctx context.Context, r request) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return nil, nil, &FetchError{URL: r.url, Err: err}
	}
	req.Header.Set("User-Agent", c.userAgent)
	switch r.accept {
	case acceptHTML:
		req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	case acceptXML:
		req.Header.Set("Accept", "application/xml,text/xml,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5")
	}
	req.Header.Set("Accept-Language", "pl,en;q=0.5")
	if r.etag != "" {
		req.Header.Set("If-None-Match", r.etag)
	}
	if r.lastModified != "" {
		req.Header.Set("If-Modified-Since", r.lastModified)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, &FetchError{URL: r.url, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBodyToRead))
		return resp, nil, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyToRead))
		return resp, body, &FetchError{URL: r.url, Status: resp.StatusCode}
	}
	limit := c.maxBody
	if r.accept == acceptXML {
		limit = max(limit, maxXMLBody)
	}
	if resp.ContentLength > limit {
		return resp, nil, &FetchError{URL: r.url, Err: fmt.Errorf("%w (%d bytes announced, cap %d)", errTooLarge, resp.ContentLength, limit)}
	}
	if r.accept == acceptHTML && !htmlType(resp.Header.Get("Content-Type")) {
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		return resp, nil, &FetchError{URL: r.url, Err: fmt.Errorf("%w: %s", errNotHTML, mt)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return resp, nil, &FetchError{URL: r.url, Err: fmt.Errorf("read body: %w", err)}
	}
	if int64(len(body)) > limit {
		return resp, nil, &FetchError{URL: r.url, Err: fmt.Errorf("%w (%d bytes)", errTooLarge, limit)}
	}
	if r.accept == acceptHTML && resp.Header.Get("Content-Type") == "" {
		if ct := http.DetectContentType(body); !strings.HasPrefix(ct, "text/html") {
			return resp, nil, &FetchError{URL: r.url, Err: fmt.Errorf("%w: sniffed %s", errNotHTML, ct)}
		}
	}
	return resp, body, nil
}

// htmlType reports whether a Content-Type may be an HTML page; a missing
// one is sniffed after reading.
func htmlType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		// A malformed header: let the body decide.
		return strings.Contains(strings.ToLower(ct), "html")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
