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

// Fetch limits. Options change them.
const (
	DefaultUserAgent   = "KronikaBot/0.1 (+https://github.com/kronika/kronika; news archive crawler)"
	DefaultMaxBody     = 8 << 20
	DefaultTimeout     = 30 * time.Second
	dialTimeout        = 10 * time.Second
	maxRedirects       = 5
	maxErrorBodyToRead = 64 << 10
)

// ErrPrivateAddress is returned when a fetch would reach a loopback,
// private or link-local address and the crawler does not allow it.
var ErrPrivateAddress = errors.New("refusing to connect to a private, loopback or link-local address (use --allow-private for local sites)")

// newClient returns an HTTP client with connect and read timeouts, a
// redirect cap and, unless allowPrivate, a dialer that refuses private
// addresses however they are reached (DNS, redirects).
func newClient(timeout time.Duration, allowPrivate bool) *http.Client {
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
			if isPrivate(ip) {
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
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       60 * time.Second,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("stopped after %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
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

func (e *FetchError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("fetch %s: HTTP %d", e.URL, e.Status)
	}
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

func (e *FetchError) Unwrap() error { return e.Err }

// retryable reports whether a later attempt may succeed.
func (e *FetchError) retryable() bool {
	if e.Status != 0 {
		return e.Status == http.StatusTooManyRequests || e.Status >= 500
	}
	return !errors.Is(e.Err, ErrPrivateAddress) && !errors.Is(e.Err, errTooLarge) && !errors.Is(e.Err, errNotHTML)
}

var (
	errTooLarge = errors.New("response body is over the size cap")
	errNotHTML  = errors.New("not an HTML page")
)

// fetch GETs one page and returns the response (body consumed and closed)
// and the body, capped at maxBody.
func (c *Crawler) fetch(ctx context.Context, rawURL string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, nil, &FetchError{URL: rawURL, Err: err}
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	req.Header.Set("Accept-Language", "pl,en;q=0.5")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, &FetchError{URL: rawURL, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBodyToRead))
		return resp, nil, &FetchError{URL: rawURL, Status: resp.StatusCode}
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != "text/html" && mt != "application/xhtml+xml" && !strings.HasPrefix(mt, "text/") {
			return resp, nil, &FetchError{URL: rawURL, Err: fmt.Errorf("%w: %s", errNotHTML, mt)}
		}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return resp, nil, &FetchError{URL: rawURL, Err: fmt.Errorf("read body: %w", err)}
	}
	if int64(len(body)) > c.maxBody {
		return resp, nil, &FetchError{URL: rawURL, Err: fmt.Errorf("%w (%d bytes)", errTooLarge, c.maxBody)}
	}
	return resp, body, nil
}
