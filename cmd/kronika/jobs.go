package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/kronika/kronika/api"
	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

var (
	_ api.Jobs          = (*jobRunner)(nil)
	_ api.StatsReporter = (*jobRunner)(nil)
)

// Job kinds besides "crawl" and "recrawl".
const jobReindex = "reindex"

// maxJobHistory is how many finished jobs a server remembers.
const maxJobHistory = 100

// jobRunner runs crawl, re-crawl and reindex jobs inside `kronika serve`,
// one at a time, on the index the server owns. It implements api.Jobs.
type jobRunner struct {
	cfg *Config
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

// newJobRunner returns the job runner of a server that owns ix in the data
// directory of cfg. Close it before closing ix.
func newJobRunner(cfg *Config, log *slog.Logger, ix *index.Index) (*jobRunner, error) {
	if cfg == nil || ix == nil {
		return nil, errors.New("job runner needs a configuration and an open index")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &jobRunner{cfg: cfg, log: log, ix: ix, ctx: ctx, cancel: cancel, jobs: map[string]*news.Job{}}, nil
}

// Start validates req and starts it as a job. While another job runs it
// returns a news.EUnavailable error.
func (r *jobRunner) Start(_ context.Context, req news.JobRequest) (news.Job, error) {
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
	out.Sites = slices.Clone(job.Sites)
	return out, nil
}

// Stats reports the jobs remembered by state, the jobs started and the
// pages of the finished crawl jobs, for /metrics.
func (r *jobRunner) Stats() api.JobStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	st := api.JobStats{Jobs: map[string]int{}, Started: r.started, Pages: r.pages}
	for _, j := range r.jobs {
		st.Jobs[j.State]++
	}
	return st
}

// Close cancels a running job and waits for it to stop; the crawl state
// keeps an interrupted crawl, which the next one resumes.
func (r *jobRunner) Close() error {
	r.cancel()
	r.wg.Wait()
	return nil
}

// jobPlan is what a validated request will do.
type jobPlan struct {
	mode     crawler.Mode
	sites    []crawler.Site
	settings crawler.Settings
	reindex  bool
}

// plan turns a request into sites to crawl, with the profiles and
// settings recorded in the crawl state.
func (r *jobRunner) plan(req news.JobRequest) (jobPlan, error) {
	var p jobPlan
	if req.MaxPages < 0 {
		return p, news.Errorf(news.EInvalid, "max_pages must be 0 (no cap) or more, not %d", req.MaxPages)
	}
	switch req.Kind {
	case "crawl", "recrawl", jobReindex:
	default:
		return p, news.Errorf(news.EInvalid, "kind must be \"crawl\", \"recrawl\" or \"reindex\", not %q", req.Kind)
	}
	known, settings, err := savedSites(r.cfg.DataDir)
	if err != nil {
		if errors.Is(err, crawler.ErrBusy) {
			return p, news.Errorf(news.EUnavailable, "another process is crawling into this data directory; try again when it is done")
		}
		return p, err
	}
	p.settings = settings
	if req.Kind == jobReindex {
		p.reindex = true
		return p, nil
	}
	p.mode = crawler.Full
	if req.Kind == "recrawl" {
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
		if req.Kind == "crawl" {
			return p, news.Errorf(news.EInvalid, "a crawl job needs sites or seeds")
		}
		p.sites = known
	}
	if len(p.sites) == 0 {
		return p, news.Errorf(news.EInvalid, "no site has been crawled into this data directory yet; nothing to re-crawl")
	}
	applyMaxPages(p.sites, req.MaxPages)
	return p, nil
}

// savedSites reads the site profiles and settings of the crawl state.
func savedSites(dataDir string) ([]crawler.Site, crawler.Settings, error) {
	state, err := crawler.OpenState(dataDir)
	if err != nil {
		return nil, crawler.Settings{}, err
	}
	defer state.Close()
	sites, err := state.Sites()
	if err != nil {
		return nil, crawler.Settings{}, err
	}
	settings, _, err := state.Settings()
	return sites, settings, err
}

func (r *jobRunner) run(job *news.Job, p jobPlan) {
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
		var st reindexStats
		st, err = reindexInto(r.ctx, r.cfg, log, r.ix, livePlan())
		stats = []crawler.Stats{{Site: "reindex", Fetched: st.Records, New: st.Documents, Failed: st.Failed, DurationMS: st.DurationMS}}
	} else {
		rate := p.settings.Rate
		if rate <= 0 {
			rate = 2
		}
		opts := crawlOptions{settings: p.settings, rate: rate}
		stats, err = crawlInto(r.ctx, r.cfg, log, r.ix, opts, nil, p.mode, p.sites)
	}
	r.update(job.ID, func(j *news.Job) {
		now := time.Now().UTC()
		j.Finished = &now
		for _, s := range stats {
			sum := siteSummary(s)
			j.Sites = append(j.Sites, sum)
			if !p.reindex {
				r.pages.Fetched += sum.Fetched
				r.pages.New += sum.New
				r.pages.Changed += sum.Changed
				r.pages.Unchanged += sum.Unchanged
				r.pages.Failed += sum.Failed
				r.pages.Skipped += sum.Skipped
				r.pages.DurationMS += sum.DurationMS
			}
		}
		switch {
		case err != nil:
			j.State, j.Error = news.JobFailed, err.Error()
			log.Error("job failed", "err", err)
		case allFailed(stats):
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

func siteSummary(s crawler.Stats) news.SiteSummary {
	return news.SiteSummary{Site: s.Site, Fetched: s.Fetched, New: s.New, Changed: s.Changed, Unchanged: s.Unchanged,
		Failed: s.Failed, Skipped: s.Skipped, DurationMS: s.DurationMS}
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

// jobPollEvery is how often a command asks the server about its job.
const jobPollEvery = 500 * time.Millisecond

// handOff gives a job to the kronika serve that owns the data directory,
// waits for it and prints its summary. The site profiles of conf, if any,
// are first recorded in the crawl state, where the server reads them.
func handOff(ctx context.Context, env Env, cfg *Config, log *slog.Logger, rec *serverRecord, conf *crawler.Config, req news.JobRequest, asJSON bool) error {
	if rec.Token == "" {
		return fmt.Errorf("kronika serve (pid %d) owns %s but published no local token; stop it, or ask it through its admin API", rec.PID, cfg.DataDir)
	}
	if conf != nil {
		if err := saveConfig(cfg.DataDir, conf); err != nil {
			return err
		}
	}
	log.Info("kronika serve owns the data directory; handing the job to it", "server", rec.Addr, "pid", rec.PID, "kind", req.Kind)
	client := &http.Client{Timeout: 30 * time.Second}
	job, err := postJob(ctx, client, rec, req)
	if err != nil {
		return err
	}
	log.Info("job started in kronika serve", "job", job.ID)
	for job.State == news.JobQueued || job.State == news.JobRunning {
		select {
		case <-ctx.Done():
			return fmt.Errorf("stopped waiting; job %s goes on in kronika serve (GET %s/api/v1/admin/jobs/%s): %w", job.ID, rec.Addr, job.ID, ctx.Err())
		case <-time.After(jobPollEvery):
		}
		if job, err = getJob(ctx, client, rec, job.ID); err != nil {
			return err
		}
	}
	stats := make([]crawler.Stats, len(job.Sites))
	for i, s := range job.Sites {
		stats[i] = crawler.Stats{Site: s.Site, Fetched: s.Fetched, New: s.New, Changed: s.Changed, Unchanged: s.Unchanged, Failed: s.Failed, Skipped: s.Skipped, DurationMS: s.DurationMS}
	}
	var jobErr error
	if job.State == news.JobFailed {
		jobErr = fmt.Errorf("job %s failed in kronika serve: %s", job.ID, job.Error)
	}
	return finishRun(env.Stdout, stats, jobErr, asJSON)
}

// saveConfig records a configuration's profiles and settings in the crawl
// state, under the crawl lock.
func saveConfig(dataDir string, conf *crawler.Config) error {
	lock, err := crawler.AcquireLock(dataDir)
	if err != nil {
		return err
	}
	defer lock.Release()
	state, err := crawler.OpenState(dataDir)
	if err != nil {
		return err
	}
	defer state.Close()
	if err := state.SaveSettings(conf.Crawler); err != nil {
		return fmt.Errorf("record settings: %w", err)
	}
	if err := state.SaveSites(conf.Sites); err != nil {
		return fmt.Errorf("record site profiles: %w", err)
	}
	return nil
}

func postJob(ctx context.Context, client *http.Client, rec *serverRecord, req news.JobRequest) (news.Job, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return news.Job{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, rec.Addr+"/api/v1/admin/recrawl", bytes.NewReader(body))
	if err != nil {
		return news.Job{}, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	return doJob(client, rec, hreq)
}

func getJob(ctx context.Context, client *http.Client, rec *serverRecord, id string) (news.Job, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, rec.Addr+"/api/v1/admin/jobs/"+url.PathEscape(id), nil)
	if err != nil {
		return news.Job{}, err
	}
	return doJob(client, rec, hreq)
}

// doJob sends an admin request and decodes the job it answers.
func doJob(client *http.Client, rec *serverRecord, hreq *http.Request) (news.Job, error) {
	hreq.Header.Set("Authorization", "Bearer "+rec.Token)
	resp, err := client.Do(hreq)
	if err != nil {
		return news.Job{}, fmt.Errorf("ask kronika serve at %s: %w", rec.Addr, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return news.Job{}, fmt.Errorf("read answer of kronika serve: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		msg := string(b)
		if json.Unmarshal(b, &e) == nil && e.Error.Message != "" {
			msg = e.Error.Message
		}
		return news.Job{}, fmt.Errorf("kronika serve answered %d: %s", resp.StatusCode, msg)
	}
	var job news.Job
	if err := json.Unmarshal(b, &job); err != nil || job.ID == "" {
		var wrapped struct {
			Job news.Job `json:"job"`
		}
		if json.Unmarshal(b, &wrapped) != nil || wrapped.Job.ID == "" {
			return news.Job{}, fmt.Errorf("kronika serve answered no job: %.200s", b)
		}
		job = wrapped.Job
	}
	return job, nil
}
