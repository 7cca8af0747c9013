package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// openIndex opens the data dir's index, explaining a lock held by a
// running server.
func openIndex(ctx context.Context, cfg *Config, log *slog.Logger) (*index.Index, error) {
	ix, err := index.Open(cfg.indexDir(), index.Options{Logger: log})
	if errors.Is(err, index.ErrLocked) {
		if rec := runningServer(ctx, cfg.serverFile()); rec != nil {
			return nil, fmt.Errorf("the index in %s is owned by kronika serve (pid %d, %s); stop it first", cfg.DataDir, rec.PID, rec.Addr)
		}
		return nil, fmt.Errorf("the index in %s is locked by another kronika process; wait for it to finish or stop it", cfg.DataDir)
	}
	return ix, err
}

// batchSize is how many documents the ingester indexes at once.
const batchSize = 64

// ingester is the crawler's handler: it extracts entities and dates from
// each article and indexes the document, in batches.
type ingester struct {
	ex  *extract.Extractor
	ix  *index.Index
	log *slog.Logger

	mu      sync.Mutex
	pending []news.Document
}

func newIngester(ex *extract.Extractor, ix *index.Index, log *slog.Logger) *ingester {
	return &ingester{ex: ex, ix: ix, log: log}
}

// HandlePage implements crawler.Handler.
func (g *ingester) HandlePage(ctx context.Context, p crawler.Page) error {
	doc := g.document(p.Site, p.URL, p.Article, p.Capture)
	doc.Captures = g.captures(ctx, doc.ID, p.Capture)
	g.mu.Lock()
	g.pending = append(g.pending, doc)
	full := len(g.pending) >= batchSize
	g.mu.Unlock()
	if full {
		return g.Flush(ctx)
	}
	return nil
}

// document builds the indexed document of one parsed article.
func (g *ingester) document(site, url string, a crawler.Article, c news.Capture) news.Document {
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
	d.Extraction = g.ex.Extract(a.Text, a.Published)
	title := a.Title
	d.Extraction.Title = &title
	if a.Published != nil {
		p := a.Published.Format("2006-01-02T15:04:05-07:00")
		d.Extraction.Published = &p
	}
	return d
}

// captures returns the capture list of a document: earlier captures of a
// changed page are kept; a capture with the same content replaces none.
func (g *ingester) captures(ctx context.Context, id string, c news.Capture) []news.Capture {
	old, err := g.ix.Get(ctx, id)
	if err != nil {
		return []news.Capture{c}
	}
	out := slices.Clone(old.Captures)
	for _, prev := range out {
		if prev.SHA256 == c.SHA256 && prev.RecordID == c.RecordID {
			return out
		}
	}
	return append(out, c)
}

// Flush indexes the pending documents.
func (g *ingester) Flush(ctx context.Context) error {
	g.mu.Lock()
	docs := g.pending
	g.pending = nil
	g.mu.Unlock()
	if len(docs) == 0 {
		return nil
	}
	if err := g.ix.Put(ctx, docs...); err != nil {
		return fmt.Errorf("index %d documents: %w", len(docs), err)
	}
	g.log.Debug("indexed batch", "documents", len(docs))
	return nil
}
