package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// maxParallelSites is how many sites one run crawls at the same time;
// each has its own per-host politeness limits.
const maxParallelSites = 4

// DefaultRate is the requests per second per host of a crawl whose
// configuration sets none.
const DefaultRate = 2.0

// CrawlOptions are the crawler settings of one run: those recorded with
// the sites or read from the configuration file (Settings), overridden by
// the command line or the job request.
type CrawlOptions struct {
	Settings     crawler.Settings
	MaxPages     int // per site; 0 keeps the profiles' caps
	AllowPrivate bool
	IgnoreRobots bool
	UserAgent    string  // "" keeps the settings' User-Agent
	Rate         float64 // requests per second per host; 0 for no limit
	Concurrency  int     // parallel requests per host; 0 keeps the settings'
	// Progress, when set, receives each site's progress as it goes.
	Progress func(crawler.Progress)
	// FS is the file system the archive and the crawl state write
	// through; nil is the operating system's. Tests inject faults here.
	FS crawler.FS
}

// Validate reports the first setting out of range as a news.EInvalid
// error naming the flag, so that flags and job requests are checked alike,
// by the same rules as the site-profile file (crawler.CheckRate and the
// others): the settings recorded in the crawl state are checked too.
func (o CrawlOptions) Validate() error {
	err := crawler.FirstFailed(
		crawler.Check{Name: "--rate", Err: crawler.CheckRate(o.Rate)},
		crawler.Check{Name: "--max-pages", Err: crawler.CheckMaxPages(o.MaxPages)},
		crawler.Check{Name: "--concurrency", Err: crawler.CheckConcurrency(o.Concurrency)},
		crawler.Check{Name: "--user-agent", Err: crawler.CheckUserAgent(o.UserAgent)},
	)
	if err != nil {
		return news.Errorf(news.EInvalid, "%v", err)
	}
	if err := o.Settings.Validate(); err != nil {
		return news.Errorf(news.EInvalid, "crawler settings: %v", err)
	}
	return nil
}

// options turns the run's settings into crawler options.
func (o CrawlOptions) options(log *slog.Logger) ([]crawler.Option, error) {
	opts, err := o.Settings.Options()
	if err != nil {
		return nil, news.Errorf(news.EInvalid, "%v", err)
	}
	opts = append(opts, crawler.WithLogger(log), crawler.WithRate(o.Rate))
	if o.UserAgent != "" {
		opts = append(opts, crawler.WithUserAgent(o.UserAgent))
	}
	if o.Concurrency > 0 {
		opts = append(opts, crawler.WithConcurrency(o.Concurrency))
	}
	if o.AllowPrivate {
		opts = append(opts, crawler.WithAllowPrivate(true))
	}
	if o.IgnoreRobots {
		opts = append(opts, crawler.WithIgnoreRobots(true))
	}
	if o.Progress != nil {
		opts = append(opts, crawler.WithProgress(o.Progress))
	}
	return opts, nil
}

// ApplyMaxPages sets a page cap given on the command line or in a job
// request; 0 keeps the profiles' caps.
func ApplyMaxPages(sites []crawler.Site, n int) {
	if n <= 0 {
		return
	}
	for i := range sites {
		sites[i].MaxPages = n
	}
}

// CrawlSites opens the data directory's index and crawls sites in mode
// into it; see Crawl.
func CrawlSites(ctx context.Context, dir Dir, log *slog.Logger, opts CrawlOptions, conf *crawler.Config, mode crawler.Mode, sites []crawler.Site) ([]crawler.Stats, error) {
	ix, err := dir.OpenIndex(ctx, index.Options{Logger: log})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return Crawl(ctx, dir, log, ix, opts, conf, mode, sites)
}

// Crawl runs sites in mode into the open index ix, holding the data
// directory's crawl lock, up to four sites at once. conf, when not nil, is
// recorded in the crawl state for later runs and reindex. It fails when
// the run was interrupted, when the disk stopped it (a *crawler.DiskFullError
// or a *crawler.StorageError, said once for every site) or when any site
// stopped on an error; the stats cover every site either way.
func Crawl(ctx context.Context, dir Dir, log *slog.Logger, ix *index.Index, opts CrawlOptions, conf *crawler.Config, mode crawler.Mode, sites []crawler.Site) (_ []crawler.Stats, err error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	lock, err := crawler.AcquireLock(string(dir))
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	if lock.Stale > 0 {
		log.Warn("took over the crawl lock of a process that died", "pid", lock.Stale)
	}
	state, err := crawler.OpenState(string(dir), opts.FS)
	if err != nil {
		return nil, err
	}
	defer state.Close()
	archive, err := crawler.OpenArchive(string(dir), opts.FS)
	if err != nil {
		return nil, err
	}
	// Close syncs and renames the last file: its failure is the run's.
	defer func() {
		if cerr := archive.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if conf != nil {
		if err := state.SaveSettings(conf.Crawler); err != nil {
			return nil, fmt.Errorf("record settings: %w", err)
		}
	}
	ex, err := dir.Extractor()
	if err != nil {
		return nil, err
	}
	copts, err := opts.options(log)
	if err != nil {
		return nil, err
	}
	c, err := crawler.New(archive, state, copts...)
	if err != nil {
		return nil, err
	}
	ing := NewIngester(ex, ix, log)
	all := make([]crawler.Stats, len(sites))
	errs := make([]error, len(sites))
	sem := make(chan struct{}, maxParallelSites)
	var wg sync.WaitGroup
	for i, site := range sites {
		wg.Go(func() {
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
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return all, fmt.Errorf("interrupted; run the command again to resume where it stopped: %w", err)
	}
	// A disk that fails one site fails them all: its error is the run's,
	// said once.
	for _, err := range errs {
		if crawler.IsStorage(err) {
			var full *crawler.DiskFullError
			if errors.As(err, &full) {
				return all, full
			}
			return all, fmt.Errorf("%w; what was not recorded is fetched again when the command is run again", err)
		}
	}
	// A site that stopped on an error (its Handler, its state) is no
	// success of the run, whatever the other sites did.
	var failed []error
	for i, err := range errs {
		if err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", cmp.Or(all[i].Site, sites[i].Name), err))
		}
	}
	switch {
	case len(failed) == 0:
		return all, nil
	case len(failed) == len(sites):
		return all, fmt.Errorf("every site failed: %w", errors.Join(failed...))
	default:
		return all, fmt.Errorf("%d of %d sites failed: %w", len(failed), len(sites), errors.Join(failed...))
	}
}

// AllFailed reports whether no site got a single page.
func AllFailed(stats []crawler.Stats) bool {
	for _, s := range stats {
		if s.Fetched > 0 || s.Failed == 0 {
			return false
		}
	}
	return len(stats) > 0
}
