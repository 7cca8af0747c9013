package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// headForm is one inflected form of an institution head noun.
type headForm struct {
	lemma  string // nominative singular, lower case
	gender polish.Gender
	gcase  polish.Case
}

// headForms maps every form of a head noun (lower case) to its readings.
var headForms = func() map[string][]headForm {
	m := make(map[string][]headForm, 600)
	for _, line := range dataLines(headsData) {
		f := strings.Fields(line)
		if len(f) != 7 {
			continue
		}
		lemma, g := f[0], tableGender(f[1][0])
		add := func(form string, c polish.Case) {
			for _, h := range m[form] {
				if h.lemma == lemma && h.gcase == c {
					return
				}
			}
			m[form] = append(m[form], headForm{lemma: lemma, gender: g, gcase: c})
		}
		add(lemma, polish.Nom)
		for i, c := range obliqueCases {
			add(f[2+i], c)
		}
	}
	return m
}()

// headLemmas holds the lemma of every head noun.
var headLemmas = func() map[string]bool {
	m := map[string]bool{}
	for _, hs := range headForms {
		for _, h := range hs {
			m[h.lemma] = true
		}
	}
	return m
}()

// InstitutionHead reports whether word, in any case and capitalisation,
// is a form of one of the institution head nouns the rules build names
// around (Urzędu, Agencji, Banku), and gives the noun's nominative. The
// evaluation uses it to tell institutions named by a head noun from
// those named otherwise (companies, parties, media).
func InstitutionHead(word string) (string, bool) {
	hs := headForms[strings.ToLower(word)]
	if len(hs) == 0 {
		return "", false
	}
	return hs[0].lemma, true
}
