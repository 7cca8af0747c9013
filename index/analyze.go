package index

import (
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/kronika/kronika/news"
)

// Term is one index term produced by an analyzer, with its token position
// (1-based) and the byte offsets of its source in the analysed text.
type Term struct {
	Term     string `json:"term"`
	Position int    `json:"position"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Analyzers gives access to the index's analyzers without an open index,
// for `kronika analyze` and the analyze API. It is safe for concurrent use.
type Analyzers struct {
	mapping *mapping.IndexMappingImpl
}

// NewAnalyzers builds the analyzers of the index mapping.
func NewAnalyzers() (*Analyzers, error) {
	m, err := NewMapping()
	if err != nil {
		return nil, err
	}
	return &Analyzers{mapping: m}, nil
}

// Names lists the analyzers Terms accepts.
func (a *Analyzers) Names() []string { return AnalyzerNames() }

// Terms analyses text with the named analyzer. An unknown name is a
// news.EInvalid error.
func (a *Analyzers) Terms(name, text string) ([]Term, error) {
	return termsWith(a.mapping, name, text)
}

// Terms analyses text with the named analyzer of the index's mapping.
func (ix *Index) Terms(name, text string) ([]Term, error) {
	return termsWith(ix.mapping, name, text)
}

func termsWith(m *mapping.IndexMappingImpl, name, text string) ([]Term, error) {
	if !slices.Contains(AnalyzerNames(), name) {
		return nil, news.Errorf(news.EInvalid, "unknown analyzer %q; known analyzers: %v", name, AnalyzerNames())
	}
	an := m.AnalyzerNamed(name)
	if an == nil {
		return nil, fmt.Errorf("analyzer %q is not defined in the mapping", name)
	}
	tokens := an.Analyze([]byte(text))
	out := make([]Term, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, Term{Term: string(t.Term), Position: t.Position, Start: t.Start, End: t.End})
	}
	return out, nil
}
