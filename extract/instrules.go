package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// instDraft is what the rules see of an institution name as it is being
// read: the head noun and the reading chosen for it, the end of the head
// and its adjectives, and what the complements read so far have given.
// Rules get a copy; only readComplements moves it on, by the steps the
// rules return.
type instDraft struct {
	head, adjEnd int
	h            headForm
	complements  int // complements taken after the adjectives
	branch       int // the head of a branch in apposition taken, or 0
}

// instVerdict is what a rule says about the name at a token.
type instVerdict uint8

const (
	instPass   instVerdict = iota // the rule does not apply: try the next one
	instGrow                      // take the step's tokens and read on
	instEnd                       // take the step's tokens, if any, and end the name
	instRefuse                    // no institution starts at this head
)

// instStep is a rule's answer at token j: the verdict, the tokens it
// takes from j, and what they add to the name.
type instStep struct {
	verdict    instVerdict
	n          int    // tokens taken from j
	complement bool   // they are a complement (later rules count them)
	legal      bool   // they end in a legal form (S.A.)
	quoted     string // a quoted proper part („Dolina Lotnicza”)
	branch     int    // the head of a branch in apposition among them, or 0
	branchHead headForm
}

// instRule is one named pattern of what may follow an institution's head
// and adjectives. Adding a pattern is adding one rule to instRules (with
// its example in a comment) and one row to TestInstitutionRules.
type instRule struct {
	name  string
	match func(d *doc, g instDraft, j int) instStep
}

// instRules are tried in order at each token after the head and its
// adjectives; the first that does not pass decides. They are grouped by
// the kind of token they read — breaks, punctuation, numbers, lower-case
// words, then capitalised words — each group closed by a rule that ends
// the name at any other token of its kind, so that the last rule,
// complement, sees only capitalised words.
var instRules = []instRule{
	{"lineEnd", (*doc).instLineEnd},
	{"legalForm", (*doc).instLegalForm},
	{"branchAfterComma", (*doc).instBranchAfterComma},
	{"fieldList", (*doc).instFieldList},
	{"quotedName", (*doc).instQuotedName},
	{"dashedPair", (*doc).instDashedPair},
	{"punctuationEnds", (*doc).instPunctuationEnds},
	{"modelNumber", (*doc).instModelNumber},
	{"numberEnds", (*doc).instNumberEnds},
	{"coordination", (*doc).instCoordination},
	{"naRzecz", (*doc).instNaRzecz},
	{"schoolNumber", (*doc).instSchoolNumber},
	{"patron", (*doc).instPatron},
	{"dsMatters", (*doc).instDsMatters},
	{"unitName", (*doc).instUnitName},
	{"degree", (*doc).instDegree},
	{"lowerCaseEnds", (*doc).instLowerCaseEnds},
	{"capitalsEnd", (*doc).instCapitalsEnd},
	{"governingBody", (*doc).instGoverningBody},
	{"branchApposition", (*doc).instBranchApposition},
	{"parentAcronym", (*doc).instParentAcronym},
	{"functionEnds", (*doc).instFunctionEnds},
	{"titleEnds", (*doc).instTitleEnds},
	{"personEnds", (*doc).instPersonEnds},
	{"nestedUnit", (*doc).instNestedUnit},
	{"nextNameAdjective", (*doc).instNextNameAdjective},
	{"monthEnds", (*doc).instMonthEnds},
	{"complement", (*doc).instComplement},
}

// instEndIf is the step of a rule that ends the name where cond holds and
// passes elsewhere.
func instEndIf(cond bool) instStep {
	if cond {
		return instStep{verdict: instEnd}
	}
	return instStep{}
}

// instGrowIf is the step of a rule that takes n tokens, a complement or
// not, where cond holds and passes elsewhere.
func instGrowIf(cond bool, n int, complement bool) instStep {
	if cond {
		return instStep{verdict: instGrow, n: n, complement: complement}
	}
	return instStep{}
}

// readComplements reads the name of sp on from its adjectives' end by
// instRules until one ends it, filling in the branch, legal form and
// quoted part the rules find; it returns where the name ends, or false
// when a rule refuses the name.
func (d *doc) readComplements(sp *instSpan, h headForm) (int, bool) {
	g := instDraft{head: sp.head, adjEnd: sp.adjEnd, h: h}
	j := sp.adjEnd
	for j < len(d.toks) {
		var st instStep
		for _, r := range instRules {
			if st = r.match(d, g, j); st.verdict != instPass {
				d.fire(r.name)
				break
			}
		}
		if st.verdict == instRefuse {
			return j, false
		}
		if st.branch > 0 {
			g.branch = st.branch
			sp.app, sp.appHead, sp.appEnd = st.branch, st.branchHead, j+st.n
		}
		j += st.n
		if st.complement {
			g.complements++
		}
		sp.legal = sp.legal || st.legal
		if st.quoted != "" {
			sp.quoted = st.quoted
		}
		if st.verdict == instEnd {
			break
		}
	}
	return j, true
}

// instLineEnd: a name ends at a line break ("Urząd Gminy Kolno\n…"), and
// in a line written in capitals.
func (d *doc) instLineEnd(_ instDraft, j int) instStep {
	return instEndIf(d.toks[j].kind == tBreak || d.shout[j])
}

// instLegalForm: a legal form closes a firm's name ("Grupa Azoty S.A.").
func (d *doc) instLegalForm(_ instDraft, j int) instStep {
	if n := legalFormAt(d.toks, j); n > 0 {
		return instStep{verdict: instEnd, n: n, legal: true}
	}
	return instStep{}
}

// instBranchAfterComma: a branch in apposition after a comma, in the case
// of the head and with its place ("Politechniki Warszawskiej, Filii w
// Płocku").
func (d *doc) instBranchAfterComma(g instDraft, j int) instStep {
	toks := d.toks
	if toks[j].text != "," || g.complements > 0 || g.branch > 0 || j+2 >= len(toks) {
		return instStep{}
	}
	b, ok := branchReading(toks[j+1].lower, g.h.gcase)
	if !ok || d.trailingPlace(j+2) == 0 {
		return instStep{}
	}
	return instStep{verdict: instGrow, n: 2, branch: j + 1, branchHead: b}
}

// instFieldList: a list of fields after a comma stays in the name
// ("Wydziału Budownictwa, Mechaniki i Petrochemii").
func (d *doc) instFieldList(g instDraft, j int) instStep {
	if d.toks[j].text != "," || g.complements == 0 {
		return instStep{}
	}
	if n := d.fieldList(j); n > 0 {
		return instStep{verdict: instGrow, n: n, complement: true}
	}
	return instStep{}
}

// instQuotedName: a quoted proper part ends the name, with a legal form
// after it ("Stowarzyszenie „Dolina Lotnicza”").
func (d *doc) instQuotedName(_ instDraft, j int) instStep {
	toks := d.toks
	if toks[j].kind != tPunct || !isOpenQuote(toks[j].text) {
		return instStep{}
	}
	k := closingQuote(toks, j)
	if k <= 0 {
		return instStep{}
	}
	st := instStep{verdict: instEnd, n: k + 1 - j, quoted: strings.TrimSpace(d.text[toks[j+1].start:toks[k-1].end])}
	if n := legalFormAt(toks, k+1); n > 0 {
		st.n += n
		st.legal = true
	}
	return st
}

// instDashedPair: two capitalised words joined by a dash after a
// complement ("Stowarzyszenie Gmin Polska – Wschód").
func (d *doc) instDashedPair(g instDraft, j int) instStep {
	toks := d.toks
	t := toks[j]
	return instGrowIf(t.kind == tPunct && isDash([]rune(t.text)[0]) && g.complements > 0 && j > 0 && toks[j-1].cap &&
		j+1 < len(toks) && toks[j+1].cap && toks[j+1].kind == tWord && !(j+2 < len(toks) && toks[j+2].kind == tWord && toks[j+2].cap), 2, false)
}

// instPunctuationEnds: any other punctuation ends the name ("Urząd
// Gminy Kolno, który …").
func (d *doc) instPunctuationEnds(_ instDraft, j int) instStep {
	return instEndIf(d.toks[j].kind == tPunct)
}

// instModelNumber: a model or technology name of a number and capitals
// after a complement ("Centrum Druku 3D").
func (d *doc) instModelNumber(g instDraft, j int) instStep {
	toks := d.toks
	t := toks[j]
	return instGrowIf(t.kind == tNum && g.complements > 0 && j+1 < len(toks) && toks[j+1].start == t.end && alnumModel(t.text+toks[j+1].text), 2, false)
}

// instNumberEnds: any other number ends the name ("Rady Miasta 15
// maja").
func (d *doc) instNumberEnds(_ instDraft, j int) instStep {
	return instEndIf(d.toks[j].kind == tNum)
}

// instCoordination: "i" joins two parts of one name, not two names
// ("Ministerstwo Infrastruktury i Rozwoju"): after an adjective or a
// complement, before a capitalised word that starts no person, no head
// in the head's case and no other name with a head.
func (d *doc) instCoordination(g instDraft, j int) instStep {
	toks := d.toks
	if toks[j].lower != "i" || toks[j].cap || j+1 >= len(toks) || toks[j+1].kind != tWord || !toks[j+1].cap || d.startsPerson(j+1) {
		return instStep{}
	}
	if sameCaseHead(toks[j+1].lower, g.h) || g.complements+g.adjEnd-g.head-1 <= 0 || d.headAhead(j+1) {
		return instStep{}
	}
	return instStep{verdict: instGrow, n: 2, complement: true}
}

// instNaRzecz: "na Rzecz" and what it is for ("Stowarzyszenie na Rzecz
// Rozwoju Gminy Kolno").
func (d *doc) instNaRzecz(_ instDraft, j int) instStep {
	toks := d.toks
	return instGrowIf(toks[j].lower == "na" && !toks[j].cap && j+2 < len(toks) && toks[j+1].lower == "rzecz" && toks[j+2].cap && toks[j+2].kind == tWord, 2, true)
}

// instSchoolNumber: a number after "nr" ("Szkoła Podstawowa nr 3").
func (d *doc) instSchoolNumber(_ instDraft, j int) instStep {
	toks := d.toks
	return instGrowIf(toks[j].lower == "nr" && !toks[j].cap && j+1 < len(toks) && toks[j+1].kind == tNum, 2, true)
}

// instPatron: the patron after "im." or "nr.", titles and all
// ("Szkoła Podstawowa im. prof. Jana Szyszko"). With no patron after them
// the name ends after the titles read.
func (d *doc) instPatron(_ instDraft, j int) instStep {
	toks := d.toks
	low := toks[j].lower
	if low != "im" && low != "nr" || toks[j].cap || j+1 >= len(toks) || toks[j+1].text != "." {
		return instStep{}
	}
	k := j
	for k+3 < len(toks) && isTitle(toks[k+2].lower) && toks[k+3].text == "." {
		k += 2 // the patron's titles, each with its dot
	}
	if k+2 >= len(toks) || !toks[k+2].cap && toks[k+2].kind != tNum {
		return instStep{verdict: instEnd, n: k - j}
	}
	return instStep{verdict: instGrow, n: d.capitalisedUntil(k+3) - j, complement: true}
}

// capitalisedUntil returns the end of the capitalised words from token k
// on, in a line not written in capitals.
func (d *doc) capitalisedUntil(k int) int {
	for k < len(d.toks) && d.toks[k].kind == tWord && d.toks[k].cap && !d.shout[k] {
		k++
	}
	return k
}

// instDsMatters: "ds." and the lower-case matters it names ("Biuro ds.
// współpracy zagranicznej").
func (d *doc) instDsMatters(_ instDraft, j int) instStep {
	toks := d.toks
	if toks[j].lower != "ds" || toks[j].cap || j+1 >= len(toks) || toks[j+1].text != "." {
		return instStep{}
	}
	k := j + 2
	for k < len(toks) && toks[k].kind == tWord && !toks[k].cap && !isPreposition(toks[k].lower) && k-j < 8 {
		k++
	}
	if k == j+2 {
		return instStep{}
	}
	return instStep{verdict: instGrow, n: k - j, complement: true}
}

// instUnitName: a territorial unit in lower case and its name ("Urząd
// miasta Płocka").
func (d *doc) instUnitName(_ instDraft, j int) instStep {
	toks := d.toks
	unit := toks[j].lower == "miasta" || toks[j].lower == "gminy" || toks[j].lower == "powiatu"
	return instGrowIf(unit && !toks[j].cap && j+1 < len(toks) && toks[j+1].cap && toks[j+1].kind == tWord, 2, true)
}

// instDegree: "stopnia" after a Roman numeral ("Szkoła Muzyczna I
// stopnia").
func (d *doc) instDegree(_ instDraft, j int) instStep {
	return instGrowIf(d.toks[j].lower == "stopnia" && !d.toks[j].cap && j > 0 && isRoman(d.toks[j-1].text), 1, false)
}

// instLowerCaseEnds: any other lower-case word ends the name ("Urząd
// Gminy Kolno ogłaszając …").
func (d *doc) instLowerCaseEnds(_ instDraft, j int) instStep {
	return instEndIf(!d.toks[j].cap)
}

// instCapitalsEnd: a word in capitals that is neither an acronym nor a
// Roman numeral ends the name ("Urząd Gminy Kolno ZAPRASZA").
func (d *doc) instCapitalsEnd(_ instDraft, j int) instStep {
	t := d.toks[j]
	return instEndIf(t.allCaps && utf8.RuneCountInString(t.text) > 1 && !isRoman(t.text) && !isAcronym(t))
}

// instGoverningBody: the board or office of an institution named after it
// is no entity of its own; the institution is ("Zarządu Związku Gmin
// Wiejskich", "Rady PPP-T").
func (d *doc) instGoverningBody(g instDraft, j int) instStep {
	t := d.toks[j]
	if g.complements > 0 || g.adjEnd != g.head+1 || !governingBodies[g.h.lemma] {
		return instStep{}
	}
	if isAcronym(t) || len(headForms[t.lower]) > 0 || d.nestedHeadAt(j) {
		return instStep{verdict: instRefuse}
	}
	return instStep{}
}

// instBranchApposition: a branch in apposition, in the case of the head,
// with its adjectives ("Politechniki Warszawskiej Filii w Płocku").
func (d *doc) instBranchApposition(g instDraft, j int) instStep {
	toks := d.toks
	if g.complements > 0 || g.branch > 0 || branchHeads[g.h.lemma] {
		return instStep{}
	}
	b, ok := branchReading(toks[j].lower, g.h.gcase)
	if !ok {
		return instStep{}
	}
	k := j + 1
	for k < len(toks) && toks[k].kind == tWord && adjAgrees(toks[k].lower, b.gender, b.gcase) && len(headForms[toks[k].lower]) == 0 &&
		(toks[k].cap || properAdjective(toks[k].lower)) {
		k++
	}
	return instStep{verdict: instGrow, n: k - j, branch: j, branchHead: b}
}

// instParentAcronym: the acronym of the parent institution ends a unit's
// name ("Wydział Innowacyjności UMWM").
func (d *doc) instParentAcronym(g instDraft, j int) instStep {
	return instEndIf(isAcronym(d.toks[j]) && g.complements > 0 && !d.continuesName(j+1))
}

// instFunctionEnds: a function in the nominative starts a person's title,
// not a complement ("Urzędu Gminy Kolno | Wójt Jan Kowalski").
func (d *doc) instFunctionEnds(_ instDraft, j int) instStep {
	rf, ok := roleForms[d.toks[j].lower]
	return instEndIf(ok && rf.gcase == polish.Nom)
}

// instTitleEnds: a title starts a person ("Rady Miejskiej | Pani Anna
// Nowak").
func (d *doc) instTitleEnds(_ instDraft, j int) instStep {
	_, ok := titles[d.toks[j].lower]
	return instEndIf(ok)
}

// instPersonEnds: a person's name after the name ends it ("Rady Miejskiej
// | Jan Fryc"), but a patron in the genitive right after the head belongs
// to it ("Uniwersytetu Adama Mickiewicza").
func (d *doc) instPersonEnds(g instDraft, j int) instStep {
	return instEndIf(d.startsPerson(j) &&
		(g.complements > 0 || g.adjEnd > g.head+1 || !hasGenitiveReading(d.given(d.toks[j].lower))))
}

// instNestedUnit: a head in the genitive after a complement starts a unit
// of its own ("Wydziału Innowacyjności | Departamentu Rozwoju"); a head
// in the nominative stays in the name (Stowarzyszenie Gmin RP Euroregion
// „Niemen”).
func (d *doc) instNestedUnit(g instDraft, j int) instStep {
	hs := headForms[d.toks[j].lower]
	return instEndIf(len(hs) > 0 && g.complements > 0 && hasCase(hs, polish.Gen))
}

// instNextNameAdjective: an adjective that agrees with a head right after
// it opens the next name ("Urząd Gminy Kolno | Mazowiecka Izba
// Rolnicza"), unless it agrees with the complement before it
// (Departamentu Współpracy Międzynarodowej Administracji …).
func (d *doc) instNextNameAdjective(g instDraft, j int) instStep {
	toks := d.toks
	low := toks[j].lower
	if j+1 >= len(toks) || !adjectiveLike(low) || len(headForms[toks[j+1].lower]) == 0 || !toks[j+1].cap {
		return instStep{}
	}
	agrees := false
	for _, h2 := range headForms[toks[j+1].lower] {
		agrees = agrees || adjAgrees(low, h2.gender, h2.gcase)
	}
	return instEndIf(agrees && !(g.complements > 0 && d.modifiesNoun(j-1, low)))
}

// instMonthEnds: a month's name is a date, not a complement ("Sesja Rady
// Gminy | Maj 2015").
func (d *doc) instMonthEnds(_ instDraft, j int) instStep {
	_, ok := monthForms[d.toks[j].lower]
	return instEndIf(ok)
}

// instComplement: any other capitalised word is a complement of the name
// ("Urząd Gminy Kolno").
func (d *doc) instComplement(_ instDraft, _ int) instStep {
	return instStep{verdict: instGrow, n: 1, complement: true}
}
