package index

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kronika/kronika/news"
)

// VisitRecord is one real-world visit or meeting, merged from every
// article that reports it (see the package documentation, "Visits").
// Records that searches return share their lists with the index's cache
// of decoded records: read them, do not modify them. Its
// fields are those of news.Visit, agreed over its sources: the parties by
// their entity keys, the place and origin by majority, the dates from the
// most precise sources, the status by the strongest report (reported over
// past over planned). Visitors, Hosts and Sources are never nil.
type VisitRecord struct {
	// ID is 32 hex digits derived from the record's first source (by
	// document and offset): it stays while that source does, and
	// `kronika reindex` gives the record the same ID again.
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Visitors    []string `json:"visitors"`
	VisitorFrom *string  `json:"visitor_from"`
	Hosts       []string `json:"hosts"`
	Place       *string  `json:"place"`
	// Start and End are ISO days, both nil when no source dates the
	// event.
	Start  *string `json:"start"`
	End    *string `json:"end"`
	Status string  `json:"status"`
	// FirstReported and LastReported are the earliest and latest
	// publication times of the sources; nil when none has one.
	FirstReported *time.Time    `json:"first_reported"`
	LastReported  *time.Time    `json:"last_reported"`
	Sources       []VisitSource `json:"sources"`
}

// VisitSource is one article's report of a visit: the article, what it
// states (news.Visit: kind, parties, place, dates, status, the evidence
// sentence with its offsets in the article's text, confidence) and the
// capture the article's text comes from.
type VisitSource struct {
	DocumentID string     `json:"document_id"`
	URL        string     `json:"url"`
	Site       string     `json:"site"`
	Title      string     `json:"title"`
	Published  *time.Time `json:"published"`
	news.Visit
	// Capture is the document's latest capture; nil when it has none.
	Capture *VisitCapture `json:"capture"`
}

// VisitCapture is the provenance of a source's text: when it was fetched,
// its checksum, and where the raw response lies under the data
// directory's captures/.
type VisitCapture struct {
	FetchedAt time.Time `json:"fetched_at"`
	SHA256    string    `json:"sha256"`
	File      string    `json:"file,omitempty"`
	Offset    int64     `json:"offset,omitempty"`
}

// Facets of visit searches.
const (
	VisitFacetVisitor    = "visitor"
	VisitFacetHost       = "host"
	VisitFacetOrigin     = "origin" // visitor_from
	VisitFacetPlace      = "place"
	VisitFacetEventMonth = "event_month"
	VisitFacetKind       = "kind"
	VisitFacetStatus     = "status"
)

// VisitFacetNames lists the facets of visit searches in a stable order.
func VisitFacetNames() []string {
	return []string{VisitFacetVisitor, VisitFacetHost, VisitFacetOrigin, VisitFacetPlace, VisitFacetEventMonth, VisitFacetKind, VisitFacetStatus}
}

// VisitRequest is one search of visit records: a query over the evidence
// sentences (the syntax of ParseQuery), filters, order, paging and
// facets. The zero value lists every record, latest event first.
type VisitRequest struct {
	Query string
	// Visitors, Hosts, Origins (visitor_from), Places and Parties (either
	// side) are names in any case and with or without diacritics
	// (extract.Key); every one given must hold.
	Visitors, Hosts, Origins, Places, Parties []string
	// Kinds and Statuses are alternatives: a record of any one matches.
	Kinds, Statuses []string
	// From and To bound the event days, both inclusive: a record matches
	// when its days overlap them. Records without dates, or dated only
	// by a period (more than 35 days), do not match a range.
	From, To *time.Time
	// Sort is SortRelevance, SortDate (earliest event first) or
	// SortDateDesc (latest first); records without dates come last.
	Sort   string
	Page   int // 1-based; 0 means 1
	Size   int // 0 means DefaultSize
	Facets []string
}

// Validate checks the request and fills defaults, with the limits of
// Request. Errors are news.EInvalid and say how to fix the request.
func (r *VisitRequest) Validate() error {
	page := Request{Query: r.Query, Sort: r.Sort, Page: r.Page, Size: r.Size, From: r.From, To: r.To}
	if err := page.Validate(); err != nil {
		return err
	}
	r.Sort, r.Page, r.Size = page.Sort, page.Page, page.Size
	n := 0
	for _, f := range []struct {
		name   string
		values []string
	}{{"visitor", r.Visitors}, {"host", r.Hosts}, {"from_place", r.Origins}, {"place", r.Places}, {"party", r.Parties}, {"kind", r.Kinds}, {"status", r.Statuses}} {
		for _, v := range f.values {
			n++
			if err := checkText(f.name+" filter", v, maxFilterValue); err != nil {
				return err
			}
		}
	}
	if n > maxFilters {
		return news.Errorf(news.EInvalid, "%d filter values given; the limit is %d", n, maxFilters)
	}
	for _, k := range r.Kinds {
		if k != news.KindVisit && k != news.KindMeeting {
			return news.Errorf(news.EInvalid, "kind must be visit or meeting, not %q", truncateRunes(k, 40))
		}
	}
	for _, s := range r.Statuses {
		if s != news.StatusReported && s != news.StatusPlanned && s != news.StatusPast {
			return news.Errorf(news.EInvalid, "status must be reported, planned or past, not %q", truncateRunes(s, 40))
		}
	}
	facets, err := checkFacets(r.Facets, visitFacets, VisitFacetNames())
	if err != nil {
		return err
	}
	r.Facets = facets
	return nil
}

// checkFacets trims the facet names, drops empty and repeated ones and
// rejects unknown ones.
func checkFacets(names []string, known map[string]bool, list []string) ([]string, error) {
	seen := map[string]bool{}
	out := names[:0:0]
	for _, f := range names {
		f = strings.TrimSpace(f)
		if f == "" || seen[f] {
			continue
		}
		if !known[f] {
			if !utf8.ValidString(f) {
				f = "?"
			}
			return nil, news.Errorf(news.EInvalid, "unknown facet %q; known facets: %s", truncateRunes(f, 40), strings.Join(list, ", "))
		}
		seen[f] = true
		out = append(out, f)
	}
	return out, nil
}

// VisitResult is the answer to a VisitRequest.
type VisitResult struct {
	Total  uint64                  `json:"total"`
	TookMS int64                   `json:"took_ms"`
	Page   int                     `json:"page"`
	Size   int                     `json:"size"`
	Visits []VisitHit              `json:"visits"`
	Facets map[string][]FacetValue `json:"facets"`
}

// VisitHit is one matching record, with a snippet of its evidence:
// HTML-escaped text with <mark> around the words the query matched.
type VisitHit struct {
	VisitRecord
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
}

// EntityVisits are the visits an entity page lists: for a person or an
// institution the visits it made, those it hosted and the meetings it
// took part in; for a place those that happened there and those whose
// visitors came from it. Lists that do not apply to the type are nil.
type EntityVisits struct {
	Made   *VisitList `json:"made,omitempty"`
	Hosted *VisitList `json:"hosted,omitempty"`
	Met    *VisitList `json:"met,omitempty"`
	At     *VisitList `json:"at,omitempty"`
	From   *VisitList `json:"from,omitempty"`
}

// VisitList is the number of an entity's records of one kind and the
// latest EntityVisitRecords of them, latest event first.
type VisitList struct {
	Total  uint64        `json:"total"`
	Latest []VisitRecord `json:"latest"`
}

// EntityVisitRecords is how many records each list of an entity page
// holds.
const EntityVisitRecords = 5
