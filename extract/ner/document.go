package ner

import "github.com/kronika/kronika/polish"

// sentence is one sentence made ready for scoring: what the features
// know of each of its tokens.
type sentence struct {
	infos []wordInfo
	pos   []position
}

// analyse computes the features' view of the sentences of one document,
// with the document-level context of every token. info gives the
// wordInfo of a token.
func analyse(info func(tok string) wordInfo, sents [][]string) []sentence {
	out := make([]sentence, len(sents))
	// one allocation each for the whole document
	total := 0
	for _, toks := range sents {
		total += len(toks)
	}
	allInfos := make([]wordInfo, total)
	allPos := make([]position, 0, total)
	for s, toks := range sents {
		infos := allInfos[:len(toks):len(toks)]
		allInfos = allInfos[len(toks):]
		for i, tok := range toks {
			infos[i] = info(tok)
		}
		pos := positions(allPos[len(allPos):len(allPos)], infos)
		allPos = allPos[:len(allPos)+len(pos)]
		out[s] = sentence{infos: infos, pos: pos[:len(pos):len(pos)]}
	}
	addDocumentContext(out)
	return out
}

// memoInfo returns a function giving the wordInfo of a token, computed
// with lookup once per distinct token.
func memoInfo(lookup func(string) []polish.Analysis) func(string) wordInfo {
	seen := make(map[string]wordInfo)
	return func(tok string) wordInfo {
		wi, ok := seen[tok]
		if !ok {
			wi = newWordInfo(lookup, tok)
			seen[tok] = wi
		}
		return wi
	}
}

// docWord is what a document says of one lowercased word elsewhere.
type docWord struct {
	capMid int // capitalised away from the start of a sentence
	lower  int // in lowercase
}

// add counts one occurrence of the word (or, with n = -1, takes it back).
func (dw *docWord) add(wi wordInfo, p position, n int) {
	capital := wi.dict&dictCapital != 0
	switch {
	case capital && !p.initial:
		dw.capMid += n
	case !capital:
		dw.lower += n
	}
}

// Bits of position.docRun: the runs of capitalised words in which a
// lemma occurs somewhere in the document.
const (
	runWithFirstName = 1 << iota // with a first name before it (Jan Kowalski → kowalski)
	runAfterCommon               // after a capitalised common word (Teatr Wybrzeże, Bank Pekao)
	runLong                      // in a run of three words or more
)

// addDocumentContext sets the document-level context of every token: how
// its word is written elsewhere in the document (a word capitalised in
// mid-sentence elsewhere is a name even at the start of a sentence; one
// written in lowercase elsewhere is likely a common word), and in which
// runs of capitalised words its lemma occurs (Kowalski alone is a person
// when Jan Kowalski came before). Names recur within a document far more
// than across documents, and these features carry that without a second
// pass of the tagger.
func addDocumentContext(sents []sentence) {
	n := 0
	for _, s := range sents {
		n += len(s.infos)
	}
	// a text's distinct words are about half its tokens
	words := make(map[uint64]docWord, n/2)
	runs := make(map[uint64]uint8, n/8)
	for _, s := range sents {
		for i, wi := range s.infos {
			if wi.punct {
				continue
			}
			dw := words[wi.word]
			dw.add(wi, s.pos[i], 1)
			words[wi.word] = dw
			if bits := runBits(s, i); bits != 0 {
				runs[wi.lemma] |= bits
			}
		}
	}
	for _, s := range sents {
		for i, wi := range s.infos {
			if wi.punct {
				continue
			}
			dw := words[wi.word]
			dw.add(wi, s.pos[i], -1) // what the rest of the document says
			var c uint64
			if dw.capMid > 0 {
				c |= 1
			}
			if dw.lower > 0 {
				c |= 2
			}
			s.pos[i].docCase = c
			s.pos[i].docRun = uint64(runs[wi.lemma])
		}
	}
}

// runBits returns the runBits of token i of a sentence: of its own run of
// capitalised words. A common word at the start of a sentence (Wczoraj
// Jan Nowak) is left out of the run: its capital says nothing.
func runBits(s sentence, i int) uint8 {
	if s.pos[i].run == 0 {
		return 0
	}
	a, b := i, i
	for a > 0 && s.pos[a-1].run != 0 {
		a--
	}
	for b+1 < len(s.pos) && s.pos[b+1].run != 0 {
		b++
	}
	if a < i && s.pos[a].initial && s.infos[a].dict&(dictCommon|dictProper) == dictCommon {
		a++
	}
	var bits uint8
	for j := a; j < i; j++ {
		if s.infos[j].dict&dictFirstName != 0 {
			bits |= runWithFirstName
		}
	}
	if a < i && s.infos[a].dict&(dictCommon|dictProper|dictNoun) == dictCommon|dictNoun {
		bits |= runAfterCommon
	}
	if b-a >= 2 {
		bits |= runLong
	}
	return bits
}
