package ner

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kronika/kronika/polish"
)

// TestGazetteerFolds builds the gazetteer of three documents in three
// folds: a lemma counts for a type when at least half of its capitalised
// occurrences are inside names of that type, and a fold's gazetteer
// leaves that fold's documents out.
func TestGazetteerFolds(t *testing.T) {
	info := func(tok string) wordInfo { return newWordInfo(func(string) []polish.Analysis { return nil }, tok) }
	infos := func(text string) []wordInfo {
		var out []wordInfo
		for _, tok := range strings.Fields(text) {
			out = append(out, info(tok))
		}
		return out
	}
	var c gazCounts
	c.add(0, infos("Zeta kupiła Omegę"), []Span{{Start: 0, End: 1, Type: Organization}})
	c.add(1, infos("Zeta leży nad Omegą"), []Span{{Start: 0, End: 1, Type: Place}, {Start: 3, End: 4, Type: Place}})
	c.add(2, infos("Zeta Zeta Zeta"), []Span{{Start: 0, End: 1, Type: Person}})
	lemma := func(tok string) uint64 { return info(tok).lemma }
	tests := []struct {
		name string
		skip int
		tok  string
		want uint8
	}{
		// Zeta: 5 capitalised, 1 organisation, 1 place, 1 person: none reaches half
		{"all folds, rare types", -1, "Zeta", 0},
		// without fold 2, Zeta is 2 capitalised: organisation 1, place 1
		{"without fold 2", 2, "Zeta", gazOrganization | gazPlace},
		{"without fold 1", 1, "Zeta", 0},
		// a lowercase word is not counted
		{"lowercase", -1, "kupiła", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.gazetteer(tt.skip)[lemma(tt.tok)]; got != tt.want {
				t.Errorf("%s: got bits %03b, want %03b", tt.tok, got, tt.want)
			}
		})
	}
	// without fold 0, Omegą is a place whether or not its guessed lemma
	// is Omegę's
	if got := c.gazetteer(0)[lemma("Omegą")]; got&gazPlace == 0 {
		t.Errorf("Omegą without fold 0: got bits %03b, want the place bit", got)
	}
}

// TestGazetteerModel trains with the gazetteer: the model carries it
// through WriteTo and Load, and a word's info gets its bits.
func TestGazetteerModel(t *testing.T) {
	tg, err := Train(context.Background(), readToy(t), TrainOptions{Epochs: 3, Seed: 1, Gazetteer: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(tg.m.gaz) == 0 {
		t.Fatal("trained with the gazetteer, the model has none")
	}
	var b bytes.Buffer
	if _, err := tg.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Load(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.m.gaz) != len(tg.m.gaz) {
		t.Fatalf("loaded %d gazetteer entries, wrote %d", len(back.m.gaz), len(tg.m.gaz))
	}
	for k, v := range tg.m.gaz {
		if back.m.gaz[k] != v {
			t.Fatalf("entry %x: loaded %03b, wrote %03b", k, back.m.gaz[k], v)
		}
	}
	// A word whose lemma the gazetteer holds, or the comparison below
	// would hold with no bits on either side.
	wi := back.words.get("Gdańsku", back.dict.Analyses)
	if back.m.gaz[wi.lemma] == 0 {
		t.Fatal("Gdańsku: the toy's gazetteer has no bits for its lemma: the test tests nothing")
	}
	if wi.gaz != uint64(back.m.gaz[wi.lemma]) {
		t.Errorf("Gdańsku: info has gazetteer bits %03b, the model %03b", wi.gaz, back.m.gaz[wi.lemma])
	}
}
