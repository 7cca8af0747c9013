package crawler

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler/crawltest"
)

// recorder is a Handler that keeps every batch it is given.
type recorder struct {
	mu    sync.Mutex
	pages []Page
}

func (r *recorder) HandlePages(_ context.Context, pages []Page) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pages = append(r.pages, pages...)
	return nil
}

func (r *recorder) take() []Page {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.pages
	r.pages = nil
	return out
}

func TestRecrawl(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 120, PerPage: 20, Seed: 7})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dataDir := t.TempDir()
	archive, state := openStore(t, dataDir)
	now := time.Date(2024, 3, 2, 12, 0, 0, 0, time.UTC)
	c, err := New(archive, state, WithRate(0), WithConcurrency(4), withClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	site := Site{Name: "kurier", Seeds: []string{srv.URL + "/"}}
	rec := &recorder{}
	ctx := context.Background()

	st, err := c.Crawl(ctx, site, rec)
	if err != nil {
		t.Fatal(err)
	}
	first := rec.take()
	if len(first) != 120 || st.New != 120 || st.Changed != 0 {
		t.Fatalf("first crawl handed %d articles, stats %+v; want 120 new", len(first), st)
	}
	if n := gen.PathCount(crawltest.ArticlePath(5)); n != 1 {
		t.Errorf("article fetched %d times (listed with tracking parameters, in the sitemap and in related links), want 1", n)
	}

	t.Run("unchanged site", func(t *testing.T) {
		gen.ResetCounts()
		now = now.Add(time.Hour)
		st, err := c.Recrawl(ctx, site, rec)
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.take(); len(got) != 0 {
			t.Errorf("re-crawl of an unchanged site handed %d articles", len(got))
		}
		cnt := gen.Counts()
		if cnt.Requests != cnt.Conditional {
			t.Errorf("%d requests, %d conditional; want only conditional requests (%+v)", cnt.Requests, cnt.Conditional, cnt)
		}
		if cnt.Articles != 0 {
			t.Errorf("%d article requests within the re-crawl interval, want 0", cnt.Articles)
		}
		if st.New != 0 || st.Changed != 0 || st.Unchanged != st.Fetched {
			t.Errorf("stats %+v, want everything unchanged", st)
		}
	})

	t.Run("articles due are revisited with conditional requests", func(t *testing.T) {
		gen.ResetCounts()
		now = now.Add(DefaultRecrawlInterval + time.Hour)
		st, err := c.Recrawl(ctx, site, rec)
		if err != nil {
			t.Fatal(err)
		}
		cnt := gen.Counts()
		if cnt.Articles != 120 || cnt.UnconditionalArticles != 0 || cnt.NotModified != cnt.Requests {
			t.Errorf("counts %+v; want 120 conditional article requests, all answered 304", cnt)
		}
		if got := rec.take(); len(got) != 0 || st.Unchanged != st.Fetched {
			t.Errorf("handed %d articles, stats %+v", len(got), st)
		}
	})

	t.Run("one article edited", func(t *testing.T) {
		gen.ResetCounts()
		gen.Edit(42)
		now = now.Add(time.Hour)
		st, err := c.Recrawl(ctx, site, rec)
		if err != nil {
			t.Fatal(err)
		}
		got := rec.take()
		if len(got) != 1 || st.Changed != 1 || st.New != 0 {
			t.Fatalf("handed %d articles, stats %+v; want the edited one", len(got), st)
		}
		p := got[0]
		if p.URL != srv.URL+crawltest.ArticlePath(42) || p.Change != ChangeChanged {
			t.Errorf("handed %s (%s), want article 42 changed", p.URL, p.Change)
		}
		// The sitemap's lastmod led to it; the others were left alone.
		if cnt := gen.Counts(); cnt.Articles != 1 {
			t.Errorf("%d article requests, want 1", cnt.Articles)
		}
		var old *Page
		for i := range first {
			if first[i].URL == p.URL {
				old = &first[i]
			}
		}
		if old == nil || old.Capture.RecordID == p.Capture.RecordID {
			t.Fatalf("no earlier capture of %s", p.URL)
		}
		prev, err := ReadRecord(dataDir, old.Capture)
		if err != nil {
			t.Fatal(err)
		}
		cur, err := ReadRecord(dataDir, p.Capture)
		if err != nil {
			t.Fatal(err)
		}
		if string(prev.Body) == string(cur.Body) || prev.Capture.SHA256 != old.Capture.SHA256 {
			t.Errorf("the earlier capture does not hold the earlier version")
		}
	})
}
