package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/kronika/kronika/news"
)

func TestEntityFieldMatching(t *testing.T) {
	ix := openTestIndex(t)
	a1, b2 := "http://kurier.test/a1.html", "http://portal.test/b2.html"
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"canonical", "person:Labar", []string{a1, b2}},
		{"genitive the dictionary reads as labarum", "person:Labara", []string{a1, b2}},
		{"inflected full name", `person:"Huguesa Labara"`, []string{a1, b2}},
		{"lowercase without diacritics", `person:"hugues labar"`, []string{a1, b2}},
		{"inflected surname", "person:Kowalskiego", []string{b2}},
		{"place locative", "place:Płocku", []string{a1, "http://portal.test/c3.html"}},
		{"place folded locative", "place:Plocku", []string{a1, "http://portal.test/c3.html"}},
		{"place with diacritics dropped", "place:Ciechanow", []string{b2}},
		{"institution acronym", "institution:PPP-T", []string{a1}},
		{"institution inflected", `institution:"Płockiego Parku"`, []string{a1}},
		{"entity prefix", "person:lab*", []string{a1, b2}},
		{"entity fuzzy", "person:Labra~", []string{a1, b2}},
		{"other person", "person:Nowak", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: tt.in})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitURLs(res); !slices.Equal(got, tt.want) {
				t.Errorf("%s found %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEntityFilterIgnoresCaseAndDiacritics(t *testing.T) {
	ix := openTestIndex(t)
	tests := []struct {
		name string
		in   Request
		want int
	}{
		{"canonical", Request{Places: []string{"Płock"}}, 2},
		{"folded", Request{Places: []string{"plock"}}, 2},
		{"capitals", Request{People: []string{"HUGUES LABAR"}}, 2},
		{"unknown", Request{People: []string{"Nikt"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if int(res.Total) != tt.want {
				t.Errorf("total %d, want %d", res.Total, tt.want)
			}
		})
	}
}

func TestEntities(t *testing.T) {
	ix := openTestIndex(t)
	tests := []struct {
		name, typ, prefix string
		want              []Entity
	}{
		{"surname prefix", "person", "Lab", []Entity{{"person", "Hugues Labar", 2}}},
		{"first name prefix", "person", "hug", []Entity{{"person", "Hugues Labar", 2}}},
		{"two words", "person", "hugues la", []Entity{{"person", "Hugues Labar", 2}}},
		{"diacritics optional", "place", "plo", []Entity{{"place", "Płock", 2}}},
		{"diacritics typed", "place", "Płoc", []Entity{{"place", "Płock", 2}}},
		{"capital Ł", "place", "ŁOCK", nil},
		{"word inside a name", "institution", "park", []Entity{{"institution", "Płocki Park Przemysłowo-Technologiczny S.A.", 1}}},
		{"every type", "", "c", []Entity{{"place", "Ciechanów", 1}}},
		{"no match", "person", "zzz", nil},
		{"empty prefix lists the most mentioned", "person", "", []Entity{{"person", "Hugues Labar", 2}, {"person", "Jan Kowalski", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ix.Entities(context.Background(), tt.typ, tt.prefix, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	for _, bad := range []struct{ typ, prefix string }{{"colour", ""}, {"person", "\xff"}, {"person", string(make([]byte, 300))}} {
		if _, err := ix.Entities(context.Background(), bad.typ, bad.prefix, 0); news.ErrorCode(err) != news.EInvalid {
			t.Errorf("Entities(%q, %.10q) error %v, want invalid", bad.typ, bad.prefix, err)
		}
	}
}

func TestEntitiesCountLiveDocuments(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	// Replacing a document leaves its old version in the term dictionary
	// until segments merge; counts must not include it.
	d, err := ix.Get(ctx, news.DocumentID("http://portal.test/b2.html"))
	if err != nil {
		t.Fatal(err)
	}
	d.Extraction.People = d.Extraction.People[1:] // drop Hugues Labar
	if err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Entities(ctx, "person", "lab", 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Entity{{"person", "Hugues Labar", 1}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestEntityPage(t *testing.T) {
	ix := openTestIndex(t)
	p, err := ix.Entity(context.Background(), "person", "hugues labar")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Hugues Labar" || p.Count != 2 || p.Key != "hugues labar" {
		t.Errorf("name %q count %d key %q", p.Name, p.Count, p.Key)
	}
	if got, want := p.FirstSeen.Format(time.DateOnly), "2015-01-08"; got != want {
		t.Errorf("first seen %s, want %s", got, want)
	}
	if got, want := p.LastSeen.Format(time.DateOnly), "2019-05-14"; got != want {
		t.Errorf("last seen %s, want %s", got, want)
	}
	if want := []FacetValue{{"2015-01", 1}, {"2019-05", 1}}; !slices.Equal(p.Timeline, want) {
		t.Errorf("timeline %v, want %v", p.Timeline, want)
	}
	if want := []FacetValue{{"Jan Kowalski", 1}}; !slices.Equal(p.CoMentioned["person"], want) {
		t.Errorf("co-mentioned people %v, want %v", p.CoMentioned["person"], want)
	}
	if got := fmt.Sprint(p.CoMentioned["place"]); got != "[{Ciechanów 1} {Płock 1} {Walonia 1}]" {
		t.Errorf("co-mentioned places %s", got)
	}
	if len(p.Documents) != 2 || p.Documents[0].URL != "http://portal.test/b2.html" {
		t.Errorf("documents %v, want the 2019 one first", p.Documents)
	}
	for _, bad := range []struct {
		typ, name, code string
	}{
		{"person", "Nikt Taki", news.ENotFound},
		{"colour", "Hugues Labar", news.EInvalid},
		{"person", "  ", news.EInvalid},
		{"person", "a\x00b", news.EInvalid},
	} {
		if _, err := ix.Entity(context.Background(), bad.typ, bad.name); news.ErrorCode(err) != bad.code {
			t.Errorf("Entity(%q, %q) error %v, want %s", bad.typ, bad.name, err, bad.code)
		}
	}
}

func TestExport(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		req   Request
		limit int
		want  []string
		total uint64
	}{
		{"all oldest first", Request{Sort: SortDate}, 0, []string{"http://portal.test/c3.html", "http://kurier.test/a1.html", "http://portal.test/b2.html"}, 3},
		{"filters honoured", Request{Query: "Płock", Sites: []string{"kurier"}}, 0, []string{"http://kurier.test/a1.html"}, 1},
		{"page and size ignored", Request{Sort: SortDateDesc, Page: 3, Size: 1}, 0, []string{"http://portal.test/b2.html", "http://kurier.test/a1.html", "http://portal.test/c3.html"}, 3},
		{"capped", Request{Sort: SortDateDesc}, 2, []string{"http://portal.test/b2.html", "http://kurier.test/a1.html"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ix.StartExport(ctx, tt.req, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			err = e.Each(ctx, func(r Record) error {
				got = append(got, r.URL)
				if r.ID != news.DocumentID(r.URL) {
					t.Errorf("record %s has id %q", r.URL, r.ID)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("exported %q, want %q", got, tt.want)
			}
			if e.Total != tt.total || e.Truncated() != (tt.total > uint64(len(tt.want))) {
				t.Errorf("total %d truncated %v", e.Total, e.Truncated())
			}
		})
	}
	if _, err := ix.StartExport(ctx, Request{Query: `"open`}, 0); news.ErrorCode(err) != news.EInvalid {
		t.Errorf("bad query: %v", err)
	}
}

// TestFacetCountsMatchDrillDown checks, under combinations of filters,
// that each facet value's count equals the total of the search with that
// value added as a filter.
func TestFacetCountsMatchDrillDown(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	from := at("2013-01-01T00:00:00Z")
	bases := []Request{
		{},
		{Query: "Płock"},
		{Query: "Labar OR festiwal"},
		{Sites: []string{"portal"}},
		{People: []string{"Hugues Labar"}},
		{From: from},
		{Query: "Płock", Places: []string{"Płock"}, From: from},
	}
	for i, base := range bases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			req := base
			req.Facets = []string{FacetPerson, FacetInstitution, FacetPlace, FacetSite, FacetCategory, FacetMonth, FacetEventMonth}
			res, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			for facet, vals := range res.Facets {
				for _, v := range vals {
					drill := base
					switch facet {
					case FacetPerson:
						drill.People = append(slices.Clone(base.People), v.Value)
					case FacetInstitution:
						drill.Institutions = []string{v.Value}
					case FacetPlace:
						drill.Places = append(slices.Clone(base.Places), v.Value)
					case FacetSite:
						drill.Sites = []string{v.Value}
					case FacetCategory:
						drill.Categories = []string{v.Value}
					case FacetMonth:
						day, _ := time.Parse("2006-01", v.Value)
						drill.From, drill.To = maxTime(base.From, &day), ptrTime(day.AddDate(0, 1, -1))
					case FacetEventMonth:
						day, _ := time.Parse("2006-01", v.Value)
						drill.EventFrom, drill.EventTo = &day, ptrTime(day.AddDate(0, 1, -1))
					}
					got, err := ix.Search(ctx, drill)
					if err != nil {
						t.Fatal(err)
					}
					if int(got.Total) != v.Count {
						t.Errorf("%s=%s: facet count %d, drill-down total %d", facet, v.Value, v.Count, got.Total)
					}
				}
			}
		})
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

func maxTime(a, b *time.Time) *time.Time {
	if a != nil && a.After(*b) {
		return a
	}
	return b
}

// TestFacetsFollowUpdates checks facet counts after documents are
// replaced and deleted, which leave old versions in older segments.
func TestFacetsFollowUpdates(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	count := func() []FacetValue {
		t.Helper()
		res, err := ix.Search(ctx, Request{Facets: []string{FacetPlace}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Facets[FacetPlace]
	}
	if got, want := fmt.Sprint(count()), "[{Płock 2} {Ciechanów 1} {Walonia 1}]"; got != want {
		t.Fatalf("before: %s, want %s", got, want)
	}
	d, err := ix.Get(ctx, news.DocumentID("http://portal.test/c3.html"))
	if err != nil {
		t.Fatal(err)
	}
	d.Extraction.Places = []news.Place{{Name: "Kutno"}}
	if err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(count()), "[{Ciechanów 1} {Kutno 1} {Płock 1} {Walonia 1}]"; got != want {
		t.Errorf("after replace: %s, want %s", got, want)
	}
	if err := ix.Delete(ctx, news.DocumentID("http://kurier.test/a1.html")); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(count()), "[{Ciechanów 1} {Kutno 1}]"; got != want {
		t.Errorf("after delete: %s, want %s", got, want)
	}
}

func TestDateOrderPaging(t *testing.T) {
	ix := openTestIndex(t)
	d := testDocs()[0]
	d.URL, d.Published = "http://kurier.test/undated.html", nil
	if err := ix.Put(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"newest first, undated last", Request{Sort: SortDateDesc, Size: 4}, []string{"b2", "a1", "c3", "undated"}},
		{"oldest first, undated last", Request{Sort: SortDate, Size: 4}, []string{"c3", "a1", "b2", "undated"}},
		{"second page", Request{Sort: SortDateDesc, Page: 2, Size: 2}, []string{"c3", "undated"}},
		{"past the end", Request{Sort: SortDate, Page: 3, Size: 2}, nil},
		{"empty query defaults to newest first", Request{Query: "", Places: []string{"Płock"}}, []string{"a1", "c3", "undated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, strings.TrimSuffix(h.URL[strings.LastIndexByte(h.URL, '/')+1:], ".html"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if res.Total != 4 && tt.req.Places == nil {
				t.Errorf("total %d, want 4", res.Total)
			}
		})
	}
}

// TestLeanQueryMatchesFullQuery checks that the lean query finds exactly
// what the full query finds, and that Search ranks as scoring every match
// with the full query does: the word queries through a plan, the phrase,
// negation, prefix and fuzzy ones through the lean query and a rescored
// window (which on this small index holds every match).
func TestLeanQueryMatchesFullQuery(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	for _, q := range []string{"Płock", "Plocku", "wizyta", "Labar -Ciechanowie", `"Hugues Labar"`, "festiwal OR marszałek", "title:Płocku", "w", "rok 2014", "innowac*", "Labra~", "person:Labara"} {
		t.Run(q, func(t *testing.T) {
			node, err := ParseQuery(q)
			if err != nil {
				t.Fatal(err)
			}
			full := bleve.NewSearchRequestOptions(ix.compile(node), 100, 0, false)
			full.SortBy([]string{"-_score", "_id"})
			want, err := ix.search(ctx, full)
			if err != nil {
				t.Fatal(err)
			}
			lean := bleve.NewSearchRequestOptions(ix.compileLean(node), 100, 0, false)
			leanRes, err := ix.search(ctx, lean)
			if err != nil {
				t.Fatal(err)
			}
			if leanRes.Total != want.Total {
				t.Errorf("lean query finds %d, full query %d", leanRes.Total, want.Total)
			}
			got, err := ix.Search(ctx, Request{Query: q, Size: 100})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Fatalf("%d hits, want %d", len(got.Hits), len(want.Hits))
			}
			for i, h := range got.Hits {
				if h.ID != want.Hits[i].ID || h.Score != want.Hits[i].Score {
					t.Errorf("hit %d: %s %.4f, want %s %.4f", i, h.ID, h.Score, want.Hits[i].ID, want.Hits[i].Score)
				}
			}
		})
	}
}

// TestConcurrentSearchAndPut searches with facets, in both orders, while
// documents are replaced, so that the race detector sees the facet table
// and the postings cache built, used and pruned from several goroutines.
func TestConcurrentSearchAndPut(t *testing.T) {
	ix := openTestIndex(t)
	ix.postings = newPostingsCache(4096) // small enough to drop entries
	ix.postings.least = 1
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 4 {
		wg.Go(func() {
			for i := range 30 {
				req := Request{Query: "Płock", Facets: []string{FacetPlace, FacetPerson, FacetMonth}}
				if (g+i)%2 == 0 {
					req = Request{Sort: SortDateDesc, Facets: []string{FacetSite}}
				}
				res, err := ix.Search(ctx, req)
				if err != nil {
					errs <- err
					return
				}
				if res.Total == 0 {
					errs <- fmt.Errorf("no hits for %+v", req)
					return
				}
			}
		})
	}
	wg.Go(func() {
		docs := testDocs()
		for i := range 20 {
			d := docs[i%len(docs)]
			d.Title = fmt.Sprintf("%s (%d)", d.Title, i)
			if err := ix.Put(ctx, d); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestPrefixCap(t *testing.T) {
	ix := openTestIndex(t)
	var words []string
	for i := range maxPrefixTerms + 10 {
		words = append(words, fmt.Sprintf("zz%c%c%c", 'a'+i/676, 'a'+i/26%26, 'a'+i%26))
	}
	d := news.Document{URL: "http://t.test/many", Title: "Słownik", Text: strings.Join(words, " ")}
	if err := ix.Put(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, q string
		ok      bool
	}{
		{"too many words", "zz*", false},
		{"within the cap", "zzaa*", true},
		{"negated too", "Płock -zz*", false},
		{"entity prefixes are not capped here", "person:zz*", true},
		{"title prefixes count title words only", "title:zz*", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), Request{Query: tt.q})
			if tt.ok && err != nil {
				t.Errorf("%s: %v", tt.q, err)
			}
			if !tt.ok && (news.ErrorCode(err) != news.EInvalid || !strings.Contains(err.Error(), "give more letters")) {
				t.Errorf("%s: error %v, want an invalid prefix", tt.q, err)
			}
		})
	}
}
