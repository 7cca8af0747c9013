package crawler

import (
	"context"
	"encoding/json"
	"errors"
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
	hosts := make([]string, 0, len(sc.hosts))
	for h := range sc.hosts {
		hosts = append(hosts, h)
	}
	c.allowSiteHosts(ctx, hosts)
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

// begin resumes the site's unfinished run or starts a new one with the
// seeds, sitemaps and feeds (and, for incremental runs, the articles due
// for a visit) in the frontier.
func (r *siteRun) begin() error {
	return r.c.state.db.Update(func(tx *bolt.Tx) error {
		rec, ok, err := getSite(tx, r.site.Name)
		if err != nil {
			return err
		}
		q, err := queueBucket(tx, r.site.Name)
		if err != nil {
			return err
		}
		if ok && rec.Finished.IsZero() && rec.Run > 0 {
			r.run, r.seq, r.mode, r.attempted = rec.Run, rec.Seq, rec.Mode, rec.Fetched
			r.stats.Resumed = true
			r.log.Info("resuming an interrupted run", "run", r.run, "mode", string(r.mode), "done", rec.Fetched)
			if err := r.rebuildSeen(tx, q); err != nil {
				return err
			}
			for _, l := range r.refetch {
				if err := r.consider(tx, q, l); err != nil {
					return err
				}
			}
			rec.Seq = r.seq
			return putSite(tx, r.site.Name, rec)
		}
		rec = siteRecord{Run: rec.Run + 1, Mode: r.mode, Started: r.c.now().UTC(), Seq: rec.Seq, Profile: r.site}
		r.run, r.seq = rec.Run, rec.Seq
		// A finished run leaves no queue, but a capped one may.
		if err := tx.DeleteBucket([]byte(queuePrefix + r.site.Name)); err != nil && !errors.Is(err, bolt.ErrBucketNotFound) {
			return err
		}
		if q, err = queueBucket(tx, r.site.Name); err != nil {
			return err
		}
		first := r.refetch
		for _, s := range r.site.Seeds {
			first = append(first, link{url: s, force: true})
		}
		for _, s := range r.site.Sitemaps {
			first = append(first, link{url: s, kind: kindSitemap, force: true})
		}
		for _, f := range r.site.Feeds {
			first = append(first, link{url: f, kind: kindFeed, force: true})
		}
		if r.mode == Incremental {
			due, err := r.dueArticles(tx)
			if err != nil {
				return err
			}
			first = append(first, due...)
		}
		for _, l := range first {
			if err := r.consider(tx, q, l); err != nil {
				return err
			}
		}
		rec.Seq = r.seq
		return putSite(tx, r.site.Name, rec)
	})
}

// rebuildSeen restores the run's seen set and queue length after a
// restart: the URLs the run fetched and those still queued.
func (r *siteRun) rebuildSeen(tx *bolt.Tx, q *bolt.Bucket) error {
	err := tx.Bucket(bucketURLs).ForEach(func(k, v []byte) error {
		var rec urlRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return nil
		}
		if rec.Site == r.site.Name && rec.Done == r.run {
			r.seen[string(k)] = struct{}{}
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.queued = 0
	return q.ForEach(func(_, v []byte) error {
		var e queueEntry
		if json.Unmarshal(v, &e) == nil {
			r.seen[e.URL] = struct{}{}
		}
		r.queued++
		return nil
	})
}

// dueArticles lists the site's known articles whose re-crawl interval has
// passed.
func (r *siteRun) dueArticles(tx *bolt.Tx) ([]link, error) {
	var out []link
	now := r.c.now()
	err := tx.Bucket(bucketURLs).ForEach(func(k, v []byte) error {
		var rec urlRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return nil
		}
		if rec.Site == r.site.Name && rec.Kind == kindArticle && !rec.FetchedAt.IsZero() && now.Sub(rec.FetchedAt) >= r.interval {
			out = append(out, link{url: string(k)})
		}
		return nil
	})
	return out, err
}

// link is a URL found by a worker, to be judged by the coordinator.
type link struct {
	url      string
	kind     string // kindSitemap, kindFeed, kindRobots or "" for pages
	lastmod  time.Time
	force    bool // visit even if known and not due (seeds, sitemaps, feeds)
	optional bool // a guessed URL: a 404 is no failure
}

// consider queues a link unless the run has seen it or, in incremental
// runs, it is a known article that is not due. tx is a write transaction;
// only the queue is written.
func (r *siteRun) consider(tx *bolt.Tx, q *bolt.Bucket, l link) error {
	if _, ok := r.seen[l.url]; ok {
		return nil
	}
	r.seen[l.url] = struct{}{}
	rec, known, err := getURL(tx, l.url)
	if err != nil {
		return err
	}
	if known && rec.Done == r.run {
		return nil
	}
	if r.mode == Incremental && known && !l.force && !r.worthVisiting(rec, l) {
		return nil
	}
	// The URL's record is written when it is fetched; until then the
	// queue entry holds what is known of it.
	r.seq++
	b, err := json.Marshal(queueEntry{URL: l.url, Kind: l.kind, Force: l.force, Optional: l.optional, Lastmod: l.lastmod})
	if err != nil {
		return err
	}
	if err := q.Put(seqKey(r.seq), b); err != nil {
		return err
	}
	r.queued++
	r.exhausted = false
	return nil
}

// worthVisiting decides, in an incremental run, whether a known URL found
// by a link is fetched again.
func (r *siteRun) worthVisiting(rec urlRecord, l link) bool {
	if rec.FetchedAt.IsZero() || rec.Failures > 0 {
		return rec.Failures < 3
	}
	switch rec.Kind {
	case kindArticle:
		// Sitemap dates have a second's precision at best: a change in the
		// second of the last fetch counts.
		return r.c.now().Sub(rec.FetchedAt) >= r.interval || (!l.lastmod.IsZero() && !l.lastmod.Before(rec.FetchedAt.Truncate(time.Second)))
	case kindPage, kindSitemap, kindFeed:
		// Listing pages, sitemaps and feeds are where new articles show up.
		return true
	}
	return false
}

// load reads the next queue entries, with their URLs' records, into ready.
func (r *siteRun) load() error {
	return r.c.state.db.View(func(tx *bolt.Tx) error {
		q := tx.Bucket([]byte(queuePrefix + r.site.Name))
		if q == nil {
			r.exhausted = true
			return nil
		}
		cur := q.Cursor()
		n := 0
		for k, v := cur.Seek(seqKey(r.lastLoaded + 1)); k != nil && n < loadChunk; k, v = cur.Next() {
			var t task
			t.seq = seqFromKey(k)
			r.lastLoaded = t.seq
			if err := json.Unmarshal(v, &t.entry); err != nil {
				continue
			}
			rec, known, err := getURL(tx, t.entry.URL)
			if err != nil {
				return err
			}
			t.prior, t.known = rec, known && !rec.FetchedAt.IsZero()
			r.ready = append(r.ready, t)
			n++
		}
		if n < loadChunk {
			r.exhausted = true
		}
		return nil
	})
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
	}
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

// finish marks the run finished and drops what is left of its queue.
func (r *siteRun) finish() error {
	return r.c.state.db.Update(func(tx *bolt.Tx) error {
		rec, _, err := getSite(tx, r.site.Name)
		if err != nil {
			return err
		}
		rec.Finished = r.c.now().UTC()
		rec.Fetched = r.attempted
		if err := tx.DeleteBucket([]byte(queuePrefix + r.site.Name)); err != nil && !errors.Is(err, bolt.ErrBucketNotFound) {
			return err
		}
		return putSite(tx, r.site.Name, rec)
	})
}

// commit records a batch of results in the state and hands its articles
// over. The order makes a kill at any point safe: the captures are synced
// to disk, then one transaction records every result, removes it from the
// queue, queues the links found and marks the articles pending; the
// handoff then hands the articles to the Handler and clears them.
func (r *siteRun) commit(batch []result, hand *handoff) error {
	if err := r.c.archive.Sync(); err != nil {
		return err
	}
	if err := r.queueLinksAhead(batch); err != nil {
		return fmt.Errorf("record crawl state: %w", err)
	}
	var pages []pendingItem
	err := r.c.state.db.Update(func(tx *bolt.Tx) error {
		q, err := queueBucket(tx, r.site.Name)
		if err != nil {
			return err
		}
		for i := range batch {
			res := &batch[i]
			if res.outcome == outcomeCancelled {
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

// linkChunk is how many links of one result one transaction queues.
const linkChunk = 4096

// queueLinksAhead queues the links of results that found very many (a
// sitemap of 50,000 URLs) in transactions of their own, so that no single
// transaction holds them all in memory. A crash before the result's own
// commit fetches the sitemap again; its links are then found queued.
func (r *siteRun) queueLinksAhead(batch []result) error {
	for i := range batch {
		res := &batch[i]
		if res.outcome == outcomeCancelled || len(res.links) <= linkChunk {
			continue
		}
		for len(res.links) > 0 {
			chunk := res.links[:min(linkChunk, len(res.links))]
			err := r.c.state.db.Update(func(tx *bolt.Tx) error {
				q, err := queueBucket(tx, r.site.Name)
				if err != nil {
					return err
				}
				for _, l := range chunk {
					if err := r.consider(tx, q, l); err != nil {
						return err
					}
				}
				rec, _, err := getSite(tx, r.site.Name)
				if err != nil {
					return err
				}
				rec.Seq = r.seq
				return putSite(tx, r.site.Name, rec)
			})
			if err != nil {
				return err
			}
			res.links = res.links[len(chunk):]
		}
		res.links = nil
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

func seqFromKey(k []byte) uint64 {
	var n uint64
	for _, b := range k {
		n = n<<8 | uint64(b)
	}
	return n
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
