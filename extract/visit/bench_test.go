package visit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// goldenTexts reads the texts extract's BenchmarkExtract reads
// (../testdata/golden): regional news about visits, where nearly every
// sentence has a trigger, so most news costs less.
func goldenTexts(b *testing.B) ([]string, int) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("no golden texts: %v", err)
	}
	var texts []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data), "\n")
		texts = append(texts, body)
		size += len(body)
	}
	return texts, size
}

// BenchmarkFind measures Find on the golden texts, with their extractions
// made beforehand.
func BenchmarkFind(b *testing.B) {
	texts, size := goldenTexts(b)
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	pub := time.Date(2016, 1, 12, 0, 0, 0, 0, time.UTC)
	exs := make([]news.Extraction, len(texts))
	for i, t := range texts {
		exs[i] = x.Extract(t, &pub)
	}
	f := New()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, t := range texts {
			f.Find(t, exs[i], &pub)
		}
	}
}

// BenchmarkShare extracts each golden text and finds its visits, in turn,
// and reports the time Find takes as a share of the extraction's
// ("find/extract"): measured side by side, the share holds when the
// machine is busy. The rules sub-benchmark compares with the extractor
// without its name tagger.
func BenchmarkShare(b *testing.B) {
	texts, size := goldenTexts(b)
	for _, c := range []struct {
		name string
		opts []extract.Option
	}{{"tagger", nil}, {"rules", []extract.Option{extract.WithoutTagger()}}} {
		b.Run(c.name, func(b *testing.B) {
			x, err := extract.New(c.opts...)
			if err != nil {
				b.Fatal(err)
			}
			f := New()
			pub := time.Date(2016, 1, 12, 0, 0, 0, 0, time.UTC)
			var ext, find time.Duration
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, t := range texts {
					t0 := time.Now()
					ex := x.Extract(t, &pub)
					t1 := time.Now()
					f.Find(t, ex, &pub)
					ext, find = ext+t1.Sub(t0), find+time.Since(t1)
				}
			}
			b.ReportMetric(float64(find)/float64(ext), "find/extract")
		})
	}
}
