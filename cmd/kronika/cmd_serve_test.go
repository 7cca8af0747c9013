package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

// TestServeLifecycle runs serveWith on a real listener: the server record
// carries a local token the admin routes accept, the operator's token
// works too, and cancelling the context shuts down cleanly, removes the
// record and leaves the index closable.
func TestServeLifecycle(t *testing.T) {
	cfg := &Config{DataDir: t.TempDir(), LogFormat: "text", LogLevel: "error"}
	log := cfg.logger(io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ix, err := cfg.dir().OpenIndex(ctx, index.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	done := make(chan error, 1)
	opts := serveOptions{adminToken: "operator-token-0123456789"}
	go func() { done <- serveWith(ctx, cfg, log, ix, ln, opts, func(u string) { urls <- u }) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("serve returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	base = strings.TrimSuffix(base, "/")

	b, err := os.ReadFile(cfg.dir().ServerFile())
	if err != nil {
		t.Fatal(err)
	}
	var rec ingest.ServerRecord
	if err := json.Unmarshal(b, &rec); err != nil || len(rec.Token) < 32 {
		t.Fatalf("server record %s: %v", b, err)
	}
	tests := []struct {
		name, token string
		status      int
	}{
		// The job runner refuses a recrawl without site profiles (400): the
		// request got past authentication to the real runner.
		{"local token", rec.Token, http.StatusBadRequest},
		{"operator token", opts.adminToken, http.StatusBadRequest},
		{"wrong token", "nope", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/admin/recrawl", strings.NewReader(`{"kind":"recrawl"}`))
			req.Header.Set("Authorization", "Bearer "+tt.token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
		})
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(shutdownGrace + drainWait + 5*time.Second):
		t.Fatal("serve did not shut down")
	}
	if _, err := os.Stat(cfg.dir().ServerFile()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("server record left behind: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("close index: %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// TestServeFlagErrors checks that serve refuses settings out of range
// before it opens the index, saying which flag is wrong.
func TestServeFlagErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"negative rate", []string{"--rate-limit", "-1"}, "--rate-limit"},
		{"negative cache", []string{"--postings-cache-mb", "-5"}, "--postings-cache-mb"},
		{"huge cache", []string{"--postings-cache-mb", "99999999"}, "--postings-cache-mb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var stderr strings.Builder
			env := cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
			code := Run(context.Background(), append([]string{"serve", "--data", dir, "--addr", "127.0.0.1:0"}, tt.args...), env)
			if code != cli.ExitUsage || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want %d naming %s", code, stderr.String(), cli.ExitUsage, tt.want)
			}
			if _, err := os.Stat(dir + "/index"); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the index was created: %v", err)
			}
		})
	}
}

// lockedBuffer is a bytes.Buffer safe for a server's log and a test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeAsWired runs `kronika serve` as an operator would, without an
// operator token: the log says the admin API serves local commands only,
// other callers get the documented 404, and a request over the header cap
// gets the API's JSON error, not net/http's plain-text 431.
func TestServeAsWired(t *testing.T) {
	dir := t.TempDir()
	ix, err := ingest.Dir(dir).OpenIndex(context.Background(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var logs lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-format", "json"},
			cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &logs, Getenv: func(string) string { return "" }})
	}()
	defer func() {
		cancel()
		<-done
	}()
	cfg := Config{DataDir: dir}
	var rec *ingest.ServerRecord
	for deadline := time.Now().Add(20 * time.Second); rec == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		rec = cfg.runningServer(context.Background())
	}
	if rec == nil {
		t.Fatalf("serve did not start: %s", logs.String())
	}
	if !strings.Contains(logs.String(), `"admin_api":"local"`) {
		t.Errorf("serve's log does not say the admin API is local only: %s", logs.String())
	}
	resp, err := http.Post(rec.Addr+"/api/v1/admin/recrawl", "application/json", strings.NewReader(`{"kind":"recrawl"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "KRONIKA_ADMIN_TOKEN") {
		t.Errorf("admin route without a token: %d %s; want 404 saying how to enable it", resp.StatusCode, body)
	}
	resp, err = http.Get(rec.Addr + "/api/v1/search?q=" + strings.Repeat("a", 70<<10))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge || json.Unmarshal(body, &e) != nil || e.Error.Message == "" {
		t.Errorf("70 KiB URL: %d %q; want a JSON 431", resp.StatusCode, body)
	}
}
