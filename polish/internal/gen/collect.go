package main

import (
	"bytes"
	"cmp"
	"fmt"
	"log"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish/internal/lexfile"
	"github.com/kronika/kronika/polish/internal/morfologik"
)

// separator splits a Morfologik sequence into form, encoded lemma and
// tags; it also joins the tags of one (form, lemma) pair.
const separator = '+'

// entry is one analysis before encoding, with the tag as a string.
type entry struct {
	rec lexfile.Record
	tag string
}

// lexicon holds every form's analyses, keyed by the lowercased form.
type lexicon struct {
	forms   map[string][]entry
	strs    map[string][]byte // interned appended strings
	skipped int
}

// collect decodes every sequence of the automaton.
func collect(fsa *morfologik.FSA) (*lexicon, error) {
	lx := &lexicon{forms: make(map[string][]entry, 4<<20), strs: map[string][]byte{}}
	err := fsa.Walk(func(seq []byte) error {
		lx.add(seq)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk automaton: %w", err)
	}
	if lx.skipped > 0 {
		log.Printf("gen: skipped %d malformed sequences", lx.skipped)
	}
	return lx, nil
}

func (lx *lexicon) add(seq []byte) {
	form, rest, ok := bytes.Cut(seq, []byte{separator})
	if !ok {
		lx.skipped++
		return
	}
	code, tags, ok := bytes.Cut(rest, []byte{separator})
	if !ok || len(code) < 2 || !utf8.Valid(form) {
		lx.skipped++
		return
	}
	lemma, ok := decodeLemma(form, code)
	if !ok || !utf8.Valid(lemma) || len(lemma) == 0 {
		lx.skipped++
		return
	}
	key := strings.ToLower(string(form))
	rec := recipe(key, string(lemma))
	if s, ok := lx.strs[string(rec.Append)]; ok {
		rec.Append = s
	} else {
		lx.strs[string(rec.Append)] = rec.Append
	}
	for _, t := range bytes.Split(tags, []byte{separator}) {
		if len(t) == 0 {
			continue
		}
		lx.forms[key] = append(lx.forms[key], entry{rec: rec, tag: string(t)})
	}
}

// decodeLemma applies Morfologik's prefix encoding: the first code byte
// counts bytes to drop from the front of the form, the second bytes to
// drop from its end (both offset by 'A'), and the rest is appended.
func decodeLemma(form, code []byte) ([]byte, bool) {
	p, k := int(code[0]-'A'), int(code[1]-'A')
	if p < 0 || k < 0 || p+k > len(form) {
		return nil, false
	}
	out := make([]byte, 0, len(form)+len(code))
	out = append(out, form[p:len(form)-k]...)
	return append(out, code[2:]...), true
}

// recipe returns how to build lemma from the lowercased form key.
func recipe(key, lemma string) lexfile.Record {
	low := strings.ToLower(lemma)
	c := lexfile.Literal
	switch lemma {
	case low:
		c = lexfile.Lower
	case titleCase(low):
		c = lexfile.Title
	case strings.ToUpper(low):
		c = lexfile.Upper
	}
	if c == lexfile.Literal {
		return lexfile.Record{PrefixCut: 0, SuffixCut: len(key), Append: []byte(lemma), Case: c}
	}
	best := lexfile.Record{}
	for i, p := range prefixCuts(key, low) {
		rest := key[p:]
		n := commonPrefix(rest, low)
		r := lexfile.Record{PrefixCut: p, SuffixCut: len(rest) - n, Append: []byte(low[n:]), Case: c}
		if i == 0 || len(r.Append) < len(best.Append) {
			best = r
		}
	}
	return best
}

// prefixCuts lists the front cuts worth trying: none, and the Polish
// prefixes of negated and superlative forms (nie-, naj-, nienaj-).
func prefixCuts(key, low string) []int {
	cuts := []int{0}
	for _, p := range []string{"nie", "naj", "nienaj"} {
		if strings.HasPrefix(key, p) && !strings.HasPrefix(low, p) {
			cuts = append(cuts, len(p))
		}
	}
	return cuts
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func titleCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// encode numbers the tags by falling frequency and writes the dictionary.
func encode(lx *lexicon) ([]byte, lexfile.Stats, error) {
	freq := map[string]int{}
	for _, es := range lx.forms {
		for _, e := range es {
			freq[e.tag]++
		}
	}
	tags := make([]string, 0, len(freq))
	for t := range freq {
		tags = append(tags, t)
	}
	slices.SortFunc(tags, func(a, b string) int {
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	tagID := make(map[string]int, len(tags))
	for i, t := range tags {
		tagID[t] = i
	}

	keys := make([]string, 0, len(lx.forms))
	for k := range lx.forms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := lexfile.NewBuilder(tags)
	var recs []lexfile.Record
	for _, k := range keys {
		recs = recs[:0]
		for _, e := range lx.forms[k] {
			r := e.rec
			r.Tag = tagID[e.tag]
			recs = append(recs, r)
		}
		slices.SortFunc(recs, compareRecords)
		recs = slices.CompactFunc(recs, func(a, b lexfile.Record) bool { return compareRecords(a, b) == 0 })
		if err := b.Add(k, recs); err != nil {
			return nil, lexfile.Stats{}, err
		}
	}
	return b.Bytes()
}

func compareRecords(a, b lexfile.Record) int {
	return cmp.Or(
		cmp.Compare(a.PrefixCut, b.PrefixCut),
		cmp.Compare(a.SuffixCut, b.SuffixCut),
		bytes.Compare(a.Append, b.Append),
		cmp.Compare(a.Case, b.Case),
		cmp.Compare(a.Tag, b.Tag),
	)
}
