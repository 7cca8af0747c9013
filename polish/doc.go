// Package polish knows Polish words: the lemmas and grammatical tags of
// some 4.6 million word forms, a fallback that guesses the nominative of
// names and words no dictionary lists, and diacritic folding.
//
// The dictionary is PoliMorf as shipped in Morfologik's pl.dict (BSD
// licence, see LICENSE.morfologik), compiled by internal/gen into
// pl_lemmas.bin, a vellum FST from the lowercased form to a set of
// lemma recipes and tags, embedded in the binary and opened on first use
// by Default. Lemmas of an ambiguous form come best first, by an estimate
// of how common each is (see README.md).
//
// The package imports nothing of Bleve's analysis: index/analysis builds
// the search analyzers on top of it, and the extractor uses it for names
// and places.
package polish
