package index

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// The visit index stores each record's JSON and indexes what a query
// over visits reads: the evidence under the body fields and the parties
// and places under the entity fields of articles, so that the articles'
// query compiler (words, phrases, person:, place:, site:) serves it
// unchanged. Filters, facets and order come from the visit table.
const visitsVersion = "2" // 2: filter and facet fields left to the visit table

// visitFacets are the facets of visit searches.
var visitFacets = map[string]bool{
	VisitFacetVisitor: true, VisitFacetHost: true, VisitFacetOrigin: true, VisitFacetPlace: true,
	VisitFacetEventMonth: true, VisitFacetKind: true, VisitFacetStatus: true,
}

// newVisitMapping returns the mapping of the visit index: the analyzers
// of the article mapping, so that evidence is analysed exactly as
// article text is, and a static document of the fields a query reads.
func newVisitMapping() (*mapping.IndexMappingImpl, error) {
	m, err := NewMapping()
	if err != nil {
		return nil, err
	}
	// Every field is mapped as the articles' field of its name: the three
	// analyses of body, the entity fields, the site, the stored source.
	articles := m.DefaultMapping.Properties
	doc := bleve.NewDocumentStaticMapping()
	doc.Properties = map[string]*mapping.DocumentMapping{}
	shared := []string{fieldBody, fieldSite, fieldSource}
	for _, f := range entityFields {
		shared = append(shared, f, f+suffixKey, f+suffixWords)
	}
	for _, f := range shared {
		doc.Properties[f] = articles[f]
	}
	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("validate visit mapping: %w", err)
	}
	return m, nil
}

// visitFields turns a record, whose JSON is src, into the field map Bleve
// indexes.
func visitFields(r VisitRecord, src []byte) map[string]any {
	var evidence, sites []string
	for _, s := range r.Sources {
		evidence = append(evidence, s.Evidence.Text)
		sites = appendNew(sites, s.Site)
	}
	f := map[string]any{fieldBody: evidence, fieldSource: string(src)}
	if len(sites) > 0 {
		f[fieldSite] = sites
	}
	parties := append(append([]string{}, r.Visitors...), r.Hosts...)
	// A record does not tell people from institutions: person: and
	// institution: in a query both match any party.
	for _, typ := range []string{fieldPerson, fieldInstitution} {
		setEntity(f, typ, parties)
	}
	var places []string
	for _, p := range []*string{r.Place, r.VisitorFrom} {
		if p != nil {
			places = appendNew(places, *p)
		}
	}
	setEntity(f, fieldPlace, places)
	return f
}

// setEntity sets the fields of an entity type as articles have them, but
// for autocomplete's names field.
func setEntity(f map[string]any, typ string, names []string) {
	if len(names) == 0 {
		return
	}
	f[typ] = names
	addEntityKeys(f, typ, names, nil)
	delete(f, typ+suffixNames)
}

// spanMonths lists the months ("2006-01") a range of days touches.
func spanMonths(s eventDays) []string {
	var out []string
	m := time.Date(s.start.Year(), s.start.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := 0; !m.After(s.end) && i < maxMonthsPerEvent; i++ {
		out = append(out, m.Format("2006-01"))
		m = m.AddDate(0, 1, 0)
	}
	return out
}

func appendNew(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
