package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// ReindexStats sums up a reindex.
type ReindexStats struct {
	Files    int `json:"files"`
	Records  int `json:"records"`
	Revisits int `json:"revisits"`
	// Copies counts responses left out because they repeat the content
	// of the page's capture read before them.
	Copies     int      `json:"copies"`
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
// it in place of the old one only when it is complete. The new index is
// built in index.new/, marked complete once closed, and swapped in by two
// renames through fsys (nil: the operating system's); a crash at any
// point leaves a whole index, old or new, which RecoverIndex (run by every
// command that opens the index) puts back in index/.
func Rebuild(ctx context.Context, dir Dir, fsys crawler.FS, log *slog.Logger) (ReindexStats, error) {
	if fsys == nil {
		fsys = crawler.OSFS{}
	}
	lock, err := crawler.AcquireLock(string(dir))
	if err != nil {
		return ReindexStats{}, err
	}
	defer lock.Release()
	// A swap an earlier run left half done is settled first, so that
	// index/ is in place while the new index is built.
	if err := dir.settleIndex(fsys); err != nil {
		return ReindexStats{}, err
	}
	building := dir.newIndexPath()
	ix, err := index.Open(building, index.Options{Logger: log})
	if err != nil {
		return ReindexStats{}, err
	}
	st, err := Reindex(ctx, dir, log, ix, BulkPlan())
	if cerr := ix.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err == nil {
		mark, _ := json.Marshal(indexMark{Documents: st.Documents, Built: time.Now().UTC()})
		if err = crawler.WriteFileSync(fsys, filepath.Join(building, IndexCompleteFile), append(mark, '\n')); err != nil {
			err = fmt.Errorf("mark the new index complete: %w", err)
		}
	}
	if err != nil {
		if rerr := fsys.RemoveAll(building); rerr != nil {
			log.Warn("unfinished index not removed; the next reindex removes it", "dir", building, "err", rerr)
		}
		return st, err
	}
	if err := dir.settleIndex(fsys); err != nil {
		return st, fmt.Errorf("put the new index in place: %w (it is complete in %s; the next kronika command that opens the index finishes the swap)", err, building)
	}
	return st, nil
}

// IndexCompleteFile is written into index.new/ once a rebuilt index is
// closed and synced: only an index so marked replaces index/.
const IndexCompleteFile = "kronika-complete"

// indexMark is the content of IndexCompleteFile.
type indexMark struct {
	Documents int       `json:"documents"`
	Built     time.Time `json:"built"`
}

func (d Dir) newIndexPath() string { return d.IndexPath() + ".new" }
func (d Dir) oldIndexPath() string { return d.IndexPath() + ".old" }

// RecoverIndex completes or undoes a swap of a rebuilt index that a crash
// or a failed rename cut short, so that index/ holds a whole index: a
// complete index.new/ takes the place of index/; without one, index.old/
// goes back where index/ is missing; what is left over is removed. It
// does nothing in a directory with neither index.new/ nor index.old/. It
// takes the crawl lock; while another process holds it (a reindex is
// building the new index) it leaves the directories to that process, and
// fails only when index/ is missing.
func (d Dir) RecoverIndex(fsys crawler.FS) error {
	if !exists(d.newIndexPath()) && !exists(d.oldIndexPath()) {
		return nil
	}
	if fsys == nil {
		fsys = crawler.OSFS{}
	}
	lock, err := crawler.AcquireLock(string(d))
	if errors.Is(err, crawler.ErrBusy) {
		if exists(d.IndexPath()) {
			return nil
		}
		return fmt.Errorf("the index of %s is being rebuilt (%v); wait for that to finish", d, err)
	}
	if err != nil {
		return err
	}
	defer lock.Release()
	return d.settleIndex(fsys)
}

// settleIndex is RecoverIndex under the crawl lock. Each step leaves a
// state the next call settles the same way, so a crash or a failed rename
// between any two steps loses no index:
//
//	index.new complete:   index → index.old, index.new → index, index.old removed
//	no index, index.old:  index.old → index
//	index.new incomplete: removed (a build cut short)
//	index and index.old:  index.old removed
func (d Dir) settleIndex(fsys crawler.FS) error {
	cur, building, old := d.IndexPath(), d.newIndexPath(), d.oldIndexPath()
	if exists(filepath.Join(building, IndexCompleteFile)) {
		if exists(cur) {
			if err := fsys.RemoveAll(old); err != nil {
				return fmt.Errorf("remove the index before the last: %w", err)
			}
			if err := fsys.Rename(cur, old); err != nil {
				return fmt.Errorf("move the old index aside: %w", err)
			}
		}
		if err := fsys.Rename(building, cur); err != nil {
			return fmt.Errorf("put the new index in place: %w", err)
		}
		if err := crawler.SyncDir(fsys, string(d)); err != nil {
			return err
		}
	}
	if !exists(cur) && exists(old) {
		if err := fsys.Rename(old, cur); err != nil {
			return fmt.Errorf("put the old index back: %w", err)
		}
		if err := crawler.SyncDir(fsys, string(d)); err != nil {
			return err
		}
	}
	if err := fsys.RemoveAll(building); err != nil {
		return fmt.Errorf("remove an unfinished index: %w", err)
	}
	if exists(cur) {
		if err := fsys.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the old index: %w", err)
		}
	}
	return nil
}

// exists reports whether path names a file or directory.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
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
	// last is the payload checksum of each document's latest version
	// read so far.
	last := map[string]string{}
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
		sha, seen := last[id]
		switch {
		case seen && sha == p.Capture.SHA256:
			// The same content again: a copy a run cut short wrote
			// before it could record it, and fetched again once resumed
			// (the crawl stores a revisit for content it knows). The
			// first copy stays the document's capture.
			st.Copies++
			return nil
		case seen:
			// A later version of a page: the ingester keeps the earlier
			// captures.
			p.Change = crawler.ChangeChanged
			ordered = true
		}
		last[id] = p.Capture.SHA256
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
	st.Documents = len(last)
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
