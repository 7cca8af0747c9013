package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/news"
)

// jobPollEvery is how often a command asks the server about its job.
const jobPollEvery = 500 * time.Millisecond

// HandOff gives a job to the server of rec, which owns the data
// directory, and waits for it to finish, calling progress (when not nil)
// with the job each time it is polled. It returns the finished job; a job
// that failed in the server is returned with an error saying so. A request
// the server refuses as invalid is a news.EInvalid error, so that the
// command exits as for bad usage.
func HandOff(ctx context.Context, rec *ServerRecord, req news.JobRequest, progress func(news.Job)) (news.Job, error) {
	if rec.Token == "" {
		return news.Job{}, fmt.Errorf("kronika serve (pid %d) owns the data directory but published no local token; stop it, or ask it through its admin API", rec.PID)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	job, err := postJob(ctx, client, rec, req)
	if err != nil {
		return job, err
	}
	for job.State == news.JobQueued || job.State == news.JobRunning {
		if progress != nil {
			progress(job)
		}
		select {
		case <-ctx.Done():
			return job, fmt.Errorf("stopped waiting; job %s goes on in kronika serve (GET %s/api/v1/admin/jobs/%s): %w", job.ID, rec.Addr, job.ID, ctx.Err())
		case <-time.After(jobPollEvery):
		}
		if job, err = getJob(ctx, client, rec, job.ID); err != nil {
			return job, err
		}
	}
	if job.State == news.JobFailed {
		return job, fmt.Errorf("job %s failed in kronika serve: %s", job.ID, job.Error)
	}
	return job, nil
}

// SaveConfig records a configuration's profiles and settings in the crawl
// state of dir, under the crawl lock, where later runs and a server's jobs
// read them.
func SaveConfig(dir Dir, conf *crawler.Config) error {
	lock, err := crawler.AcquireLock(string(dir))
	if err != nil {
		return err
	}
	defer lock.Release()
	state, err := crawler.OpenState(string(dir), nil)
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

func postJob(ctx context.Context, client *http.Client, rec *ServerRecord, req news.JobRequest) (news.Job, error) {
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

func getJob(ctx context.Context, client *http.Client, rec *ServerRecord, id string) (news.Job, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, rec.Addr+"/api/v1/admin/jobs/"+url.PathEscape(id), nil)
	if err != nil {
		return news.Job{}, err
	}
	return doJob(client, rec, hreq)
}

// doJob sends an admin request and decodes the job it answers.
func doJob(client *http.Client, rec *ServerRecord, hreq *http.Request) (news.Job, error) {
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
		if resp.StatusCode == http.StatusBadRequest {
			return news.Job{}, news.Errorf(news.EInvalid, "kronika serve refused the job: %s", msg)
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
