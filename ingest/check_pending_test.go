package ingest

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// killedHandler indexes every batch it is handed and then fails, as a
// crawl killed after the index took a batch and before the crawl state
// heard of it: the pages stay pending.
type killedHandler struct {
	ing   *Ingester
	pages []crawler.Page
}

func (h *killedHandler) HandlePages(ctx context.Context, pages []crawler.Page) error {
	if err := h.ing.HandlePages(ctx, pages); err != nil {
		return err
	}
	h.pages = append(h.pages, pages...)
	return errors.New("killed")
}

// TestCheckVisitsOfPendingArticles builds what a crawl killed inside the
// index's write of a batch leaves (the index writes a batch's visit
// records before its documents): articles pending in the crawl state,
// their documents missing, their visit records present. Check reports
// the pending articles and no orphaned visit records; the next crawl
// indexes them and the check is clean.
func TestCheckVisitsOfPendingArticles(t *testing.T) {
	const articles = 40
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 5})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	dir := Dir(t.TempDir())
	site := crawler.Site{Name: "kurier", Seeds: []string{srv.URL + "/"}}

	ix, err := dir.OpenIndex(ctx, index.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := ExtractorWithAliases("", false)
	if err != nil {
		t.Fatal(err)
	}
	state, err := crawler.OpenState(string(dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	archive, err := crawler.OpenArchive(string(dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := crawler.New(archive, state, crawler.WithAllowPrivate(true), crawler.WithRate(0), crawler.WithBatchSize(articles*2))
	if err != nil {
		t.Fatal(err)
	}
	h := &killedHandler{ing: NewIngester(ex, ix, log)}
	if _, err := c.Crawl(ctx, site, h); err == nil {
		t.Fatal("the crawl whose handler failed succeeded")
	}
	archive.Close()
	state.Close()
	// Take the documents back out, keeping the visit index as it was
	// when the documents were written, as the kill leaves it.
	visits := filepath.Join(string(dir), "index", "visits")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	saved := copyDir(t, visits)
	if ix, err = dir.OpenIndex(ctx, index.Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	for _, p := range h.pages {
		if err := ix.Delete(ctx, news.DocumentID(p.URL)); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(visits); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(visits, os.DirFS(saved)); err != nil {
		t.Fatal(err)
	}

	rep := runCheck(t, dir, CheckOptions{})
	if rep.Visits == 0 {
		t.Fatal("the site's articles gave no visit records: the test tests nothing")
	}
	assertKinds(t, "check after the kill", rep.Problems, []string{FindPending})

	if _, err := CrawlSites(ctx, dir, log, CrawlOptions{AllowPrivate: true}, nil, crawler.Full, []crawler.Site{site}); err != nil {
		t.Fatal(err)
	}
	rep = runCheck(t, dir, CheckOptions{})
	assertKinds(t, "check after the resumed crawl", rep.Problems, nil)
	if rep.Documents != articles {
		t.Errorf("%d documents after the resumed crawl, want %d", rep.Documents, articles)
	}
}
