package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/kronika/kronika/api"
	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

var _ api.Jobs = (*jobRunner)(nil)

// maxJobHistory is how many finished jobs a server remembers.
const maxJobHistory = 100

// jobRunner runs crawl and re-crawl jobs inside `kronika serve`, one at a
// time, on the index the server owns. It implements api.Jobs.
type jobRunner struct {
	cfg *Config
	log *slog.Logger
	ix  *index.Index

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	jobs    map[string]*news.Job
	order   []string // job IDs, oldest first
	running string   // ID of the running job, "" when idle
}

// newJobRunner returns the job runner of a server that owns ix in the data
// directory of cfg. Close it before closing ix.
func newJobRunner(cfg *Config, log *slog.Logger, ix *index.Index) (*jobRunner, error) {
	if cfg == nil || ix == nil {
		return nil, fmt.Errorf("job runner needs a configuration and an open index")
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &jobRunner{cfg: cfg, log: log, ix: ix, ctx: ctx, cancel: cancel, jobs: map[string]*news.Job{}}, nil
}

// Start validates req and starts it as a job. While another job runs it
// returns a news.EUnavailable error.
func (r *jobRunner) Start(_ context.Context, req news.JobRequest) (news.Job, error) {
	sites, err := r.plan(req)
	if err != nil {
		return news.Job{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx.Err() != nil {
		return news.Job{}, news.Errorf(news.EUnavailable, "the server is shutting down")
	}
	if r.running != "" {
		return news.Job{}, news.Errorf(news.EUnavailable, "job %s is still running; follow it at /api/v1/admin/jobs/%s and try again when it is done", r.running, r.running)
	}
	id, err := newJobID()
	if err != nil {
		return news.Job{}, err
	}
	job := &news.Job{ID: id, Request: req, State: news.JobQueued, Created: time.Now().UTC(), Sites: []news.SiteSummary{}}
	r.jobs[id] = job
	r.order = append(r.order, id)
	r.forgetOld()
	r.running = id
	r.wg.Add(1)
	go r.run(job, sites)
	return *job, nil
}

// Job returns a copy of the job with the given ID.
func (r *jobRunner) Job(id string) (news.Job, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	job, ok := r.jobs[id]
	if !ok {
		return news.Job{}, news.Errorf(news.ENotFound, "no job with id %q (a server remembers its last %d jobs)", id, maxJobHistory)
	}
	out := *job
	out.Sites = append([]news.SiteSummary{}, job.Sites...)
	return out, nil
}

// Close cancels a running job and waits for it to stop.
func (r *jobRunner) Close() error {
	r.cancel()
	r.wg.Wait()
	return nil
}

// plan turns a request into the sites to crawl.
func (r *jobRunner) plan(req news.JobRequest) ([]crawler.Site, error) {
	if req.MaxPages < 0 {
		return nil, news.Errorf(news.EInvalid, "max_pages must be 0 (no cap) or more, not %d", req.MaxPages)
	}
	switch req.Kind {
	case "crawl":
		if len(req.Seeds) == 0 {
			return nil, news.Errorf(news.EInvalid, "a crawl job needs seeds: start URLs")
		}
		var sites []crawler.Site
		for _, s := range req.Seeds {
			if crawler.NormalizeURL(s) == "" {
				return nil, news.Errorf(news.EInvalid, "seed %q is not an absolute http(s) URL", s)
			}
			sites = append(sites, crawler.Site{Seeds: []string{s}, MaxPages: req.MaxPages})
		}
		return sites, nil
	case "recrawl":
		return nil, news.Errorf(news.EInvalid, "no site profiles are configured for this data directory; run kronika crawl --config sites.yaml first")
	default:
		return nil, news.Errorf(news.EInvalid, "kind must be \"crawl\" or \"recrawl\", not %q", req.Kind)
	}
}

func (r *jobRunner) run(job *news.Job, sites []crawler.Site) {
	defer r.wg.Done()
	r.update(job.ID, func(j *news.Job) {
		now := time.Now().UTC()
		j.State, j.Started = news.JobRunning, &now
	})
	log := r.log.With("job", job.ID)
	opts := crawlOptions{userAgent: crawler.DefaultUserAgent, rate: 2, concurrency: 2}
	stats, err := crawlInto(r.ctx, r.cfg, log, r.ix, opts, sites)
	r.update(job.ID, func(j *news.Job) {
		now := time.Now().UTC()
		j.Finished = &now
		for _, s := range stats {
			j.Sites = append(j.Sites, news.SiteSummary{Site: s.Site, Fetched: s.Fetched, New: s.Articles, Failed: s.Failed, Skipped: s.Skipped, DurationMS: s.DurationMS})
		}
		switch {
		case err != nil:
			j.State, j.Error = news.JobFailed, err.Error()
			log.Error("job failed", "err", err)
		case allFailed(stats):
			j.State, j.Error = news.JobFailed, "every site failed; see the server log"
		default:
			j.State = news.JobDone
		}
	})
	r.mu.Lock()
	r.running = ""
	r.mu.Unlock()
}

func (r *jobRunner) update(id string, f func(*news.Job)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if j, ok := r.jobs[id]; ok {
		f(j)
	}
}

// forgetOld drops the oldest finished jobs over maxJobHistory. mu is held.
func (r *jobRunner) forgetOld() {
	for len(r.order) > maxJobHistory {
		id := r.order[0]
		if id == r.running {
			return
		}
		delete(r.jobs, id)
		r.order = r.order[1:]
	}
}

func newJobID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate job id: %w", err)
	}
	return hex.EncodeToString(b), nil
}
