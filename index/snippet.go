package index

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// Snippet sizes, in bytes of source text.
const (
	snippetWindow  = 240
	snippetContext = 60
)

// highlighter marks, in a document's text, every token that matches a
// positive term of the query through any of the three analyses, so that
// inflected ("wizytą" for "wizyta") and diacritic-free ("Płocku" for
// "Plock") matches are marked too.
//
// Analysing a whole text for every hit would cost more than the search,
// so the text is scanned for words whose opening letters (folded) are
// those of some query term, inflected forms sharing the first letters of
// their lemma in all but suppletive pairs (rok, lata). Only the
// whitespace-separated chunks holding such words are analysed, and each
// distinct word is lemmatized once per search.
type highlighter struct {
	ix       *Index
	terms    map[string]map[string]bool // analyzer -> terms
	prefixes map[string][]string        // analyzer -> prefixes
	openings []string                   // folded openings of every term and prefix, once each
	starts   [256]bool                  // first bytes of the openings
	stems    map[string]bool            // folded openings of lemma and folded terms
	seen     map[string]bool            // word -> whether it matches
}

func (ix *Index) newHighlighter(n Node) *highlighter {
	h := &highlighter{ix: ix, terms: map[string]map[string]bool{}, prefixes: map[string][]string{},
		stems: map[string]bool{}, seen: map[string]bool{}}
	h.collect(n, false)
	for _, an := range fieldAnalyzers {
		var all []string
		for t := range h.terms[an] {
			all = append(all, t)
		}
		all = append(all, h.prefixes[an]...)
		for _, t := range all {
			o := opening(polish.Fold(t))
			if o != "" && !slices.Contains(h.openings, o) {
				h.openings = append(h.openings, o)
				h.starts[o[0]] = true
			}
			if an != analyzerExact {
				h.stems[o] = true
			}
		}
	}
	return h
}

// openingRunes is how many leading letters an inflected form shares with
// its lemma in all but suppletive pairs (rok, lata).
const openingRunes = 3

// opening returns the first openingRunes runes of s.
func opening(s string) string {
	n := 0
	for i := range s {
		if n == openingRunes {
			return s[:i]
		}
		n++
	}
	return s
}

// collect gathers the terms of the text (non-entity, non-negated) parts of
// the query.
func (h *highlighter) collect(n Node, negated bool) {
	switch n := n.(type) {
	case Match:
		if negated || (n.Field != "" && n.Field != "title") {
			return
		}
		for _, an := range fieldAnalyzers {
			if n.Prefix && an == analyzerLemma {
				continue
			}
			terms, err := h.ix.Terms(an, n.Text)
			if err != nil {
				continue
			}
			for i, t := range terms {
				if n.Prefix && i == len(terms)-1 {
					h.prefixes[an] = append(h.prefixes[an], t.Term)
					continue
				}
				if h.terms[an] == nil {
					h.terms[an] = map[string]bool{}
				}
				h.terms[an][t.Term] = true
			}
		}
	case Not:
		h.collect(n.Clause, !negated)
	case Bool:
		for _, c := range n.Clauses {
			h.collect(c, negated)
		}
	}
}

type span struct{ start, end int }

// snippet returns an HTML-escaped excerpt of text around the densest
// cluster of matches, with <mark> around each match. Without matches it
// returns the opening of the text.
func (h *highlighter) snippet(text string) string {
	spans := h.matches(text)
	if len(spans) == 0 {
		return html.EscapeString(excerpt(text, 0, snippetWindow))
	}
	// Pick the window of snippetWindow bytes holding the most matches.
	best, bestCount := 0, 0
	for i := range spans {
		count := 0
		for j := i; j < len(spans) && spans[j].end-spans[i].start <= snippetWindow; j++ {
			count++
		}
		if count > bestCount {
			best, bestCount = i, count
		}
	}
	from := spans[best].start - snippetContext
	if from < 0 {
		from = 0
	}
	from = wordStart(text, from)
	to := from + snippetWindow
	if to > len(text) {
		to = len(text)
	}
	to = wordEnd(text, to)
	var b strings.Builder
	if from > 0 {
		b.WriteString("… ")
	}
	pos := from
	for _, s := range spans {
		if s.start < from || s.end > to {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(html.EscapeString(text[pos:to]))
	if to < len(text) {
		b.WriteString(" …")
	}
	return collapseSpace(b.String())
}

// matches returns the sorted, non-overlapping byte spans of matching words.
func (h *highlighter) matches(text string) []span {
	if len(h.openings) == 0 {
		return nil
	}
	var spans []span
	for start := 0; start < len(text); {
		if size := spaceAt(text, start); size > 0 {
			start += size
			continue
		}
		end := start
		for end < len(text) {
			if c := text[end]; c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				end++
				continue
			}
			if spaceAt(text, end) > 0 {
				break
			}
			_, size := utf8.DecodeRuneInString(text[end:])
			end += size
		}
		chunk := text[start:end]
		if h.mayMatch(chunk) {
			if toks, err := h.ix.Terms(analyzerExact, chunk); err == nil {
				for _, t := range toks {
					if h.match(chunk[t.Start:t.End], t.Term) {
						spans = append(spans, span{start + t.Start, start + t.End})
					}
				}
			}
		}
		start = end
	}
	sortSpans(spans)
	out := spans[:0]
	for _, s := range spans {
		if len(out) > 0 && s.start < out[len(out)-1].end {
			if s.end > out[len(out)-1].end {
				out[len(out)-1].end = s.end
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// asciiSpace reports whether unicode.IsSpace holds the ASCII byte c white
// space.
func asciiSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// spaceAt returns the length of the white space rune at text[i], 0 when
// the rune there is not white space.
func spaceAt(text string, i int) int {
	if c := text[i]; c < utf8.RuneSelf {
		if asciiSpace(c) {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

// mayMatch reports whether a word of chunk (a run of letters and digits)
// opens like a query term. A word whose first letter opens no term is
// passed over without folding the rest of it.
func (h *highlighter) mayMatch(chunk string) bool {
	var buf [4 * openingRunes]byte
	n, runes := 0, 0
	skip := false // the current word cannot match
	check := func() bool {
		for _, o := range h.openings {
			if len(o) <= n && string(buf[:len(o)]) == o {
				return true
			}
		}
		return false
	}
	for _, r := range chunk {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if runes > 0 && !skip && check() {
				return true
			}
			n, runes, skip = 0, 0, false
			continue
		}
		if skip || runes == openingRunes {
			continue
		}
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf {
			buf[n] = byte(r)
			n++
		} else {
			f := polish.Fold(string(r))
			if n+len(f) > len(buf) {
				return true
			}
			n += copy(buf[n:], f)
		}
		runes++
		if runes == 1 && (n == 0 || !h.starts[buf[0]]) {
			skip = true
		}
	}
	return runes > 0 && !skip && check()
}

// match reports whether word (lowercased: low) matches a query term as
// typed, through a lemma, or without diacritics.
func (h *highlighter) match(word, low string) bool {
	if h.terms[analyzerExact][low] || hasAnyPrefix(low, h.prefixes[analyzerExact]) {
		return true
	}
	if len(h.stems) == 0 || !h.stems[opening(polish.Fold(low))] {
		return false
	}
	if m, ok := h.seen[word]; ok {
		return m
	}
	m := false
	for _, an := range []string{analyzerLemma, analyzerFolded} {
		terms, err := h.ix.Terms(an, word)
		if err != nil {
			continue
		}
		for _, t := range terms {
			if h.terms[an][t.Term] || hasAnyPrefix(t.Term, h.prefixes[an]) {
				m = true
			}
		}
	}
	h.seen[word] = m
	return m
}

func hasAnyPrefix(term string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(term, p) {
			return true
		}
	}
	return false
}

func sortSpans(s []span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (s[j].start < s[j-1].start || (s[j].start == s[j-1].start && s[j].end > s[j-1].end)); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// excerpt returns text[from:from+n] cut at word boundaries.
func excerpt(text string, from, n int) string {
	to := from + n
	if to >= len(text) {
		return text[from:]
	}
	return text[from:wordEnd(text, to)] + " …"
}

// wordStart moves i back to the start of the word it falls in.
func wordStart(text string, i int) int {
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// wordEnd moves i forward to the end of the word it falls in.
func wordEnd(text string, i int) int {
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
