package index

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// BenchmarkPlan times searches that the index ranks itself (collectPlan)
// on a random archive of 3,000 documents, whose common words are in most
// of them, reading the postings from the index and from the postings
// cache: the walks of termMatcher and flatMatcher, which a change of the
// index's reach into Bleve must not slow.
func BenchmarkPlan(b *testing.B) {
	ix, err := Open(b.TempDir()+"/index", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	archive := &diffArchive{ix: ix, live: map[string]news.Document{}}
	archive.fill(b, rand.New(rand.NewPCG(1, 0)), 3000)
	settle(b, ix)
	from, to := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)
	reqs := []Request{
		{Query: "rada"},
		{Query: "rada miasto"},
		{Query: "radni OR sesja OR szpital"},
		{Query: "miasta", Sites: []string{"kurier", "portal"}, From: &from, To: &to},
		{Query: "rady", Facets: []string{FacetPerson, FacetSite, FacetMonth}},
	}
	cache := newPostingsCache(DefaultPostingsCacheBytes)
	cache.least = 1
	for _, run := range []struct {
		name  string
		cache *postingsCache
	}{{"index", nil}, {"cache", cache}} {
		ix.postings = run.cache
		b.Run(run.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if _, err := ix.Search(context.Background(), reqs[i%len(reqs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// settle waits, up to 20 s, until Bleve's background merges leave the
// index's segments as they are for half a second, so that a benchmark
// walks the same segments throughout.
func settle(tb testing.TB, ix *Index) {
	tb.Helper()
	var last []uint64
	for same, tries := 0, 0; same < 10 && tries < 400; tries++ {
		snap, err := ix.snapshot()
		if err != nil {
			tb.Fatal(err)
		}
		ids := make([]uint64, snap.segments())
		for i := range ids {
			ids[i] = snap.segmentID(i)
		}
		snap.Close()
		if slices.Equal(ids, last) {
			same++
		} else {
			same, last = 0, ids
		}
		time.Sleep(50 * time.Millisecond)
	}
}
