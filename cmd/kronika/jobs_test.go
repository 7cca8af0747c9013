package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// startServe runs `kronika serve` on a loopback port over dir until the
// test ends, and returns its server record.
func startServe(t *testing.T, dir string) *serverRecord {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-level", "error"},
			Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, stderr.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	cfg := Config{DataDir: dir}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if rec := runningServer(context.Background(), cfg.serverFile()); rec != nil {
			return rec
		}
	}
	t.Fatalf("serve did not start: %s", stderr.String())
	return nil
}

// TestHandOffToServe runs crawl, recrawl and reindex while `kronika serve`
// owns the data directory: each hands its job to the server through the
// admin API with the local token, waits for it and prints its summary.
func TestHandOffToServe(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 30, Seed: 21})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := t.TempDir()
	conf := dir + "/sites.yaml"
	if err := os.WriteFile(conf, []byte("crawler:\n  rate: 100\n  concurrency: 4\nsites:\n  - name: kurier\n    start_urls: ["+srv.URL+"/]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := startServe(t, dir)
	if info, err := os.Stat(dir + "/server.json"); err != nil || info.Mode().Perm() != 0o600 || rec.Token == "" {
		t.Fatalf("server.json: %v, mode %v, token %q", err, info.Mode(), rec.Token)
	}
	summary := func(args ...string) crawler.Stats {
		t.Helper()
		code, out, stderr := runCommand(t, append(args, "--data", dir, "--json", "--log-level", "info")...)
		if code != 0 {
			t.Fatalf("%s exited %d: %s", args[0], code, stderr)
		}
		if !strings.Contains(stderr, "handing the job to it") {
			t.Errorf("%s did not hand its job to serve: %s", args[0], stderr)
		}
		var sum struct{ Sites []crawler.Stats }
		if err := json.Unmarshal([]byte(out), &sum); err != nil || len(sum.Sites) != 1 {
			t.Fatalf("%s printed %q: %v", args[0], out, err)
		}
		return sum.Sites[0]
	}
	if st := summary("crawl", "--config", conf); st.Site != "kurier" || st.New != 30 {
		t.Errorf("crawl through serve: %+v, want 30 new articles", st)
	}
	gen.Edit(4)
	if st := summary("recrawl"); st.Changed != 1 || st.New != 0 {
		t.Errorf("recrawl through serve: %+v, want 1 changed", st)
	}
	if st := summary("reindex"); st.New != 30 {
		t.Errorf("reindex through serve: %+v, want 30 documents", st)
	}
	// The server's index answers with the edited article.
	var res index.Result
	getJSON(t, rec.Addr+"/api/v1/search?q=poprawiono", &res)
	if res.Total != 1 {
		t.Errorf("search for the correction: %d hits, want 1", res.Total)
	}
}

// TestJobRunner checks the runner's answers: one job at a time, unknown
// jobs, bad requests.
func TestJobRunner(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 20, Seed: 23, Latency: 20 * time.Millisecond})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	cfg := &Config{DataDir: t.TempDir(), LogFormat: "text", LogLevel: "error"}
	log := cfg.logger(io.Discard)
	ix, err := openIndex(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Jobs take the crawler settings recorded in the crawl state.
	if err := saveConfig(cfg.DataDir, &crawler.Config{Crawler: crawler.Settings{Rate: 50}}); err != nil {
		t.Fatal(err)
	}
	r, err := newJobRunner(cfg, log, ix)
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
