package index

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// planDocs makes n documents whose words and entities repeat with
// different periods, so that some words match nearly every document of a
// segment (counted by what they miss) and others few. Version v changes
// the text, so that putting a document again deletes its old copy.
func planDocs(from, to, v int) []news.Document {
	people := []string{"Hugues Labar", "Jan Kowalski", "Anna Nowak", "Piotr Wiśniewski"}
	places := []string{"Płock", "Ciechanów", "Sierpc", "Gostynin", "Kutno"}
	var docs []news.Document
	for i := from; i < to; i++ {
		text := "Radni obradowali w ratuszu."
		if i%7 != 0 {
			text += " Sesja rady miasta w Płocku trwała długo."
		}
		if i%3 == 0 {
			text += " Marszałek odwiedził festiwal, a festiwal się udał."
		}
		if i%11 == v%11 {
			text += " Nowy dyrektor szpitala."
		}
		title := fmt.Sprintf("Wiadomości dnia %d", i)
		if i%5 == 0 {
			title = "Sesja rady w Płocku"
		}
		published := time.Date(2010+i%12, time.Month(1+i%12), 1+i%28, 12, 0, 0, 0, time.UTC)
		docs = append(docs, news.Document{
			URL:       fmt.Sprintf("http://plan.test/%d.html", i),
			Site:      []string{"kurier", "portal", "tygodnik"}[i%3],
			Category:  []string{"Samorząd", "Kultura"}[i%2],
			Title:     title,
			Published: &published,
			Text:      text,
			Extraction: news.Extraction{
				People: []news.Person{{Name: people[i%len(people)]}, {Name: people[(i/2)%len(people)]}},
				Places: []news.Place{{Name: places[i%len(places)]}},
			},
		})
	}
	return docs
}

// TestPlanScoresAsBleve checks the index's own scoring of word queries
// against Bleve's searchers on an index of several segments with deleted
// documents: the same matches, the same scores to the last bit, the same
// order, and facet counts equal to those the searcher path counts.
func TestPlanScoresAsBleve(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	for _, batch := range [][2]int{{0, 40}, {40, 90}, {90, 120}} {
		if err := ix.Put(ctx, planDocs(batch[0], batch[1], 0)...); err != nil {
			t.Fatal(err)
		}
	}
	// Replaced documents leave deleted copies in the first segments.
	if err := ix.Put(ctx, planDocs(10, 25, 1)...); err != nil {
		t.Fatal(err)
	}
	facets := []string{FacetPerson, FacetInstitution, FacetPlace, FacetSite, FacetCategory, FacetMonth, FacetEventMonth}
	// Every plan is walked on as many cores as there are: the parts must
	// add up to what one walk finds.
	ix.parallelPostings = 1
	tests := []struct {
		q    string
		plan bool // whether the index scores it itself
	}{
		{"radni", true},                    // every document
		{"Płocku", true},                   // most, in title and body, exact form
		{"Plocka", true},                   // another form, without diacritics
		{"festiwal", true},                 // a third, twice in a text
		{"sesja rady", true},               // two words, both common
		{"dyrektor szpitala", true},        // two words, few documents
		{"festiwal OR dyrektor", true},     // alternatives
		{"title:sesja", true},              // one field
		{"person:Labara", true},            // an entity, inflected
		{"nieistniejące", true},            // nothing
		{`"sesja rady"`, true},             // a phrase (phrase.go)
		{`"rady miasta w Płocku"`, true},   // a longer one, a stopword in it
		{`title:"sesja rady"`, true},       // a phrase on one field
		{`"sesja rady" festiwal`, true},    // a phrase and a word
		{`person:"Jan Kowalski"`, true},    // an entity's name
		{`"sesja rady" -marszałek`, false}, // a phrase beside a negation
		{"festiwal -marszałek", false},     // negation
		{"sesj*", false},                   // a prefix
	}
	cachePasses(t, ix, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.q, func(t *testing.T) { checkPlan(t, ix, tt.q, tt.plan, facets) })
		}
	})
}

// cachePasses runs the searches of run three times: reading every term's
// postings in the index, then decoding them all into a postings cache,
// then reading them from it. It checks that the cache was used as such
// (TestPostingsCacheLookup checks that an entry is decoded only once).
func cachePasses(t *testing.T, ix *Index, run func(t *testing.T)) {
	cache := newPostingsCache(DefaultPostingsCacheBytes)
	cache.least = 1
	for _, pass := range []struct {
		name  string
		cache *postingsCache
	}{{"read", nil}, {"decoding", cache}, {"decoded", cache}} {
		ix.postings = pass.cache
		before := cache.statistics()
		t.Run(pass.name, run)
		after := cache.statistics()
		switch pass.name {
		case "decoding":
			if after.Loads == before.Loads || after.Bytes == 0 {
				t.Errorf("the cache decoded nothing: %+v", after)
			}
		case "decoded":
			// Bleve may merge segments between the passes, and the
			// merged ones are decoded anew: only hits are certain.
			if after.Hits == before.Hits {
				t.Errorf("the cache was not used: %+v, then %+v", before, after)
			}
		}
	}
}

// checkPlan checks the search of q against Bleve's (sameAsBleve), that
// the index scores it itself when plan says so, and that its facets equal
// those of the date-ordered search, which walks Bleve's searchers.
func checkPlan(t *testing.T, ix *Index, q string, plan bool, facets []string) {
	t.Helper()
	ctx := context.Background()
	node, err := ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	full := ix.compile(node)
	if _, ok := planOf(full); ok != plan {
		t.Fatalf("planned: %v, want %v", ok, plan)
	}
	req := Request{Query: q, Size: 100, Facets: facets}
	got, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	sameAsBleve(t, ix, req, got)
	byDate, err := ix.Search(ctx, Request{Query: q, Size: 1, Sort: SortDate, Facets: facets})
	if err != nil {
		t.Fatal(err)
	}
	if byDate.Total != got.Total {
		t.Errorf("total %d by date, %d by relevance", byDate.Total, got.Total)
	}
	if !reflect.DeepEqual(byDate.Facets, got.Facets) {
		t.Errorf("facets by relevance %v\nby date %v", got.Facets, byDate.Facets)
	}
}

// TestSegmentParts checks that the parts of a parallel walk hold every
// segment once, in parts of about the same size, and that a plan of few
// postings is walked in one part.
func TestSegmentParts(t *testing.T) {
	ix := openEmptyIndex(t)
	for _, batch := range [][2]int{{0, 40}, {40, 50}, {50, 90}, {90, 100}} {
		if err := ix.Put(context.Background(), planDocs(batch[0], batch[1], 0)...); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := ix.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	node, err := ParseQuery("radni")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := planOf(ix.compile(node))
	if err := p.prepare(snap); err != nil {
		t.Fatal(err)
	}
	segs := snap.segments()
	if segs < 2 {
		t.Skipf("%d segments; merges outran the test", segs)
	}
	if parts := segmentParts(snap, p, 2, 1<<40); len(parts) != 1 || len(parts[0]) != segs {
		t.Errorf("few postings: parts %v, want one of all %d segments", parts, segs)
	}
	parts := segmentParts(snap, p, 2, 1)
	if len(parts) != 2 {
		t.Fatalf("parts %v, want 2", parts)
	}
	seen := map[int]bool{}
	var docs [2]uint64
	var largest uint64
	for i, part := range parts {
		for _, s := range part {
			if seen[s] {
				t.Errorf("segment %d in two parts", s)
			}
			seen[s] = true
			n := snap.liveDocs(s)
			docs[i] += n
			largest = max(largest, n)
		}
	}
	if len(seen) != segs {
		t.Errorf("%d of %d segments in the parts", len(seen), segs)
	}
	if d := max(docs[0], docs[1]) - min(docs[0], docs[1]); d > largest {
		t.Errorf("parts of %d and %d documents: more apart than the largest segment (%d)", docs[0], docs[1], largest)
	}
}

// TestPlanWithFilters checks filtered word queries the same way: entity,
// site and category filters join the plan as clauses that restrict but do
// not score, and the hits, scores, totals and facets are Bleve's.
func TestPlanWithFilters(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	for _, batch := range [][2]int{{0, 50}, {50, 100}} {
		if err := ix.Put(ctx, planDocs(batch[0], batch[1], 0)...); err != nil {
			t.Fatal(err)
		}
	}
	ix.parallelPostings = 1
	facets := []string{FacetPerson, FacetPlace, FacetSite, FacetCategory, FacetMonth}
	from := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC)
	edge := time.Date(2014, 5, 5, 0, 0, 0, 0, time.UTC) // documents 4 and 88 are published that day, at noon
	tests := []struct {
		name string
		req  Request
		plan bool
	}{
		{"person", Request{Query: "Płocku", People: []string{"Jan Kowalski"}}, true},
		{"two people", Request{Query: "sesja rady", People: []string{"Jan Kowalski", "Anna Nowak"}}, true},
		{"sites", Request{Query: "festiwal OR radni", Sites: []string{"kurier", "portal"}}, true},
		{"category and place", Request{Query: "radni", Categories: []string{"Kultura"}, Places: []string{"Kutno"}}, true},
		{"person field and filter", Request{Query: "person:Labara", Sites: []string{"tygodnik"}}, true},
		{"published from", Request{Query: "Płocku", From: &from}, true},
		{"published between, with a person", Request{Query: "sesja rady", From: &from, To: &to, People: []string{"Jan Kowalski"}}, true},
		{"published until, a single day", Request{Query: "radni", From: &edge, To: &edge}, true},
		{"event dates stay with Bleve", Request{Query: "Płocku", EventFrom: &from}, false},
	}
	cachePasses(t, ix, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				node, err := ParseQuery(tt.req.Query)
				if err != nil {
					t.Fatal(err)
				}
				full := ix.withFilters(ix.compile(node), tt.req)
				if _, ok := planOf(full); ok != tt.plan {
					t.Fatalf("planned: %v, want %v", ok, tt.plan)
				}
				req := tt.req
				req.Size, req.Facets = 100, facets
				got, err := ix.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				if got.Total == 0 && tt.plan {
					t.Fatal("no matches; the case tests nothing")
				}
				sameAsBleve(t, ix, req, got)
				req.Sort, req.Size = SortDate, 1
				byDate, err := ix.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				if byDate.Total != got.Total || !reflect.DeepEqual(byDate.Facets, got.Facets) {
					t.Errorf("by relevance %d %v\nby date %d %v", got.Total, got.Facets, byDate.Total, byDate.Facets)
				}
			})
		}
	})
}

// sameAsBleve checks got, the index's answer to req, against Bleve's own
// search (compareWithBleve), whose ranks it must match.
func sameAsBleve(t *testing.T, ix *Index, req Request, got *Result) {
	t.Helper()
	path, diffs, err := compareWithBleve(ix, req, got)
	if err != nil {
		t.Fatal(err)
	}
	if path == "window" {
		t.Errorf("ranked by a lean query's window, not compared")
	}
	if len(diffs) > 0 {
		t.Fatal(strings.Join(diffs, "\n"))
	}
}

// TestPublishedRangeEdges checks a plan's publication range at its ends,
// against Bleve: a calendar day in Warsaw takes its first nanosecond and
// its last, and neither neighbour's.
func TestPublishedRangeEdges(t *testing.T) {
	ix := openEmptyIndex(t)
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2014, 5, 5, 0, 0, 0, 0, warsaw)
	docs := planDocs(0, 4, 0)
	for i, at := range []time.Time{day.Add(-1), day, day.AddDate(0, 0, 1).Add(-1), day.AddDate(0, 0, 1)} {
		docs[i].Published = &at
	}
	if err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	ix.parallelPostings = 1
	for _, req := range []Request{
		{Query: "radni", From: &day, To: &day},
		{Query: "radni", From: &day},
		{Query: "radni", To: &day},
	} {
		node, err := ParseQuery(req.Query)
		if err != nil {
			t.Fatal(err)
		}
		full := ix.withFilters(ix.compile(node), req)
		if _, ok := planOf(full); !ok {
			t.Fatal("no plan")
		}
		got, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		sameAsBleve(t, ix, req, got)
	}
}

// TestBroadQueryFallsBack checks that a plan with a term of more postings
// than the index scores exactly is left to the lean query and its
// rescored window, which find the same matches and facets.
func TestBroadQueryFallsBack(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	req := Request{Query: "Płocku", Facets: []string{FacetPerson, FacetPlace, FacetMonth}}
	exact, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	node, err := ParseQuery(req.Query)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := planOf(ix.compile(node))
	if !ok {
		t.Fatal("no plan")
	}
	ix.exactPostings = 1
	ix.postings = newPostingsCache(DefaultPostingsCacheBytes)
	ix.postings.least = 1
	if _, err := ix.collectPlan(ctx, p, 0, 10, nil); !errors.Is(err, errTooBroad) {
		t.Fatalf("collectPlan: %v, want errTooBroad", err)
	}
	// The terms of a plan too broad to walk are not kept for decoding.
	if st := ix.PostingsCache(); st.Entries != 0 {
		t.Errorf("the cache holds %d entries", st.Entries)
	}
	lean, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if lean.Total != exact.Total || len(lean.Hits) != len(exact.Hits) || !reflect.DeepEqual(lean.Facets, exact.Facets) {
		t.Errorf("lean: %d hits of %d, facets %v\nexact: %d hits of %d, facets %v",
			len(lean.Hits), lean.Total, lean.Facets, len(exact.Hits), exact.Total, exact.Facets)
	}
}
