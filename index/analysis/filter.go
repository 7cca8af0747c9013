package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/kronika/kronika/polish"
)

// Bleve type names of Kronika's token filters.
const (
	// LemmaFilterName replaces each word by its lowercased lemmas.
	LemmaFilterName = "kronika_lemma"
	// FoldedLemmaFilterName replaces each word by its lemmas, lowercased
	// and without diacritics.
	FoldedLemmaFilterName = "kronika_lemma_folded"
	// StopFilterName drops Polish function words, whatever their case.
	StopFilterName = "kronika_stop_pl"
)

// LemmaFilter replaces every token by the lemmas of its word, lowercased,
// all at the token's position so that a query for any of them matches.
// The lemmas come from the dictionary, best first; a word in no
// dictionary gets polish.GuessLemmas. Numbers, codes and abbreviations
// are only lowercased. With Fold set, terms are also folded
// (polish.Fold), and a word unknown as written is looked up again without
// regard to diacritics, so that Plocku finds the lemma Płock.
type LemmaFilter struct {
	Dict *polish.Dictionary
	Fold bool
}

// Filter implements analysis.TokenFilter.
func (f *LemmaFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)+len(input)/2)
	for _, tok := range input {
		terms := f.Terms(string(tok.Term))
		for i, t := range terms {
			nt := tok
			if i > 0 {
				c := *tok
				nt = &c
			}
			nt.Term = []byte(t)
			out = append(out, nt)
		}
	}
	return out
}

// Terms returns the index terms of one word, best lemma first.
func (f *LemmaFilter) Terms(word string) []string {
	var terms []string
	if isCode(word) {
		terms = []string{strings.ToLower(word)}
	} else {
		terms = f.lemmas(word)
	}
	if f.Fold {
		for i, t := range terms {
			terms[i] = polish.Fold(t)
		}
	}
	if utf8.RuneCountInString(word) >= 2 {
		// A one-letter lemma (we → w) would match every other word that
		// shortens to that letter: keep the word instead.
		kept := terms[:0]
		for _, t := range terms {
			if utf8.RuneCountInString(t) >= 2 {
				kept = append(kept, t)
			}
		}
		if len(kept) == 0 {
			w := strings.ToLower(word)
			if f.Fold {
				w = polish.Fold(w)
			}
			kept = append(kept, w)
		}
		terms = kept
	}
	return dedupe(terms)
}

func (f *LemmaFilter) lemmas(word string) []string {
	var buf [8]polish.LemmaInfo
	ls := f.Dict.AppendLemmaInfo(buf[:0], word)
	if len(ls) == 0 && f.Fold {
		for _, a := range f.Dict.AnalysesFolded(word) {
			ls = append(ls, polish.LemmaInfo{Lemma: a.Lemma, Proper: a.Proper(), Rare: a.Rare()})
		}
	}
	if len(ls) == 0 {
		if i := strings.LastIndexByte(word, '-'); i > 0 && i < len(word)-1 {
			// e-sporcie → e-sport, G-Stara → g-star: the last part
			// inflects, the rest stays.
			head := strings.ToLower(word[:i+1])
			tail := f.lemmas(word[i+1:])
			for j, t := range tail {
				tail[j] = head + t
			}
			return tail
		}
		return polish.GuessLemmas(word)
	}
	terms := make([]string, 0, len(ls))
	rare := true
	for _, l := range ls {
		terms = append(terms, strings.ToLower(l.Lemma))
		rare = rare && !l.Proper && l.Rare
	}
	if rare && startsUpper(word) {
		// A capitalised word the dictionary knows only as a rare common
		// word is likelier a name: Labara is a form of labarum, and of
		// the surname Labar.
		terms = append(terms, polish.NameLemmas(word)...)
	}
	return terms
}

// isCode reports terms that are not words: numbers, dotted abbreviations
// and hyphenated codes other than an acronym with an ending.
func isCode(word string) bool {
	for _, r := range word {
		if unicode.IsDigit(r) || r == '.' {
			return true
		}
	}
	if strings.Contains(word, "-") {
		g := polish.GuessLemmas(word)
		return len(g) == 1 && g[0] == strings.ToLower(word)
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func dedupe(terms []string) []string {
	out := terms[:0]
	for _, t := range terms {
		dup := false
		for _, o := range out {
			if o == t {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

// StopFilter drops tokens whose lowercased term is a Polish function word.
type StopFilter struct{}

// Filter implements analysis.TokenFilter. Acronyms written in capitals
// (PO, WE) are kept: they are names, not function words.
func (StopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	stop := stopwords()
	out := input[:0]
	for _, tok := range input {
		term := string(tok.Term)
		if !stop[strings.ToLower(term)] || isAcronym(term) {
			out = append(out, tok)
		}
	}
	return out
}

func isAcronym(s string) bool {
	return utf8.RuneCountInString(s) >= 2 && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func init() {
	registry.RegisterTokenFilter(LemmaFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return &LemmaFilter{Dict: polish.Default()}, nil
	})
	registry.RegisterTokenFilter(FoldedLemmaFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return &LemmaFilter{Dict: polish.Default(), Fold: true}, nil
	})
	registry.RegisterTokenFilter(StopFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return StopFilter{}, nil
	})
}
