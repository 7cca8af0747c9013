package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// sentenceStart reports whether token i begins a sentence or a line.
func sentenceStart(toks []token, i int) bool {
	return i == 0 || sentenceEnd(toks, i-1)
}

// coordinatedPlaces reads the unknown partner of a known place in "A i B"
// (Starego Sambora i Kamieńca Podolskiego): a capitalised phrase of one or
// two words in the same case as the place it is joined to.
func (d *doc) coordinatedPlaces() {
	for i := 2; i+1 < len(d.toks); i++ {
		if name, start, ok := d.coordinatedPlace(i); ok {
			d.addPlace(name, start, i)
		}
	}
}

// coordinatedPlace reads the left conjunct of "A i B" at the conjunction
// i, when B is a listed place in an oblique case: one noun, or an
// adjective and a noun, in B's case; it gives the place and where it
// starts.
func (d *doc) coordinatedPlace(i int) (string, int, bool) {
	toks := d.toks
	if toks[i].lower != "i" && toks[i].lower != "oraz" {
		return "", 0, false
	}
	gc, ok := d.listedObliqueCase(i + 1)
	k := i - 1
	if !ok || !d.unknownPartner(k) {
		return "", 0, false
	}
	adj := d.adjectiveBefore(k, gc)
	if sentenceStart(toks, k) && adj == "" {
		return "", 0, false
	}
	noun := toks[k].text
	lemma, known := d.lex.place(noun, gc)
	if !known {
		lemma = guessPlaceLemma(noun, gc == polish.Loc)
	}
	if adj != "" {
		return adj + " " + lemma, k - 1, true
	}
	return lemma, k, true
}

// listedObliqueCase gives the case of the capitalised listed place at
// token k, when it is not the nominative.
func (d *doc) listedObliqueCase(k int) (polish.Case, bool) {
	name, n := d.x.gaz.lookup(d.toks, k)
	if n == 0 || !d.toks[k].cap {
		return 0, false
	}
	c, ok := d.placeCase(name, strings.ToLower(d.surface(k, k+n)))
	return c, ok && c != polish.Nom
}

// unknownPartner reports whether token k may be a place no list knows: a
// capitalised name word that is no listed place nor a place's mention
// already, outside people's and institutions' names, after no unit noun,
// and starting no person.
func (d *doc) unknownPartner(k int) bool {
	t := d.toks[k]
	if t.kind != tWord || !t.cap || d.inPerson[k] >= 0 || d.inInst[k] {
		return false
	}
	if _, known := d.x.gaz.has(t.lower); known || d.isPlaceMention(t.text) || unitForms[d.word(k-1)] {
		return false
	}
	return plausibleNameWord(t) && !d.startsPerson(k) && !(k > 0 && d.startsPerson(k-1))
}

// adjectiveBefore gives, in the nominative, the capitalised adjective
// before token k that agrees in case c with a masculine or feminine noun
// (Starego Sambora, Nowej Soli), or "".
func (d *doc) adjectiveBefore(k int, c polish.Case) string {
	toks := d.toks
	if k == 0 || toks[k-1].kind != tWord || !toks[k-1].cap || sentenceStart(toks, k-1) {
		return ""
	}
	for _, g := range [...]polish.Gender{polish.Masculine, polish.F} {
		if adjAgrees(toks[k-1].lower, g, c) {
			return adjNominative(toks[k-1].text, g, c)
		}
	}
	return ""
}

// placeCase tells the grammatical case of an inflected gazetteer form by
// regenerating the forms of its canonical name.
func (d *doc) placeCase(canon, form string) (polish.Case, bool) {
	if strings.EqualFold(canon, form) {
		return polish.Nom, true
	}
	forms := placeForms(canon, "")
	for k, c := range obliqueCases {
		if k < len(forms) && strings.EqualFold(forms[k], form) {
			return c, true
		}
	}
	// listed irregular forms: the ending of the last word tells
	words := strings.Fields(form)
	last := words[len(words)-1]
	switch {
	case strings.HasSuffix(last, "ego"):
		return polish.Gen, true
	case strings.HasSuffix(last, "emu"):
		return polish.Dat, true
	case strings.HasSuffix(last, "ym") || strings.HasSuffix(last, "im") || strings.HasSuffix(last, "ie") || strings.HasSuffix(last, "u"):
		return polish.Loc, true
	case strings.HasSuffix(last, "em") || strings.HasSuffix(last, "ą"):
		return polish.Inst, true
	case strings.HasSuffix(last, "a") && !strings.HasSuffix(strings.ToLower(canon), "a"):
		return polish.Gen, true
	}
	return 0, false
}

// mergeMisspelledPlaces joins places that are not in the gazetteer and
// differ from another place of the text by a typo (Niestein, Niesrtein →
// Nierstein): the same first two letters, at most two edits, six letters
// or more. The first spelling is kept.
func (d *doc) mergeMisspelledPlaces() {
	var out []*placeEnt
	for _, p := range d.places {
		merged := false
		if _, known := d.x.gaz.has(strings.ToLower(p.name)); !known && utf8.RuneCountInString(p.name) >= 6 && !strings.Contains(p.name, " ") {
			for _, q := range out {
				if strings.Contains(q.name, " ") || utf8.RuneCountInString(q.name) < 6 {
					continue
				}
				a, b := strings.ToLower(p.name), strings.ToLower(q.name)
				if a[:2] == b[:2] && editDistance(a, b) <= 2 {
					q.mentions = mergeStrings(q.mentions, p.mentions)
					merged = true
					break
				}
			}
		}
		if !merged {
			out = append(out, p)
		}
	}
	d.places = out
}

// guessPlace reads an unknown place after a preposition: "w Nierstein",
// "do Lejdy", "w Olsztynie".
func (d *doc) guessPlace(i int) (string, bool) {
	prev := d.toks[i-1]
	cases, ok := placePrepositionCases(prev)
	if !ok || !d.placeLikeWord(i) {
		return "", false
	}
	t := d.toks[i]
	low := t.lower
	if lemma, ok := d.lex.place(t.text, cases); ok {
		return lemma, true
	}
	if d.lex.common(low) || d.lex.person(low) || d.lex.commonOnly(low) {
		return "", false // w Ratuszu, w Auli, od Schetyny, w Biedronce
	}
	// Without the dictionary's word, "z Kowalskim" and "do Hlebowicza"
	// name people: only "w"/"we" and a feminine or -u genitive after
	// "do", "od" stay, and nothing shaped like a surname.
	loc := cases == polish.Loc
	if prev.lower == "z" || prev.lower == "ze" || surnameShaped(low) || !loc && strings.HasSuffix(low, "a") {
		return "", false
	}
	return guessPlaceLemma(t.text, loc), true
}

// placePrepositionCases gives the cases a place takes after a
// preposition of place: the locative after w, the genitive after do,
// od, koło …, the genitive or instrumental after z.
func placePrepositionCases(prev token) (polish.Case, bool) {
	if prev.kind != tWord {
		return 0, false
	}
	switch prev.lower {
	case "w", "we":
		return polish.Loc, true
	case "z", "ze":
		return polish.Gen | polish.Inst, true
	case "do", "od", "spod", "koło", "okolic", "pobliżu":
		return polish.Gen, true
	}
	return 0, false
}

// placeLikeWord reports whether token i may be an unknown place's name:
// a name word that no given name, acronym, person, venue, function or
// plural ending rules out, four letters or more, never written in lower
// case in the text, and not the first of several capitalised words.
func (d *doc) placeLikeWord(i int) bool {
	toks := d.toks
	t := toks[i]
	if !plausibleNameWord(t) || len(d.given(t.lower)) > 0 || isAcronym(t) || d.startsPerson(i) {
		return false
	}
	if i+1 < len(toks) && toks[i+1].kind == tWord && toks[i+1].cap {
		return false
	}
	low := t.lower
	if utf8.RuneCountInString(low) < 4 || venueNouns[low] || d.seenLower(low) || strings.Contains(low, "-") {
		return false
	}
	for _, e := range pluralEndings {
		if strings.HasSuffix(low, e) {
			return false
		}
	}
	_, role := roleForms[low]
	return !role
}

// guessPlaceLemma turns an inflected unknown place name into a likely
// nominative by its ending: Płocku → Płock, Toruniu → Toruń, Kolonii →
// Kolonia, Lejdy → Lejda, Kaliningradu → Kaliningrad.
func guessPlaceLemma(w string, loc bool) string {
	low := strings.ToLower(w)
	keep := func(s string) string { return matchCase(w, s) }
	soft := [][2]string{{"dzi", "dź"}, {"ni", "ń"}, {"ci", "ć"}, {"si", "ś"}, {"zi", "ź"}}
	switch {
	case strings.HasSuffix(low, "ą"):
		// z Lejdą
		return keep(strings.TrimSuffix(low, "ą") + "a")
	case strings.HasSuffix(low, "ach") && utf8.RuneCountInString(low) > 5:
		// Malhowicach, Kielcach, Tychach: the locative of a plural name
		stem := strings.TrimSuffix(low, "ach")
		r, _ := utf8.DecodeLastRuneInString(stem)
		if r == 'c' || r == 'j' || r == 'l' || strings.HasSuffix(stem, "rz") || strings.HasSuffix(stem, "cz") || strings.HasSuffix(stem, "sz") || r == 'ż' {
			return keep(stem + "e")
		}
		return keep(stem + "y")
	case strings.HasSuffix(low, "owie") && utf8.RuneCountInString(low) > 6:
		// Gołuchowie: the locative of a town in -ów
		return keep(strings.TrimSuffix(low, "owie") + "ów")
	case strings.HasSuffix(low, "ey") || strings.HasSuffix(low, "ay") || strings.HasSuffix(low, "oy") || strings.HasSuffix(low, "uy"):
		return w // Sydney, Norway: a foreign name, no Polish ending
	case !loc && (strings.HasSuffix(low, "kiem") || strings.HasSuffix(low, "giem")):
		return keep(mobileE(strings.TrimSuffix(low, "iem")))
	case !loc && strings.HasSuffix(low, "em"):
		return keep(mobileE(strings.TrimSuffix(low, "em")))
	case strings.HasSuffix(low, "ii"):
		return keep(strings.TrimSuffix(low, "i") + "a")
	case strings.HasSuffix(low, "ji"):
		return keep(strings.TrimSuffix(low, "i") + "a")
	case loc && strings.HasSuffix(low, "iu"):
		stem := strings.TrimSuffix(low, "u")
		for _, kv := range soft {
			if strings.HasSuffix(stem, kv[0]) {
				return keep(strings.TrimSuffix(stem, kv[0]) + kv[1])
			}
		}
		return keep(strings.TrimSuffix(stem, "i"))
	case strings.HasSuffix(low, "u") && !strings.HasSuffix(low, "au") && !strings.HasSuffix(low, "eu") &&
		(!loc || locativeU(strings.TrimSuffix(low, "u"))):
		// Płocku, Kaliningradu; but Chengdu, Baku are no locatives
		return keep(mobileE(strings.TrimSuffix(low, "u")))
	case loc && strings.HasSuffix(low, "ce") && !strings.HasSuffix(low, "ice"):
		// Łańcucie is -cie; Polsce, Wieliczce: a feminine in -ka
		return keep(strings.TrimSuffix(low, "ce") + "ka")
	case loc && strings.HasSuffix(low, "dze"):
		return keep(strings.TrimSuffix(low, "dze") + "ga")
	case loc && strings.HasSuffix(low, "ie"):
		if stems := reverseLocE(low); len(stems) > 0 {
			return keep(stems[0])
		}
	case loc && strings.HasSuffix(low, "cy"):
		return keep(strings.TrimSuffix(low, "y") + "a")
	case !loc && strings.HasSuffix(low, "y"):
		return keep(strings.TrimSuffix(low, "y") + "a")
	case !loc && strings.HasSuffix(low, "i") && utf8.RuneCountInString(low) > 4:
		return keep(strings.TrimSuffix(low, "i") + "a")
	case !loc && strings.HasSuffix(low, "ia"):
		stem := strings.TrimSuffix(low, "a")
		for _, kv := range soft {
			if strings.HasSuffix(stem, kv[0]) {
				return keep(strings.TrimSuffix(stem, kv[0]) + kv[1])
			}
		}
	case !loc && strings.HasSuffix(low, "a"):
		return keep(mobileE(strings.TrimSuffix(low, "a")))
	}
	return w
}

// isPlaceMention reports whether s was already taken as a place mention.
func (d *doc) isPlaceMention(s string) bool {
	for _, p := range d.places {
		for _, m := range p.mentions {
			if m == s {
				return true
			}
		}
	}
	return false
}

// locativeU reports whether a masculine stem takes -u in the locative
// (Płocku, Paryżu) rather than -e (Berlinie).
func locativeU(stem string) bool {
	return strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g") || strings.HasSuffix(stem, "ch") || softEnd(stem)
}

// surnameShaped reports whether a lower-case word ends like an inflected
// Polish surname (Kowalskiego, Hlebowicza, Nowakiem).
func surnameShaped(low string) bool {
	for _, e := range surnameEndings {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

// clubLike reports whether the capitalised word before a place name makes
// the pair a club or a brand (Stal Mielec, Inter Mediolan) rather than a
// place: a capitalised word inside a sentence that is none of a unit, a
// head, a function, a title, an adjective or a place.
func (d *doc) clubLike(i int) bool {
	if i <= 0 {
		return false
	}
	p := d.toks[i-1]
	if p.kind != tWord || !p.cap || p.allCaps || d.inPerson[i-1] >= 0 {
		return false
	}
	// at the start of a sentence only a city in the nominative makes a
	// club (Stal Mielec; but Delegacja Kijowa is a place)
	if sentenceStart(d.toks, i-1) {
		if c, ok := d.x.gaz.has(d.toks[i].lower); !ok || !strings.EqualFold(c, d.toks[i].text) {
			return false
		}
	}
	low := p.lower
	if isPreposition(low) || stopCapitalised[low] {
		return false
	}
	if unitForms[low] || len(headForms[low]) > 0 || adjectiveLike(low) || properAdjective(low) {
		return false
	}
	if _, ok := territorialForms[low]; ok {
		return false
	}
	if _, ok := roleForms[low]; ok {
		return false
	}
	if _, ok := titles[low]; ok {
		return false
	}
	if _, ok := d.x.gaz.has(low); ok {
		return false
	}
	return true
}

// dictOnlyPlace takes a capitalised word inside a sentence that the
// dictionary knows only as a proper noun and not as a person's name
// (Holandii, Bretanią): a place, in its lemma.
func (d *doc) dictOnlyPlace(i int) (string, bool) {
	toks := d.toks
	t := toks[i]
	if sentenceStart(toks, i) || t.allCaps || d.inInst[i] || d.inPerson[i] >= 0 || !plausibleNameWord(t) {
		return "", false
	}
	if i+1 < len(toks) && toks[i+1].kind == tWord && toks[i+1].cap || d.clubLike(i) || len(d.given(t.lower)) > 0 {
		return "", false
	}
	if !d.lex.properOnly(t.text) || notPlaces[t.lower] {
		return "", false
	}
	// brands and firms are mostly masculine inanimate (Windows, Orlen):
	// without a preposition only feminine, neuter and plural names count
	return d.lex.placeOf(t.text, polish.Nom|polish.Gen|polish.Dat|polish.Acc|polish.Inst|polish.Loc, polish.F|polish.N)
}

// agreesWithPlace reports whether an adjective stands in the case and
// gender of a place form, so that it modifies the place („Małą
// Szwajcarią”) rather than a noun before it (Konsul Generalny Chińskiej
// Republiki Ludowej).
func (d *doc) agreesWithPlace(adj, canon, form string) bool {
	c, ok := d.placeCase(canon, form)
	if !ok {
		return false
	}
	return adjAgrees(adj, nounGender(canon, ""), c)
}

// capitalisedAfter reports whether a capitalised word follows token i in
// its sentence, so that the word may begin a longer name.
func (d *doc) capitalisedAfter(i int) bool {
	return i+1 < len(d.toks) && d.toks[i+1].kind == tWord && d.toks[i+1].cap && !sentenceStart(d.toks, i+1)
}

// besidePlace reports whether token i is coordinated with a place (A i B,
// A, B, A czy B): the token two before or two after it is a listed place
// or locality.
func (d *doc) besidePlace(i int) bool {
	toks := d.toks
	conj := func(k int) bool {
		if k < 0 || k >= len(toks) {
			return false
		}
		switch toks[k].lower {
		case "i", "oraz", ",", "czy", "lub", "albo", "a":
			return true
		}
		return false
	}
	place := func(k int) bool {
		if k < 0 || k >= len(toks) || toks[k].kind != tWord || !toks[k].cap {
			return false
		}
		if _, n := d.x.gaz.lookup(toks, k); n > 0 {
			return true
		}
		_, weak, ok := d.localityAt(k)
		return ok && (!weak || k > 0 && placePreps[toks[k-1].lower])
	}
	return conj(i-1) && place(i-2) || conj(i+1) && place(i+2)
}

// placeBeforeParen gives the canonical name of a listed place right
// before the parenthesis that token i opens ("Lejdy (Leiden)"), which
// names the same place.
func (d *doc) placeBeforeParen(i int) (string, bool) {
	toks := d.toks
	if i < 2 || i+1 >= len(toks) || toks[i-1].text != "(" || toks[i+1].text != ")" {
		return "", false
	}
	for k := i - 2; k >= 0 && k >= i-4; k-- {
		if name, n := d.x.gaz.lookup(toks, k); n > 0 && k+n == i-1 {
			return name, true
		}
	}
	for _, p := range d.places {
		if p.name == toks[i-2].text {
			return p.name, true
		}
		for _, m := range p.mentions {
			if m == toks[i-2].text {
				return p.name, true
			}
		}
	}
	return "", false
}

// polishCases are all the cases, for dictionary look-ups of places.
const polishCases = polish.Nom | polish.Gen | polish.Dat | polish.Acc | polish.Inst | polish.Loc

// commonBeforeAdjective reports whether token i is a common noun followed
// by an adjective, which makes a phrase of its own rather than the name
// of a unit (Gminy Ziemi Sieradzkiej, miasta Nowej Huty).
func (d *doc) commonBeforeAdjective(i int) bool {
	if i+1 >= len(d.toks) || d.toks[i+1].kind != tWord || !d.toks[i+1].cap || !adjectiveLike(d.toks[i+1].lower) ||
		d.startsPerson(i+1) || d.lex.notAdjective(d.toks[i+1].text) {
		return false
	}
	if _, listed := d.x.gaz.lookup(d.toks, i); listed > 1 {
		return false
	}
	return d.lex.knownCommon(d.toks[i].lower)
}
