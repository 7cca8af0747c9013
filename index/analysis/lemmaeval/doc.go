// Package lemmaeval measures Kronika's "pl" analyzer and Bleve's built-in
// Stempel analyzer side by side on the gold (form, lemma) pairs of a
// Universal Dependencies treebank in CoNLL-U (UD Polish PDB by default).
//
// A pair is conflated when the analyses of the form and of its lemma share
// a term: a search for the lemma finds the form. Run prints conflation
// recall (all pairs, pairs whose form differs from the lemma, by part of
// speech), exact lemma accuracy (the first term is the gold lemma), the
// share of forms unknown to the dictionary, over-conflation (pairs of
// different gold lemmas with the same first four letters that share a
// term) and the count of empty or one-letter terms made from longer words.
//
// The treebank is CC BY-NC-SA: it is read where it lies and never copied
// into the repository; testdata holds a two-sentence sample written for
// the tests.
package lemmaeval
