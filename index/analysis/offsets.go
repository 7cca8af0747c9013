package analysis

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Index-time analyzers of the fields that keep positions. A field with
// term vectors stores, for every occurrence of a term, its position and
// the byte offsets of its word in the text. Phrases read the positions
// only; snippets find their words by analysing the stored text again, and
// nothing reads the offsets back from the index. These analyzers give the
// terms of Lemma and Exact at the same positions with both offsets 0,
// which a segment stores in one byte each instead of two or three: about
// a third of the positions' bytes (BENCHMARKS.md, "A lean index"). Query
// analysis goes on using Lemma and Exact, whose offsets are real.
const (
	// IndexLemma is Lemma without offsets, for indexing.
	IndexLemma = "pl_index"
	// IndexExact is Exact without offsets, for indexing.
	IndexExact = "exact_index"
	// NoOffsetsFilterName zeroes the byte offsets of every token.
	NoOffsetsFilterName = "kronika_no_offsets"
)

// NoOffsetsFilter sets the start and end offsets of every token to 0 and
// leaves its term and position as they are.
type NoOffsetsFilter struct{}

// Filter implements analysis.TokenFilter.
func (NoOffsetsFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Start, t.End = 0, 0
	}
	return input
}

// indexAnalyzers are the definitions of IndexLemma and IndexExact.
func indexAnalyzers() []analyzerDef {
	return []analyzerDef{
		{IndexLemma, map[string]any{
			"type":          custom.Name,
			"tokenizer":     TokenizerName,
			"token_filters": []any{StopFilterName, LemmaFilterName, NoOffsetsFilterName},
		}},
		{IndexExact, map[string]any{
			"type":          custom.Name,
			"tokenizer":     TokenizerName,
			"token_filters": []any{lowercase.Name, NoOffsetsFilterName},
		}},
	}
}

// analyzerDef is an analyzer's name and its definition in a mapping.
type analyzerDef struct {
	name   string
	config map[string]any
}

// addDefs defines the analyzers in m.
func addDefs(m *mapping.IndexMappingImpl, defs []analyzerDef) error {
	for _, d := range defs {
		if err := m.AddCustomAnalyzer(d.name, d.config); err != nil {
			return fmt.Errorf("define analyzer %s: %w", d.name, err)
		}
	}
	return nil
}

func init() {
	registry.RegisterTokenFilter(NoOffsetsFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return NoOffsetsFilter{}, nil
	})
}
