package index

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

// Flags that replay TestDifferential, as its failures print them.
var (
	diffSeed  = flag.Uint64("diff.seed", 0, "TestDifferential: seed of the corpus and the cases (0: a random one)")
	diffCase  = flag.Int("diff.case", -1, "TestDifferential: run only this case")
	diffCases = flag.Int("diff.cases", 0, "TestDifferential: number of cases (0: 3,000, or 300 with -short or -race)")
)

// TestDifferential searches a random archive with random requests and
// checks every answer against Bleve's own search of the same query on
// the same index (compareWithBleve): totals, facets, scores and order.
// The archive is put in batches of random sizes, with updates and
// deletions between them, under a segment cap that keeps several
// segments; the requests mix words, phrases, prefixes, fuzzy words,
// negations, fields, entity, site, category and date filters, so that
// some are ranked by the index's own plan and others by Bleve's
// searchers. Bleve's answer always runs phrases through its own
// MatchPhraseQuery, the index's through its plan (phrase.go) or, in one
// mode, through Bleve's phrase searcher too. Each case runs one way of
// reading postings: from the index, decoded in a small postings cache
// (twice: decoding, then decoded), walked on every core, with phrases
// through Bleve's searcher, or with every plan too broad, so that the
// lean query ranks. A failure prints the seed and the case, which
// -args -diff.seed=S -diff.case=N runs again alone.
func TestDifferential(t *testing.T) {
	seed := *diffSeed
	if seed == 0 {
		seed = rand.Uint64()
	}
	cases, docs := 3000, 600
	if testing.Short() || raceDetector {
		cases, docs = 300, 250
	}
	if *diffCases > 0 {
		cases = *diffCases
	}
	ix, err := Open(t.TempDir()+"/index", Options{MaxSegmentDocs: 100})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	archive := &diffArchive{ix: ix, live: map[string]news.Document{}}
	archive.fill(t, rand.New(rand.NewPCG(seed, 0)), docs)
	corpus := archive.docs()
	cache := newPostingsCache(200_000)
	cache.least = 1
	paths, phrasePaths := map[string]int{}, map[string]int{}
	failed, hits, ran := 0, 0, 0
	for n := range cases {
		if n > 0 && n%churnEvery == 0 {
			// The archive changes under the caches of postings and
			// facets, which must follow.
			archive.churn(t, rand.New(rand.NewPCG(seed, 1<<63|uint64(n))), 10)
			corpus = archive.docs()
		}
		if *diffCase >= 0 && n != *diffCase {
			if n > *diffCase {
				break
			}
			continue
		}
		ran++
		g := &diffGen{r: rand.New(rand.NewPCG(seed, uint64(n)+1)), docs: corpus}
		req := g.request()
		mode := diffModes[g.r.IntN(len(diffModes))]
		ix.postings, ix.parallelPostings, ix.exactPostings, ix.blevePhrases = nil, parallelPostings, exactPostings, false
		mode.set(ix, cache)
		var path string
		var diffs []string
		for range mode.passes {
			got, err := ix.Search(context.Background(), req)
			if err != nil {
				t.Fatalf("case %d: %v\n%s", n, err, replay(seed, n, mode.name, req))
			}
			hits += len(got.Hits)
			if path, diffs, err = compareWithBleve(ix, req, got); err != nil {
				t.Fatalf("case %d: %v\n%s", n, err, replay(seed, n, mode.name, req))
			}
			if len(diffs) > 0 {
				break
			}
		}
		paths[path]++
		if hasPhrase(req.Query) {
			phrasePaths[path]++
		}
		if len(diffs) > 0 {
			failed++
			if len(diffs) > 10 {
				diffs = append(diffs[:10], fmt.Sprintf("and %d more", len(diffs)-10))
			}
			t.Errorf("case %d, %s path: %s\n%s", n, path, strings.Join(diffs, "\n"), replay(seed, n, mode.name, req))
			if failed == 3 {
				t.FailNow()
			}
		}
	}
	snap, err := ix.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	segs := snap.segments()
	snap.Close()
	t.Logf("seed %d: %d cases over %d documents in %d segments, %d hits; paths %v; cases with a phrase %v", seed, ran, len(corpus), segs, hits, paths, phrasePaths)
	if *diffCase < 0 && (paths["plan"] < cases/4 || paths["bleve"] < cases/10) {
		t.Errorf("paths %v: the cases no longer exercise both the plan and Bleve's searchers", paths)
	}
	if *diffCase < 0 && (phrasePaths["plan"] < cases/30 || phrasePaths["bleve"]+phrasePaths["window"] < cases/100) {
		t.Errorf("cases with a phrase %v: they no longer exercise both the plan and Bleve's searchers", phrasePaths)
	}
}

// churnEvery is how many of TestDifferential's cases run between two
// changes of its archive.
const churnEvery = 100

// replay describes a case of TestDifferential and how to run it again.
func replay(seed uint64, n int, mode string, req Request) string {
	// The request's fields that are set, in JSON.
	js, _ := json.Marshal(req)
	var fields map[string]any
	_ = json.Unmarshal(js, &fields)
	for k, v := range fields {
		if v == nil || v == "" || v == 0.0 {
			delete(fields, k)
		}
	}
	js, _ = json.Marshal(fields)
	return fmt.Sprintf("postings read %s; request %s\nreplay: go test ./index -run TestDifferential -args -diff.seed=%d -diff.case=%d", mode, js, seed, n)
}

// diffModes are the ways TestDifferential has the index read postings.
// passes is how many times a case's search runs.
var diffModes = []struct {
	name   string
	passes int
	set    func(ix *Index, cache *postingsCache)
}{
	{"from the index", 1, func(*Index, *postingsCache) {}},
	{"through the cache", 2, func(ix *Index, c *postingsCache) { ix.postings = c }},
	{"on every core", 1, func(ix *Index, _ *postingsCache) { ix.parallelPostings = 1 }},
	{"on every core, through the cache", 2, func(ix *Index, c *postingsCache) { ix.parallelPostings, ix.postings = 1, c }},
	{"never, every plan too broad", 1, func(ix *Index, _ *postingsCache) { ix.exactPostings = 1 }},
	{"through the cache, phrases through Bleve's searcher", 1, func(ix *Index, c *postingsCache) { ix.postings, ix.blevePhrases = c, true }},
}

// hasPhrase reports whether query q, as ParseQuery reads it, quotes a
// phrase.
func hasPhrase(q string) bool {
	n, err := ParseQuery(q)
	return err == nil && phraseIn(n)
}

func phraseIn(n Node) bool {
	switch n := n.(type) {
	case Match:
		return n.Phrase
	case Not:
		return phraseIn(n.Clause)
	case Bool:
		return slices.ContainsFunc(n.Clauses, phraseIn)
	}
	return false
}
