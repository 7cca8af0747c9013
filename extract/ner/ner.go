package ner

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/kronika/kronika/polish"
)

// Type is the type of a name.
type Type uint8

// The types the tagger knows. None is the type of a token outside every
// name; Tag never returns it.
const (
	None Type = iota
	Person
	Organization
	Place
	numTypes = iota - 1 // named types, without None
)

var typeNames = [...]string{None: "none", Person: "person", Organization: "organization", Place: "place"}

// String returns the lowercase English name of the type.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", t)
}

// Types lists the named types, in their order.
func Types() []Type { return []Type{Person, Organization, Place} }

// Span is one name: the tokens [Start, End) of a sentence, and its type.
type Span struct {
	Start, End int
	Type       Type
	// Score is the margin of the decision, in the model's units: how much
	// the best labelling of the sentence outscores the best labelling
	// that labels some token of the span otherwise. 0 is a tie; spans of
	// the gold data mostly score above 5. Spans given to Train carry no
	// score.
	Score float64
}

// Tagger finds names in tokenized sentences. It is immutable and safe for
// concurrent use.
type Tagger struct {
	m     *model
	dict  *polish.Dictionary
	words *wordCache
}

//go:embed model.bin
var embeddedModel []byte

var defaultTagger = sync.OnceValues(func() (*Tagger, error) {
	return Load(embeddedModel)
})

// Default returns the tagger of the embedded model, loaded on first use
// and shared afterwards.
func Default() (*Tagger, error) { return defaultTagger() }

// Load opens a model written by (*Tagger).WriteTo. The Tagger keeps no
// reference to b.
func Load(b []byte) (*Tagger, error) {
	m, err := decodeModel(b)
	if err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	return newTagger(m, polish.Default()), nil
}

// newTagger returns a tagger of model m looking words up in d.
func newTagger(m *model, d *polish.Dictionary) *Tagger {
	return &Tagger{m: m, dict: d, words: newWordCache(m)}
}

// Tag returns the names in one sentence of tokens, in order, without
// overlaps. Tokens should be cut as Tokenize cuts them; the first token is
// taken as the start of a sentence. Tag sees no other sentence: prefer
// TagDocument for the sentences of one text.
func (t *Tagger) Tag(tokens []string) []Span {
	return t.TagDocument([][]string{tokens})[0]
}

// TagDocument returns the names in each sentence of one document. How a
// word is written and used elsewhere in the document weighs in (a word
// capitalised in mid-sentence elsewhere is a name at the start of a
// sentence too), so the sentences of one text should be tagged together.
func (t *Tagger) TagDocument(sentences [][]string) [][]Span {
	return t.TagDocumentWith(sentences, DocumentOptions{})
}

// DocumentOptions tunes TagDocumentWith.
type DocumentOptions struct {
	// Analyses looks a word up in the dictionary of package polish; the
	// tagger's own dictionary when nil. A caller that looks up the words
	// of the same text itself may pass its cache, so that each word is
	// looked up once. It must give what polish.Default().Analyses gives.
	Analyses func(word string) []polish.Analysis
	// Tag reports whether sentence i is to be tagged; all are when nil.
	// A sentence left out gets no spans, and its words still tell the
	// others how they are written elsewhere in the document.
	Tag func(i int) bool
}

// TagDocumentWith is TagDocument with options.
func (t *Tagger) TagDocumentWith(sentences [][]string, o DocumentOptions) [][]Span {
	lookup := o.Analyses
	if lookup == nil {
		lookup = t.dict.Analyses
	}
	out := make([][]Span, len(sentences))
	var l lattice
	longest := 0
	for _, s := range sentences {
		longest = max(longest, len(s))
	}
	l.reset(longest) // once, for the longest sentence
	info := func(tok string) wordInfo { return t.words.get(tok, lookup) }
	for i, s := range analyse(info, sentences) {
		if len(s.infos) > 0 && (o.Tag == nil || o.Tag(i)) {
			out[i] = t.tagSentence(&l, s)
		}
	}
	return out
}

func (t *Tagger) tagSentence(l *lattice, s sentence) []Span {
	t.m.scoreCached(l, s, &t.words.pad)
	labels := l.viterbi(&t.m.transitions)
	spans := spansOf(labels)
	if len(spans) == 0 {
		return nil
	}
	margins := l.margins(&t.m.transitions, labels)
	for i, s := range spans {
		low := margins[s.Start]
		for _, v := range margins[s.Start+1 : s.End] {
			low = min(low, v)
		}
		spans[i].Score = float64(low) * t.m.scale
	}
	return spans
}
