package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// The nominative of a name phrase that no head-noun rule built (Polskich
// Kolei Państwowych → Polskie Koleje Państwowe, Komitetu Sterującego →
// Komitet Sterujący, Morza Śródziemnego → Morze Śródziemne), read with
// the dictionary: its head noun and the adjectives and participles that
// agree with it go to the nominative of the head's number and gender, and
// the words after them (genitive complements, a place after "w") stay as
// written.

// nounReading is one reading of a head noun: its lemma and grammar.
type nounReading struct {
	lemma  string
	cases  polish.Case
	number polish.Number
	gender polish.Gender
	tantum bool // a plurale tantum (Czechy, Prusy): the lemma is plural
}

// phraseNominative returns the nominative of the name in tokens [i, j),
// or "" when the span holds no word.
func (d *doc) phraseNominative(i, j int) string {
	toks := d.toks
	head := -1
	for k := i; k < j; k++ {
		if toks[k].kind != tWord || isRoman(toks[k].text) {
			continue // III Rzesza: the numeral is no head
		}
		if d.boundWord(toks[k].text) {
			return d.surface(i, j) // New York: a word bound to a fixed phrase
		}
		if k+1 < j && toks[k+1].kind == tWord && d.modifierOf(k, k+1) {
			continue // Polskich Kolei, Wielkiej Brytanii: an adjective before its noun
		}
		head = k
		break
	}
	if head < 0 {
		return ""
	}
	word := toks[head].text
	readings := d.nounReadings(word)
	// the reading that the adjectives around the head agree with; then
	// the nominative, which leaves the phrase as written; then the
	// singular; then the lemma closest to the word (okręg, not okrąg, for
	// Okręgu)
	best, bestScore := nounReading{}, -1
	for _, r := range readings {
		score := 0
		for k := i; k < head; k++ {
			if d.agrees(toks[k].text, r) {
				score++
			}
		}
		for k := head + 1; k < j && d.agrees(toks[k].text, r); k++ {
			score++
		}
		score *= 4
		if r.cases&(polish.Nom|polish.Voc) != 0 {
			score += 2
		}
		if r.number&polish.Sg != 0 {
			score++
		}
		score = score*64 + commonPrefix(strings.ToLower(word), strings.ToLower(r.lemma))
		if score > bestScore {
			best, bestScore = r, score
		}
	}
	if len(readings) > 0 && best.cases&polish.Nom != 0 {
		return d.surface(i, j)
	}
	words := make([]string, 0, j-i)
	for k := i; k < head; k++ {
		words = append(words, d.adjectiveNominative(toks[k].text, best))
	}
	if len(readings) == 0 {
		words = append(words, guessNounNominative(word))
	} else {
		words = append(words, d.nounNominative(word, best))
	}
	end := head + 1
	for end < j && len(readings) > 0 && d.agrees(toks[end].text, best) {
		words = append(words, d.adjectiveNominative(toks[end].text, best))
		end++
	}
	name := strings.Join(words, " ")
	if end < j {
		name += " " + d.surface(end, j)
	}
	return name
}

// commonPrefix counts the bytes two strings share at their start.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// boundWord reports a word the dictionary knows only inside a fixed
// phrase (New of New York), which stays as written.
func (d *doc) boundWord(word string) bool {
	for _, a := range d.lex.analyses(word) {
		if a.Tag.POS() == "burk" {
			return true
		}
	}
	return false
}

// modifierOf reports whether word a can be an adjective or participle
// agreeing with word b read as a noun (or unknown to the dictionary).
func (d *doc) modifierOf(a, b int) bool {
	ta := d.toks[a].text
	if !d.adjectival(ta) && (len(d.lex.analyses(ta)) > 0 || !adjectiveLike(d.toks[a].lower)) {
		return false
	}
	rs := d.nounReadings(d.toks[b].text)
	if len(rs) == 0 {
		return true // Polskiego Microsoftu: an unknown noun after an adjective
	}
	for _, r := range rs {
		if d.agrees(ta, r) {
			return true
		}
	}
	return false
}

// adjectival reports whether the dictionary reads word as an adjective
// or participle.
func (d *doc) adjectival(word string) bool {
	for _, a := range d.lex.analyses(word) {
		if isAdjectiveTag(a.Tag) {
			return true
		}
	}
	return false
}

func isAdjectiveTag(t polish.Tag) bool {
	switch t.POS() {
	case "adj", "pact", "ppas":
		return true
	}
	return false
}

// nounReadings returns the noun readings of a word, proper names first.
func (d *doc) nounReadings(word string) []nounReading {
	var out, common []nounReading
	for _, a := range d.lex.analyses(word) {
		if !a.Tag.IsNoun() {
			continue
		}
		r := nounReading{lemma: a.Lemma, cases: a.Tag.Cases(), number: a.Tag.Numbers(), gender: a.Tag.Genders(), tantum: pluraleTantum(a.Tag)}
		if a.Proper() {
			out = append(out, r)
		} else {
			common = append(common, r)
		}
	}
	return append(out, common...)
}

// pluraleTantum reports a noun tag of the genders of plural-only nouns
// (p1, p2, p3: Czechy, Prusy, drzwi).
func pluraleTantum(t polish.Tag) bool {
	s := t.String()
	return strings.Contains(s, ":p1") || strings.Contains(s, ":p2") || strings.Contains(s, ":p3")
}

// agrees reports whether word can be an adjective or participle in a case,
// number and gender of the noun reading r. A word the dictionary does not
// know (Szyjeckiej) agrees when its ending fits a singular reading.
func (d *doc) agrees(word string, r nounReading) bool {
	as := d.lex.analyses(word)
	for _, a := range as {
		if isAdjectiveTag(a.Tag) && a.Tag.Cases()&r.cases != 0 && a.Tag.Numbers()&r.number != 0 && a.Tag.Genders().Any(r.gender) {
			return true
		}
	}
	if len(as) > 0 || r.number&polish.Sg == 0 {
		return false
	}
	low := strings.ToLower(word)
	for _, c := range allCases {
		if r.cases.Has(c) && adjAgrees(low, ruleGender(r.gender), c) {
			return true
		}
	}
	return false
}

// ruleGender maps the dictionary's genders to the one gender the rules
// decline in: masculine before feminine before neuter.
func ruleGender(g polish.Gender) polish.Gender {
	switch {
	case g.Any(polish.Masculine):
		return polish.Masculine
	case g.Any(polish.F):
		return polish.F
	}
	return polish.N
}

// firstCase gives the first case of a set in the order of allCases, the
// nominative when the set is empty.
func firstCase(c polish.Case) polish.Case {
	for _, x := range allCases {
		if c.Has(x) {
			return x
		}
	}
	return polish.Nom
}

// nounNominative gives the nominative of a head noun under reading r:
// its lemma in the singular, and in the plural the form the dictionary
// confirms as the lemma's nominative plural (Stanów → Stany, Kolei →
// Koleje); capitalised as the word was.
func (d *doc) nounNominative(word string, r nounReading) string {
	if r.number&polish.Sg != 0 || r.tantum || r.lemma == "" {
		return matchCase(word, strings.ToLower(r.lemma))
	}
	low := strings.ToLower(r.lemma)
	for _, cand := range pluralCandidates(low) {
		for _, a := range d.lex.analyses(cand) {
			if a.Tag.IsNoun() && strings.EqualFold(a.Lemma, r.lemma) && a.Tag.Numbers().Has(polish.Pl) && a.Tag.Cases().Has(polish.Nom) {
				return matchCase(word, cand)
			}
		}
	}
	return word
}

// pluralCandidates lists possible nominative plurals of a lower-case noun
// lemma, for the dictionary to confirm.
func pluralCandidates(low string) []string {
	out := []string{low + "y", low + "i", low + "e", low + "owie", low + "a"}
	if stem, ok := strings.CutSuffix(low, "a"); ok {
		out = append(out, stem+"y", stem+"i", stem+"e")
	}
	if stem, ok := strings.CutSuffix(low, "o"); ok {
		out = append(out, stem+"a")
	}
	if stem, ok := strings.CutSuffix(low, "ek"); ok {
		out = append(out, stem+"ki")
	}
	if stem, ok := strings.CutSuffix(low, "ec"); ok {
		out = append(out, stem+"cy", stem+"ce")
	}
	return out
}

// adjectiveNominative gives the nominative of an adjective or participle
// agreeing with a noun under reading r, in r's number and gender. A word
// that does not agree is left as written.
func (d *doc) adjectiveNominative(word string, r nounReading) string {
	if !d.agrees(word, r) {
		return word
	}
	var c polish.Case
	lemma := ""
	for _, a := range d.lex.analyses(word) {
		if isAdjectiveTag(a.Tag) && a.Tag.Cases()&r.cases != 0 {
			c |= a.Tag.Cases() & r.cases
			if a.Tag.POS() == "adj" && lemma == "" {
				lemma = a.Lemma
			}
		}
	}
	if c == 0 {
		c = r.cases // unknown to the dictionary: read by its ending
	}
	if c.Has(polish.Nom) {
		return word
	}
	plural := r.number&polish.Sg == 0
	if lemma != "" && !(plural && r.gender.Has(polish.M1)) {
		// the dictionary's lemma is the masculine singular (zachodni):
		// the other nominatives come from it
		return matchCase(word, adjectiveForm(strings.ToLower(lemma), ruleGender(r.gender), plural))
	}
	if plural {
		return pluralAdjectiveNominative(word, r.gender)
	}
	return adjNominative(word, ruleGender(r.gender), firstCase(c))
}

// adjectiveForm gives the nominative of an adjective from its masculine
// singular lemma: feminine Polska, Zachodnia, Nowa; neuter and
// non-personal plural Polskie, Zachodnie, Nowe.
func adjectiveForm(lemma string, gender polish.Gender, plural bool) string {
	neuter := plural || gender == polish.N
	if gender == polish.Masculine && !plural {
		return lemma
	}
	switch {
	case strings.HasSuffix(lemma, "ki") || strings.HasSuffix(lemma, "gi"):
		if neuter {
			return lemma + "e"
		}
		return strings.TrimSuffix(lemma, "i") + "a"
	case strings.HasSuffix(lemma, "i"):
		if neuter {
			return lemma + "e"
		}
		return lemma + "a"
	case strings.HasSuffix(lemma, "y"):
		if neuter {
			return strings.TrimSuffix(lemma, "y") + "e"
		}
		return strings.TrimSuffix(lemma, "y") + "a"
	}
	return lemma
}

// pluralAdjectiveNominative gives the nominative plural of an inflected
// plural adjective or participle; non-personal plurals (the names of
// countries and institutions) end in -e: Zjednoczonych → Zjednoczone,
// Polskich → Polskie.
func pluralAdjectiveNominative(word string, g polish.Gender) string {
	low := strings.ToLower(word)
	for _, e := range []string{"ymi", "imi", "ych", "ich", "ym", "im"} {
		stem, ok := strings.CutSuffix(low, e)
		if !ok {
			continue
		}
		if e[0] == 'i' {
			stem += "i"
		}
		if g.Has(polish.M1) {
			return word // personal plurals (Zjednoczeni) are rare in names
		}
		return matchCase(word, stem+"e")
	}
	return word
}

// guessNounNominative reads an unknown noun (a foreign or new name:
// Microsoftu, Orlenem, Legii) back to the nominative by the endings that
// only oblique cases have; anything else is taken as written.
func guessNounNominative(word string) string {
	low := strings.ToLower(word)
	keep := func(s string) string { return matchCase(word, s) }
	if utf8.RuneCountInString(low) < 4 {
		return word
	}
	switch {
	case strings.HasSuffix(low, "ą") || strings.HasSuffix(low, "ę"):
		return keep(low[:len(low)-len("ą")] + "a") // Resovią → Resovia
	case strings.HasSuffix(low, "owi"):
		return keep(strings.TrimSuffix(low, "owi"))
	case strings.HasSuffix(low, "iem") && (strings.HasSuffix(low, "kiem") || strings.HasSuffix(low, "giem")):
		return keep(strings.TrimSuffix(low, "iem"))
	case strings.HasSuffix(low, "em"):
		return keep(strings.TrimSuffix(low, "em"))
	case strings.HasSuffix(low, "ii") || strings.HasSuffix(low, "ji"):
		return keep(strings.TrimSuffix(low, "i") + "a")
	case strings.HasSuffix(low, "u") && !strings.HasSuffix(low, "au") && !strings.HasSuffix(low, "eu") && !strings.HasSuffix(low, "ou"):
		r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(low, "u"))
		if isConsonant(r) {
			return keep(strings.TrimSuffix(low, "u"))
		}
	}
	return word
}
