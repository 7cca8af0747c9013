package api

import (
	"context"

	"github.com/kronika/kronika/news"
)

// Jobs runs crawl jobs for the admin routes. The command line provides the
// implementation (it owns the crawler); the API only starts and follows
// jobs.
type Jobs interface {
	// Start queues a job and returns it at once. Errors are coded
	// news.Errors (invalid request, unavailable while another job runs).
	Start(ctx context.Context, req news.JobRequest) (news.Job, error)
	// Job returns the job with the given ID, or a news.ENotFound error.
	Job(id string) (news.Job, error)
}

// JobStats is what a job runner has done since it started, for /metrics.
type JobStats = news.JobStats

// StatsReporter is implemented by a Jobs that reports its statistics;
// /metrics exports them at every scrape.
type StatsReporter interface {
	Stats() JobStats
}
