package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// ReindexStats sums up a reindex.
type ReindexStats struct {
	Files      int      `json:"files"`
	Records    int      `json:"records"`
	Revisits   int      `json:"revisits"`
	Documents  int      `json:"documents"`
	Failed     int      `json:"failed"`
	Damaged    []string `json:"damaged,omitempty"`
	DurationMS int64    `json:"duration_ms"`
}

// ReindexPlan says how a reindex hands the pages it reads to the ingester.
type ReindexPlan struct {
	// Batch is the number of pages a batch: 500 cost 40% less CPU per
	// article than 64 (docs/benchmarks-history.md, "Tuning").
	Batch int
	// Indexers is how many batches are indexed at once: Bleve builds a
	// batch's segment on the calling goroutine, and a second batch keeps
	// the other core busy meanwhile (+19% articles/s for +650 MB peak
	// memory, docs/benchmarks-history.md, "Concurrent indexers").
	Indexers int
}

// BulkPlan is the plan of the reindex command, which owns the machine.
func BulkPlan() ReindexPlan { return ReindexPlan{Batch: 500, Indexers: 2} }

// LivePlan is the plan of a reindex job of a running server, which leaves
// a core to the searches it serves.
func LivePlan() ReindexPlan { return ReindexPlan{Batch: 500, Indexers: 1} }

// Rebuild builds a new index from the captures, with no network, and puts
// it in place of the old one only when it is complete.
func Rebuild(ctx context.Context, dir Dir, log *slog.Logger) (ReindexStats, error) {
	lock, err := crawler.AcquireLock(string(dir))
	if err != nil {
		return ReindexStats{}, err
	}
	defer lock.Release()
	final := dir.IndexPath()
	building := final + ".new"
	if err := os.RemoveAll(building); err != nil {
		return ReindexStats{}, fmt.Errorf("remove unfinished index: %w", err)
	}
	ix, err := index.Open(building, index.Options{Logger: log})
	if err != nil {
		return ReindexStats{}, err
	}
	st, err := Reindex(ctx, dir, log, ix, BulkPlan())
	if cerr := ix.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(building)
		return st, err
	}
	// The old index goes only after the new one is in place; a server
	// holding it would have stopped this command earlier.
	old := final + ".old"
	os.RemoveAll(old)
	if err := os.Rename(final, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return st, fmt.Errorf("move old index aside: %w", err)
	}
	if err := os.Rename(building, final); err != nil {
		return st, fmt.Errorf("put new index in place: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		log.Warn("old index not removed", "dir", old, "err", err)
	}
	return st, nil
}

// Reindex reads every stored response, oldest first, and indexes the
// articles among them into ix with the site profiles of the crawl state.
// A page captured several times ends up with its last content and every
// capture that changed it, as a crawl would have left it. Up to
// plan.Indexers batches are indexed at once, except that a batch holding a
// later version of a page waits for every batch before it: the ingester
// merges the captures of a page through the index.
func Reindex(ctx context.Context, dir Dir, log *slog.Logger, ix *index.Index, plan ReindexPlan) (ReindexStats, error) {
	start := time.Now()
	var st ReindexStats
	sites, settings, err := SavedSites(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return st, err
	}
	var loc *time.Location
	if settings.TimeZone != "" {
		if loc, err = time.LoadLocation(settings.TimeZone); err != nil {
			return st, fmt.Errorf("time zone %q: %w", settings.TimeZone, err)
		}
	}
	rd, err := crawler.NewReader(sites, loc)
	if err != nil {
		return st, err
	}
	ex, err := dir.Extractor()
	if err != nil {
		return st, err
	}
	ing := NewIngester(ex, ix, log)
	pipe := newBatchPipe(ctx, max(plan.Indexers, 1), ing.HandlePages)
	var batch []crawler.Page
	ordered := false // batch holds a later version of a page
	flush := func() error {
		if len(batch) == 0 {
			return pipe.err()
		}
		err := pipe.submit(batch, ordered)
		batch, ordered = nil, false
		return err
	}
	ids := map[string]bool{}
	ws, err := crawler.Walk(string(dir), func(rec crawler.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		st.Records++
		p, ok, err := rd.Read(rec)
		if err != nil {
			st.Failed++
			log.Warn("capture not readable", "url", rec.Capture.URL, "file", rec.Capture.File, "err", err)
			return nil
		}
		if !ok {
			return nil
		}
		// A batch holds one version of a document: the ingester merges
		// captures through the index.
		if slices.ContainsFunc(batch, func(q crawler.Page) bool { return q.URL == p.URL }) {
			if err := flush(); err != nil {
				return err
			}
		}
		id := news.DocumentID(p.URL)
		if ids[id] {
			// A later version of a page: the ingester keeps the earlier
			// captures.
			p.Change = crawler.ChangeChanged
			ordered = true
		}
		ids[id] = true
		batch = append(batch, p)
		if len(batch) >= plan.Batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if werr := pipe.wait(); err == nil {
		err = werr
	}
	st.Files, st.Revisits, st.Damaged = ws.Files, ws.Revisits, ws.Damaged
	st.Documents = len(ids)
	st.DurationMS = time.Since(start).Milliseconds()
	return st, err
}

// SavedSites reads the site profiles and settings of the crawl state.
func SavedSites(dir Dir) ([]crawler.Site, crawler.Settings, error) {
	state, err := crawler.OpenState(string(dir), nil)
	if err != nil {
		return nil, crawler.Settings{}, err
	}
	defer state.Close()
	sites, err := state.Sites()
	if err != nil {
		return nil, crawler.Settings{}, err
	}
	settings, _, err := state.Settings()
	return sites, settings, err
}

// batchPipe indexes batches of pages on up to n goroutines at once.
type batchPipe struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	slots  chan struct{}
	wg     sync.WaitGroup
	handle func(context.Context, []crawler.Page) error
}

func newBatchPipe(ctx context.Context, n int, handle func(context.Context, []crawler.Page) error) *batchPipe {
	ctx, cancel := context.WithCancelCause(ctx)
	return &batchPipe{ctx: ctx, cancel: cancel, slots: make(chan struct{}, n), handle: handle}
}

// submit starts indexing pages once a goroutine is free; with ordered,
// only after every batch submitted before has been indexed. It returns
// the first error of an earlier batch, after which nothing more starts.
func (p *batchPipe) submit(pages []crawler.Page, ordered bool) error {
	if ordered {
		p.wg.Wait()
	}
	select {
	case p.slots <- struct{}{}:
	case <-p.ctx.Done():
		return p.err()
	}
	if err := p.err(); err != nil {
		<-p.slots
		return err
	}
	p.wg.Go(func() {
		defer func() { <-p.slots }()
		if err := p.handle(p.ctx, pages); err != nil {
			p.cancel(err)
		}
	})
	return nil
}

// err returns the first error of a batch, or of the context.
func (p *batchPipe) err() error {
	if p.ctx.Err() == nil {
		return nil
	}
	return context.Cause(p.ctx)
}

// wait waits for every submitted batch and returns the first error.
func (p *batchPipe) wait() error {
	p.wg.Wait()
	err := p.err()
	p.cancel(nil)
	return err
}
