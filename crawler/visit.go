package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kronika/kronika/news"
)

// outcome is what became of one task.
type outcome int

const (
	outcomeFetched   outcome = iota // new or changed content
	outcomeUnchanged                // 304, or the same content
	outcomeFailed
	outcomeSkipped   // robots.txt, not HTML, too large, optional and absent
	outcomeCancelled // interrupted: the URL stays queued
	// outcomeUnstored is a capture the archive could not write: the URL
	// stays queued for the next run, and the crawl stops (see
	// result.err), since the disk that failed one write fails the next.
	outcomeUnstored
)

// result is a worker's report on one task.
type result struct {
	task    task
	rec     urlRecord            // the URL's new record
	extra   map[string]urlRecord // other URLs' records (robots.txt)
	outcome outcome
	page    *Page // an article to hand over
	links   []link
	// requests and conditional count HTTP requests, retries included.
	requests, conditional int
	// err is the storage failure of an outcomeUnstored task.
	err error
}

// unstored turns a failed write of the archive into the task's result.
func unstored(res result, err error) result {
	res.outcome, res.err = outcomeUnstored, err
	return res
}

// storeFailed sorts an error of the archive: a failed write stops the
// crawl with the task still queued; a record that could not be built
// fails the page alone.
func storeFailed(log *slog.Logger, res result, err error) result {
	if IsStorage(err) {
		return unstored(res, err)
	}
	log.Error("archive failed", "err", err)
	res.outcome = outcomeFailed
	return res
}

// visit fetches, archives and reads one queued URL.
func (r *siteRun) visit(ctx context.Context, t task) result {
	res := result{task: t, rec: t.prior}
	res.rec.Site = r.site.Name
	if t.entry.Lastmod.After(res.rec.Lastmod) {
		res.rec.Lastmod = t.entry.Lastmod
	}
	log := r.log.With("url", t.entry.URL)
	u, err := url.Parse(t.entry.URL)
	if err != nil {
		res.outcome = outcomeSkipped
		return res
	}
	h := r.host(u.Host)
	if !r.c.ignoreRobots {
		rules, err := r.robotsFor(ctx, h, u, &res)
		if err != nil {
			if ctx.Err() != nil {
				res.outcome = outcomeCancelled
				return res
			}
			if IsStorage(err) {
				return unstored(res, err)
			}
			log.Warn("robots.txt unavailable; the host is not crawled", "err", err)
			res.outcome = outcomeFailed
			res.rec.Failures++
			return res
		}
		pq := u.EscapedPath()
		if u.RawQuery != "" {
			pq += "?" + u.RawQuery
		}
		if !rules.allowed(pq) {
			log.Debug("disallowed by robots.txt")
			res.rec.Kind = kindOther
			res.outcome = outcomeSkipped
			return res
		}
	}

	req := request{url: t.entry.URL, accept: acceptHTML}
	if t.entry.Kind == kindSitemap || t.entry.Kind == kindFeed {
		req.accept = acceptXML
	}
	if t.known && t.prior.Capture != nil {
		req.etag, req.lastModified = t.prior.ETag, t.prior.LastModified
	}
	resp, body, err := r.fetchWithRetry(ctx, h, req, &res)
	now := r.c.now()
	if err != nil {
		return r.failed(ctx, log, res, resp, body, err, now)
	}
	res.rec.Failures = 0
	res.rec.Status = resp.StatusCode
	if resp.StatusCode == http.StatusNotModified {
		if _, err := r.c.archive.StoreRevisit(resp, nil, now, t.prior.Capture); err != nil {
			return storeFailed(log, res, err)
		}
		res.rec.FetchedAt = now.UTC()
		updateValidators(&res.rec, resp)
		res.outcome = outcomeUnchanged
		return res
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if t.known && t.prior.Capture != nil && t.prior.SHA256 == hash {
		if _, err := r.c.archive.StoreRevisit(resp, body, now, t.prior.Capture); err != nil {
			return storeFailed(log, res, err)
		}
		res.rec.FetchedAt = now.UTC()
		updateValidators(&res.rec, resp)
		res.outcome = outcomeUnchanged
		return res
	}
	capture, err := r.c.archive.Store(resp, body, now)
	if err != nil {
		// Without a capture the page could not be cited or reindexed.
		return storeFailed(log, res, err)
	}
	res.rec.SHA256 = hash
	res.rec.FetchedAt, res.rec.ChangedAt = now.UTC(), now.UTC()
	res.rec.ETag, res.rec.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	res.rec.Capture = &capture
	res.outcome = outcomeFetched
	final := resp.Request.URL

	switch {
	case t.entry.Kind == kindSitemap || (t.entry.Kind == "" && xmlType(resp.Header.Get("Content-Type"))):
		res.rec.Kind = kindSitemap
		res.links = append(res.links, r.readXML(log, body, final)...)
		if t.entry.Kind == "" {
			res.rec.Kind = kindFeed
		}
	case t.entry.Kind == kindFeed:
		res.rec.Kind = kindFeed
		res.links = append(res.links, r.readXML(log, body, final)...)
	default:
		r.readPage(log, &res, body, resp.Header.Get("Content-Type"), final, capture)
	}
	return res
}

// failed turns a fetch error into a result.
func (r *siteRun) failed(ctx context.Context, log *slog.Logger, res result, resp *http.Response, body []byte, err error, now time.Time) result {
	if ctx.Err() != nil {
		res.outcome = outcomeCancelled
		return res
	}
	var fe *FetchError
	errors.As(err, &fe)
	if resp != nil && fe != nil && fe.Status != 0 {
		// The error answer is a response too: keep it.
		if _, aerr := r.c.archive.Store(resp, body, now); aerr != nil {
			if IsStorage(aerr) {
				return unstored(res, aerr)
			}
			log.Warn("archive failed", "err", aerr)
		}
		res.rec.Status = fe.Status
	}
	switch {
	case fe != nil && fe.skipped():
		res.rec.Kind = kindOther
		res.outcome = outcomeSkipped
	case res.task.entry.Optional && fe != nil && fe.Status >= 400 && fe.Status < 500:
		res.outcome = outcomeSkipped
	default:
		log.Warn("fetch failed", "err", err)
		res.rec.Failures++
		res.outcome = outcomeFailed
	}
	return res
}

// updateValidators keeps the ETag and Last-Modified a 304 or a same-content
// answer may refresh.
func updateValidators(rec *urlRecord, resp *http.Response) {
	if v := resp.Header.Get("ETag"); v != "" {
		rec.ETag = v
	}
	if v := resp.Header.Get("Last-Modified"); v != "" {
		rec.LastModified = v
	}
}

// readPage parses an HTML page: links to follow, feeds, and the article
// to hand over if it is one.
func (r *siteRun) readPage(log *slog.Logger, res *result, body []byte, contentType string, final *url.URL, capture news.Capture) {
	art, pl, err := r.parse(body, contentType, final)
	if err != nil {
		log.Warn("unparsable page", "err", err)
		res.rec.Kind = kindPage
		return
	}
	res.links = append(res.links, r.inScope(pl.links)...)
	for _, f := range pl.feeds {
		if n := NormalizeURL(f); n != "" {
			if fu, err := url.Parse(n); err == nil && r.sc.onSite(fu) {
				res.links = append(res.links, link{url: n, kind: kindFeed, force: true})
			}
		}
	}
	if !art.IsArticle {
		res.rec.Kind = kindPage
		return
	}
	res.rec.Kind = kindArticle
	docURL := NormalizeURL(final.String())
	if art.Canonical != "" {
		if cu, err := url.Parse(NormalizeURL(art.Canonical)); err == nil && cu.Host != "" && r.sc.onSite(cu) {
			docURL = cu.String()
		}
	}
	res.rec.DocURL = ""
	if docURL != res.task.entry.URL {
		res.rec.DocURL = docURL
	}
	change := ChangeNew
	if res.task.known && res.task.prior.SHA256 != "" {
		change = ChangeChanged
	}
	res.page = &Page{Site: r.site.Name, URL: docURL, Article: art, Capture: capture, Change: change}
}

// robotsFor returns the robots.txt rules of u's host, read once per run
// with a conditional request when the state knows the file. The first
// call for a host also queues the sitemaps robots.txt lists, or a guessed
// /sitemap.xml when it lists none and the profile names none.
func (r *siteRun) robotsFor(ctx context.Context, h *host, u *url.URL, res *result) (robotsRules, error) {
	h.robotsMu.Lock()
	defer h.robotsMu.Unlock()
	if h.robotsLoaded {
		return h.robots, h.robotsErr
	}
	robotsURL := u.Scheme + "://" + u.Host + "/robots.txt"
	var prior urlRecord
	var known bool
	if err := r.c.state.db.View(func(tx *bolt.Tx) error {
		var err error
		prior, known, err = getURL(tx, robotsURL)
		return err
	}); err != nil {
		return robotsRules{}, err
	}
	req := request{url: robotsURL, accept: acceptAny}
	if known && prior.Capture != nil {
		req.etag, req.lastModified = prior.ETag, prior.LastModified
	}
	rules, rec, err := r.fetchRobots(ctx, h, req, prior, res)
	if ctx.Err() != nil {
		return robotsRules{}, ctx.Err()
	}
	if IsStorage(err) {
		// Not remembered: the next task of the host fetches robots.txt
		// again, once the crawl is resumed on a disk that works.
		return robotsRules{}, err
	}
	rec.Site, rec.Kind = r.site.Name, kindRobots
	if res.extra == nil {
		res.extra = map[string]urlRecord{}
	}
	res.extra[robotsURL] = rec
	h.robotsLoaded, h.robots, h.robotsErr = true, rules, err
	if err != nil {
		return rules, err
	}
	h.slowDown(rules.crawlDelay())
	var maps []link
	for _, s := range rules.sitemaps {
		if su, err := u.Parse(strings.TrimSpace(s)); err == nil {
			s = su.String()
		}
		if n := NormalizeURL(s); n != "" {
			if su, err := url.Parse(n); err == nil && r.sc.onSite(su) {
				maps = append(maps, link{url: n, kind: kindSitemap, force: true})
			}
		}
	}
	if len(maps) == 0 && len(r.site.Sitemaps) == 0 {
		maps = append(maps, link{url: u.Scheme + "://" + u.Host + "/sitemap.xml", kind: kindSitemap, force: true, optional: true})
	}
	res.links = append(res.links, maps...)
	return rules, nil
}

// fetchRobots fetches and archives robots.txt. A 5xx or a network failure
// means the site is unreachable (RFC 9309), which the caller reports.
func (r *siteRun) fetchRobots(ctx context.Context, h *host, req request, prior urlRecord, res *result) (robotsRules, urlRecord, error) {
	rec := prior
	resp, body, err := r.fetchWithRetry(ctx, h, req, res)
	now := r.c.now()
	var fe *FetchError
	if err != nil && !(errors.As(err, &fe) && fe.Status >= 400 && fe.Status < 500) {
		rec.Failures++
		return robotsRules{}, rec, fmt.Errorf("fetch robots.txt: %w", err)
	}
	rec.Failures, rec.Status, rec.FetchedAt = 0, resp.StatusCode, now.UTC()
	switch {
	case resp.StatusCode == http.StatusNotModified && prior.Capture != nil:
		if _, err := r.c.archive.StoreRevisit(resp, nil, now, prior.Capture); IsStorage(err) {
			return robotsRules{}, rec, err
		}
		stored, err := ReadRecord(r.c.archive.dataDir, *prior.Capture)
		if err != nil {
			return robotsRules{}, rec, fmt.Errorf("read stored robots.txt: %w", err)
		}
		updateValidators(&rec, resp)
		return parseRobots(http.StatusOK, stored.Body, r.c.robotsAgent), rec, nil
	case resp.StatusCode >= 400 || resp.StatusCode == http.StatusNotModified:
		if _, err := r.c.archive.Store(resp, body, now); IsStorage(err) {
			return robotsRules{}, rec, err
		}
		rec.Capture, rec.SHA256 = nil, ""
		return robotsRules{}, rec, nil
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if prior.Capture != nil && prior.SHA256 == hash {
		if _, err := r.c.archive.StoreRevisit(resp, body, now, prior.Capture); IsStorage(err) {
			return robotsRules{}, rec, err
		}
	} else {
		capture, err := r.c.archive.Store(resp, body, now)
		if err != nil {
			return robotsRules{}, rec, err
		}
		rec.Capture, rec.SHA256, rec.ChangedAt = &capture, hash, now.UTC()
	}
	rec.ETag, rec.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	return parseRobots(resp.StatusCode, body, r.c.robotsAgent), rec, nil
}
