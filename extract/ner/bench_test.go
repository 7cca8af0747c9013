package ner

import (
	"bytes"
	"os"
	"testing"
)

// newsSentences reads testdata/news.txt, a made-up regional news item,
// as sentences of tokens.
func newsSentences(b *testing.B) ([][]string, int) {
	b.Helper()
	text, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	for _, s := range Sentences(string(text)) {
		var words []string
		for _, tok := range s {
			words = append(words, tok.Text)
		}
		sents = append(sents, words)
	}
	return sents, len(text)
}

func BenchmarkTagDocument(b *testing.B) {
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents, size := newsSentences(b)
	tokens := 0
	for _, s := range sents {
		tokens += len(s)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		tg.TagDocument(sents)
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkLoad(b *testing.B) {
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
