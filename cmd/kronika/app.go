package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"runtime"
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
	return openIndexWith(ctx, cfg, index.Options{Logger: log})
}

// openIndexWith is openIndex with options beyond the logger.
func openIndexWith(ctx context.Context, cfg *Config, opts index.Options) (*index.Index, error) {
	ix, err := index.Open(cfg.indexDir(), opts)
	if errors.Is(err, index.ErrLocked) {
		if rec := runningServer(ctx, cfg.serverFile()); rec != nil {
			return nil, fmt.Errorf("the index in %s is owned by kronika serve (pid %d, %s); stop it first", cfg.DataDir, rec.PID, rec.Addr)
		}
		return nil, fmt.Errorf("the index in %s is locked by another kronika process; wait for it to finish or stop it", cfg.DataDir)
	}
	return ix, err
}

// ingester is the crawler's handler: it extracts entities and dates from
// each article, in parallel, and indexes a batch at once, keeping the
// earlier captures of a page that changed. Handing it the same capture
// twice (a replay after a crash) leaves one copy.
type ingester struct {
	ex  *extract.Extractor
	ix  *index.Index
	log *slog.Logger
}

func newIngester(ex *extract.Extractor, ix *index.Index, log *slog.Logger) *ingester {
	return &ingester{ex: ex, ix: ix, log: log}
}

// HandlePages implements crawler.Handler.
func (g *ingester) HandlePages(ctx context.Context, pages []crawler.Page) error {
	docs := make([]news.Document, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				docs[i], errs[i] = g.build(ctx, pages[i])
			}
		}()
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
			d.Captures = mergeCaptures(out[i].Captures, d.Captures...)
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
func (g *ingester) build(ctx context.Context, p crawler.Page) (news.Document, error) {
	d := g.document(p.Site, p.URL, p.Article)
	if p.Change == crawler.ChangeNew {
		// A page seen for the first time has no earlier captures; handed
		// again after a crash, it replaces itself with the same capture.
		d.Captures = []news.Capture{p.Capture}
		return d, nil
	}
	old, err := g.ix.Get(ctx, d.ID)
	switch {
	case err == nil:
		d.Captures = mergeCaptures(old.Captures, p.Capture)
	case news.ErrorCode(err) == news.ENotFound:
		d.Captures = []news.Capture{p.Capture}
	default:
		return d, err
	}
	return d, nil
}

// document builds the indexed document of one parsed article.
func (g *ingester) document(site, url string, a crawler.Article) news.Document {
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

// mergeCaptures appends the captures not yet listed (by record ID) to
// old, keeping the earlier captures of a changed page.
func mergeCaptures(old []news.Capture, add ...news.Capture) []news.Capture {
	out := slices.Clone(old)
	for _, c := range add {
		if !slices.ContainsFunc(out, func(p news.Capture) bool { return p.RecordID == c.RecordID && p.SHA256 == c.SHA256 }) {
			out = append(out, c)
		}
	}
	return out
}

// aliasesFile is the operators' alias file in the data directory: it
// merges and renames entities at index time and on reindex (format in
// extract/README.md). A missing file means no aliases.
const aliasesFile = "aliases.txt"

// newExtractor returns the extractor of the data directory, with its alias
// file applied when there is one.
func newExtractor(cfg *Config) (*extract.Extractor, error) {
	return extractorWithAliases(filepath.Join(cfg.DataDir, aliasesFile), false)
}

// extractorWithAliases builds an extractor with the alias file at path;
// a missing file is an error only when required.
func extractorWithAliases(path string, required bool) (*extract.Extractor, error) {
	var opts []extract.Option
	if path != "" {
		a, err := extract.LoadAliases(path)
		switch {
		case err == nil:
			opts = append(opts, extract.WithAliases(a))
		case errors.Is(err, fs.ErrNotExist) && !required:
		default:
			return nil, usagef("aliases: %v", err)
		}
	}
	ex, err := extract.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("start extractor: %w", err)
	}
	return ex, nil
}
