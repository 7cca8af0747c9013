package index

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// phraseDocs are the documents of TestPhrasePlan: a phrase inflected, in
// a title, with a stopword inside, its words apart or in the other order,
// and people whose names share words.
func phraseDocs() []news.Document {
	people := func(names ...string) news.Extraction {
		var e news.Extraction
		for _, n := range names {
			e.People = append(e.People, news.Person{Name: n})
		}
		return e
	}
	return []news.Document{
		{URL: "http://phrase.test/1", Site: "kurier", Category: "Samorząd", Published: noonUTC(2024, 3, 1),
			Title:      "Sesja Rady Miasta Płocka",
			Text:       "Radni zebrali się na sesji rady miasta w Płocku. Rada miasta uchwaliła budżet.",
			Extraction: people("Jan Kowalski", "Anna Nowak")},
		{URL: "http://phrase.test/2", Site: "kurier", Category: "Gospodarka", Published: noonUTC(2023, 5, 2),
			Title: "Budżet miasta",
			Text:  "Miasto ma nowy budżet. Rada zebrała się wczoraj, a miasta nie stać na remont."},
		{URL: "http://phrase.test/3", Site: "portal", Category: "Zdrowie", Published: noonUTC(2023, 6, 3),
			Title: "Wizyta w szpitalu",
			Text:  "Jan Nowak odwiedził szpital.", Extraction: people("Jan Nowak")},
		{URL: "http://phrase.test/4", Site: "portal", Category: "Samorząd", Published: noonUTC(2024, 7, 4),
			Title: "Bez sesji",
			Text:  "Rady miasta nie zwołano."},
		{URL: "http://phrase.test/5", Site: "tygodnik", Category: "Samorząd", Published: noonUTC(2022, 8, 5),
			Title: "Obrady",
			Text:  "Rada w mieście obradowała do wieczora."},
	}
}

// TestPhrasePlan checks quoted phrases ranked by the index itself
// against Bleve's MatchPhraseQuery on the same index (compareWithBleve:
// the same hits, scores to the last bit, order and facets), alone and
// beside words, alternatives, negations and filters, with postings read
// from the index and from the postings cache, and that they find the
// documents where the phrase stands and only those.
func TestPhrasePlan(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	docs := phraseDocs()
	// Two segments, and a replaced document's deleted copy in the first.
	if err := ix.Put(ctx, docs[:3]...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, docs[2:]...); err != nil {
		t.Fatal(err)
	}
	facets := []string{FacetPerson, FacetSite, FacetCategory, FacetMonth}
	tests := []struct {
		name string
		req  Request
		plan bool  // whether the index ranks it itself
		want []int // the documents found (1-based, as in phraseDocs), best first where order says
	}{
		{"inflected, in title and body", Request{Query: `"rada miasta"`}, true, []int{1, 4}},
		{"another form", Request{Query: `"radzie miasta"`}, true, []int{1, 4}},
		{"without diacritics", Request{Query: `"rady miasta plocka"`}, true, []int{1}},
		{"title only", Request{Query: `title:"rady miasta"`}, true, []int{1}},
		{"a stopword inside", Request{Query: `"rada w mieście"`}, true, []int{5}},
		{"the words in the other order", Request{Query: `"miasta rada"`}, true, nil},
		{"three words", Request{Query: `"sesji rady miasta"`}, true, []int{1}},
		{"a person's name", Request{Query: `person:"Jan Kowalski"`}, true, []int{1}},
		// Document 1 names Jan Kowalski and Anna Nowak: "Jan" and
		// "Nowak" stand at places 1 and 2, of two names. It matches
		// word by word, not as a phrase, and ranks below document 3.
		{"words of two names", Request{Query: `person:"Jan Nowak"`}, true, []int{3, 1}},
		{"a phrase and a word", Request{Query: `"rada miasta" budżet`}, true, []int{1}},
		{"a phrase or a word", Request{Query: `"rada miasta" OR szpital`}, true, []int{1, 3, 4}},
		{"a site filter and facets", Request{Query: `"rada miasta"`, Sites: []string{"portal"}, Facets: facets}, true, []int{4}},
		{"a date filter", Request{Query: `"rada miasta"`, From: noonUTC(2024, 6, 1)}, true, []int{4}},
		{"facets", Request{Query: `"rada miasta"`, Facets: facets}, true, []int{1, 4}},
		{"beside a negation", Request{Query: `"rada miasta" -budżet`}, false, []int{4}},
		{"by date", Request{Query: `"rada miasta"`, Sort: SortDateDesc, Facets: facets}, false, []int{4, 1}},
	}
	cachePasses(t, ix, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := tt.req
				req.Size = 10
				got, err := ix.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				path, diffs, err := compareWithBleve(ix, req, got)
				if err != nil {
					t.Fatal(err)
				}
				if len(diffs) > 0 {
					t.Fatal(strings.Join(diffs, "\n"))
				}
				if (path == "plan") != tt.plan {
					t.Errorf("ranked on the %s path, want the plan: %v", path, tt.plan)
				}
				var found []int
				for _, h := range got.Hits {
					found = append(found, docNumberOf(t, docs, h.URL))
				}
				want := tt.want
				if len(tt.want) > 2 {
					// Only which documents, not their order.
					slices.Sort(found)
					want = slices.Sorted(slices.Values(tt.want))
				}
				if !slices.Equal(found, want) {
					t.Errorf("found documents %v, want %v", found, want)
				}
			})
		}
	})
}

// noonUTC returns noon UTC of a day.
func noonUTC(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	return &t
}

// docNumberOf returns the 1-based place of the document at url in docs.
func docNumberOf(t *testing.T, docs []news.Document, url string) int {
	t.Helper()
	i := slices.IndexFunc(docs, func(d news.Document) bool { return d.URL == url })
	if i < 0 {
		t.Fatalf("hit %s is no document of the test", url)
	}
	return i + 1
}

// TestPhraseSnippets checks that a phrase's hits mark the words of the
// phrase in whatever form the text has them.
func TestPhraseSnippets(t *testing.T) {
	ix := openEmptyIndex(t)
	if err := ix.Put(context.Background(), phraseDocs()...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want map[string][]string // URL -> the marked words of its snippet
	}{
		{`"radzie miasta"`, map[string][]string{
			"http://phrase.test/1": {"rady", "miasta", "Rada", "miasta"},
			"http://phrase.test/4": {"Rady", "miasta"},
		}},
		{`"rady miasta plocka"`, map[string][]string{
			"http://phrase.test/1": {"rady", "miasta", "Płocku", "Rada", "miasta"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, err := ix.Search(context.Background(), Request{Query: tt.q, Size: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Hits) != len(tt.want) {
				t.Fatalf("%d hits, want %d", len(got.Hits), len(tt.want))
			}
			for _, h := range got.Hits {
				var marked []string
				for _, m := range markRe.FindAllStringSubmatch(h.Snippet, -1) {
					marked = append(marked, m[1])
				}
				if want := tt.want[h.URL]; !slices.Equal(marked, want) {
					t.Errorf("%s: marked %q, want %q in %s", h.URL, marked, want, h.Snippet)
				}
			}
		})
	}
}

// TestPhraseSlots checks the slots of analysed phrases: one a position,
// several lemmas of an ambiguous word in one, an empty one where the
// analyzer drops a stopword.
func TestPhraseSlots(t *testing.T) {
	ix := openEmptyIndex(t)
	tests := []struct {
		analyzer, text string
		want           [][]string
	}{
		{analyzerExact, "Rada Miasta", [][]string{{"rada"}, {"miasta"}}},
		{analyzerExact, "rada w mieście", [][]string{{"rada"}, {"w"}, {"mieście"}}},
		{analyzerLemma, "rada w mieście", [][]string{{"rada", "rad"}, nil, {"miasto", "miesić"}}},
		{analyzerLemma, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.analyzer+" "+tt.text, func(t *testing.T) {
			terms, err := ix.Terms(tt.analyzer, tt.text)
			if err != nil {
				t.Fatal(err)
			}
			got := phraseSlots(terms)
			if len(got) != len(tt.want) {
				t.Fatalf("slots %q, want %q", got, tt.want)
			}
			for i := range got {
				if !slices.Equal(got[i], tt.want[i]) {
					t.Errorf("slots %q, want %q", got, tt.want)
				}
			}
		})
	}
}
