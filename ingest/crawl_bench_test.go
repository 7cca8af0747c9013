package ingest

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"runtime"
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
		dir := Dir(b.TempDir())
		start := time.Now()
		stats, err := CrawlSites(context.Background(), dir, slog.New(slog.DiscardHandler),
			CrawlOptions{Concurrency: 8, AllowPrivate: true}, nil, crawler.Full, []crawler.Site{{Name: "kurier", Seeds: []string{srv.URL + "/"}}})
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

// BenchmarkRecrawlUnchanged crawls a generated site of 1,000 articles,
// then re-crawls it unchanged, and reports the re-crawl's requests: all
// conditional, none for an article, nothing re-indexed.
func BenchmarkRecrawlUnchanged(b *testing.B) {
	const articles = 1000
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 17})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := Dir(b.TempDir())
	log := slog.New(slog.DiscardHandler)
	site := []crawler.Site{{Name: "kurier", Seeds: []string{srv.URL + "/"}}}
	opts := CrawlOptions{Concurrency: 8, AllowPrivate: true}
	first, err := CrawlSites(context.Background(), dir, log, opts, nil, crawler.Full, site)
	if err != nil {
		b.Fatal(err)
	}
	var st crawler.Stats
	for b.Loop() {
		gen.ResetCounts()
		stats, err := CrawlSites(context.Background(), dir, log, opts, nil, crawler.Incremental, site)
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
