package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// MaxExport caps the documents one export streams: a query matching more
// exports its first MaxExport hits in the requested order.
const MaxExport = 50000

// exportBatch is how many documents an export loads at once.
const exportBatch = 200

// Record is one exported document: what a spreadsheet of search results
// needs to cite and check it.
type Record struct {
	ID           string     `json:"id"`
	URL          string     `json:"url"`
	Title        string     `json:"title"`
	Site         string     `json:"site"`
	Category     string     `json:"category"`
	Published    *time.Time `json:"published"`
	People       []string   `json:"people"`
	Institutions []string   `json:"institutions"`
	Places       []string   `json:"places"`
	// FetchedAt and SHA256 come from the latest capture of the document;
	// nil and "" when it has none.
	FetchedAt *time.Time `json:"fetched_at"`
	SHA256    string     `json:"sha256"`
}

// Export is a planned export: the IDs of every hit of a request, in
// order, to be streamed with Each.
type Export struct {
	ix  *Index
	ids []string
	// Total is the number of matching documents, which may exceed the
	// number exported.
	Total uint64
}

// Len is the number of documents Each will stream.
func (e *Export) Len() int { return len(e.ids) }

// Truncated reports whether the request matched more than the export
// holds.
func (e *Export) Truncated() bool { return e.Total > uint64(len(e.ids)) }

// StartExport runs req (its page, size and facets are ignored) and plans
// the export of its first limit hits in req's order; limit 0 or over
// MaxExport means MaxExport. Errors are those of Search.
func (ix *Index) StartExport(ctx context.Context, req Request, limit int) (*Export, error) {
	if limit <= 0 || limit > MaxExport {
		limit = MaxExport
	}
	req.Page, req.Size, req.Facets = 1, 1, nil
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
	sr := bleve.NewSearchRequestOptions(ix.withFilters(ix.compile(node), req), limit, 0, false)
	switch req.Sort {
	case SortDate:
		sr.SortByCustom(dateOrder(false))
	case SortDateDesc:
		sr.SortByCustom(dateOrder(true))
	default:
		// Score alone: a tie-break on another field would load its doc
		// values for every matching document.
		sr.SortBy([]string{"-_score"})
	}
	res, err := ix.search(ctx, sr)
	if err != nil {
		return nil, err
	}
	e := &Export{ix: ix, Total: res.Total, ids: make([]string, len(res.Hits))}
	for i, h := range res.Hits {
		e.ids[i] = h.ID
	}
	return e, nil
}

// Each calls fn with every planned document, in order, loading them in
// batches. A document deleted since StartExport is skipped. It stops at
// the first error of fn or of ctx.
func (e *Export) Each(ctx context.Context, fn func(Record) error) error {
	for start := 0; start < len(e.ids); start += exportBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		ids := e.ids[start:min(start+exportBatch, len(e.ids))]
		sr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
		sr.Fields = []string{fieldSource}
		res, err := e.ix.search(ctx, sr)
		if err != nil {
			return err
		}
		byID := make(map[string]*search.DocumentMatch, len(res.Hits))
		for _, h := range res.Hits {
			byID[h.ID] = h
		}
		for _, id := range ids {
			h, ok := byID[id]
			if !ok {
				continue
			}
			d, err := decodeSource(h.Fields)
			if err != nil {
				return fmt.Errorf("export %s: %w", id, err)
			}
			r := Record{
				ID: d.ID, URL: d.URL, Title: d.Title, Site: d.Site, Category: d.Category,
				Published:    d.Published,
				People:       d.Extraction.PersonNames(),
				Institutions: d.Extraction.InstitutionNames(),
				Places:       d.Extraction.PlaceNames(),
			}
			if r.ID == "" {
				r.ID = id
			}
			if n := len(d.Captures); n > 0 {
				c := d.Captures[n-1]
				r.FetchedAt, r.SHA256 = &c.FetchedAt, c.SHA256
			}
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}
