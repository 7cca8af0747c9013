package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// nameInfo describes a given name.
type nameInfo struct {
	lemma  string
	gender polish.Gender // polish.Masculine or polish.F
	stem   string
	adj    bool
}

// givenNames maps a lower-case given name to its description;
// givenOrder lists the keys in the order of the tables, Polish names
// first, so that ambiguous forms (Marka: Marek or Mark) resolve the same
// way every time.
var givenNames, givenOrder = func() (map[string]nameInfo, []string) {
	m := make(map[string]nameInfo, 900)
	var order []string
	for _, w := range dataWords(maleNamesData) {
		lemma, stem, _ := strings.Cut(w, ":")
		ni := nameInfo{lemma: lemma, gender: polish.Masculine}
		switch stem {
		case "*":
			ni.adj = true
		case "":
		default:
			ni.stem = stem
		}
		if _, dup := m[strings.ToLower(lemma)]; dup {
			continue // the first entry, with its stem, wins
		}
		order = append(order, strings.ToLower(lemma))
		m[strings.ToLower(lemma)] = ni
	}
	for _, w := range dataWords(femaleNamesData) {
		if _, ok := m[strings.ToLower(w)]; ok {
			continue
		}
		m[strings.ToLower(w)] = nameInfo{lemma: w, gender: polish.F}
		order = append(order, strings.ToLower(w))
	}
	return m, order
}()

// titleForm is what a title shows of the name after it: its case and
// its gender, each 0 when the title does not tell (dr, prof).
type titleForm struct {
	gcase  polish.Case
	gender polish.Gender
}

// roleForm is one inflected form of a role word.
type roleForm struct {
	lemma  string
	gender polish.Gender
	gcase  polish.Case
}

// roleForms maps every form of a role word (lower case) to its readings;
// an ambiguous form (marszałka: genitive or accusative) keeps the first.
var roleForms = func() map[string]roleForm {
	m := make(map[string]roleForm, 800)
	for _, line := range dataLines(rolesData) {
		f := strings.Fields(line)
		if len(f) != 7 {
			continue
		}
		lemma, g := f[0], tableGender(f[1][0])
		// every function has its deputy: mer → wicemer
		prefixes := []string{""}
		if !strings.HasPrefix(lemma, "wice") {
			prefixes = append(prefixes, "wice")
		}
		for _, p := range prefixes {
			if _, ok := m[p+lemma]; !ok {
				m[p+lemma] = roleForm{lemma: p + lemma, gender: g, gcase: polish.Nom}
			}
			for i, c := range obliqueCases {
				if _, ok := m[p+f[2+i]]; !ok {
					m[p+f[2+i]] = roleForm{lemma: p + lemma, gender: g, gcase: c}
				}
			}
		}
	}
	return m
}()
