package ner

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteForce returns the best valid labelling of the lattice's tokens and,
// for each token, the best score of a valid labelling that gives it
// another label than the best one.
func bruteForce(l *lattice, tr *transitions) ([]uint8, []int64) {
	n := l.n
	labels := make([]uint8, n)
	var best []uint8
	bestScore := int64(negInf) * 4
	var all [][]uint8
	var scores []int64
	var walk func(t int, prev uint8, score int64)
	walk = func(t int, prev uint8, score int64) {
		if t == n {
			if !allowedLast(prev) {
				return
			}
			score += int64(tr.final[prev])
			all = append(all, slices.Clone(labels))
			scores = append(scores, score)
			if score > bestScore {
				bestScore, best = score, slices.Clone(labels)
			}
			return
		}
		for y := range uint8(numLabels) {
			if !allowed(prev, y) {
				continue
			}
			labels[t] = y
			walk(t+1, y, score+int64(tr.trans[int(prev)*numLabels+int(y)])+int64(l.scores[t*numLabels+int(y)]))
		}
	}
	walk(0, startLabel, 0)
	margins := make([]int64, n)
	for t := range n {
		rival := int64(negInf) * 4
		for k, seq := range all {
			if seq[t] != best[t] {
				rival = max(rival, scores[k])
			}
		}
		margins[t] = bestScore - rival
	}
	return best, margins
}

func TestViterbiAndMarginsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + trial%3
		var tr transitions
		for i := range tr.trans {
			tr.trans[i] = rng.Int32N(200) - 100
		}
		for i := range tr.final {
			tr.final[i] = rng.Int32N(200) - 100
		}
		tr.constrain()
		var l lattice
		scores := l.reset(n)
		for i := range scores {
			scores[i] = rng.Int32N(2000) - 1000
		}
		wantLabels, wantMargins := bruteForce(&l, &tr)
		got := l.viterbi(&tr)
		if !slices.Equal(got, wantLabels) {
			t.Fatalf("trial %d: viterbi got %v, want %v", trial, got, wantLabels)
		}
		margins := l.margins(&tr, got)
		for i, m := range margins {
			if int64(m) != wantMargins[i] {
				t.Fatalf("trial %d: margin of token %d: got %d, want %d", trial, i, m, wantMargins[i])
			}
		}
	}
}
