// Package index keeps Kronika's archive searchable: the Bleve mapping with
// Polish analysis, indexing of news.Documents, the query syntax of
// docs/interfaces.md, faceted search with snippets, and document lookup.
//
// Title and body are indexed three ways: through the lemmatizing "pl"
// analyzer, the diacritic-folding "pl_folded" analyzer and the lowercase-only
// "exact" analyzer. A query word is matched on all three and scored
// exact > lemma > folded, so the form the user typed ranks first while
// inflected and diacritic-free forms are still found. Positions (for
// phrases) are kept on the lemma and exact analyses only, without byte
// offsets; a phrase typed without diacritics is scored on the folded
// terms and placed through the lemma field's positions (folded.go). A
// document is stored once, as zstd-compressed JSON, and an index built by
// an earlier mapping opens but says so (Outdated) until it is rebuilt.
// MeasureSizes says where an index's bytes go, field by field.
//
// A search in relevance order whose query is words or quoted phrases on
// the title, body or entity fields (no prefix, fuzzy word or negation),
// filtered or not by entities, sites, categories or publication dates
// (not event dates), is ranked by this package itself, unless one of its
// terms is in more than 250,000 documents: one walk of each segment's
// postings scores every match as Bleve's TF-IDF would, to the last bit,
// without Bleve's per-match searcher objects, and a broad query's
// segments are walked on every core. A phrase is walked as the
// conjunction of its words, the rarest leading, and the places of its
// words are read only in the documents holding them all (phrase.go),
// from the postings cache where it keeps them decoded. Any other search goes through Bleve's searchers,
// where a lean query on the folded fields counts the matches and picks
// candidates that the full query scores again. Facets are counted from an
// in-memory table of value ordinals per immutable segment either way.
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
// Visits: the visits and meetings of documents' extractions are kept as
// records of their own, one per real-world event, merged across the
// articles and outlets that report it (visitMatch states the rule:
// overlapping days, or one side undated with everything else agreeing; a
// party in common by extract.Key; the same place and origin where both
// state one). They live in a second Bleve index in the article index's
// directory (visits/), with the articles' analyzers, so that the article
// search, its facets and counts do not see them and a rebuilt index
// takes them along. Bleve stores them and matches query words on their
// evidence; filters, facets, order and merging read an in-memory table
// of the records (visitTable), filled from the stored records on first
// use and kept by every write. Put and Delete keep them: the records a document
// contributed to are taken apart and its new reports placed again, so
// that indexing an article again never duplicates a record, and the
// records depend on the set of reports, not on the order they came in.
// Visits searches them, Visit reads one, EntityVisits fills entity pages
// and StartVisitExport streams them.
//
// The package never imports Gin: the API turns a Request into a Result
// through this package and encodes it itself.
package index
