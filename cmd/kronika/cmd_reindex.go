package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
	"github.com/kronika/kronika/news"
)

func runReindex(ctx context.Context, env cli.Env, args []string) error {
	var cfg Config
	var asJSON bool
	fs := newFlagSet(env, "reindex")
	cfg.addFlags(fs)
	fs.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	if !cfg.dir().HasCaptures() {
		return cli.Usagef("no captures in %s: nothing to rebuild the index from", cfg.DataDir)
	}
	if rec := cfg.runningServer(ctx); rec != nil {
		return handOff(ctx, env, &cfg, log, rec, nil, news.JobRequest{Kind: ingest.JobReindex}, asJSON)
	}
	defer bulkGC.apply(env)()
	st, err := ingest.Rebuild(ctx, cfg.dir(), nil, log)
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
