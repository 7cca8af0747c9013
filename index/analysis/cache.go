package analysis

import (
	"hash/maphash"
	"sync"
)

// cacheShards splits a termCache so that the goroutines analysing the
// documents of a batch seldom wait for each other.
const cacheShards = 32

// defaultCacheWords bounds the words a termCache keeps in its current
// generation; the previous generation holds as many again. A word costs
// about 160 bytes with its terms, so a full cache holds about 10 MB, and
// a process's heap goal grows by twice what the cache holds (the crawler
// runs under a soft memory limit). News text is Zipf-distributed: on the
// benchmark corpus this size answers 97.8 % of the tokens, as many as a
// cache twice as large, and 16,384 words answer 94.8 %.
const defaultCacheWords = 1 << 15

// wordTerms are the index terms of one word, as LemmaFilter.Terms gives
// them for the "pl" (lemma) and "pl_folded" (folded) analyses. The byte
// slices are shared by every token of the word: nothing may modify them.
type wordTerms struct {
	lemma, folded [][]byte
}

// termCache remembers the terms of the words the lemma filters of one
// mapping have seen, for both analyses at once: a word's dictionary
// lookups are done once, not once per analysis and per occurrence. It is
// bounded: each shard keeps two generations of words and, when the
// current one is full, drops the older one, so words still in use are
// carried over and the rest are forgotten. It is safe for concurrent use.
type termCache struct {
	seed   maphash.Seed
	limit  int // words per shard and generation
	shards [cacheShards]cacheShard
}

type cacheShard struct {
	mu       sync.RWMutex
	cur, old map[string]*wordTerms
}

// newTermCache returns a cache of about words words per generation.
func newTermCache(words int) *termCache {
	c := &termCache{seed: maphash.MakeSeed(), limit: max(1, words/cacheShards)}
	for i := range c.shards {
		c.shards[i].cur = make(map[string]*wordTerms)
	}
	return c
}

// get returns the terms of word, computing them with compute when the
// cache does not hold them. A word found in the old generation moves to
// the current one.
func (c *termCache) get(word []byte, compute func(string) *wordTerms) *wordTerms {
	s := &c.shards[maphash.Bytes(c.seed, word)%cacheShards]
	s.mu.RLock()
	wt, current := s.cur[string(word)]
	old := false
	if !current {
		wt, old = s.old[string(word)]
	}
	s.mu.RUnlock()
	if current {
		return wt
	}
	w := string(word)
	if !old {
		wt = compute(w)
	}
	c.put(s, w, wt)
	return wt
}

func (c *termCache) put(s *cacheShard, word string, wt *wordTerms) {
	s.mu.Lock()
	if len(s.cur) >= c.limit {
		s.old, s.cur = s.cur, make(map[string]*wordTerms, c.limit)
	}
	s.cur[word] = wt
	s.mu.Unlock()
}
