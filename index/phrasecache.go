package index

import (
	"errors"
	"math"
	"slices"
)

// The postings cache keeps, beside the decoded postings of common terms,
// the places of those terms that phrases read (entries whose key has
// places set): a phrase of common words, such as "jest mojego", must read
// the places of its terms in tens of thousands of documents that hold
// them all, and decoding them from the index, a few varints a place, is
// most of its cost. Such an entry holds the term's postings too, packed
// as the cache packs them, from which the phrase's walk scores the term:
// a term of a phrase needs no entry of postings alone. Decoded, a place
// takes 2 bytes and a document 12. Terms whose places carry array
// positions (an entity field of several values), pass 65,535 or do not
// ascend are left to the index.

// placed is one term's places in the documents of one segment, decoded;
// the documents are those of the entry's postings, in order.
type placed struct {
	starts []uint32 // postings[i]'s places are places[starts[i]:starts[i+1]]
	places []uint16 // positions, in each document ascending
}

// bytes is the memory the arrays take.
func (p *placed) bytes() int { return cap(p.starts)*4 + cap(p.places)*2 }

// lookupPlaces is lookup for the entry of a term's places.
func (c *postingsCache) lookupPlaces(seg uint64, field string, term []byte, count, deleted uint64) *flatPostings {
	return c.lookupKey(postingsKey{seg: seg, field: field, term: string(term), places: true}, count, deleted)
}

// decodePlaces reads every posting of pl with the term's places.
func (f *flatPostings) decodePlaces(pl termPostings) error {
	it := pl.positions()
	n := pl.count()
	f.postings = make([]uint64, 0, n)
	p := placed{starts: make([]uint32, 0, n+1)}
	for doc := uint64(0); ; doc = it.cur + 1 {
		if _, err := it.at(doc); err != nil {
			return err
		}
		if it.cur == exhausted {
			break
		}
		if !it.sized || it.cur >= math.MaxUint32 || it.freq != uint64(len(it.locs)) || it.freq > math.MaxUint16 ||
			it.length > math.MaxUint16 || len(p.places)+len(it.locs) >= math.MaxUint32 {
			f.postings = nil
			return errUncacheable
		}
		f.postings = append(f.postings, it.cur<<32|it.freq<<16|it.length)
		p.starts = append(p.starts, uint32(len(p.places)))
		start := len(p.places)
		for _, l := range it.locs {
			// A walk of decoded places relies on ascending positions,
			// which a field of one value has.
			if l.array != "" || l.pos > math.MaxUint16 || len(p.places) > start && uint16(l.pos) <= p.places[len(p.places)-1] {
				f.postings = nil
				return errUncacheable
			}
			p.places = append(p.places, uint16(l.pos))
		}
	}
	p.starts = append(p.starts, uint32(len(p.places)))
	f.placed = p
	return nil
}

// placeWalk reads a term's places in the documents of one segment that a
// phrase checks, in order: from the cache where it holds them, else from
// the index.
type placeWalk struct {
	index positionsIterator
	flat  *flatPostings // nil: read the index
	i     int           // in flat, the first posting not before the last asked
	locs  []phrasePlace
}

// newPlaceWalk returns the walk over term node t's places in segment s,
// decoding them into the cache first when it is to hold them.
func newPlaceWalk(t *plan, s int) (placeWalk, error) {
	if t.cachedPlaces != nil {
		if f := t.cachedPlaces[s]; f != nil {
			err := f.load(t.postings[s])
			if err == nil {
				return placeWalk{flat: f}, nil
			}
			if !errors.Is(err, errUncacheable) {
				return placeWalk{}, err
			}
		}
	}
	return placeWalk{index: t.postings[s].positions()}, nil
}

// at reports whether the term is in doc, which must not be before the
// document asked last, its places then in w.locs.
func (w *placeWalk) at(doc uint64) (bool, error) {
	if w.flat == nil {
		in, err := w.index.at(doc)
		w.locs = w.index.locs
		return in, err
	}
	ps, in := w.flatAt(doc)
	if in {
		w.locs = w.locs[:0]
		for _, p := range ps {
			w.locs = append(w.locs, phrasePlace{pos: uint64(p)})
		}
	}
	return in, nil
}

// flatAt is at for a walk of decoded places: it returns the term's
// positions in doc, in ascending order.
func (w *placeWalk) flatAt(doc uint64) ([]uint16, bool) {
	postings := w.flat.postings
	if doc > math.MaxUint32 {
		w.i = len(postings)
		return nil, false
	}
	rest := postings[w.i:]
	// Documents asked are mostly near: look a few ahead before
	// searching the rest.
	j := 0
	for j < len(rest) && j < 8 && rest[j]>>32 < doc {
		j++
	}
	if j == 8 {
		k, _ := slices.BinarySearch(rest[j:], doc<<32)
		j += k
	}
	w.i += j
	if w.i == len(postings) || postings[w.i]>>32 != doc {
		return nil, false
	}
	return w.flat.places[w.flat.starts[w.i]:w.flat.starts[w.i+1]], true
}

// lookupPlaces looks up in cache the places of the terms of p's phrases,
// for their walks to read those the cache holds. A term is decoded
// whole even where the phrase checks few of its documents: once decoded,
// checking a document costs a search in an array instead of decoding
// its places, and a common term meets many phrases.
func (p *plan) lookupPlaces(snap *snapshot, cache *postingsCache, deleted []uint64) {
	if cache == nil {
		return
	}
	if p.kind != planPhrase {
		for _, c := range p.children {
			c.lookupPlaces(snap, cache, deleted)
		}
		return
	}
	for _, sl := range p.phrase.slots {
		for _, t := range sl.terms {
			t.cachedPlaces = make([]*flatPostings, len(deleted))
			for s := range deleted {
				t.cachedPlaces[s] = cache.lookupPlaces(snap.segmentID(s), t.field, t.term, t.postings[s].count(), deleted[s])
			}
		}
	}
}
