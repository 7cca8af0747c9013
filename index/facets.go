package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/kronika/kronika/news"
)

// facetCheckEvery is how many matching documents the facet pass counts
// between looks at its context.
const facetCheckEvery = 4096

// facetSpec asks for the top size values of an index field, under a name.
type facetSpec struct {
	name, field string
	size        int
}

// countFacets counts the values of the facet fields over every document
// q matches. It walks the matches itself, without scoring, and counts
// through the in-memory facet table: far cheaper than Bleve's facet
// builders, which decode each match's compressed doc values and convert
// every term to a string.
func (ix *Index) countFacets(ctx context.Context, q query.Query, specs []facetSpec) (map[string][]FacetValue, error) {
	out := make(map[string][]FacetValue, len(specs))
	if len(specs) == 0 {
		return out, nil
	}
	snap, _, c, err := ix.openPass(specs)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	defer snap.Close()
	defer c.release()
	s, err := snap.searcher(ctx, q, ix.mapping, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	defer s.Close()
	err = eachMatch(ctx, s, func(dm *search.DocumentMatch) error {
		c.add(docNumber(dm))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, sp := range specs {
		out[sp.name] = c.values(i, sp.size)
	}
	return out, nil
}

// openPass opens the index's current snapshot, its facet table and a
// counter of the specs' fields, for one pass over the matches of a query.
// The caller closes the snapshot and releases the counter.
func (ix *Index) openPass(specs []facetSpec) (*snapshot, *snapshotFacets, *counter, error) {
	fields, err := facetPositions(specs)
	if err != nil {
		return nil, nil, nil, err
	}
	snap, err := ix.snapshot()
	if err != nil {
		return nil, nil, nil, err
	}
	sf, err := ix.facets.forSnapshot(snap)
	if err != nil {
		snap.Close()
		return nil, nil, nil, err
	}
	return snap, sf, sf.counter(fields), nil
}

// facetPositions returns the positions of the specs' fields in the facet
// table.
func facetPositions(specs []facetSpec) ([]int, error) {
	fields := make([]int, len(specs))
	for i, sp := range specs {
		if fields[i] = fieldIndex(sp.field); fields[i] < 0 {
			return nil, fmt.Errorf("facets: %s is not a facet field", sp.field)
		}
	}
	return fields, nil
}

// errStopped is the error of a search stopped at its deadline (the
// request's context), which a walk over matches looks at every
// facetCheckEvery of them.
func errStopped() error {
	return news.Errorf(news.EUnavailable, "search took too long and was stopped; narrow the query")
}

// eachMatch calls fn with every match of s, looking at ctx now and then.
func eachMatch(ctx context.Context, s search.Searcher, fn func(*search.DocumentMatch) error) error {
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for n := 1; ; n++ {
		if n%facetCheckEvery == 0 && ctx.Err() != nil {
			return errStopped()
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return fmt.Errorf("facets: %w", err)
		}
		if dm == nil {
			return nil
		}
		if err := fn(dm); err != nil {
			return err
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

// topValues sorts values by count, then value, and keeps the first size.
func topValues(vals []FacetValue, size int) []FacetValue {
	slices.SortFunc(vals, compareFacets)
	if len(vals) > size {
		vals = vals[:size]
	}
	if vals == nil {
		vals = []FacetValue{}
	}
	return vals
}
