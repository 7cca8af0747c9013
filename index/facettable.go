package index

import (
	"container/heap"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// An entry of the facet table packs a field position and an ordinal.
const (
	fieldBits   = 3
	ordinalBits = 32 - fieldBits
	maxOrdinal  = 1<<ordinalBits - 1
)

// facetFieldNames are the index fields a facet may count; at most
// 1<<fieldBits of them.
var facetFieldNames = []string{fieldPerson, fieldInstitution, fieldPlace, fieldSite, fieldCategory, fieldPubMonth, fieldEventMonth}

// facetTable keeps the facet values of every document in memory as small
// integers, per immutable index segment, so that counting a facet over
// the matches of a query costs a few array reads per document instead of
// decoding compressed doc values (which, for matches scattered over a
// large segment, decompresses a chunk per document).
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

// segmentFacets holds the value ordinals of one segment's documents, all
// fields of a document side by side so that counting reads one short run
// of memory per document: entries[offs[d]:offs[d+1]] for local document
// d, each entry a field position (top fieldBits bits) and an ordinal.
// published holds each document's publication time in Unix nanoseconds,
// noDate when it has none.
type segmentFacets struct {
	once      sync.Once
	err       error
	offs      []uint32
	entries   []uint32
	published []int64
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
	t       *facetTable
	segs    []*segmentFacets
	offsets []uint64 // first global document number of each segment
}

// forSnapshot returns the tables of every segment of snap, building the
// missing ones, and forgets those of segments snap no longer holds.
func (t *facetTable) forSnapshot(snap *scorch.IndexSnapshot) (*snapshotFacets, error) {
	segs := snap.Segments()
	out := &snapshotFacets{t: t, segs: make([]*segmentFacets, len(segs)), offsets: make([]uint64, len(segs))}
	live := make(map[uint64]bool, len(segs))
	var running uint64
	t.mu.Lock()
	for i, s := range segs {
		live[s.Id()] = true
		sf := t.segs[s.Id()]
		if sf == nil {
			sf = &segmentFacets{}
			t.segs[s.Id()] = sf
		}
		out.segs[i] = sf
		out.offsets[i] = running
		running += s.Segment().Count()
	}
	for id := range t.segs {
		if !live[id] {
			delete(t.segs, id)
		}
	}
	t.mu.Unlock()
	for i, s := range segs {
		sf := out.segs[i]
		sf.once.Do(func() { sf.err = t.build(sf, s.Segment()) })
		if sf.err != nil {
			return nil, sf.err
		}
	}
	return out, nil
}

// build reads the doc values of seg once, in document order.
func (t *facetTable) build(sf *segmentFacets, seg segment.Segment) error {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return fmt.Errorf("facets: segment %T has no doc values", seg)
	}
	n := seg.Count()
	sf.offs = make([]uint32, 0, n+1)
	sf.published = make([]int64, n)
	fields := append(slices.Clone(facetFieldNames), fieldPublished)
	// Terms of one document, per field, collected before the ordinals
	// are looked up under the lock.
	doc := make([][][]byte, len(facetFieldNames))
	var state segment.DocVisitState
	var d uint64
	visit := func(field string, term []byte) {
		if field == fieldPublished {
			// Dates are indexed at several precisions; shift 0 is exact.
			if shift, err := numeric.PrefixCoded(term).Shift(); err == nil && shift == 0 {
				if v, err := numeric.PrefixCoded(term).Int64(); err == nil {
					sf.published[d] = v
				}
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
		var err error
		if state, err = dv.VisitDocValues(d, fields, bleveindex.DocValueVisitor(visit), state); err != nil {
			return fmt.Errorf("facets: %w", err)
		}
		sf.offs = append(sf.offs, uint32(len(sf.entries)))
		t.mu.Lock()
		for f, terms := range doc {
			for _, term := range terms {
				o := t.ordinal(f, term)
				if o > maxOrdinal {
					t.mu.Unlock()
					return fmt.Errorf("facets: more than %d values of %s", maxOrdinal, facetFieldNames[f])
				}
				sf.entries = append(sf.entries, uint32(f)<<ordinalBits|o)
			}
		}
		t.mu.Unlock()
	}
	sf.offs = append(sf.offs, uint32(len(sf.entries)))
	return nil
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
// Its count arrays come from the table's pool and go back, cleared, on
// release; touched lists the ordinals seen, so that neither clearing nor
// reading the counts walks every value of a field.
type counter struct {
	sf      *snapshotFacets
	fields  []int     // positions in facetFieldNames
	counts  [][]int32 // per entry of fields: ordinal -> documents
	touched [][]uint32
	slot    [1 << fieldBits]int // field position -> entry of fields + 1; 0: not counted
	cur     *cursor
}

func (sf *snapshotFacets) counter(fields []int) *counter {
	c := &counter{sf: sf, fields: fields, counts: make([][]int32, len(fields)), touched: make([][]uint32, len(fields)), cur: sf.cursor()}
	for i, f := range fields {
		c.slot[f] = i + 1
		n := len(sf.t.values(f))
		if p, ok := sf.t.pools[f].Get().(*[]int32); ok && len(*p) >= n {
			c.counts[i] = *p
		} else {
			c.counts[i] = make([]int32, n+n/4+64)
		}
	}
	return c
}

// release clears the counts and returns them to the pool.
func (c *counter) release() {
	for i, f := range c.fields {
		for _, o := range c.touched[i] {
			c.counts[i][o] = 0
		}
		counts := c.counts[i]
		c.sf.t.pools[f].Put(&counts)
	}
	c.counts = nil
}

// locate returns the segment of the document with global number num and
// its number in that segment.
func (sf *snapshotFacets) locate(num uint64) (int, uint64, bool) {
	s := sort.Search(len(sf.offsets), func(i int) bool { return sf.offsets[i] > num }) - 1
	if s < 0 {
		return 0, 0, false
	}
	return s, num - sf.offsets[s], true
}

// cursor locates documents that come in increasing order, as matches do,
// without a search while they stay in one segment.
type cursor struct {
	sf         *snapshotFacets
	seg        int
	start, end uint64 // global numbers of the segment's documents: [start, end)
}

func (sf *snapshotFacets) cursor() *cursor { return &cursor{sf: sf, seg: -1} }

// locate is snapshotFacets.locate, fast for increasing numbers.
func (c *cursor) locate(num uint64) (int, uint64, bool) {
	if c.seg >= 0 && num >= c.start && num < c.end {
		return c.seg, num - c.start, true
	}
	s, local, ok := c.sf.locate(num)
	if !ok {
		return 0, 0, false
	}
	c.seg, c.start, c.end = s, c.sf.offsets[s], math.MaxUint64
	if s+1 < len(c.sf.offsets) {
		c.end = c.sf.offsets[s+1]
	}
	return s, local, true
}

// add counts the values of the document with the given internal ID.
func (c *counter) add(id bleveindex.IndexInternalID) {
	s, local, ok := c.cur.locate(id.Value())
	if !ok {
		return
	}
	seg := c.sf.segs[s]
	if local+1 >= uint64(len(seg.offs)) {
		return
	}
	for _, e := range seg.entries[seg.offs[local]:seg.offs[local+1]] {
		i := c.slot[e>>ordinalBits] - 1
		if i < 0 {
			continue
		}
		o := e & maxOrdinal
		counts := c.counts[i]
		if int(o) < len(counts) {
			if counts[o] == 0 {
				c.touched[i] = append(c.touched[i], o)
			}
			counts[o]++
		}
	}
}

// values returns the size most frequent values of the i-th counted field,
// by count and then value, keeping only the best size in a heap.
func (c *counter) values(i, size int) []FacetValue {
	values := c.sf.t.values(c.fields[i])
	h := &facetHeap{}
	for _, o := range c.touched[i] {
		v := FacetValue{Value: values[o], Count: int(c.counts[i][o])}
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
