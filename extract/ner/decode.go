package ner

// negInf scores a forbidden label sequence. Forward and backward scores
// are brought back near zero at every token, so twice negInf plus the
// emissions of one token cannot wrap an int32.
const negInf = -1 << 28

// transitions holds the label bigram weights: trans[prev*numLabels+next],
// with prev = startLabel for the first token, and final[l] for a sentence
// ending on l. Bigrams that break the BILOU rules weigh negInf, so that
// decoding needs no other check.
type transitions struct {
	trans [(numLabels + 1) * numLabels]int32
	final [numLabels]int32
}

// constrain sets the weights of forbidden bigrams and endings to negInf.
func (tr *transitions) constrain() {
	for p := range uint8(numLabels + 1) {
		for y := range uint8(numLabels) {
			if !allowed(p, y) {
				tr.trans[int(p)*numLabels+int(y)] = negInf
			}
		}
	}
	for y := range uint8(numLabels) {
		if !allowedLast(y) {
			tr.final[y] = negInf
		}
	}
}

// lattice is the scratch of decoding one sentence of n tokens: emission
// scores, forward scores and back pointers, n × numLabels each.
type lattice struct {
	n      int
	scores []int32
	alpha  []int32
	back   []uint8
	beta   []int32 // backward scores, for margins
	marg   []int32 // margins, for margins
}

// reset makes l ready for n tokens, reusing its memory, and returns its
// emission scores zeroed for the caller to fill.
func (l *lattice) reset(n int) []int32 {
	l.n = n
	size := n * numLabels
	if cap(l.scores) < size {
		l.scores = make([]int32, size)
		l.alpha = make([]int32, size)
		l.back = make([]uint8, size)
	}
	l.scores, l.alpha, l.back = l.scores[:size], l.alpha[:size], l.back[:size]
	clear(l.scores)
	return l.scores
}

// viterbi returns the best labelling of the lattice's tokens under tr.
func (l *lattice) viterbi(tr *transitions) []uint8 {
	n, scores, alpha := l.n, l.scores, l.alpha
	for y := range numLabels {
		alpha[y] = tr.trans[startLabel*numLabels+y] + scores[y]
	}
	for t := 1; t < n; t++ {
		prev, cur := alpha[(t-1)*numLabels:t*numLabels], alpha[t*numLabels:(t+1)*numLabels]
		back := l.back[t*numLabels : (t+1)*numLabels]
		top := int32(negInf)
		for y := range numLabels {
			best, arg := prev[0]+tr.trans[y], 0
			for p := 1; p < numLabels; p++ {
				if s := prev[p] + tr.trans[p*numLabels+y]; s > best {
					best, arg = s, p
				}
			}
			cur[y] = best + scores[t*numLabels+y]
			back[y] = uint8(arg)
			top = max(top, cur[y])
		}
		for y := range cur {
			cur[y] -= top
		}
	}
	labels := make([]uint8, n)
	best := int32(negInf)
	for y := range numLabels {
		if s := alpha[(n-1)*numLabels+y] + tr.final[y]; s > best {
			best, labels[n-1] = s, uint8(y)
		}
	}
	for t := n - 1; t > 0; t-- {
		labels[t-1] = l.back[t*numLabels+int(labels[t])]
	}
	return labels
}

// margins returns, for each token, how much the best labelling outscores
// the best labelling that gives the token another label. It runs the
// backward half of max-product after viterbi, so that alpha+beta at (t, y)
// is the best score of a labelling with y at t (up to a constant per t).
func (l *lattice) margins(tr *transitions, labels []uint8) []int32 {
	n, scores, alpha := l.n, l.scores, l.alpha
	if cap(l.beta) < n*numLabels {
		l.beta, l.marg = make([]int32, n*numLabels), make([]int32, n)
	}
	beta := l.beta[:n*numLabels]
	copy(beta[(n-1)*numLabels:], tr.final[:])
	for t := n - 2; t >= 0; t-- {
		next, cur := beta[(t+1)*numLabels:(t+2)*numLabels], beta[t*numLabels:(t+1)*numLabels]
		emit := scores[(t+1)*numLabels : (t+2)*numLabels]
		top := int32(negInf)
		for y := range numLabels {
			row := tr.trans[y*numLabels : (y+1)*numLabels]
			best := int32(negInf)
			for q := range numLabels {
				best = max(best, row[q]+emit[q]+next[q])
			}
			cur[y] = best
			top = max(top, best)
		}
		for y := range cur {
			cur[y] -= top
		}
	}
	out := l.marg[:n]
	for t := range n {
		a, b := alpha[t*numLabels:(t+1)*numLabels], beta[t*numLabels:(t+1)*numLabels]
		rival := int32(negInf)
		for y := range numLabels {
			if y != int(labels[t]) {
				rival = max(rival, a[y]+b[y])
			}
		}
		out[t] = a[labels[t]] + b[labels[t]] - rival
	}
	return out
}
