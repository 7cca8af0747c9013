package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Coordinator settings.
const (
	loadChunk = 256 // queue entries read from the state at once
	// Results are committed to the state in small batches, often, so that
	// little fetched work is redone after a crash; articles reach the
	// Handler in larger batches (Crawler.batchSize), which indexes faster.
	commitResults  = 32
	commitInterval = 250 * time.Millisecond
	handInterval   = time.Second
	maxWorkers     = 32
)

// Crawl crawls site: it resumes the site's unfinished run if there is one,
// else starts a Full run from the seeds. It returns when the frontier is
// empty, MaxPages is reached or ctx is done; a cancelled crawl returns
// its stats so far and ctx's error, and the next Crawl or Recrawl of the
// site resumes it. Failures of single pages are logged and counted, not
// returned.
func (c *Crawler) Crawl(ctx context.Context, site Site, h Handler) (Stats, error) {
	return c.run(ctx, site, Full, h)
}

// Recrawl is Crawl with an Incremental run: seeds, sitemaps and feeds
// with conditional requests, new pages, changed listing pages, and known
// articles whose re-crawl interval has passed or whose sitemap date is
// newer than their last fetch.
func (c *Crawler) Recrawl(ctx context.Context, site Site, h Handler) (Stats, error) {
	return c.run(ctx, site, Incremental, h)
}

// siteRun is one run over one site. The coordinator goroutine (loop) owns
// the frontier and the state writes; workers fetch and parse.
type siteRun struct {
	c        *Crawler
	sc       *scope
	site     Site
	h        Handler
	log      *slog.Logger
	mode     Mode
	run      uint64
	interval time.Duration
	start    time.Time

	hostsMu sync.Mutex
	hosts   map[string]*host

	// Coordinator state.
	stats      Stats
	seen       map[string]struct{} // URLs queued (or judged) in this run
	docs       map[string]struct{} // document URLs handed over in this run
	seq        uint64              // last sequence number used
	lastLoaded uint64              // last sequence number read into ready
	ready      []task
	exhausted  bool // no queue entry after lastLoaded
	queued     int  // entries in the queue, ready ones included
	attempted  int  // pages fetched or failed in this run, for MaxPages
	lastReport time.Time
	refetch    []link // pending articles whose capture was lost
	// spaceUnknown is set once the file system could not tell its free
	// space.
	spaceUnknown bool
}

// task is one queue entry handed to a worker, with what the state knew
// of its URL.
type task struct {
	seq   uint64
	entry queueEntry
	prior urlRecord
	known bool
}

func (c *Crawler) run(ctx context.Context, site Site, mode Mode, h Handler) (Stats, error) {
	start := time.Now()
	sc, err := compileSite(site)
	if err != nil {
		return Stats{Site: site.Name}, fmt.Errorf("site %q: %w", site.Name, err)
	}
	site = sc.site
	r := &siteRun{
		c:        c,
		sc:       sc,
		site:     site,
		h:        h,
		log:      c.log.With("site", site.Name),
		mode:     mode,
		interval: c.interval,
		start:    start,
		hosts:    map[string]*host{},
		stats:    Stats{Site: site.Name},
		seen:     map[string]struct{}{},
		docs:     map[string]struct{}{},
	}
	if site.RecrawlInterval > 0 {
		r.interval = site.RecrawlInterval
	}
	ctx = c.withSiteAccess(ctx, sc)
	if err := r.replayPending(ctx); err != nil {
		r.stats.DurationMS = time.Since(start).Milliseconds()
		return r.stats, err
	}
	if err := r.begin(); err != nil {
		r.stats.DurationMS = time.Since(start).Milliseconds()
		return r.stats, err
	}
	err = r.loop(ctx)
	r.stats.DurationMS = time.Since(start).Milliseconds()
	return r.stats, err
}

// capped reports whether MaxPages pages were fetched or are being fetched.
func (r *siteRun) capped(inflight int) bool {
	return r.site.MaxPages > 0 && r.attempted+inflight >= r.site.MaxPages
}

func (r *siteRun) workers() int {
	per := r.c.concurrency
	if r.site.Concurrency > 0 {
		per = r.site.Concurrency
	}
	return min(maxWorkers, per*len(r.sc.hosts))
}

// loop runs the workers and commits their results until the frontier is
// empty, the cap is reached, ctx is done or the handler fails.
func (r *siteRun) loop(ctx context.Context) error {
	work := make(chan task)
	nworkers := r.workers()
	results := make(chan result, nworkers)
	var wg sync.WaitGroup
	for range nworkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				results <- r.visit(ctx, t)
			}
		}()
	}
	hand := newHandoff(r, ctx)
	defer func() {
		close(work)
		wg.Wait()
	}()

	ticker := time.NewTicker(commitInterval)
	defer ticker.Stop()
	done := ctx.Done()
	var (
		inflight int
		batch    []result
		stopErr  error
	)
	commit := func() {
		if len(batch) == 0 {
			return
		}
		if err := r.commit(batch, hand); err != nil && stopErr == nil {
			stopErr = err
		}
		batch = batch[:0]
		if stopErr == nil {
			stopErr = r.checkSpace()
		}
	}
	stopErr = r.checkSpace()
	for {
		if stopErr == nil && ctx.Err() == nil && len(r.ready) < loadChunk/4 && !r.exhausted {
			if err := r.load(); err != nil {
				stopErr = err
			}
		}
		stopping := stopErr != nil || ctx.Err() != nil
		if inflight == 0 && len(r.ready) == 0 && (r.exhausted || stopping) {
			if len(batch) > 0 {
				commit()
				continue
			}
			break
		}
		if inflight == 0 && !stopping && r.capped(0) {
			commit()
			break
		}
		var send chan task
		var next task
		if !stopping && len(r.ready) > 0 && !r.capped(inflight) {
			send, next = work, r.ready[0]
		}
		select {
		case send <- next:
			r.ready = r.ready[1:]
			inflight++
		case res := <-results:
			inflight--
			r.count(&res)
			if res.outcome == outcomeUnstored && stopErr == nil {
				stopErr = res.err
			}
			batch = append(batch, res)
			if len(batch) >= commitResults {
				commit()
			}
		case <-ticker.C:
			commit()
			r.report(false)
		case <-done:
			done = nil
		case err := <-hand.errc:
			if stopErr == nil {
				stopErr = err
			}
		}
		if stopping && inflight == 0 && len(r.ready) > 0 {
			// Nothing more is dispatched; the entries stay queued.
			r.ready = nil
		}
	}
	if err := hand.close(); err != nil && stopErr == nil {
		stopErr = err
	}
	r.report(true)
	if stopErr != nil {
		return stopErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return r.finish()
}

// report passes a progress snapshot to the crawler's progress function.
func (r *siteRun) report(final bool) {
	if r.c.progress == nil || (!final && time.Since(r.lastReport) < 500*time.Millisecond) {
		return
	}
	r.lastReport = time.Now()
	r.c.progress(Progress{Site: r.site.Name, Fetched: r.stats.Fetched, Failed: r.stats.Failed, Queued: r.queued, Elapsed: time.Since(r.start)})
}

// commit records a batch of results in the state and hands its articles
// over. The order makes a kill at any point safe: the captures are synced
// to disk, then one transaction records every result, removes it from the
// queue, queues the links found and marks the articles pending; the
// handoff then hands the articles to the Handler and clears them. A URL is
// thus recorded as fetched only once its capture is on disk; results whose
// capture could not be written stay queued. When the sync or the
// transaction fails, nothing of the batch is recorded: its pages are
// fetched again by the next run, and the records already written are
// unreferenced copies.
func (r *siteRun) commit(batch []result, hand *handoff) error {
	if err := r.c.archive.Sync(); err != nil {
		return err
	}
	if err := r.queueLinksAhead(batch); err != nil {
		return fmt.Errorf("record crawl state: %w", err)
	}
	var pages []pendingItem
	err := r.c.state.update(func(tx *bolt.Tx) error {
		q, err := queueBucket(tx, r.site.Name)
		if err != nil {
			return err
		}
		for i := range batch {
			res := &batch[i]
			if res.outcome == outcomeCancelled || res.outcome == outcomeUnstored {
				continue
			}
			for u, rec := range res.extra {
				if err := putURL(tx, u, rec); err != nil {
					return err
				}
			}
			res.rec.Done = r.run
			if err := putURL(tx, res.task.entry.URL, res.rec); err != nil {
				return err
			}
			if err := q.Delete(seqKey(res.task.seq)); err != nil {
				return err
			}
			r.queued--
			if res.page != nil {
				if _, dup := r.docs[res.page.URL]; dup {
					r.stats.Skipped++
				} else {
					r.docs[res.page.URL] = struct{}{}
					p := pendingPage{Site: r.site.Name, URL: res.page.URL, Capture: res.page.Capture, Change: res.page.Change}
					b, err := json.Marshal(p)
					if err != nil {
						return err
					}
					if err := tx.Bucket(bucketPending).Put([]byte(res.task.entry.URL), b); err != nil {
						return err
					}
					pages = append(pages, pendingItem{key: res.task.entry.URL, page: *res.page})
					if res.page.URL != res.task.entry.URL {
						// The canonical URL need not be fetched again.
						r.seen[res.page.URL] = struct{}{}
					}
				}
			}
			for _, l := range res.links {
				if err := r.consider(tx, q, l); err != nil {
					return err
				}
			}
		}
		rec, _, err := getSite(tx, r.site.Name)
		if err != nil {
			return err
		}
		rec.Seq, rec.Fetched = r.seq, r.attempted
		return putSite(tx, r.site.Name, rec)
	})
	if err != nil {
		return fmt.Errorf("record crawl state: %w", err)
	}
	if len(pages) > 0 {
		return hand.send(pages)
	}
	return nil
}

// checkSpace stops the crawl before a batch when the data directory's
// file system has less free space than the reserve: the larger of the
// crawler's minimum (WithMinFreeSpace) and twice what a batch of captures
// takes, by the average so far. The WARC files, the crawl state and the
// index share that space; stopping while every write still succeeds leaves
// nothing to repair.
func (r *siteRun) checkSpace() error {
	free, err := r.c.archive.Free()
	if err != nil {
		// Some file systems cannot say; the writes themselves are still
		// rolled back when they fail.
		if !r.spaceUnknown {
			r.spaceUnknown = true
			r.log.Warn("free disk space unknown; the crawl goes on without the low-disk stop", "err", err)
		}
		return nil
	}
	if need := max(r.c.minFree, 2*r.c.archive.ExpectedBytes(commitResults)); free < need {
		return &DiskFullError{Dir: r.c.archive.dataDir, Free: free, Need: need}
	}
	return nil
}

// count adds a result to the run's stats.
func (r *siteRun) count(res *result) {
	s := &r.stats
	s.Requests += res.requests
	s.Conditional += res.conditional
	switch res.outcome {
	case outcomeFetched:
		s.Fetched++
		r.attempted++
	case outcomeUnchanged:
		s.Fetched++
		s.Unchanged++
		r.attempted++
	case outcomeFailed:
		s.Failed++
		r.attempted++
	case outcomeSkipped:
		s.Skipped++
	}
}

// host returns the politeness state of a host, created on first use.
func (r *siteRun) host(name string) *host {
	r.hostsMu.Lock()
	defer r.hostsMu.Unlock()
	h, ok := r.hosts[name]
	if !ok {
		rate, conc := r.c.rate, r.c.concurrency
		if r.site.Rate > 0 {
			rate = r.site.Rate
		}
		if r.site.Concurrency > 0 {
			conc = r.site.Concurrency
		}
		h = newHost(name, rate, conc)
		r.hosts[name] = h
	}
	return h
}

// inScope keeps the normalised links on the site that its profile
// follows.
func (r *siteRun) inScope(links []string) []link {
	var out []link
	for _, l := range links {
		n := NormalizeURL(l)
		if n == "" {
			continue
		}
		u, err := url.Parse(n)
		if err != nil || !r.sc.inScope(u) {
			continue
		}
		out = append(out, link{url: n})
	}
	return out
}
