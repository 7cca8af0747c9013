package analysis

import (
	"fmt"
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
//
// The filters Bleve builds for a mapping (LemmaFilterName and
// FoldedLemmaFilterName) share a bounded cache of the terms of the words
// they have seen, for both analyses; a LemmaFilter made by hand computes
// every word afresh.
type LemmaFilter struct {
	Dict *polish.Dictionary
	Fold bool

	cache *termCache // nil: no cache
}

// Filter implements analysis.TokenFilter. The terms of tokens of the same
// word may share memory: they must not be modified.
func (f *LemmaFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)+len(input)/2)
	var extra []analysis.Token // the tokens of second and further lemmas
	for _, tok := range input {
		for i, t := range f.termBytes(tok.Term) {
			nt := tok
			if i > 0 {
				if len(extra) == cap(extra) {
					extra = make([]analysis.Token, 0, max(16, len(input)/2))
				}
				extra = append(extra, *tok)
				nt = &extra[len(extra)-1]
			}
			nt.Term = t
			out = append(out, nt)
		}
	}
	return out
}

// termBytes returns the terms of word as Terms does, from the cache when
// there is one.
func (f *LemmaFilter) termBytes(word []byte) [][]byte {
	if f.cache == nil {
		return joinBytes(f.Terms(string(word)))
	}
	wt := f.cache.get(word, f.bothTerms)
	if f.Fold {
		return wt.folded
	}
	return wt.lemma
}

// bothTerms computes the terms of word for both analyses.
func (f *LemmaFilter) bothTerms(word string) *wordTerms {
	return &wordTerms{
		lemma:  joinBytes(lemmaTerms(f.Dict, word, false)),
		folded: joinBytes(lemmaTerms(f.Dict, word, true)),
	}
}

// joinBytes returns terms as byte slices in one allocation, each capped
// so that an append cannot run into the next.
func joinBytes(terms []string) [][]byte {
	n := 0
	for _, t := range terms {
		n += len(t)
	}
	buf := make([]byte, 0, n)
	out := make([][]byte, len(terms))
	for i, t := range terms {
		start := len(buf)
		buf = append(buf, t...)
		out[i] = buf[start:len(buf):len(buf)]
	}
	return out
}

// Terms returns the index terms of one word, best lemma first.
func (f *LemmaFilter) Terms(word string) []string {
	return lemmaTerms(f.Dict, word, f.Fold)
}

// lemmaTerms returns the index terms of one word for the lemma analysis,
// or with fold for the folded one.
func lemmaTerms(dict *polish.Dictionary, word string, fold bool) []string {
	var terms []string
	if isCode(word) {
		terms = []string{strings.ToLower(word)}
	} else {
		terms = lemmas(dict, word, fold)
	}
	if fold {
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
			if fold {
				w = polish.Fold(w)
			}
			kept = append(kept, w)
		}
		terms = kept
	}
	return dedupe(terms)
}

func lemmas(dict *polish.Dictionary, word string, fold bool) []string {
	var buf [8]polish.LemmaInfo
	ls := dict.AppendLemmaInfo(buf[:0], word)
	if len(ls) == 0 && fold {
		for _, a := range dict.AnalysesFolded(word) {
			ls = append(ls, polish.LemmaInfo{Lemma: a.Lemma, Proper: a.Proper(), Rare: a.Rare()})
		}
	}
	if len(ls) == 0 {
		if i := strings.LastIndexByte(word, '-'); i > 0 && i < len(word)-1 {
			// e-sporcie → e-sport, G-Stara → g-star: the last part
			// inflects, the rest stays.
			head := strings.ToLower(word[:i+1])
			tail := lemmas(dict, word[i+1:], fold)
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
		if !isStopword(stop, tok.Term) || isAcronym(string(tok.Term)) {
			out = append(out, tok)
		}
	}
	return out
}

// isStopword reports whether the lowercased term is in stop, without
// lowercasing (and allocating) a term that is lowercase already.
func isStopword(stop map[string]bool, term []byte) bool {
	if stop[string(term)] {
		return true
	}
	if isLower(term) {
		return false
	}
	return stop[strings.ToLower(string(term))]
}

// isLower reports whether strings.ToLower would leave b as it is.
func isLower(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || unicode.ToLower(r) != r {
			return false
		}
		i += n
	}
	return true
}

func isAcronym(s string) bool {
	return utf8.RuneCountInString(s) >= 2 && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func init() {
	registry.RegisterTokenFilter(LemmaFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return &LemmaFilter{Dict: polish.Default(), cache: newTermCache(defaultCacheWords)}, nil
	})
	registry.RegisterTokenFilter(FoldedLemmaFilterName, func(_ map[string]any, c *registry.Cache) (analysis.TokenFilter, error) {
		// The folded filter shares the cache of the mapping's lemma
		// filter, which fills both analyses' terms of a word at once.
		named, err := c.TokenFilterNamed(LemmaFilterName)
		if err != nil {
			return nil, fmt.Errorf("lemma filter for %s: %w", FoldedLemmaFilterName, err)
		}
		lf, ok := named.(*LemmaFilter)
		if !ok {
			return nil, fmt.Errorf("lemma filter for %s is a %T", FoldedLemmaFilterName, named)
		}
		return &LemmaFilter{Dict: lf.Dict, Fold: true, cache: lf.cache}, nil
	})
	registry.RegisterTokenFilter(StopFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return StopFilter{}, nil
	})
}
