package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/demosite"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

const defaultDemoAddr = "127.0.0.1:8080"

// demoFile records, in a data directory the demo crawled, where each
// sample outlet was served: the URLs of its articles carry that address.
const demoFile = "demo.json"

// demoRecord is the content of demoFile.
type demoRecord struct {
	// Outlets maps each outlet's name to the host:port it was served at.
	Outlets map[string]string `json:"outlets"`
}

func runDemo(ctx context.Context, env cli.Env, args []string) error {
	var cfg Config
	var addr string
	fs := newFlagSet(env, "demo")
	cfg.addFlags(fs)
	fs.StringVar(&addr, "addr", defaultDemoAddr, "listen address of the API and web UI")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	addrGiven := cli.Given(fs, "addr")
	if cfg.DataDir == "" && env.Getenv("KRONIKA_DATA") == "" {
		tmp, err := os.MkdirTemp("", "kronika-demo-")
		if err != nil {
			return fmt.Errorf("create temporary data dir: %w", err)
		}
		defer os.RemoveAll(tmp)
		cfg.DataDir = tmp
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	start := time.Now()

	// Listen first, so that a busy port fails before any work is done.
	ln, err := net.Listen("tcp", addr)
	if err != nil && !addrGiven && errors.Is(err, syscall.EADDRINUSE) {
		log.Warn("default port is busy; using a free one", "addr", addr)
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		return cli.Usagef("listen on %s: %v (choose another with --addr)", addr, err)
	}
	defer ln.Close()

	servers, err := startDemoOutlets(cfg.DataDir, log, true)
	if err != nil {
		return err
	}
	defer servers.Close()
	var sites []crawler.Site
	urls := servers.URLs()
	names := make([]string, 0, len(urls))
	for name := range urls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sites = append(sites, crawler.Site{Name: name, Seeds: []string{urls[name]}})
		log.Info("sample outlet", "site", name, "url", urls[name])
	}
	// The sample site is local: politeness limits would only slow the demo.
	opts := ingest.CrawlOptions{AllowPrivate: true, UserAgent: crawler.DefaultUserAgent, Rate: 0, Concurrency: 4}
	ix, err := cfg.dir().OpenIndex(ctx, index.Options{Logger: log})
	if err != nil {
		return err
	}
	defer ix.Close()
	if _, err := ingest.Crawl(ctx, cfg.dir(), log, ix, opts, nil, crawler.Full, sites); err != nil {
		return err
	}
	articles, err := ix.Count()
	if err != nil {
		return err
	}
	log.Info("sample site indexed", "articles", articles, "duration_ms", time.Since(start).Milliseconds())
	token, err := adminToken(env)
	if err != nil {
		return err
	}
	return serveWith(ctx, &cfg, log, ix, ln, serveOptions{adminToken: token}, func(url string) {
		fmt.Fprintf(env.Stdout, "Kronika demo: %d articles from %d sample sites, indexed in %s.\n", articles, len(sites), time.Since(start).Round(time.Millisecond))
		fmt.Fprintf(env.Stdout, "Open %s  (API: %sapi/v1/search?q=wizyta&facets=person,institution,month)\n", url, url)
		fmt.Fprintln(env.Stdout, "Press Ctrl+C to stop.")
	})
}

// startDemoOutlets serves the sample outlets at the addresses recorded in
// the data directory by an earlier demo, so that the archived articles'
// URLs stay the same (a second demo over the same directory finds them
// unchanged) and their links keep working; outlets never served before get
// free ports, which are recorded. Without record (first), a data
// directory with no demo record starts nothing and returns nil.
func startDemoOutlets(dataDir string, log *slog.Logger, first bool) (*demosite.Servers, error) {
	path := filepath.Join(dataDir, demoFile)
	var rec demoRecord
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, fmt.Errorf("read %s: %w (delete it to serve the sample outlets at new addresses, whose articles will be new documents)", path, err)
		}
	case errors.Is(err, os.ErrNotExist) && first:
	case errors.Is(err, os.ErrNotExist):
		return nil, nil
	default:
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	site, err := demosite.Load()
	if err != nil {
		return nil, fmt.Errorf("load sample site: %w", err)
	}
	servers, err := site.ServeAt(rec.Outlets, "127.0.0.1")
	if err != nil {
		return nil, fmt.Errorf("serve the sample outlets at the addresses of the demo that filled %s (the archived articles' URLs use them): %w; free the port, or use another --data directory", dataDir, err)
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		servers.Close()
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	rec.Outlets = map[string]string{}
	for name, u := range servers.URLs() {
		if pu, err := url.Parse(u); err == nil {
			rec.Outlets[name] = pu.Host
		}
	}
	b, err = json.MarshalIndent(rec, "", "  ")
	if err == nil {
		err = os.WriteFile(path, append(b, '\n'), 0o644)
	}
	if err != nil {
		servers.Close()
		return nil, fmt.Errorf("record the sample outlets' addresses: %w", err)
	}
	if !first {
		log.Info("serving the sample outlets of the demo archive", "outlets", len(rec.Outlets))
	}
	return servers, nil
}
