package index

import (
	"context"
	"errors"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/kronika/kronika/extract"
)

// gather runs the one pass that ranks, pages and counts facets. In
// relevance order a query of words scores every match itself
// (collectPlan) unless its terms hold too many postings; any other goes
// through Bleve's searchers, where the lean query counts and picks
// candidates and, in relevance order, the full one scores them. Each
// query is compiled only where it is used.
func (ix *Index) gather(ctx context.Context, node Node, req Request, order, skip int, specs []facetSpec) (*collected, error) {
	if order != byScore {
		return ix.collect(ctx, ix.withFilters(ix.compileLean(node), req), nil, order, skip, req.Size, specs)
	}
	full := ix.withFilters(ix.compile(node), req)
	if p, ok := planOf(full); ok {
		res, err := ix.collectPlan(ctx, p, skip, req.Size, specs)
		if !errors.Is(err, errTooBroad) {
			return res, err
		}
	}
	if !leanable(node) {
		// The lean query would be the full one.
		return ix.collect(ctx, full, nil, order, skip, req.Size, specs)
	}
	return ix.collect(ctx, ix.withFilters(ix.compileLean(node), req), full, order, skip, req.Size, specs)
}

// Search runs req, which it validates first. Invalid requests and queries
// are news.EInvalid errors; nothing a caller sends causes a panic.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	if err := req.Validate(); err != nil {
		return nil, err
	}
	node, err := ParseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if err := ix.checkPrefixes(node); err != nil {
		return nil, err
	}
	var specs []facetSpec
	for _, f := range req.Facets {
		specs = append(specs, facetSpec{name: f, field: facetFields[f], size: facetSize(f)})
	}
	skip := (req.Page - 1) * req.Size
	order := byScore
	switch req.Sort {
	case SortDate:
		order = byDateAsc
	case SortDateDesc:
		order = byDateDesc
	}
	res, err := ix.gather(ctx, node, req, order, skip, specs)
	if err != nil {
		return nil, err
	}
	total, facets, hits := res.total, res.facets, res.hits
	hl := ix.newHighlighter(node)
	out := &Result{
		Total:  total,
		Page:   req.Page,
		Size:   req.Size,
		Hits:   make([]Hit, 0, len(hits)),
		Facets: map[string][]FacetValue{},
	}
	for _, h := range hits {
		hit, err := ix.hit(h, hl)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	for _, name := range req.Facets {
		vals := facets[name]
		if vals == nil {
			vals = []FacetValue{}
		}
		if name == FacetMonth || name == FacetEventMonth {
			vals = sortedMonths(vals)
		}
		out.Facets[name] = vals
	}
	out.TookMS = time.Since(start).Milliseconds()
	return out, nil
}

// facetSize is how many values of a facet a search returns: every month
// of a timeline, the most frequent of other facets.
func facetSize(name string) int {
	if name == FacetMonth || name == FacetEventMonth {
		return maxMonthValues
	}
	return maxFacetValues
}

// withFilters adds the request's filters to q. Entity filters of the same
// kind must all hold (documents naming both people); site and category
// values are alternatives (a document has one of each).
func (ix *Index) withFilters(q query.Query, req Request) query.Query {
	var filters []query.Query
	for _, f := range []struct {
		field  string
		values []string
	}{{fieldPerson, req.People}, {fieldInstitution, req.Institutions}, {fieldPlace, req.Places}} {
		for _, v := range f.values {
			filters = append(filters, termQuery(f.field+suffixKey, extract.Key(v)))
		}
	}
	for _, f := range []struct {
		field  string
		values []string
	}{{fieldSite, req.Sites}, {fieldCategory, req.Categories}} {
		if len(f.values) == 0 {
			continue
		}
		alts := make([]query.Query, len(f.values))
		for i, v := range f.values {
			alts[i] = termQuery(f.field, v)
		}
		filters = append(filters, bleve.NewDisjunctionQuery(alts...))
	}
	if req.From != nil || req.To != nil {
		filters = append(filters, dayRange(fieldPublished, req.From, req.To, ix.loc))
	}
	if req.EventFrom != nil || req.EventTo != nil {
		filters = append(filters, dayRange(fieldEvent, req.EventFrom, req.EventTo, time.UTC))
	}
	if len(filters) == 0 {
		return q
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	// Filters narrow the hits without touching their scores.
	b.AddFilter(bleve.NewConjunctionQuery(filters...))
	return b
}

func termQuery(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}

// dayRange matches field values on the civil days from..to (inclusive) in
// loc. Either end may be nil.
func dayRange(field string, from, to *time.Time, loc *time.Location) query.Query {
	var start, end time.Time
	if from != nil {
		start = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
	}
	if to != nil {
		end = time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	}
	incl, excl := true, false
	q := bleve.NewDateRangeInclusiveQuery(start, end, &incl, &excl)
	q.SetField(field)
	return q
}
