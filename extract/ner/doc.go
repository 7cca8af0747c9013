// Package ner tags the names of people, organisations and places in Polish
// text with a statistical model: an averaged structured perceptron (Collins
// 2002) over BILOU labels, decoded with first-order Viterbi.
//
// Its features are computed from the token strings alone: the lowercased
// word, its shape, prefixes and suffixes, its neighbours' punctuation, and
// what the dictionary of package polish says of it (part of speech,
// possible cases, lemma, proper-name, first-name, surname and rarity
// flags), over a window of two tokens on each side, how the word and its
// lemma are written and used elsewhere in the document, and a gazetteer of
// the name types each lemma had in the training documents. Features are
// hashed to 64-bit keys; the model keeps the keys it saw in training with
// their weights quantized to int16. README.md gives the figures and what
// was tried.
//
// The model embedded in the package (model.bin) is trained on the
// 1-million-word manually annotated subcorpus of the National Corpus of
// Polish (NKJP, CC BY 4.0) and on half of the documents of KPWr's n82
// named-entity test part (CC BY 3.0; see NOTICE at the repository root) by
// `kronika-lab train ner`, which rebuilds it bit for bit from the data and
// a seed. Package nereval reads the corpora, splits them and scores a
// tagger.
//
// The tagger finds spans and their types; it gives no base forms, roles or
// identities. Tokenize and Sentences cut raw text the way NKJP does, so
// that the tagger sees the tokens it was trained on.
package ner
