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
// none, and a phrase's folded terms are scored on them as before but
// placed through the positions of the lemma field of the same text,
// whose terms fold to the folded ones (foldedPhrase). That saves the
// folded analysis's positions on disk and in indexing (BENCHMARKS.md, "A
// lean index").

// foldedPhrase matches text, analysed without diacritics, on the folded
// field folded, placing a phrase through lemma, the lemma field of the
// same text. A text of one position becomes term queries on folded, as
// phrase makes them. A longer one becomes the conjunction of its folded
// terms on folded, each slot a term or a disjunction of its terms, which
// is how Bleve's phrase searcher scored the folded phrase when the folded
// fields kept positions, filtered (unscored) by a phrase on lemma whose
// slots hold, for each folded term of a slot, every lemma term that folds
// to it, and the lemma terms of the text's own words. The filter passes
// the documents that hold the folded phrase, as long as the folded
// analysis of their text is its lemma analysis folded (it is, but for a
// word the dictionary knows only with diacritics that the text spells
// without them, which such a phrase finds only when typed without them
// too), and every document the lemma and exact phrases find, so that a
// lean query (compileLean) still finds what the full one does.
func (ix *Index) foldedPhrase(text, folded, lemma string, boost float64) query.Query {
	terms, err := ix.Terms(analyzerFolded, text)
	if err != nil || len(terms) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	if terms[0].Position == terms[len(terms)-1].Position {
		return ix.phrase(text, folded, analyzerFolded, boost)
	}
	slots := phraseSlots(terms)
	must := bleve.NewConjunctionQuery()
	for _, slot := range slots {
		if len(slot) == 0 {
			continue
		}
		qs := make([]query.Query, len(slot))
		for i, f := range slot {
			q := bleve.NewTermQuery(f)
			q.SetField(folded)
			q.SetBoost(boost)
			qs[i] = q
		}
		if len(qs) == 1 {
			must.AddQuery(qs[0])
		} else {
			// Bleve's phrase searcher: a disjunction of the slot's
			// terms, with no boost of its own.
			must.AddQuery(bleve.NewDisjunctionQuery(qs...))
		}
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must)
	b.AddFilter(ix.lemmaPlaces(text, terms[0].Position, slots, lemma, boost))
	return b
}

// lemmaPlaces is the filter of foldedPhrase: the phrase on lemma of the
// lemma terms that fold to each slot's folded terms, and of the lemma
// terms of text's words at that place (first is the position of slot 0).
// A word of text whose slot no lemma term fills makes it a query that
// matches nothing.
func (ix *Index) lemmaPlaces(text string, first int, slots [][]string, lemma string, boost float64) query.Query {
	// A word the text spells without diacritics, which the dictionary
	// does not know as written, has lemmas (guessed) that fold to no
	// folded term of it.
	typed := map[int][]string{}
	if lts, err := ix.Terms(analyzerLemma, text); err == nil {
		for _, t := range lts {
			typed[t.Position] = append(typed[t.Position], t.Term)
		}
	}
	snap, err := ix.snapshot()
	if err != nil {
		ix.log.Warn("read the terms of a phrase word", "field", lemma, "error", err)
		return bleve.NewMatchNoneQuery()
	}
	defer snap.Close()
	places := make([][]string, len(slots))
	for i, slot := range slots {
		if len(slot) == 0 {
			continue
		}
		var forms []string
		for _, f := range slot {
			forms = append(forms, ix.foldedForms(snap, lemma, f)...)
		}
		for _, t := range typed[first+i] {
			if !slices.Contains(forms, t) && ix.holds(snap, lemma, t) {
				forms = append(forms, t)
			}
		}
		if len(forms) == 0 {
			return bleve.NewMatchNoneQuery()
		}
		slices.Sort(forms)
		places[i] = slices.Compact(forms)
	}
	if ix.blevePhrases {
		q := query.NewMultiPhraseQuery(places, lemma)
		q.SetBoost(boost)
		return q
	}
	return newPhraseQuery(places, lemma, boost)
}

// foldedForms lists the terms of field in snap that fold (polish.Fold)
// to folded, which is itself among them when the field holds it.
func (ix *Index) foldedForms(snap *snapshot, field, folded string) []string {
	var out []string
	err := termsMatching(snap, field, foldPattern(folded), func(term string) {
		if polish.Fold(term) == folded {
			out = append(out, term)
		}
	})
	if err != nil {
		ix.log.Warn("read terms folding to a phrase word", "field", field, "term", folded, "error", err)
		return nil
	}
	return out
}

// holds reports whether field's dictionary in snap holds term: a term it
// lacks would still count in a slot's disjunction, and lower its score.
func (ix *Index) holds(snap *snapshot, field, term string) bool {
	dict, err := snap.r.FieldDictContains(field)
	if err != nil {
		return false
	}
	found, err := dict.Contains([]byte(term))
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
