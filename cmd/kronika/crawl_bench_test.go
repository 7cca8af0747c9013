package main

import (
	"bytes"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/kronika/kronika/crawler/crawltest"
)

// BenchmarkFrontier100k runs `kronika crawl` in a child process on a
// site whose sitemap and listings announce 100,000 articles, capped at
// 2,000 pages, so that the frontier holds 100,000 URLs, and reports the
// child's peak resident memory; the baseline is the same crawl of a site
// of 2,000 articles.
func BenchmarkFrontier100k(b *testing.B) {
	var big, small int64
	for b.Loop() {
		big = max(big, crawlChildRSS(b, 100_000))
		small = max(small, crawlChildRSS(b, 2_000))
	}
	b.ReportMetric(float64(big)/1024, "MB-maxrss")
	b.ReportMetric(float64(small)/1024, "MB-maxrss-2k-site")
}

// crawlChildRSS crawls 2,000 pages of a generated site of the given size
// in a child process and returns its peak resident memory in KiB.
func crawlChildRSS(b *testing.B, articles int) int64 {
	b.Helper()
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, PerPage: 200, Seed: 13})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := b.TempDir()
	args := []string{"crawl", "--data", dir, "--seed", srv.URL + "/", "--rate", "0", "--concurrency", "8", "--max-pages", "2000", "--log-level", "warn"}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCommand$")
	cmd.Env = append(os.Environ(), helperEnv+"="+strings.Join(args, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("crawl: %v\n%s", err, stderr.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
