package extracteval

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/extract/ner"
	"github.com/kronika/kronika/extract/ner/nereval"
)

func TestEntityDocs(t *testing.T) {
	doc := nereval.Document{ID: "d", Sentences: []ner.Example{
		{Tokens: strings.Fields(`Jan Kowalski z Urzędu Miasta Płocka ( UMP ) przyjechał .`),
			Spans: []ner.Span{{Start: 0, End: 2, Type: ner.Person}, {Start: 3, End: 6, Type: ner.Organization}, {Start: 7, End: 8, Type: ner.Organization}}},
		{Tokens: strings.Fields(`Polaków i polskiego ducha , mówi " Gazeta " .`),
			Spans: []ner.Span{{Start: 0, End: 1, Type: ner.Place}, {Start: 2, End: 3, Type: ner.Place}, {Start: 7, End: 8, Type: ner.Organization}}},
		{Tokens: strings.Fields(`Bez kropki`)},
		{Tokens: strings.Fields(`polsko - niemiecki`)},
	}, Nested: [][]ner.Span{{{Start: 5, End: 6, Type: ner.Place}}}}
	got := EntityDocs([]nereval.Document{doc})[0]
	wantText := "Jan Kowalski z Urzędu Miasta Płocka (UMP) przyjechał. Polaków i polskiego ducha, mówi \"Gazeta\". Bez kropki\npolsko-niemiecki"
	if got.Text != wantText {
		t.Errorf("text: got %q, want %q", got.Text, wantText)
	}
	wantGold := map[string][]string{"people": {"Jan Kowalski"}, "institutions": {"Urzędu Miasta Płocka", "UMP", "Gazeta"}}
	if !reflect.DeepEqual(got.Gold, wantGold) {
		t.Errorf("gold: got %v, want %v", got.Gold, wantGold)
	}
	// the nested place and NKJP's inhabitants and adjectives are optional
	wantOpt := map[string][]string{"places": {"Płocka", "Polaków", "polskiego"}}
	if !reflect.DeepEqual(got.Optional, wantOpt) {
		t.Errorf("optional: got %v, want %v", got.Optional, wantOpt)
	}
}

func TestEvaluateEntities(t *testing.T) {
	x, err := extract.New(extract.WithoutTagger())
	if err != nil {
		t.Fatal(err)
	}
	docs := []EntityDoc{{
		ID:       "d",
		Text:     "Marszałek Adam Struzik przyjechał do Płocka. Spotkał go Jan Nowak z Gdańska.",
		Gold:     map[string][]string{"people": {"Adam Struzik", "Nowak"}, "places": {"Płocka"}},
		Optional: map[string][]string{"places": {"Gdańska"}},
	}}
	r := EvaluateEntities(x, docs, 10)
	for _, tc := range []struct {
		typ  string
		want Counts
	}{
		{"people", Counts{TP: 1, FP: 1, FN: 1}}, // Jan Nowak is a span too long for the gold Nowak
		{"places", Counts{TP: 1}},               // Gdańska is optional
	} {
		if got := r.Scores[tc.typ].Counts; got != tc.want {
			t.Errorf("%s: got %+v, want %+v (misses %v)", tc.typ, got, tc.want, r.Misses)
		}
	}
	if got := r.Scores["people"].Classes[classTooLong]; got != 1 {
		t.Errorf("class %q: got %d, want 1", classTooLong, got)
	}
}
