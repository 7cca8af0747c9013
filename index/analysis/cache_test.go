package analysis

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/kronika/kronika/polish"
)

// TestCachedTermsMatchUncached checks that the cached filters of a
// mapping give the terms of an uncached LemmaFilter, whichever analysis
// sees a word first, and when the word is seen again.
func TestCachedTermsMatchUncached(t *testing.T) {
	words := []string{"wizyty", "Płocku", "Plocku", "PO", "PiS-u", "e-sporcie", "Labara",
		"Huguesa", "2014", "S.A.", "ŁÓDŹ", "Zrodla", "we", "G-Stara", "biało-czerwony"}
	tests := []struct {
		name  string
		order []string // filter names, in the order they see each word
	}{
		{"lemma first", []string{LemmaFilterName, FoldedLemmaFilterName, LemmaFilterName, FoldedLemmaFilterName}},
		{"folded first", []string{FoldedLemmaFilterName, LemmaFilterName, FoldedLemmaFilterName, LemmaFilterName}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := bleve.NewIndexMapping() // a fresh registry cache: fresh filters
			if err := AddTo(m); err != nil {
				t.Fatal(err)
			}
			for _, w := range words {
				for _, name := range tt.order {
					f := filterNamed(t, m, name)
					plain := &LemmaFilter{Dict: polish.Default(), Fold: f.Fold}
					got := termStrings(f.Filter(analysis.TokenStream{{Term: []byte(w), Position: 1}}))
					want := plain.Terms(w)
					if !slices.Equal(got, want) {
						t.Errorf("%s(%q) = %q, want %q", name, w, got, want)
					}
				}
			}
		})
	}
}

// TestFiltersShareCache checks that a mapping's two lemma filters use one
// cache, so that a word is looked up once for both analyses.
func TestFiltersShareCache(t *testing.T) {
	m := bleve.NewIndexMapping()
	if err := AddTo(m); err != nil {
		t.Fatal(err)
	}
	lemma, folded := filterNamed(t, m, LemmaFilterName), filterNamed(t, m, FoldedLemmaFilterName)
	if lemma.cache == nil || lemma.cache != folded.cache {
		t.Fatalf("got caches %p and %p, want one shared cache", lemma.cache, folded.cache)
	}
	other := bleve.NewIndexMapping()
	if err := AddTo(other); err != nil {
		t.Fatal(err)
	}
	if filterNamed(t, other, LemmaFilterName).cache == lemma.cache {
		t.Error("two mappings share a cache, want one each")
	}
}

func filterNamed(t *testing.T, m interface {
	AnalyzerNamed(string) analysis.Analyzer
}, name string) *LemmaFilter {
	t.Helper()
	// The analyzers hold the filters the mapping's registry cache built.
	an := Lemma
	if name == FoldedLemmaFilterName {
		an = Folded
	}
	a, ok := m.AnalyzerNamed(an).(*analysis.DefaultAnalyzer)
	if !ok {
		t.Fatalf("analyzer %s is %T, want *analysis.DefaultAnalyzer", an, m.AnalyzerNamed(an))
	}
	for _, tf := range a.TokenFilters {
		if f, ok := tf.(*LemmaFilter); ok {
			return f
		}
	}
	t.Fatalf("analyzer %s has no LemmaFilter", an)
	return nil
}

func termStrings(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

func TestCacheBounded(t *testing.T) {
	tests := []struct {
		name         string
		limit, words int
	}{
		{"under the limit", 1024, 500},
		{"many times the limit", 64, 10000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTermCache(tt.limit)
			computed := 0
			compute := func(w string) *wordTerms {
				computed++
				return &wordTerms{lemma: [][]byte{[]byte(w)}}
			}
			for i := range tt.words {
				w := fmt.Sprintf("słowo%d", i)
				if got := string(c.get([]byte(w), compute).lemma[0]); got != w {
					t.Fatalf("got %q, want %q", got, w)
				}
			}
			held := 0
			for i := range c.shards {
				s := &c.shards[i]
				if len(s.cur) > c.limit || len(s.old) > c.limit {
					t.Errorf("shard %d holds %d + %d words, want at most %d each", i, len(s.cur), len(s.old), c.limit)
				}
				held += len(s.cur) + len(s.old)
			}
			if want := min(tt.words, 2*tt.limit+cacheShards); held > want {
				t.Errorf("got %d words held, want at most %d", held, want)
			}
			// A frequent word stays: after its first computation it is
			// answered from the cache however many others pass.
			before := computed
			for i := range 3 * tt.limit {
				c.get([]byte("wizyta"), compute)
				c.get([]byte(fmt.Sprintf("inne%d", i)), compute)
			}
			if got := computed - before; got != 3*tt.limit+1 {
				t.Errorf("got %d computations, want %d (wizyta once)", got, 3*tt.limit+1)
			}
		})
	}
}

func TestCacheConcurrent(t *testing.T) {
	m := bleve.NewIndexMapping()
	if err := AddTo(m); err != nil {
		t.Fatal(err)
	}
	texts := []string{"Wizyta marszałka w Płocku", "Delegacja z Walonii w Plocku", "wizyty i wizytą", "Huguesa Labara"}
	want := map[string][]string{}
	for _, an := range []string{Lemma, Folded} {
		for _, text := range texts {
			want[an+text] = analyzed(m, an, text)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				an := []string{Lemma, Folded}[(g+i)%2]
				text := texts[(g*7+i)%len(texts)]
				if got := analyzed(m, an, text); !slices.Equal(got, want[an+text]) {
					t.Errorf("%s(%q) = %q, want %q", an, text, got, want[an+text])
					return
				}
			}
		})
	}
	wg.Wait()
}

func analyzed(m interface {
	AnalyzerNamed(string) analysis.Analyzer
}, an, text string) []string {
	return termStrings(m.AnalyzerNamed(an).Analyze([]byte(text)))
}
