package index

import (
	"container/heap"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
)

// maxOrdinal is the largest value ordinal of a field; noValue marks a
// document without a value in a single-valued column.
const (
	maxOrdinal = math.MaxUint32 - 1
	noValue    = math.MaxUint32
)

// facetFieldNames are the index fields a facet may count.
var facetFieldNames = []string{fieldPerson, fieldInstitution, fieldPlace, fieldSite, fieldCategory, fieldPubMonth, fieldEventMonth}

// facetTable keeps the facet values of every document in memory as small
// integers, per immutable index segment and per field, so that counting a
// facet over the matches of a query costs an array read and an increment
// per value instead of decoding compressed doc values (which, for matches
// scattered over a large segment, decompresses a chunk per document).
//
// A segment's table is built on first use by one sequential read of its
// doc values and kept for as long as the index holds the segment; tables
// of merged-away segments are dropped. Value ordinals are shared by all
// segments, per field, and only grow.
type facetTable struct {
	mu    sync.Mutex
	dict  []map[string]uint32 // per field of facetFieldNames
	terms [][]string          // per field: ordinal -> value
	segs  map[uint64]*segmentFacets
	pools []sync.Pool // per field: cleared count arrays
}

// segmentFacets holds the value ordinals of one segment's documents, a
// column per field of facetFieldNames, so that counting a facet reads only
// that field's values. published holds each document's publication time
// in Unix nanoseconds, noDate when it has none.
type segmentFacets struct {
	once      sync.Once
	err       error
	cols      []column
	published []int64
}

// valueCount is how many documents of a segment have a value.
type valueCount struct {
	ord uint32
	n   int32
}

// column holds one field's value ordinals for a segment's documents. A
// field with at most one value per document (site, category, month) keeps
// them in one, each document's at its number, noValue where it has none;
// any other keeps those of document d in vals[offs[d]:offs[d+1]].
type column struct {
	one  []uint32
	offs []uint32
	vals []uint32
	// totals counts every value over all the segment's documents,
	// deleted ones included, for counting a query that matches most of
	// them by what it does not match.
	totals []valueCount
}

func newFacetTable() *facetTable {
	t := &facetTable{segs: map[uint64]*segmentFacets{}, pools: make([]sync.Pool, len(facetFieldNames))}
	for range facetFieldNames {
		t.dict = append(t.dict, map[string]uint32{})
		t.terms = append(t.terms, nil)
	}
	return t
}

// fieldIndex returns the position of field in facetFieldNames, or -1.
func fieldIndex(field string) int {
	for i, f := range facetFieldNames {
		if f == field {
			return i
		}
	}
	return -1
}

// snapshotFacets is the facet table of one index snapshot.
type snapshotFacets struct {
	t    *facetTable
	segs []*segmentFacets // per segment of snap
	snap *snapshot
}

// forSnapshot returns the tables of every segment of snap, building the
// missing ones, and forgets those of segments snap no longer holds.
func (t *facetTable) forSnapshot(snap *snapshot) (*snapshotFacets, error) {
	out := &snapshotFacets{t: t, segs: make([]*segmentFacets, snap.segments()), snap: snap}
	live := make(map[uint64]bool, len(out.segs))
	t.mu.Lock()
	for i := range out.segs {
		id := snap.segmentID(i)
		live[id] = true
		sf := t.segs[id]
		if sf == nil {
			sf = &segmentFacets{}
			t.segs[id] = sf
		}
		out.segs[i] = sf
	}
	for id := range t.segs {
		if !live[id] {
			delete(t.segs, id)
		}
	}
	t.mu.Unlock()
	for i, sf := range out.segs {
		sf.once.Do(func() { sf.err = t.build(sf, snap, i) })
		if sf.err != nil {
			return nil, sf.err
		}
	}
	return out, nil
}

// build reads the doc values of snap's segment i once, in document
// order.
func (t *facetTable) build(sf *segmentFacets, snap *snapshot, i int) error {
	fields := append(slices.Clone(facetFieldNames), fieldPublished)
	dv, err := snap.docValues(i, fields)
	if err != nil {
		return fmt.Errorf("facets: %w", err)
	}
	n := snap.segmentDocs(i)
	sf.published = make([]int64, n)
	sf.cols = make([]column, len(facetFieldNames))
	for f := range sf.cols {
		sf.cols[f].offs = make([]uint32, 0, n+1)
	}
	// Terms of one document, per field, collected before the ordinals
	// are looked up under the lock.
	doc := make([][][]byte, len(facetFieldNames))
	var d uint64
	visit := func(field string, term []byte) {
		if field == fieldPublished {
			if v, ok := decodeDate(term); ok {
				sf.published[d] = v
			}
			return
		}
		if f := fieldIndex(field); f >= 0 {
			doc[f] = append(doc[f], append([]byte(nil), term...))
		}
	}
	for d = 0; d < n; d++ {
		for f := range doc {
			doc[f] = doc[f][:0]
		}
		sf.published[d] = noDate
		if err := dv.visit(d, visit); err != nil {
			return fmt.Errorf("facets: %w", err)
		}
		t.mu.Lock()
		for f, terms := range doc {
			col := &sf.cols[f]
			col.offs = append(col.offs, uint32(len(col.vals)))
			for _, term := range terms {
				o := t.ordinal(f, term)
				if o > maxOrdinal {
					t.mu.Unlock()
					return fmt.Errorf("facets: more than %d values of %s", maxOrdinal, facetFieldNames[f])
				}
				col.vals = append(col.vals, o)
			}
		}
		t.mu.Unlock()
	}
	for f := range sf.cols {
		sf.cols[f].finish()
	}
	return nil
}

// finish closes the offsets of a column built document by document,
// counts its values and turns it into a single-valued one where no
// document has two values.
func (c *column) finish() {
	c.offs = append(c.offs, uint32(len(c.vals)))
	byOrd := map[uint32]int32{}
	for _, o := range c.vals {
		byOrd[o]++
	}
	for o, n := range byOrd {
		c.totals = append(c.totals, valueCount{o, n})
	}
	n := len(c.offs) - 1
	for d := range n {
		if c.offs[d+1]-c.offs[d] > 1 {
			return
		}
	}
	c.one = make([]uint32, n)
	for d := range n {
		c.one[d] = noValue
		if c.offs[d+1] > c.offs[d] {
			c.one[d] = c.vals[c.offs[d]]
		}
	}
	c.offs, c.vals = nil, nil
}

// ordinal returns the ordinal of term in field f, adding it when new. The
// caller holds t.mu.
func (t *facetTable) ordinal(f int, term []byte) uint32 {
	if o, ok := t.dict[f][string(term)]; ok {
		return o
	}
	o := uint32(len(t.terms[f]))
	s := string(term)
	t.dict[f][s] = o
	t.terms[f] = append(t.terms[f], s)
	return o
}

// values returns the value table of field f, for turning counted
// ordinals back into values. Tables only grow, and their entries never
// change, so the slice may be read without the lock.
func (t *facetTable) values(f int) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.terms[f]
}

// counter counts ordinals of some fields over documents of a snapshot.
// Its count arrays, one slot per value of the field, come from the
// table's pool and go back cleared.
type counter struct {
	sf     *snapshotFacets
	fields []int     // positions in facetFieldNames
	counts [][]int32 // per entry of fields: ordinal -> documents
	cur    *cursor
	missed []uint64  // addMatches' documents not matched, kept for reuse
	single [1]uint64 // addLocal's document
}

func (sf *snapshotFacets) counter(fields []int) *counter {
	c := &counter{sf: sf, fields: fields, counts: make([][]int32, len(fields)), cur: sf.cursor()}
	for i, f := range fields {
		// The snapshot's segments are built, so no ordinal they hold is
		// above n.
		n := len(sf.t.values(f))
		if p, ok := sf.t.pools[f].Get().(*[]int32); ok && len(*p) >= n {
			c.counts[i] = (*p)[:n]
		} else {
			c.counts[i] = make([]int32, n, n+n/4+64)
		}
	}
	return c
}

// merge adds the counts of o, a counter of the same fields.
func (c *counter) merge(o *counter) {
	for i, counts := range o.counts {
		mine := c.counts[i]
		for v, n := range counts[:min(len(counts), len(mine))] {
			mine[v] += n
		}
	}
}

// release returns the count arrays, cleared, to the pool.
func (c *counter) release() {
	for i, f := range c.fields {
		counts := c.counts[i]
		clear(counts)
		counts = counts[:cap(counts)]
		c.sf.t.pools[f].Put(&counts)
	}
	c.counts = nil
}

// cursor locates documents that come in increasing order, as matches do,
// without a search while they stay in one segment.
type cursor struct {
	sf         *snapshotFacets
	seg        int
	start, end uint64 // global numbers of the segment's documents: [start, end)
}

func (sf *snapshotFacets) cursor() *cursor { return &cursor{sf: sf, seg: -1} }

// locate is snapshot.locate, fast for increasing numbers.
func (c *cursor) locate(num uint64) (int, uint64, bool) {
	if c.seg >= 0 && num >= c.start && num < c.end {
		return c.seg, num - c.start, true
	}
	s, local, ok := c.sf.snap.locate(num)
	if !ok {
		return 0, 0, false
	}
	c.seg = s
	c.start, c.end = c.sf.snap.span(s)
	return s, local, true
}

// add counts the values of the document with global number num.
func (c *counter) add(num uint64) {
	if s, local, ok := c.cur.locate(num); ok {
		c.addLocal(s, local)
	}
}

// addLocal counts the values of document local of the snapshot's
// segment s.
func (c *counter) addLocal(s int, local uint64) {
	c.single[0] = local
	c.tallyAll(s, c.single[:], uint64(len(c.sf.segs[s].published)), 1)
}

// addMatches counts the given documents of segment s, which holds docs
// documents, in increasing order. It runs after the walk over a
// segment's postings rather than during it, which would have the two
// evict each other's data from the processor's caches, and it counts one
// field at a time, so that only that field's column and counts are in
// use. Where the matches are most of the segment it counts every
// document and takes away those not matched, which reads less.
func (c *counter) addMatches(s int, matched []uint64, docs uint64) {
	if len(c.fields) == 0 {
		return
	}
	docs = min(docs, uint64(len(c.sf.segs[s].published)))
	if uint64(2*len(matched)) <= docs {
		c.tallyAll(s, matched, docs, 1)
		return
	}
	c.addAll(s)
	missed := c.missed[:0]
	var gap uint64 // the first document after the last match
	for _, d := range matched {
		for ; gap < d && gap < docs; gap++ {
			missed = append(missed, gap)
		}
		gap = d + 1
	}
	for ; gap < docs; gap++ {
		missed = append(missed, gap)
	}
	c.tallyAll(s, missed, docs, -1)
	c.missed = missed
}

// tallyAll adds by to the counts of every value of the given documents of
// segment s (those below docs), field by field.
func (c *counter) tallyAll(s int, local []uint64, docs uint64, by int32) {
	seg := c.sf.segs[s]
	for i, f := range c.fields {
		col := &seg.cols[f]
		counts := c.counts[i]
		if col.one != nil {
			for _, d := range local {
				if d >= docs {
					break
				}
				if o := col.one[d]; o < uint32(len(counts)) {
					counts[o] += by
				}
			}
			continue
		}
		for _, d := range local {
			if d >= docs {
				break
			}
			for _, o := range col.vals[col.offs[d]:col.offs[d+1]] {
				if o < uint32(len(counts)) {
					counts[o] += by
				}
			}
		}
	}
}

// addAll counts every document of the snapshot's segment s, deleted ones
// included; addMatches then takes away those a query does not match.
func (c *counter) addAll(s int) {
	seg := c.sf.segs[s]
	for i, f := range c.fields {
		counts := c.counts[i]
		for _, t := range seg.cols[f].totals {
			if t.ord < uint32(len(counts)) {
				counts[t.ord] += t.n
			}
		}
	}
}

// values returns the size most frequent values of the i-th counted field,
// by count and then value, keeping only the best size in a heap.
func (c *counter) values(i, size int) []FacetValue {
	values := c.sf.t.values(c.fields[i])
	h := &facetHeap{}
	for o, n := range c.counts[i] {
		if n == 0 {
			continue
		}
		v := FacetValue{Value: values[o], Count: int(n)}
		switch {
		case h.Len() < size:
			heap.Push(h, v)
		case facetBefore(v, h.vals[0]):
			h.vals[0] = v
			heap.Fix(h, 0)
		}
	}
	return topValues(h.vals, size)
}

// facetBefore orders facet values by count, then value.
func facetBefore(a, b FacetValue) bool { return compareFacets(a, b) < 0 }

// compareFacets orders facet values by count, most first, then value.
func compareFacets(a, b FacetValue) int {
	if a.Count != b.Count {
		return b.Count - a.Count
	}
	return strings.Compare(a.Value, b.Value)
}

// facetHeap keeps the best facet values with the worst on top.
type facetHeap struct{ vals []FacetValue }

func (h *facetHeap) Len() int           { return len(h.vals) }
func (h *facetHeap) Less(i, j int) bool { return facetBefore(h.vals[j], h.vals[i]) }
func (h *facetHeap) Swap(i, j int)      { h.vals[i], h.vals[j] = h.vals[j], h.vals[i] }
func (h *facetHeap) Push(x any)         { h.vals = append(h.vals, x.(FacetValue)) }
func (h *facetHeap) Pop() any {
	x := h.vals[len(h.vals)-1]
	h.vals = h.vals[:len(h.vals)-1]
	return x
}
