package crawler

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxRetryWait caps how long a server's Retry-After may hold a host.
const maxRetryWait = 2 * time.Minute

// host is the politeness state of one host during a run: a rate limit
// (lowered by robots.txt Crawl-delay), a cap on parallel requests, a pause
// asked for by Retry-After, and the host's robots.txt rules.
type host struct {
	name    string
	limiter *rate.Limiter
	sem     chan struct{}

	mu        sync.Mutex
	notBefore time.Time

	robotsMu     sync.Mutex
	robotsLoaded bool
	robots       robotsRules
	robotsErr    error
}

func newHost(name string, perSecond float64, concurrency int) *host {
	limit := rate.Inf
	if perSecond > 0 {
		limit = rate.Limit(perSecond)
	}
	return &host{name: name, limiter: rate.NewLimiter(limit, 1), sem: make(chan struct{}, max(1, concurrency))}
}

// acquire waits for a free slot, a pause to end and the rate limit. The
// caller calls release after the request.
func (h *host) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	h.mu.Lock()
	wait := time.Until(h.notBefore)
	h.mu.Unlock()
	if wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-h.sem
			return ctx.Err()
		}
	}
	if err := h.limiter.Wait(ctx); err != nil {
		<-h.sem
		return err
	}
	return nil
}

func (h *host) release() { <-h.sem }

// pause holds every request to the host for d.
func (h *host) pause(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := time.Now().Add(d); t.After(h.notBefore) {
		h.notBefore = t
	}
}

// slowDown lowers the rate to one request per d, for Crawl-delay.
func (h *host) slowDown(d time.Duration) {
	if d > 0 && rate.Every(d) < h.limiter.Limit() {
		h.limiter.SetLimit(rate.Every(d))
	}
}

// fetchWithRetry fetches with the host's politeness, retrying 429, 5xx
// and network errors with exponential backoff, capped at the crawler's
// retries, honouring Retry-After. It counts requests in res.
func (r *siteRun) fetchWithRetry(ctx context.Context, h *host, req request, res *result) (*http.Response, []byte, error) {
	backoff := r.c.backoff
	for attempt := 0; ; attempt++ {
		if err := h.acquire(ctx); err != nil {
			return nil, nil, err
		}
		res.requests++
		if req.conditional() {
			res.conditional++
		}
		resp, body, err := r.c.fetch(ctx, req)
		h.release()
		if err == nil {
			return resp, body, nil
		}
		var fe *FetchError
		if ctx.Err() != nil || !errors.As(err, &fe) || !fe.retryable() || attempt >= r.c.retries {
			return resp, body, err
		}
		wait := backoff
		if resp != nil {
			if ra := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ra > 0 {
				wait = min(ra, maxRetryWait)
				// The server asked the whole host to wait, not only this page.
				h.pause(wait)
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, nil, ctx.Err()
		case <-t.C:
		}
		backoff *= 2
	}
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now)
	}
	return 0
}
