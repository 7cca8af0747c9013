package ner

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kronika/kronika/polish"
)

// maxCachedWords bounds a tagger's word cache: some 13 MB (a word's
// features and its word scores, 400 bytes), enough for the word forms
// that make up most of a news archive's tokens.
const maxCachedWords = 1 << 15

// wordCache remembers the wordInfo of the words a tagger has met, across
// documents: a word's info depends on its string alone, and looking the
// word up in the dictionary costs more than the rest of its features.
// It changes no answer of the tagger.
type wordCache struct {
	model *model
	pad   wordInfo // padInfo with its scores
	m     sync.Map // string → *wordInfo
	n     atomic.Int32
}

// newWordCache returns an empty cache of words scored by m.
func newWordCache(m *model) *wordCache {
	c := &wordCache{model: m, pad: padInfo}
	c.pad.scores = m.wordScores(&c.pad)
	return c
}

// get returns the wordInfo of tok, with its word scores, computed with
// lookup when the cache does not hold it yet.
func (c *wordCache) get(tok string, lookup func(string) []polish.Analysis) wordInfo {
	if v, ok := c.m.Load(tok); ok {
		return *v.(*wordInfo)
	}
	wi := newWordInfo(lookup, tok)
	wi.gaz = uint64(c.model.gaz[wi.lemma])
	wi.scores = c.model.wordScores(&wi)
	if c.n.Load() < maxCachedWords {
		// a clone, so that the cache keeps no document's text alive
		if _, loaded := c.m.LoadOrStore(strings.Clone(tok), &wi); !loaded {
			c.n.Add(1)
		}
	}
	return wi
}
