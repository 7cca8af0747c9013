package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// Job kinds.
const (
	JobCrawl   = "crawl"
	JobRecrawl = "recrawl"
	JobReindex = "reindex"
)

// maxJobHistory is how many finished jobs a server remembers.
const maxJobHistory = 100

// Runner runs crawl, re-crawl and reindex jobs inside a server, one at a
// time, on the index the server owns. It implements the admin API's jobs
// (api.Jobs and api.StatsReporter).
type Runner struct {
	dir Dir
	log *slog.Logger
	ix  *index.Index

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	jobs    map[string]*news.Job
	order   []string         // job IDs, oldest first
	running string           // ID of the running job, "" when idle
	started int              // jobs started since the runner began
	pages   news.SiteSummary // sum of the finished jobs' site summaries
}

// NewRunner returns the job runner of a server that owns ix in the data
// directory dir. Close it before closing ix.
func NewRunner(dir Dir, log *slog.Logger, ix *index.Index) (*Runner, error) {
	if dir == "" || ix == nil {
		return nil, errors.New("job runner needs a data directory and an open index")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{dir: dir, log: log, ix: ix, ctx: ctx, cancel: cancel, jobs: map[string]*news.Job{}}, nil
}

// Start validates req and starts it as a job. While another job runs it
// returns a news.EUnavailable error; a bad request is a news.EInvalid one.
func (r *Runner) Start(_ context.Context, req news.JobRequest) (news.Job, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx.Err() != nil {
		return news.Job{}, news.Errorf(news.EUnavailable, "the server is shutting down")
	}
	if r.running != "" {
		return news.Job{}, news.Errorf(news.EUnavailable, "job %s is still running; follow it at /api/v1/admin/jobs/%s and try again when it is done", r.running, r.running)
	}
	p, err := r.plan(req)
	if err != nil {
		return news.Job{}, err
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
	r.started++
	r.wg.Add(1)
	go r.run(job, p)
	return r.copyJob(job), nil
}

// Job returns a copy of the job with the given ID.
func (r *Runner) Job(id string) (news.Job, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	job, ok := r.jobs[id]
	if !ok {
		return news.Job{}, news.Errorf(news.ENotFound, "no job with id %q (a server remembers its last %d jobs)", id, maxJobHistory)
	}
	return r.copyJob(job), nil
}

// copyJob copies a job for a caller. mu is held.
func (r *Runner) copyJob(job *news.Job) news.Job {
	out := *job
	out.Sites = slices.Clone(job.Sites)
	out.Progress = slices.Clone(job.Progress)
	return out
}

// Stats reports the jobs remembered by state, the jobs started and the
// pages of the finished crawl jobs, for /metrics.
func (r *Runner) Stats() news.JobStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	st := news.JobStats{Jobs: map[string]int{}, Started: r.started, Pages: r.pages}
	for _, j := range r.jobs {
		st.Jobs[j.State]++
	}
	return st
}

// Close cancels a running job and waits for it to stop; the crawl state
// keeps an interrupted crawl, which the next one resumes.
func (r *Runner) Close() error {
	r.cancel()
	r.wg.Wait()
	return nil
}

// jobPlan is what a validated request will do.
type jobPlan struct {
	mode    crawler.Mode
	sites   []crawler.Site
	opts    CrawlOptions
	reindex bool
}

// plan turns a request into sites to crawl, with the profiles and
// settings recorded in the crawl state and the request's overrides.
func (r *Runner) plan(req news.JobRequest) (jobPlan, error) {
	var p jobPlan
	switch req.Kind {
	case JobCrawl, JobRecrawl, JobReindex:
	default:
		return p, news.Errorf(news.EInvalid, "kind must be \"crawl\", \"recrawl\" or \"reindex\", not %q", req.Kind)
	}
	known, settings, err := SavedSites(r.dir)
	if err != nil {
		if errors.Is(err, crawler.ErrBusy) {
			return p, news.Errorf(news.EUnavailable, "another process is crawling into this data directory; try again when it is done")
		}
		return p, err
	}
	p.opts = requestOptions(req, settings)
	if err := p.opts.Validate(); err != nil {
		return p, err
	}
	if req.Kind == JobReindex {
		p.reindex = true
		return p, nil
	}
	p.mode = crawler.Full
	if req.Kind == JobRecrawl {
		p.mode = crawler.Incremental
	}
	for _, name := range req.Sites {
		i := slices.IndexFunc(known, func(s crawler.Site) bool { return s.Name == name })
		if i < 0 {
			return p, news.Errorf(news.EInvalid, "no site %q has been crawled into this data directory; crawl it once with kronika crawl --config", name)
		}
		p.sites = append(p.sites, known[i])
	}
	for _, s := range req.Seeds {
		if crawler.NormalizeURL(s) == "" {
			return p, news.Errorf(news.EInvalid, "seed %q is not an absolute http(s) URL", s)
		}
		p.sites = append(p.sites, crawler.Site{Seeds: []string{s}})
	}
	if len(p.sites) == 0 {
		if req.Kind == JobCrawl {
			return p, news.Errorf(news.EInvalid, "a crawl job needs sites or seeds")
		}
		p.sites = known
	}
	if len(p.sites) == 0 {
		return p, news.Errorf(news.EInvalid, "no site has been crawled into this data directory yet; nothing to re-crawl")
	}
	ApplyMaxPages(p.sites, req.MaxPages)
	return p, nil
}

// requestOptions are the crawl options of a job: the recorded settings,
// overridden by what the request sets.
func requestOptions(req news.JobRequest, settings crawler.Settings) CrawlOptions {
	o := CrawlOptions{
		Settings: settings, MaxPages: req.MaxPages, Rate: settings.Rate,
		UserAgent: req.UserAgent, Concurrency: req.Concurrency,
		IgnoreRobots: req.IgnoreRobots, AllowPrivate: req.AllowPrivate,
	}
	if o.Rate <= 0 {
		o.Rate = DefaultRate
	}
	if req.Rate != nil {
		o.Rate = *req.Rate
	}
	return o
}

func (r *Runner) run(job *news.Job, p jobPlan) {
	defer r.wg.Done()
	r.update(job.ID, func(j *news.Job) {
		now := time.Now().UTC()
		j.State, j.Started = news.JobRunning, &now
	})
	log := r.log.With("job", job.ID, "kind", job.Request.Kind)
	log.Info("job started")
	var (
		stats []crawler.Stats
		err   error
	)
	if p.reindex {
		var st ReindexStats
		st, err = Reindex(r.ctx, r.dir, log, r.ix, LivePlan())
		stats = []crawler.Stats{{Site: JobReindex, Fetched: st.Records, New: st.Documents, Failed: st.Failed, DurationMS: st.DurationMS}}
	} else {
		p.opts.Progress = func(pr crawler.Progress) { r.progress(job.ID, pr) }
		stats, err = Crawl(r.ctx, r.dir, log, r.ix, p.opts, nil, p.mode, p.sites)
	}
	r.update(job.ID, func(j *news.Job) {
		now := time.Now().UTC()
		j.Finished = &now
		j.Progress = nil
		j.Sites = append(j.Sites, stats...)
		for _, s := range stats {
			if !p.reindex {
				r.pages.Fetched += s.Fetched
				r.pages.New += s.New
				r.pages.Changed += s.Changed
				r.pages.Unchanged += s.Unchanged
				r.pages.Failed += s.Failed
				r.pages.Skipped += s.Skipped
				r.pages.Requests += s.Requests
				r.pages.Conditional += s.Conditional
				r.pages.DurationMS += s.DurationMS
			}
		}
		switch {
		case err != nil:
			j.State, j.Error = news.JobFailed, err.Error()
			log.Error("job failed", "err", err)
		case AllFailed(stats):
			j.State, j.Error = news.JobFailed, "every site failed; see the server log"
			log.Warn("job failed: every site failed")
		default:
			j.State = news.JobDone
			log.Info("job done")
		}
	})
	r.mu.Lock()
	r.running = ""
	r.mu.Unlock()
}

// progress records one site's progress in a running job.
func (r *Runner) progress(id string, pr crawler.Progress) {
	r.update(id, func(j *news.Job) {
		sp := news.SiteProgress{Site: pr.Site, Fetched: pr.Fetched, Failed: pr.Failed, Queued: pr.Queued}
		if i := slices.IndexFunc(j.Progress, func(s news.SiteProgress) bool { return s.Site == pr.Site }); i >= 0 {
			j.Progress[i] = sp
			return
		}
		j.Progress = append(j.Progress, sp)
	})
}

func (r *Runner) update(id string, f func(*news.Job)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if j, ok := r.jobs[id]; ok {
		f(j)
	}
}

// forgetOld drops the oldest finished jobs over maxJobHistory. mu is held.
func (r *Runner) forgetOld() {
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
