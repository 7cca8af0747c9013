package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/kronika/kronika/index"
)

// BenchmarkUIPages times every page of the web UI's journeys on the
// benchmark archive (see load_test.go): the search empty, with a query,
// narrowed by the top person and its facet page; the entity pages of the
// most mentioned person (its first and second page of documents),
// institution and place; the visits, narrowed by the person, and one
// record; a document with evidence marked. Each page is rendered by the
// handler in process, one at a time, after a warm-up pass, and timed
// from request to the last byte: server time, without the network.
//
//	KRONIKA_BENCH_INDEX=/tmp/kronika-bench go test ./api -run '^$' -bench UIPages -benchtime 1x -v
func BenchmarkUIPages(b *testing.B) {
	ix, _ := visitBenchIndex(b)
	an, err := index.NewAnalyzers()
	if err != nil {
		b.Fatal(err)
	}
	h, err := New(Config{Index: ix, Analyzers: an})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	top := map[string]index.Entity{}
	for _, t := range index.EntityTypes() {
		es, err := ix.Entities(ctx, t, "", 1)
		if err != nil || len(es) == 0 {
			b.Fatalf("most mentioned %s: %v", t, err)
		}
		top[t] = es[0]
	}
	person := top[index.EntityPerson].Name
	visits, err := ix.Visits(ctx, index.VisitRequest{Parties: []string{person}, Size: 1})
	if err != nil || len(visits.Visits) == 0 {
		b.Fatalf("a visit of %s: %v", person, err)
	}
	rec := visits.Visits[0]
	src := rec.Sources[0]
	b.Logf("most mentioned: person %s (%d documents), institution %s (%d), place %s (%d)", person, top[index.EntityPerson].Count,
		top[index.EntityInstitution].Name, top[index.EntityInstitution].Count, top[index.EntityPlace].Name, top[index.EntityPlace].Count)
	pages := []struct{ name, path string }{
		{"search, empty", "/"},
		{"search, a word", "/?q=wizyta"},
		{"search, a word and the top person", "/?" + url.Values{"q": {"wizyta"}, "person": {person}}.Encode()},
		{"search, a word, event chart, oldest first", "/?q=wizyta&hist=event&sort=date"},
		{"facet values (people of a word)", "/facet/person?q=wizyta"},
		{"facet values (people of every document, filtered)", "/facet/person?contains=nowak"},
		{"entity: most mentioned person", entityURL(index.EntityPerson, person)},
		{"entity: the same, documents page 2", entityURL(index.EntityPerson, person) + "?page=2"},
		{"entity: most mentioned institution", entityURL(index.EntityInstitution, top[index.EntityInstitution].Name)},
		{"entity: most mentioned place", entityURL(index.EntityPlace, top[index.EntityPlace].Name)},
		{"visits", "/visits"},
		{"visits of the top person", "/visits?" + url.Values{"party": {person}}.Encode()},
		{"visit record", "/visits/" + rec.ID},
		{"document with evidence", evidenceLink(src.DocumentID, src.Evidence)},
	}
	const runs = 15
	for _, p := range pages {
		var ds []time.Duration
		var cold time.Duration
		for i := 0; i <= runs; i++ {
			w := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p.path, nil))
			d := time.Since(start)
			if w.Code != http.StatusOK {
				b.Fatalf("%s: %s: status %d: %.300s", p.name, p.path, w.Code, w.Body)
			}
			if i == 0 { // the first run warms the caches
				cold = d
			} else {
				ds = append(ds, d)
			}
		}
		slices.Sort(ds)
		b.Logf("%-45s first %6.1f ms, then median %6.1f ms, max %6.1f ms  %s", p.name, ms(cold), ms(ds[len(ds)/2]), ms(ds[len(ds)-1]), truncate(p.path, 60))
		b.ReportMetric(ms(ds[len(ds)-1]), fmt.Sprintf("max-ms-%d", slices.IndexFunc(pages, func(q struct{ name, path string }) bool { return q.name == p.name })))
	}
}
