package ingest

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// TestBatchPipe checks that batches run side by side up to the limit, that
// an ordered batch starts only after every earlier one ended, and that the
// first error stops the pipe.
func TestBatchPipe(t *testing.T) {
	var mu sync.Mutex
	var events []string
	record := func(e string) {
		mu.Lock()
		events = append(events, e)
		mu.Unlock()
	}
	bStarted := make(chan struct{})
	errBoom := errors.New("boom")
	handle := func(ctx context.Context, pages []crawler.Page) error {
		name := pages[0].URL
		record(name + " start")
		switch name {
		case "a":
			// a ends only once b runs beside it.
			select {
			case <-bStarted:
			case <-time.After(10 * time.Second):
				return errors.New("b did not start while a ran")
			}
		case "b":
			close(bStarted)
		case "d":
			record("d end")
			return errBoom
		}
		record(name + " end")
		return nil
	}
	p := newBatchPipe(context.Background(), 2, handle)
	batch := func(name string) []crawler.Page { return []crawler.Page{{URL: name}} }
	for _, step := range []struct {
		name    string
		ordered bool
	}{{"a", false}, {"b", false}, {"c", true}, {"d", true}} {
		if err := p.submit(batch(step.name), step.ordered); err != nil {
			t.Fatalf("submit %s: %v", step.name, err)
		}
	}
	if err := p.wait(); !errors.Is(err, errBoom) {
		t.Fatalf("wait = %v, want %v", err, errBoom)
	}
	if err := p.submit(batch("e"), false); !errors.Is(err, errBoom) {
		t.Errorf("submit after an error = %v, want %v", err, errBoom)
	}
	at := func(e string) int {
		i := slices.Index(events, e)
		if i < 0 {
			t.Fatalf("no %q in %q", e, events)
		}
		return i
	}
	if c := at("c start"); c < at("a end") || c < at("b end") {
		t.Errorf("ordered batch c started before a and b ended: %q", events)
	}
	if at("d start") < at("c end") {
		t.Errorf("ordered batch d started before c ended: %q", events)
	}
	if slices.Contains(events, "e start") {
		t.Errorf("a batch ran after the error: %q", events)
	}
}

// TestReindexConcurrentBatches rebuilds a crawled and re-crawled site with
// small batches indexed two at a time, so that later versions of pages
// fall in batches after their first versions', and checks every document
// against the crawl's.
func TestReindexConcurrentBatches(t *testing.T) {
	dir := crawledTwice(t, 5, 1, 7, 8, 20)
	before := documents(t, dir)
	edited := 0
	for _, d := range before {
		if len(d.Captures) > 1 {
			edited++
		}
	}
	if edited != 4 {
		t.Fatalf("crawl left %d documents with several captures, want 4", edited)
	}
	if err := os.RemoveAll(dir + "/index"); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(dir+"/index", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := Reindex(context.Background(), Dir(dir), slog.New(slog.DiscardHandler), ix, ReindexPlan{Batch: 3, Indexers: 2})
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 30 {
		t.Errorf("reindexed %d documents, want 30", st.Documents)
	}
	after := documents(t, dir)
	if len(after) != len(before) {
		t.Fatalf("reindexed %d documents, had %d", len(after), len(before))
	}
	for id, b := range before {
		a := after[id]
		if a.Title != b.Title || a.Text != b.Text || len(a.Captures) != len(b.Captures) ||
			a.Captures[len(a.Captures)-1].RecordID != b.Captures[len(b.Captures)-1].RecordID {
			t.Errorf("%s: reindexed %q (%d captures), crawled %q (%d captures)", b.URL, a.Title, len(a.Captures), b.Title, len(b.Captures))
		}
	}
}

// crawledTwice crawls a generated site of 30 articles into a new data
// directory, edits the articles edits, re-crawls it and stops the site.
func crawledTwice(t *testing.T, seed uint64, edits ...int) string {
	t.Helper()
	gen := crawltest.NewSite(crawltest.Options{Articles: 30, Seed: seed})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := Dir(t.TempDir())
	log := slog.New(slog.DiscardHandler)
	sites := []crawler.Site{{Seeds: []string{srv.URL + "/"}}}
	opts := CrawlOptions{AllowPrivate: true}
	if _, err := CrawlSites(context.Background(), dir, log, opts, nil, crawler.Full, sites); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	for _, i := range edits {
		gen.Edit(i)
	}
	if _, err := CrawlSites(context.Background(), dir, log, opts, nil, crawler.Incremental, sites); err != nil {
		t.Fatalf("recrawl: %v", err)
	}
	return string(dir)
}

// documents returns every document of the data directory's index by ID.
func documents(t *testing.T, dir string) map[string]news.Document {
	t.Helper()
	ix, err := index.Open(dir+"/index", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), index.Request{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]news.Document{}
	for _, h := range res.Hits {
		d, err := ix.Get(context.Background(), h.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[d.ID] = d
	}
	return out
}
