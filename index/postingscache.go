package index

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"sync"
)

// postingsCache keeps the postings of common terms decoded in memory, per
// immutable index segment, so that a search for a word found in much of
// the archive walks plain arrays instead of decompressing the same
// postings again for every search. It caches terms, not results: any
// query with a common word gains, including one never asked before.
//
// Bleve's postings store frequencies and field lengths in compressed
// chunks that are read in order; decoding them is most of the cost of a
// broad search (BENCHMARKS.md). A decoded posting takes 8 bytes: the
// document number, the term's frequency and the field's length, from
// which the score is computed as from the compressed posting, to the last
// bit. Terms with fewer postings in a segment than cachedPostings are not
// worth the memory and are read from the index each time.
//
// The cache holds at most budget bytes; past it, the entries used least
// recently are dropped. An entry is valid for as long as its segment
// deletes no more documents (a segment's deletions only grow), so an
// updated document is never found through a stale entry. Entries of
// merged-away segments are never used again, so they are the first to go
// once the budget is reached.
type postingsCache struct {
	mu      sync.Mutex
	budget  int64
	least   uint64 // cachedPostings, which tests lower
	used    int64
	tick    uint64
	entries map[postingsKey]*flatPostings
	stats   PostingsCacheStats
}

// PostingsCacheStats describes the decoded postings cache, for metrics.
type PostingsCacheStats struct {
	Budget    int64  // bytes it may hold; 0 when it is off
	Bytes     int64  // bytes it holds
	Entries   int    // terms' postings in a segment it holds or is decoding
	Hits      uint64 // lookups that found the postings decoded
	Loads     uint64 // lookups that decoded them
	Evictions uint64 // entries dropped for the budget
}

// postingsKey names one term's postings in one segment, or, with
// places, the places of the term in each document (phrasecache.go).
type postingsKey struct {
	seg         uint64
	field, term string
	places      bool
}

// flatPostings is one term's postings in one segment, decoded. It is
// filled once (once, err) and read-only after.
type flatPostings struct {
	cache   *postingsCache // that holds it
	key     postingsKey
	once    sync.Once
	err     error
	deleted uint64 // the segment's deleted documents when decoded
	lastUse uint64 // the cache's tick at the last lookup, under mu
	size    int64  // bytes counted against the budget, under mu

	// postings packs each posting in one word, so that a walk reads
	// one array: the document number in the high 32 bits, then the
	// term's frequency and the field's length in 16 bits each.
	postings []uint64

	// The places of the term, for an entry of places (phrasecache.go).
	placed
}

// unpack returns the parts of a packed posting.
func unpack(p uint64) (doc uint64, freq, length int) {
	return p >> 32, int(p >> 16 & math.MaxUint16), int(p & math.MaxUint16)
}

// cachedPostings is how many postings a term must have in a segment for
// the cache to keep them: below it, reading them from the index costs
// little more than reading them from memory.
const cachedPostings = 2048

// DefaultPostingsCacheBytes is the default budget of the decoded postings
// cache (Options.PostingsCacheBytes).
const DefaultPostingsCacheBytes = 256 << 20

// errUncacheable marks postings the cache cannot hold: a frequency or a
// field length too large for its arrays.
var errUncacheable = errors.New("postings do not fit the cache")

func newPostingsCache(budget int64) *postingsCache {
	if budget <= 0 {
		return nil
	}
	return &postingsCache{budget: budget, least: cachedPostings, entries: map[postingsKey]*flatPostings{}}
}

// statistics returns the cache's figures; the zero value for a nil cache.
func (c *postingsCache) statistics() PostingsCacheStats {
	if c == nil {
		return PostingsCacheStats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.stats
	st.Budget, st.Bytes, st.Entries = c.budget, c.used, len(c.entries)
	return st
}

// lookup returns the entry for a term's postings in segment seg, which
// has deleted documents deleted, creating an empty one when there is
// none or when the one there predates deletions; it returns nil (read the
// index) for a nil cache, for a term with fewer than cachedPostings
// postings and for a snapshot older than the entry.
func (c *postingsCache) lookup(seg uint64, field string, term []byte, count, deleted uint64) *flatPostings {
	return c.lookupKey(postingsKey{seg: seg, field: field, term: string(term)}, count, deleted)
}

// lookupKey is lookup of the entry named key.
func (c *postingsCache) lookupKey(key postingsKey, count, deleted uint64) *flatPostings {
	if c == nil || count < c.least {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tick++
	f := c.entries[key]
	switch {
	case f != nil && f.deleted > deleted:
		return nil
	case f == nil || f.deleted < deleted:
		if f != nil {
			c.used -= f.size
		}
		f = &flatPostings{cache: c, key: key, deleted: deleted}
		c.entries[key] = f
		c.stats.Loads++
	default:
		c.stats.Hits++
	}
	f.lastUse = c.tick
	return f
}

// load decodes pl into f, once; a later call returns the first one's
// outcome. The decoded size is then charged to the cache. Postings that
// do not fit stay as an entry, charged for its key, to save decoding them
// again; an entry that failed to read is dropped, for a later search to
// try again.
func (f *flatPostings) load(pl termPostings) error {
	f.once.Do(func() {
		if f.key.places {
			f.err = f.decodePlaces(pl)
		} else {
			f.err = f.decode(pl)
		}
		if f.err != nil && !errors.Is(f.err, errUncacheable) {
			f.cache.forget(f)
			return
		}
		f.cache.charge(f)
	})
	return f.err
}

// forget drops f, unless it was replaced meanwhile.
func (c *postingsCache) forget(f *flatPostings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[f.key] == f {
		delete(c.entries, f.key)
	}
}

// entryBytes is what an entry costs beside its postings: its key and
// fields, roughly.
const entryBytes = 128

// decode reads every posting of pl.
func (f *flatPostings) decode(pl termPostings) error {
	f.postings = make([]uint64, 0, pl.count())
	it := pl.iterator(false, nil)
	for {
		if err := it.next(); err != nil {
			return err
		}
		if it.cur == exhausted {
			return nil
		}
		if !it.sized || it.cur >= math.MaxUint32 || it.freq > math.MaxUint16 || it.length > math.MaxUint16 {
			f.postings = nil
			return errUncacheable
		}
		f.postings = append(f.postings, it.cur<<32|it.freq<<16|it.length)
	}
}

// charge counts f's arrays against the budget and, past it, drops the
// entries used least recently until the cache is back under nine tenths
// of its budget (so that it does not sort its entries on every load).
func (c *postingsCache) charge(f *flatPostings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[f.key] != f {
		return // replaced while it was decoded
	}
	f.size = int64(cap(f.postings)*8+f.placed.bytes()+entryBytes) + int64(len(f.key.field)+len(f.key.term))
	c.used += f.size
	if c.used <= c.budget {
		return
	}
	// Entries not decoded yet (size 0) go too when they are old: those
	// a cancelled search left, or one being decoded, which its load then
	// does not charge.
	type aged struct {
		key  postingsKey
		last uint64
	}
	all := make([]aged, 0, len(c.entries))
	for k, e := range c.entries {
		all = append(all, aged{k, e.lastUse})
	}
	slices.SortFunc(all, func(a, b aged) int { return cmp.Compare(a.last, b.last) })
	for _, a := range all {
		if c.used <= c.budget*9/10 {
			break
		}
		c.used -= c.entries[a.key].size
		delete(c.entries, a.key)
		c.stats.Evictions++
	}
}

// flatMatcher walks a term's decoded postings in one segment, as
// termMatcher walks them in the index.
type flatMatcher struct {
	postings    []uint64
	i           int
	cur         uint64
	idf, weight float64
	norms       []float64
}

func newFlatMatcher(f *flatPostings, idf, weight float64, norms []float64) *flatMatcher {
	m := &flatMatcher{postings: f.postings, idf: idf, weight: weight, norms: norms}
	m.settle()
	return m
}

func (m *flatMatcher) settle() {
	if m.i < len(m.postings) {
		m.cur = m.postings[m.i] >> 32
	} else {
		m.cur = exhausted
	}
}

func (m *flatMatcher) doc() uint64 { return m.cur }

func (m *flatMatcher) next() error {
	if m.i < len(m.postings) {
		m.i++
		m.settle()
	}
	return nil
}

func (m *flatMatcher) advance(target uint64) error {
	if m.cur >= target {
		return nil
	}
	if target > math.MaxUint32 {
		m.i = len(m.postings)
		m.settle()
		return nil
	}
	rest := m.postings[m.i:]
	// Targets are mostly near: look a few postings ahead before
	// searching the rest.
	j := 1
	for j < len(rest) && j < 8 && rest[j]>>32 < target {
		j++
	}
	if j == 8 {
		k, _ := slices.BinarySearch(rest[j:], target<<32)
		j += k
	}
	m.i += j
	m.settle()
	return nil
}

// score is termMatcher's score, from the decoded frequency and length.
func (m *flatMatcher) score() float64 {
	_, freq, n := unpack(m.postings[m.i])
	return termScore(uint64(freq), lengthNorm(m.norms, uint64(n)), m.idf, m.weight)
}
