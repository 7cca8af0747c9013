package main

import (
	"context"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/news"
)

func runRecrawl(ctx context.Context, env Env, args []string) error {
	var cfg Config
	var cf crawlFlags
	fs := newFlagSet(env, "recrawl")
	cfg.addFlags(fs)
	cf.add(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	conf, err := cf.load()
	if err != nil {
		return err
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	if rec := runningServer(ctx, cfg.serverFile()); rec != nil {
		req := news.JobRequest{Kind: "recrawl", Sites: cf.sites, MaxPages: cf.opts.maxPages}
		if conf != nil && len(req.Sites) == 0 {
			req.Sites = conf.Names()
		}
		return handOff(ctx, env, &cfg, log, rec, conf, req, cf.asJSON)
	}
	var sites []crawler.Site
	if conf != nil {
		if sites, err = pickSites(conf, cf.sites); err != nil {
			return err
		}
	} else {
		if sites, err = knownSites(cfg.DataDir, cf.sites, &cf); err != nil {
			return err
		}
	}
	applyMaxPages(sites, cf.opts.maxPages)
	defer crawlGC.apply(env)()
	prog := newProgressPrinter(env.Stderr, log)
	cf.opts.progress = prog.update
	stats, err := crawlSitesMode(ctx, &cfg, log, cf.opts, conf, crawler.Incremental, sites)
	prog.finish()
	return finishRun(env.Stdout, stats, err, cf.asJSON)
}

// knownSites returns the sites crawled into the data directory before
// (all, or those named), with the settings recorded with them.
func knownSites(dataDir string, names []string, cf *crawlFlags) ([]crawler.Site, error) {
	known, settings, err := savedSites(dataDir)
	if err != nil {
		return nil, err
	}
	if len(known) == 0 {
		return nil, usagef("no site has been crawled into %s yet; give --config sites.yaml", dataDir)
	}
	cf.opts.settings = settings
	if !cf.given("rate") && settings.Rate > 0 {
		cf.opts.rate = settings.Rate
	}
	if len(names) == 0 {
		return known, nil
	}
	conf := &crawler.Config{Sites: known}
	return pickSites(conf, names)
}
