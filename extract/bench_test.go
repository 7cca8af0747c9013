package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkExtract measures throughput on the golden article texts; the
// MB/s column is megabytes of text per second on one core.
func BenchmarkExtract(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no golden texts: %v", err)
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
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	pub := time.Date(2016, 1, 12, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			x.Extract(t, &pub)
		}
	}
}
