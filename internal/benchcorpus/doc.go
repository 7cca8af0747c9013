// Package benchcorpus generates synthetic Polish news archives for
// Kronika's benchmarks and drives the indexing and query benchmarks over
// them.
//
// A Corpus is a pure function of its Config: Document(i) always returns
// the same article for the same seed and i, so corpora of any size can be
// written in parallel, served as an HTML site for the crawler, or
// regenerated instead of stored. The text is Polish-like word salad over
// real word forms of a frequency list, checked against the lemma
// dictionary (polish.Default), drawn with Zipf frequencies and glued into
// sentences whose adjectives agree with their nouns and whose
// prepositions govern the right case. Sentence templates carry people
// (with titles and roles), institutions, places and dates, declined in
// every case and drawn from pools with power-law frequencies; the
// document's Extraction records them, so a corpus doubles as an answer key
// for the extractor.
//
// The word lists come from the npm package @zxcvbn-ts/language-pl 3.0.2
// (MIT; see data/LICENSE.zxcvbn-ts and data/README.md).
package benchcorpus
