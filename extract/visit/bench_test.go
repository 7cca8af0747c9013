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

// BenchmarkFind measures Find on the texts extract's BenchmarkExtract
// reads (../testdata/golden), with their extractions made beforehand:
// the MB/s of the two benchmarks give the share visits add to extraction.
// The texts are regional news about visits, so nearly every sentence
// has a trigger: most news costs less.
func BenchmarkFind(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("no golden texts: %v", err)
	}
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	pub := time.Date(2016, 1, 12, 0, 0, 0, 0, time.UTC)
	var texts []string
	var exs []news.Extraction
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data), "\n")
		texts = append(texts, body)
		exs = append(exs, x.Extract(body, &pub))
		size += len(body)
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
