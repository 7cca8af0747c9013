package index

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// This file holds the read-only look-ups the web UI needs beyond the
// JSON API's: a facet's every value, which documents exist, and how the
// documents naming an entity write it.

// MaxFacetPage is the most values FacetValues lists.
const MaxFacetPage = 1000

// FacetValues counts one facet of a search over every match, like the
// facets of Search but with up to size values (at most MaxFacetPage), most
// frequent first, keeping only the values whose case- and diacritic-free
// form (extract.Key) contains that of contains. It answers the "more"
// list of a facet, whose search page shows its first values only.
func (ix *Index) FacetValues(ctx context.Context, req Request, name, contains string, size int) ([]FacetValue, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	field, ok := facetFields[name]
	if !ok {
		return nil, news.Errorf(news.EInvalid, "unknown facet %q; known facets: %s", truncateRunes(name, 40), strings.Join(FacetNames(), ", "))
	}
	if err := checkText("facet filter", contains, maxFilterValue); err != nil {
		return nil, err
	}
	size = min(max(size, 1), MaxFacetPage)
	node, err := ParseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if err := ix.checkPrefixes(node); err != nil {
		return nil, err
	}
	key := extract.Key(contains)
	// With a filter every value is kept, so that it sees values below the
	// top ones; the cut comes after it.
	keep := size
	if key != "" {
		keep = math.MaxInt32
	}
	facets, err := ix.countFacets(ctx, ix.withFilters(ix.compileLean(node), req), []facetSpec{{name: name, field: field, size: keep}})
	if err != nil {
		return nil, err
	}
	out := []FacetValue{}
	for _, v := range facets[name] {
		if key == "" || strings.Contains(extract.Key(v.Value), key) {
			out = append(out, v)
			if len(out) == size {
				break
			}
		}
	}
	return out, nil
}

// Existing reports which of the document IDs the index holds, in one
// search however many there are.
func (ix *Index) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	res, err := ix.search(ctx, sr)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		out[h.ID] = true
	}
	return out, nil
}

// EntityDocument is how one document writes an entity: the entity's own
// entry of the document's extraction (its Person, Institution or Place,
// with the forms it takes in the text and, for a person, the roles given
// there), and the document's institutions, which a role may name.
type EntityDocument struct {
	ID          string
	Title       string
	Published   *time.Time
	Person      *news.Person
	Institution *news.Institution
	Place       *news.Place
	// Institutions are every institution of the document.
	Institutions []news.Institution
}

// EntityDocuments reads the extractions of the documents naming an
// entity (in any spelling with the same extract.Key): all of them when
// they are at most 2×each, else the each oldest and each newest, which
// hold the first and last appearance of every way the archive writes it
// as far as the ends of its history go. Documents come oldest first;
// total is how many name the entity.
func (ix *Index) EntityDocuments(ctx context.Context, typ, name string, each int) (docs []EntityDocument, total uint64, err error) {
	if err := checkEntityType(typ); err != nil {
		return nil, 0, err
	}
	if err := checkText("entity name", name, maxFilterValue); err != nil {
		return nil, 0, err
	}
	key := extract.Key(name)
	if key == "" {
		return nil, 0, news.Errorf(news.EInvalid, "entity name is empty")
	}
	each = max(each, 1)
	q := termQuery(typ+suffixKey, key)
	oldest, err := ix.collect(ctx, q, nil, byDateAsc, 0, 2*each, nil)
	if err != nil {
		return nil, 0, err
	}
	hits := oldest.hits
	if oldest.total > uint64(2*each) {
		newest, err := ix.collect(ctx, q, nil, byDateDesc, 0, each, nil)
		if err != nil {
			return nil, 0, err
		}
		hits = hits[:each]
		for i := len(newest.hits) - 1; i >= 0; i-- {
			hits = append(hits, newest.hits[i])
		}
	}
	seen := map[string]bool{}
	for _, h := range hits {
		if seen[h.ID] {
			continue
		}
		seen[h.ID] = true
		src, _ := h.Fields[fieldSource].(string)
		d, err := entityDocument(h.ID, src, typ, key)
		if err != nil {
			return nil, 0, err
		}
		docs = append(docs, d)
	}
	return docs, oldest.total, nil
}

// entitySource is the part of a stored document EntityDocuments reads:
// no text, no dates, no captures.
type entitySource struct {
	Title      string     `json:"title"`
	Published  *time.Time `json:"published"`
	Extraction struct {
		People       []news.Person      `json:"people"`
		Institutions []news.Institution `json:"institutions"`
		Places       []news.Place       `json:"places"`
	} `json:"extraction"`
}

// entityDocument decodes a stored document and picks the entity of type
// typ whose name has the key.
func entityDocument(id, src, typ, key string) (EntityDocument, error) {
	var s entitySource
	if err := unmarshalSource([]byte(src), &s); err != nil {
		return EntityDocument{}, fmt.Errorf("document %s: decode stored document: %w", id, err)
	}
	d := EntityDocument{ID: id, Title: s.Title, Published: s.Published, Institutions: s.Extraction.Institutions}
	switch typ {
	case EntityPerson:
		for i := range s.Extraction.People {
			if extract.Key(s.Extraction.People[i].Name) == key {
				d.Person = &s.Extraction.People[i]
				break
			}
		}
	case EntityInstitution:
		for i := range s.Extraction.Institutions {
			if extract.Key(s.Extraction.Institutions[i].Name) == key {
				d.Institution = &s.Extraction.Institutions[i]
				break
			}
		}
	case EntityPlace:
		for i := range s.Extraction.Places {
			if extract.Key(s.Extraction.Places[i].Name) == key {
				d.Place = &s.Extraction.Places[i]
				break
			}
		}
	}
	return d, nil
}
