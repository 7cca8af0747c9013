package index

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
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
type highlighter struct {
	ix       *Index
	terms    map[string]map[string]bool // analyzer -> terms
	prefixes map[string][]string        // analyzer -> prefixes
}

func (ix *Index) newHighlighter(n Node) *highlighter {
	h := &highlighter{ix: ix, terms: map[string]map[string]bool{}, prefixes: map[string][]string{}}
	h.collect(n, false)
	return h
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

// matches returns the sorted, non-overlapping byte spans of matching tokens.
func (h *highlighter) matches(text string) []span {
	if len(h.terms) == 0 && len(h.prefixes) == 0 {
		return nil
	}
	hit := map[span]bool{}
	for _, an := range fieldAnalyzers {
		terms, prefixes := h.terms[an], h.prefixes[an]
		if len(terms) == 0 && len(prefixes) == 0 {
			continue
		}
		toks, err := h.ix.Terms(an, text)
		if err != nil {
			continue
		}
		for _, t := range toks {
			if terms[t.Term] || hasAnyPrefix(t.Term, prefixes) {
				hit[span{t.Start, t.End}] = true
			}
		}
	}
	spans := make([]span, 0, len(hit))
	for s := range hit {
		spans = append(spans, s)
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
