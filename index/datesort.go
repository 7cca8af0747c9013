package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// noDate marks a document without a publication time in the facet table.
const noDate = math.MinInt64

// dated is a match with its publication time (Unix nanoseconds, noDate
// when unknown) and global document number.
type dated struct {
	pub int64
	num uint64
}

// dateHeap keeps the best matches by date with the worst on top, so that
// a better match replaces it.
type dateHeap struct {
	items []dated
	desc  bool
}

// better orders by date (newest first when desc), undated last, then by
// document number.
func (h *dateHeap) better(a, b dated) bool {
	if (a.pub == noDate) != (b.pub == noDate) {
		return b.pub == noDate
	}
	if a.pub != b.pub {
		return (a.pub > b.pub) == h.desc
	}
	return a.num < b.num
}

func (h *dateHeap) Len() int           { return len(h.items) }
func (h *dateHeap) Less(i, j int) bool { return h.better(h.items[j], h.items[i]) }
func (h *dateHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *dateHeap) Push(x any)         { h.items = append(h.items, x.(dated)) }
func (h *dateHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// storedHit is a document loaded from the index: its ID and the stored
// source field, as ix.hit reads them.
type storedHit = search.DocumentMatch

// dateResult is what one pass over the matches of a query gathers.
type dateResult struct {
	total       uint64
	hits        []*storedHit // the kept matches, in order
	first, last *time.Time   // earliest and latest publication of all matches
	facets      map[string][]FacetValue
}

// collectByDate walks every match of q once, without scoring: it keeps
// the first keep matches in date order (newest first when desc), notes the
// earliest and latest publication, and counts the facets. Publication
// times come from the in-memory facet table, not from doc values, which
// for scattered matches decompress a chunk per document.
func (ix *Index) collectByDate(ctx context.Context, q query.Query, desc bool, keep int, specs []facetSpec) (*dateResult, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("search by date: index reader %T is not scorch's", r)
	}
	sf, err := ix.facets.forSnapshot(snap)
	if err != nil {
		return nil, err
	}
	s, err := q.Searcher(ctx, r, ix.mapping, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	defer s.Close()
	fields := make([]int, len(specs))
	for i, sp := range specs {
		if fields[i] = fieldIndex(sp.field); fields[i] < 0 {
			return nil, fmt.Errorf("facets: %s is not a facet field", sp.field)
		}
	}
	c := sf.counter(fields)
	defer c.release()
	h := &dateHeap{desc: desc}
	out := &dateResult{}
	minPub, maxPub := int64(math.MaxInt64), int64(math.MinInt64)
	err = eachMatch(ctx, s, func(dm *search.DocumentMatch) error {
		out.total++
		if len(specs) > 0 {
			c.add(dm.IndexInternalID)
		}
		d := dated{pub: sf.published(dm.IndexInternalID), num: dm.IndexInternalID.Value()}
		if d.pub != noDate {
			minPub, maxPub = min(minPub, d.pub), max(maxPub, d.pub)
		}
		switch {
		case keep <= 0:
		case h.Len() < keep:
			heap.Push(h, d)
		case h.better(d, h.items[0]):
			h.items[0] = d
			heap.Fix(h, 0)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if maxPub != math.MinInt64 {
		first, last := time.Unix(0, minPub).In(ix.loc), time.Unix(0, maxPub).In(ix.loc)
		out.first, out.last = &first, &last
	}
	kept := slices.Clone(h.items)
	slices.SortFunc(kept, func(a, b dated) int {
		if h.better(a, b) {
			return -1
		}
		return 1
	})
	for _, d := range kept {
		hit, err := sf.load(snap, d.num)
		if err != nil {
			return nil, err
		}
		out.hits = append(out.hits, hit)
	}
	out.facets = make(map[string][]FacetValue, len(specs))
	for i, sp := range specs {
		out.facets[sp.name] = c.values(i, sp.size)
	}
	return out, nil
}

// load reads the ID and stored source of the document with the given
// global number.
func (sf *snapshotFacets) load(snap *scorch.IndexSnapshot, num uint64) (*storedHit, error) {
	s, local, ok := sf.locate(num)
	if !ok {
		return nil, fmt.Errorf("search by date: no segment holds document %d", num)
	}
	hit := &storedHit{Fields: map[string]any{}}
	err := snap.Segments()[s].VisitDocument(local, func(field string, _ byte, value []byte, _ []uint64) bool {
		switch field {
		case "_id":
			hit.ID = string(value)
		case fieldSource:
			hit.Fields[fieldSource] = string(value)
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("load document %d: %w", num, err)
	}
	return hit, nil
}

// published returns the publication time of a document from the table.
func (sf *snapshotFacets) published(id bleveindex.IndexInternalID) int64 {
	s, local, ok := sf.locate(id.Value())
	if !ok || local >= uint64(len(sf.segs[s].published)) {
		return noDate
	}
	return sf.segs[s].published[local]
}
