package index

import (
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/kronika/kronika/index/analysis"
)

// defineAnalyzers adds Kronika's Polish analyzers to m.
func defineAnalyzers(m *mapping.IndexMappingImpl) error {
	return analysis.AddTo(m)
}

// AnalyzerNames lists the analyzers a caller may ask Terms for: the three
// the index uses, and Bleve's built-in Stempel analyzer for comparison.
func AnalyzerNames() []string { return analysis.Names() }

// fieldAnalyzers are the analyzers of the three analyses of title and body.
var fieldAnalyzers = []string{analyzerLemma, analyzerFolded, analyzerExact}
