package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// placeHit is what a place rule makes of the tokens at i: a place over
// [start, end), or none (a club, a nickname, a word inside a name), and
// the token the scan goes on at.
type placeHit struct {
	name       string // the place's canonical name; "" when the tokens name none
	start, end int
	next       int
}

// placeGate says which tokens a rule is tried at. The rules stand in the
// order of their gates, so that the first gate a token does not pass
// ends the rules for it.
type placeGate uint8

const (
	anyWord     placeGate = iota // a word outside a person's or a street's name
	capitalised                  // a capitalised word
	standing                     // a capitalised word not first in the text, not shouted, and not inside an institution's name but after "w" (Koło Gospodyń Wiejskich w Zaczerniu)
)

// placeRule is one named pattern of a place. Adding a pattern is adding
// one rule to placeRules (with its example in a comment) and one row to
// TestPlaceRules.
type placeRule struct {
	name  string
	gate  placeGate
	match func(d *doc, i int) (placeHit, bool)
}

// placeRules are tried in order at each word; the first that matches
// decides what the tokens it covers are, and the scan goes on after them.
var placeRules = []placeRule{
	{"territorialUnit", anyWord, (*doc).placeTerritorialUnit},
	{"unitName", anyWord, (*doc).placeUnitName},
	{"listedInName", capitalised, (*doc).placeListedInName},
	{"club", capitalised, (*doc).placeClub},
	{"nickname", capitalised, (*doc).placeNickname},
	{"acronymUnlike", capitalised, (*doc).placeAcronymUnlike},
	{"listedWithAdjective", capitalised, (*doc).placeListedWithAdjective},
	{"listed", capitalised, (*doc).placeListed},
	{"multiWordLocality", standing, (*doc).placeMultiWordLocality},
	{"locality", standing, (*doc).placeLocality},
	{"guessed", standing, (*doc).placeGuessed},
	{"dictionaryOnly", standing, (*doc).placeDictionaryOnly},
}

// findPlaces finds places by placeRules, then the unknown partners of
// known places (coordinatedPlaces).
func (d *doc) findPlaces() {
	for i := 0; i < len(d.toks); {
		i = d.placeAt(i)
	}
	d.coordinatedPlaces()
}

// placeAt runs placeRules at token i, adds the place the first matching
// rule finds, and returns the token the scan goes on at.
func (d *doc) placeAt(i int) int {
	if d.toks[i].kind != tWord || d.inPerson[i] >= 0 || d.street[i] {
		return i + 1
	}
	for _, r := range placeRules {
		if !d.placeGateOpen(r.gate, i) {
			break
		}
		if h, ok := r.match(d, i); ok {
			d.fire(r.name)
			if h.name != "" {
				d.addPlace(h.name, h.start, h.end)
			}
			return h.next
		}
	}
	return i + 1
}

// placeGateOpen reports whether token i passes the gate.
func (d *doc) placeGateOpen(g placeGate, i int) bool {
	t := d.toks[i]
	switch g {
	case capitalised:
		return t.cap
	case standing:
		if !t.cap || i == 0 || d.shout[i] {
			return false
		}
		return !d.inInst[i] || d.toks[i-1].lower == "w" || d.toks[i-1].lower == "we"
	}
	return true
}

// placeOver is the hit of a place over tokens [i, j), the scan going on
// after it.
func placeOver(name string, i, j int) (placeHit, bool) {
	return placeHit{name: name, start: i, end: j, next: j}, true
}

// noPlace is the hit of tokens up to next that name no place.
func noPlace(next int) (placeHit, bool) {
	return placeHit{next: next}, true
}

// listedAt is the gazetteer's longest entry at token i, remembered for
// the rules tried at the same token.
func (d *doc) listedAt(i int) (string, int) {
	if d.listed.i != i {
		name, n := d.x.gaz.lookup(d.toks, i)
		d.listed = listedEntry{i: i, name: name, n: n}
	}
	return d.listed.name, d.listed.n
}

// listedEntry is a gazetteer look-up at a token.
type listedEntry struct {
	i, n int
	name string
}

// placeTerritorialUnit: a territorial unit with the adjective that names
// it ("powiatu tucholskiego" → powiat tucholski, "rejonu kowieńskiego"
// → rejon kowieński); a vague one (rejon, okręg) only with a place's
// adjective, and "kraj" only capitalised.
func (d *doc) placeTerritorialUnit(i int) (placeHit, bool) {
	toks := d.toks
	tf, ok := territorialForms[toks[i].lower]
	if !ok || i+1 >= len(toks) || toks[i+1].kind != tWord || d.inPerson[i+1] >= 0 {
		return placeHit{}, false
	}
	adj := toks[i+1].lower
	vague := tf.lemma == "rejon" || tf.lemma == "okręg" // w rejonie przemysłowym, okręg wyborczy
	if !adjAgrees(adj, tf.gender, tf.gcase) || vague && !placeAdjective(adj) {
		return placeHit{}, false
	}
	if tf.lemma == "kraj" && !toks[i].cap {
		return noPlace(i + 1)
	}
	return placeOver(tf.lemma+" "+strings.ToLower(adjNominative(toks[i+1].text, tf.gender, tf.gcase)), i, i+2)
}

// placeUnitName: the name after a unit noun ("Gminy Szaflary", "miasta
// Nierstein", "regionu Walonia", "Gminy Szczawin Kościelny"), unless the
// noun and an adjective make a phrase of their own (Gminy Ziemi
// Sieradzkiej).
func (d *doc) placeUnitName(i int) (placeHit, bool) {
	toks := d.toks
	if !unitForms[toks[i].lower] || i+1 >= len(toks) || toks[i+1].kind != tWord || !toks[i+1].cap || d.inPerson[i+1] >= 0 {
		return placeHit{}, false
	}
	if isAcronym(toks[i+1]) || d.commonBeforeAdjective(i+1) {
		return placeHit{}, false
	}
	name, n := d.unitPlaceName(i + 1)
	if n == 0 {
		return noPlace(i + 1)
	}
	return placeOver(name, i+1, i+1+n)
}

// unitPlaceName reads the place name at token k after a unit noun: a
// listed place or locality, else the word itself, in its dictionary
// lemma (miasta Ozorkowa → Ozorków) or as written, with an adjective
// after it in the nominative; 0 tokens when the word names nothing.
func (d *doc) unitPlaceName(k int) (string, int) {
	toks := d.toks
	if name, n := d.x.gaz.lookup(toks, k); n > 0 {
		return name, n
	}
	if name, n := d.multiLocalityAt(k); n > 0 {
		return name, n
	}
	name := toks[k].text
	if toks[k].allCaps {
		name = titleCase(name)
	}
	if lemma, ok := d.lex.place(toks[k].text, polishCases); ok {
		name = lemma
	}
	if !plausibleNameWord(toks[k]) && len(d.given(toks[k].lower)) == 0 {
		return "", 0
	}
	// a place name after miasta/gminy is mostly in the nominative
	// (miasta Nierstein, Gminy Szaflary); an inflected one is left to the
	// gazetteer, but a nominative of two words stays whole (Gminy Nowa
	// Wieś Wielka)
	a := k + 1
	if name == toks[k].text && a < len(toks) && toks[a].kind == tWord && toks[a].cap && adjectiveLike(toks[a].lower) &&
		len(headForms[toks[a].lower]) == 0 && !d.startsPerson(a) && !sentenceStart(toks, a) && adjAgrees(toks[a].lower, nounGender(name, ""), polish.Nom) {
		return name + " " + toks[a].text, 2
	}
	return name, 1
}

// placeListedInName: a listed place that is an institution's head or
// agrees with one names no place ("Polska Agencja Rozwoju", "Urzędu
// Sejmu").
func (d *doc) placeListedInName(i int) (placeHit, bool) {
	_, n := d.listedAt(i)
	if n > 0 && (n == 1 && d.inInst[i] && len(headForms[d.toks[i].lower]) > 0 || d.instAdj[i]) {
		return noPlace(i + 1)
	}
	return placeHit{}, false
}

// placeClub: a listed place after a capitalised word that is no unit,
// head, function or place makes a club or a brand ("Stal Mielec", "Inter
// Mediolan").
func (d *doc) placeClub(i int) (placeHit, bool) {
	if _, n := d.listedAt(i); n > 0 && d.clubLike(i) && !d.inInst[i] {
		return noPlace(i + n)
	}
	return placeHit{}, false
}

// placeNickname: an adjective before a listed place that agrees with it
// but is not in the gazetteer's entry makes a nickname or another name
// („Małą Szwajcarią”).
func (d *doc) placeNickname(i int) (placeHit, bool) {
	toks := d.toks
	name, n := d.listedAt(i)
	if n == 0 || i == 0 || toks[i-1].kind != tWord || !toks[i-1].cap || d.inInst[i] || sentenceStart(toks, i-1) || !adjectiveLike(toks[i-1].lower) {
		return placeHit{}, false
	}
	if d.agreesWithPlace(toks[i-1].lower, name, strings.ToLower(d.surface(i, i+n))) {
		return noPlace(i + n)
	}
	return placeHit{}, false
}

// placeAcronymUnlike: an acronym in mixed case that only looks like a
// listed place's short form is none ("UKiP" is no United Kingdom).
func (d *doc) placeAcronymUnlike(i int) (placeHit, bool) {
	t := d.toks[i]
	if name, n := d.listedAt(i); n == 1 && isAcronym(t) && !strings.EqualFold(name, t.text) && !t.allCaps {
		return noPlace(i + 1)
	}
	return placeHit{}, false
}

// placeListedWithAdjective: an adjective after a listed place of one word
// makes another place ("w Głogowie Małopolskim" → Głogów Małopolski); a
// region that stands for a voivodeship, with an adjective, is a region
// of its own ("Mazowsza Płockiego" → Mazowsze Płockie), and inside a name
// no place.
func (d *doc) placeListedWithAdjective(i int) (placeHit, bool) {
	toks := d.toks
	t := toks[i]
	name, n := d.listedAt(i)
	k := i + n
	if n != 1 || k >= len(toks) || toks[k].kind != tWord || !toks[k].cap || !adjectiveLike(toks[k].lower) || d.instAdj[k] || d.startsPerson(k) {
		return placeHit{}, false
	}
	if strings.ContainsRune(name, ' ') || !strings.EqualFold(name[:1], t.text[:1]) {
		if d.inInst[i] {
			return noPlace(k + 1)
		}
		if lemma, ok := d.lex.place(t.text, polishCases); ok {
			name = lemma
		}
	}
	if c, ok := d.placeCase(name, t.lower); ok {
		g := nounGender(name, "")
		if adjAgrees(toks[k].lower, g, c) || c == polish.Nom {
			return placeOver(name+" "+adjNominative(toks[k].text, g, c), i, k+1)
		}
	}
	// the adjective does not agree: the place alone, under the
	// dictionary's lemma where it gave one
	return placeOver(name, i, i+1)
}

// placeListed: a place of the gazetteer in any case ("do Warszawy" →
// Warszawa, "w Stanach Zjednoczonych").
func (d *doc) placeListed(i int) (placeHit, bool) {
	if name, n := d.listedAt(i); n > 0 {
		return placeOver(name, i, i+n)
	}
	return placeHit{}, false
}

// placeMultiWordLocality: a locality of several words inside a sentence
// ("w Stalowej Woli", "do Nowego Miasta Lubawskiego").
func (d *doc) placeMultiWordLocality(i int) (placeHit, bool) {
	if name, n := d.multiLocalityAt(i); n > 0 && !sentenceStart(d.toks, i) && !d.startsPerson(i) && !d.clubLike(i) {
		return placeOver(name, i, i+n)
	}
	return placeHit{}, false
}

// placeLocality: a locality of one word ("Drobinie" → Drobin, "mieszkaniec
// Wyszogrodu"); a weak one only after a preposition or beside another
// place ("do Liège i Charleroi"); a native name in parentheses joins its
// place ("Lejdy (Leiden)").
func (d *doc) placeLocality(i int) (placeHit, bool) {
	name, weak, ok := d.localityAt(i)
	if !ok || d.clubLike(i) || d.capitalisedAfter(i) || weak && !placePreps[d.toks[i-1].lower] && !d.besidePlace(i) {
		return placeHit{}, false
	}
	if prev, ok := d.placeBeforeParen(i); ok {
		name = prev
	}
	return placeOver(name, i, i+1)
}

// placeGuessed: an unknown place after a preposition, lemmatised by the
// dictionary or its ending ("w Nierstein", "do Lejdy").
func (d *doc) placeGuessed(i int) (placeHit, bool) {
	if name, ok := d.guessPlace(i); ok {
		return placeOver(name, i, i+1)
	}
	return placeHit{}, false
}

// placeDictionaryOnly: a word the dictionary knows only as a feminine,
// neuter or plural place ("Holandii" → Holandia).
func (d *doc) placeDictionaryOnly(i int) (placeHit, bool) {
	if name, ok := d.dictOnlyPlace(i); ok {
		return placeOver(name, i, i+1)
	}
	return placeHit{}, false
}
