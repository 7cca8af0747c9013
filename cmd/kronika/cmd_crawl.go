package main

import (
	"context"
	"encoding/json"
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
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
	"github.com/kronika/kronika/news"
)

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
// less CPU per article (docs/benchmarks-history.md, "20,000 articles after the analysis
// and dictionary work").
var bulkGC = gcSettings{limit: 1 << 30, percent: 200}

// apply sets what $GOMEMLIMIT and $GOGC do not already set, and returns a
// function restoring the previous settings.
func (g gcSettings) apply(env cli.Env) func() {
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

// crawlFlags are the flags crawl and recrawl share.
type crawlFlags struct {
	configFile string
	sites      cli.MultiFlag
	asJSON     bool
	opts       ingest.CrawlOptions
	fs         *flag.FlagSet
}

func (f *crawlFlags) add(fs *flag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.configFile, "config", "", "site-profile file (YAML; see sites.example.yaml)")
	fs.Var(&f.sites, "site", "crawl only this site of the configuration (repeatable)")
	fs.BoolVar(&f.asJSON, "json", false, "print the summary as JSON")
	fs.IntVar(&f.opts.MaxPages, "max-pages", 0, "stop after this many pages per site (0: the profile's cap, else none)")
	fs.BoolVar(&f.opts.AllowPrivate, "allow-private", false, "let the sites' own hosts and ports follow their DNS to any private address (never link-local or metadata)")
	fs.BoolVar(&f.opts.IgnoreRobots, "ignore-robots", false, "do not honour robots.txt (only for sites you own)")
	fs.StringVar(&f.opts.UserAgent, "user-agent", "", "User-Agent header; include a contact address (default: the configuration's, else "+crawler.DefaultUserAgent+")")
	fs.Float64Var(&f.opts.Rate, "rate", ingest.DefaultRate, "requests per second per host, 0 for no limit (the configuration's crawler.rate replaces the default)")
	fs.IntVar(&f.opts.Concurrency, "concurrency", 0, "parallel requests per host (default: the configuration's, else 2)")
}

// parse parses args into fs and checks the crawl flags' values.
func (f *crawlFlags) parse(args []string) error {
	if err := cli.Parse(f.fs, args); err != nil {
		return err
	}
	if f.fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", f.fs.Args())
	}
	return f.opts.Validate()
}

// jobRequest is the job a running server does for this command: the
// options given on the command line travel with it, those not given are
// left to the settings the server has recorded.
func (f *crawlFlags) jobRequest(kind string) news.JobRequest {
	req := news.JobRequest{Kind: kind, MaxPages: f.opts.MaxPages, Concurrency: f.opts.Concurrency,
		UserAgent: f.opts.UserAgent, IgnoreRobots: f.opts.IgnoreRobots, AllowPrivate: f.opts.AllowPrivate}
	if cli.Given(f.fs, "rate") {
		rate := f.opts.Rate
		req.Rate = &rate
	}
	return req
}

// load reads the configuration file, if one was given, into the options.
func (f *crawlFlags) load() (*crawler.Config, error) {
	if f.configFile == "" {
		return nil, nil
	}
	conf, err := crawler.LoadConfig(f.configFile)
	if err != nil {
		return nil, cli.Usagef("%v", err)
	}
	f.opts.Settings = conf.Crawler
	if !cli.Given(f.fs, "rate") && conf.Crawler.Rate > 0 {
		f.opts.Rate = conf.Crawler.Rate
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
			return nil, cli.Usagef("--site %q is not in the configuration (it has %q)", n, conf.Names())
		}
		out = append(out, s)
	}
	return out, nil
}

func runCrawl(ctx context.Context, env cli.Env, args []string) error {
	var cfg Config
	var cf crawlFlags
	var seeds cli.MultiFlag
	fs := newFlagSet(env, "crawl")
	cfg.addFlags(fs)
	cf.add(fs)
	fs.Var(&seeds, "seed", "start URL crawled with the generic extractor, staying on its host (repeatable)")
	if err := cf.parse(args); err != nil {
		if fs.NArg() > 0 {
			return cli.Usagef("%v; give start URLs with --seed", err)
		}
		return err
	}
	for _, s := range seeds {
		if crawler.NormalizeURL(s) == "" {
			return cli.Usagef("--seed %q is not an absolute http(s) URL", s)
		}
	}
	conf, err := cf.load()
	if err != nil {
		return err
	}
	if conf == nil && len(cf.sites) > 0 {
		return cli.Usagef("--site needs --config")
	}
	if conf == nil && len(seeds) == 0 {
		return cli.Usagef("nothing to crawl: give --config sites.yaml or --seed URL")
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
	ingest.ApplyMaxPages(sites, cf.opts.MaxPages)
	if rec := cfg.runningServer(ctx); rec != nil {
		req := cf.jobRequest(ingest.JobCrawl)
		req.Seeds = seeds
		if conf != nil {
			req.Sites = siteNames(sites[:len(sites)-len(seeds)])
		}
		return handOff(ctx, env, &cfg, log, rec, conf, req, cf.asJSON)
	}
	return crawlHere(ctx, env, &cfg, log, &cf, conf, crawler.Full, sites)
}

// crawlHere runs a crawl or re-crawl in this process, with a progress
// line, and prints its summary.
func crawlHere(ctx context.Context, env cli.Env, cfg *Config, log *slog.Logger, cf *crawlFlags, conf *crawler.Config, mode crawler.Mode, sites []crawler.Site) error {
	defer crawlGC.apply(env)()
	prog := newProgressPrinter(env.Stderr, log)
	cf.opts.Progress = prog.update
	stats, err := ingest.CrawlSites(ctx, cfg.dir(), log, cf.opts, conf, mode, sites)
	prog.finish()
	return finishRun(env.Stdout, stats, err, cf.asJSON)
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
	if ingest.AllFailed(stats) {
		return fmt.Errorf("every site failed; see the log above")
	}
	return nil
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
		resumed := ""
		if s.Resumed {
			resumed = ", resumed"
		}
		fmt.Fprintf(w, "%s: %d fetched, %d new, %d changed, %d unchanged, %d failed, %d skipped; %d requests (%d conditional) in %s%s\n",
			s.Site, s.Fetched, s.New, s.Changed, s.Unchanged, s.Failed, s.Skipped, s.Requests, s.Conditional,
			(time.Duration(s.DurationMS) * time.Millisecond).Round(time.Millisecond), resumed)
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
