package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/crawler/faultfs"
)

// storageArticles is the size of the site the storage faults hit: over
// a hundred captures, four commits and as many batches handed over.
const storageArticles = 120

// storageCase is one fault on one write path of a crawl.
type storageCase struct {
	path  string // the write path, for the name
	rules []faultfs.Rule
	// handlerFails makes the Handler (the index) fail its n-th batch.
	handlerFails int
}

// storageCases is the matrix: each write path of a crawl × each fault it
// can meet × points from the first operation of its kind to one late in
// the run. A full disk stays full (Sticky) until the resumed run; an I/O
// error may strike once.
func storageCases() []storageCase {
	var cases []storageCase
	add := func(path string, rules ...faultfs.Rule) {
		cases = append(cases, storageCase{path: path, rules: rules})
	}
	all := []faultfs.Fault{faultfs.NoSpace, faultfs.IO, faultfs.ShortNoSpace, faultfs.ShortSilent}
	for _, n := range []int{1, 30, 100} {
		for _, f := range all {
			add("capture write", faultfs.Rule{Op: faultfs.Write, Path: "*.warc.gz*", N: n, Fault: f, Sticky: f != faultfs.IO})
		}
		add("capture write, then its rollback", faultfs.Rule{Op: faultfs.Write, Path: "*.warc.gz*", N: n, Fault: faultfs.ShortNoSpace},
			faultfs.Rule{Op: faultfs.Truncate, Path: "*.warc.gz*", N: 1, Fault: faultfs.IO})
	}
	for _, f := range []faultfs.Fault{faultfs.NoSpace, faultfs.IO} {
		sticky := f == faultfs.NoSpace
		for _, n := range []int{1, 3} {
			add("capture sync", faultfs.Rule{Op: faultfs.Sync, Path: "*.warc.gz*", N: n, Fault: f, Sticky: sticky})
		}
		// The first commits open the state and begin the run.
		for _, n := range []int{1, 3, 6} {
			add("crawl state commit", faultfs.Rule{Op: faultfs.Commit, Path: "state.db", N: n, Fault: f, Sticky: sticky})
		}
		add("captures directory sync", faultfs.Rule{Op: faultfs.Sync, Path: crawler.CapturesDir, N: 1, Fault: f, Sticky: sticky})
		add("capture file creation", faultfs.Rule{Op: faultfs.Open, Path: "*.warc.gz*", N: 1, Fault: f, Sticky: sticky})
	}
	for _, n := range []int{1, 3} {
		add("low disk", faultfs.Rule{Op: faultfs.Statfs, N: n, Fault: faultfs.NoSpace, Sticky: true})
	}
	for _, n := range []int{1, 3} {
		cases = append(cases, storageCase{path: "index (Handler)", handlerFails: n})
	}
	return cases
}

// TestStorageFaults crawls a site while one write path fails, checks that
// the state points only at captures that read back, then resumes on a
// healed disk: every article must be handed over, every capture read back,
// and no WARC file end in a damaged record.
func TestStorageFaults(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: storageArticles, Seed: 23})
	srv := httptest.NewServer(gen)
	// The subtests run in parallel, after this function returns.
	t.Cleanup(srv.Close)
	for _, tc := range storageCases() {
		name := tc.path + ": " + fmt.Sprint(tc.rules)
		if tc.handlerFails > 0 {
			name = fmt.Sprintf("%s: batch %d fails", tc.path, tc.handlerFails)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testStorageFault(t, srv.URL, tc)
		})
	}
}

func testStorageFault(t *testing.T, base string, tc storageCase) {
	dir := t.TempDir()
	ffs := faultfs.New(nil, tc.rules...)
	site := crawler.Site{Name: "kurier", Seeds: []string{base + "/"}}
	got := &handed{pages: map[string]crawler.Page{}, failAt: tc.handlerFails}

	first, firstErr := crawlOnce(t, dir, ffs, site, got)
	switch {
	case tc.handlerFails > 0 && firstErr == nil:
		t.Errorf("batch %d of %d failed, but the crawl succeeded", tc.handlerFails, got.batches)
	case tc.handlerFails == 0 && len(ffs.Fired()) == 0:
		t.Fatalf("no fault injected")
	case firstErr == nil && len(ffs.Fired()) > 0:
		t.Errorf("faults %q were injected, but the crawl succeeded", ffs.Fired())
	}
	if firstErr != nil && tc.handlerFails == 0 && !crawler.IsStorage(firstErr) {
		t.Errorf("first run: %v, want a storage error", firstErr)
	}
	checkCaptures(t, dir, base, "after the fault")

	ffs.Heal()
	got.failAt = 0
	st, err := crawlOnce(t, dir, ffs, site, got)
	if err != nil {
		t.Fatalf("resumed run: %v", err)
	}
	if firstErr != nil && first.Requests > 0 && !st.Resumed {
		t.Errorf("the second run did not resume the first: %+v", st)
	}
	if n := got.count(); n != storageArticles {
		t.Errorf("%d of %d articles handed over (first run: %v; faults %q)", n, storageArticles, firstErr, ffs.Fired())
	}
	for _, p := range got.all() {
		rec, err := crawler.ReadRecord(dir, p.Capture)
		if err != nil {
			t.Errorf("%s: capture %s@%d: %v", p.URL, p.Capture.File, p.Capture.Offset, err)
			continue
		}
		if !strings.Contains(string(rec.Body), p.Article.Title) {
			t.Errorf("%s: capture %s@%d holds another page", p.URL, p.Capture.File, p.Capture.Offset)
		}
	}
	ws, err := crawler.Walk(dir, func(crawler.Record) error { return nil })
	if err != nil || len(ws.Damaged) > 0 {
		t.Errorf("walk: %+v, %v; want no damaged file", ws, err)
	}
	checkCaptures(t, dir, base, "after the resumed run")
}

// crawlOnce opens the archive and the state of dir through fsys, crawls
// site and closes them; the error is the crawl's, or else the closing's.
func crawlOnce(t *testing.T, dir string, fsys crawler.FS, site crawler.Site, h crawler.Handler) (crawler.Stats, error) {
	t.Helper()
	return runOnce(t, dir, fsys, site, h, (*crawler.Crawler).Crawl)
}

// runOnce is crawlOnce with the run of the crawler's to make: Crawl or
// Recrawl.
func runOnce(t *testing.T, dir string, fsys crawler.FS, site crawler.Site, h crawler.Handler,
	run func(*crawler.Crawler, context.Context, crawler.Site, crawler.Handler) (crawler.Stats, error)) (crawler.Stats, error) {
	t.Helper()
	state, err := crawler.OpenState(dir, fsys)
	if err != nil {
		return crawler.Stats{}, err
	}
	defer state.Close()
	archive, err := crawler.OpenArchive(dir, fsys)
	if err != nil {
		return crawler.Stats{}, err
	}
	c, err := crawler.New(archive, state, crawler.WithAllowPrivate(true), crawler.WithRate(0), crawler.WithConcurrency(2), crawler.WithBatchSize(8))
	if err != nil {
		t.Fatal(err)
	}
	st, err := run(c, context.Background(), site, h)
	if cerr := archive.Close(); err == nil {
		err = cerr
	}
	return st, err
}

// checkCaptures reads back the capture the state records for each article
// the state says was fetched: none may point at unreadable bytes.
func checkCaptures(t *testing.T, dir, base, when string) {
	t.Helper()
	state, err := crawler.OpenState(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer state.Close()
	for i := range storageArticles {
		info, ok, err := state.URL(base + crawltest.ArticlePath(i))
		if err != nil {
			t.Fatal(err)
		}
		if !ok || info.Capture == nil {
			continue
		}
		if _, err := crawler.ReadRecord(dir, *info.Capture); err != nil {
			t.Errorf("%s: the state points at %s@%d, which does not read back: %v", when, info.Capture.File, info.Capture.Offset, err)
		}
	}
}

// handed is a Handler keeping the pages handed over, by URL; it fails its
// failAt-th batch.
type handed struct {
	mu      sync.Mutex
	pages   map[string]crawler.Page
	batches int
	failAt  int
}

var errIndexFull = errors.New("index: no space left on device")

func (h *handed) HandlePages(_ context.Context, pages []crawler.Page) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.batches++
	if h.batches == h.failAt {
		return errIndexFull
	}
	for _, p := range pages {
		h.pages[p.URL] = p
	}
	return nil
}

func (h *handed) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.pages)
}

func (h *handed) all() []crawler.Page {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]crawler.Page, 0, len(h.pages))
	for _, p := range h.pages {
		out = append(out, p)
	}
	return out
}
