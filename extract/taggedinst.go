package extract

import (
	"slices"
	"strings"

	"github.com/kronika/kronika/polish"
)

// Institutions and places from the tagger's spans, in the nominative,
// joined to the rules' entities of the same name.

// taggedInstitution makes an institution of a span: its head and the
// adjectives agreeing with it in the nominative, the rest as written.
func (d *doc) taggedInstitution(s taggedSpan) {
	i, j := s.i, s.j
	if hs := headForms[d.toks[i].lower]; j == i+1 && len(hs) > 0 {
		// Politechniki after Politechnika Warszawska, Zgromadzenia after
		// Zgromadzenia Związku Gmin …: a head noun alone names the
		// institution of the text that was named with it
		if e := d.institutionHeadedBy(hs[0].lemma); e != nil {
			d.noteInstitution(e, i, j)
			return
		}
		if governingBodies[hs[0].lemma] {
			return // Zarząd, Zgromadzenia alone: the board of something unnamed
		}
	}
	if d.notInstitution(i, j) || d.building(i, j) || d.pluralHead(i, j) {
		return
	}
	name := d.fixedName(i, j)
	if name == "" {
		name = d.phraseNominative(i, j)
	}
	if name == "" || d.joinNamed(name, i, j) {
		return
	}
	d.addInstitution(instSpan{i: i, j: j, name: name})
	for k := i; k < j; k++ {
		d.inInst[k] = true
	}
}

// fixedName gives the name of a fixed institution (Prawa i
// Sprawiedliwości → Prawo i Sprawiedliwość) that tokens [i, j) name, or
// "".
func (d *doc) fixedName(i, j int) string {
	words := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		words = append(words, d.toks[k].lower)
	}
	if idx, ok := fixedForms[strings.Join(words, " ")]; ok {
		return fixedNames[idx].name
	}
	return ""
}

// institutionHeadedBy finds the institution of the text whose name or a
// mention of which has the head noun lemma as a word.
func (d *doc) institutionHeadedBy(lemma string) *instEnt {
	for _, e := range d.insts {
		for _, m := range append([]string{e.name}, e.mentions...) {
			for w := range strings.FieldsSeq(m) {
				if hs := headForms[strings.ToLower(w)]; len(hs) > 0 && hs[0].lemma == lemma {
					return e
				}
			}
		}
	}
	return nil
}

// nativeNameOf finds the institution whose native name a span is: in
// brackets right after a mention of it (Związku Miast i Gmin Walonii
// (Union des Villes et Communes de Wallonie)).
func (d *doc) nativeNameOf(s taggedSpan) *instEnt {
	k := s.i - 1
	for k >= 0 && d.toks[k].kind == tWord && !d.inInst[k] {
		k-- // the words of the name the tagger left out (et)
	}
	if k < 1 || d.toks[k].text != "(" {
		if k >= 0 && d.inInst[k] && k >= 1 && d.parenOpenBefore(k) {
			return d.institutionBefore(k) // the second part of one native name
		}
		return nil
	}
	return d.institutionBefore(k - 1)
}

// parenOpenBefore reports whether token k lies in brackets that open
// right after an institution's mention.
func (d *doc) parenOpenBefore(k int) bool {
	for m := k; m > 0 && m > k-12; m-- {
		if d.toks[m].text == "(" {
			return d.inInst[m-1]
		}
		if d.toks[m].kind != tWord {
			return false
		}
	}
	return false
}

// institutionBefore finds the institution a mention of which ends at
// token k.
func (d *doc) institutionBefore(k int) *instEnt {
	if k < 0 || !d.inInst[k] {
		return nil
	}
	for start := k; start >= 0 && start > k-12; start-- {
		m := d.surface(start, k+1)
		for _, e := range d.insts {
			if slices.Contains(e.mentions, m) {
				return e
			}
		}
	}
	return nil
}

// noteInstitution records tokens [i, j) as a mention of institution e.
func (d *doc) noteInstitution(e *instEnt, i, j int) {
	e.mentions = appendUnique(e.mentions, d.surface(i, j))
	for k := i; k < j; k++ {
		d.inInst[k] = true
	}
}

// joinNamed records tokens [i, j) as a mention of the rules' entity of
// that name (or of that quoted name: Doliny Lotniczej → Stowarzyszenie …
// „Dolina Lotnicza”), whatever type the tagger gave it, and reports
// whether there was one.
func (d *doc) joinNamed(name string, i, j int) bool {
	k := Key(name)
	for _, e := range d.insts {
		if e.baseKey() == k || e.quoted != "" && Key(e.quoted) == k {
			d.noteInstitution(e, i, j)
			return true
		}
	}
	if idx, ok := d.placeIdx[k]; ok {
		d.addPlace(d.places[idx].name, i, j)
		return true
	}
	for idx, p := range d.people {
		if Key(p.name) == k {
			p.mentions = appendUnique(p.mentions, d.surface(i, j))
			d.markPerson(idx, i, j)
			return true
		}
	}
	return false
}

// taggedPlace makes a place of a span: the dictionary's or the
// localities' name for one word, else the phrase in the nominative. A
// place of the gazetteer that the rules left out (a nickname, a club, a
// name inside an institution's) stays out, and so do buildings and
// squares (Auli Magna, Rynku Głównym).
func (d *doc) taggedPlace(s taggedSpan) {
	toks := d.toks
	i, j := s.i, s.j
	if _, n := d.x.gaz.lookup(toks, i); n == j-i || d.venue(toks[i].text) || d.notInstitution(i, j) {
		return
	}
	var name string
	if j == i+1 {
		t := toks[i]
		loc := i > 0 && (toks[i-1].lower == "w" || toks[i-1].lower == "we" || toks[i-1].lower == "na")
		if lemma, _, ok := d.localityAt(i); ok {
			name = lemma
		} else if lemma, ok := d.placeLemma(t.text); ok {
			name = lemma
		} else {
			name = guessPlaceLemma(t.text, loc)
		}
	} else {
		name = d.phraseNominative(i, j)
	}
	if name == "" || d.joinNamed(name, i, j) {
		return
	}
	d.addPlace(name, i, j)
}

// placeLemma gives the nominative of a one-word place from the
// dictionary's proper nouns that name no person: a plurale tantum first
// (Czechami → Czechy, Andach → Andy), then a singular (Gołuchowie →
// Gołuchów), then the plural of a lemma seen only in the plural
// (Beskidów → Beskidy).
func (d *doc) placeLemma(word string) (string, bool) {
	var sg, pl *nounReading
	for _, r := range d.placeReadings(word) {
		switch {
		case r.tantum:
			return r.lemma, true
		case r.number&polish.Sg != 0 && sg == nil:
			sg = &r
		case pl == nil:
			pl = &r
		}
	}
	switch {
	case sg != nil:
		return sg.lemma, true
	case pl != nil:
		if nom := d.nounNominative(word, *pl); nom != word || pl.cases.Has(polish.Nom) {
			return nom, true
		}
	}
	return "", false
}

// placeReadings returns the readings of a word as a proper noun that
// names no person (no masculine-personal noun, first name or surname).
func (d *doc) placeReadings(word string) []nounReading {
	var out []nounReading
	for _, a := range d.lex.analyses(word) {
		if !a.Proper() || !a.Tag.IsNoun() || a.FirstName() || a.Surname() || a.Tag.Genders() == polish.M1 || strings.ToLower(a.Lemma) == a.Lemma {
			continue
		}
		out = append(out, nounReading{lemma: a.Lemma, cases: a.Tag.Cases(), number: a.Tag.Numbers(), gender: a.Tag.Genders(), tantum: pluraleTantum(a.Tag)})
	}
	return out
}
