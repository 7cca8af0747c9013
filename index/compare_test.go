package index

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// compareWithBleve compares got, the index's answer to req, with Bleve's
// own search of req's full query on the same index, its phrases Bleve's
// MatchPhraseQuery (compileWithBlevePhrases): the same total, the
// same facets as Bleve's term facets count them, and, in relevance order,
// every hit with Bleve's score for it and, where the index ranks every
// match, the score Bleve ranks at that place; in date order, every hit
// published when Bleve's hit at that place is. Documents of equal score
// or date may come in another order (the index breaks ties by document
// number, Bleve by ID). It returns how the index ranked the hits: "plan"
// (its own scoring), "bleve" (Bleve's searchers) or "window" (a lean
// query's candidates, whose order is not compared), and the differences.
func compareWithBleve(ix *Index, req Request, got *Result) (path string, diffs []string, err error) {
	ctx := context.Background()
	if err := req.Validate(); err != nil {
		return "", nil, err
	}
	node, err := ParseQuery(req.Query)
	if err != nil {
		return "", nil, err
	}
	full := ix.withFilters(ix.compile(node), req)
	ref := ix.withFilters(ix.compileWithBlevePhrases(node), req)
	skip := (req.Page - 1) * req.Size
	path = "bleve"
	byScore := req.Sort == SortRelevance
	switch planned, err := ix.takesPlan(full); {
	case err != nil:
		return "", nil, err
	case !byScore:
	case planned:
		path = "plan"
	case leanable(node) && got.Total > uint64(max(rescoreWindow, 3*(skip+req.Size))):
		path = "window"
	}
	sr := bleve.NewSearchRequestOptions(ref, MaxResultDepth, 0, false)
	if byScore {
		sr.SortBy([]string{"-_score", "_id"})
	} else {
		sr.SortByCustom(dateOrder(req.Sort == SortDateDesc))
	}
	for _, f := range req.Facets {
		sr.AddFacet(f, bleve.NewFacetRequest(facetFields[f], facetSize(f)))
	}
	want, err := ix.search(ctx, sr)
	if err != nil {
		return "", nil, err
	}
	if got.Total != want.Total {
		diffs = append(diffs, fmt.Sprintf("total %d, Bleve finds %d", got.Total, want.Total))
	}
	for _, f := range req.Facets {
		if w := bleveFacet(f, want.Facets[f]); !reflect.DeepEqual(got.Facets[f], w) {
			diffs = append(diffs, fmt.Sprintf("facet %s: %v, Bleve counts %v", f, got.Facets[f], w))
		}
	}
	if n := min(req.Size, max(0, int(want.Total)-skip)); len(got.Hits) != n {
		diffs = append(diffs, fmt.Sprintf("%d hits, Bleve has %d on the page", len(got.Hits), n))
	}
	if !byScore {
		d, err := sameDates(ix, sr, skip, got.Hits)
		return path, append(diffs, d...), err
	}
	scores := map[string]float64{}
	for _, h := range want.Hits {
		scores[h.ID] = h.Score
	}
	for i, h := range got.Hits {
		s, ok := scores[h.ID]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("hit %d: %s, which Bleve does not match", skip+i, h.ID))
		case s != h.Score:
			diffs = append(diffs, fmt.Sprintf("hit %d: %s scores %v, Bleve scores it %v", skip+i, h.ID, h.Score, s))
		case path != "window" && skip+i < len(want.Hits) && want.Hits[skip+i].Score != s:
			diffs = append(diffs, fmt.Sprintf("hit %d: %s scores %v, Bleve ranks %s of %v there", skip+i, h.ID, s, want.Hits[skip+i].ID, want.Hits[skip+i].Score))
		}
	}
	return path, diffs, nil
}

// compileWithBlevePhrases compiles n as compile does, but with each
// phrase Bleve's own MatchPhraseQuery of the text, as Kronika compiled
// phrases before it ranked them itself.
func (ix *Index) compileWithBlevePhrases(n Node) query.Query {
	was := ix.blevePhrases
	ix.blevePhrases = true
	defer func() { ix.blevePhrases = was }()
	return ix.compile(n)
}

// takesPlan reports whether the index ranks q in relevance order itself:
// whether q is a plan none of whose terms is too common.
func (ix *Index) takesPlan(q query.Query) (bool, error) {
	p, ok := planOf(q)
	if !ok {
		return false, nil
	}
	snap, err := ix.snapshot()
	if err != nil {
		return false, err
	}
	defer snap.Close()
	if err := p.prepare(snap); err != nil {
		return false, err
	}
	return p.longestPostings() <= ix.exactPostings, nil
}

// bleveFacet turns Bleve's count of a facet into the index's answer.
func bleveFacet(name string, f *search.FacetResult) []FacetValue {
	vals := []FacetValue{}
	if f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
		}
	}
	if name == FacetMonth || name == FacetEventMonth {
		vals = sortedMonths(vals)
	}
	return vals
}

// sameDates compares the publication times of hits, a page of a date
// ordered search from place skip, with those of Bleve's hits of sr at
// the same places.
func sameDates(ix *Index, sr *bleve.SearchRequest, skip int, hits []Hit) ([]string, error) {
	page := *sr
	page.From, page.Size, page.Fields, page.Facets = skip, len(hits), []string{fieldSource}, nil
	want, err := ix.search(context.Background(), &page)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for i, h := range hits {
		if i >= len(want.Hits) {
			break
		}
		d, err := decodeSource(want.Hits[i].Fields)
		if err != nil {
			return nil, err
		}
		if !samePublished(h.Published, d.Published) {
			diffs = append(diffs, fmt.Sprintf("hit %d: %s published %v, Bleve's %s %v", skip+i, h.ID, h.Published, want.Hits[i].ID, d.Published))
		}
	}
	return diffs, nil
}

func samePublished(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}
