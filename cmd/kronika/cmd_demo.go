package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"sort"
	"syscall"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/demosite"
)

const defaultDemoAddr = "127.0.0.1:8080"

func runDemo(ctx context.Context, env Env, args []string) error {
	var cfg Config
	var addr string
	fs := newFlagSet(env, "demo")
	cfg.addFlags(fs)
	fs.StringVar(&addr, "addr", defaultDemoAddr, "listen address of the API and web UI")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	addrGiven := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "addr" {
			addrGiven = true
		}
	})
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
		return usagef("listen on %s: %v (choose another with --addr)", addr, err)
	}
	defer ln.Close()

	site, err := demosite.Load()
	if err != nil {
		return fmt.Errorf("load sample site: %w", err)
	}
	servers, err := site.Serve("127.0.0.1")
	if err != nil {
		return fmt.Errorf("serve sample site: %w", err)
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
	opts := crawlOptions{allowPrivate: true, userAgent: crawler.DefaultUserAgent, rate: 0, concurrency: 4}
	stats, err := crawlSites(ctx, &cfg, log, opts, sites)
	if err != nil {
		return err
	}
	articles := 0
	for _, s := range stats {
		articles += s.New + s.Changed
	}
	log.Info("sample site indexed", "articles", articles, "duration_ms", time.Since(start).Milliseconds())

	ix, err := openIndex(ctx, &cfg, log)
	if err != nil {
		return err
	}
	defer ix.Close()
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
