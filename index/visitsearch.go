package index

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/kronika/kronika/news"
)

// Visits runs req over the visit records, which it validates first.
// Invalid requests and queries are news.EInvalid errors, as for Search.
func (ix *Index) Visits(ctx context.Context, req VisitRequest) (*VisitResult, error) {
	start := time.Now()
	if err := req.Validate(); err != nil {
		return nil, err
	}
	node, ms, names, gen, err := ix.visitMatches(ctx, req)
	if err != nil {
		return nil, err
	}
	out := &VisitResult{Total: uint64(len(ms)), Page: req.Page, Size: req.Size, Facets: map[string][]FacetValue{}}
	top := topMatches(ms, req.Sort, req.Page*req.Size)
	page := top[min(len(top), (req.Page-1)*req.Size):]
	ids := make([]string, len(page))
	for i, m := range page {
		ids[i] = m.row.id
	}
	recs, err := ix.visits.readIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]VisitRecord, len(recs))
	for _, r := range recs {
		byID[r.ID] = r
	}
	hl := ix.visits.ix.newHighlighter(node)
	out.Visits = make([]VisitHit, 0, len(page))
	for _, m := range page {
		if r, ok := byID[m.row.id]; ok {
			out.Visits = append(out.Visits, VisitHit{VisitRecord: r, Snippet: evidenceSnippet(hl, r), Score: m.score})
		}
	}
	for _, f := range req.Facets {
		if unfiltered(req) {
			out.Facets[f] = ix.visits.tab.facetsOfAll(f, ms, names, gen)
		} else {
			out.Facets[f] = countFacet(ms, f, names)
		}
	}
	out.TookMS = time.Since(start).Milliseconds()
	return out, nil
}

// unfiltered reports whether req matches every record.
func unfiltered(req VisitRequest) bool {
	return strings.TrimSpace(req.Query) == "" && len(req.Visitors)+len(req.Hosts)+len(req.Origins)+len(req.Places)+len(req.Parties)+len(req.Kinds)+len(req.Statuses) == 0 &&
		req.From == nil && req.To == nil
}

// visitMatches returns the parsed query of req and every record that
// matches it, in no order, with the names of the facet values and the
// table's generation: the query's words are matched on the evidence by
// Bleve, the filters on the visit table.
func (ix *Index) visitMatches(ctx context.Context, req VisitRequest) (Node, []scored, []string, uint64, error) {
	node, err := ParseQuery(req.Query)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	vx := ix.visits.ix
	if err := vx.checkPrefixes(node); err != nil {
		return nil, nil, nil, 0, err
	}
	tab, err := ix.visits.table(ctx)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	ms, rows, names, gen := tab.match(req)
	if node != nil && len(ms) > 0 {
		// Filters that leave few records narrow the text search to them,
		// so that Bleve does not look up the IDs of every match.
		var within []string
		if len(ms) <= rows/4 {
			within = make([]string, len(ms))
			for i, m := range ms {
				within[i] = m.row.id
			}
		}
		scores, err := ix.visits.textMatches(ctx, node, req.Sort == SortRelevance, within, rows)
		if err != nil {
			return nil, nil, nil, 0, err
		}
		kept := ms[:0]
		for _, m := range ms {
			if s, ok := scores[m.row.id]; ok {
				m.score = s
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	return node, ms, names, gen, nil
}

// textMatches returns the records whose evidence (or parties, for
// field:value) match node, among within unless it is nil, at most limit,
// with their scores when scored is set.
func (vs *visitStore) textMatches(ctx context.Context, node Node, scored bool, within []string, limit int) (map[string]float64, error) {
	q := vs.ix.compile(node)
	if within != nil {
		// A conjunction leaps from one of the few records to the next
		// through the words' postings; a filter would walk every record
		// the words match. The IDs add the same to every score.
		q = bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(within))
		limit = len(within)
	}
	sr := bleve.NewSearchRequestOptions(q, max(limit, 1), 0, false)
	if !scored {
		sr.Score = "none"
	}
	res, err := vs.ix.search(ctx, sr)
	if err != nil {
		return nil, err
	}
	out := make(map[string]float64, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out, nil
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

// utcDay is the UTC midnight of t's calendar day, as event days are
// kept.
func utcDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Visit returns the record with the given ID, or a news.ENotFound error.
func (ix *Index) Visit(ctx context.Context, id string) (*VisitRecord, error) {
	if _, err := ix.visits.table(ctx); err != nil {
		return nil, err
	}
	recs, err := ix.visits.readIDs(ctx, []string{id})
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
	_, ms, _, _, err := ix.visitMatches(ctx, req)
	if err != nil {
		return nil, err
	}
	total := len(ms)
	ms = topMatches(ms, req.Sort, limit)
	e := &VisitExport{ix: ix, Total: uint64(total), ids: make([]string, len(ms))}
	for i := range e.ids {
		e.ids[i] = ms[i].row.id
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
		recs, err := e.ix.visits.readIDs(ctx, ids)
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
