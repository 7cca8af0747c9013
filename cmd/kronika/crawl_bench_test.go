package main

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
)

// BenchmarkCrawlIndex crawls a generated site of 1,000 articles on a
// loopback port with politeness off, through the whole pipeline: fetch,
// archive, parse, extract and index. It reports pages per second.
func BenchmarkCrawlIndex(b *testing.B) {
	const articles = 1000
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 11})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	var pages int
	var elapsed, cpu time.Duration
	for b.Loop() {
		cpu0 := processCPU()
		cfg := &Config{DataDir: b.TempDir(), LogFormat: "text", LogLevel: "error"}
		start := time.Now()
		stats, err := crawlSites(context.Background(), cfg, cfg.logger(io.Discard),
			crawlOptions{concurrency: 8, allowPrivate: true}, []crawler.Site{{Name: "kurier", Seeds: []string{srv.URL + "/"}}})
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		cpu += processCPU() - cpu0
		pages += stats[0].Fetched
		if stats[0].New != articles {
			b.Fatalf("indexed %d articles, want %d", stats[0].New, articles)
		}
	}
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
	// Other processes on a shared machine slow the wall clock down, not
	// the processor time: this is the rate two idle cores would reach.
	b.ReportMetric(float64(pages)/(cpu.Seconds()/float64(runtime.NumCPU())), "pages/s-cpu")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "MB-sys")
}

// processCPU is the processor time the process has used; the generated
// site's share is in it too.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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

// BenchmarkRecrawlUnchanged crawls a generated site of 1,000 articles,
// then re-crawls it unchanged, and reports the re-crawl's requests: all
// conditional, none for an article, nothing re-indexed.
func BenchmarkRecrawlUnchanged(b *testing.B) {
	const articles = 1000
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 17})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	cfg := &Config{DataDir: b.TempDir(), LogFormat: "text", LogLevel: "error"}
	log := cfg.logger(io.Discard)
	site := []crawler.Site{{Name: "kurier", Seeds: []string{srv.URL + "/"}}}
	opts := crawlOptions{concurrency: 8}
	first, err := crawlSites(context.Background(), cfg, log, opts, site)
	if err != nil {
		b.Fatal(err)
	}
	var st crawler.Stats
	for b.Loop() {
		gen.ResetCounts()
		stats, err := crawlSitesMode(context.Background(), cfg, log, opts, nil, crawler.Incremental, site)
		if err != nil {
			b.Fatal(err)
		}
		st = stats[0]
	}
	c := gen.Counts()
	if c.Requests != c.Conditional || c.Articles != 0 || st.New+st.Changed != 0 {
		b.Errorf("re-crawl of an unchanged site: server saw %+v, stats %+v", c, st)
	}
	b.ReportMetric(float64(c.Requests), "requests")
	b.ReportMetric(float64(c.Conditional), "conditional")
	b.ReportMetric(float64(c.NotModified), "304s")
	b.ReportMetric(float64(c.Articles), "article-requests")
	b.ReportMetric(float64(st.New+st.Changed), "reindexed")
	b.ReportMetric(float64(first[0].Requests), "first-crawl-requests")
}
