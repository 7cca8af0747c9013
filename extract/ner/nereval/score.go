package nereval

import (
	"time"

	"github.com/kronika/kronika/extract/ner"
)

// Counts are the true positives, false positives and false negatives of
// exact span matching: a predicted span counts only with the gold span's
// start, end and type.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), or 0 without predictions.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), or 0 without gold spans.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores holds the counts of each type, indexed by ner.Type (None is
// unused).
type Scores [ner.Place + 1]Counts

// Add counts one sentence's predicted spans against its gold spans.
func (s *Scores) Add(gold, pred []ner.Span) {
	type key struct {
		start, end int
		t          ner.Type
	}
	want := make(map[key]bool, len(gold))
	for _, g := range gold {
		want[key{g.Start, g.End, g.Type}] = true
	}
	for _, p := range pred {
		k := key{p.Start, p.End, p.Type}
		if want[k] {
			s[p.Type].TP++
			delete(want, k)
		} else {
			s[p.Type].FP++
		}
	}
	for k := range want {
		s[k.t].FN++
	}
}

// Micro returns the counts of all named types together.
func (s *Scores) Micro() Counts {
	var c Counts
	for _, t := range ner.Types() {
		c.TP += s[t].TP
		c.FP += s[t].FP
		c.FN += s[t].FN
	}
	return c
}

// Result is the outcome of tagging a corpus.
type Result struct {
	Scores  Scores
	Tokens  int           // tokens tagged
	Bytes   int           // bytes of the tokens with a space after each
	Elapsed time.Duration // time spent in Tag, on one goroutine
}

// Evaluate tags every document of docs with t, one after another, and
// scores the spans.
func Evaluate(t *ner.Tagger, docs []Document) Result {
	var r Result
	for _, d := range docs {
		start := time.Now()
		pred := t.TagDocument(tokensOf(d))
		r.Elapsed += time.Since(start)
		for i, s := range d.Sentences {
			r.Scores.Add(s.Spans, pred[i])
			r.Tokens += len(s.Tokens)
			for _, tok := range s.Tokens {
				r.Bytes += len(tok) + 1
			}
		}
	}
	return r
}

// tokensOf returns the tokens of each sentence of a document.
func tokensOf(d Document) [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = s.Tokens
	}
	return out
}
