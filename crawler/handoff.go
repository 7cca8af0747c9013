package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// pendingItem is an article recorded as pending under key (the URL
// fetched), on its way to the Handler.
type pendingItem struct {
	key  string
	page Page
}

// handoff hands batches of pending articles to the Handler on its own
// goroutine, so that extraction and indexing overlap with fetching, and
// clears them from the state once the Handler has them.
type handoff struct {
	r       *siteRun
	ctx     context.Context
	batches chan []pendingItem
	errc    chan error // the first Handler error, once
	done    chan struct{}

	mu               sync.Mutex
	newDocs, changed int
	err              error
}

func newHandoff(r *siteRun, ctx context.Context) *handoff {
	h := &handoff{r: r, ctx: context.WithoutCancel(ctx), batches: make(chan []pendingItem, 8), errc: make(chan error, 1), done: make(chan struct{})}
	go h.run()
	return h
}

// send queues a batch; it blocks while eight batches wait, which slows
// the crawl down to the Handler's pace.
func (h *handoff) send(items []pendingItem) error {
	h.mu.Lock()
	err := h.err
	h.mu.Unlock()
	if err != nil {
		return err
	}
	h.batches <- items
	return nil
}

// run gathers the committed articles into batches of the crawler's batch
// size, or what a second brought, and delivers them.
func (h *handoff) run() {
	defer close(h.done)
	var pending []pendingItem
	timer := time.NewTimer(handInterval)
	timer.Stop()
	flush := func() {
		if len(pending) == 0 {
			return
		}
		items := pending
		pending = nil
		h.mu.Lock()
		failed := h.err != nil
		h.mu.Unlock()
		if failed {
			return // the articles stay pending for the next run
		}
		if err := h.r.deliver(h.ctx, items); err != nil {
			h.mu.Lock()
			h.err = err
			h.mu.Unlock()
			h.errc <- err
			return
		}
		h.mu.Lock()
		for _, it := range items {
			if it.page.Change == ChangeChanged {
				h.changed++
			} else {
				h.newDocs++
			}
		}
		h.mu.Unlock()
	}
	for {
		select {
		case items, ok := <-h.batches:
			if !ok {
				flush()
				return
			}
			if len(pending) == 0 {
				timer.Reset(handInterval)
			}
			pending = append(pending, items...)
			if len(pending) >= h.r.c.batchSize {
				timer.Stop()
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

// close waits for the queued batches and adds the handed articles to the
// run's stats.
func (h *handoff) close() error {
	close(h.batches)
	<-h.done
	h.r.stats.New += h.newDocs
	h.r.stats.Changed += h.changed
	return h.err
}

// deliver hands pages to the Handler and clears them from the pending
// bucket. The Handler does not see the crawl's cancellation: a batch it
// has started is finished, so that what was fetched is kept.
func (r *siteRun) deliver(ctx context.Context, items []pendingItem) error {
	pages := make([]Page, len(items))
	for i, it := range items {
		pages[i] = it.page
	}
	if err := r.h.HandlePages(ctx, pages); err != nil {
		return fmt.Errorf("store %d articles: %w", len(pages), err)
	}
	err := r.c.state.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPending)
		for _, it := range items {
			if err := b.Delete([]byte(it.key)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("clear pending articles: %w", err)
	}
	return nil
}

// replayPending hands over the site's articles that an interrupted run
// archived but did not see stored: they are read back from their
// captures, not fetched again.
func (r *siteRun) replayPending(ctx context.Context) error {
	var items []pendingItem
	err := r.c.state.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
			var p pendingPage
			if json.Unmarshal(v, &p) != nil || p.Site != r.site.Name {
				return nil
			}
			items = append(items, pendingItem{key: string(k), page: Page{Site: p.Site, URL: p.URL, Capture: p.Capture, Change: p.Change}})
			return nil
		})
	})
	if err != nil || len(items) == 0 {
		return err
	}
	r.log.Info("handing over articles archived by an interrupted run", "articles", len(items))
	var ready []pendingItem
	for _, it := range items {
		rec, err := ReadRecord(r.c.archive.dataDir, it.page.Capture)
		if err != nil {
			// The capture is gone: fetch the page again.
			r.log.Warn("pending capture unreadable; the page will be fetched again", "url", it.key, "err", err)
			if err := r.forget(it.key); err != nil {
				return err
			}
			continue
		}
		u, err := url.Parse(it.page.Capture.URL)
		if err != nil {
			continue
		}
		art, _, err := r.parse(rec.Body, rec.Header.Get("Content-Type"), u)
		if err != nil {
			return fmt.Errorf("reparse %s: %w", it.key, err)
		}
		it.page.Article = art
		ready = append(ready, it)
	}
	for start := 0; start < len(ready); start += r.c.batchSize {
		batch := ready[start:min(len(ready), start+r.c.batchSize)]
		if err := r.deliver(ctx, batch); err != nil {
			return err
		}
		for _, it := range batch {
			if it.page.Change == ChangeChanged {
				r.stats.Changed++
			} else {
				r.stats.New++
			}
		}
	}
	return nil
}

// forget drops a pending article and the record of its fetch, so that the
// next run fetches it again.
func (r *siteRun) forget(key string) error {
	return r.c.state.update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketPending).Delete([]byte(key)); err != nil {
			return err
		}
		rec, ok, err := getURL(tx, key)
		if err != nil || !ok {
			return err
		}
		rec.SHA256, rec.ETag, rec.LastModified, rec.Capture, rec.FetchedAt, rec.Done = "", "", "", nil, time.Time{}, 0
		r.refetch = append(r.refetch, link{url: key, force: true})
		return putURL(tx, key, rec)
	})
}
