package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// Entity types.
const (
	EntityPerson      = "person"
	EntityInstitution = "institution"
	EntityPlace       = "place"
)

// EntityTypes lists the entity types in a stable order.
func EntityTypes() []string { return []string{EntityPerson, EntityInstitution, EntityPlace} }

// Limits of the entity lookups.
const (
	DefaultSuggestions = 10
	MaxSuggestions     = 50
	maxPrefixBytes     = 200
	// maxDictScan bounds how many dictionary terms one autocomplete reads,
	// so that a one-letter prefix costs no more than a longer one.
	maxDictScan = 5000
	// EntityDocuments is how many latest documents an entity page lists.
	EntityDocuments = 10
	// CoMentioned is how many co-mentioned entities of each type an entity
	// page lists.
	CoMentioned = 10
)

// Entity is one canonical entity name with the number of documents that
// mention it.
type Entity struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// EntityPage sums up what the archive knows of one entity.
type EntityPage struct {
	Type string `json:"type"`
	Name string `json:"name"`
	// Key is the case- and diacritic-free form every spelling of the name
	// shares (extract.Key).
	Key   string `json:"key"`
	Count uint64 `json:"count"`
	// FirstSeen and LastSeen are the earliest and latest publication times
	// of the documents naming the entity; nil when none has a date.
	FirstSeen *time.Time `json:"first_seen"`
	LastSeen  *time.Time `json:"last_seen"`
	// Timeline counts the documents by publication month, oldest first.
	Timeline []FacetValue `json:"timeline"`
	// CoMentioned lists, per entity type, the entities most often named in
	// the same documents, with the number of such documents.
	CoMentioned map[string][]FacetValue `json:"co_mentioned"`
	// Documents are the latest documents naming the entity, newest first.
	Documents []Hit `json:"documents"`
}

func checkEntityType(typ string) error {
	if !slices.Contains(EntityTypes(), typ) {
		return news.Errorf(news.EInvalid, "entity type must be person, institution or place, not %q", truncateRunes(typ, 40))
	}
	return nil
}

func checkText(name, s string, max int) error {
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return news.Errorf(news.EInvalid, "%s is not valid UTF-8 text", name)
	}
	if len(s) > max {
		return news.Errorf(news.EInvalid, "%s is %d bytes long; the limit is %d", name, len(s), max)
	}
	return nil
}

// Entities suggests canonical names of the given type (all types when typ
// is "") whose name, or any word of it, starts with prefix, ignoring case
// and diacritics ("lab" and "Łab" both find "Hugues Labar"). Names come
// most mentioned first, with exact document counts; an empty prefix lists
// the most mentioned names. size 0 means DefaultSuggestions.
func (ix *Index) Entities(ctx context.Context, typ, prefix string, size int) ([]Entity, error) {
	types := EntityTypes()
	if typ != "" {
		if err := checkEntityType(typ); err != nil {
			return nil, err
		}
		types = []string{typ}
	}
	if err := checkText("prefix", prefix, maxPrefixBytes); err != nil {
		return nil, err
	}
	if size == 0 {
		size = DefaultSuggestions
	}
	if size < 1 || size > MaxSuggestions {
		return nil, news.Errorf(news.EInvalid, "size must be between 1 and %d, not %d", MaxSuggestions, size)
	}
	key := extract.Key(prefix)
	var out []Entity
	for _, t := range types {
		var (
			found []Entity
			err   error
		)
		if key == "" {
			found, err = ix.topEntities(ctx, t, size)
		} else {
			found, err = ix.prefixEntities(ctx, t, key, size)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	slices.SortStableFunc(out, func(a, b Entity) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Name, b.Name)
	})
	if len(out) > size {
		out = out[:size]
	}
	if out == nil {
		out = []Entity{}
	}
	return out, nil
}

// topEntities returns the most mentioned entities of a type: a facet over
// every document.
func (ix *Index) topEntities(ctx context.Context, typ string, size int) ([]Entity, error) {
	facets, err := ix.countFacets(ctx, bleve.NewMatchAllQuery(), []facetSpec{{name: typ, field: typ, size: size}})
	if err != nil {
		return nil, err
	}
	var out []Entity
	for _, v := range facets[typ] {
		out = append(out, Entity{Type: typ, Name: v.Value, Count: v.Count})
	}
	return out, nil
}

// prefixEntities reads the names field's dictionary for keys with a word
// starting with key, then counts the best candidates exactly: dictionary
// counts still include replaced documents until segments merge.
func (ix *Index) prefixEntities(ctx context.Context, typ, key string, size int) ([]Entity, error) {
	dict, err := ix.bleve.FieldDictPrefix(typ+suffixNames, []byte(key))
	if err != nil {
		return nil, fmt.Errorf("read %s names: %w", typ, err)
	}
	type candidate struct {
		key, name string
		count     uint64
	}
	byKey := map[string]*candidate{}
	for i := 0; i < maxDictScan; i++ {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, fmt.Errorf("read %s names: %w", typ, err)
		}
		if e == nil {
			break
		}
		suffix, name, ok := strings.Cut(e.Term, nameSep)
		if !ok {
			continue
		}
		k := extract.Key(name)
		if !strings.HasSuffix(k, suffix) {
			continue
		}
		c := byKey[k]
		if c == nil {
			c = &candidate{key: k, name: name}
			byKey[k] = c
		}
		// Spellings of one key: keep the most common as the name.
		if c.name != name && e.Count > c.count {
			c.name = name
		}
		c.count = max(c.count, e.Count)
	}
	if err := dict.Close(); err != nil {
		return nil, fmt.Errorf("read %s names: %w", typ, err)
	}
	cands := make([]*candidate, 0, len(byKey))
	for _, c := range byKey {
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(a, b *candidate) int {
		if a.count != b.count {
			if a.count > b.count {
				return -1
			}
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	// Dictionary counts only overestimate; a few spares make up for
	// candidates whose exact count turns out lower.
	if limit := size + size/2 + 2; len(cands) > limit {
		cands = cands[:limit]
	}
	out := make([]Entity, 0, len(cands))
	for _, c := range cands {
		n, err := ix.countTerm(ctx, typ+suffixKey, c.key)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			out = append(out, Entity{Type: typ, Name: c.name, Count: int(n)})
		}
	}
	return out, nil
}

// countTerm counts the live documents with term in field.
func (ix *Index) countTerm(ctx context.Context, field, term string) (uint64, error) {
	sr := bleve.NewSearchRequestOptions(termQuery(field, term), 0, 0, false)
	res, err := ix.search(ctx, sr)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// Entity returns the page of the entity of type typ named name, in any
// spelling with the same extract.Key. An entity no document names is a
// news.ENotFound error.
func (ix *Index) Entity(ctx context.Context, typ, name string) (*EntityPage, error) {
	if err := checkEntityType(typ); err != nil {
		return nil, err
	}
	if err := checkText("entity name", name, maxFilterValue); err != nil {
		return nil, err
	}
	key := extract.Key(name)
	if key == "" {
		return nil, news.Errorf(news.EInvalid, "entity name is empty")
	}
	q := termQuery(typ+suffixKey, key)
	specs := []facetSpec{{name: FacetMonth, field: fieldPubMonth, size: maxMonthValues}}
	for _, t := range EntityTypes() {
		n := CoMentioned
		if t == typ {
			n++ // the entity itself is among its type's values
		}
		specs = append(specs, facetSpec{name: t, field: t, size: n})
	}
	// One pass: the latest documents, first and last publication, the
	// timeline and the co-mentioned entities.
	res, err := ix.collect(ctx, q, nil, byDateDesc, 0, EntityDocuments, specs)
	if err != nil {
		return nil, err
	}
	if res.total == 0 {
		return nil, news.Errorf(news.ENotFound, "no document names the %s %q", typ, truncateRunes(name, 80))
	}
	page := &EntityPage{
		Type:        typ,
		Name:        name,
		Key:         key,
		Count:       res.total,
		FirstSeen:   res.first,
		LastSeen:    res.last,
		Timeline:    append([]FacetValue{}, sortedMonths(res.facets[FacetMonth])...),
		CoMentioned: map[string][]FacetValue{},
		Documents:   make([]Hit, 0, len(res.hits)),
	}
	best := 0
	for _, t := range EntityTypes() {
		vals := []FacetValue{}
		for _, v := range res.facets[t] {
			if t == typ && extract.Key(v.Value) == key {
				if v.Count > best {
					page.Name, best = v.Value, v.Count
				}
				continue
			}
			vals = append(vals, v)
		}
		if len(vals) > CoMentioned {
			vals = vals[:CoMentioned]
		}
		page.CoMentioned[t] = vals
	}
	hl := ix.newHighlighter(nil)
	for _, h := range res.hits {
		hit, err := ix.hit(h, hl)
		if err != nil {
			return nil, err
		}
		page.Documents = append(page.Documents, hit)
	}
	return page, nil
}

// dateOrder sorts by publication time, documents without one last, then
// by ID so that the order is total.
func dateOrder(desc bool) search.SortOrder {
	return search.SortOrder{
		&search.SortField{Field: fieldPublished, Type: search.SortFieldAsDate, Desc: desc, Missing: search.SortFieldMissingLast},
		&search.SortDocID{},
	}
}

// search runs sr, turning a cancelled or expired context into a
// news.EUnavailable error.
func (ix *Index) search(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, errStopped()
		}
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// hit builds the Hit of a search match whose source field was loaded.
func (ix *Index) hit(h *search.DocumentMatch, hl *highlighter) (Hit, error) {
	src, _ := h.Fields[fieldSource].(string)
	var d hitSource
	if err := unmarshalSource([]byte(src), &d); err != nil {
		return Hit{}, fmt.Errorf("hit %s: decode stored document: %w", h.ID, err)
	}
	return Hit{
		ID:           h.ID,
		URL:          d.URL,
		Title:        d.Title,
		Site:         d.Site,
		Category:     d.Category,
		Published:    d.Published,
		Snippet:      hl.snippet(d.Text),
		Score:        h.Score,
		People:       names(d.Extraction.People),
		Institutions: names(d.Extraction.Institutions),
		Places:       names(d.Extraction.Places),
	}, nil
}

// hitSource is the part of a stored news.Document that a search hit
// shows. Decoding only it leaves out the mentions, roles, dates and
// captures, which a hit does not show and which cost most of decoding a
// whole document.
type hitSource struct {
	URL        string     `json:"url"`
	Site       string     `json:"site"`
	Category   string     `json:"category"`
	Title      string     `json:"title"`
	Published  *time.Time `json:"published"`
	Text       string     `json:"text"`
	Extraction struct {
		People       []named `json:"people"`
		Institutions []named `json:"institutions"`
		Places       []named `json:"places"`
	} `json:"extraction"`
}

// named is an extracted entity by its canonical name alone.
type named struct {
	Name string `json:"name"`
}

// names lists the names of entities, in order, never nil.
func names(es []named) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

// truncateRunes shortens s to n runes for messages.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
