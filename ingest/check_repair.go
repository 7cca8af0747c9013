package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// repairPlan is what a repair does about what a full check found.
type repairPlan struct {
	// damaged lists the WARC files with damaged bytes or left open;
	// open counts those left open.
	damaged []string
	open    int
	// refetch lists the crawl state's URLs whose capture does not read:
	// they are fetched again.
	refetch []string
	// dropEarlier lists the unreadable earlier captures of documents.
	dropEarlier []capturedAt
	// index lists the articles of the crawl state that the index lacks
	// and whose capture reads: they are indexed from it.
	index []crawler.StateURL
}

// repair does what rep's plan says, in the order that keeps each step's
// input whole: the WARC files first (closing those left open, setting
// damaged bytes aside), then the crawl state, then the index. It returns
// what it did. The caller holds the crawl lock.
func repair(ctx context.Context, dir Dir, ix *index.Index, fsys crawler.FS, log *slog.Logger, rep *CheckReport) ([]string, error) {
	var done []string
	p := rep.plan
	if len(p.damaged) > 0 || p.open > 0 {
		// Opening the archive cuts the files a killed writer left open
		// after their last whole record and gives them their names.
		a, err := crawler.OpenArchive(string(dir), fsys)
		if err != nil {
			return done, err
		}
		if err := a.Close(); err != nil {
			return done, err
		}
		if p.open > 0 {
			done = append(done, fmt.Sprintf("closed %s left open by an interrupted run, cut after the last whole record", plural(p.open, "WARC file", "WARC files")))
		}
		err = crawler.ScanArchive(ctx, string(dir), func(s crawler.FileScan) error {
			if !slices.Contains(p.damaged, s.File) || len(s.Damaged) == 0 {
				return nil
			}
			saved, err := crawler.RepairDamage(string(dir), fsys, s)
			for i, sp := range s.Damaged[:len(saved)] {
				done = append(done, fmt.Sprintf("set %d damaged bytes of %s@%d aside in %s", sp.Size, s.File, sp.Offset, saved[i]))
			}
			return err
		})
		if err != nil {
			return done, err
		}
	}
	if len(p.refetch) > 0 {
		n, err := crawler.MarkRefetch(string(dir), fsys, p.refetch)
		if err != nil {
			return done, err
		}
		done = append(done, fmt.Sprintf("marked %s to be fetched again by the next kronika recrawl", plural(n, "page", "pages")))
	}
	if ix == nil {
		return done, nil
	}
	if len(p.dropEarlier) > 0 {
		n, err := dropCaptures(ctx, ix, p.dropEarlier)
		if err != nil {
			return done, err
		}
		done = append(done, fmt.Sprintf("dropped %s from their documents", plural(n, "unreadable earlier capture", "unreadable earlier captures")))
	}
	if len(p.index) > 0 {
		n, err := indexFromCaptures(ctx, dir, ix, log, p.index)
		if err != nil {
			return done, err
		}
		done = append(done, fmt.Sprintf("indexed %s again from their captures", plural(n, "article", "articles")))
	}
	return done, nil
}

// dropCaptures removes the given captures from their documents.
func dropCaptures(ctx context.Context, ix *index.Index, drop []capturedAt) (int, error) {
	byDoc := map[string][]capturedAt{}
	for _, c := range drop {
		byDoc[c.doc] = append(byDoc[c.doc], c)
	}
	n := 0
	for id, cs := range byDoc {
		d, err := ix.Get(ctx, id)
		if err != nil {
			return n, err
		}
		before := len(d.Captures)
		d.Captures = slices.DeleteFunc(d.Captures, func(c news.Capture) bool {
			return slices.Contains(cs, capturedAt{doc: id, file: c.File, offset: c.Offset})
		})
		if err := ix.Put(ctx, d); err != nil {
			return n, err
		}
		n += before - len(d.Captures)
	}
	return n, nil
}

// indexFromCaptures reads the articles from their captures, as reindex
// does, and indexes them.
func indexFromCaptures(ctx context.Context, dir Dir, ix *index.Index, log *slog.Logger, articles []crawler.StateURL) (int, error) {
	sites, settings, err := SavedSites(dir)
	if err != nil {
		return 0, err
	}
	var loc *time.Location
	if settings.TimeZone != "" {
		if loc, err = time.LoadLocation(settings.TimeZone); err != nil {
			return 0, fmt.Errorf("time zone %q: %w", settings.TimeZone, err)
		}
	}
	rd, err := crawler.NewReader(sites, loc)
	if err != nil {
		return 0, err
	}
	ex, err := dir.Extractor()
	if err != nil {
		return 0, err
	}
	var pages []crawler.Page
	for _, u := range articles {
		rec, err := crawler.ReadRecord(string(dir), *u.Capture)
		if err != nil {
			return 0, fmt.Errorf("read %s: %w", u.URL, err)
		}
		p, ok, err := rd.Read(rec)
		if err != nil || !ok {
			log.Warn("capture no longer reads as an article; not indexed", "url", u.URL, "err", err)
			continue
		}
		pages = append(pages, p)
	}
	if err := NewIngester(ex, ix, log).HandlePages(ctx, pages); err != nil {
		return 0, err
	}
	return len(pages), nil
}
