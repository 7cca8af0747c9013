package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxRetryWait caps a server's Retry-After.
const maxRetryWait = 2 * time.Minute

// Crawl fetches site breadth-first from its seeds, following links on the
// seeds' hosts, and hands every article page to h. It returns when the
// frontier is empty, MaxPages is reached or ctx is done; a cancelled crawl
// returns its stats so far and ctx's error. Failures of single pages are
// logged and counted, not returned.
func (c *Crawler) Crawl(ctx context.Context, site Site, h Handler) (Stats, error) {
	start := time.Now()
	if len(site.Seeds) == 0 {
		return Stats{Site: site.Name}, fmt.Errorf("site %q has no seed URLs", site.Name)
	}
	hosts := map[string]bool{}
	var seeds []string
	for _, s := range site.Seeds {
		n := NormalizeURL(s)
		if n == "" {
			return Stats{Site: site.Name}, fmt.Errorf("seed %q is not an absolute http(s) URL", s)
		}
		u, _ := url.Parse(n)
		hosts[u.Host] = true
		seeds = append(seeds, n)
	}
	if site.Name == "" {
		u, _ := url.Parse(seeds[0])
		site.Name = u.Hostname()
	}
	run := &siteRun{
		c:       c,
		site:    site,
		handler: h,
		hosts:   hosts,
		seen:    map[string]bool{},
		robots:  map[string]robotsRules{},
		stats:   Stats{Site: site.Name},
		limiter: rate.NewLimiter(c.rate, 1),
	}
	run.cond = sync.NewCond(&run.mu)
	for _, s := range seeds {
		run.enqueue(s)
	}
	err := run.run(ctx)
	run.stats.DurationMS = time.Since(start).Milliseconds()
	return run.stats, err
}

// siteRun is the state of one site's crawl.
type siteRun struct {
	c       *Crawler
	site    Site
	handler Handler
	hosts   map[string]bool
	limiter *rate.Limiter

	mu       sync.Mutex
	cond     *sync.Cond
	queue    []string
	seen     map[string]bool
	inflight int
	robots   map[string]robotsRules
	stats    Stats
}

// enqueue adds a normalised URL to the frontier unless seen. mu is held or
// the crawl has not started.
func (r *siteRun) enqueue(u string) {
	if r.seen[u] {
		return
	}
	r.seen[u] = true
	r.queue = append(r.queue, u)
}

func (r *siteRun) run(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		r.mu.Lock()
		r.cond.Broadcast()
		r.mu.Unlock()
	})
	defer stop()
	var wg sync.WaitGroup
	for range r.c.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.worker(ctx)
		}()
	}
	wg.Wait()
	return ctx.Err()
}

func (r *siteRun) worker(ctx context.Context) {
	for {
		r.mu.Lock()
		for len(r.queue) == 0 && r.inflight > 0 && ctx.Err() == nil {
			r.cond.Wait()
		}
		if len(r.queue) == 0 || ctx.Err() != nil || r.capReached() {
			r.cond.Broadcast()
			r.mu.Unlock()
			return
		}
		u := r.queue[0]
		r.queue = r.queue[1:]
		r.inflight++
		r.mu.Unlock()

		links := r.visit(ctx, u)

		r.mu.Lock()
		for _, l := range links {
			r.enqueue(l)
		}
		r.inflight--
		r.cond.Broadcast()
		r.mu.Unlock()
	}
}

// capReached reports whether MaxPages pages were fetched or are being
// fetched. mu is held.
func (r *siteRun) capReached() bool {
	return r.site.MaxPages > 0 && r.stats.Fetched+r.stats.Failed+r.inflight >= r.site.MaxPages
}

// visit fetches, archives and parses one URL, hands an article to the
// handler and returns the in-scope links of the page.
func (r *siteRun) visit(ctx context.Context, rawURL string) []string {
	log := r.c.log.With("site", r.site.Name, "url", rawURL)
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil
	}
	rules, err := r.robotsFor(ctx, u)
	if err != nil {
		log.Warn("robots.txt unavailable; skipping page", "err", err)
		r.count(func(s *Stats) { s.Failed++ })
		return nil
	}
	if !rules.allowed(u.EscapedPath()) {
		log.Debug("disallowed by robots.txt")
		r.count(func(s *Stats) { s.Skipped++ })
		return nil
	}
	resp, body, err := r.fetchWithRetry(ctx, rawURL)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("fetch failed", "err", err)
			r.count(func(s *Stats) { s.Failed++ })
		}
		return nil
	}
	fetchedAt := time.Now()
	capture, err := r.c.archive.Store(resp, body, fetchedAt)
	if err != nil {
		// Without a capture the page could not be cited or reindexed.
		log.Error("archive failed", "err", err)
		r.count(func(s *Stats) { s.Failed++ })
		return nil
	}
	r.count(func(s *Stats) { s.Fetched++ })
	final := resp.Request.URL
	page, _, err := DecodeHTML(body, resp.Header.Get("Content-Type"))
	if err != nil {
		log.Warn("undecodable page", "err", err)
		return nil
	}
	art, err := ParseArticle(page, final, r.c.loc)
	if err != nil {
		log.Warn("unparsable page", "err", err)
		return nil
	}
	links := r.inScope(art.Links)
	if !art.IsArticle {
		return links
	}
	docURL := NormalizeURL(final.String())
	if cu, err := url.Parse(art.Canonical); err == nil && art.Canonical != "" && r.hosts[cu.Host] {
		docURL = NormalizeURL(art.Canonical)
	}
	if err := r.handler.HandlePage(ctx, Page{Site: r.site.Name, URL: docURL, Article: art, Capture: capture}); err != nil {
		log.Error("page not stored", "err", err)
		r.count(func(s *Stats) { s.Failed++ })
		return links
	}
	r.count(func(s *Stats) { s.Articles++ })
	return links
}

func (r *siteRun) count(f func(*Stats)) {
	r.mu.Lock()
	f(&r.stats)
	r.mu.Unlock()
}

// inScope keeps the normalised links on the site's hosts.
func (r *siteRun) inScope(links []string) []string {
	var out []string
	for _, l := range links {
		n := NormalizeURL(l)
		if n == "" {
			continue
		}
		u, err := url.Parse(n)
		if err != nil || !r.hosts[u.Host] || !crawlable(u) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// robotsFor returns the robots.txt rules of u's host, fetched once.
func (r *siteRun) robotsFor(ctx context.Context, u *url.URL) (robotsRules, error) {
	if r.c.ignoreRobots {
		return robotsRules{}, nil
	}
	key := u.Scheme + "://" + u.Host
	r.mu.Lock()
	rules, ok := r.robots[key]
	r.mu.Unlock()
	if ok {
		return rules, nil
	}
	if err := r.limiter.Wait(ctx); err != nil {
		return robotsRules{}, err
	}
	rules, err := r.c.fetchRobots(ctx, key, r.c.userAgent)
	if err != nil {
		return robotsRules{}, err
	}
	if d := rules.crawlDelay(); d > 0 && rate.Every(d) < r.limiter.Limit() {
		r.limiter.SetLimit(rate.Every(d))
	}
	r.mu.Lock()
	r.robots[key] = rules
	r.mu.Unlock()
	return rules, nil
}

// fetchWithRetry fetches with the site's rate limit, retrying 429, 5xx and
// network errors with exponential backoff, honouring Retry-After.
func (r *siteRun) fetchWithRetry(ctx context.Context, rawURL string) (*http.Response, []byte, error) {
	backoff := time.Second
	for attempt := 0; ; attempt++ {
		if err := r.limiter.Wait(ctx); err != nil {
			return nil, nil, err
		}
		resp, body, err := r.c.fetch(ctx, rawURL)
		if err == nil {
			return resp, body, nil
		}
		var fe *FetchError
		if !errors.As(err, &fe) || !fe.retryable() || attempt >= r.c.retries {
			return nil, nil, err
		}
		wait := backoff
		if resp != nil {
			if ra := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ra > 0 {
				wait = ra
			}
		}
		wait = min(wait, maxRetryWait)
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-time.After(wait):
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
