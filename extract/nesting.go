package extract

import (
	"strings"
	"unicode"

	"github.com/kronika/kronika/polish"
)

// nestedAdjectives shortens the run of adjectives [from, to) after a head
// when its tail agrees with a head noun right after it in the genitive:
// in "Zarządu Płockiego Parku" the adjective belongs to Parku. Only
// adjectives made from place names move; a body's own adjectives (Zarząd
// Główny Związku …) stay with it.
func (d *doc) nestedAdjectives(from, to int) int {
	toks := d.toks
	if to <= from || to >= len(toks) || toks[to].kind != tWord || !toks[to].cap {
		return to
	}
	var next []headForm
	for _, h2 := range headForms[toks[to].lower] {
		if h2.gcase == polish.Gen && !branchHeads[h2.lemma] {
			next = append(next, h2)
		}
	}
	if len(next) == 0 {
		return to
	}
	m := to
	for m > from {
		w := toks[m-1]
		agrees := false
		for _, h2 := range next {
			agrees = agrees || adjAgrees(w.lower, h2.gender, h2.gcase)
		}
		if !w.cap || !agrees || !placeAdjective(w.lower) {
			break
		}
		m--
	}
	return m
}

// nestedHeadAt reports whether token i opens an institution name of its
// own: capitalised adjectives followed by a head they agree with
// (Płockiego Parku …).
func (d *doc) nestedHeadAt(i int) bool {
	toks := d.toks
	k := i
	for k < len(toks) && k < i+4 && toks[k].kind == tWord && toks[k].cap && len(headForms[toks[k].lower]) == 0 && adjectiveLike(toks[k].lower) {
		k++
	}
	if k == i || k >= len(toks) || !toks[k].cap {
		return false
	}
	for _, h := range headForms[toks[k].lower] {
		all := true
		for m := i; m < k; m++ {
			all = all && adjAgrees(toks[m].lower, h.gender, h.gcase)
		}
		if all {
			return true
		}
	}
	return false
}

// branchReading gives the reading of a branch head (Filia, Oddział) in
// the case c, if the word is one.
func branchReading(low string, c polish.Case) (headForm, bool) {
	for _, h := range headForms[low] {
		if branchHeads[h.lemma] && h.gcase == c {
			return h, true
		}
	}
	return headForm{}, false
}

// continuesName reports whether token i carries a name on: a capitalised
// word or an opening quote (Stowarzyszenie Gmin RP Euroregion „Niemen”).
func (d *doc) continuesName(i int) bool {
	if i >= len(d.toks) {
		return false
	}
	t := d.toks[i]
	return t.kind == tWord && t.cap || t.kind == tPunct && isOpenQuote(t.text)
}

// alnumModel reports whether a word mixes digits and capitals like a
// model or technology name (3D, 5G, 4K).
func alnumModel(w string) bool {
	digits, upper := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsUpper(r):
			upper++
		default:
			return false
		}
	}
	return digits > 0 && upper > 0 && len(w) <= 4
}

// foreignPlaceAt reports whether the place at token i lies outside
// Poland; an institution keeps such a place in its name (Biuro
// Województwa Mazowieckiego w Brukseli, Uniwersytet w Lund).
func (d *doc) foreignPlaceAt(i int) bool {
	if i >= len(d.toks) {
		return false
	}
	if canon, n := d.x.gaz.lookup(d.toks, i); n > 0 {
		return d.x.gaz.foreign(canon)
	}
	return false
}

// fieldList reads the rest of a list of fields inside a name at the
// comma j: ", Mechaniki i Petrochemii", ", Prawa, Ekonomii oraz
// Administracji"; it returns the number of tokens, or 0. Every item is
// one capitalised common noun, and the list ends with "i" or "oraz".
func (d *doc) fieldList(j int) int {
	toks := d.toks
	k := j
	for items := 0; items < 6; items++ {
		if k+1 >= len(toks) {
			return 0
		}
		sep := toks[k]
		if !(sep.kind == tPunct && sep.text == ",") && sep.lower != "i" && sep.lower != "oraz" {
			return 0
		}
		w := toks[k+1]
		if w.kind != tWord || !w.cap || w.allCaps || len(headForms[w.lower]) > 0 || d.startsPerson(k+1) || !d.lex.knownCommon(w.lower) {
			return 0
		}
		if _, place := d.x.gaz.has(w.lower); place {
			return 0
		}
		k += 2
		if sep.lower == "i" || sep.lower == "oraz" {
			return k - j
		}
	}
	return 0
}

// modifiesNoun reports whether the adjective adj agrees with the noun at
// token i as the dictionary reads it (Współpracy … Międzynarodowej).
func (d *doc) modifiesNoun(i int, adj string) bool {
	t := d.toks[i]
	if t.kind != tWord || !t.cap {
		return false
	}
	for _, a := range d.lex.analyses(t.text) {
		if a.Tag.POS() != "subst" || !a.Tag.Numbers().Has(polish.Sg) {
			continue
		}
		g := polish.Masculine
		switch {
		case a.Tag.Genders().Any(polish.F):
			g = polish.F
		case a.Tag.Genders().Any(polish.N):
			g = polish.N
		}
		for _, c := range allCases {
			if a.Tag.Cases().Has(c) && adjAgrees(adj, g, c) {
				return true
			}
		}
	}
	return false
}

// branchBefore reads a branch of a university written in lower case with
// the adjective of its place before the university: "płockiej filii
// Politechniki Warszawskiej" is Politechnika Warszawska Filia w Płocku, as
// such branches are officially named. The span grows over the two words.
// (A branch of another kind, "gdańskiego oddziału ARP", leaves the
// institution as it is.)
func (d *doc) branchBefore(sp *instSpan) {
	toks := d.toks
	i := sp.i
	if i < 2 || toks[i-1].kind != tWord || toks[i-1].cap || toks[i-2].kind != tWord || toks[i-2].cap {
		return
	}
	var b headForm
	found := false
	for _, h := range headForms[toks[i-1].lower] {
		if h.lemma == "filia" && adjAgrees(toks[i-2].lower, h.gender, h.gcase) {
			b, found = h, true
			break
		}
	}
	if !found {
		return
	}
	place, ok := d.placeFromAdjective(adjNominative(toks[i-2].lower, b.gender, b.gcase))
	if !ok {
		return
	}
	loc := placeForms(place, "")[locativeForm]
	sp.name += " Filia " + polish.LocativePreposition(loc) + " " + loc
	sp.i = i - 2
	sp.generic = false
}

// placeFromAdjective gives the place an adjective in the nominative
// masculine or feminine is made from, if the gazetteer or the localities
// know it: płocki → Płock, toruński → Toruń, krakowski → Kraków, gdański
// → Gdańsk, warszawska → Warszawa.
func (d *doc) placeFromAdjective(adj string) (string, bool) {
	low := strings.ToLower(adj)
	var stem string
	for _, e := range []string{"dzki", "dzka", "cki", "cka", "ski", "ska"} {
		if st, ok := strings.CutSuffix(low, e); ok {
			stem = st
			if strings.HasPrefix(e, "c") {
				stem += "c"
			}
			if strings.HasPrefix(e, "dz") {
				stem += "dz"
			}
			break
		}
	}
	if len(stem) < 3 {
		return "", false
	}
	var cands []string
	add := func(c string) { cands = append(cands, c) }
	add(strings.TrimSuffix(stem, "c") + "ck") // płoc → płock
	add(stem)                                 // toruń
	add(stem + "sk")                          // gdań → gdańsk
	add(stem + "a")                           // warszaw → warszawa
	if st, ok := strings.CutSuffix(stem, "ow"); ok {
		add(st + "ów") // krakow → kraków
	}
	if st, ok := strings.CutSuffix(stem, "n"); ok {
		add(st + "ń") // poznan → poznań
	}
	for _, c := range cands {
		if canon, ok := d.x.gaz.has(c); ok && strings.EqualFold(canon, c) {
			return canon, true
		}
		if e, ok := defaultLocalities().get(c); ok && e.poland {
			return e.name, true
		}
	}
	return "", false
}

// namesForeignPlace reports whether tokens [i, j) name a place abroad
// (Ministerstwo Gospodarki Nadrenii-Palatynatu): a body of that place,
// whose seat there need not be part of its name.
func (d *doc) namesForeignPlace(i, j int) bool {
	for k := i; k < j; k++ {
		if canon, n := d.x.gaz.lookup(d.toks, k); n > 0 && d.x.gaz.foreign(canon) {
			return true
		}
	}
	return false
}
