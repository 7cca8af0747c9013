package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kronika/kronika/api"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

// shutdownGrace is how long in-flight requests may take after a signal;
// drainWait is how long cut requests then get to notice and return before
// the index closes.
const (
	shutdownGrace = 10 * time.Second
	drainWait     = 5 * time.Second
)

// serveOptions are the settings of `kronika serve` beyond the shared
// configuration.
type serveOptions struct {
	// adminToken turns on the admin routes for remote callers
	// ($KRONIKA_ADMIN_TOKEN).
	adminToken string
	// rateLimit and rateBurst cap each client's requests per second; 0
	// turns the limit off.
	rateLimit float64
	rateBurst int
	// cacheMiB is the memory for decoded postings of common words
	// (index.Options.PostingsCacheBytes); 0 turns the cache off.
	cacheMiB int
	// blevePhrases runs quoted phrases through Bleve's phrase searcher
	// (index.Options.PhrasesThroughBleve), to time both ways.
	blevePhrases bool
}

func runServe(ctx context.Context, env cli.Env, args []string) error {
	var cfg Config
	var addr string
	var opts serveOptions
	fs := newFlagSet(env, "serve")
	cfg.addFlags(fs)
	fs.StringVar(&addr, "addr", ":8080", "listen address")
	fs.Float64Var(&opts.rateLimit, "rate-limit", 0, "requests per second allowed to each client address; 0 means no limit")
	fs.IntVar(&opts.rateBurst, "rate-burst", 0, "requests a client may burst above --rate-limit (default twice the rate)")
	fs.IntVar(&opts.cacheMiB, "postings-cache-mb", index.DefaultPostingsCacheBytes>>20, "MiB of memory that keep the postings of common words decoded, for faster broad searches; 0 turns it off")
	fs.BoolVar(&opts.blevePhrases, "phrases-through-bleve", false, "benchmarks: run quoted phrases through Bleve's phrase searcher, as before Kronika ranked them itself")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	if opts.rateLimit < 0 || opts.rateBurst < 0 {
		return cli.Usagef("--rate-limit and --rate-burst must be 0 or more")
	}
	if opts.cacheMiB < 0 || opts.cacheMiB > 1<<20 {
		return cli.Usagef("--postings-cache-mb must be from 0 to %d", 1<<20)
	}
	cacheBytes := int64(opts.cacheMiB) << 20
	if cacheBytes == 0 {
		cacheBytes = -1 // off
	}
	var err error
	if opts.adminToken, err = adminToken(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	ix, created, err := cfg.dir().OpenIndexToServe(ctx, index.Options{Logger: log, PostingsCacheBytes: cacheBytes, PhrasesThroughBleve: opts.blevePhrases})
	if err != nil {
		return err
	}
	defer ix.Close()
	if created {
		log.Info("no archive yet in the data directory: serving an empty index until a crawl fills it", "data", cfg.DataDir)
	}
	// The quick check reads every segment file, which takes a while on a
	// large index: it runs beside the serving and says what it finds in
	// the log. It ends before the index closes.
	checkCtx, stopCheck := context.WithCancel(ctx)
	checked := make(chan struct{})
	go func() {
		defer close(checked)
		logStartupCheck(checkCtx, cfg.dir(), ix, log)
	}()
	defer func() {
		stopCheck()
		<-checked
	}()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return cli.Usagef("listen on %s: %v", addr, err)
	}
	// An archive the demo filled links to its sample outlets: serve them
	// too, so that the articles' "źródło" links work.
	outlets, err := startDemoOutlets(cfg.DataDir, log, false)
	if err != nil {
		log.Warn("sample outlets not served; the demo articles' source links will not open", "err", err)
	}
	if outlets != nil {
		defer outlets.Close()
	}
	return serveWith(ctx, &cfg, log, ix, ln, opts, func(url string) {
		fmt.Fprintf(env.Stdout, "Kronika is serving %s at %s\n", cfg.DataDir, url)
	})
}

// logStartupCheck runs the quick check of the data directory (the
// segment checksums of the snapshot the index opened with, the crawl
// state's counts against the index) and logs what it finds: problems at
// warn, with what restores them. Serving goes on whatever it finds; the
// index itself has warned of each damaged segment as it found it.
func logStartupCheck(ctx context.Context, dir ingest.Dir, ix *index.Index, log *slog.Logger) {
	rep, err := ingest.QuickCheck(ctx, dir, ix)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("startup check failed", "err", err)
		}
		return
	}
	for _, f := range rep.Problems {
		if f.Kind != ingest.FindSegmentDamaged {
			log.Warn("startup check: "+f.Message, "remedy", f.Remedy, "count", f.Count, "kind", f.Kind)
		}
	}
	for _, f := range rep.Notes {
		log.Info("startup check: "+f.Message, "remedy", f.Remedy, "count", f.Count, "kind", f.Kind)
	}
	attrs := []any{"segments", rep.Segments.Segments, "damaged_segments", len(rep.Segments.Problems), "documents", rep.Documents,
		"state_articles", rep.StateArticles, "duration_ms", rep.DurationMS}
	if rep.Clean() {
		log.Info("startup check: segment checksums and counts agree", attrs...)
		return
	}
	log.Warn("startup check: "+countProblems(rep.Problems)+" found; serving goes on (kronika check --data DIR lists them once serve is stopped)", attrs...)
}

// adminToken reads the operator's admin token from $KRONIKA_ADMIN_TOKEN;
// "" leaves the admin routes to local callers (server.json's token).
func adminToken(env cli.Env) (string, error) {
	t := strings.TrimSpace(env.Getenv("KRONIKA_ADMIN_TOKEN"))
	if t != "" && len(t) < 16 {
		return "", cli.Usagef("$KRONIKA_ADMIN_TOKEN is %d characters long; use at least 16 random characters", len(t))
	}
	return t, nil
}

// serve runs the API on ln with default options until ctx is done; see
// serveWith.
func serve(ctx context.Context, cfg *Config, log *slog.Logger, ix *index.Index, ln net.Listener, announce func(url string)) error {
	return serveWith(ctx, cfg, log, ix, ln, serveOptions{}, announce)
}

// serveWith runs the API and a job runner on ln until ctx is done, then
// shuts down gracefully: in-flight requests finish (those still running
// after shutdownGrace are cancelled and waited for), the running job
// stops, the server record is removed. The caller closes the index
// afterwards, when nothing uses it any more.
func serveWith(ctx context.Context, cfg *Config, log *slog.Logger, ix *index.Index, ln net.Listener, opts serveOptions, announce func(url string)) error {
	analyzers, err := index.NewAnalyzers()
	if err != nil {
		return err
	}
	localToken, err := ingest.NewLocalToken()
	if err != nil {
		return err
	}
	jobs, err := ingest.NewRunner(cfg.dir(), log, ix)
	if err != nil {
		return err
	}
	defer jobs.Close()
	apiCfg := api.Config{
		Index: ix, Analyzers: analyzers, Logger: log, Version: version(),
		Jobs: jobs, AdminToken: opts.adminToken, LocalToken: localToken,
		RateLimit: opts.rateLimit, RateBurst: opts.rateBurst,
		DataDir: cfg.DataDir,
	}
	handler, err := api.New(apiCfg)
	if err != nil {
		return err
	}
	var inflight sync.WaitGroup
	baseCtx, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			inflight.Add(1)
			defer inflight.Done()
			handler.ServeHTTP(w, r)
		}),
		BaseContext:       func(net.Listener) context.Context { return baseCtx },
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      6 * time.Minute, // exports stream for up to 5 minutes
		IdleTimeout:       2 * time.Minute,
		// Above the API's own cap, so that an oversized request gets the
		// API's JSON 431 rather than net/http's plain text.
		MaxHeaderBytes: api.ServerMaxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := baseURL(ln.Addr())
	rec := ingest.ServerRecord{Addr: url, PID: os.Getpid(), Started: time.Now().UTC(), Token: localToken}
	if err := ingest.WriteServerRecord(cfg.dir().ServerFile(), rec); err != nil {
		return err
	}
	defer os.Remove(cfg.dir().ServerFile())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", url, "data", cfg.DataDir, "admin_api", apiCfg.AdminMode(), "rate_limit", opts.rateLimit)
	announce(url + "/")
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", shutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	shutdownErr := srv.Shutdown(sctx)
	if shutdownErr != nil {
		log.Warn("requests still running after the grace period; cancelling them", "err", shutdownErr)
		cancelRequests()
		srv.Close()
	}
	if !waitTimeout(&inflight, drainWait) {
		log.Warn("requests did not stop in time", "wait", drainWait.String())
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// waitTimeout waits for wg up to d and reports whether it finished.
func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// baseURL turns a listener address into a URL a browser can open.
func baseURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}
