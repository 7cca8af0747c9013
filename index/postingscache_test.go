package index

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// TestFlatMatcherAdvance walks decoded postings by next and advance and
// compares every step with a plain search of the document numbers.
func TestFlatMatcherAdvance(t *testing.T) {
	var docs []uint64
	for d := uint64(0); d < 5000; d += 1 + d%37 {
		docs = append(docs, d)
	}
	f := &flatPostings{}
	for i, d := range docs {
		f.postings = append(f.postings, d<<32|uint64(1+i%3)<<16|uint64(10+i%50))
	}
	firstAtOrAfter := func(target uint64) uint64 {
		for _, d := range docs {
			if d >= target {
				return d
			}
		}
		return exhausted
	}
	tests := []struct {
		name    string
		targets []uint64
	}{
		{"near", []uint64{0, 1, 2, 3, 40, 41, 42}},
		{"far", []uint64{5, 1000, 1001, 4000, 4999}},
		{"every document", docs},
		{"between documents", []uint64{2, 77, 78, 79, 2500, 2501}},
		{"past the end", []uint64{10, 5000, 6000}},
		{"exhausted", []uint64{exhausted}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newFlatMatcher(f, 1, 1, fieldNorms())
			for _, target := range tt.targets {
				want := max(m.doc(), firstAtOrAfter(target))
				if m.doc() == exhausted {
					want = exhausted
				}
				if err := m.advance(target); err != nil {
					t.Fatal(err)
				}
				if m.doc() != want {
					t.Fatalf("advance(%d): %d, want %d", target, m.doc(), want)
				}
			}
			if m.doc() != exhausted {
				was := m.doc()
				if err := m.next(); err != nil {
					t.Fatal(err)
				}
				if want := firstAtOrAfter(was + 1); m.doc() != want {
					t.Fatalf("next after %d: %d, want %d", was, m.doc(), want)
				}
			}
		})
	}
}

// TestPostingsCacheLookup checks which entry a lookup returns: none for a
// rare term or no cache, the same one again, a new one once the segment
// has deleted more documents, and none for a snapshot older than it.
func TestPostingsCacheLookup(t *testing.T) {
	var off *postingsCache
	if f := off.lookup(1, "body", []byte("dzień"), 1e6, 0); f != nil {
		t.Error("a cache that is off returned an entry")
	}
	c := newPostingsCache(1 << 20)
	if f := c.lookup(1, "body", []byte("dzień"), cachedPostings-1, 0); f != nil {
		t.Error("a rare term got an entry")
	}
	first := c.lookup(1, "body", []byte("dzień"), cachedPostings, 5)
	tests := []struct {
		name    string
		seg     uint64
		term    string
		deleted uint64
		want    string // "first", "new" or "none"
	}{
		{"same postings", 1, "dzień", 5, "first"},
		{"another segment", 2, "dzień", 5, "new"},
		{"another term", 1, "dzien", 5, "new"},
		{"an older snapshot", 1, "dzień", 4, "none"},
		{"more documents deleted", 1, "dzień", 6, "new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := c.lookup(tt.seg, "body", []byte(tt.term), cachedPostings, tt.deleted)
			got := "new"
			switch {
			case f == nil:
				got = "none"
			case f == first:
				got = "first"
			}
			if got != tt.want {
				t.Errorf("got %s entry, want %s", got, tt.want)
			}
		})
	}
	if f := c.lookup(1, "body", []byte("dzień"), cachedPostings, 6); f == first {
		t.Error("the entry from before the deletions is still used")
	}
}

// TestPostingsCacheFollowsDeletes decodes a term's postings, replaces
// some of the documents that hold it, and checks that the search no
// longer finds their old copies.
func TestPostingsCacheFollowsDeletes(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	if err := ix.Put(ctx, planDocs(0, 60, 0)...); err != nil {
		t.Fatal(err)
	}
	ix.postings = newPostingsCache(DefaultPostingsCacheBytes)
	ix.postings.least = 1
	checkPlan(t, ix, "dyrektor", true, []string{FacetSite})
	first := ix.PostingsCache()
	// Version 1 moves the director from documents 0, 11 and 22 to 1, 12
	// and 23; the copies of version 0 stay behind as deleted documents.
	if err := ix.Put(ctx, planDocs(0, 30, 1)...); err != nil {
		t.Fatal(err)
	}
	checkPlan(t, ix, "dyrektor", true, []string{FacetSite})
	// Every term's postings are decoded again: in the first segment, or
	// in the one Bleve may have merged it into.
	if st := ix.PostingsCache(); st.Loads < first.Loads+uint64(first.Entries) {
		t.Errorf("the cache decoded %d entries, then %+v", first.Entries, st)
	}
}

// TestPostingsCacheBudget searches with a cache too small for the terms
// of its queries and checks that it stays within its budget, drops the
// entries used least recently, and that searches still score as Bleve.
func TestPostingsCacheBudget(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	for _, batch := range [][2]int{{0, 40}, {40, 90}} {
		if err := ix.Put(ctx, planDocs(batch[0], batch[1], 0)...); err != nil {
			t.Fatal(err)
		}
	}
	ix.postings = newPostingsCache(2000) // a few terms' postings
	ix.postings.least = 1
	for range 2 {
		for _, q := range []string{"radni", "Płocku", "festiwal", "sesja rady", "dyrektor szpitala"} {
			checkPlan(t, ix, q, true, []string{FacetPerson})
			if st := ix.PostingsCache(); st.Bytes > st.Budget {
				t.Fatalf("after %q the cache holds %d bytes, over its budget of %d", q, st.Bytes, st.Budget)
			}
		}
	}
	if st := ix.PostingsCache(); st.Evictions == 0 || st.Bytes == 0 {
		t.Errorf("no entry was dropped, or none kept: %+v", st)
	}
}

// TestUncacheablePostings indexes an article whose body holds one word
// more times than a decoded posting can count, and checks that its
// search reads that word's postings from the index instead.
func TestUncacheablePostings(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	published := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	docs := planDocs(0, 20, 0)
	docs = append(docs, news.Document{
		URL: "http://plan.test/long.html", Site: "kurier", Title: "Długi tekst",
		Published: &published, Text: strings.Repeat("radni ", 70_000),
	})
	if err := ix.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	ix.postings = newPostingsCache(DefaultPostingsCacheBytes)
	ix.postings.least = 1
	for range 2 {
		checkPlan(t, ix, "radni", true, []string{FacetSite})
	}
	uncacheable := 0
	for k, f := range ix.postings.entries {
		if errors.Is(f.err, errUncacheable) {
			uncacheable++
			if k.term != "radni" && k.term != "radny" { // the form and its lemma
				t.Errorf("%s:%s is uncacheable", k.field, k.term)
			}
		}
	}
	if uncacheable == 0 {
		t.Error("every term was decoded, the long article's too")
	}
}

// TestPostingsCacheEvictsLeastRecent fills a small cache past its budget
// and checks that entries go least recently used first, an entry left
// undecoded (by a cancelled search) among them, until it is back under
// nine tenths of its budget.
func TestPostingsCacheEvictsLeastRecent(t *testing.T) {
	c := newPostingsCache(1000)
	decoded := func(term string, postings int) *flatPostings {
		f := c.lookup(1, "body", []byte(term), cachedPostings, 0)
		f.postings = make([]uint64, postings)
		c.charge(f)
		return f
	}
	c.lookup(1, "body", []byte("a"), cachedPostings, 0) // never decoded
	decoded("b", 100)                                   // 933 bytes
	if st := c.statistics(); st.Evictions != 0 || st.Entries != 2 {
		t.Fatalf("under the budget: %+v", st)
	}
	decoded("c", 20) // 293 bytes: 1,226 in all
	st := c.statistics()
	if st.Evictions != 2 || st.Entries != 1 || st.Bytes != 293 {
		t.Errorf("after going over the budget: %+v, want only c's 293 bytes left", st)
	}
	if _, ok := c.entries[postingsKey{seg: 1, field: "body", term: "c"}]; !ok {
		t.Error("the entry used last was dropped")
	}
}

// TestPostingsCacheRetriesFailedReads checks that a read error fails the
// search that met it and leaves no entry behind to fail later searches.
func TestPostingsCacheRetriesFailedReads(t *testing.T) {
	c := newPostingsCache(1 << 20)
	f := c.lookup(1, "body", []byte("dzień"), cachedPostings, 0)
	if err := f.load(failingPostings(cachedPostings)); err == nil || errors.Is(err, errUncacheable) {
		t.Fatalf("load: %v, want the read error", err)
	}
	if st := c.statistics(); st.Entries != 0 || st.Bytes != 0 {
		t.Errorf("after a failed read: %+v", st)
	}
	if again := c.lookup(1, "body", []byte("dzień"), cachedPostings, 0); again == f {
		t.Error("the failed entry is returned again")
	}
}
