package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// maxParallelSites is how many sites one run crawls at the same time;
// each has its own per-host politeness limits.
const maxParallelSites = 4

// gcSettings are the garbage collector's settings for a kind of run.
type gcSettings struct {
	limit   int64 // soft memory limit in bytes
	percent int   // GOGC; 0 leaves it
}

// crawlGC keeps the Go heap of crawl and recrawl under a soft limit: the
// garbage collector works harder near it, which keeps a cron job's memory
// bounded (with a 100,000-URL frontier the process stays near 250 MB
// resident).
var crawlGC = gcSettings{limit: 192 << 20}

// bulkGC is for bulk indexing (reindex), which has no resident-memory
// target: a lazier garbage collector under a 1 GiB soft limit costs 13-14%
// less CPU per article (BENCHMARKS.md, "20,000 articles after the analysis
// and dictionary work").
var bulkGC = gcSettings{limit: 1 << 30, percent: 200}

// apply sets what $GOMEMLIMIT and $GOGC do not already set, and returns a
// function restoring the previous settings.
func (g gcSettings) apply(env Env) func() {
	var undo []func()
	if env.Getenv("GOMEMLIMIT") == "" {
		prev := debug.SetMemoryLimit(g.limit)
		undo = append(undo, func() { debug.SetMemoryLimit(prev) })
	}
	if g.percent != 0 && env.Getenv("GOGC") == "" {
		prev := debug.SetGCPercent(g.percent)
		undo = append(undo, func() { debug.SetGCPercent(prev) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

// crawlOptions are the crawler settings of one run: those of the
// configuration file (settings), overridden by the command line.
type crawlOptions struct {
	settings     crawler.Settings
	maxPages     int
	allowPrivate bool
	ignoreRobots bool
	userAgent    string  // "" keeps the settings' User-Agent
	rate         float64 // requests per second per host; 0 or less: no limit
	concurrency  int     // parallel requests per host; 0 keeps the settings'
	progress     func(crawler.Progress)
}

// crawlerOptions turns the run's settings into crawler options.
func (o crawlOptions) crawlerOptions(log *slog.Logger) ([]crawler.Option, error) {
	opts, err := o.settings.Options()
	if err != nil {
		return nil, usagef("%v", err)
	}
	opts = append(opts, crawler.WithLogger(log), crawler.WithRate(o.rate))
	if o.userAgent != "" {
		opts = append(opts, crawler.WithUserAgent(o.userAgent))
	}
	if o.concurrency > 0 {
		opts = append(opts, crawler.WithConcurrency(o.concurrency))
	}
	if o.allowPrivate {
		opts = append(opts, crawler.WithAllowPrivate(true))
	}
	if o.ignoreRobots {
		opts = append(opts, crawler.WithIgnoreRobots(true))
	}
	if o.progress != nil {
		opts = append(opts, crawler.WithProgress(o.progress))
	}
	return opts, nil
}

// crawlFlags are the flags crawl and recrawl share.
type crawlFlags struct {
	configFile string
	sites      multiFlag
	asJSON     bool
	opts       crawlOptions
	fs         *flag.FlagSet
}

func (f *crawlFlags) add(fs *flag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.configFile, "config", "", "site-profile file (YAML; see sites.example.yaml)")
	fs.Var(&f.sites, "site", "crawl only this site of the configuration (repeatable)")
	fs.BoolVar(&f.asJSON, "json", false, "print the summary as JSON")
	fs.IntVar(&f.opts.maxPages, "max-pages", 0, "stop after this many pages per site (0: the profile's cap, else none)")
	fs.BoolVar(&f.opts.allowPrivate, "allow-private", false, "allow any loopback and private address (local sites, tests)")
	fs.BoolVar(&f.opts.ignoreRobots, "ignore-robots", false, "do not honour robots.txt (only for sites you own)")
	fs.StringVar(&f.opts.userAgent, "user-agent", "", "User-Agent header; include a contact address (default: the configuration's, else "+crawler.DefaultUserAgent+")")
	fs.Float64Var(&f.opts.rate, "rate", 2, "requests per second per host, 0 for no limit (the configuration's crawler.rate replaces the default)")
	fs.IntVar(&f.opts.concurrency, "concurrency", 0, "parallel requests per host (default: the configuration's, else 2)")
}

// given reports whether a flag was set on the command line.
func (f *crawlFlags) given(name string) bool {
	set := false
	f.fs.Visit(func(fl *flag.Flag) {
		if fl.Name == name {
			set = true
		}
	})
	return set
}

// load reads the configuration file, if one was given, into the options.
func (f *crawlFlags) load() (*crawler.Config, error) {
	if f.configFile == "" {
		return nil, nil
	}
	conf, err := crawler.LoadConfig(f.configFile)
	if err != nil {
		return nil, usagef("%v", err)
	}
	f.opts.settings = conf.Crawler
	if !f.given("rate") && conf.Crawler.Rate > 0 {
		f.opts.rate = conf.Crawler.Rate
	}
	return conf, nil
}

// pickSites selects the named sites of the configuration (all without names).
func pickSites(conf *crawler.Config, names []string) ([]crawler.Site, error) {
	if len(names) == 0 {
		return slices.Clone(conf.Sites), nil
	}
	var out []crawler.Site
	for _, n := range names {
		s, ok := conf.Site(n)
		if !ok {
			return nil, usagef("--site %q is not in the configuration (it has %q)", n, conf.Names())
		}
		out = append(out, s)
	}
	return out, nil
}

func runCrawl(ctx context.Context, env Env, args []string) error {
	var cfg Config
	var cf crawlFlags
	var seeds multiFlag
	fs := newFlagSet(env, "crawl")
	cfg.addFlags(fs)
	cf.add(fs)
	fs.Var(&seeds, "seed", "start URL crawled with the generic extractor, staying on its host (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q; give start URLs with --seed", fs.Args())
	}
	for _, s := range seeds {
		if crawler.NormalizeURL(s) == "" {
			return usagef("--seed %q is not an absolute http(s) URL", s)
		}
	}
	conf, err := cf.load()
	if err != nil {
		return err
	}
	if conf == nil && len(cf.sites) > 0 {
		return usagef("--site needs --config")
	}
	if conf == nil && len(seeds) == 0 {
		return usagef("nothing to crawl: give --config sites.yaml or --seed URL")
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	var sites []crawler.Site
	if conf != nil {
		if sites, err = pickSites(conf, cf.sites); err != nil {
			return err
		}
	}
	for _, s := range seeds {
		sites = append(sites, crawler.Site{Seeds: []string{s}})
	}
	applyMaxPages(sites, cf.opts.maxPages)
	if rec := runningServer(ctx, cfg.serverFile()); rec != nil {
		req := news.JobRequest{Kind: "crawl", Seeds: seeds, MaxPages: cf.opts.maxPages}
		if conf != nil {
			req.Sites = siteNames(sites[:len(sites)-len(seeds)])
		}
		return handOff(ctx, env, &cfg, log, rec, conf, req, cf.asJSON)
	}
	defer crawlGC.apply(env)()
	prog := newProgressPrinter(env.Stderr, log)
	cf.opts.progress = prog.update
	stats, err := crawlSitesMode(ctx, &cfg, log, cf.opts, conf, crawler.Full, sites)
	prog.finish()
	return finishRun(env.Stdout, stats, err, cf.asJSON)
}

// applyMaxPages sets a page cap given on the command line.
func applyMaxPages(sites []crawler.Site, n int) {
	if n <= 0 {
		return
	}
	for i := range sites {
		sites[i].MaxPages = n
	}
}

func siteNames(sites []crawler.Site) []string {
	out := make([]string, len(sites))
	for i, s := range sites {
		out[i] = s.Name
	}
	return out
}

// finishRun prints the summary and turns the outcome into the command's
// error: nil, or the run's failure (exit code 1).
func finishRun(w io.Writer, stats []crawler.Stats, err error, asJSON bool) error {
	if perr := printCrawlSummary(w, stats, asJSON); perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	if allFailed(stats) {
		return fmt.Errorf("every site failed; see the log above")
	}
	return nil
}

// crawlSites crawls sites (a Full run each) into the data dir's index.
func crawlSites(ctx context.Context, cfg *Config, log *slog.Logger, opts crawlOptions, sites []crawler.Site) ([]crawler.Stats, error) {
	return crawlSitesMode(ctx, cfg, log, opts, nil, crawler.Full, sites)
}

// crawlSitesMode opens the data dir's index and runs sites in mode.
func crawlSitesMode(ctx context.Context, cfg *Config, log *slog.Logger, opts crawlOptions, conf *crawler.Config, mode crawler.Mode, sites []crawler.Site) ([]crawler.Stats, error) {
	ix, err := openIndex(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return crawlInto(ctx, cfg, log, ix, opts, conf, mode, sites)
}

// crawlInto runs sites in mode into the open index ix, holding the data
// dir's crawl lock. conf, when not nil, is recorded in the crawl state for
// later runs and reindex.
func crawlInto(ctx context.Context, cfg *Config, log *slog.Logger, ix *index.Index, opts crawlOptions, conf *crawler.Config, mode crawler.Mode, sites []crawler.Site) ([]crawler.Stats, error) {
	lock, err := crawler.AcquireLock(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	if lock.Stale > 0 {
		log.Warn("took over the crawl lock of a process that died", "pid", lock.Stale)
	}
	state, err := crawler.OpenState(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	defer state.Close()
	archive, err := crawler.OpenArchive(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	defer archive.Close()
	if conf != nil {
		if err := state.SaveSettings(conf.Crawler); err != nil {
			return nil, fmt.Errorf("record settings: %w", err)
		}
	}
	ex, err := newExtractor(cfg)
	if err != nil {
		return nil, err
	}
	copts, err := opts.crawlerOptions(log)
	if err != nil {
		return nil, err
	}
	c, err := crawler.New(archive, state, copts...)
	if err != nil {
		return nil, err
	}
	ing := newIngester(ex, ix, log)
	all := make([]crawler.Stats, len(sites))
	errs := make([]error, len(sites))
	sem := make(chan struct{}, maxParallelSites)
	var wg sync.WaitGroup
	for i, site := range sites {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var st crawler.Stats
			var err error
			if mode == crawler.Incremental {
				st, err = c.Recrawl(ctx, site, ing)
			} else {
				st, err = c.Crawl(ctx, site, ing)
			}
			all[i], errs[i] = st, err
			log.Info("site done", "site", st.Site, "fetched", st.Fetched, "new", st.New, "changed", st.Changed,
				"unchanged", st.Unchanged, "failed", st.Failed, "skipped", st.Skipped, "requests", st.Requests, "duration_ms", st.DurationMS)
			if err != nil && !errors.Is(err, context.Canceled) {
				log.Error("site failed", "site", site.Name, "err", err)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return all, fmt.Errorf("interrupted; run the command again to resume where it stopped: %w", err)
	}
	failed := 0
	for _, err := range errs {
		if err != nil {
			failed++
		}
	}
	if failed == len(sites) && failed > 0 {
		return all, fmt.Errorf("every site failed: %w", errors.Join(errs...))
	}
	return all, nil
}

// allFailed reports whether no site got a single page.
func allFailed(stats []crawler.Stats) bool {
	for _, s := range stats {
		if s.Fetched > 0 || s.Failed == 0 {
			return false
		}
	}
	return len(stats) > 0
}

func printCrawlSummary(w io.Writer, stats []crawler.Stats, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if stats == nil {
			stats = []crawler.Stats{}
		}
		return enc.Encode(map[string]any{"sites": stats})
	}
	for _, s := range stats {
		if s.Site == "" {
			continue
		}
		fmt.Fprintf(w, "%s: %d fetched, %d new, %d changed, %d unchanged, %d failed, %d skipped; %d requests (%d conditional) in %s\n",
			s.Site, s.Fetched, s.New, s.Changed, s.Unchanged, s.Failed, s.Skipped, s.Requests, s.Conditional,
			(time.Duration(s.DurationMS) * time.Millisecond).Round(time.Millisecond))
	}
	return nil
}

// progressPrinter shows the crawl's progress: one line rewritten in place
// on a terminal, a log line every progressLogEvery otherwise.
type progressPrinter struct {
	w     io.Writer
	log   *slog.Logger
	tty   bool
	start time.Time

	mu    sync.Mutex
	sites map[string]crawler.Progress
	last  time.Time
	shown bool
}

// progressLogEvery spaces progress log lines when stderr is no terminal.
const progressLogEvery = 10 * time.Second

func newProgressPrinter(w io.Writer, log *slog.Logger) *progressPrinter {
	return &progressPrinter{w: w, log: log, tty: isTerminal(w), start: time.Now(), sites: map[string]crawler.Progress{}}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update records one site's progress; it is safe for concurrent use.
func (p *progressPrinter) update(pr crawler.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sites[pr.Site] = pr
	every := progressLogEvery
	if p.tty {
		every = 250 * time.Millisecond
	}
	if time.Since(p.last) < every {
		return
	}
	p.last = time.Now()
	fetched, failed, queued := 0, 0, 0
	for _, s := range p.sites {
		fetched += s.Fetched
		failed += s.Failed
		queued += s.Queued
	}
	elapsed := time.Since(p.start)
	perSec := float64(fetched) / max(elapsed.Seconds(), 0.001)
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%d sites: %d pages, %.1f pages/s, %d queued, %d errors, %s",
			len(p.sites), fetched, perSec, queued, failed, elapsed.Round(time.Second))
		p.shown = true
		return
	}
	p.log.Info("crawling", "sites", len(p.sites), "fetched", fetched, "pages_per_s", fmt.Sprintf("%.1f", perSec), "queued", queued, "errors", failed)
}

// finish ends the progress line.
func (p *progressPrinter) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintln(p.w)
		p.shown = false
	}
}
