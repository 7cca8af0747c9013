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
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
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
