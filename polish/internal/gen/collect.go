package main

import (
	"bytes"
	"cmp"
	"fmt"
	"log"
	"math"
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

// entry is one analysis before encoding, with the lemma and the tag as
// strings.
type entry struct {
	rec   lexfile.Record
	lemma string
	tag   string
}

// lexicon holds every form's analyses, keyed by the lowercased form.
type lexicon struct {
	forms   map[string][]entry
	strs    map[string][]byte   // interned appended strings
	lemmas  map[string]string   // interned lemmas
	formsOf map[string][]string // lemma → its lowercased forms
	skipped int
}

// collect decodes every sequence of the automaton.
func collect(fsa *morfologik.FSA) (*lexicon, error) {
	lx := &lexicon{
		forms:   make(map[string][]entry, 4<<20),
		strs:    map[string][]byte{},
		lemmas:  map[string]string{},
		formsOf: map[string][]string{},
	}
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
	lx.addCompoundAdjectives()
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
	l, ok := lx.lemmas[string(lemma)]
	if !ok {
		l = string(lemma)
		lx.lemmas[l] = l
	}
	lx.formsOf[l] = append(lx.formsOf[l], key)
	for _, t := range bytes.Split(tags, []byte{separator}) {
		if len(t) == 0 {
			continue
		}
		lx.forms[key] = append(lx.forms[key], entry{rec: rec, lemma: l, tag: string(t)})
	}
}

// addCompoundAdjectives gives adverbs in -o that have an adjective in
// -y or -i (biało, polsko) that adjective as a second lemma, tagged
// "adja": such forms are also the first part of compound adjectives
// (biało-czerwony, polsko-niemiecki), which the tokenizer splits.
func (lx *lexicon) addCompoundAdjectives() {
	isAdjLemma := func(l string) bool {
		for _, e := range lx.forms[l] {
			if e.lemma == l && strings.HasPrefix(e.tag, "adj:") {
				return true
			}
		}
		return false
	}
	added := 0
	for key, es := range lx.forms {
		stem, ok := strings.CutSuffix(key, "o")
		if !ok {
			continue
		}
		adverb := false
		for _, e := range es {
			adverb = adverb || (e.lemma == key && strings.HasPrefix(e.tag, "adv"))
		}
		if !adverb {
			continue
		}
		for _, adj := range []string{stem + "y", stem + "i"} {
			if isAdjLemma(adj) {
				l := lx.lemmas[adj]
				lx.forms[key] = append(lx.forms[key], entry{rec: recipe(key, l), lemma: l, tag: "adja"})
				added++
				break
			}
		}
	}
	log.Printf("gen: %d adverbs got their adjective as a compound lemma", added)
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

// encode numbers the tags by falling frequency, orders every form's
// lemmas best first and writes the dictionary.
func encode(lx *lexicon, wl *wordLists) ([]byte, lexfile.Stats, error) {
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
	m := newModel(lx, wl)

	keys := make([]string, 0, len(lx.forms))
	for k := range lx.forms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := lexfile.NewBuilder(tags)
	for _, k := range keys {
		entries := group(lx.forms[k], tagID, m, wl)
		if err := b.Add(k, entries); err != nil {
			return nil, lexfile.Stats{}, err
		}
	}
	return b.Bytes()
}

// model estimates how common lemmas are, from the ranks of forms in the
// frequency list: a form of rank r counts 1/r, shared equally among its
// lemmas. (Weighting tags the same way, from forms with one lemma, made
// the order worse on held-out treebank data, so tags only get the fixed
// penalties of tagPenalty.)
type model struct {
	lemma map[string]float64
}

func newModel(lx *lexicon, wl *wordLists) *model {
	rank := make(map[string]int, len(wl.common))
	for i, w := range wl.common {
		if _, ok := rank[w]; !ok {
			rank[w] = i + 1
		}
	}
	m := &model{lemma: map[string]float64{}}
	for key, es := range lx.forms {
		r, ok := rank[key]
		if !ok {
			continue
		}
		w := 1 / float64(r)
		var lemmas []string
		for _, e := range es {
			if !slices.Contains(lemmas, e.lemma) {
				lemmas = append(lemmas, e.lemma)
			}
		}
		for _, l := range lemmas {
			m.lemma[l] += w / float64(len(lemmas))
		}
	}
	return m
}

// score is lower for likelier readings of a form: minus the log of the
// lemma's weight, plus the penalty of its likeliest tag.
func (m *model) score(lemma string, tags []string) float64 {
	best := math.Inf(1)
	for _, t := range tags {
		best = min(best, tagPenalty(t))
	}
	return -math.Log(m.lemma[lemma]+1e-6) + best
}

// group merges a form's analyses by lemma recipe and orders the lemmas,
// likelier first.
func group(es []entry, tagID map[string]int, m *model, wl *wordLists) []lexfile.Entry {
	type grp struct {
		e     lexfile.Entry
		tags  []string
		lemma string
		score float64
	}
	var gs []*grp
	for _, e := range es {
		var g *grp
		for _, x := range gs {
			if x.lemma == e.lemma && compareRecipes(x.e.Record, e.rec) == 0 {
				g = x
				break
			}
		}
		if g == nil {
			g = &grp{e: lexfile.Entry{Record: e.rec}, lemma: e.lemma}
			g.e.Flags = nameFlags(e.lemma, wl)
			if m.lemma[e.lemma] == 0 {
				g.e.Flags |= lexfile.Rare
			}
			gs = append(gs, g)
		}
		g.e.Tags = append(g.e.Tags, tagID[e.tag])
		g.tags = append(g.tags, e.tag)
	}
	for _, g := range gs {
		g.score = m.score(g.lemma, g.tags)
	}
	slices.SortStableFunc(gs, func(a, b *grp) int {
		return cmp.Or(cmp.Compare(a.score, b.score), strings.Compare(a.lemma, b.lemma))
	})
	out := make([]lexfile.Entry, len(gs))
	for i, g := range gs {
		out[i] = g.e
	}
	return out
}

// tagPenalty lowers readings that the frequency list cannot tell apart
// but that are rarer, or against the convention of lemmatised corpora
// (NKJP, UD): a gerund or participle reads first as the lexicalised noun
// or adjective when the dictionary has one (znaczenie, znany).
func tagPenalty(tag string) float64 {
	fields := strings.Split(tag, ":")
	p := 0.0
	switch fields[0] {
	case "ger", "pact", "ppas", "depr", "burk", "adja":
		p += 3
	case "brev":
		p += 2
	}
	for _, f := range fields[1:] {
		switch f {
		case "impt":
			p += 2
		case "voc":
			p++
		}
	}
	return p
}

// nameFlags marks proper lemmas found in the registers of names.
func nameFlags(lemma string, wl *wordLists) lexfile.Flags {
	r, _ := utf8.DecodeRuneInString(lemma)
	if !unicode.IsUpper(r) {
		return 0
	}
	low := strings.ToLower(lemma)
	var f lexfile.Flags
	if wl.firstNames[low] {
		f |= lexfile.FirstName
	}
	if wl.surnames[low] {
		f |= lexfile.Surname
	}
	return f
}

func compareRecipes(a, b lexfile.Record) int {
	return cmp.Or(
		cmp.Compare(a.PrefixCut, b.PrefixCut),
		cmp.Compare(a.SuffixCut, b.SuffixCut),
		bytes.Compare(a.Append, b.Append),
		cmp.Compare(a.Case, b.Case),
	)
}
