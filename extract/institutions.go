package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// instSpan is one institution mention found in the text.
type instSpan struct {
	i, j    int    // token span [i, j)
	head    int    // index of the head noun
	name    string // canonical nominative name
	acronym string // acronym given in parentheses right after
	quoted  string // a quoted proper part („Dolina Lotnicza”)
	legal   bool   // ends in a legal form (S.A.)
	adjEnd  int    // end of the head and its agreeing adjectives
	generic bool   // a generic name that keeps its trailing place
	core    string // the generic name without its place
	// a branch in apposition to the name (Politechniki Warszawskiej
	// Filii w Płocku): its head, the end of its adjectives and its form
	app, appEnd int
	appHead     headForm
}

// findInstitutions finds institution names built around a head noun.
func (d *doc) findInstitutions() {
	toks := d.toks
	var spans []instSpan
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tWord || !t.cap || d.shout[i] {
			continue
		}
		hs := headForms[t.lower]
		if len(hs) == 0 {
			continue
		}
		inside := containing(spans, i)
		if inside != nil && i-inside.head < 2 {
			continue
		}
		// a head right after an earlier name takes no adjectives from it
		// (Departamentu Współpracy Międzynarodowej | Administracji …)
		after := i > 0 && containing(spans, i-1) != nil
		sp, ok := d.institutionAt(i, hs, inside != nil || after)
		if !ok {
			continue
		}
		spans = append(spans, sp)
	}
	for _, sp := range spans {
		d.branchBefore(&sp)
		for k := sp.i; k < sp.j; k++ {
			d.inInst[k] = true
			if k < sp.adjEnd && k != sp.head {
				d.instAdj[k] = true
			}
		}
		d.addInstitution(sp)
	}
}

// containing returns the span that holds token i, if any.
func containing(spans []instSpan, i int) *instSpan {
	for k := len(spans) - 1; k >= 0; k-- {
		if spans[k].i <= i && i < spans[k].j {
			return &spans[k]
		}
	}
	return nil
}

// institutionAt grows an institution name around the head noun at i: the
// head's reading, its adjectives on the left and right, the complements
// instRules take after them, then the place, acronym and canonical name.
// An inner head (nested in a name found before) takes no adjectives from
// the left, which belong to the outer name (Komendy Powiatowej Policji).
func (d *doc) institutionAt(i int, readings []headForm, inner bool) (instSpan, bool) {
	h := d.headReading(i, readings)
	start := i
	if !inner {
		start = d.leftAdjectives(i, h)
	}
	adjEnd := d.rightAdjectives(i, h)
	if d.genericApposition(i, start, adjEnd, h) {
		return instSpan{}, false
	}
	sp := instSpan{i: start, head: i, adjEnd: adjEnd}
	j, ok := d.readComplements(&sp, h)
	if !ok {
		return instSpan{}, false
	}
	if j-start < 2 {
		return d.placeNamedHead(sp, h, j, inner)
	}
	return d.finishInstitution(sp, h, j), true
}

// headReading chooses the reading of the head noun at i that the most
// neighbouring adjectives agree with: capitalised ones on the left, any
// on the right; the first of the best.
func (d *doc) headReading(i int, readings []headForm) headForm {
	toks := d.toks
	best, bestScore := readings[0], -1
	for _, h := range readings {
		score := 0
		for k := i - 1; k >= 0 && toks[k].kind == tWord && toks[k].cap && adjAgrees(toks[k].lower, h.gender, h.gcase); k-- {
			score++
		}
		for k := i + 1; k < len(toks) && toks[k].kind == tWord && adjAgrees(toks[k].lower, h.gender, h.gcase); k++ {
			score++
		}
		if score > bestScore {
			best, bestScore = h, score
		}
	}
	return best
}

// leftAdjectives returns where the capitalised adjectives agreeing with
// the head at i start (Płockiego Parku): no head, function or shouted
// word among them.
func (d *doc) leftAdjectives(i int, h headForm) int {
	start := i
	for k := i - 1; k >= 0; k-- {
		tk := d.toks[k]
		if tk.kind != tWord || !tk.cap || d.shout[k] || len(headForms[tk.lower]) > 0 || !adjAgrees(tk.lower, h.gender, h.gcase) {
			break
		}
		if _, isRole := roleForms[tk.lower]; isRole {
			break
		}
		start = k
	}
	return start
}

// rightAdjectives returns the end of the adjectives agreeing with the
// head at i after it (Park Przemysłowo-Technologiczny, Oddział
// olsztyński), less the place adjectives that belong to a head after
// them in the genitive (Zarządu | Płockiego Parku …).
func (d *doc) rightAdjectives(i int, h headForm) int {
	toks := d.toks
	j := i + 1
	for j < len(toks) && toks[j].kind == tWord && !d.shout[j] && adjAgrees(toks[j].lower, h.gender, h.gcase) &&
		(toks[j].cap || properAdjective(toks[j].lower)) && len(headForms[toks[j].lower]) == 0 && !d.lex.notAdjective(toks[j].text) {
		j++
	}
	return d.nestedAdjectives(i+1, j)
}

// genericApposition reports a generic head in the nominative, alone,
// standing in apposition to the name after it (Spółka Grupa Azoty,
// Spółka ARP S.A.): the name is the institution, not the head.
func (d *doc) genericApposition(i, start, adjEnd int, h headForm) bool {
	toks := d.toks
	j := adjEnd
	return j == i+1 && start == i && h.gcase == polish.Nom && j < len(toks) && toks[j].cap &&
		(sameCaseHead(toks[j].lower, h) || h.lemma == "spółka")
}

// placeNamedHead names a lone head by the place after it, when its kind
// may be named so inside a sentence (Uniwersytetu w Liège); otherwise a
// head alone names nothing.
func (d *doc) placeNamedHead(sp instSpan, h headForm, j int, inner bool) (instSpan, bool) {
	if !placeNamedHeads[h.lemma] || inner || sentenceStart(d.toks, sp.head) {
		return sp, false
	}
	n := d.trailingPlace(j)
	if n == 0 {
		return sp, false
	}
	sp.j = j
	sp.name = d.canonicalInstitution(sp, h, sp.adjEnd) + " " + d.surface(j, j+n)
	sp.j += n
	return sp, true
}

// finishInstitution closes the name ending at j: a dangling "i" or
// "oraz" is dropped, a generic name keeps the place after it, an acronym
// in parentheses is taken, and the name goes to the nominative.
func (d *doc) finishInstitution(sp instSpan, h headForm, j int) instSpan {
	toks := d.toks
	for j > sp.head+1 && (toks[j-1].lower == "i" || toks[j-1].lower == "oraz") {
		j--
	}
	sp.j = j
	generic := d.genericPlace(sp, h)
	sp.acronym = acronymInParens(toks, j+generic)
	sp.name = d.canonicalInstitution(sp, h, sp.adjEnd)
	if generic > 0 {
		sp.core = sp.name
		sp.name += " " + d.surface(sp.j, sp.j+generic)
		sp.j += generic
		sp.generic = true
	}
	return sp
}

// genericPlace returns the tokens of the place after the name [sp.i,
// sp.j) that stay in it, or 0. A trailing "w Warszawie" is not part of a
// name that names its institution by itself; a generic one (Rada
// Miejska, Starostwo Powiatowe, Sąd Rejonowy) keeps its place, which
// tells it from the others of its kind, and so do branches (by all their
// places: Oddział ARP S.A. w Mielcu i w Tarnobrzegu) and bodies of a
// place abroad.
func (d *doc) genericPlace(sp instSpan, h headForm) int {
	toks := d.toks
	j := sp.j
	n := d.trailingPlace(j)
	if n == 0 || !(branchHeads[h.lemma] || sp.app > 0 || d.foreignPlaceAt(j+1) && !d.namesForeignPlace(sp.i, j) || !sp.legal && d.genericName(sp.i, j)) {
		return 0
	}
	for branchHeads[h.lemma] && j+n+1 < len(toks) && (toks[j+n].lower == "i" || toks[j+n].lower == "oraz") {
		m := d.trailingPlace(j + n + 1)
		if m == 0 {
			break
		}
		n += 1 + m
	}
	return n
}

// acronymInParens gives the acronym in parentheses at token j, of one
// word or two ((PPP-T), (RP UE)), or "".
func acronymInParens(toks []token, j int) string {
	if j+2 < len(toks) && toks[j].text == "(" && toks[j+2].text == ")" && isAcronym(toks[j+1]) {
		return toks[j+1].text
	}
	if j+3 < len(toks) && toks[j].text == "(" && toks[j+3].text == ")" && isAcronym(toks[j+1]) && isAcronym(toks[j+2]) {
		return toks[j+1].text + " " + toks[j+2].text
	}
	return ""
}

// canonicalInstitution builds the nominative name: adjectives agreeing
// with the head and the head itself turn to the nominative, the genitive
// complements stay as written.
func (d *doc) canonicalInstitution(sp instSpan, h headForm, adjEnd int) string {
	name := strings.Join(d.nominativeWords(sp.i, adjEnd, sp.head, h), " ")
	if sp.app > 0 && sp.appEnd <= sp.j {
		if words := d.nominativeWords(sp.app, sp.appEnd, sp.app, sp.appHead); len(words) > 0 {
			words[0] = matchCase("X", strings.ToLower(words[0])) // filia in a name is written Filia
			name += " " + strings.Join(words, " ")
		}
		if sp.appEnd < sp.j {
			name += " " + d.surface(sp.appEnd, sp.j)
		}
		return name
	}
	if adjEnd < sp.j {
		name += " " + d.surface(adjEnd, sp.j)
	}
	return name
}

// nominativeWords returns the words of tokens [i, j) with the head (at
// head, read as h) and the adjectives agreeing with it in the nominative;
// a head already in the nominative leaves them as written.
func (d *doc) nominativeWords(i, j, head int, h headForm) []string {
	words := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		w := d.toks[k].text
		switch {
		case h.gcase == polish.Nom:
		case k == head:
			w = headNominative(w, h)
		default:
			w = adjNominative(w, h.gender, h.gcase)
		}
		words = append(words, w)
	}
	return words
}

// surface returns the text of tokens [i, j) with whitespace collapsed.
func (d *doc) surface(i, j int) string {
	if i >= j {
		return ""
	}
	s := d.text[d.toks[i].start:d.toks[j-1].end]
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// sameCaseHead reports whether word is a head noun in the same case as h,
// which marks coordination of two institutions rather than one name.
func sameCaseHead(word string, h headForm) bool {
	for _, x := range headForms[word] {
		if x.gcase == h.gcase {
			return true
		}
	}
	return false
}

// properAdjective reports whether a lower-case word is an adjective made
// from a proper name (olsztyński, pelplińskiej).
func properAdjective(low string) bool {
	for _, e := range properAdjectiveEndings {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

func isOpenQuote(s string) bool {
	return s == "„" || s == "\"" || s == "“" || s == "«" || s == "»"
}

// closingQuote finds the quote closing the one at i within a few tokens.
func closingQuote(toks []token, i int) int {
	for k := i + 1; k < len(toks) && k < i+10; k++ {
		switch toks[k].text {
		case "”", "\"", "“", "»", "«":
			if k > i+1 {
				return k
			}
			return -1
		}
		if toks[k].kind == tBreak {
			return -1
		}
	}
	return -1
}

// legalFormAt returns the number of tokens of a legal form at i (S.A.,
// sp. z o.o.), or 0.
func legalFormAt(toks []token, i int) int {
	for _, lf := range legalForms {
		if i+len(lf) > len(toks) {
			continue
		}
		ok := true
		for k, w := range lf {
			if toks[i+k].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return len(lf)
		}
	}
	return 0
}

func isPreposition(w string) bool {
	return prepositions[w]
}

// isRoman reports whether s is a Roman numeral in capitals (I, II, XIV).
func isRoman(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("IVXLC", r) {
			return false
		}
	}
	return true
}

// stripLegalForm drops a trailing legal form (S.A., sp. z o.o.) from a
// name, for comparing names.
func stripLegalForm(name string) string {
	low := strings.ToLower(name)
	for _, suf := range legalSuffixes {
		if strings.HasSuffix(low, suf) {
			return strings.TrimSpace(name[:len(name)-len(suf)])
		}
	}
	return name
}

// headAhead reports whether an institution head noun comes within the next
// three capitalised words from i, so that "i" there joins two names
// (Uniwersytet … i Lubelski Park …) rather than two parts of one.
func (d *doc) headAhead(i int) bool {
	for k := i; k < len(d.toks) && k < i+3 && d.toks[k].kind == tWord && d.toks[k].cap; k++ {
		if len(headForms[d.toks[k].lower]) > 0 {
			return true
		}
		if !adjectiveLike(d.toks[k].lower) {
			return false // i Funduszy Europejskich Urzędu …: a complement
		}
	}
	return false
}

// hasCase reports whether one of the readings of a head noun is in case c.
func hasCase(hs []headForm, c polish.Case) bool {
	for _, h := range hs {
		if h.gcase == c {
			return true
		}
	}
	return false
}

// trailingPlace returns the number of tokens of "w"/"we" and a place name
// at token j (w Kolbuszowej, we Wrocławiu, w Sankt Petersburgu), or 0.
func (d *doc) trailingPlace(j int) int {
	toks := d.toks
	if j+1 >= len(toks) || toks[j].lower != "w" && toks[j].lower != "we" || toks[j+1].kind != tWord || !toks[j+1].cap || isAcronym(toks[j+1]) {
		return 0
	}
	if _, n := d.x.gaz.lookup(toks, j+1); n > 0 {
		// w Głogowie Małopolskim: an adjective after a listed name
		if k := j + 1 + n; n == 1 && k < len(toks) && toks[k].kind == tWord && toks[k].cap && adjectiveLike(toks[k].lower) {
			n++
		}
		return 1 + n
	}
	if _, ok := d.lex.place(toks[j+1].text, polish.Loc); ok {
		return 2
	}
	if _, _, ok := d.localityAt(j + 1); ok && !d.capitalisedAfter(j+1) {
		return 2 // w Garliavie, w Tomaszowie
	}
	return 0
}

// genericName reports whether the name in tokens [i, j) names its
// institution only by kind: no place, proper name, acronym, quotation or
// patron in it (Rada Miejska, Starostwo Powiatowe, Komenda Powiatowa
// Policji, Akademia Służby Państwowej).
func (d *doc) genericName(i, j int) bool {
	toks := d.toks
	for k := i; k < j; k++ {
		t := toks[k]
		switch {
		case t.kind == tPunct && (isOpenQuote(t.text) || t.text == "”"):
			return false
		case t.kind != tWord:
			continue
		case t.lower == "im" || isAcronym(t):
			return false
		}
		if _, n := d.x.gaz.lookup(toks, k); n > 0 {
			return false
		}
		if t.cap && (d.lex.properOnly(t.text) || isRoman(t.text) || len(headForms[t.lower]) == 0 && !d.lex.common(t.lower) && !adjectiveLike(t.lower)) {
			return false // Centrum Expo XXI: a word no dictionary knows names it
		}
		if t.cap && placeAdjective(t.lower) {
			return false // Warmińsko-Mazurska Specjalna Strefa, Lubelski Park
		}
	}
	return true
}

// hasGenitiveReading reports whether a given name may stand in the
// genitive.
func hasGenitiveReading(rs []nameReading) bool {
	for _, r := range rs {
		if r.gcase == polish.Gen {
			return true
		}
	}
	return false
}

// placeAdjective reports whether a lower-case adjective is made from a
// place name (warmińsko-mazurska, lubelski, mazowieckiej): a compound with
// a hyphen, or an adjective in -ski, -cki, -dzki that is not a generic one.
func placeAdjective(low string) bool {
	if !properAdjective(low) {
		return false
	}
	if strings.Contains(low, "-") {
		return true
	}
	for _, g := range genericAdjectives {
		if strings.HasPrefix(low, g) {
			return false
		}
	}
	return true
}
