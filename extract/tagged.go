package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/extract/ner"
)

// The merge of the name tagger (package ner) with the rules. The tagger
// reads the cleaned text, cut into sentences and tokens the way NKJP is,
// and its spans are mapped onto the rules' tokens. The rules' entities
// stay: a span of the tagger that no rule touched becomes an entity when
// its margin passes its type's threshold and it names something in
// Kronika's sense (see trimSpan); the one thing it takes back is a place
// of one word, outside the gazetteer, that a sure span names as a person
// or an institution (see overrules). Canonical forms come from the
// rules' own declension (taggedPerson, taggedInstitution, taggedPlace);
// a name whose canonical form is that of an entity of the rules becomes
// a mention of it.

// taggedSpan is one name the tagger proposes: tokens [i, j) of the
// document, its type and its margin.
type taggedSpan struct {
	i, j  int
	typ   ner.Type
	score float64
}

// minMargin is the margin a span of the tagger needs, by type, to become
// an entity where the rules found none: for each type the highest margin
// whose mention F1 on NKJP's dev documents, with a model trained without
// them, is within 0.005 of the best (kronika-lab eval entities --dev
// --model …), since a wrong name in a facet costs a reader more than a
// missing one.
func minMargin(t ner.Type) float64 {
	switch t {
	case ner.Person:
		return 8
	case ner.Organization:
		return 15
	}
	return 20
}

// minOverrule is the margin a span of the tagger needs to take back a
// rule's place that it contradicts (see overrules); 0 and 10 did the
// same on NKJP's dev documents, higher took back less.
const minOverrule = 10

// overrules reports whether a sure span of the tagger takes back the
// rules' places it overlaps: a person or an institution over a place of
// one word that no gazetteer lists (Eurydyki, Cracovii: a name the rules
// took for a place by its ending or the dictionary's say). People,
// institutions, streets, places of several words (obwód kaliningradzki)
// and the gazetteer's places stay the rules'; taking back people as well
// gained nothing on NKJP's dev documents and lost real names.
func (d *doc) overrules(s taggedSpan) bool {
	for k := s.i; k < s.j; k++ {
		if d.inInst[k] || d.street[k] || d.inPerson[k] >= 0 {
			return false
		}
		if p := d.inPlace[k]; p >= 0 {
			if s.typ == ner.Place || strings.Contains(d.places[p].name, " ") || !d.placeSpans(s.i, s.j) {
				return false
			}
			if _, known := d.x.gaz.has(strings.ToLower(d.places[p].name)); known {
				return false
			}
		}
	}
	return true
}

// placeSpans reports whether a mention of a place of the rules covers
// exactly tokens [i, j): the tagger names the same words otherwise
// (Cracovii), rather than a longer name around the place (Prowincją
// Syczuan).
func (d *doc) placeSpans(i, j int) bool {
	for _, o := range d.placeOcc {
		if o.ent >= 0 && o.i == i && o.j == j {
			return true
		}
	}
	return false
}

// tagNames runs the tagger over the sentences of the cleaned text and
// maps its spans onto the document's tokens.
func (d *doc) tagNames() []taggedSpan {
	if d.x.tagger == nil {
		return nil
	}
	sents := ner.Sentences(d.text)
	words := make([][]string, len(sents))
	for k, s := range sents {
		w := make([]string, len(s))
		for m, t := range s {
			w[m] = t.Text
		}
		words[k] = w
	}
	opts := ner.DocumentOptions{
		Analyses: d.lex.analyses,
		Tag:      func(k int) bool { return d.mayName(words[k]) },
	}
	var out []taggedSpan
	for k, spans := range d.x.tagger.TagDocumentWith(words, opts) {
		for _, sp := range spans {
			i, j := d.tokenRange(sents[k][sp.Start].Start, sents[k][sp.End-1].End)
			if i < j {
				out = append(out, taggedSpan{i: i, j: j, typ: sp.Type, score: sp.Score})
			}
		}
	}
	return out
}

// mayName reports whether a sentence may hold a name the merge would
// take: a capitalised word after its first, or a first word that the
// dictionary does not know as a common word only. The tagger scores no
// other sentence (it would tag lower-case adjectives there, which NKJP
// calls places and the merge leaves out).
func (d *doc) mayName(words []string) bool {
	for k, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		if k > 0 || !d.lex.commonOnly(w) {
			return true
		}
	}
	return false
}

// tokenRange returns the tokens [i, j) that the bytes [a, b) of the text
// fall in.
func (d *doc) tokenRange(a, b int) (int, int) {
	i := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].end > a })
	j := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].start >= b })
	return i, j
}

// ruleTouched reports whether a rule took one of the tokens [i, j) for an
// entity, a street or a patron.
func (d *doc) ruleTouched(i, j int) bool {
	for k := i; k < j; k++ {
		if d.inPerson[k] >= 0 || d.inInst[k] || d.inPlace[k] >= 0 || d.street[k] {
			return true
		}
	}
	return false
}

// mergeTagged adds the tagger's names that the rules missed: first people
// with a given name, institutions and places, then (once surname repeats
// of the new people are linked) people named by one word.
func (d *doc) mergeTagged() {
	spans := d.tagNames()
	var single []taggedSpan
	typed := d.ruleTypes()
	for _, s := range spans {
		if s.score < minMargin(s.typ) {
			continue
		}
		var ok bool
		if s, ok = d.trimSpan(s); !ok || d.shout[s.i] {
			continue
		}
		if d.ruleTouched(s.i, s.j) {
			if s.score < minOverrule || !d.overrules(s) {
				continue
			}
			d.dropMentions(s.i, s.j)
		}
		if t, ok := typed[Key(d.surface(s.i, s.j))]; ok && t != s.typ {
			continue // the rules typed the name otherwise elsewhere in the text
		}
		if e := d.nativeNameOf(s); e != nil {
			d.noteInstitution(e, s.i, s.j)
			continue
		}
		switch s.typ {
		case ner.Person:
			if !d.taggedPerson(s) {
				single = append(single, s)
			}
		case ner.Organization:
			d.taggedInstitution(s)
		case ner.Place:
			d.taggedPlace(s)
		}
	}
	if len(single) == 0 {
		return
	}
	d.linkSurnames()
	for _, s := range single {
		if !d.ruleTouched(s.i, s.j) {
			d.taggedSingleName(s)
		}
	}
}

// ruleTypes maps the Key of every name and mention of the rules'
// entities to its type.
func (d *doc) ruleTypes() map[string]ner.Type {
	m := map[string]ner.Type{}
	add := func(t ner.Type, names ...string) {
		for _, n := range names {
			m[Key(n)] = t
		}
	}
	for _, p := range d.people {
		add(ner.Person, p.name)
		add(ner.Person, p.mentions...)
	}
	for _, in := range d.insts {
		add(ner.Organization, in.name)
		add(ner.Organization, in.mentions...)
		if in.quoted != "" {
			add(ner.Organization, in.quoted)
		}
	}
	for _, pl := range d.places {
		add(ner.Place, pl.name)
		add(ner.Place, pl.mentions...)
	}
	return m
}
