// Package analysis is Kronika's Polish text analysis for Bleve.
//
// It registers with Bleve's registry (in init) a tokenizer fit for Polish
// news (TokenizerName) and token filters that lemmatize through package
// polish (LemmaFilterName, FoldedLemmaFilterName) and drop function words
// (StopFilterName). AddTo defines, from those parts, the analyzers an
// index mapping names:
//
//   - "pl": lemmas, every candidate of an ambiguous form at the word's
//     position, stopwords removed; it replaces Bleve's own "pl";
//   - "pl_folded": the same lemmas lowercased and without diacritics, so
//     that Plock finds Płocku;
//   - "exact": the words lowercased;
//   - "pl_stempel": Bleve's built-in Stempel analyzer, for comparison.
//
// The two lemma filters of one mapping share a bounded cache of the terms
// of the words they have seen, so that a word of a text is looked up in
// the dictionary once for both analyses, and a frequent word once for
// many documents.
//
// Because the definitions are stored in the mapping and name only
// registered types, an index created with them reopens in any binary that
// imports this package. Terms shows what an analyzer makes of a text, for
// `kronika analyze` and POST /api/v1/analyze. Subpackage lemmaeval
// measures the analyzers against a treebank.
package analysis
