package ner

// Inference adds up some 59 feature weights a token, and each look-up in
// the model's table is a cache miss. 43 of those features depend on
// one word alone, at a fixed offset from the token (its own word, shape,
// affixes, lemma …; the word before it, …), so a word's weights for each
// offset can be summed once, when the tagger first meets the word, and
// kept with its wordInfo in the tagger's word cache. scoreCached then
// looks up only the sixteen features that join words or depend on the
// context, and gives the same scores as score.

// wordScores are the summed weights of the features a word gives a token
// it stands at offset k−2 from (−2, −1, 0, +1, +2), by label.
type wordScores [5][numLabels]int32

// wordKeys appends the keys of the features that the word w gives a
// token it stands at offset off from; with off 0 also the bias. Together
// with contextKeys they are appendKeys' keys.
func wordKeys(dst []uint64, w *wordInfo, off int) []uint64 {
	switch off {
	case 0:
		dst = append(dst, key1(tBias, 0), key1(tWord, w.word), key1(tShape, w.shape))
		for k := range 4 {
			dst = append(dst, key1(uint64(tPre1+k), w.pre[k]), key1(uint64(tSuf1+k), w.suf[k]))
		}
		return append(dst, key1(tLemma, w.lemma), key1(tPos, w.pos), key1(tDict, w.dict), key2(tCasesPos, w.cases, w.pos),
			key2(tDictShape, w.dict, w.shape), key2(tWordCap, w.word, w.dict&(dictCapital|dictUpper)),
			key2(tLemmaCap, w.lemma, w.dict&(dictCapital|dictUpper)), key2(tGaz, w.gaz, w.dict&dictCapital))
	case -1:
		return append(dst, key1(tWordM1, w.word), key1(tShapeM1, w.shape), key1(tLemmaM1, w.lemma), key1(tPosM1, w.pos),
			key1(tDictM1, w.dict), key1(tSuf3M1, w.suf[2]), key2(tCasesPosM1, w.cases, w.pos), key1(tGazM1, w.gaz))
	case 1:
		return append(dst, key1(tWordP1, w.word), key1(tShapeP1, w.shape), key1(tLemmaP1, w.lemma), key1(tPosP1, w.pos),
			key1(tDictP1, w.dict), key1(tSuf3P1, w.suf[2]), key2(tCasesPosP1, w.cases, w.pos), key1(tGazP1, w.gaz))
	case -2:
		return append(dst, key1(tWordM2, w.word), key1(tShapeM2, w.shape), key1(tLemmaM2, w.lemma), key1(tPosM2, w.pos))
	case 2:
		return append(dst, key1(tWordP2, w.word), key1(tShapeP2, w.shape), key1(tLemmaP2, w.lemma), key1(tPosP2, w.pos))
	}
	return dst
}

// contextKeys appends the keys of token i's features that join words or
// depend on the sentence and the document.
func contextKeys(dst []uint64, w, m1, p1 *wordInfo, ctx *position) []uint64 {
	init, quoted := uint64(0), uint64(0)
	if ctx.initial {
		init = 1
	}
	if ctx.quoted {
		quoted = 1
	}
	return append(dst,
		key2(tWordM1Word, m1.word, w.word), key2(tWordWordP1, w.word, p1.word),
		key3(tShapes3, m1.shape, w.shape, p1.shape),
		key2(tInitialShape, init, w.shape),
		key2(tLemmaM1Shape, m1.lemma, w.shape), key2(tShapeLemmaP1, w.shape, p1.lemma),
		key3(tPos3, m1.pos, w.pos, p1.pos),
		key1(tRun, ctx.run), key2(tQuote, quoted, w.shape),
		key2(tDictM1Dict, m1.dict, w.dict), key2(tDictDictP1, w.dict, p1.dict),
		key3(tDocCase, ctx.docCase, init, w.dict&dictCapital), key2(tDocRun, ctx.docRun, w.dict&(dictCapital|dictFirstName)),
		key2(tLemmaM1Lemma, m1.lemma, w.lemma), key2(tLemmaLemmaP1, w.lemma, p1.lemma),
		key3(tGaz3, m1.gaz, w.gaz, p1.gaz),
	)
}

// wordScores sums the weights of w's features at each offset.
func (m *model) wordScores(w *wordInfo) *wordScores {
	var ws wordScores
	var buf [maxFeatures]uint64
	for k := range ws {
		for _, key := range wordKeys(buf[:0], w, k-2) {
			if row := m.row(key); row != nil {
				for y, v := range row {
					ws[k][y] += int32(v)
				}
			}
		}
	}
	return &ws
}

// scoreCached fills the lattice's emission scores like score, from the
// word scores of the sentence's words (pad: of the tokens beyond its
// ends), which must all be set.
func (m *model) scoreCached(l *lattice, s sentence, pad *wordInfo) {
	scores := l.reset(len(s.infos))
	var buf [maxFeatures]uint64
	at := func(j int) *wordInfo {
		if j < 0 || j >= len(s.infos) {
			return pad
		}
		return &s.infos[j]
	}
	for i := range s.infos {
		sc := scores[i*numLabels : (i+1)*numLabels : (i+1)*numLabels]
		for k := range 5 {
			ws := &at(i + k - 2).scores[k] // the word at offset k−2 from token i
			for y := range sc {
				sc[y] += ws[y]
			}
		}
		for _, key := range contextKeys(buf[:0], at(i), at(i-1), at(i+1), &s.pos[i]) {
			if w := m.row(key); w != nil {
				for y, v := range w {
					sc[y] += int32(v)
				}
			}
		}
	}
}
