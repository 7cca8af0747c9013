package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/extract/visit"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

var _ crawler.Handler = (*Ingester)(nil)

// Ingester is the crawler's handler: it extracts entities and dates from
// each article, in parallel, and indexes a batch at once, keeping the
// earlier captures of a page that changed. Handing it the same capture
// twice (a replay after a crash) leaves one copy.
type Ingester struct {
	ex  *extract.Extractor
	ix  *index.Index
	log *slog.Logger
}

// NewIngester returns an Ingester extracting with ex into ix.
func NewIngester(ex *extract.Extractor, ix *index.Index, log *slog.Logger) *Ingester {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Ingester{ex: ex, ix: ix, log: log}
}

// HandlePages implements crawler.Handler.
func (g *Ingester) HandlePages(ctx context.Context, pages []crawler.Page) error {
	docs := make([]news.Document, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Go(func() {
			for i := range next {
				docs[i], errs[i] = g.build(ctx, pages[i])
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// Two pages of one batch may be one document (a page and its
	// canonical address): the later one wins, with both captures.
	byID := map[string]int{}
	var out []news.Document
	for _, d := range docs {
		if i, ok := byID[d.ID]; ok {
			d.Captures = MergeCaptures(out[i].Captures, d.Captures...)
			out[i] = d
			continue
		}
		byID[d.ID] = len(out)
		out = append(out, d)
	}
	if err := g.ix.Put(ctx, out...); err != nil {
		return fmt.Errorf("index %d documents: %w", len(out), err)
	}
	g.log.Debug("indexed batch", "documents", len(out))
	return nil
}

// build makes the document of one page, with the captures of its earlier
// versions.
func (g *Ingester) build(ctx context.Context, p crawler.Page) (news.Document, error) {
	d := Document(g.ex, p.Site, p.URL, p.Article)
	if p.Change == crawler.ChangeNew {
		// A page seen for the first time has no earlier captures; handed
		// again after a crash, it replaces itself with the same capture.
		d.Captures = []news.Capture{p.Capture}
		return d, nil
	}
	old, err := g.ix.Get(ctx, d.ID)
	switch {
	case err == nil:
		d.Captures = MergeCaptures(old.Captures, p.Capture)
	case news.ErrorCode(err) == news.ENotFound:
		d.Captures = []news.Capture{p.Capture}
	default:
		return d, err
	}
	return d, nil
}

// Document builds the indexed document of one parsed article at url of
// site, with its extraction; the captures are the caller's to add.
func Document(ex *extract.Extractor, site, url string, a crawler.Article) news.Document {
	d := news.Document{
		ID:        news.DocumentID(url),
		URL:       url,
		Site:      site,
		Category:  a.Section,
		Title:     a.Title,
		Published: a.Published,
		Author:    a.Author,
		Text:      a.Text,
	}
	Extract(ex, &d)
	return d
}

// Extract fills the extraction of d from its text, headline and
// publication time: entities and dates, then the visits they take part in.
func Extract(ex *extract.Extractor, d *news.Document) {
	d.Extraction = ex.Extract(d.Text, d.Published)
	d.Extraction.Visits = visit.Find(d.Text, d.Extraction, d.Published)
	d.Extraction.SetArticle(d.Title, d.Published)
}

// MergeCaptures appends the captures not yet listed (by record ID and
// checksum) to old, keeping the earlier captures of a changed page.
func MergeCaptures(old []news.Capture, add ...news.Capture) []news.Capture {
	out := slices.Clone(old)
	for _, c := range add {
		if !slices.ContainsFunc(out, func(p news.Capture) bool { return p.RecordID == c.RecordID && p.SHA256 == c.SHA256 }) {
			out = append(out, c)
		}
	}
	return out
}
