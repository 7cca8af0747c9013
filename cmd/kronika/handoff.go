package main

import (
	"context"
	"log/slog"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
	"github.com/kronika/kronika/news"
)

// handOff gives a job to the kronika serve that owns the data directory,
// shows its progress, waits for it and prints its summary as a run of its
// own would. The site profiles of conf, if any, are first recorded in the
// crawl state, where the server reads them.
func handOff(ctx context.Context, env cli.Env, cfg *Config, log *slog.Logger, rec *ingest.ServerRecord, conf *crawler.Config, req news.JobRequest, asJSON bool) error {
	if conf != nil {
		if err := ingest.SaveConfig(cfg.dir(), conf); err != nil {
			return err
		}
	}
	log.Info("kronika serve owns the data directory; handing the job to it", "server", rec.Addr, "pid", rec.PID, "kind", req.Kind)
	prog := newProgressPrinter(env.Stderr, log)
	started := false
	job, err := ingest.HandOff(ctx, rec, req, func(j news.Job) {
		if !started {
			started = true
			log.Info("job started in kronika serve", "job", j.ID)
		}
		for _, p := range j.Progress {
			prog.update(crawler.Progress{Site: p.Site, Fetched: p.Fetched, Failed: p.Failed, Queued: p.Queued})
		}
	})
	prog.finish()
	if job.ID == "" {
		return err
	}
	return finishRun(env.Stdout, job.Sites, err, asJSON)
}
