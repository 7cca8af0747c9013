// Package index keeps Kronika's archive searchable: the Bleve mapping with
// Polish analysis, indexing of news.Documents, the query syntax of
// docs/interfaces.md, faceted search with snippets, and document lookup.
//
// Title and body are indexed three ways: through the lemmatizing "pl"
// analyzer, the diacritic-folding "pl_folded" analyzer and the lowercase-only
// "exact" analyzer. A query word is matched on all three and scored
// exact > lemma > folded, so the form the user typed ranks first while
// inflected and diacritic-free forms are still found.
//
// People, institutions and places are indexed under their canonical names
// (for facets), under extract.Key of those names (for filters and entity
// pages that ignore case and diacritics), word by word (so that
// person:Labara finds Hugues Labar through the nominatives a declined
// word may come from), and as every word-start suffix of the key joined
// to the name, so that Entities autocompletes from Bleve's term
// dictionary without scanning documents. Entity builds an entity's page;
// StartExport and Export.Each stream every hit of a request.
//
// The package never imports Gin: the API turns a Request into a Result
// through this package and encodes it itself.
package index
