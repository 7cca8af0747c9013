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
// The package never imports Gin: the API turns a Request into a Result
// through this package and encodes it itself.
package index
