package visit_test

import (
	"testing"
	"time"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/extract/visit"
	"github.com/kronika/kronika/internal/benchcorpus"
)

// BenchmarkCorpusShare measures what the target measures: the time
// visit extraction adds to extraction over the benchmark corpus, whose
// generator ends a fifth of its articles with a visit. It reports the time
// Find takes as a share of Extract's ("find/extract"), side by side.
func BenchmarkCorpusShare(b *testing.B) {
	c, err := benchcorpus.New(benchcorpus.Config{N: 400, Seed: benchcorpus.DefaultSeed})
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]struct {
		text string
		pub  *time.Time
	}, c.Len())
	size := 0
	for i := range docs {
		d := c.Document(i)
		docs[i].text, docs[i].pub = d.Text, d.Published
		size += len(d.Text)
	}
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	f := visit.New()
	var ext, find time.Duration
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			t0 := time.Now()
			ex := x.Extract(d.text, d.pub)
			t1 := time.Now()
			f.Find(d.text, ex, d.pub)
			ext, find = ext+t1.Sub(t0), find+time.Since(t1)
		}
	}
	b.ReportMetric(float64(find)/float64(ext), "find/extract")
}
