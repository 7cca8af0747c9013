package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

func runReindex(ctx context.Context, env Env, args []string) error {
	var cfg Config
	var asJSON bool
	fs := newFlagSet(env, "reindex")
	cfg.addFlags(fs)
	fs.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	if _, err := os.Stat(filepath.Join(cfg.DataDir, crawler.CapturesDir)); err != nil {
		return usagef("no captures in %s: nothing to rebuild the index from", cfg.DataDir)
	}
	if rec := runningServer(ctx, cfg.serverFile()); rec != nil {
		return handOff(ctx, env, &cfg, log, rec, nil, news.JobRequest{Kind: jobReindex}, asJSON)
	}
	defer bulkMemory(env)()
	st, err := rebuildIndex(ctx, &cfg, log)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	fmt.Fprintf(env.Stdout, "reindexed %d documents from %d captures in %d files (%d revisits skipped, %d unreadable) in %s\n",
		st.Documents, st.Records, st.Files, st.Revisits, st.Failed, (time.Duration(st.DurationMS) * time.Millisecond).Round(time.Millisecond))
	if len(st.Damaged) > 0 {
		log.Warn("some capture files end in a damaged record; the records before it were read", "files", st.Damaged)
	}
	return nil
}

// reindexStats sums up a reindex.
type reindexStats struct {
	Files      int      `json:"files"`
	Records    int      `json:"records"`
	Revisits   int      `json:"revisits"`
	Documents  int      `json:"documents"`
	Failed     int      `json:"failed"`
	Damaged    []string `json:"damaged,omitempty"`
	DurationMS int64    `json:"duration_ms"`
}

// rebuildIndex builds a new index from the captures, with no network,
// and puts it in place of the old one only when it is complete.
// reindexBatch is how many documents reindex indexes at once: batches of
// 500 cost 40% less CPU per article than 64 (BENCHMARKS.md, "Tuning").
const reindexBatch = 500

func rebuildIndex(ctx context.Context, cfg *Config, log *slog.Logger) (reindexStats, error) {
	lock, err := crawler.AcquireLock(cfg.DataDir)
	if err != nil {
		return reindexStats{}, err
	}
	defer lock.Release()
	final := cfg.indexDir()
	building := final + ".new"
	if err := os.RemoveAll(building); err != nil {
		return reindexStats{}, fmt.Errorf("remove unfinished index: %w", err)
	}
	ix, err := index.Open(building, index.Options{Logger: log})
	if err != nil {
		return reindexStats{}, err
	}
	st, err := reindexInto(ctx, cfg, log, ix)
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

// reindexInto reads every stored response, oldest first, and indexes the
// articles among them into ix with the site profiles of the crawl state.
// A page captured several times ends up with its last content and every
// capture that changed it, as a crawl would have left it.
func reindexInto(ctx context.Context, cfg *Config, log *slog.Logger, ix *index.Index) (reindexStats, error) {
	start := time.Now()
	var st reindexStats
	sites, settings, err := savedSites(cfg.DataDir)
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
	ex, err := newExtractor(cfg)
	if err != nil {
		return st, err
	}
	ing := newIngester(ex, ix, log)
	var batch []crawler.Page
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := ing.HandlePages(ctx, batch)
		batch = batch[:0]
		return err
	}
	ids := map[string]bool{}
	ws, err := crawler.Walk(cfg.DataDir, func(rec crawler.Record) error {
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
		}
		ids[id] = true
		batch = append(batch, p)
		if len(batch) >= reindexBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	st.Files, st.Revisits, st.Damaged = ws.Files, ws.Revisits, ws.Damaged
	st.Documents = len(ids)
	st.DurationMS = time.Since(start).Milliseconds()
	return st, err
}
