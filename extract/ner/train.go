package ner

import (
	"cmp"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/kronika/kronika/polish"
)

// Example is one sentence of training data: its tokens and the names in
// it. Overlapping spans are not allowed; the later of two is dropped.
type Example struct {
	Tokens []string
	Spans  []Span
}

// TrainOptions sets up Train.
type TrainOptions struct {
	// Epochs is the number of passes over the examples (default 10).
	Epochs int
	// Seed orders the examples of each pass; the same examples and seed
	// give the same model, byte for byte.
	Seed uint64
	// MinCount drops features seen in fewer tokens than this (default 1:
	// keep all).
	MinCount int
	// Dropout leaves out this share of a token's features (the bias
	// excepted) at each step of training, chosen afresh at every step
	// by a hash of the step and the feature: the weights may then not lean
	// on one cue alone (a word seen in training) where others (shape,
	// affixes, context) would also tell, which is what unseen text
	// needs (default 0: none).
	Dropout float64
	// Gazetteer adds the gazetteer features: the types of the names a
	// lemma was part of in the training documents (see gazetteer).
	Gazetteer bool
	// AfterEpoch, when set, is called after each pass with the averaged
	// model so far, to follow the training on development data.
	AfterEpoch func(epoch int, t *Tagger)
}

// Train trains a tagger on documents, each a list of sentences, with the averaged structured
// perceptron: for each sentence in a seeded random order it decodes with
// the current weights and, where the labelling is wrong, moves the weights
// of the gold features and transitions up and those of the predicted ones
// down. The weights returned are the average over all steps, which
// generalises far better than the last ones (Collins 2002).
func Train(ctx context.Context, docs [][]Example, opts TrainOptions) (*Tagger, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 10
	}
	d := polish.Default()
	var counts *gazCounts
	if opts.Gazetteer {
		counts = countGazetteer(d, docs)
	}
	tr := newTrainer(d, docs, opts.MinCount, counts)
	if opts.Dropout > 0 {
		tr.drop = uint64(min(opts.Dropout, 1) * (1 << 63))
	}
	if len(tr.sentOff) < 2 {
		return nil, errors.New("train ner: no examples")
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e6572)) // "ner"
	order := make([]int, len(tr.sentOff)-1)
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for n, i := range order {
			if n%1024 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			tr.learn(i)
		}
		if opts.AfterEpoch != nil && epoch < opts.Epochs {
			opts.AfterEpoch(epoch, newTagger(tr.average(counts), d))
		}
	}
	t := newTagger(tr.average(counts), d)
	if opts.AfterEpoch != nil {
		opts.AfterEpoch(opts.Epochs, t)
	}
	return t, nil
}

// trainer holds the examples as feature rows and the perceptron's
// weights: the current ones and the sums that averaging needs.
type trainer struct {
	keys    []uint64 // key of each row, in order of first sight
	feats   []int32  // the rows of every token's features, one after another
	tokOff  []int32  // token i's features are feats[tokOff[i]:tokOff[i+1]]
	sentOff []int32  // sentence s has tokens sentOff[s] to sentOff[s+1]
	gold    []uint8  // each token's gold label

	w   []int32 // current weights, row × numLabels
	u   []int64 // Σ step × update, for averaging
	tr  transitions
	tru [len(transitions{}.trans) + numLabels]int64
	c   int64 // steps so far, from 1
	lat lattice
	// drop is the dropout threshold on a 63-bit hash (0: none), and
	// kept the features of the tokens of the sentence in training that
	// the step keeps, with keptOff their offsets
	drop    uint64
	kept    []int32
	keptOff []int32
}

// countGazetteer counts the lemmas of the capitalised words of docs and
// the names they are in, document i in fold i mod gazFolds.
func countGazetteer(d *polish.Dictionary, docs [][]Example) *gazCounts {
	workers := runtime.GOMAXPROCS(0)
	per := make([]gazCounts, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for di := w; di < len(docs); di += workers {
				info := memoInfo(d.Analyses)
				for _, ex := range docs[di] {
					infos := make([]wordInfo, len(ex.Tokens))
					for i, tok := range ex.Tokens {
						infos[i] = info(tok)
					}
					per[w].add(di%gazFolds, infos, ex.Spans)
				}
			}
		})
	}
	wg.Wait()
	var out gazCounts
	for f := range out {
		out[f] = make(map[uint64]gazCount)
		for w := range per {
			addGazCounts(out[f], per[w][f])
		}
	}
	return &out
}

// newTrainer computes the features of every token, in parallel, and gives
// the keys seen at least minCount times their rows in the order they first
// occur, so that the model does not depend on the scheduling. With
// counts, document i sees the gazetteer of the folds other than its own.
func newTrainer(d *polish.Dictionary, docs [][]Example, minCount int, counts *gazCounts) *trainer {
	var folds [gazFolds]gazetteer
	if counts != nil {
		for f := range folds {
			folds[f] = counts.gazetteer(f)
		}
	}
	var examples []Example
	firstOf := make([]int, len(docs)) // the first sentence of each document
	for i, doc := range docs {
		firstOf[i] = len(examples)
		examples = append(examples, doc...)
	}
	keys := make([][]uint64, len(examples)) // of each sentence
	offs := make([][]int32, len(examples))  // of each token in keys
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var buf []uint64
			for di := w; di < len(docs); di += workers {
				toks := make([][]string, len(docs[di]))
				for s, ex := range docs[di] {
					toks[s] = ex.Tokens
				}
				info := memoInfo(d.Analyses)
				if g := folds[di%gazFolds]; g != nil {
					base := info
					info = func(tok string) wordInfo {
						wi := base(tok)
						wi.gaz = uint64(g[wi.lemma])
						return wi
					}
				}
				for s, sent := range analyse(info, toks) {
					buf = buf[:0]
					off := make([]int32, 0, len(sent.infos)+1)
					for i := range sent.infos {
						off = append(off, int32(len(buf)))
						buf = appendKeys(buf, sent.infos, i, &sent.pos[i])
					}
					keys[firstOf[di]+s] = slices.Clone(buf)
					offs[firstOf[di]+s] = append(off, int32(len(buf)))
				}
			}
		})
	}
	wg.Wait()

	var count map[uint64]int32
	if minCount > 1 {
		count = make(map[uint64]int32)
		for _, ks := range keys {
			for _, k := range ks {
				count[k]++
			}
		}
	}
	t := &trainer{c: 1}
	rows := make(map[uint64]int32)
	t.sentOff = append(t.sentOff, 0)
	for s, ex := range examples {
		gold := encodeLabels(ex.Spans, len(ex.Tokens))
		for i := range ex.Tokens {
			t.tokOff = append(t.tokOff, int32(len(t.feats)))
			for _, k := range keys[s][offs[s][i]:offs[s][i+1]] {
				if count != nil && count[k] < int32(minCount) {
					continue
				}
				r, ok := rows[k]
				if !ok {
					r = int32(len(t.keys))
					rows[k] = r
					t.keys = append(t.keys, k)
				}
				t.feats = append(t.feats, r)
			}
			t.gold = append(t.gold, gold[i])
		}
		t.sentOff = append(t.sentOff, int32(len(t.tokOff)))
		keys[s] = nil
	}
	t.tokOff = append(t.tokOff, int32(len(t.feats)))
	t.w = make([]int32, len(t.keys)*numLabels)
	t.u = make([]int64, len(t.w))
	t.tr.constrain()
	return t
}

// learn decodes sentence s with the current weights and updates them
// where the labelling is wrong.
func (t *trainer) learn(s int) {
	first, end := int(t.sentOff[s]), int(t.sentOff[s+1])
	n := end - first
	if n == 0 {
		return
	}
	feats := t.stepFeatures(first, n)
	scores := t.lat.reset(n)
	for i := range n {
		sc := scores[i*numLabels : (i+1)*numLabels]
		for _, r := range feats(i) {
			for y, v := range t.w[int(r)*numLabels : int(r+1)*numLabels] {
				sc[y] += v
			}
		}
	}
	pred := t.lat.viterbi(&t.tr)
	gold := t.gold[first:end]
	prevG, prevP := uint8(startLabel), uint8(startLabel)
	for i := range n {
		g, p := gold[i], pred[i]
		if g != p {
			for _, r := range feats(i) {
				t.bump(int(r)*numLabels+int(g), 1)
				t.bump(int(r)*numLabels+int(p), -1)
			}
		}
		if g != p || prevG != prevP {
			t.bumpTrans(int(prevG)*numLabels+int(g), 1)
			t.bumpTrans(int(prevP)*numLabels+int(p), -1)
		}
		prevG, prevP = g, p
	}
	if prevG != prevP {
		t.bumpTrans(len(t.tr.trans)+int(prevG), 1)
		t.bumpTrans(len(t.tr.trans)+int(prevP), -1)
	}
	t.c++
}

// stepFeatures returns the features of token i of the n tokens from
// first that this step uses: all of them, or without dropout those whose
// hash with the step falls at or above the threshold. The first feature
// of a token is the bias, which is always kept.
func (t *trainer) stepFeatures(first, n int) func(i int) []int32 {
	if t.drop == 0 {
		return func(i int) []int32 { return t.feats[t.tokOff[first+i]:t.tokOff[first+i+1]] }
	}
	t.kept, t.keptOff = t.kept[:0], append(t.keptOff[:0], 0)
	step := uint64(t.c) * 0x9e3779b97f4a7c15
	for i := range n {
		for k, r := range t.feats[t.tokOff[first+i]:t.tokOff[first+i+1]] {
			if k == 0 || mix(step^uint64(r))>>1 >= t.drop {
				t.kept = append(t.kept, r)
			}
		}
		t.keptOff = append(t.keptOff, int32(len(t.kept)))
	}
	return func(i int) []int32 { return t.kept[t.keptOff[i]:t.keptOff[i+1]] }
}

func (t *trainer) bump(i int, d int32) {
	t.w[i] += d
	t.u[i] += t.c * int64(d)
}

// bumpTrans updates a transition weight: i indexes trans, then final.
func (t *trainer) bumpTrans(i int, d int32) {
	if i < len(t.tr.trans) {
		t.tr.trans[i] += d
	} else {
		t.tr.final[i-len(t.tr.trans)] += d
	}
	t.tru[i] += t.c * int64(d)
}

// average returns the model of the averaged weights, w − u/c, with the
// gazetteer of all the counts (none without counts).
func (t *trainer) average(counts *gazCounts) *model {
	avg := func(w int32, u int64) float64 { return float64(w) - float64(u)/float64(t.c) }
	w := make([]float64, len(t.w))
	for i, v := range t.w {
		w[i] = avg(v, t.u[i])
	}
	var tw [len(transitions{}.trans) + numLabels]float64
	for i, v := range t.tr.trans {
		tw[i] = avg(v, t.tru[i])
	}
	for i, v := range t.tr.final {
		tw[len(t.tr.trans)+i] = avg(v, t.tru[len(t.tr.trans)+i])
	}
	m := quantize(t.keys, w, &tw)
	if counts != nil {
		m.gaz = counts.gazetteer(-1)
	}
	return m
}

// quantize returns the model of float weights: each feature's row of
// numLabels weights (rows in the order of keys) and the transitions
// (trans, then final). The weights become int16, scaled so that the
// largest feature weight takes the whole range; rows whose weights all
// round to zero are left out, and the rows are sorted by key so that the
// file does not depend on the order in which features were first seen.
func quantize(keys []uint64, w []float64, tw *[len(transitions{}.trans) + numLabels]float64) *model {
	top := 0.0
	for _, v := range w {
		top = max(top, math.Abs(v))
	}
	if top == 0 {
		top = 1
	}
	scale := top / math.MaxInt16
	q := func(v float64) int32 { return int32(math.Round(v / scale)) }
	var tr transitions // forbidden bigrams stay 0 here; newModel constrains them
	for i := range tr.trans {
		if allowed(uint8(i/numLabels), uint8(i%numLabels)) {
			tr.trans[i] = q(tw[i])
		}
	}
	for y := range tr.final {
		if allowedLast(uint8(y)) {
			tr.final[y] = q(tw[len(tr.trans)+y])
		}
	}
	order := make([]int, len(keys))
	for r := range order {
		order[r] = r
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	var outKeys []uint64
	var out []int16
	var row [numLabels]int16
	for _, r := range order {
		zero := true
		for y := range numLabels {
			row[y] = int16(q(w[r*numLabels+y]))
			zero = zero && row[y] == 0
		}
		if !zero {
			outKeys = append(outKeys, keys[r])
			out = append(out, row[:]...)
		}
	}
	return newModel(tr, outKeys, out, scale)
}
