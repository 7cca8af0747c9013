package index

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// noDate marks a document without a publication time in the facet table.
const noDate = math.MinInt64

// Orders of collect.
const (
	byScore = iota
	byDateAsc
	byDateDesc
)

// ranked is a match with its score, its publication time (Unix
// nanoseconds, noDate when unknown) and its global document number.
type ranked struct {
	score float64
	pub   int64
	num   uint64
}

// rankHeap keeps the best matches with the worst on top, so that a better
// match replaces it.
type rankHeap struct {
	items []ranked
	order int
}

// better orders by score (highest first) or by date (unranked last), then
// by document number.
func (h *rankHeap) better(a, b ranked) bool {
	if h.order == byScore {
		if a.score != b.score {
			return a.score > b.score
		}
		return a.num < b.num
	}
	if (a.pub == noDate) != (b.pub == noDate) {
		return b.pub == noDate
	}
	if a.pub != b.pub {
		return (a.pub > b.pub) == (h.order == byDateDesc)
	}
	return a.num < b.num
}

func (h *rankHeap) Len() int           { return len(h.items) }
func (h *rankHeap) Less(i, j int) bool { return h.better(h.items[j], h.items[i]) }
func (h *rankHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *rankHeap) Push(x any)         { h.items = append(h.items, x.(ranked)) }
func (h *rankHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// collected is what one pass over the matches of a query gathers.
type collected struct {
	total       uint64
	hits        []*search.DocumentMatch // the matches after the skipped ones, in order
	first, last *time.Time              // earliest and latest publication of all matches
	facets      map[string][]FacetValue
}

// collect walks every match of q once: it keeps the first skip+size
// matches in the given order, loads those after the first skip (scoring them only for byScore), notes the earliest and
// latest publication, and counts the facets. One pass replaces Bleve's
// collector and a second pass for facets; publication times come from the
// in-memory facet table, not from doc values, which for scattered matches
// decompress a chunk per document.
//
// With a rescore query (the full form of a lean q, see compileLean) and
// order byScore, q's scores only choose candidates: the best
// max(rescoreWindow, 3*(skip+size)) of them are scored again by rescore,
// which walks just to those documents, and ranked by that score. A
// document outside the window cannot reach the page, which for the first
// pages of any query with more matches than the window makes the order an
// approximation of scoring every match with the full query.
func (ix *Index) collect(ctx context.Context, q, rescore query.Query, order, skip, size int, specs []facetSpec) (*collected, error) {
	keep := skip + size
	if order == byScore && rescore != nil {
		keep = max(rescoreWindow, 3*keep)
	}
	snap, sf, c, err := ix.openPass(specs)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer snap.Close()
	defer c.release()
	opts := search.SearcherOptions{Score: "none"}
	if order == byScore {
		opts.Score = ""
	}
	s, err := snap.searcher(ctx, q, ix.mapping, opts)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer s.Close()
	g := newGatherer(order, keep)
	cur := sf.cursor()
	err = eachMatch(ctx, s, func(dm *search.DocumentMatch) error {
		num := docNumber(dm)
		if len(specs) > 0 {
			c.add(num)
		}
		g.add(ranked{score: dm.Score, pub: cur.published(num), num: num})
		return nil
	})
	if err != nil {
		return nil, err
	}
	kept := slices.Clone(g.h.items)
	if order == byScore && rescore != nil {
		if err := ix.rescore(ctx, snap, rescore, kept); err != nil {
			return nil, err
		}
	}
	return g.finish(ix, snap, kept, skip, size, c, specs)
}

// gatherer keeps what collect and collectPlan note of every match: the
// count, the earliest and latest publication and the best matches.
type gatherer struct {
	out            collected
	h              *rankHeap
	keep           int
	minPub, maxPub int64
}

func newGatherer(order, keep int) *gatherer {
	return &gatherer{h: &rankHeap{order: order}, keep: keep, minPub: math.MaxInt64, maxPub: math.MinInt64}
}

// add notes a match.
func (g *gatherer) add(d ranked) {
	g.out.total++
	if d.pub != noDate {
		g.minPub, g.maxPub = min(g.minPub, d.pub), max(g.maxPub, d.pub)
	}
	g.rank(d)
}

// rank keeps d if it is among the best matches so far.
func (g *gatherer) rank(d ranked) {
	switch {
	case g.keep <= 0:
	case g.h.Len() < g.keep:
		heap.Push(g.h, d)
	case g.h.better(d, g.h.items[0]):
		g.h.items[0] = d
		heap.Fix(g.h, 0)
	}
}

// merge adds what another gatherer of the same order and size noted.
func (g *gatherer) merge(o *gatherer) {
	g.out.total += o.out.total
	g.minPub, g.maxPub = min(g.minPub, o.minPub), max(g.maxPub, o.maxPub)
	for _, d := range o.h.items {
		g.rank(d)
	}
}

// finish orders the kept matches (the heap's, possibly rescored), loads
// those after the first skip, up to size, and reads the facet counts.
func (g *gatherer) finish(ix *Index, snap *snapshot, kept []ranked, skip, size int, c *counter, specs []facetSpec) (*collected, error) {
	out := &g.out
	if g.maxPub != math.MinInt64 {
		first, last := time.Unix(0, g.minPub).In(ix.loc), time.Unix(0, g.maxPub).In(ix.loc)
		out.first, out.last = &first, &last
	}
	slices.SortFunc(kept, func(a, b ranked) int {
		if g.h.better(a, b) {
			return -1
		}
		return 1
	})
	skip = min(skip, len(kept))
	kept = kept[:min(len(kept), skip+size)]
	for _, d := range kept[skip:] {
		hit, err := load(snap, d.num)
		if err != nil {
			return nil, err
		}
		hit.Score = d.score
		out.hits = append(out.hits, hit)
	}
	out.facets = make(map[string][]FacetValue, len(specs))
	for i, sp := range specs {
		out.facets[sp.name] = c.values(i, sp.size)
	}
	return out, nil
}

// rescoreWindow is the least number of candidates a lean query hands to
// the full query for scoring.
const rescoreWindow = 64

// rescore replaces the scores of the candidates by those of q, advancing
// q's searcher to each candidate in document order. A candidate q does not
// match (none should) keeps no score.
func (ix *Index) rescore(ctx context.Context, snap *snapshot, q query.Query, cands []ranked) error {
	s, err := snap.searcher(ctx, q, ix.mapping, search.SearcherOptions{})
	if err != nil {
		return fmt.Errorf("rescore: %w", err)
	}
	defer s.Close()
	byNum := slices.Clone(cands)
	slices.SortFunc(byNum, func(a, b ranked) int { return cmp.Compare(a.num, b.num) })
	scores := make(map[uint64]float64, len(byNum))
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for _, c := range byNum {
		if err := ctx.Err(); err != nil {
			return errStopped()
		}
		dm, err := s.Advance(sctx, internalID(c.num))
		if err != nil {
			return fmt.Errorf("rescore: %w", err)
		}
		if dm == nil {
			break
		}
		if docNumber(dm) == c.num {
			scores[c.num] = dm.Score
		}
		sctx.DocumentMatchPool.Put(dm)
	}
	for i := range cands {
		cands[i].score = scores[cands[i].num]
	}
	return nil
}

// load reads the ID and stored source of the document with the given
// global number.
func load(snap *snapshot, num uint64) (*search.DocumentMatch, error) {
	s, local, ok := snap.locate(num)
	if !ok {
		return nil, fmt.Errorf("search: no segment holds document %d", num)
	}
	hit := &search.DocumentMatch{Fields: map[string]any{}}
	err := snap.storedFields(s, local, func(field string, value []byte) bool {
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

// published returns the publication time of the document with global
// number num from the table.
func (c *cursor) published(num uint64) int64 {
	s, local, ok := c.locate(num)
	if !ok || local >= uint64(len(c.sf.segs[s].published)) {
		return noDate
	}
	return c.sf.segs[s].published[local]
}
