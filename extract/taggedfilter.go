package extract

import (
	"strings"

	"github.com/kronika/kronika/extract/ner"
	"github.com/kronika/kronika/polish"
)

// The words and spans of the tagger that the merge leaves out: titles
// and functions, generic head nouns, events and programmes, buildings,
// adjectives and inhabitants.

// trimSpan drops from a span of the tagger the words that name no one: a
// title or function before a person's name (prezes, pan), a title after
// a name (Zarząd Związku Pan …). It fails for a span that is nothing but
// such words or a function (Wojewoda Warmińsko-Mazurski, Sekretarz
// Związku); a title or nickname in quotes, unless an organisation's; the
// adjective of a function (Wojewoda Lubelski); and, of one word, a head
// noun named as a person or place (Filia, Klastry: the rules leave such
// generic words out), an adjective or an inhabitant named as a place
// (Mazowiecka, Polaków: NKJP marks these as places) and a place of the
// gazetteer named as a person.
func (d *doc) trimSpan(s taggedSpan) (taggedSpan, bool) {
	toks := d.toks
	for s.i < s.j && (isTitle(toks[s.i].lower) || toks[s.i].text == "." || s.typ == ner.Person && isRoleWord(toks[s.i].lower)) {
		s.i++
	}
	for s.j > s.i && toks[s.j-1].kind == tWord && isTitle(toks[s.j-1].lower) {
		s.j--
	}
	if s.i >= s.j || toks[s.i].kind != tWord || !toks[s.i].cap || isRoleWord(toks[s.i].lower) {
		return s, false
	}
	if s.typ != ner.Organization && s.i > 0 && s.j < len(toks) && isOpenQuote(toks[s.i-1].text) && closingQuote(toks, s.i-1) == s.j {
		return s, false // „Wyspiański”: a title or a nickname in quotes, as the rules have it
	}
	if s.i > 0 && isRoleWord(toks[s.i-1].lower) && d.adjectival(toks[s.i].text) {
		return s, false // Wojewoda Lubelski: the function's adjective
	}
	if s.j-s.i > 1 {
		if s.typ == ner.Organization && len(headForms[toks[s.i].lower]) > 0 {
			return s, false
		}
		return s, true
	}
	t := toks[s.i]
	switch s.typ {
	case ner.Organization:
		return s, true
	case ner.Place:
		if d.headNoun(t.text) {
			return s, false
		}
		if _, known := d.x.gaz.has(t.lower); !known && s.i+1 < len(toks) && toks[s.i+1].kind == tWord && d.modifierOf(s.i, s.i+1) {
			return s, false // Mazowiecka delegacja: an adjective at the start of a sentence
		}
		_, _, locality := d.localityAt(s.i)
		return s, !d.lex.inhabitant(t.text) && (locality || len(d.placeReadings(t.text)) > 0 || !d.adjectival(t.text))
	case ner.Person:
		_, place := d.x.gaz.has(t.lower)
		return s, !place && !d.headNoun(t.text)
	}
	return s, true
}

// headNoun reports whether a word is a form of an institution head noun
// (Klastry, Filia), which names no person or place alone. The
// dictionary lacks some heads (klaster).
func (d *doc) headNoun(word string) bool {
	low := strings.ToLower(word)
	if len(headForms[low]) > 0 {
		return true
	}
	if stem, ok := strings.CutSuffix(low, "y"); ok || strings.HasSuffix(low, "i") || strings.HasSuffix(low, "e") {
		// a plural the table does not list: Klastry, Parki, Urzędy share
		// their stem with the genitive Klastra, Parku, Urzędu
		if !ok {
			stem = low[:len(low)-1]
		}
		if len(headForms[stem+"a"]) > 0 || len(headForms[stem+"u"]) > 0 {
			return true
		}
	}
	for _, a := range d.lex.analyses(word) {
		if a.Tag.IsNoun() && !a.Proper() && headLemmas[a.Lemma] {
			return true
		}
	}
	return false
}

// pluralHead reports whether the phrase head of tokens [i, j) is an
// institution head noun in the plural only (Polskich Parków
// Przemysłowych, Fundusze Europejskie): several institutions or a
// programme, not one.
func (d *doc) pluralHead(i, j int) bool {
	for k := i; k < j; k++ {
		if d.toks[k].kind != tWord || k+1 < j && d.modifierOf(k, k+1) {
			continue
		}
		if !d.headNoun(d.toks[k].text) {
			return false
		}
		for _, a := range d.lex.analyses(d.toks[k].text) {
			if a.Tag.IsNoun() && a.Tag.Numbers().Has(polish.Sg) {
				return false
			}
		}
		return true
	}
	return false
}

// building reports a name of a building or a room (Ratusz Miasta …,
// Auli Magna): not an institution.
func (d *doc) building(i, j int) bool {
	for _, a := range d.lex.analyses(d.toks[i].text) {
		if a.Tag.IsNoun() && buildingNouns[strings.ToLower(a.Lemma)] {
			return true
		}
	}
	return false
}

// isRoleWord reports a function noun of the rules (marszałek, prezesa,
// sekretarz).
func isRoleWord(low string) bool {
	_, ok := roleForms[low]
	return ok
}

// notInstitution reports a name whose head noun names an event, a
// programme, a document or a prize (Forum Samorządowe, Regionalna
// Strategia Innowacji, Biuletyn Informacji Publicznej): KPWr types these
// as events and products, and they are neither institutions nor places.
func (d *doc) notInstitution(i, j int) bool {
	for k := i; k < j; k++ {
		if d.toks[k].kind != tWord || k+1 < j && d.modifierOf(k, k+1) {
			continue
		}
		for _, a := range d.lex.analyses(d.toks[k].text) {
			if a.Tag.IsNoun() && eventNouns[strings.ToLower(a.Lemma)] {
				return true
			}
		}
		return false
	}
	return false
}

// venue reports a word whose lemma names a building, a room or a square
// (aula, rynek, pałac), which the places of Kronika leave out.
func (d *doc) venue(word string) bool {
	for _, a := range d.lex.analyses(word) {
		if a.Tag.IsNoun() && venueNouns[strings.ToLower(a.Lemma)] {
			return true
		}
	}
	return false
}
