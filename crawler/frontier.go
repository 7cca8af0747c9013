package crawler

import (
	"encoding/json"
	"errors"
	"time"

	bolt "go.etcd.io/bbolt"
)

// begin resumes the site's unfinished run or starts a new one with the
// seeds, sitemaps and feeds (and, for incremental runs, the articles due
// for a visit) in the frontier.
func (r *siteRun) begin() error {
	return r.c.state.update(func(tx *bolt.Tx) error {
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
		} else {
			// A full crawl reaches only what its seeds link to; the pages
			// check --repair marked (their capture was damaged) are
			// fetched whether or not a link leads to them again.
			marked, err := r.markedArticles(tx)
			if err != nil {
				return err
			}
			first = append(first, marked...)
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
	err := r.eachURL(tx, func(u string, rec *urlRecord) {
		if rec.Done == r.run {
			r.seen[u] = struct{}{}
		}
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
// passed, and its known feeds and sitemaps.
func (r *siteRun) dueArticles(tx *bolt.Tx) ([]link, error) {
	var out []link
	now := r.c.now()
	err := r.eachURL(tx, func(u string, rec *urlRecord) {
		if rec.FetchedAt.IsZero() {
			return
		}
		switch {
		case rec.Kind == kindArticle && now.Sub(rec.FetchedAt) >= r.interval:
			out = append(out, link{url: u})
		case rec.Kind == kindFeed || rec.Kind == kindSitemap:
			// Feeds that pages announced are revisited like configured
			// ones, whether or not a page links to them this time.
			out = append(out, link{url: u, kind: rec.Kind, force: true})
		}
	})
	return out, err
}

// markedArticles lists the site's URLs that MarkRefetch set to be
// fetched again (check --repair, after their capture was damaged).
func (r *siteRun) markedArticles(tx *bolt.Tx) ([]link, error) {
	var out []link
	err := r.eachURL(tx, func(u string, rec *urlRecord) {
		if rec.Capture == nil && rec.FetchedAt.Equal(refetchMark) {
			out = append(out, link{url: u, force: true})
		}
	})
	return out, err
}

// eachURL calls fn with each URL record of the site (the URL bucket holds
// every site's); records that do not decode are skipped.
func (r *siteRun) eachURL(tx *bolt.Tx, fn func(u string, rec *urlRecord)) error {
	return tx.Bucket(bucketURLs).ForEach(func(k, v []byte) error {
		var rec urlRecord
		if json.Unmarshal(v, &rec) == nil && rec.Site == r.site.Name {
			fn(string(k), &rec)
		}
		return nil
	})
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

// finish marks the run finished and drops what is left of its queue.
func (r *siteRun) finish() error {
	return r.c.state.update(func(tx *bolt.Tx) error {
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
			err := r.c.state.update(func(tx *bolt.Tx) error {
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

func seqFromKey(k []byte) uint64 {
	var n uint64
	for _, b := range k {
		n = n<<8 | uint64(b)
	}
	return n
}
