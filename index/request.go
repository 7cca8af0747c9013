package index

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kronika/kronika/news"
)

// Paging and result limits.
const (
	DefaultSize    = 10
	MaxSize        = 100
	MaxResultDepth = 10000 // page*size may not reach past this hit
	maxFilterValue = 500   // bytes per filter value
	maxFilters     = 50    // values over all filters
	maxFacetValues = 20
	maxMonthValues = 600 // 50 years of months
)

// Facet names a caller may ask for.
const (
	FacetPerson      = "person"
	FacetInstitution = "institution"
	FacetPlace       = "place"
	FacetSite        = "site"
	FacetCategory    = "category"
	FacetMonth       = "month"       // publication month
	FacetEventMonth  = "event_month" // months of the dates mentioned in the text
)

// facetFields maps facet names to index fields.
var facetFields = map[string]string{
	FacetPerson:      fieldPerson,
	FacetInstitution: fieldInstitution,
	FacetPlace:       fieldPlace,
	FacetSite:        fieldSite,
	FacetCategory:    fieldCategory,
	FacetMonth:       fieldPubMonth,
	FacetEventMonth:  fieldEventMonth,
}

// FacetNames lists the facets in a stable order.
func FacetNames() []string {
	return []string{FacetPerson, FacetInstitution, FacetPlace, FacetSite, FacetCategory, FacetMonth, FacetEventMonth}
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"  // oldest first
	SortDateDesc  = "-date" // newest first
)

// Request is one search: a query in the syntax of ParseQuery, filters,
// order, paging and facets. The zero value lists every document, newest
// first.
type Request struct {
	Query        string
	People       []string
	Institutions []string
	Places       []string
	Sites        []string
	Categories   []string
	// From and To bound the publication date, both inclusive, by day.
	From, To *time.Time
	// EventFrom and EventTo bound the dates mentioned in the text.
	EventFrom, EventTo *time.Time
	Sort               string
	Page               int // 1-based; 0 means 1
	Size               int // 0 means DefaultSize
	Facets             []string
}

// Validate checks the request and fills defaults. Errors are
// news.EInvalid and say how to fix the request.
func (r *Request) Validate() error {
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	switch {
	case r.Page < 1:
		return news.Errorf(news.EInvalid, "page must be 1 or more, not %d", r.Page)
	case r.Size < 1 || r.Size > MaxSize:
		return news.Errorf(news.EInvalid, "size must be between 1 and %d, not %d", MaxSize, r.Size)
	case (r.Page-1)*r.Size+r.Size > MaxResultDepth:
		return news.Errorf(news.EInvalid, "page %d of size %d reaches past hit %d; narrow the query or filters instead of paging this deep", r.Page, r.Size, MaxResultDepth)
	}
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
		if strings.TrimSpace(r.Query) == "" {
			r.Sort = SortDateDesc
		}
	case SortRelevance, SortDate, SortDateDesc:
	default:
		return news.Errorf(news.EInvalid, "sort must be relevance, date or -date, not %q", r.Sort)
	}
	if err := checkRange("from", "to", r.From, r.To); err != nil {
		return err
	}
	if err := checkRange("event_from", "event_to", r.EventFrom, r.EventTo); err != nil {
		return err
	}
	n := 0
	for _, f := range []struct {
		name   string
		values []string
	}{{"person", r.People}, {"institution", r.Institutions}, {"place", r.Places}, {"site", r.Sites}, {"category", r.Categories}} {
		for _, v := range f.values {
			n++
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				return news.Errorf(news.EInvalid, "%s filter is not valid UTF-8 text", f.name)
			}
			if len(v) > maxFilterValue {
				return news.Errorf(news.EInvalid, "%s filter is %d bytes long; the limit is %d", f.name, len(v), maxFilterValue)
			}
		}
	}
	if n > maxFilters {
		return news.Errorf(news.EInvalid, "%d filter values given; the limit is %d", n, maxFilters)
	}
	seen := map[string]bool{}
	facets := r.Facets[:0:0]
	for _, f := range r.Facets {
		f = strings.TrimSpace(f)
		if f == "" || seen[f] {
			continue
		}
		if _, ok := facetFields[f]; !ok {
			return news.Errorf(news.EInvalid, "unknown facet %q; known facets: %s", f, strings.Join(FacetNames(), ", "))
		}
		seen[f] = true
		facets = append(facets, f)
	}
	r.Facets = facets
	return nil
}

func checkRange(fromName, toName string, from, to *time.Time) error {
	if from != nil && to != nil && to.Before(*from) {
		return news.Errorf(news.EInvalid, "%s (%s) is after %s (%s); swap them", fromName, from.Format(time.DateOnly), toName, to.Format(time.DateOnly))
	}
	return nil
}

// Result is the answer to a Request. Its JSON form is the search answer of
// docs/interfaces.md.
type Result struct {
	Total  uint64                  `json:"total"`
	TookMS int64                   `json:"took_ms"`
	Page   int                     `json:"page"`
	Size   int                     `json:"size"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
}

// Hit is one matching document.
type Hit struct {
	ID           string     `json:"id"`
	URL          string     `json:"url"`
	Title        string     `json:"title"`
	Site         string     `json:"site"`
	Category     string     `json:"category"`
	Published    *time.Time `json:"published"`
	Snippet      string     `json:"snippet"`
	Score        float64    `json:"score"`
	People       []string   `json:"people"`
	Institutions []string   `json:"institutions"`
	Places       []string   `json:"places"`
}

// FacetValue is one value of a facet with the number of matching
// documents that have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// ParseDay parses a date filter: YYYY-MM-DD, YYYY-MM or YYYY. With end
// set, a month or year resolves to its last day. Errors are news.EInvalid.
func ParseDay(name, s string, end bool) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return &t, nil
	}
	return nil, news.Errorf(news.EInvalid, "%s must be a date like 2014-12-18 (or 2014-12, 2014), not %q", name, s)
}

func sortedMonths(vals []FacetValue) []FacetValue {
	slices.SortFunc(vals, func(a, b FacetValue) int { return strings.Compare(a.Value, b.Value) })
	return vals
}
