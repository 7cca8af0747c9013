package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
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
