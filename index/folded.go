package index

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/kronika/kronika/polish"
)

// The folded fields (title_folded, body_folded, person_folded, ...) hold
// each word's lemmas without diacritics, for words typed without Polish
// letters. They keep no positions: a word, a prefix or a fuzzy word needs
// none, and a phrase typed without diacritics is placed through the
// positions of the lemma field of the same text, whose terms fold to the
// folded ones (foldedPhrase). That saves the folded analysis's positions
// on disk and in indexing (BENCHMARKS.md, "A lean index").

// foldedPhrase matches text, analysed without diacritics, on the folded
// field folded, or as a phrase on lemma, the lemma field of the same
// text. A text of one position becomes term queries on folded, as phrase
// makes them. A longer one becomes a phrase on lemma whose slots hold,
// for each folded term of the text's slot, every lemma term that folds to
// it, and the lemma terms of the text's own words: the documents that
// hold the folded phrase, as long as the folded analysis of their text is
// its lemma analysis folded (it is, but for a word the dictionary knows
// only with diacritics that the text spells without them, which such a
// phrase finds only when typed without them too), and every document the
// lemma and exact phrases find, so that a lean query (compileLean) still
// finds what the full one does. It scores as a phrase of those lemma
// terms: where one lemma term folds to each folded term, as the folded
// phrase scored.
func (ix *Index) foldedPhrase(text, folded, lemma string, boost float64) query.Query {
	terms, err := ix.Terms(analyzerFolded, text)
	if err != nil || len(terms) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	if terms[0].Position == terms[len(terms)-1].Position {
		return ix.phrase(text, folded, analyzerFolded, boost)
	}
	// The lemma terms of the text itself join their slots: a word the
	// text spells without diacritics, which the dictionary does not know
	// as written, has lemmas (guessed) that fold to no folded term of it.
	typed := map[int][]string{}
	if lts, err := ix.Terms(analyzerLemma, text); err == nil {
		for _, t := range lts {
			typed[t.Position] = append(typed[t.Position], t.Term)
		}
	}
	first := terms[0].Position
	slots := phraseSlots(terms)
	for i, slot := range slots {
		var forms []string
		for _, f := range slot {
			forms = append(forms, ix.foldedForms(lemma, f)...)
		}
		if len(slot) > 0 {
			for _, t := range typed[first+i] {
				if !slices.Contains(forms, t) && ix.holds(lemma, t) {
					forms = append(forms, t)
				}
			}
		}
		if len(slot) > 0 && len(forms) == 0 {
			// No lemma term folds to a word of the phrase: no
			// document holds it.
			return bleve.NewMatchNoneQuery()
		}
		slices.Sort(forms)
		slots[i] = slices.Compact(forms)
	}
	if ix.blevePhrases {
		q := query.NewMultiPhraseQuery(slots, lemma)
		q.SetBoost(boost)
		return q
	}
	return newPhraseQuery(slots, lemma, boost)
}

// foldedForms lists the terms of field that fold (polish.Fold) to
// folded, which is itself among them when the field holds it.
func (ix *Index) foldedForms(field, folded string) []string {
	var out []string
	err := termsMatching(ix.bleve, field, foldPattern(folded), func(term string) {
		if polish.Fold(term) == folded {
			out = append(out, term)
		}
	})
	if err != nil {
		ix.log.Warn("read terms folding to a phrase word", "field", field, "term", folded, "error", err)
		return nil
	}
	return slices.Compact(out)
}

// holds reports whether field's dictionary holds term: a term it lacks
// would still count in a slot's disjunction, and lower its score.
func (ix *Index) holds(field, term string) bool {
	found := false
	err := termsMatching(ix.bleve, field, regexp.QuoteMeta(term), func(string) { found = true })
	return err == nil && found
}

// foldPattern is a regular expression that every term folding to folded
// matches, one rune a rune: each letter of folded may be written as
// itself or as any rune beyond ASCII, which might fold to it; the terms
// it lets through are checked by folding them. A rune that folds to two
// letters (ß, æ) is not found this way.
func foldPattern(folded string) string {
	var b strings.Builder
	for _, r := range folded {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z'):
			b.WriteString("[" + string(r) + `\x{80}-\x{10FFFF}]`)
		case r < utf8.RuneSelf:
			b.WriteString(regexp.QuoteMeta(string(r)))
		default:
			b.WriteString(`[\x{80}-\x{10FFFF}]`)
		}
	}
	return b.String()
}
