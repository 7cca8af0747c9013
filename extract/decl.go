package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// Declension of Polish nouns, adjectives and names, from the base form to
// its cases and back. A case is one of package polish's case bits
// (polish.Nom … polish.Loc; the rules never need the vocative), a gender
// one of polish.Masculine (the rules do not tell the three masculine
// genders apart), polish.F and polish.N; 0 is "not known" for both.

// allCases are the cases the rules decline, in the order they try them:
// nominative, genitive, dative, accusative, instrumental, locative.
var allCases = [...]polish.Case{polish.Nom, polish.Gen, polish.Dat, polish.Acc, polish.Inst, polish.Loc}

// obliqueCases are allCases without the nominative.
var obliqueCases = allCases[1:]

// tableGender reads the gender letter of a word table (m, f, n).
func tableGender(letter byte) polish.Gender {
	switch letter {
	case 'f':
		return polish.F
	case 'n':
		return polish.N
	}
	return polish.Masculine
}

// nameReading is one analysis of an inflected given name.
type nameReading struct {
	lemma  string
	gender polish.Gender
	gcase  polish.Case
}

// givenForms maps every inflected form of every known given name (lower
// case) to its readings, the nominative first.
var givenForms = func() map[string][]nameReading {
	m := make(map[string][]nameReading, 6000)
	add := func(form string, r nameReading) {
		for _, x := range m[form] {
			if x.lemma == r.lemma && x.gcase == r.gcase {
				return
			}
		}
		m[form] = append(m[form], r)
	}
	for _, low := range givenOrder {
		ni := givenNames[low]
		add(low, nameReading{ni.lemma, ni.gender, polish.Nom})
	}
	for _, low := range givenOrder {
		ni := givenNames[low]
		forms := givenNameForms(low, ni)
		for _, c := range obliqueCases {
			if f, ok := forms[c]; ok {
				add(f, nameReading{ni.lemma, ni.gender, c})
			}
		}
	}
	return m
}()

// givenNameForms returns the oblique forms of a lower-case given name.
func givenNameForms(low string, ni nameInfo) map[polish.Case]string {
	out := map[polish.Case]string{}
	switch {
	case ni.gender == polish.Masculine && ni.adj:
		base := low
		if strings.HasSuffix(low, "y") {
			base = strings.TrimSuffix(low, "y")
		}
		out[polish.Gen] = base + "ego"
		out[polish.Dat] = base + "emu"
		out[polish.Inst] = low + "m"
	case ni.gender == polish.Masculine:
		if strings.HasSuffix(low, "a") {
			fem := femNounForms(low)
			for c, f := range fem {
				out[c] = f
			}
			return out
		}
		last, _ := utf8.DecodeLastRuneInString(low)
		if !isConsonant(last) {
			return out
		}
		stem := low
		if ni.stem != "" {
			stem = strings.ToLower(ni.stem)
		}
		out[polish.Gen] = stem + "a"
		out[polish.Dat] = stem + "owi"
		out[polish.Inst] = instrumental(stem)
		out[polish.Loc] = mascLocative(stem)
	case ni.gender == polish.F:
		if strings.HasSuffix(low, "a") {
			return femNounForms(low)
		}
	}
	return out
}

// instrumental gives the masculine instrumental of a stem (Markiem, Janem).
func instrumental(stem string) string {
	if strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g") {
		return stem + "iem"
	}
	return stem + "em"
}

// locAlternations lists the consonant changes before the locative/dative
// ending -e, longest first.
var locAlternations = [][2]string{
	{"st", "ście"}, {"zd", "ździe"}, {"sł", "śle"}, {"sn", "śnie"}, {"zn", "źnie"}, {"ch", "sze"},
	{"k", "ce"}, {"g", "dze"}, {"r", "rze"}, {"t", "cie"}, {"d", "dzie"}, {"ł", "le"}, {"n", "nie"},
	{"m", "mie"}, {"w", "wie"}, {"b", "bie"}, {"p", "pie"}, {"f", "fie"}, {"s", "sie"}, {"z", "zie"},
}

// softEnd reports whether a stem ends in a soft or functionally soft
// consonant, whose locative is -u (masculine) or -y/-i (feminine).
func softEnd(stem string) bool {
	for _, e := range []string{"cz", "sz", "rz", "ż", "c", "dz", "dż", "j", "l", "i", "ń", "ś", "ć", "ź"} {
		if strings.HasSuffix(stem, e) {
			return true
		}
	}
	return false
}

// locE applies the alternation before -e (Marta → Marcie, Płock → Płocku is
// handled by the caller).
func locE(stem string) string {
	for _, a := range locAlternations {
		if strings.HasSuffix(stem, a[0]) {
			return strings.TrimSuffix(stem, a[0]) + a[1]
		}
	}
	return stem + "e"
}

// mascLocative gives the locative of a masculine stem (Krakowie, Płocku).
func mascLocative(stem string) string {
	if strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g") || strings.HasSuffix(stem, "ch") || softEnd(stem) {
		return stem + "u"
	}
	return locE(stem)
}

// femNounForms declines a feminine (or masculine) noun in -a: Warszawa,
// Agnieszka, Moguncja, Tuchola.
func femNounForms(low string) map[polish.Case]string {
	stem := strings.TrimSuffix(low, "a")
	out := map[polish.Case]string{polish.Acc: stem + "ę", polish.Inst: stem + "ą"}
	switch {
	case strings.HasSuffix(stem, "i") || strings.HasSuffix(stem, "j") && len(stem) > 1 && isConsonantByte(stem[len(stem)-2]):
		// Julia → Julii, Moguncja → Moguncji
		out[polish.Gen] = stem + "i"
		out[polish.Dat], out[polish.Loc] = out[polish.Gen], out[polish.Gen]
	case strings.HasSuffix(stem, "j"):
		// Maja → Mai
		out[polish.Gen] = strings.TrimSuffix(stem, "j") + "i"
		out[polish.Dat], out[polish.Loc] = out[polish.Gen], out[polish.Gen]
	case strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g"):
		out[polish.Gen] = stem + "i"
		out[polish.Dat] = locE(stem)
		out[polish.Loc] = out[polish.Dat]
	case strings.HasSuffix(stem, "l"):
		out[polish.Gen] = stem + "i"
		out[polish.Dat], out[polish.Loc] = out[polish.Gen], out[polish.Gen]
	case softEnd(stem):
		out[polish.Gen] = stem + "y"
		out[polish.Dat], out[polish.Loc] = out[polish.Gen], out[polish.Gen]
	default:
		out[polish.Gen] = stem + "y"
		out[polish.Dat] = locE(stem)
		out[polish.Loc] = out[polish.Dat]
	}
	return out
}

func isConsonantByte(b byte) bool {
	return strings.IndexByte("aeiouy", b) < 0
}

func isConsonant(r rune) bool {
	return !strings.ContainsRune("aeiouyąęóAEIOUYĄĘÓ", r)
}

// reverseLocE undoes the alternation before -e: "rze" → "r", "cie" → "t".
// It returns every stem that could have produced the form.
func reverseLocE(form string) []string {
	var out []string
	for _, a := range locAlternations {
		if strings.HasSuffix(form, a[1]) {
			out = append(out, strings.TrimSuffix(form, a[1])+a[0])
		}
	}
	return out
}

// surnameNominative turns an inflected surname into its nominative, given
// the gender and case shown by the given name or title next to it. Words it
// cannot analyse are returned unchanged.
func surnameNominative(word string, gender polish.Gender, gcase polish.Case) string {
	if base, ok := apostropheBase(word); ok {
		return base // Doyle'a → Doyle, McCarthy'm → McCarthy
	}
	if gcase == polish.Nom || gcase == 0 || word == "" {
		return word
	}
	// hyphenated surnames: Donath-Kasiurą → decline each part that declines
	if i := strings.LastIndex(word, "-"); i > 0 {
		return surnameNominative(word[:i], gender, gcase) + "-" + surnameNominative(word[i+1:], gender, gcase)
	}
	low := strings.ToLower(word)
	keep := func(nomLow string) string { return matchCase(word, nomLow) }
	if gender == polish.F {
		switch {
		case strings.HasSuffix(low, "skiej") || strings.HasSuffix(low, "ckiej") || strings.HasSuffix(low, "dzkiej"):
			return keep(strings.TrimSuffix(low, "iej") + "a")
		case strings.HasSuffix(low, "ską") || strings.HasSuffix(low, "cką") || strings.HasSuffix(low, "dzką"):
			return keep(strings.TrimSuffix(low, "ą") + "a")
		case strings.HasSuffix(low, "owej") || strings.HasSuffix(low, "nej") || strings.HasSuffix(low, "ej"):
			return keep(strings.TrimSuffix(low, "ej") + "a")
		case strings.HasSuffix(low, "ą") || strings.HasSuffix(low, "ę"):
			return keep(low[:len(low)-len("ą")] + "a")
		case gcase == polish.Gen && (strings.HasSuffix(low, "y") || strings.HasSuffix(low, "i")) && utf8.RuneCountInString(low) > 3:
			base := low[:len(low)-1]
			if strings.HasSuffix(base, "k") || strings.HasSuffix(base, "g") || strings.HasSuffix(base, "l") || strings.HasSuffix(base, "j") || strings.HasSuffix(base, "i") {
				return keep(base + "a")
			}
			if strings.HasSuffix(low, "y") {
				return keep(base + "a")
			}
		case (gcase == polish.Dat || gcase == polish.Loc) && strings.HasSuffix(low, "e"):
			if stems := reverseLocE(low); len(stems) > 0 {
				return keep(stems[0] + "a")
			}
		}
		return word
	}
	// masculine
	switch {
	case strings.HasSuffix(low, "skiego") || strings.HasSuffix(low, "ckiego") || strings.HasSuffix(low, "dzkiego") ||
		strings.HasSuffix(low, "kiego") || strings.HasSuffix(low, "giego"):
		return keep(strings.TrimSuffix(low, "ego"))
	case strings.HasSuffix(low, "iego"):
		return keep(strings.TrimSuffix(low, "ego"))
	case strings.HasSuffix(low, "kego") || strings.HasSuffix(low, "gego"):
		// Milkego → Milke: Polish writes -kiego, so -kego is a foreign
		// name in -ke declined like an adjective
		return keep(strings.TrimSuffix(low, "go"))
	case strings.HasSuffix(low, "ego") && utf8.RuneCountInString(low) > 5:
		return keep(strings.TrimSuffix(low, "ego") + "y")
	case strings.HasSuffix(low, "kiemu") || strings.HasSuffix(low, "giemu"):
		return keep(strings.TrimSuffix(low, "emu"))
	case strings.HasSuffix(low, "emu") && utf8.RuneCountInString(low) > 5:
		return keep(strings.TrimSuffix(low, "emu") + "y")
	case (strings.HasSuffix(low, "kim") || strings.HasSuffix(low, "gim")) && gcase != polish.Gen:
		return keep(strings.TrimSuffix(low, "m"))
	case (strings.HasSuffix(low, "ym") || strings.HasSuffix(low, "im")) && (gcase == polish.Inst || gcase == polish.Loc) && utf8.RuneCountInString(low) > 4:
		return keep(strings.TrimSuffix(low, "m")) // Messorim → Messori
	case strings.HasSuffix(low, "scy") || strings.HasSuffix(low, "ccy") || strings.HasSuffix(low, "dzcy"):
		return word // Szadurscy: the family, in the plural
	}
	// -ko surnames decline like feminine nouns (Moniuszko, Moniuszki,
	// Moniuszkę, Moniuszką, Moniuszce); a man's -ka is rarer
	switch {
	case gcase == polish.Gen && strings.HasSuffix(low, "ki") && !strings.HasSuffix(low, "ski") && !strings.HasSuffix(low, "cki") && utf8.RuneCountInString(low) > 4:
		return keep(strings.TrimSuffix(low, "i") + "o")
	case gcase == polish.Acc && strings.HasSuffix(low, "kę"), gcase == polish.Inst && strings.HasSuffix(low, "ką"):
		return keep(low[:len(low)-len("ę")] + "o")
	}
	switch gcase {
	case polish.Gen, polish.Acc:
		switch {
		case strings.HasSuffix(low, "a") && utf8.RuneCountInString(low) > 2:
			return keep(mobileE(strings.TrimSuffix(low, "a")))
		case strings.HasSuffix(low, "y") && utf8.RuneCountInString(low) > 3:
			// Pezzy → Pezza, Buły → Buła
			return keep(strings.TrimSuffix(low, "y") + "a")
		case strings.HasSuffix(low, "ę"):
			return keep(strings.TrimSuffix(low, "ę") + "a")
		}
	case polish.Dat:
		switch {
		case strings.HasSuffix(low, "owi"):
			return keep(mobileE(strings.TrimSuffix(low, "owi")))
		case strings.HasSuffix(low, "e"):
			if stems := reverseLocE(low); len(stems) > 0 {
				return keep(stems[0] + "a")
			}
		}
	case polish.Inst:
		switch {
		case strings.HasSuffix(low, "kiem") || strings.HasSuffix(low, "giem"):
			return keep(mobileE(strings.TrimSuffix(low, "iem")))
		case strings.HasSuffix(low, "em"):
			return keep(mobileE(strings.TrimSuffix(low, "em")))
		case strings.HasSuffix(low, "ą"):
			return keep(strings.TrimSuffix(low, "ą") + "a")
		}
	case polish.Loc:
		switch {
		case strings.HasSuffix(low, "u"):
			return keep(mobileE(strings.TrimSuffix(low, "u")))
		case strings.HasSuffix(low, "e"):
			if stems := reverseLocE(low); len(stems) > 0 {
				return keep(mobileE(stems[0]))
			}
		}
	}
	return word
}

// apostropheEndings are the Polish endings written after an apostrophe
// on a foreign name whose spelling hides its sound (Doyle'a, Chomsky'ego,
// McCarthy'm), and the English possessive.
var apostropheEndings = map[string]bool{"a": true, "ego": true, "emu": true, "go": true, "mu": true, "m": true, "em": true, "iem": true,
	"owi": true, "u": true, "e": true, "ie": true, "y": true, "i": true, "ą": true, "ę": true, "owie": true, "ów": true, "om": true,
	"ach": true, "ami": true, "s": true}

// apostropheBase cuts such an ending off a name (O'Kelly'ego → O'Kelly)
// and reports whether there was one; O'Neill keeps its apostrophe.
func apostropheBase(word string) (string, bool) {
	i := strings.LastIndexAny(word, "'’")
	if i <= 0 {
		return word, false
	}
	_, w := utf8.DecodeRuneInString(word[i:])
	if !apostropheEndings[strings.ToLower(word[i+w:])] {
		return word, false
	}
	return word[:i], true
}

// mobileE puts back the vowel that drops out of a masculine stem in the
// oblique cases (Bartk- → Bartek, Wróbl- → Wróbel, Kamieńc- → Kamieniec).
func mobileE(stem string) string {
	if foreignSurname(strings.ToLower(stem)) {
		return stem // Kinnock, Black: a foreign stem has no mobile e
	}
	rs := []rune(stem)
	n := len(rs)
	if n < 3 {
		return stem
	}
	last, prev := rs[n-1], rs[n-2]
	if !isConsonant(prev) {
		return stem
	}
	switch {
	case last == 'k' && strings.ContainsRune("tdszłnlcw", prev):
		return string(rs[:n-1]) + "ek"
	case last == 'c' && prev == 'ń':
		return string(rs[:n-2]) + "niec"
	case last == 'c' && strings.ContainsRune("lłnr", prev):
		return string(rs[:n-1]) + "ec"
	case last == 'l' && strings.ContainsRune("bpwm", prev):
		return string(rs[:n-1]) + "el"
	}
	return stem
}

// matchCase gives lower-case nom the capitalisation of orig: capitalised
// parts stay capitalised, an all-capitals word stays in capitals.
func matchCase(orig, nom string) string {
	if orig == "" {
		return nom
	}
	if isAllCaps(orig) {
		return strings.ToUpper(nom)
	}
	ro := []rune(orig)
	rn := []rune(nom)
	for i := range rn {
		if i < len(ro) && ro[i] != []rune(strings.ToLower(string(ro[i])))[0] {
			rn[i] = []rune(strings.ToUpper(string(rn[i])))[0]
		}
	}
	return string(rn)
}

// adjEnding is the case-and-gender slot of an inflected adjective ending.
type adjEnding struct {
	suffix string
	gender polish.Gender // the genders whose singular takes the ending
	gcase  polish.Case
}

// masculineNeuter is the slot of the endings masculine and neuter
// adjectives share in the singular (-ego, -emu, -ym, -im).
const masculineNeuter = polish.Masculine | polish.N

// adjEndings lists adjective endings, longest first, with the slots they
// may fill (hard stems; after k/g an i is inserted: -kiego, -kiej, -kim).
var adjEndings = []adjEnding{
	{"ego", masculineNeuter, polish.Gen}, {"emu", masculineNeuter, polish.Dat}, {"ego", polish.Masculine, polish.Acc},
	{"ej", polish.F, polish.Gen}, {"ej", polish.F, polish.Dat}, {"ej", polish.F, polish.Loc},
	{"ym", masculineNeuter, polish.Inst}, {"ym", masculineNeuter, polish.Loc}, {"im", masculineNeuter, polish.Inst}, {"im", masculineNeuter, polish.Loc},
	{"ą", polish.F, polish.Acc}, {"ą", polish.F, polish.Inst},
	{"y", polish.Masculine, polish.Nom}, {"i", polish.Masculine, polish.Nom}, {"y", polish.Masculine, polish.Acc}, {"i", polish.Masculine, polish.Acc},
	{"a", polish.F, polish.Nom}, {"e", polish.N, polish.Nom}, {"e", polish.N, polish.Acc},
}

// adjAgrees reports whether word (lower case) can be an adjective in the
// given gender and case.
func adjAgrees(low string, gender polish.Gender, gcase polish.Case) bool {
	if utf8.RuneCountInString(low) < 4 {
		return false
	}
	for _, e := range adjEndings {
		if e.gcase != gcase || !e.gender.Has(gender) {
			continue
		}
		if strings.HasSuffix(low, e.suffix) && looksAdjectival(strings.TrimSuffix(low, e.suffix)) {
			return true
		}
	}
	return false
}

// looksAdjectival reports whether a stem ends the way Polish adjective
// stems do (-sk, -ck, -n, -ow, -ł, -cz …), so that nouns in -a or -y are
// not taken for adjectives.
func looksAdjectival(stem string) bool {
	stem = strings.TrimSuffix(stem, "i")
	for _, e := range []string{"sk", "ck", "dzk", "n", "ow", "ew", "ł", "cz", "k", "g", "t", "r", "w", "ż", "ch", "sz", "dn", "rz", "l", "dz", "ąc"} {
		if strings.HasSuffix(stem, e) {
			return true
		}
	}
	return false
}

// adjNominative turns an adjective agreeing in the given case into the
// nominative singular of the gender: Płockiego → Płocki, Europejskiej →
// Europejska, Mazowieckie stays. Only the part after the last hyphen
// declines (Przemysłowo-Technologicznego → Przemysłowo-Technologiczny).
func adjNominative(word string, gender polish.Gender, gcase polish.Case) string {
	if i := strings.LastIndex(word, "-"); i > 0 {
		return word[:i+1] + adjNominative(word[i+1:], gender, gcase)
	}
	low := strings.ToLower(word)
	for _, e := range adjEndings {
		if e.gcase != gcase || !e.gender.Has(gender) {
			continue
		}
		if !strings.HasSuffix(low, e.suffix) {
			continue
		}
		stem := strings.TrimSuffix(low, e.suffix)
		soft := strings.HasSuffix(stem, "i")
		stem = strings.TrimSuffix(stem, "i")
		var nom string
		switch gender {
		case polish.F:
			nom = stem + "a"
			if soft && !strings.HasSuffix(stem, "k") && !strings.HasSuffix(stem, "g") {
				nom = stem + "ia"
			}
		case polish.N:
			nom = stem + "e"
			if soft || strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g") {
				nom = stem + "ie"
			}
		default:
			nom = stem + "y"
			if soft || strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g") {
				nom = stem + "i"
			}
		}
		return matchCase(word, nom)
	}
	return word
}

// headNominative gives the nominative of an institution head noun form,
// capitalised as the form was.
func headNominative(word string, h headForm) string {
	return matchCase(word, h.lemma)
}
