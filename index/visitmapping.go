package index

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/kronika/kronika/extract"
)

// Fields of the visit index. The evidence is indexed under the body
// fields and the parties under the entity fields of articles, so that
// the articles' query compiler (words, phrases, person:, place:, site:)
// serves visit searches unchanged; the fields only visits have start
// with "v_".
const (
	vfVisitor     = "v_visitor" // canonical names, for facets
	vfHost        = "v_host"
	vfOrigin      = "v_origin"
	vfPlace       = "v_place"
	vfParty       = "v_party" // keys only: visitors and hosts
	vfKind        = "v_kind"
	vfStatus      = "v_status"
	vfStart       = "v_start" // the record's days, for merging
	vfEnd         = "v_end"
	vfEventStart  = "v_event_start" // the same unless a period, for filters
	vfEventEnd    = "v_event_end"
	vfDate        = "v_date" // the first day, for sorting
	vfDated       = "v_dated"
	vfEventMonth  = "v_event_month"
	vfDoc         = "v_doc" // the source documents' IDs
	datedYes      = "yes"
	datedNo       = "no"
	visitsVersion = "1"
)

// visitFacetFields maps the facets of visit searches to fields.
var visitFacetFields = map[string]string{
	VisitFacetVisitor:    vfVisitor,
	VisitFacetHost:       vfHost,
	VisitFacetOrigin:     vfOrigin,
	VisitFacetPlace:      vfPlace,
	VisitFacetEventMonth: vfEventMonth,
	VisitFacetKind:       vfKind,
	VisitFacetStatus:     vfStatus,
}

// newVisitMapping returns the mapping of the visit index: the analyzers
// of the article mapping, so that evidence is analysed exactly as
// article text is, and a static document of the fields above.
func newVisitMapping() (*mapping.IndexMappingImpl, error) {
	m, err := NewMapping()
	if err != nil {
		return nil, err
	}
	// The fields visits share with articles are mapped as the articles'
	// are: the three analyses of body, the entity fields, the site, the
	// stored source.
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
	for _, f := range []string{vfDoc, vfDated, vfParty + suffixKey} {
		doc.AddFieldMappingsAt(f, keywordField(f, false))
	}
	for _, f := range []string{vfVisitor, vfHost, vfOrigin, vfPlace} {
		doc.AddFieldMappingsAt(f, keywordField(f, true))
		doc.AddFieldMappingsAt(f+suffixKey, keywordField(f+suffixKey, false))
	}
	for _, f := range []string{vfKind, vfStatus, vfEventMonth} {
		doc.AddFieldMappingsAt(f, keywordField(f, true))
	}
	// Dates as the articles' event dates (indexed only) and, for sorting,
	// as their publication dates (with doc values); both mappings name no
	// field, so they take the name of the property they are put at.
	for _, f := range []string{vfStart, vfEnd, vfEventStart, vfEventEnd} {
		doc.Properties[f] = articles[fieldEvent]
	}
	doc.Properties[vfDate] = articles[fieldPublished]
	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("validate visit mapping: %w", err)
	}
	return m, nil
}

// visitFields turns a record into the field map Bleve indexes.
func visitFields(r VisitRecord, m *mergedVisit) (map[string]any, error) {
	src, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode visit %s: %w", r.ID, err)
	}
	var evidence, sites, docs []string
	for _, s := range r.Sources {
		evidence = append(evidence, s.Evidence.Text)
		sites = appendNew(sites, s.Site)
		docs = appendNew(docs, s.DocumentID)
	}
	f := map[string]any{
		fieldBody:   evidence,
		vfDoc:       docs,
		vfKind:      r.Kind,
		vfStatus:    r.Status,
		fieldSource: string(src),
	}
	if len(sites) > 0 {
		f[fieldSite] = sites
	}
	parties := append(append([]string{}, r.Visitors...), r.Hosts...)
	// A record does not tell people from institutions: person: and
	// institution: in a query both match any party.
	for _, typ := range []string{fieldPerson, fieldInstitution} {
		if len(parties) > 0 {
			f[typ] = parties
		}
		addEntityKeys(f, typ, parties, nil)
		delete(f, typ+suffixNames)
	}
	var places []string
	for _, p := range []*string{r.Place, r.VisitorFrom} {
		if p != nil {
			places = appendNew(places, *p)
		}
	}
	if len(places) > 0 {
		f[fieldPlace] = places
		addEntityKeys(f, fieldPlace, places, nil)
		delete(f, fieldPlace+suffixNames)
	}
	setNames(f, vfVisitor, r.Visitors)
	setNames(f, vfHost, r.Hosts)
	if r.VisitorFrom != nil {
		setNames(f, vfOrigin, []string{*r.VisitorFrom})
	}
	if r.Place != nil {
		setNames(f, vfPlace, []string{*r.Place})
	}
	var partyKeys []string
	for k := range m.parties() {
		partyKeys = append(partyKeys, k)
	}
	if len(partyKeys) > 0 {
		f[vfParty+suffixKey] = partyKeys
	}
	f[vfDated] = datedNo
	if m.when.ok {
		f[vfDated] = datedYes
		f[vfStart], f[vfEnd], f[vfDate] = m.when.start, m.when.end, m.when.start
		if !m.when.period() {
			f[vfEventStart], f[vfEventEnd] = m.when.start, m.when.end
			f[vfEventMonth] = spanMonths(m.when)
		}
	}
	return f, nil
}

// setNames sets a facet field to names and its key field to their keys.
func setNames(f map[string]any, field string, names []string) {
	var keys []string
	for _, n := range names {
		if k := extract.Key(n); k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return
	}
	f[field] = names
	f[field+suffixKey] = keys
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
