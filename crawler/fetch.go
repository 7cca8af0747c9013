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
	"sync"
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

// ErrPrivateAddress is returned when a fetch would reach a loopback,
// private or link-local address that is not a configured site's own.
var ErrPrivateAddress = errors.New("refusing to connect to a private, loopback or link-local address that is not the configured site's (use --allow-private for local sites)")

// privateAllowList holds the private addresses of configured sites, which
// the crawler may reach although it refuses private addresses otherwise.
type privateAllowList struct {
	mu    sync.RWMutex
	addrs map[netip.Addr]bool
}

func (l *privateAllowList) add(ip netip.Addr) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.addrs == nil {
		l.addrs = map[netip.Addr]bool{}
	}
	l.addrs[ip.Unmap()] = true
}

func (l *privateAllowList) has(ip netip.Addr) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.addrs[ip.Unmap()]
}

// allowSiteHosts lets the crawler reach the private addresses that the
// site's own hosts name or resolve to: a site configured on an intranet
// address is crawled, while redirects and links to other private addresses
// are still refused.
func (c *Crawler) allowSiteHosts(ctx context.Context, hosts []string) {
	if c.allowPrivate {
		return
	}
	for _, h := range hosts {
		name := h
		if host, _, err := net.SplitHostPort(h); err == nil {
			name = host
		}
		name = strings.Trim(name, "[]")
		if ip, err := netip.ParseAddr(name); err == nil {
			if isPrivate(ip) {
				c.private.add(ip)
			}
			continue
		}
		rctx, cancel := context.WithTimeout(ctx, c.dialTimeout)
		ips, err := net.DefaultResolver.LookupNetIP(rctx, "ip", name)
		cancel()
		if err != nil {
			continue // the fetch reports it
		}
		for _, ip := range ips {
			if isPrivate(ip) {
				c.private.add(ip)
			}
		}
	}
}

// newClient returns an HTTP client with connect and read timeouts, a
// redirect cap and, unless allowPrivate, a dialer that refuses private
// addresses however they are reached (DNS, redirects), but for those in
// allowed.
func newClient(timeout, dialTimeout time.Duration, allowPrivate bool, allowed *privateAllowList) *http.Client {
	dialer := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			ip, err := netip.ParseAddr(host)
			if err != nil {
				return err
			}
			if isPrivate(ip) && !allowed.has(ip) {
				return fmt.Errorf("%s: %w", ip, ErrPrivateAddress)
			}
			return nil
		}
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   dialTimeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       60 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("%w: stopped after %d", errRedirects, maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("%w: redirect to %q", errScheme, req.URL.Scheme)
			}
			return nil
		},
	}
}

func isPrivate(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast()
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
	return !errors.Is(e.Err, ErrPrivateAddress) && !errors.Is(e.Err, errTooLarge) && !errors.Is(e.Err, errNotHTML) &&
		!errors.Is(e.Err, errRedirects) && !errors.Is(e.Err, errScheme) && !errors.Is(e.Err, context.Canceled)
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
