package api

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/internal/benchcorpus"
	"github.com/kronika/kronika/news"
)

// The load benchmarks run against a large index kept between runs in
// $KRONIKA_BENCH_INDEX (built there from the synthetic benchmark corpus
// on first use, which takes a while). Without the variable they are
// skipped. $KRONIKA_BENCH_DOCS sets the corpus size (default 100000),
// $KRONIKA_BENCH_CLIENTS the concurrency (default 16),
// $KRONIKA_BENCH_SECONDS the length of each run (default 20) and
// $KRONIKA_BENCH_RATE, when set, adds an open-loop run at that many
// requests per second. $KRONIKA_BENCH_KIND limits BenchmarkQueryCost to
// one kind of query (for profiling it alone). $KRONIKA_BENCH_CACHE_MB
// sets the postings cache's budget in MiB, 0 turning it off (default
// index.DefaultPostingsCacheBytes).
//
//	KRONIKA_BENCH_INDEX=/tmp/kronika-bench go test ./api -run '^$' -bench Load -benchtime 1x -timeout 2h

func benchEnvInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// benchCacheBytes reads $KRONIKA_BENCH_CACHE_MB as
// index.Options.PostingsCacheBytes.
func benchCacheBytes() int64 {
	v, err := strconv.Atoi(os.Getenv("KRONIKA_BENCH_CACHE_MB"))
	switch {
	case err != nil:
		return 0 // the default
	case v <= 0:
		return -1 // off
	}
	return int64(v) << 20
}

// benchIndex opens the benchmark index, building it first when missing.
func benchIndex(b *testing.B) (*index.Index, *benchcorpus.Corpus) {
	b.Helper()
	dir := os.Getenv("KRONIKA_BENCH_INDEX")
	if dir == "" {
		b.Skip("set KRONIKA_BENCH_INDEX to a directory for the benchmark index")
	}
	n := benchEnvInt("KRONIKA_BENCH_DOCS", 100000)
	corpus, err := benchcorpus.New(benchcorpus.Config{N: n, Seed: benchcorpus.DefaultSeed})
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("index-%d", n))
	ix, err := index.Open(path, index.Options{PostingsCacheBytes: benchCacheBytes()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		b.Logf("postings cache: %+v", ix.PostingsCache())
		ix.Close()
	})
	have, err := ix.Count()
	if err != nil {
		b.Fatal(err)
	}
	if int(have) < n {
		b.Logf("building a %d-document index in %s (have %d)", n, path, have)
		buildBenchIndex(b, ix, corpus, int(have))
	}
	return ix, corpus
}

// buildBenchIndex indexes the corpus from document start on, generating
// documents on two goroutines while the index analyses the batches.
func buildBenchIndex(b *testing.B, ix *index.Index, corpus *benchcorpus.Corpus, start int) {
	const batch = 500
	begin := time.Now()
	batches := make(chan []news.Document, 2)
	go func() {
		defer close(batches)
		for lo := start - start%batch; lo < corpus.Len(); lo += batch {
			docs := make([]news.Document, 0, batch)
			for i := lo; i < min(lo+batch, corpus.Len()); i++ {
				docs = append(docs, corpus.Document(i))
			}
			batches <- docs
		}
	}()
	done := start - start%batch
	for docs := range batches {
		if err := ix.Put(context.Background(), docs...); err != nil {
			b.Fatal(err)
		}
		done += len(docs)
		if done%10000 == 0 {
			b.Logf("indexed %d documents in %s", done, time.Since(begin).Round(time.Second))
		}
	}
}

// Kinds of benchmark queries.
const (
	kindHeadline = "headline word"
	kindTwoWords = "two headline words"
	kindSurname  = "declined surname"
	kindPerson   = "person: field"
	kindPlace    = "place as written"
)

// benchKinds lists the kinds in the order benchQueries cycles through.
var benchKinds = []string{kindHeadline, kindTwoWords, kindSurname, kindPerson, kindPlace}

// benchQuery is one query of the mix and its kind.
type benchQuery struct{ kind, text string }

// benchQueries derives a query mix from the corpus, as a newsroom might
// type it: a word of a headline (two in a fifth of the queries), a
// surname as the text declines it, a person: field query, and a place as
// written in the text; a document without the person or place a kind
// needs gives a headline word instead. Every query asks for five facets.
func benchQueries(corpus *benchcorpus.Corpus, n int) []benchQuery {
	rng := rand.New(rand.NewPCG(7, 11))
	word := func(s string) string {
		words := strings.Fields(s)
		for range 20 {
			w := strings.Trim(words[rng.IntN(len(words))], ".,;:!?\"()„”–")
			if utf8.RuneCountInString(w) >= 5 {
				return w
			}
		}
		return "wizyta"
	}
	lastWord := func(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }
	// mention is one of an entity's mentions as the text writes it, or its
	// name when none is recorded.
	mention := func(name string, mentions []string) string {
		if len(mentions) == 0 {
			return name
		}
		return mentions[rng.IntN(len(mentions))]
	}
	var out []benchQuery
	for len(out) < n {
		d := corpus.Document(rng.IntN(corpus.Len()))
		var q benchQuery
		switch kind := benchKinds[len(out)%len(benchKinds)]; {
		case kind == kindTwoWords:
			q = benchQuery{kind, word(d.Title) + " " + word(d.Title)}
		case kind == kindSurname && len(d.Extraction.People) > 0:
			p := d.Extraction.People[rng.IntN(len(d.Extraction.People))]
			q = benchQuery{kind, lastWord(mention(p.Name, p.Mentions))}
		case kind == kindPerson && len(d.Extraction.People) > 0:
			q = benchQuery{kind, "person:" + lastWord(d.Extraction.People[0].Name)}
		case kind == kindPlace && len(d.Extraction.Places) > 0:
			p := d.Extraction.Places[rng.IntN(len(d.Extraction.Places))]
			q = benchQuery{kind, mention(p.Name, p.Mentions)}
		default: // a headline word, also where the document lacks what the kind needs
			q = benchQuery{kindHeadline, word(d.Title)}
		}
		out = append(out, q)
	}
	return out
}

// loadResult sums up one load run.
type loadResult struct {
	requests, errors int
	elapsed          time.Duration
	p50, p90, p99    time.Duration
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests, %d errors, %.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms",
		r.requests, r.errors, float64(r.requests)/r.elapsed.Seconds(),
		ms(r.p50), ms(r.p90), ms(r.p99))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// runLoad sends GET requests for paths from clients goroutines over
// loopback for d. With rate 0 the loop is closed: each client sends its
// next request when the last is answered, walking the paths from its own
// offset. With a rate, requests are scheduled at that many per second and
// taken by whichever client is free; latency counts from the scheduled
// time, so that a server falling behind shows its queue in the figures
// instead of slowing the load down (coordinated omission).
func runLoad(b *testing.B, base string, paths []string, clients int, rate float64, d time.Duration) loadResult {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	start := time.Now()
	deadline := start.Add(d)
	type job struct {
		path string
		at   time.Time
	}
	var jobs chan job
	if rate > 0 {
		jobs = make(chan job, int(rate*d.Seconds())+1)
		go func() {
			defer close(jobs)
			interval := time.Duration(float64(time.Second) / rate)
			for i := 0; ; i++ {
				at := start.Add(time.Duration(i) * interval)
				if !at.Before(deadline) {
					return
				}
				time.Sleep(time.Until(at))
				jobs <- job{paths[i%len(paths)], at}
			}
		}()
	}
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			get := func(path string, from time.Time) {
				resp, err := client.Get(base + path)
				if err != nil {
					bad++
					return
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					bad++
					return
				}
				mine = append(mine, time.Since(from))
			}
			if jobs != nil {
				for j := range jobs {
					get(j.path, j.at)
				}
			} else {
				for i := c * len(paths) / clients; time.Now().Before(deadline); i++ {
					get(paths[i%len(paths)], time.Now())
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	return loadResult{requests: len(lat) + errs, errors: errs, elapsed: elapsed, p50: q(.50), p90: q(.90), p99: q(.99)}
}

func benchServer(b *testing.B, ix *index.Index) *httptest.Server {
	b.Helper()
	an, err := index.NewAnalyzers()
	if err != nil {
		b.Fatal(err)
	}
	h, err := New(Config{Index: ix, Analyzers: an})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return srv
}

func reportLoad(b *testing.B, name string, r loadResult) {
	b.Logf("%s: %s", name, r)
	b.ReportMetric(float64(r.requests)/r.elapsed.Seconds(), "req/s")
	b.ReportMetric(ms(r.p50), "p50-ms")
	b.ReportMetric(ms(r.p99), "p99-ms")
	b.ReportMetric(float64(r.errors), "errors")
}

// BenchmarkLoadSearch: q plus five facets, 16 clients over loopback.
func BenchmarkLoadSearch(b *testing.B) {
	ix, corpus := benchIndex(b)
	srv := benchServer(b, ix)
	queries := benchQueries(corpus, 2000)
	paths := make([]string, len(queries))
	for i, q := range queries {
		paths[i] = "/api/v1/search?q=" + url.QueryEscape(q.text) + "&facets=person,institution,place,site,month"
	}
	loadRuns(b, "search", srv.URL, paths, 100)
}

// BenchmarkLoadEntityPage: entity pages of the corpus's people and places,
// 16 clients over loopback.
func BenchmarkLoadEntityPage(b *testing.B) {
	ix, corpus := benchIndex(b)
	srv := benchServer(b, ix)
	rng := rand.New(rand.NewPCG(3, 5))
	var paths []string
	for len(paths) < 1000 {
		d := corpus.Document(rng.IntN(corpus.Len()))
		for _, p := range d.Extraction.People {
			paths = append(paths, "/api/v1/entities/person/"+url.PathEscape(p.Name))
		}
		for _, p := range d.Extraction.Places {
			paths = append(paths, "/api/v1/entities/place/"+url.PathEscape(p.Name))
		}
		for _, p := range d.Extraction.Institutions {
			paths = append(paths, "/api/v1/entities/institution/"+url.PathEscape(p.Name))
		}
	}
	loadRuns(b, "entity page", srv.URL, paths, 100)
}

// BenchmarkDrillDownCost measures what BenchmarkQueryCost does for the
// next step of a search: each query of the mix again, filtered by its
// own most frequent person (a click on the first person facet), with the
// same five facets. Reported for the second pass over the 1,000
// drill-downs, the first having built the facet table.
func BenchmarkDrillDownCost(b *testing.B) {
	ix, corpus := benchIndex(b)
	facets := []string{index.FacetPerson, index.FacetInstitution, index.FacetPlace, index.FacetSite, index.FacetMonth}
	ctx := context.Background()
	var reqs []index.Request
	for _, q := range benchQueries(corpus, 1000) {
		r, err := ix.Search(ctx, index.Request{Query: q.text, Size: 1, Facets: []string{index.FacetPerson}})
		if err != nil {
			b.Fatal(err)
		}
		if p := r.Facets[index.FacetPerson]; len(p) > 0 {
			reqs = append(reqs, index.Request{Query: q.text, People: []string{p[0].Value}, Facets: facets})
		}
	}
	b.ResetTimer()
	for range b.N {
		var costs []time.Duration
		for pass := range 2 {
			costs = costs[:0]
			for _, r := range reqs {
				t0 := cpuTime()
				if _, err := ix.Search(ctx, r); err != nil {
					b.Fatalf("%+v: %v", r, err)
				}
				if pass == 1 {
					costs = append(costs, cpuTime()-t0)
				}
			}
		}
		mean, text := cpuSummary(costs)
		b.Logf("CPU per drill-down, %d: %s", len(costs), text)
		b.ReportMetric(ms(mean), "cpu-ms/query")
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkQueryCost runs the search mix one query at a time, in process,
// and reports the CPU time each query costs, overall and by kind of
// query: a figure that other work on a shared machine does not inflate
// the way it inflates latency under load.
func BenchmarkQueryCost(b *testing.B) {
	ix, corpus := benchIndex(b)
	queries := benchQueries(corpus, 1000)
	facets := []string{index.FacetPerson, index.FacetInstitution, index.FacetPlace, index.FacetSite, index.FacetMonth}
	ctx := context.Background()
	if _, err := ix.Search(ctx, index.Request{Facets: facets}); err != nil { // builds the facet table
		b.Fatal(err)
	}
	kind := os.Getenv("KRONIKA_BENCH_KIND")
	b.ResetTimer()
	for range b.N {
		costs := map[string][]time.Duration{}
		var all []time.Duration
		for _, q := range queries {
			if kind != "" && q.kind != kind {
				continue
			}
			t0 := cpuTime()
			if _, err := ix.Search(ctx, index.Request{Query: q.text, Facets: facets}); err != nil {
				b.Fatalf("%q: %v", q.text, err)
			}
			d := cpuTime() - t0
			costs[q.kind] = append(costs[q.kind], d)
			all = append(all, d)
		}
		mean, text := cpuSummary(all)
		b.Logf("CPU per query, all %d: %s", len(all), text)
		for _, kind := range benchKinds {
			_, text := cpuSummary(costs[kind])
			b.Logf("CPU per query, %s (%d): %s", kind, len(costs[kind]), text)
		}
		b.ReportMetric(ms(mean), "cpu-ms/query")
	}
}

// cpuSummary sorts CPU times and returns their mean and a line of mean,
// median, p90 and p99 ("-" for none).
func cpuSummary(ds []time.Duration) (time.Duration, string) {
	if len(ds) == 0 {
		return 0, "-"
	}
	slices.Sort(ds)
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	mean := sum / time.Duration(len(ds))
	return mean, fmt.Sprintf("mean %.1f ms, median %.1f ms, p90 %.1f ms, p99 %.1f ms",
		ms(mean), ms(ds[len(ds)/2]), ms(ds[len(ds)*9/10]), ms(ds[len(ds)*99/100]))
}
