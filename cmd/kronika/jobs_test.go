package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
	"github.com/kronika/kronika/news"
)

// startServe runs `kronika serve` on a loopback port over dir until the
// test ends, and returns its server record.
func startServe(t *testing.T, dir string) *ingest.ServerRecord {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-level", "error"},
			cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }})
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
		if rec := cfg.runningServer(context.Background()); rec != nil {
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

// TestHandOffCarriesFlags checks that a command handing its job to a
// running serve loses nothing on the way: the politeness flags and the page
// cap reach the server's crawl, the summary counts the server's requests,
// and a site the server does not know is bad usage (exit 2), as it is
// without a server.
func TestHandOffCarriesFlags(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 30, Seed: 31})
	var mu sync.Mutex
	agents := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents[r.UserAgent()]++
		mu.Unlock()
		gen.ServeHTTP(w, r)
	}))
	defer srv.Close()
	dir := t.TempDir()
	startServe(t, dir)

	const ua = "kronika-handoff-test (ops@example.org)"
	code, out, stderr := runCommand(t, "crawl", "--data", dir, "--json", "--seed", srv.URL+"/",
		"--user-agent", ua, "--rate", "0", "--concurrency", "3", "--max-pages", "6", "--allow-private")
	if code != 0 {
		t.Fatalf("crawl through serve exited %d: %s", code, stderr)
	}
	var sum struct{ Sites []crawler.Stats }
	if err := json.Unmarshal([]byte(out), &sum); err != nil || len(sum.Sites) != 1 {
		t.Fatalf("crawl printed %q: %v", out, err)
	}
	st := sum.Sites[0]
	if st.Fetched == 0 || st.Fetched > 6 {
		t.Errorf("--max-pages 6 through serve: fetched %d pages", st.Fetched)
	}
	if st.Requests == 0 {
		t.Errorf("summary counts no requests though the server made them: %+v", st)
	}
	mu.Lock()
	if len(agents) != 1 || agents[ua] == 0 {
		t.Errorf("--user-agent through serve: the site saw %v, want only %q", agents, ua)
	}
	mu.Unlock()

	code, _, stderr = runCommand(t, "recrawl", "--data", dir, "--site", "nosuch")
	if code != cli.ExitUsage || !strings.Contains(stderr, `"nosuch"`) {
		t.Errorf("recrawl --site nosuch through serve: exit %d, %q; want %d naming the site", code, stderr, cli.ExitUsage)
	}
}

// TestJobRequestFromFlags checks which command-line options travel with a
// job handed to a server: those given, and the rate only when given (the
// server keeps the recorded rate otherwise).
func TestJobRequestFromFlags(t *testing.T) {
	rate := func(r float64) *float64 { return &r }
	for _, tc := range []struct {
		name string
		args []string
		want news.JobRequest
	}{
		{"defaults", nil, news.JobRequest{Kind: "recrawl"}},
		{"rate off", []string{"--rate", "0"}, news.JobRequest{Kind: "recrawl", Rate: rate(0)}},
		{"every option", []string{"--rate", "0.5", "--concurrency", "3", "--max-pages", "9", "--user-agent", "ua (a@b.pl)", "--ignore-robots", "--allow-private"},
			news.JobRequest{Kind: "recrawl", Rate: rate(0.5), Concurrency: 3, MaxPages: 9, UserAgent: "ua (a@b.pl)", IgnoreRobots: true, AllowPrivate: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cf crawlFlags
			cf.add(newFlagSet(cli.Env{Stderr: io.Discard}, "recrawl"))
			if err := cf.parse(tc.args); err != nil {
				t.Fatal(err)
			}
			got := cf.jobRequest("recrawl")
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
