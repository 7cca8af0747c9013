package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// The Polish lemma dictionary (package polish: PoliMorf through
// Morfologik, with first names and surnames flagged from the PESEL
// register) answers the questions the rules cannot: which capitalised word
// is a place and what is its nominative, which is a common noun, which is
// a first name, and how a known surname declines.

// dict returns the shared embedded dictionary.
func dict() *polish.Dictionary { return polish.Default() }

// lexicon answers the extractor's questions to the dictionary for one
// text, remembering the analyses of every word it was asked about: the
// rules ask about the same capitalised words many times.
type lexicon struct {
	cache map[string][]polish.Analysis
}

func newLexicon() *lexicon { return &lexicon{cache: map[string][]polish.Analysis{}} }

// analyses gives the dictionary's analyses of word, once per word.
func (l *lexicon) analyses(word string) []polish.Analysis {
	if as, ok := l.cache[word]; ok {
		return as
	}
	as := dict().Analyses(word)
	l.cache[word] = as
	return as
}

// givenReadings reads a word as a first name of the PESEL register:
// gender from the tag (m1 or f), one reading per case.
func (l *lexicon) givenReadings(word string) []nameReading {
	var out []nameReading
	for _, a := range l.analyses(word) {
		if !a.FirstName() || !a.Proper() || !a.Tag.IsNoun() || !a.Tag.Numbers().Has(polish.Sg) {
			continue
		}
		var g polish.Gender
		switch {
		case a.Tag.Genders().Any(polish.M1):
			g = polish.Masculine
		case a.Tag.Genders().Any(polish.F):
			g = polish.F
		default:
			continue
		}
		for _, c := range allCases {
			if a.Tag.Cases().Has(c) {
				r := nameReading{lemma: a.Lemma, gender: g, gcase: c}
				dup := false
				for _, o := range out {
					dup = dup || o == r
				}
				if !dup {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// maleNameReadings reads a word as a man's name the dictionary knows
// as a proper masculine-personal noun that is no surname (Huguesa →
// Hugues): one reading per case.
func (l *lexicon) maleNameReadings(word string) []nameReading {
	var out []nameReading
	for _, a := range l.analyses(word) {
		if !a.Proper() || a.Surname() || a.Tag.POS() != "subst" || !a.Tag.Numbers().Has(polish.Sg) || a.Tag.Genders() != polish.M1 {
			continue
		}
		for _, c := range allCases {
			if a.Tag.Cases().Has(c) {
				out = append(out, nameReading{lemma: a.Lemma, gender: polish.Masculine, gcase: c})
			}
		}
	}
	return out
}

// surname gives the nominative of a surname in the given gender and
// case when the dictionary knows it as a surname or a person's name.
func (l *lexicon) surname(word string, gender polish.Gender, want polish.Case) (string, bool) {
	g := polish.M1
	if gender == polish.F {
		g = polish.F
	}
	for _, a := range l.analyses(word) {
		if !a.Proper() || !a.Tag.IsNoun() || !a.Tag.Numbers().Has(polish.Sg) {
			continue
		}
		if !a.Tag.Genders().Any(g) || !a.Tag.Cases().Has(want) {
			continue
		}
		if a.Surname() || a.Tag.Genders().Any(polish.M1) && gender == polish.Masculine {
			return a.Lemma, true
		}
	}
	return "", false
}

// place gives the nominative of a capitalised word that the
// dictionary knows as a proper noun in one of the cases, and not as a
// person's name (Lejdy → Lejda, Winnicy → Winnica, Gołdapi → Gołdap).
func (l *lexicon) place(word string, cases polish.Case) (string, bool) {
	return l.placeOf(word, cases, polish.Masculine|polish.F|polish.N)
}

// placeOf is place for proper nouns of the given genders only. A
// word that may be a person's name (a proper masculine-personal noun, a
// first name or a surname) is no place.
func (l *lexicon) placeOf(word string, cases polish.Case, genders polish.Gender) (string, bool) {
	as := l.analyses(word)
	for _, a := range as {
		if a.Proper() && (a.FirstName() || a.Surname() || a.Tag.POS() == "subst" && a.Tag.Genders().Any(polish.M1)) {
			return "", false
		}
	}
	for _, a := range as {
		if !a.Proper() || a.Tag.POS() != "subst" {
			continue
		}
		if !a.Tag.Genders().Any(genders) || a.Tag.Cases()&cases == 0 {
			continue
		}
		if strings.ToLower(a.Lemma) == a.Lemma {
			continue
		}
		return a.Lemma, true
	}
	return "", false
}

// person reports whether the dictionary knows the word as a person's
// name: a first name, a surname or a proper masculine-personal noun.
func (l *lexicon) person(word string) bool {
	for _, a := range l.analyses(word) {
		if a.Proper() && (a.FirstName() || a.Surname() || a.Tag.POS() == "subst" && a.Tag.Genders().Any(polish.M1)) {
			return true
		}
	}
	return false
}

// common reports whether the dictionary knows the word as a common
// (lower-case) word that is not rare, so that a capital letter on it
// marks the start of a sentence or a heading rather than a name.
func (l *lexicon) common(word string) bool {
	for _, a := range l.analyses(word) {
		if a.Rare() {
			continue
		}
		if !a.Proper() {
			return true
		}
	}
	return false
}

// commonOnly reports whether the dictionary knows the word, and only as a
// common (lower-case) word, however rare.
func (l *lexicon) commonOnly(word string) bool {
	as := l.analyses(word)
	if len(as) == 0 {
		return false
	}
	for _, a := range as {
		if a.Proper() {
			return false
		}
	}
	return true
}

// properOnly reports whether every analysis of the word is a proper
// name, so that it cannot be a common word however it is written.
func (l *lexicon) properOnly(word string) bool {
	as := l.analyses(word)
	if len(as) == 0 {
		return false
	}
	for _, a := range as {
		if !a.Proper() {
			return false
		}
	}
	return true
}

// notAdjective reports whether the dictionary knows the word and never as
// an adjective or a participle (Gospodarki is a noun, however it ends).
func (l *lexicon) notAdjective(word string) bool {
	as := l.analyses(word)
	if len(as) == 0 {
		return false
	}
	for _, a := range as {
		switch a.Tag.POS() {
		case "adj", "ppas", "pact", "adja", "adjp":
			return false
		}
	}
	return true
}

// knownCommon reports whether the dictionary knows the word as a common
// (lower-case) word at all, however rare (mechaniki, petrochemii).
func (l *lexicon) knownCommon(word string) bool {
	for _, a := range l.analyses(word) {
		if !a.Proper() {
			return true
		}
	}
	return false
}

// commonAbbreviation reports whether the dictionary reads the word as the
// abbreviation of a common noun (USG → ultrasonografia, RTG → rentgen).
func (l *lexicon) commonAbbreviation(word string) bool {
	for _, a := range l.analyses(word) {
		if a.Tag.POS() != "brev" {
			continue
		}
		if !a.Proper() {
			return true
		}
	}
	return false
}

// surnameForm reports whether the dictionary knows the word as a form of
// a surname of the PESEL register.
func (l *lexicon) surnameForm(word string) bool {
	for _, a := range l.analyses(word) {
		if a.Surname() {
			return true
		}
	}
	return false
}

// inhabitant reports whether the dictionary knows the word as the name
// of inhabitants or a nation, a proper masculine-personal noun that is no
// first name, and as no place of its own: in the plural (Polaków,
// Francuzi, Holendrami; PESEL lists Francuz as a surname, and the places
// Holendry or Niemce are villages far rarer than the people), unless a
// singular place reads it too (Bemowie: the Bems, or Bemowo) and the
// plural is no nominative (Czesi: no place is a masculine-personal
// plural); in the singular, when no place reads it at all (Niemca).
func (l *lexicon) inhabitant(word string) bool {
	people, plural, nominative, place, singularPlace := false, false, false, false, false
	for _, a := range l.analyses(word) {
		if !a.Proper() || !a.Tag.IsNoun() || a.FirstName() {
			continue
		}
		if a.Tag.Genders() != polish.M1 {
			place = true
			singularPlace = singularPlace || a.Tag.Numbers().Has(polish.Sg)
			continue
		}
		if a.Tag.Numbers() == polish.Pl {
			plural = true
			nominative = nominative || a.Tag.Cases().Has(polish.Nom)
		}
		people = people || !a.Surname()
	}
	return nominative || plural && !singularPlace || people && !place
}
