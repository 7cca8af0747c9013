package ingest

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// TestJobRunner checks the runner's answers: one job at a time, unknown
// jobs, bad requests.
func TestJobRunner(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 20, Seed: 23, Latency: 20 * time.Millisecond})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := Dir(t.TempDir())
	log := slog.New(slog.DiscardHandler)
	ix, err := dir.OpenIndex(context.Background(), index.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Jobs take the crawler settings recorded in the crawl state.
	if err := SaveConfig(dir, &crawler.Config{Crawler: crawler.Settings{Rate: 50}}); err != nil {
		t.Fatal(err)
	}
	r, err := NewRunner(dir, log, ix)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		req  news.JobRequest
		code string
	}{
		{"unknown kind", news.JobRequest{Kind: "delete"}, news.EInvalid},
		{"crawl without seeds", news.JobRequest{Kind: "crawl"}, news.EInvalid},
		{"bad seed", news.JobRequest{Kind: "crawl", Seeds: []string{"ftp://a.pl/"}}, news.EInvalid},
		{"recrawl of nothing", news.JobRequest{Kind: "recrawl"}, news.EInvalid},
		{"unknown site", news.JobRequest{Kind: "recrawl", Sites: []string{"nieznana"}}, news.EInvalid},
		{"negative cap", news.JobRequest{Kind: "crawl", Seeds: []string{srv.URL + "/"}, MaxPages: -1}, news.EInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := r.Start(ctx, tc.req); news.ErrorCode(err) != tc.code {
				t.Errorf("got %v, want a %s error", err, tc.code)
			}
		})
	}
	job, err := r.Start(ctx, news.JobRequest{Kind: "crawl", Seeds: []string{srv.URL + "/"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Start(ctx, news.JobRequest{Kind: "crawl", Seeds: []string{srv.URL + "/"}}); news.ErrorCode(err) != news.EUnavailable {
		t.Errorf("second job while one runs: %v, want unavailable", err)
	}
	if _, err := r.Job("nie-ma"); news.ErrorCode(err) != news.ENotFound {
		t.Errorf("unknown job: %v, want not found", err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if job, err = r.Job(job.ID); err != nil {
			t.Fatal(err)
		}
		if job.State == news.JobDone || job.State == news.JobFailed || time.Now().After(deadline) {
			break
		}
	}
	if job.State != news.JobDone || len(job.Sites) != 1 || job.Sites[0].New != 20 || job.Started == nil || job.Finished == nil {
		t.Fatalf("job %+v, want done with 20 new articles", job)
	}
	if st := r.Stats(); st.Started != 1 || st.Jobs[news.JobDone] != 1 || st.Pages.New != 20 {
		t.Errorf("stats %+v, want one done job with 20 new pages", st)
	}
	if _, err := r.Start(ctx, news.JobRequest{Kind: "recrawl"}); err != nil {
		t.Errorf("recrawl of the crawled site: %v", err)
	}
}

// TestJobProgress checks that a running crawl job shows its sites'
// progress, which a command waiting for the job prints, and drops it once
// the job is done.
func TestJobProgress(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 12, Seed: 29, Latency: 150 * time.Millisecond})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := Dir(t.TempDir())
	ix, err := dir.OpenIndex(context.Background(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err := NewRunner(dir, nil, ix)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rate := 0.0
	job, err := r.Start(context.Background(), news.JobRequest{Kind: JobCrawl, Seeds: []string{srv.URL + "/"}, Rate: &rate, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	var seen news.SiteProgress
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if job, err = r.Job(job.ID); err != nil {
			t.Fatal(err)
		}
		if len(job.Progress) == 1 && job.Progress[0].Fetched > 0 {
			seen = job.Progress[0]
		}
		if job.State == news.JobDone || job.State == news.JobFailed {
			break
		}
	}
	if job.State != news.JobDone {
		t.Fatalf("job %+v, want done", job)
	}
	if seen.Site == "" {
		t.Error("the running job never showed its site's progress")
	}
	if len(job.Progress) != 0 {
		t.Errorf("finished job still shows progress %+v", job.Progress)
	}
}
