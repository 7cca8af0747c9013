package crawler

import (
	"context"
	"net/http/httptest"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler/crawltest"
)

// BenchmarkCrawlFetchParse crawls a generated site of 1,000 articles on a
// loopback port with politeness off: fetch, archive, parse and the crawl
// state, with a handler that keeps nothing. It is the baseline of
// BenchmarkCrawlIndex in cmd/kronika, which adds extraction and indexing.
func BenchmarkCrawlFetchParse(b *testing.B) {
	const articles = 1000
	srv := httptest.NewServer(crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 11}))
	defer srv.Close()
	var pages int
	var elapsed, cpu time.Duration
	for b.Loop() {
		archive, state := openStore(b, b.TempDir())
		cpu0 := processCPU()
		c, err := New(archive, state, WithRate(0), WithConcurrency(8), WithAllowPrivate(true))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		st, err := c.Crawl(context.Background(), Site{Name: "kurier", Seeds: []string{srv.URL + "/"}}, HandlerFunc(func(context.Context, []Page) error { return nil }))
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		cpu += processCPU() - cpu0
		pages += st.Fetched
		if st.New != articles {
			b.Fatalf("handed %d articles, want %d", st.New, articles)
		}
	}
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
	// The rate all the machine's cores would reach if idle, whatever
	// else runs.
	b.ReportMetric(float64(pages)/(cpu.Seconds()/float64(runtime.NumCPU())), "pages/s-cpu")
}

// processCPU is the processor time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseArticle measures the generic extractor on the golden
// pages: charset decoding and parsing, per page.
func BenchmarkParseArticle(b *testing.B) {
	pages := goldenPages(b)
	for b.Loop() { // b.Loop starts the timer
		for _, p := range pages {
			page, _, _ := DecodeHTML(p.raw, "")
			if _, err := ParseArticle(page, p.url, time.UTC); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(pages)), "ms/page")
}
