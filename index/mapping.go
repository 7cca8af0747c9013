package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/kronika/kronika/index/analysis"
)

// Field names in the Bleve index. The text fields come in three flavours,
// one per analyzer; the entity fields come as keywords (for facets and
// exact filters) and as text (for "person:Labara"-style matching).
const (
	fieldTitle        = "title"
	fieldTitleExact   = "title_exact"
	fieldTitleFolded  = "title_folded"
	fieldBody         = "body"
	fieldBodyExact    = "body_exact"
	fieldBodyFolded   = "body_folded"
	fieldPerson       = "person"
	fieldInstitution  = "institution"
	fieldPlace        = "place"
	fieldSite         = "site"
	fieldCategory     = "category"
	fieldPublished    = "published"
	fieldPubMonth     = "pub_month"
	fieldEvent        = "event"
	fieldEventMonth   = "event_month"
	fieldSource       = "source"
	suffixText        = "_text"
	suffixFolded      = "_folded"
	suffixKey         = "_key"   // extract.Key of the canonical name: filters, entity pages
	suffixWords       = "_words" // words of the key, plus acronyms: field:value matching
	suffixNames       = "_names" // every word-start suffix of the key, with the name: autocomplete
	analyzerWords     = "kronika_words"
	mappingVersion    = "4" // 3: entity keys fold ø, ß, đ… as queries do; 4: folded fields without positions, positions without offsets
	analyzerLemma     = "pl"
	analyzerFolded    = "pl_folded"
	analyzerExact     = "exact"
	maxMonthsPerEvent = 36
)

// entityFields are the keyword fields that also carry analysed text
// variants (person_text, person_folded, ...).
var entityFields = []string{fieldPerson, fieldInstitution, fieldPlace}

// NewMapping returns the index mapping Kronika uses: a static document
// mapping (nothing indexed unless listed), no catch-all field, term
// vectors (positions) only on the lemma and exact analyses of title, body
// and entity names, which phrase queries read (a phrase without
// diacritics reads the lemma field's: foldedPhrase), stored there
// without byte offsets (analysis.IndexLemma, analysis.IndexExact), and
// doc values only on fields that are faceted or sorted.
func NewMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := defineAnalyzers(m); err != nil {
		return nil, fmt.Errorf("define analyzers: %w", err)
	}
	// Entity keys arrive folded and lowercased (extract.Key); their words
	// only need splitting.
	if err := m.AddCustomAnalyzer(analyzerWords, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("define analyzer %s: %w", analyzerWords, err)
	}
	m.DefaultAnalyzer = analyzerLemma
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle,
		textField(fieldTitle, analysis.IndexLemma),
		textField(fieldTitleExact, analysis.IndexExact),
		foldedField(fieldTitleFolded))
	doc.AddFieldMappingsAt(fieldBody,
		textField(fieldBody, analysis.IndexLemma),
		textField(fieldBodyExact, analysis.IndexExact),
		foldedField(fieldBodyFolded))
	for _, f := range entityFields {
		doc.AddFieldMappingsAt(f,
			keywordField(f, true),
			textField(f+suffixText, analysis.IndexLemma),
			foldedField(f+suffixFolded))
		doc.AddFieldMappingsAt(f+suffixKey, keywordField(f+suffixKey, false))
		// The words fields serve term, prefix and fuzzy queries, never
		// phrases: they need no positions.
		words := textField(f+suffixWords, analyzerWords)
		words.IncludeTermVectors = false
		doc.AddFieldMappingsAt(f+suffixWords, words)
		doc.AddFieldMappingsAt(f+suffixNames, keywordField(f+suffixNames, false))
	}
	for _, f := range []string{fieldSite, fieldCategory, fieldPubMonth, fieldEventMonth} {
		doc.AddFieldMappingsAt(f, keywordField(f, true))
	}
	published := bleve.NewDateTimeFieldMapping()
	published.Store = false
	published.IncludeInAll = false
	published.DocValues = true // sort by date
	doc.AddFieldMappingsAt(fieldPublished, published)
	event := bleve.NewDateTimeFieldMapping()
	event.Store = false
	event.IncludeInAll = false
	event.DocValues = false
	doc.AddFieldMappingsAt(fieldEvent, event)
	source := bleve.NewTextFieldMapping()
	source.Index = false
	source.Store = true
	source.IncludeInAll = false
	source.IncludeTermVectors = false
	source.DocValues = false
	doc.AddFieldMappingsAt(fieldSource, source)

	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("validate mapping: %w", err)
	}
	return m, nil
}

func textField(name, analyzer string) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Name = name
	f.Analyzer = analyzer
	f.Store = false
	f.IncludeInAll = false
	f.IncludeTermVectors = true // positions, for phrase queries
	f.DocValues = false
	return f
}

// foldedField is a text field of the folded analysis, without positions:
// a phrase typed without diacritics is placed through the lemma field's
// (foldedPhrase).
func foldedField(name string) *mapping.FieldMapping {
	f := textField(name, analyzerFolded)
	f.IncludeTermVectors = false
	return f
}

func keywordField(name string, docValues bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Name = name
	f.Analyzer = keyword.Name
	f.Store = false
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = docValues
	return f
}
