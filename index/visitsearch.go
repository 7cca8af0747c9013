package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// Visits runs req over the visit records, which it validates first.
// Invalid requests and queries are news.EInvalid errors, as for Search.
func (ix *Index) Visits(ctx context.Context, req VisitRequest) (*VisitResult, error) {
	start := time.Now()
	if err := req.Validate(); err != nil {
		return nil, err
	}
	vx := ix.visits.ix
	node, q, err := vx.visitQuery(req)
	if err != nil {
		return nil, err
	}
	sr := bleve.NewSearchRequestOptions(q, req.Size, (req.Page-1)*req.Size, false)
	sr.Fields = []string{fieldSource}
	sortVisits(sr, req.Sort)
	for _, f := range req.Facets {
		size := maxFacetValues
		if f == VisitFacetEventMonth {
			size = maxMonthValues
		}
		sr.AddFacet(f, bleve.NewFacetRequest(visitFacetFields[f], size))
	}
	res, err := vx.search(ctx, sr)
	if err != nil {
		return nil, err
	}
	out := &VisitResult{
		Total:  res.Total,
		Page:   req.Page,
		Size:   req.Size,
		Visits: make([]VisitHit, 0, len(res.Hits)),
		Facets: map[string][]FacetValue{},
	}
	hl := vx.newHighlighter(node)
	for _, h := range res.Hits {
		r, err := decodeVisit(h.ID, h.Fields)
		if err != nil {
			return nil, err
		}
		out.Visits = append(out.Visits, VisitHit{VisitRecord: r, Snippet: evidenceSnippet(hl, r), Score: h.Score})
	}
	for _, name := range req.Facets {
		vals := []FacetValue{}
		if fr := res.Facets[name]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
			}
		}
		if name == VisitFacetEventMonth {
			vals = sortedMonths(vals)
		} else {
			vals = topValues(vals, maxFacetValues)
		}
		out.Facets[name] = vals
	}
	out.TookMS = time.Since(start).Milliseconds()
	return out, nil
}

// visitQuery parses and compiles the query of req with its filters.
func (vx *Index) visitQuery(req VisitRequest) (Node, query.Query, error) {
	node, err := ParseQuery(req.Query)
	if err != nil {
		return nil, nil, err
	}
	if err := vx.checkPrefixes(node); err != nil {
		return nil, nil, err
	}
	return node, withVisitFilters(vx.compile(node), req), nil
}

// evidenceSnippet is the highlighted evidence of the first source the
// query marks, else of the first source.
func evidenceSnippet(hl *highlighter, r VisitRecord) string {
	first := ""
	for i, s := range r.Sources {
		sn := hl.snippet(s.Evidence.Text)
		if i == 0 {
			first = sn
		}
		if strings.Contains(sn, "<mark>") {
			return sn
		}
	}
	return first
}

// sortVisits sets the order of a visit search: by score, or by the
// first event day with undated records last, then by ID.
func sortVisits(sr *bleve.SearchRequest, order string) {
	switch order {
	case SortDate, SortDateDesc:
		sr.SortByCustom(search.SortOrder{
			&search.SortField{Field: vfDate, Type: search.SortFieldAsDate, Desc: order == SortDateDesc, Missing: search.SortFieldMissingLast},
			&search.SortDocID{},
		})
	default:
		sr.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	}
}

// withVisitFilters adds the request's filters to q: every party filter
// must hold, a kind or status of those given, and event days overlapping
// From..To.
func withVisitFilters(q query.Query, req VisitRequest) query.Query {
	filters := slices.Concat(
		keyTerms(vfVisitor, req.Visitors), keyTerms(vfHost, req.Hosts), keyTerms(vfOrigin, req.Origins),
		keyTerms(vfPlace, req.Places), keyTerms(vfParty, req.Parties))
	if len(req.Kinds) > 0 {
		filters = append(filters, oneOf(vfKind, req.Kinds))
	}
	if len(req.Statuses) > 0 {
		filters = append(filters, oneOf(vfStatus, req.Statuses))
	}
	incl := true
	if req.To != nil {
		filters = append(filters, dateBound(vfEventStart, time.Time{}, utcDay(*req.To), &incl))
	}
	if req.From != nil {
		filters = append(filters, dateBound(vfEventEnd, utcDay(*req.From), time.Time{}, &incl))
	}
	return filtered(q, filters...)
}

// filtered narrows q's matches to those of every filter, without
// touching their scores.
func filtered(q query.Query, filters ...query.Query) query.Query {
	if len(filters) == 0 {
		return q
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddFilter(bleve.NewConjunctionQuery(filters...))
	return b
}

// keyTerms matches the key (extract.Key) of each name on field's key
// field, one query a name.
func keyTerms(field string, names []string) []query.Query {
	out := make([]query.Query, len(names))
	for i, n := range names {
		out[i] = termQuery(field+suffixKey, extract.Key(n))
	}
	return out
}

// oneOf matches any of values on field.
func oneOf(field string, values []string) query.Query {
	alts := make([]query.Query, len(values))
	for i, v := range values {
		alts[i] = termQuery(field, v)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// utcDay is the UTC midnight of t's calendar day, as event days are
// stored.
func utcDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Visit returns the record with the given ID, or a news.ENotFound error.
func (ix *Index) Visit(ctx context.Context, id string) (*VisitRecord, error) {
	recs, err := ix.visits.load(ctx, bleve.NewDocIDQuery([]string{id}), 1)
	if err != nil {
		return nil, fmt.Errorf("get visit %s: %w", id, err)
	}
	if len(recs) == 0 {
		return nil, news.Errorf(news.ENotFound, "no visit record with id %q", truncateRunes(id, 40))
	}
	return &recs[0], nil
}

// EntityVisits returns the visit lists of an entity's page: for a person
// or an institution the visits it made, hosted and the meetings it was
// at; for a place those held there and those whose visitors came from
// it. The name is matched by extract.Key, as entity pages are.
func (ix *Index) EntityVisits(ctx context.Context, typ, name string) (*EntityVisits, error) {
	if err := checkEntityType(typ); err != nil {
		return nil, err
	}
	if err := checkText("entity name", name, maxFilterValue); err != nil {
		return nil, err
	}
	// entityList is one list of the page and the request that fills it.
	type entityList struct {
		dst **VisitList
		req VisitRequest
	}
	var out EntityVisits
	var lists []entityList
	if typ == EntityPlace {
		lists = []entityList{
			{&out.At, VisitRequest{Places: []string{name}}},
			{&out.From, VisitRequest{Origins: []string{name}}},
		}
	} else {
		visit, meeting := []string{news.KindVisit}, []string{news.KindMeeting}
		lists = []entityList{
			{&out.Made, VisitRequest{Visitors: []string{name}, Kinds: visit}},
			{&out.Hosted, VisitRequest{Hosts: []string{name}, Kinds: visit}},
			{&out.Met, VisitRequest{Parties: []string{name}, Kinds: meeting}},
		}
	}
	for _, l := range lists {
		l.req.Sort, l.req.Size = SortDateDesc, EntityVisitRecords
		res, err := ix.Visits(ctx, l.req)
		if err != nil {
			return nil, err
		}
		vl := &VisitList{Total: res.Total, Latest: make([]VisitRecord, 0, len(res.Visits))}
		for _, h := range res.Visits {
			vl.Latest = append(vl.Latest, h.VisitRecord)
		}
		*l.dst = vl
	}
	return &out, nil
}

// VisitExport is a planned export of visit records: the IDs of every
// match of a request, in order, to be streamed with Each.
type VisitExport struct {
	ix  *Index
	ids []string
	// Total is the number of matching records, which may exceed the
	// number exported.
	Total uint64
}

// Len is the number of records Each will stream.
func (e *VisitExport) Len() int { return len(e.ids) }

// Truncated reports whether the request matched more than the export
// holds.
func (e *VisitExport) Truncated() bool { return e.Total > uint64(len(e.ids)) }

// StartVisitExport runs req (its page, size and facets are ignored) and
// plans the export of its first limit records in req's order; limit 0 or
// over MaxExport means MaxExport. Errors are those of Visits.
func (ix *Index) StartVisitExport(ctx context.Context, req VisitRequest, limit int) (*VisitExport, error) {
	if limit <= 0 || limit > MaxExport {
		limit = MaxExport
	}
	req.Page, req.Size, req.Facets = 1, 1, nil
	if err := req.Validate(); err != nil {
		return nil, err
	}
	vx := ix.visits.ix
	_, q, err := vx.visitQuery(req)
	if err != nil {
		return nil, err
	}
	sr := bleve.NewSearchRequestOptions(q, limit, 0, false)
	sortVisits(sr, req.Sort)
	res, err := vx.search(ctx, sr)
	if err != nil {
		return nil, err
	}
	e := &VisitExport{ix: ix, Total: res.Total, ids: make([]string, len(res.Hits))}
	for i, h := range res.Hits {
		e.ids[i] = h.ID
	}
	return e, nil
}

// Each calls fn with every planned record, in order, loading them in
// batches. A record deleted since StartVisitExport is skipped. It stops
// at the first error of fn or of ctx.
func (e *VisitExport) Each(ctx context.Context, fn func(VisitRecord) error) error {
	for start := 0; start < len(e.ids); start += exportBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		ids := e.ids[start:min(start+exportBatch, len(e.ids))]
		recs, err := e.ix.visits.load(ctx, bleve.NewDocIDQuery(ids), 0)
		if err != nil {
			return err
		}
		byID := make(map[string]VisitRecord, len(recs))
		for _, r := range recs {
			byID[r.ID] = r
		}
		for _, id := range ids {
			r, ok := byID[id]
			if !ok {
				continue
			}
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}
