package analysis

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// newMapping returns a mapping whose "body" is indexed through the three
// analyzers, as Kronika's index does.
func newMapping(t *testing.T) *mapping.IndexMappingImpl {
	t.Helper()
	m := bleve.NewIndexMapping()
	if err := AddTo(m); err != nil {
		t.Fatal(err)
	}
	m.DefaultAnalyzer = Lemma
	doc := bleve.NewDocumentStaticMapping()
	field := func(name, analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name, f.Analyzer = name, analyzer
		return f
	}
	doc.AddFieldMappingsAt("body", field("body", Lemma), field("body_folded", Folded), field("body_exact", Exact))
	m.DefaultMapping = doc
	return m
}

var corpus = map[string]string{
	"wizyty":  "Wizyty delegacji były dwie.",
	"wizyta":  "Rozmowy przed wizytą marszałka.",
	"wizytę":  "Zaplanowano wizytę w styczniu.",
	"wizyta0": "Wizyta zakończyła się w piątek.",
	"plock":   "Delegacja gościła w Płocku.",
	"labara":  "Rozmowa z Labara trwała godzinę.",
	"hugues":  "Przemówienie pana Huguesa Labara.",
	"maz":     "Jej mąż przyjechał później.",
	"sok":     "Sok jabłkowy z sadu.",
	"rok":     "Program na rok 2014 przyjęto.",
}

func newIndex(t *testing.T) bleve.Index {
	t.Helper()
	idx, err := bleve.NewMemOnly(newMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	for id, body := range corpus {
		if err := idx.Index(id, map[string]any{"body": body}); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

func hits(t *testing.T, idx bleve.Index, q query.Query) []string {
	t.Helper()
	res, err := idx.Search(bleve.NewSearchRequestOptions(q, 20, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// match queries one field through that field's analyzer, named
// explicitly: Bleve resolves analyzers by property path, and the three
// fields share the property "body".
func match(text, field string) *query.MatchQuery {
	q := bleve.NewMatchQuery(text)
	q.SetField(field)
	q.Analyzer = map[string]string{"body": Lemma, "body_folded": Folded, "body_exact": Exact}[field]
	return q
}

func TestSearch(t *testing.T) {
	idx := newIndex(t)
	tests := []struct {
		name, field, q string
		want           []string
	}{
		{"lemma finds inflected forms", "body", "wizyta", []string{"wizyta", "wizyta0", "wizytę", "wizyty"}},
		{"inflected query finds all forms", "body", "wizyty", []string{"wizyta", "wizyta0", "wizytę", "wizyty"}},
		{"no diacritics through pl_folded", "body_folded", "Plock", []string{"plock"}},
		{"inflected without diacritics", "body_folded", "plocku", []string{"plock"}},
		{"name in the nominative", "body", "Labar", []string{"hugues", "labara"}},
		{"foreign first name", "body", "Hugues", []string{"hugues"}},
		{"sok is not mąż", "body", "sok", []string{"sok"}},
		{"mąż is not sok", "body", "mąż", []string{"maz"}},
		{"number", "body", "2014", []string{"rok"}},
		{"exact form only", "body_exact", "wizytę", []string{"wizytę"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hits(t, idx, match(tt.q, tt.field))
			slices.Sort(got)
			slices.Sort(tt.want)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s:%q found %q, want %q", tt.field, tt.q, got, tt.want)
			}
		})
	}
}

// TestExactRanksFirst scores an exact-form match above lemma-only and
// folded matches, the way Kronika's search boosts its three fields.
func TestExactRanksFirst(t *testing.T) {
	idx := newIndex(t)
	exact := match("wizytę", "body_exact")
	exact.SetBoost(3)
	lemma := match("wizytę", "body")
	lemma.SetBoost(2)
	folded := match("wizytę", "body_folded")
	got := hits(t, idx, bleve.NewDisjunctionQuery(exact, lemma, folded))
	if len(got) != 4 || got[0] != "wizytę" {
		t.Errorf("hits = %q, want wizytę first of 4", got)
	}
}

// TestReopen checks that an index persisted with these analyzers opens
// again: the mapping stores only registered type names.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "idx")
	idx, err := bleve.New(path, newMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Index("a", map[string]any{"body": "Delegacja w Płocku"}); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err = bleve.Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer idx.Close()
	if got := hits(t, idx, match("Płock", "body")); !slices.Equal(got, []string{"a"}) {
		t.Errorf("after reopening, Płock found %q, want [a]", got)
	}
}
