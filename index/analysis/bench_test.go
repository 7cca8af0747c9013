package analysis

import (
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"
)

// BenchmarkAnalyzers runs every analyzer over the same news text and
// reports input tokens (words, as Kronika's tokenizer counts them) per
// second, so that Kronika's "pl" and Bleve's Stempel compare in one run.
func BenchmarkAnalyzers(b *testing.B) {
	text, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	words := len(Tokenizer{}.Tokenize(text))
	m := mapping.NewIndexMapping()
	if err := AddTo(m); err != nil {
		b.Fatal(err)
	}
	for _, name := range Names() {
		a := m.AnalyzerNamed(name)
		a.Analyze(text) // load the dictionary outside the timer
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				a.Analyze(text)
			}
			b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
