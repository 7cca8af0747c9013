package api

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/internal/benchcorpus"
)

// visitBenchIndex is benchIndex for the visit benchmarks: it fails on an
// index built before the corpus had visits, which must be built again.
func visitBenchIndex(b *testing.B) (*index.Index, *benchcorpus.Corpus) {
	b.Helper()
	ix, corpus := benchIndex(b)
	res, err := ix.Visits(context.Background(), index.VisitRequest{Size: 1})
	if err != nil {
		b.Fatal(err)
	}
	if res.Total == 0 {
		b.Fatal("the benchmark index has no visit records: it was built before the corpus had visits; delete it to build it again")
	}
	return ix, corpus
}

// Kinds of visit queries: the journeys of the visit records, each with
// facets.
const (
	visitKindVisitor = "a person's visits"
	visitKindMet     = "everyone a person met"
	visitKindLast    = "last visit of a person to a town"
	visitKindTown    = "visits to a town in a year"
	visitKindHost    = "delegations a host received in a year"
	visitKindWord    = "a word of the evidence in a year"
	visitKindAll     = "every record's facets"
)

var visitBenchKinds = []string{visitKindVisitor, visitKindMet, visitKindLast, visitKindTown, visitKindHost, visitKindWord, visitKindAll}

// visitFacets is the facets parameter of the mix's queries.
const visitFacets = "&facets=visitor,host,origin,place,event_month,kind,status"

// visitQueries derives a mix of visit queries from the corpus's own
// visits, as a newsroom would ask them, each kind in turn.
func visitQueries(corpus *benchcorpus.Corpus, n int) []benchQuery {
	rng := rand.New(rand.NewPCG(13, 17))
	words := []string{"delegacja", "gościł", "spotkał", "odwiedził", "podejmował", "rozmawiał"}
	var out []benchQuery
	for len(out) < n {
		d := corpus.Document(rng.IntN(corpus.Len()))
		if len(d.Extraction.Visits) == 0 {
			continue
		}
		v := d.Extraction.Visits[0]
		year := (*v.Start)[:4]
		party := func() string {
			if len(v.Visitors) > 0 {
				return v.Visitors[0]
			}
			if len(v.Hosts) > 0 {
				return v.Hosts[0]
			}
			return ""
		}()
		q := url.Values{}
		kind := visitBenchKinds[len(out)%len(visitBenchKinds)]
		switch kind {
		case visitKindVisitor:
			q.Set("visitor", party)
		case visitKindMet:
			q.Set("party", party)
		case visitKindLast:
			q.Set("visitor", party)
			q.Set("place", *v.Place)
			q.Set("sort", "-date")
			q.Set("size", "1")
		case visitKindTown:
			q.Set("place", *v.Place)
			q.Set("from", year)
			q.Set("to", year)
		case visitKindHost:
			if len(v.Hosts) == 0 {
				continue
			}
			q.Set("host", v.Hosts[0])
			q.Set("kind", "visit")
			q.Set("from", year)
			q.Set("to", year)
		case visitKindWord:
			q.Set("q", words[rng.IntN(len(words))])
			q.Set("from", year)
			q.Set("to", year)
		}
		if party == "" && kind != visitKindTown && kind != visitKindWord && kind != visitKindAll {
			continue
		}
		out = append(out, benchQuery{kind, "/api/v1/visits?" + q.Encode() + visitFacets})
	}
	return out
}

// BenchmarkLoadVisits: the visit query mix, with filters and all seven
// facets, 16 clients over loopback (closed loop, and at
// $KRONIKA_BENCH_RATE requests a second when set). It first scores how
// the index merged the corpus's duplicate reports against its answer key.
func BenchmarkLoadVisits(b *testing.B) {
	ix, corpus := visitBenchIndex(b)
	reportMerge(b, ix, corpus)
	srv := benchServer(b, ix)
	queries := visitQueries(corpus, 2100)
	paths := make([]string, len(queries))
	for i, q := range queries {
		paths[i] = q.text
	}
	loadRuns(b, "visits", srv.URL, paths, 140)
}

// loadRuns warms the server up with the first warm paths, then runs the
// closed loop of $KRONIKA_BENCH_CLIENTS clients for $KRONIKA_BENCH_SECONDS
// and, when $KRONIKA_BENCH_RATE is set, the open loop at that rate,
// reporting each as name.
func loadRuns(b *testing.B, name, base string, paths []string, warm int) {
	clients := benchEnvInt("KRONIKA_BENCH_CLIENTS", 16)
	d := time.Duration(benchEnvInt("KRONIKA_BENCH_SECONDS", 20)) * time.Second
	runLoad(b, base, paths[:min(warm, len(paths))], clients, 0, 2*time.Second)
	b.ResetTimer()
	for range b.N {
		reportLoad(b, name+", closed loop", runLoad(b, base, paths, clients, 0, d))
		if rate := benchEnvInt("KRONIKA_BENCH_RATE", 0); rate > 0 {
			reportLoad(b, fmt.Sprintf("%s, %d/s offered", name, rate), runLoad(b, base, paths, clients, float64(rate), d))
		}
	}
}

// reportMerge logs how the index's visit records match the corpus's
// answer key, and fails when a record mixes events or an event is split.
func reportMerge(b *testing.B, ix *index.Index, corpus *benchcorpus.Corpus) {
	b.Helper()
	ctx := context.Background()
	exp, err := ix.StartVisitExport(ctx, index.VisitRequest{}, 0)
	if err != nil {
		b.Fatal(err)
	}
	if exp.Truncated() {
		b.Fatalf("%d visit records, more than an export holds", exp.Total)
	}
	var recs []index.VisitRecord
	if err := exp.Each(ctx, func(r index.VisitRecord) error { recs = append(recs, r); return nil }); err != nil {
		b.Fatal(err)
	}
	n, err := ix.Count()
	if err != nil {
		b.Fatal(err)
	}
	s := benchcorpus.ScoreVisitMerge(corpus, int(n), recs)
	b.Logf("visit merge: %d reports of %d events in %d records; %d records pure, %d events whole; pair precision %.4f, recall %.4f; %d of %d keyed reports indexed",
		s.Reports, s.Events, s.Records, s.PureRecords, s.CompleteEvents, s.PairPrecision, s.PairRecall, s.Reports, s.KeyReports)
	if s.PureRecords != s.Records || s.CompleteEvents != s.Events || s.Reports != s.KeyReports {
		b.Errorf("the merge does not match the corpus's answer key")
	}
}

// BenchmarkVisitCost runs the visit query mix one query at a time, in
// process, and reports the CPU time each costs, overall and by kind
// ($KRONIKA_BENCH_KIND keeps one kind, for profiling it alone).
func BenchmarkVisitCost(b *testing.B) {
	ix, corpus := visitBenchIndex(b)
	queries := visitQueries(corpus, 1050)
	if kind := os.Getenv("KRONIKA_BENCH_KIND"); kind != "" {
		queries = slices.DeleteFunc(queries, func(q benchQuery) bool { return q.kind != kind })
	}
	reqs := make([]index.VisitRequest, len(queries))
	for i, q := range queries {
		u, err := url.Parse(q.text)
		if err != nil {
			b.Fatal(err)
		}
		if reqs[i], err = parseVisits(u.Query()); err != nil {
			b.Fatalf("%s: %v", q.text, err)
		}
	}
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		costs := map[string][]time.Duration{}
		var all []time.Duration
		matches := map[string]uint64{}
		for i, r := range reqs {
			t0 := cpuTime()
			res, err := ix.Visits(ctx, r)
			if err != nil {
				b.Fatalf("%+v: %v", r, err)
			}
			d := cpuTime() - t0
			costs[queries[i].kind] = append(costs[queries[i].kind], d)
			matches[queries[i].kind] += res.Total
			all = append(all, d)
		}
		mean, text := cpuSummary(all)
		b.Logf("CPU per visit query, all %d: %s", len(all), text)
		for _, kind := range visitBenchKinds {
			_, text := cpuSummary(costs[kind])
			b.Logf("CPU per visit query, %s (%d, %s records each): %s", kind, len(costs[kind]),
				strconv.FormatUint(matches[kind]/uint64(max(1, len(costs[kind]))), 10), text)
		}
		b.ReportMetric(ms(mean), "cpu-ms/query")
	}
}
