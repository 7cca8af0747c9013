package main

import (
	"context"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

func runRecrawl(ctx context.Context, env cli.Env, args []string) error {
	var cfg Config
	var cf crawlFlags
	fs := newFlagSet(env, "recrawl")
	cfg.addFlags(fs)
	cf.add(fs)
	if err := cf.parse(args); err != nil {
		return err
	}
	conf, err := cf.load()
	if err != nil {
		return err
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	var sites []crawler.Site
	if conf != nil {
		// Unknown names are bad usage before any job starts.
		if sites, err = pickSites(conf, cf.sites); err != nil {
			return err
		}
	}
	if rec := cfg.runningServer(ctx); rec != nil {
		// The server checks the names of sites it has recorded.
		req := cf.jobRequest(ingest.JobRecrawl)
		req.Sites = cf.sites
		if conf != nil {
			req.Sites = siteNames(sites)
		}
		return handOff(ctx, env, &cfg, log, rec, conf, req, cf.asJSON)
	}
	if conf == nil {
		if sites, err = knownSites(cfg.dir(), cf.sites, &cf); err != nil {
			return err
		}
	}
	ingest.ApplyMaxPages(sites, cf.opts.MaxPages)
	return crawlHere(ctx, env, &cfg, log, &cf, conf, crawler.Incremental, sites)
}

// knownSites returns the sites crawled into the data directory before
// (all, or those named), with the settings recorded with them.
func knownSites(dir ingest.Dir, names []string, cf *crawlFlags) ([]crawler.Site, error) {
	known, settings, err := ingest.SavedSites(dir)
	if err != nil {
		return nil, err
	}
	if len(known) == 0 {
		return nil, cli.Usagef("no site has been crawled into %s yet; give --config sites.yaml", dir)
	}
	cf.opts.Settings = settings
	if !cli.Given(cf.fs, "rate") && settings.Rate > 0 {
		cf.opts.Rate = settings.Rate
	}
	if len(names) == 0 {
		return known, nil
	}
	conf := &crawler.Config{Sites: known}
	return pickSites(conf, names)
}
