package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// featureVersion names the feature set. A model records the version it
// was trained with, and Load refuses a model of another version: features
// that changed under a model would silently score garbage.
const featureVersion = "ner-features-6"

// wordInfo is what the features know of one token, each value hashed
// once so that a feature is a mix of a template number and a few integers.
type wordInfo struct {
	word  uint64 // the lowercased form
	shape uint64 // Xxx, X.X, dd-xx …
	lemma uint64 // the dictionary's best lemma, lowercased, else the word
	pos   uint64 // part of speech of the best analysis, or unk, punct, digit
	dict  uint64 // dictFlags
	cases uint64 // the cases of the best lemma's analyses (polish.Case bits)
	gaz   uint64 // the gazetteer's bits of the lemma (gazPerson …)
	pre   [4]uint64
	suf   [4]uint64
	punct bool // no letter or digit in it
	quote bool // a quotation mark
	// scores are the word's summed feature weights by offset, set for
	// the words of a tagger's word cache (see scoreCached), else nil
	scores *wordScores
}

// Bits of wordInfo.dict: what the dictionary says of a word.
const (
	dictKnown     = 1 << iota
	dictProper    // some analysis has a proper-name lemma
	dictBestProp  // the best analysis has a proper-name lemma
	dictFirstName // some lemma is a first name
	dictSurname   // some lemma is a surname
	dictRare      // the best lemma is rare
	dictCommon    // some analysis has a common-noun or other lowercase lemma
	dictCapital   // the word itself is capitalised
	dictUpper     // the word is in capitals, two letters or more
	dictNoun      // the best analysis is a noun
)

// padInfo stands for the tokens beyond either end of a sentence.
var padInfo = wordInfo{
	word: hashString("<pad>"), shape: hashString("<pad>"), lemma: hashString("<pad>"),
	pos: hashString("<pad>"), dict: 1 << 15, cases: 1 << 15,
}

// newWordInfo computes the wordInfo of a token.
func newWordInfo(lookup func(string) []polish.Analysis, tok string) wordInfo {
	low := strings.ToLower(tok)
	wi := wordInfo{word: hashString(low), shape: shapeHash(tok)}
	affixes(&wi, low)
	wi.punct = true
	wi.quote = isQuote(tok)
	hasDigit := false
	for _, r := range tok {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			wi.punct = false
		}
		hasDigit = hasDigit || unicode.IsDigit(r)
	}
	var flags uint64
	if r, _ := utf8.DecodeRuneInString(tok); unicode.IsUpper(r) {
		flags |= dictCapital
		if utf8.RuneCountInString(tok) > 1 && strings.ToUpper(tok) == tok {
			flags |= dictUpper
		}
	}
	var as []polish.Analysis
	if !wi.punct && !hasDigit {
		as = lookup(tok)
	}
	if len(as) == 0 {
		wi.lemma = wi.word
		if !wi.punct && !hasDigit {
			// A name no dictionary knows: its guessed nominative joins its
			// forms (Amwayu, Amwayowi → amway).
			wi.lemma = hashString(polish.GuessLemmas(tok)[0])
		}
		switch {
		case wi.punct:
			wi.pos = hashString("punct")
		case hasDigit:
			wi.pos = hashString("digit")
		default:
			wi.pos = hashString("unk")
		}
		wi.dict = flags
		return wi
	}
	best := as[0]
	flags |= dictKnown
	if best.Proper() {
		flags |= dictBestProp
	}
	if best.Rare() {
		flags |= dictRare
	}
	if best.Tag.IsNoun() {
		flags |= dictNoun
	}
	var cases polish.Case
	for _, a := range as {
		if a.Proper() {
			flags |= dictProper
		} else {
			flags |= dictCommon
		}
		if a.FirstName() {
			flags |= dictFirstName
		}
		if a.Surname() {
			flags |= dictSurname
		}
		if a.Lemma == best.Lemma {
			cases |= a.Tag.Cases()
		}
	}
	wi.lemma = hashString(strings.ToLower(best.Lemma))
	wi.pos = hashString(best.Tag.POS())
	wi.dict = flags
	wi.cases = uint64(cases)
	return wi
}

// affixes hashes the first and last one to four letters of the
// lowercased word; a word shorter than an affix gives the whole word.
func affixes(wi *wordInfo, low string) {
	var ends [5]int // byte offsets after the first 1..4 runes
	n := 0
	for i := range low {
		if n > 0 && n <= 4 {
			ends[n] = i
		}
		n++
		if n > 4 {
			break
		}
	}
	for k := 1; k <= 4; k++ {
		if k >= n && n <= 4 {
			wi.pre[k-1] = wi.word
		} else {
			wi.pre[k-1] = hashString(low[:ends[k]])
		}
	}
	cut := len(low)
	for k := 1; k <= 4; k++ {
		if cut > 0 {
			_, size := utf8.DecodeLastRuneInString(low[:cut])
			cut -= size
		}
		wi.suf[k-1] = hashString(low[cut:])
	}
}

// shapeHash hashes the shape of a word: capitals become X, other letters
// x, digits d, anything else itself, with runs of one class collapsed and
// at most eight symbols kept (Kowalski → Xx, PiS-u → XxX-x, 12.05 → d.d).
func shapeHash(tok string) uint64 {
	var buf [8]byte
	n := 0
	var prev byte
	for _, r := range tok {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == prev {
			continue
		}
		prev = c
		if n == len(buf) {
			break
		}
		buf[n] = c
		n++
	}
	return hashString(buf[:n])
}

// Feature templates: each feature is a template number mixed with the
// values it reads. Offsets are relative to the token tagged.
const (
	tBias = iota + 1
	tWord
	tWordM1
	tWordP1
	tWordM2
	tWordP2
	tShape
	tShapeM1
	tShapeP1
	tShapeM2
	tShapeP2
	tPre1 // and the next three: prefixes of 1..4 letters
	_
	_
	_
	tSuf1 // and the next three: suffixes
	_
	_
	_
	tLemma
	tLemmaM1
	tLemmaP1
	tLemmaM2
	tLemmaP2
	tPos
	tPosM1
	tPosP1
	tPosM2
	tPosP2
	tDict
	tDictM1
	tDictP1
	tCasesPos
	tWordM1Word
	tWordWordP1
	tShapes3
	tInitialShape
	tLemmaM1Shape
	tShapeLemmaP1
	tDictShape
	tSuf3M1
	tSuf3P1
	tPos3
	tCasesPosM1
	tCasesPosP1
	tRun
	tQuote
	tDictM1Dict
	tDictDictP1
	tDocCase
	tDocRun
	tWordCap
	tLemmaCap
	tLemmaM1Lemma
	tLemmaLemmaP1
	tGaz
	tGazM1
	tGazP1
	tGaz3
)

// maxFeatures bounds the number of features of one token.
const maxFeatures = 64

// position is what the features know of a token's place in its sentence
// beyond its neighbours.
type position struct {
	initial bool   // only punctuation precedes it
	quoted  bool   // an odd number of quotation marks precedes it
	run     uint64 // its place in a run of capitalised words: see runOf
	docCase uint64 // how its word is written elsewhere in the document
	docRun  uint64 // the runs its lemma is in, in the document: runWith…
}

// positions computes the position of each token of a sentence.
func positions(dst []position, infos []wordInfo) []position {
	dst = dst[:0]
	initial, quoted := true, false
	for i := range infos {
		dst = append(dst, position{initial: initial, quoted: quoted, run: runOf(infos, i)})
		initial = initial && infos[i].punct
		quoted = quoted != infos[i].quote
	}
	return dst
}

// runOf returns the place of token i in the run of capitalised words
// around it: its position (first, middle, last or alone) and the run's
// length up to four, or 0 for a token not capitalised. Boundaries of
// multi-word names fall mostly at the ends of such runs.
func runOf(infos []wordInfo, i int) uint64 {
	capital := func(j int) bool { return j >= 0 && j < len(infos) && infos[j].dict&dictCapital != 0 }
	if !capital(i) {
		return 0
	}
	a, b := i, i
	for capital(a - 1) {
		a--
	}
	for capital(b + 1) {
		b++
	}
	pos := uint64(0)
	switch {
	case a == b:
		pos = 1
	case i == a:
		pos = 2
	case i == b:
		pos = 3
	default:
		pos = 4
	}
	return pos<<4 | uint64(min(b-a+1, 4))
}

// isQuote reports a quotation mark of any of the kinds Polish text uses.
func isQuote(tok string) bool {
	switch tok {
	case "\"", "„", "”", "“", "«", "»", "''", ",,":
		return true
	}
	return false
}

// appendKeys appends the feature keys of token i of a sentence to dst.
func appendKeys(dst []uint64, infos []wordInfo, i int, ctx *position) []uint64 {
	at := func(j int) *wordInfo {
		if j < 0 || j >= len(infos) {
			return &padInfo
		}
		return &infos[j]
	}
	w, m1, p1, m2, p2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
	init, quoted := uint64(0), uint64(0)
	if ctx.initial {
		init = 1
	}
	if ctx.quoted {
		quoted = 1
	}
	dst = append(dst,
		key1(tBias, 0),
		key1(tWord, w.word), key1(tWordM1, m1.word), key1(tWordP1, p1.word),
		key1(tWordM2, m2.word), key1(tWordP2, p2.word),
		key1(tShape, w.shape), key1(tShapeM1, m1.shape), key1(tShapeP1, p1.shape),
		key1(tShapeM2, m2.shape), key1(tShapeP2, p2.shape),
	)
	for k := range 4 {
		dst = append(dst, key1(uint64(tPre1+k), w.pre[k]), key1(uint64(tSuf1+k), w.suf[k]))
	}
	return append(dst,
		key1(tLemma, w.lemma), key1(tLemmaM1, m1.lemma), key1(tLemmaP1, p1.lemma),
		key1(tLemmaM2, m2.lemma), key1(tLemmaP2, p2.lemma),
		key1(tPos, w.pos), key1(tPosM1, m1.pos), key1(tPosP1, p1.pos),
		key1(tPosM2, m2.pos), key1(tPosP2, p2.pos),
		key1(tDict, w.dict), key1(tDictM1, m1.dict), key1(tDictP1, p1.dict),
		key2(tCasesPos, w.cases, w.pos),
		key2(tWordM1Word, m1.word, w.word), key2(tWordWordP1, w.word, p1.word),
		key3(tShapes3, m1.shape, w.shape, p1.shape),
		key2(tInitialShape, init, w.shape),
		key2(tLemmaM1Shape, m1.lemma, w.shape), key2(tShapeLemmaP1, w.shape, p1.lemma),
		key2(tDictShape, w.dict, w.shape),
		key1(tSuf3M1, m1.suf[2]), key1(tSuf3P1, p1.suf[2]),
		key3(tPos3, m1.pos, w.pos, p1.pos),
		key2(tCasesPosM1, m1.cases, m1.pos), key2(tCasesPosP1, p1.cases, p1.pos),
		key1(tRun, ctx.run), key2(tQuote, quoted, w.shape),
		key2(tDictM1Dict, m1.dict, w.dict), key2(tDictDictP1, w.dict, p1.dict),
		key3(tDocCase, ctx.docCase, init, w.dict&dictCapital), key2(tDocRun, ctx.docRun, w.dict&(dictCapital|dictFirstName)),
		key2(tWordCap, w.word, w.dict&(dictCapital|dictUpper)), key2(tLemmaCap, w.lemma, w.dict&(dictCapital|dictUpper)),
		key2(tLemmaM1Lemma, m1.lemma, w.lemma), key2(tLemmaLemmaP1, w.lemma, p1.lemma),
		key2(tGaz, w.gaz, w.dict&dictCapital), key1(tGazM1, m1.gaz), key1(tGazP1, p1.gaz),
		key3(tGaz3, m1.gaz, w.gaz, p1.gaz),
	)
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString[T string | []byte](s T) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is the finalizer of splitmix64: every bit of the input reaches
// every bit of the output, so that keys of related values spread.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

func key1(t, a uint64) uint64    { return mix(a ^ t*0x9e3779b97f4a7c15) }
func key2(t, a, b uint64) uint64 { return mix(key1(t, a) ^ b*0xc2b2ae3d27d4eb4f) }
func key3(t, a, b, c uint64) uint64 {
	return mix(key2(t, a, b) ^ c*0x165667b19e3779f9)
}
