package index

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

func day(s string) *string { return &s }

func at(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// testDocs is a small archive: two outlets, recurring people and places.
func testDocs() []news.Document {
	return []news.Document{
		{
			URL: "http://kurier.test/a1.html", Site: "kurier", Category: "Gospodarka",
			Title:     "Delegacja z Walonii w Płocku",
			Published: at("2015-01-08T13:52:00+01:00"),
			Text:      "W dniach 18-19 grudnia 2014 r. pan Hugues Labar odwiedził Płock.\n\nSpotkanie w parku technologicznym.",
			Extraction: news.Extraction{
				People:       []news.Person{{Name: "Hugues Labar", Mentions: []string{"Hugues Labar"}}},
				Institutions: []news.Institution{{Name: "Płocki Park Przemysłowo-Technologiczny S.A.", Acronym: "PPP-T"}},
				Places:       []news.Place{{Name: "Płock"}, {Name: "Walonia"}},
				Dates:        []news.DateMention{{Text: "18-19 grudnia 2014 r.", Start: day("2014-12-18"), End: day("2014-12-19")}},
			},
		},
		{
			URL: "http://portal.test/b2.html", Site: "portal", Category: "Samorząd",
			Title:     "Marszałek spotkał się z przedsiębiorcami",
			Published: at("2019-05-14T10:30:00+02:00"),
			Text:      "Wizyta marszałka w Ciechanowie. Rozmawiano o innowacjach; gościem był Hugues Labar.",
			Extraction: news.Extraction{
				People: []news.Person{{Name: "Hugues Labar"}, {Name: "Jan Kowalski"}},
				Places: []news.Place{{Name: "Ciechanów"}},
				Dates:  []news.DateMention{{Text: "maj 2019", Start: day("2019-05-01"), End: day("2019-05-31")}},
			},
		},
		{
			URL: "http://portal.test/c3.html", Site: "portal", Category: "Kultura",
			Title:     "Festiwal w Płocku",
			Published: at("2012-07-01T09:00:00+02:00"),
			Text:      "Plock bawi sie do rana. Koncert na <Starym Rynku> & pokaz.",
			Extraction: news.Extraction{
				Places: []news.Place{{Name: "Płock"}},
			},
		},
	}
}

// openTestIndex opens a new index holding testDocs.
func openTestIndex(t *testing.T) *Index {
	t.Helper()
	ix := openEmptyIndex(t)
	if err := ix.Put(context.Background(), testDocs()...); err != nil {
		t.Fatalf("Put: %v", err)
	}
	return ix
}

// openEmptyIndex opens a new, empty index in a temporary directory,
// closed when the test ends.
func openEmptyIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(t.TempDir()+"/index", Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func hitURLs(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.URL)
	}
	slices.Sort(out)
	return out
}

func TestSearch(t *testing.T) {
	ix := openTestIndex(t)
	from2015, to2015 := at("2015-01-01T00:00:00Z"), at("2015-12-31T00:00:00Z")
	evFrom, evTo := at("2014-12-19T00:00:00Z"), at("2014-12-19T00:00:00Z")
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"all newest first", Request{}, []string{"http://kurier.test/a1.html", "http://portal.test/b2.html", "http://portal.test/c3.html"}},
		{"exact word", Request{Query: "Labar"}, []string{"http://kurier.test/a1.html", "http://portal.test/b2.html"}},
		{"folded query finds diacritics", Request{Query: "Plocku"}, []string{"http://kurier.test/a1.html", "http://portal.test/c3.html"}},
		{"diacritics query finds folded text", Request{Query: "Płock"}, []string{"http://kurier.test/a1.html", "http://portal.test/c3.html"}},
		{"phrase", Request{Query: `"Hugues Labar" odwiedził`}, []string{"http://kurier.test/a1.html"}},
		{"negation", Request{Query: "Labar -Ciechanowie"}, []string{"http://kurier.test/a1.html"}},
		{"or", Request{Query: "festiwal OR marszałek"}, []string{"http://portal.test/b2.html", "http://portal.test/c3.html"}},
		{"prefix", Request{Query: "innowac*"}, []string{"http://portal.test/b2.html"}},
		{"fuzzy", Request{Query: "Labra~"}, []string{"http://kurier.test/a1.html", "http://portal.test/b2.html"}},
		{"title field", Request{Query: "title:Płocku"}, []string{"http://kurier.test/a1.html", "http://portal.test/c3.html"}},
		{"person field, canonical", Request{Query: `person:"Hugues Labar"`}, []string{"http://kurier.test/a1.html", "http://portal.test/b2.html"}},
		{"person field, folded", Request{Query: "person:kowalski"}, []string{"http://portal.test/b2.html"}},
		{"person filter", Request{People: []string{"Jan Kowalski"}}, []string{"http://portal.test/b2.html"}},
		{"two person filters", Request{People: []string{"Jan Kowalski", "Hugues Labar"}}, []string{"http://portal.test/b2.html"}},
		{"site filters are alternatives", Request{Sites: []string{"kurier", "portal"}, Query: "Płock"}, []string{"http://kurier.test/a1.html", "http://portal.test/c3.html"}},
		{"published range", Request{From: from2015, To: to2015}, []string{"http://kurier.test/a1.html"}},
		{"event range", Request{EventFrom: evFrom, EventTo: evTo}, []string{"http://kurier.test/a1.html"}},
		{"no match", Request{Query: "kosmos"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if got := hitURLs(res); !slices.Equal(got, tt.want) {
				t.Errorf("hits = %q, want %q", got, tt.want)
			}
			if int(res.Total) != len(tt.want) {
				t.Errorf("total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSearchOrderFacetsSnippets(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()

	res, err := ix.Search(ctx, Request{Sort: SortDate})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Hits[0].URL; got != "http://portal.test/c3.html" {
		t.Errorf("oldest first: first hit %q", got)
	}

	res, err = ix.Search(ctx, Request{Query: "Płock", Facets: []string{"place", "site", "month", "event_month", "person"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Facets["place"], []FacetValue{{"Płock", 2}, {"Walonia", 1}}; !slices.Equal(got, want) {
		t.Errorf("place facet = %v, want %v", got, want)
	}
	if got, want := res.Facets["month"], []FacetValue{{"2012-07", 1}, {"2015-01", 1}}; !slices.Equal(got, want) {
		t.Errorf("month facet = %v, want %v", got, want)
	}
	if got, want := res.Facets["event_month"], []FacetValue{{"2014-12", 1}}; !slices.Equal(got, want) {
		t.Errorf("event_month facet = %v, want %v", got, want)
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Snippet, "<mark>") {
			t.Errorf("snippet of %s has no mark: %q", h.URL, h.Snippet)
		}
	}

	res, err = ix.Search(ctx, Request{Query: "Starym"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits", len(res.Hits))
	}
	if s := res.Hits[0].Snippet; !strings.Contains(s, "&lt;<mark>Starym</mark> Rynku&gt; &amp;") {
		t.Errorf("snippet not escaped with mark: %q", s)
	}
}

func TestSearchInvalid(t *testing.T) {
	ix := openTestIndex(t)
	for _, req := range []Request{
		{Query: `"open`},
		{Size: 101},
		{Page: -1},
		{Page: 1000, Size: 100},
		{Sort: "random"},
		{Facets: []string{"colour"}},
		{From: at("2015-01-02T00:00:00Z"), To: at("2015-01-01T00:00:00Z")},
	} {
		_, err := ix.Search(context.Background(), req)
		if news.ErrorCode(err) != news.EInvalid {
			t.Errorf("Search(%+v) error %v, want invalid", req, err)
		}
	}
}

func TestGetAndReplace(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	id := news.DocumentID("http://kurier.test/a1.html")
	d, err := ix.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Delegacja z Walonii w Płocku" || d.Extraction.Dates[0].Text != "18-19 grudnia 2014 r." {
		t.Errorf("got %+v", d)
	}
	d.Title = "Nowy tytuł"
	if err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("count after replace = %d, want 3", n)
	}
	if _, err := ix.Get(ctx, "nope"); news.ErrorCode(err) != news.ENotFound {
		t.Errorf("Get(nope) = %v, want not found", err)
	}
}

func TestOpenLocked(t *testing.T) {
	dir := t.TempDir() + "/index"
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// A second open in the same process contends for the same file lock.
	_, err = Open(dir, Options{LockTimeout: 100 * time.Millisecond})
	if err == nil {
		t.Fatal("second Open succeeded")
	}
}
