package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"time"

	"golang.org/x/time/rate"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/index"
)

// crawlOptions are the crawler settings shared by crawl and demo.
type crawlOptions struct {
	maxPages     int
	allowPrivate bool
	ignoreRobots bool
	userAgent    string
	rate         float64
	concurrency  int
}

func runCrawl(ctx context.Context, env Env, args []string) error {
	var cfg Config
	var opts crawlOptions
	var seeds multiFlag
	var asJSON bool
	fs := newFlagSet(env, "crawl")
	cfg.addFlags(fs)
	fs.Var(&seeds, "seed", "start URL; links are followed on its host (repeatable)")
	fs.IntVar(&opts.maxPages, "max-pages", 0, "stop after this many pages per site (0: no cap)")
	fs.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	fs.BoolVar(&opts.allowPrivate, "allow-private", false, "allow loopback and private addresses (local sites, tests)")
	fs.BoolVar(&opts.ignoreRobots, "ignore-robots", false, "do not honour robots.txt (only for sites you own)")
	fs.StringVar(&opts.userAgent, "user-agent", crawler.DefaultUserAgent, "User-Agent header; include a contact address")
	fs.Float64Var(&opts.rate, "rate", 2, "requests per second per site (0: no limit)")
	fs.IntVar(&opts.concurrency, "concurrency", 2, "parallel requests per site")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q; give start URLs with --seed", fs.Args())
	}
	if len(seeds) == 0 {
		return usagef("no --seed URL given")
	}
	for _, s := range seeds {
		if crawler.NormalizeURL(s) == "" {
			return usagef("--seed %q is not an absolute http(s) URL", s)
		}
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	var sites []crawler.Site
	for _, s := range seeds {
		sites = append(sites, crawler.Site{Seeds: []string{s}, MaxPages: opts.maxPages})
	}
	stats, err := crawlSites(ctx, &cfg, log, opts, sites)
	if err != nil {
		return err
	}
	if err := printCrawlSummary(env.Stdout, stats, asJSON); err != nil {
		return err
	}
	if allFailed(stats) {
		return fmt.Errorf("every site failed; see the log above")
	}
	return nil
}

// crawlSites crawls sites one after another into the data dir's index.
func crawlSites(ctx context.Context, cfg *Config, log *slog.Logger, opts crawlOptions, sites []crawler.Site) ([]crawler.Stats, error) {
	ix, err := openIndex(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return crawlInto(ctx, cfg, log, ix, opts, sites)
}

// crawlInto crawls sites one after another into the open index ix.
func crawlInto(ctx context.Context, cfg *Config, log *slog.Logger, ix *index.Index, opts crawlOptions, sites []crawler.Site) ([]crawler.Stats, error) {
	archive, err := crawler.OpenArchive(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	defer archive.Close()
	ex, err := extract.New()
	if err != nil {
		return nil, fmt.Errorf("start extractor: %w", err)
	}
	limit := rate.Limit(opts.rate)
	if opts.rate <= 0 {
		limit = rate.Inf
	}
	c, err := crawler.New(archive,
		crawler.WithLogger(log),
		crawler.WithUserAgent(opts.userAgent),
		crawler.WithAllowPrivate(opts.allowPrivate),
		crawler.WithIgnoreRobots(opts.ignoreRobots),
		crawler.WithRate(limit),
		crawler.WithConcurrency(opts.concurrency),
	)
	if err != nil {
		return nil, err
	}
	ing := newIngester(ex, ix, log)
	var all []crawler.Stats
	for _, site := range sites {
		st, err := c.Crawl(ctx, site, ing)
		// Whatever was fetched is indexed, even when interrupted.
		if ferr := ing.Flush(context.WithoutCancel(ctx)); ferr != nil {
			return all, ferr
		}
		all = append(all, st)
		log.Info("site crawled", "site", st.Site, "fetched", st.Fetched, "articles", st.Articles, "failed", st.Failed, "skipped", st.Skipped, "duration_ms", st.DurationMS)
		if err != nil {
			return all, fmt.Errorf("crawl %s: %w", st.Site, err)
		}
	}
	return all, nil
}

func allFailed(stats []crawler.Stats) bool {
	for _, s := range stats {
		if s.Fetched > 0 {
			return false
		}
	}
	return len(stats) > 0
}

func printCrawlSummary(w io.Writer, stats []crawler.Stats, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"sites": stats})
	}
	for _, s := range stats {
		fmt.Fprintf(w, "%s: %d pages fetched, %d articles indexed, %d failed, %d skipped, %s\n",
			s.Site, s.Fetched, s.Articles, s.Failed, s.Skipped, time.Duration(s.DurationMS)*time.Millisecond)
	}
	return nil
}
