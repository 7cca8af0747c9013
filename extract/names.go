package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// given analyses a word as a given name, from the built-in lists or, for
// names they lack, the first names of the dictionary; answers are
// remembered for the rest of the text.
func (d *doc) given(low string) []nameReading {
	if rs, ok := d.givenCache[low]; ok {
		return rs
	}
	rs := givenReadings(low)
	if len(rs) == 0 && maybeName(low) {
		rs = d.lex.givenReadings(low)
	}
	d.givenCache[low] = rs
	return rs
}

// maybeName filters out, cheaply, the words that no dictionary lookup
// could make a first name: functions, heads, months, places, short words.
func maybeName(low string) bool {
	if utf8.RuneCountInString(low) < 3 || len(headForms[low]) > 0 || stopCapitalised[low] {
		return false
	}
	if _, ok := roleForms[low]; ok {
		return false
	}
	if _, ok := monthForms[low]; ok {
		return false
	}
	if _, ok := defaultGazetteer().has(low); ok {
		return false
	}
	return true
}

// givenReadings analyses a given name, also a hyphenated one (Jeana-Yvesa),
// whose parts must all be given names in the same case.
func givenReadings(low string) []nameReading {
	if rs := givenForms[low]; len(rs) > 0 {
		return rs
	}
	parts := strings.Split(low, "-")
	if len(parts) != 2 {
		return nil
	}
	a, b := givenForms[parts[0]], givenForms[parts[1]]
	var out []nameReading
	for _, x := range a {
		for _, y := range b {
			if x.gcase == y.gcase && x.gender == y.gender {
				out = append(out, nameReading{lemma: x.lemma + "-" + y.lemma, gender: x.gender, gcase: x.gcase})
			}
		}
	}
	return out
}

// nominalLooking reports whether an unknown capitalised word may be a
// given name or surname: not an inflected adjective (Lotniczej,
// Podolskiego), nor a territorial or institutional noun (Gminy,
// Województwa, Obwodu).
func (d *doc) nominalLooking(low string) bool {
	if low == "" || unitForms[low] || d.lex.common(low) && !d.lex.properOnly(low) {
		return false
	}
	if _, ok := territorialForms[low]; ok {
		return false
	}
	for _, g := range [...]polish.Gender{polish.Masculine, polish.F, polish.N} {
		for _, c := range [...]polish.Case{polish.Gen, polish.Dat, polish.Inst, polish.Loc} {
			if adjAgrees(low, g, c) && (strings.HasSuffix(low, "ej") || strings.HasSuffix(low, "ego") || strings.HasSuffix(low, "emu") ||
				strings.HasSuffix(low, "ym") || strings.HasSuffix(low, "skim") || strings.HasSuffix(low, "ckim")) {
				return false
			}
		}
	}
	return true
}

// plausibleNameWord reports whether a capitalised word can be part of a
// person's name: not a function, an institution head, a month, a place
// from the gazetteer or an acronym.
func plausibleNameWord(t token) bool {
	if t.kind != tWord || !t.cap {
		return false
	}
	low := t.lower
	if _, ok := roleForms[low]; ok {
		return false
	}
	if _, ok := titles[low]; ok {
		return false
	}
	if len(headForms[low]) > 0 {
		return false
	}
	if _, ok := monthForms[low]; ok {
		return false
	}
	if _, ok := weekdayForms[low]; ok {
		return false
	}
	if _, ok := defaultGazetteer().has(low); ok {
		return false
	}
	if t.allCaps && utf8.RuneCountInString(t.text) <= 3 {
		return false
	}
	if stopCapitalised[low] {
		return false
	}
	return true
}

// surnameLikePlace reports whether a word that the gazetteer lists is
// otherwise fit to be a surname after a known given name (Anna Moskwa).
func surnameLikePlace(t token) bool {
	if _, ok := defaultGazetteer().has(t.lower); !ok || t.allCaps && utf8.RuneCountInString(t.text) <= 3 {
		return false
	}
	_, role := roleForms[t.lower]
	_, month := monthForms[t.lower]
	return !role && !month && len(headForms[t.lower]) == 0 && !stopCapitalised[t.lower]
}

// pickReading chooses the reading of a given name that fits the context.
func pickReading(rs []nameReading, hint contextHint, surnameLow string) nameReading {
	if hint.found && hint.gcase != 0 {
		for _, r := range rs {
			if r.gcase == hint.gcase || hint.gcase == polish.Acc && r.gcase == polish.Gen || hint.gcase == polish.Gen && r.gcase == polish.Acc {
				return r
			}
		}
	}
	// Jarosława, Józefa: a woman's name in the nominative or a man's in
	// the genitive; the surname tells (Jarosława Lipszyca, Józefa
	// Brandta, Jarosława Kaczyńskiego against Jarosława Nowak, Józefa
	// Kowalska)
	var femNom, mascGen *nameReading
	for k := range rs {
		switch {
		case rs[k].gender == polish.F && rs[k].gcase == polish.Nom:
			femNom = &rs[k]
		case rs[k].gender == polish.Masculine && rs[k].gcase == polish.Gen:
			mascGen = &rs[k]
		}
	}
	if femNom != nil && mascGen != nil && surnameLow != "" {
		if mascGenitiveSurname(surnameLow) {
			return *mascGen
		}
		return *femNom
	}
	// the surname's ending can tell the instrumental, the dative, the
	// genitive and the locative
	var want polish.Case
	switch {
	case strings.HasSuffix(surnameLow, "em") || strings.HasSuffix(surnameLow, "im") || strings.HasSuffix(surnameLow, "ą"):
		want = polish.Inst
	case strings.HasSuffix(surnameLow, "owi") || strings.HasSuffix(surnameLow, "emu"):
		want = polish.Dat
	case strings.HasSuffix(surnameLow, "ego"):
		want = polish.Gen
	case strings.HasSuffix(surnameLow, "e") && !strings.HasSuffix(surnameLow, "ie") && !strings.HasSuffix(surnameLow, "ee"):
		want = polish.Loc // Julii Pietrze
	}
	if want != 0 {
		for _, r := range rs {
			if r.gcase == want {
				return r
			}
		}
		for _, r := range rs {
			if r.gcase == polish.Nom && r.gender == polish.Masculine && uninflectedGiven(strings.ToLower(r.lemma)) {
				// Joe Davisowi, Benito Mussoliniego: a name that does not
				// decline takes the surname's case
				r.gcase = want
				return r
			}
		}
	}
	for _, r := range rs {
		if r.gcase == polish.Nom {
			return r
		}
	}
	return rs[0]
}

// masculine keeps the readings of a man's name, if there are any: a
// regnal number (Ludwika XIV, Jana III) names a king or a pope.
func masculine(rs []nameReading) []nameReading {
	var out []nameReading
	for _, r := range rs {
		if r.gender == polish.Masculine {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return rs
	}
	return out
}

// mascGenitiveSurname reports whether a surname looks like a man's in the
// genitive or accusative rather than a woman's in the nominative: -ego
// (Kaczyńskiego); -y, -i or -ę that no nominative of a woman's surname
// ends in (Kubicy, Moniuszki, Wałęsę; not Kowalski, Szadurscy); a
// consonant and -a that is no feminine adjective (Lipszyca, Brandta,
// Stalina; not Kowalska, Nowakowa).
func mascGenitiveSurname(low string) bool {
	if strings.HasSuffix(low, "ego") || strings.HasSuffix(low, "ę") {
		return true
	}
	if utf8.RuneCountInString(low) > 3 {
		switch {
		case strings.HasSuffix(low, "scy") || strings.HasSuffix(low, "ccy") || strings.HasSuffix(low, "dzcy"):
			return false
		case strings.HasSuffix(low, "y"):
			return true
		case strings.HasSuffix(low, "i") && !strings.HasSuffix(low, "ski") && !strings.HasSuffix(low, "cki") && !strings.HasSuffix(low, "dzki"):
			return true
		}
	}
	if !strings.HasSuffix(low, "a") || strings.HasSuffix(low, "ska") || strings.HasSuffix(low, "cka") || strings.HasSuffix(low, "dzka") ||
		strings.HasSuffix(low, "owa") || strings.HasSuffix(low, "ewa") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(low, "a"))
	return isConsonant(r) && r != 'j' || r == 'y' // Romneya, Ramsaya
}

// guessReading guesses the gender and case of an unknown (foreign) given
// name from the title before it and the endings of both words.
func guessReading(firstLow, surnameLow string, hint contextHint) nameReading {
	r := nameReading{gender: hint.gender, gcase: hint.gcase}
	if r.gender == 0 && r.gcase == 0 {
		switch {
		case strings.HasSuffix(firstLow, "ego") && (strings.HasSuffix(surnameLow, "a") || strings.HasSuffix(surnameLow, "ego")):
			return nameReading{gender: polish.Masculine, gcase: polish.Gen} // Onufrego Cydzika, Larrego Lessiga
		case strings.HasSuffix(firstLow, "emu") && (strings.HasSuffix(surnameLow, "owi") || strings.HasSuffix(surnameLow, "emu")):
			return nameReading{gender: polish.Masculine, gcase: polish.Dat} // Jiříemu Novotnemu
		case strings.HasSuffix(firstLow, "a") && mascGenitiveSurname(surnameLow) && strings.HasSuffix(surnameLow, "a"):
			return nameReading{gender: polish.Masculine, gcase: polish.Gen} // Arvida Norberga, Torbena Nielsena
		}
	}
	if r.gender == 0 {
		r.gender = polish.Masculine
		switch {
		case strings.HasSuffix(firstLow, "a") && !(hint.gcase == polish.Gen || hint.gcase == polish.Acc):
			r.gender = polish.F
		case strings.HasSuffix(firstLow, "ę"):
			// ambasador Viktorię Elbling: a feminine accusative
			r.gender, r.gcase = polish.F, polish.Acc
		case strings.HasSuffix(firstLow, "ą"):
			r.gender, r.gcase = polish.F, polish.Inst
		}
	}
	if r.gcase == 0 {
		r.gcase = polish.Nom
		switch {
		case strings.HasSuffix(firstLow, "em") && strings.HasSuffix(surnameLow, "em"):
			r.gcase = polish.Inst
		case strings.HasSuffix(firstLow, "owi") && strings.HasSuffix(surnameLow, "owi"):
			r.gcase = polish.Dat
		case strings.HasSuffix(firstLow, "im") && strings.HasSuffix(surnameLow, "im"):
			r.gcase = polish.Inst // Harrim Ollim
		case uninflectedGiven(firstLow) && r.gender != polish.F:
			// Joe Davisowi, Andrew Keenem, Benito Mussoliniego: a given
			// name that does not decline leaves the case to the surname's
			// unambiguous endings
			switch {
			case strings.HasSuffix(surnameLow, "owi") || strings.HasSuffix(surnameLow, "emu"):
				r.gcase = polish.Dat
			case strings.HasSuffix(surnameLow, "em") || strings.HasSuffix(surnameLow, "im") && utf8.RuneCountInString(surnameLow) > 4:
				r.gcase = polish.Inst
			case strings.HasSuffix(surnameLow, "ego"):
				r.gcase = polish.Gen
			}
		}
	}
	// the given name of a nominative reading must not look inflected
	if r.gcase == polish.Gen && r.gender == polish.Masculine && !strings.HasSuffix(firstLow, "a") {
		r.gcase = polish.Nom
	}
	if r.gcase == polish.Inst && r.gender == polish.Masculine && !strings.HasSuffix(firstLow, "em") {
		r.gcase = polish.Nom
	}
	return r
}

// uninflectedGiven reports a foreign given name in a form Polish does not
// decline (Joe, Benito, Vittorio): it ends in a vowel other than -a.
func uninflectedGiven(low string) bool {
	r, _ := utf8.DecodeLastRuneInString(low)
	return strings.ContainsRune("eoiuy", r)
}

// givenNominative gives the nominative of a given name token under a reading.
func givenNominative(t token, r nameReading) string {
	if r.lemma != "" {
		return r.lemma
	}
	w := t.text
	if base, ok := apostropheBase(w); ok {
		return base // Gary'ego → Gary
	}
	if r.gcase == polish.Nom {
		return w
	}
	if r.gender == polish.F {
		return surnameNominative(w, polish.F, r.gcase)
	}
	low := strings.ToLower(w)
	switch {
	case r.gcase == polish.Gen || r.gcase == polish.Acc:
		if strings.HasSuffix(low, "iego") || strings.HasSuffix(low, "íego") {
			return w[:len(w)-3] // Jiříego → Jiří
		}
		if strings.HasSuffix(low, "ego") {
			return w[:len(w)-3] + "y" // Onufrego → Onufry
		}
		if strings.HasSuffix(low, "a") {
			return w[:len(w)-1]
		}
	case r.gcase == polish.Inst:
		if strings.HasSuffix(low, "kiem") || strings.HasSuffix(low, "giem") {
			return w[:len(w)-3]
		}
		if strings.HasSuffix(low, "im") {
			return w[:len(w)-1] // Harrim → Harri
		}
		if strings.HasSuffix(low, "em") {
			return w[:len(w)-2]
		}
	case r.gcase == polish.Dat:
		if strings.HasSuffix(low, "owi") {
			return w[:len(w)-3]
		}
		if strings.HasSuffix(low, "iemu") || strings.HasSuffix(low, "íemu") {
			return w[:len(w)-3] // Jiříemu → Jiří
		}
		if strings.HasSuffix(low, "emu") {
			return w[:len(w)-3] + "y" // Onufremu → Onufry
		}
	}
	return w
}
