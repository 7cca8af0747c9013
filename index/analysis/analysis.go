package analysis

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	plstempel "github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Analyzer names, as defined in an index mapping by AddTo.
const (
	// Lemma is Kronika's Polish analyzer: lemmas of every word, all
	// candidates of an ambiguous form at the same position, no stopwords.
	Lemma = "pl"
	// Folded is Lemma with terms lowercased and stripped of diacritics.
	Folded = "pl_folded"
	// Exact lowercases the words and nothing more.
	Exact = "exact"
	// Stempel is Bleve's built-in Polish analyzer (a Stempel stemmer),
	// kept under another name for comparison.
	Stempel = "pl_stempel"
)

// Names lists the analyzers AddTo defines, Kronika's first.
func Names() []string { return []string{Lemma, Folded, Exact, Stempel} }

// AddTo defines the analyzers of Names in m, and the index-time analyzers
// IndexLemma and IndexExact, so that fields may name them
// and an index created with m can be reopened: the definitions are stored
// with the mapping and refer to types this package registers with Bleve.
func AddTo(m *mapping.IndexMappingImpl) error {
	defs := []analyzerDef{
		{Lemma, map[string]any{
			"type":          custom.Name,
			"tokenizer":     TokenizerName,
			"token_filters": []any{StopFilterName, LemmaFilterName},
		}},
		{Folded, map[string]any{
			"type":          custom.Name,
			"tokenizer":     TokenizerName,
			"token_filters": []any{StopFilterName, FoldedLemmaFilterName},
		}},
		{Exact, map[string]any{
			"type":          custom.Name,
			"tokenizer":     TokenizerName,
			"token_filters": []any{lowercase.Name},
		}},
		{Stempel, map[string]any{"type": plstempel.AnalyzerName}},
	}
	return addDefs(m, append(defs, indexAnalyzers()...))
}

// Term is one index term of an analysed text: Position counts tokens from
// 1 (candidates of one word share it); Start and End are byte offsets of
// the word in the text.
type Term struct {
	Term     string `json:"term"`
	Position int    `json:"position"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// termsMapping holds the analyzers for Terms, built once.
var termsMapping = sync.OnceValues(func() (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	if err := AddTo(m); err != nil {
		return nil, err
	}
	return m, nil
})

// Terms analyses text with the named analyzer (one of Names) and returns
// its terms in order. An unknown name is an error.
func Terms(analyzer, text string) ([]Term, error) {
	m, err := termsMapping()
	if err != nil {
		return nil, err
	}
	if !known(analyzer) {
		return nil, fmt.Errorf("unknown analyzer %q (want one of %v)", analyzer, Names())
	}
	a := m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil, fmt.Errorf("analyzer %q failed to build", analyzer)
	}
	toks := a.Analyze([]byte(text))
	out := make([]Term, len(toks))
	for i, t := range toks {
		out[i] = Term{Term: string(t.Term), Position: t.Position, Start: t.Start, End: t.End}
	}
	return out, nil
}

func known(name string) bool {
	for _, n := range Names() {
		if n == name {
			return true
		}
	}
	return false
}
