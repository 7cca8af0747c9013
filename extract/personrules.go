package extract

import "unicode/utf8"

// personDraft is a person's name as it is being read from token i: the
// words before it, the first word's readings as a given name, and the
// parts read so far. Each rule gets the draft and returns it, read on or
// not; personAt alone keeps it.
type personDraft struct {
	i        int
	hint     contextHint   // the title or function before the name
	readings []nameReading // of the first word as a given name; none for an unknown (foreign) one
	givenN   int           // given names read from i: 1 or 2 (Gustaw Marek)
	initial  int           // a middle initial and its dot (John F. Kennedy), or 0
	at       int           // where the surname starts, after the given names and the initial
	particle int           // particles of the surname at at (ten, van, de)
	last     int           // the surname's last word
	middle   int           // a middle name before the surname (Carl Gustav Jung), or 0
	out      personSpan    // the person, once a rule has finished the name
}

// personVerdict is what a rule makes of the draft.
type personVerdict uint8

const (
	personPass   personVerdict = iota // the rule does not apply
	personRead                        // the rule read a part of the name: go on
	personRefuse                      // no person's name starts here
	personDone                        // the name is read; the person is in the draft
)

// personRule is one named step of reading a person's name. Adding a
// pattern is adding one rule to personRules (with its example in a
// comment) and one row to TestPersonRules.
type personRule struct {
	name string
	read func(d *doc, p personDraft) (personDraft, personVerdict)
}

// personRules are tried in order at a capitalised word: the first rules
// refuse what no name can be, the next read the given names, an initial
// and the surname, the last ones finish the person; the first rule that
// refuses or finishes ends the reading.
var personRules = []personRule{
	{"secondWord", (*doc).personSecondWord},
	{"townName", (*doc).personTownName},
	{"givenName", (*doc).personGivenName},
	{"dictionaryMaleName", (*doc).personDictionaryMaleName},
	{"unknownNeedsContext", (*doc).personUnknownNeedsContext},
	{"unknownNotNominal", (*doc).personUnknownNotNominal},
	{"foreignNameGoesOn", (*doc).personForeignNameGoesOn},
	{"nameStartsLater", (*doc).personNameStartsLater},
	{"secondGivenName", (*doc).personSecondGivenName},
	{"regnalNumber", (*doc).personRegnalNumber},
	{"middleInitial", (*doc).personMiddleInitial},
	{"particles", (*doc).personParticles},
	{"surname", (*doc).personSurname},
	{"unknownStandsAlone", (*doc).personUnknownStandsAlone},
	{"middleName", (*doc).personMiddleName},
	{"initialForSurname", (*doc).personInitialForSurname},
	{"fullName", (*doc).personFullName},
}

// personAt tries to read a person's name starting at token i, by
// personRules.
func (d *doc) personAt(i int) (personSpan, bool) {
	p := personDraft{i: i}
	for _, r := range personRules {
		var v personVerdict
		p, v = r.read(d, p)
		if v == personPass {
			continue
		}
		d.fire(r.name)
		switch v {
		case personRefuse:
			return personSpan{}, false
		case personDone:
			return p.out, true
		}
	}
	return personSpan{}, false
}

// refuseIf is the verdict of a rule that refuses the name where cond
// holds and passes elsewhere.
func refuseIf(cond bool) personVerdict {
	if cond {
		return personRefuse
	}
	return personPass
}

// personSecondWord: a name needs a second capitalised word, or a particle,
// after the first; cheap to check before asking the dictionary ("Jan
// przyszedł" names no one).
func (d *doc) personSecondWord(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	i := p.i
	return p, refuseIf(i+1 >= len(toks) || toks[i+1].kind != tWord || !(toks[i+1].cap || nameParticles[toks[i+1].lower]))
}

// personTownName: a town of several words is no man ("mieszkańcy
// Kazimierza Dolnego").
func (d *doc) personTownName(p personDraft) (personDraft, personVerdict) {
	_, n := d.multiLocalityAt(p.i)
	return p, refuseIf(n >= 2)
}

// personGivenName: the first word's readings as a given name and the
// title or function before it ("pana Huguesa", "Burmistrzem Thomasem");
// the first word is the first given name.
func (d *doc) personGivenName(p personDraft) (personDraft, personVerdict) {
	p.hint = d.hintBefore(p.i)
	p.readings = d.given(d.toks[p.i].lower)
	p.givenN, p.at = 1, p.i+1
	return p, personRead
}

// personDictionaryMaleName: a man's name the dictionary knows, though not
// as a registered first name, before a surname ("Huguesa Labara" →
// Hugues).
func (d *doc) personDictionaryMaleName(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	i := p.i
	first := toks[i]
	if run := d.capRun(i); len(p.readings) > 0 || run != 2 && run != 3 || d.lex.common(d.word(i+1)) && !d.lex.person(d.word(i+1)) {
		return p, personPass
	}
	if !plausibleNameWord(first) || !plausibleNameWord(toks[i+1]) || adjectiveLike(first.lower) || len(d.given(toks[i+1].lower)) > 0 {
		return p, personPass
	}
	p.readings = d.lex.maleNameReadings(first.text)
	if len(p.readings) == 0 {
		return p, personPass
	}
	return p, personRead
}

// personUnknownNeedsContext: an unknown given name needs a title or a
// function before the name, or a function after it ("pan Hugues Labar",
// "Franck Pezza – Delegat"); two capitalised words alone are no person
// ("Kolejowa Ochrona").
func (d *doc) personUnknownNeedsContext(p personDraft) (personDraft, personVerdict) {
	return p, refuseIf(len(p.readings) == 0 && !p.hint.found && !d.roleAfter(p.i))
}

// personUnknownNotNominal: an unknown name is made of words that may be
// names: no adjective in an oblique case and no unit or institution noun
// ("dyrektor Lotniczej Akademii").
func (d *doc) personUnknownNotNominal(p personDraft) (personDraft, personVerdict) {
	if len(p.readings) > 0 {
		return p, personPass
	}
	first := d.toks[p.i]
	return p, refuseIf(!plausibleNameWord(first) || !d.nominalLooking(first.lower) || !d.nominalLooking(d.word(p.i+1)))
}

// personForeignNameGoesOn: an unknown name after an unknown capitalised
// word inside a sentence continues a foreign name, not a person ("pan
// Airport Cleaning Service"); after a known word (ambasador Niemiec
// Viktorię Elbling) it may start one.
func (d *doc) personForeignNameGoesOn(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	i := p.i
	if len(p.readings) > 0 || i == 0 || toks[i-1].kind != tWord || !toks[i-1].cap || sentenceStart(toks, i-1) {
		return p, personPass
	}
	prev := toks[i-1].lower
	_, role := roleForms[prev]
	_, place := d.x.gaz.has(prev)
	return p, refuseIf(!role && !place && !isTitle(prev) && len(d.lex.analyses(prev)) == 0)
}

// personNameStartsLater: after a function, an unknown word before a known
// given name belongs to the function; the name starts later ("Burmistrz
// Kolbuszowej Grzegorz Romaniuk").
func (d *doc) personNameStartsLater(p personDraft) (personDraft, personVerdict) {
	next := d.toks[min(p.i+1, len(d.toks)-1)]
	return p, refuseIf(len(p.readings) == 0 && len(d.given(next.lower)) > 0 && p.hint.found && d.capRun(p.i) >= 3)
}

// personSecondGivenName: a second known given name before a capitalised
// word ("Gustaw Marek Nowak").
func (d *doc) personSecondGivenName(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	j := p.at
	if j+1 >= len(toks) || toks[j].kind != tWord || !toks[j].cap || len(d.given(toks[j].lower)) == 0 || len(p.readings) == 0 {
		return p, personPass
	}
	if toks[j+1].kind != tWord || !toks[j+1].cap || !plausibleNameWord(toks[j+1]) && !surnameLikePlace(toks[j+1]) {
		return p, personPass
	}
	p.givenN++
	p.at++
	return p, personRead
}

// personRegnalNumber: a regnal number after a known given name names a
// king or a pope, in a man's name ("Jan Paweł II", "Ludwika XIV").
func (d *doc) personRegnalNumber(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	j := p.at
	if len(p.readings) == 0 || j >= len(toks) || toks[j].kind != tWord || !toks[j].allCaps || !isRoman(toks[j].text) {
		return p, personPass
	}
	r := pickReading(masculine(p.readings), p.hint, "")
	p.out = personSpan{i: p.i, j: j + 1, gender: r.gender, gcase: r.gcase, surname: toks[j].text}
	for k := range p.givenN {
		g := toks[p.i+k]
		rk := r
		if k > 0 {
			rk = pickReading(d.given(g.lower), contextHint{found: true, gcase: r.gcase, gender: r.gender}, "")
		}
		p.out.given = append(p.out.given, givenNominative(g, rk))
	}
	return p, personDone
}

// personMiddleInitial: a middle initial with its dot after a known given
// name, before a word that is no common one ("John F. Kennedy"; but
// "Mirosława G. Ponadto" ends a sentence).
func (d *doc) personMiddleInitial(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	j := p.at
	if len(p.readings) == 0 || j+2 >= len(toks) || toks[j].kind != tWord || utf8.RuneCountInString(toks[j].text) != 1 || !toks[j].cap {
		return p, personPass
	}
	if toks[j+1].text != "." || toks[j+2].kind != tWord || !toks[j+2].cap || d.commonWord(toks[j+2].text) {
		return p, personPass
	}
	p.initial = j
	p.at += 2
	return p, personRead
}

// personParticles: up to two particles before a capitalised surname
// ("Caspar ten Dam", "Ludwig van Beethoven").
func (d *doc) personParticles(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	j := p.at
	for j < len(toks) && toks[j].kind == tWord && nameParticles[toks[j].lower] && j+1 < len(toks) && toks[j+1].cap && j-p.at < 2 {
		j++
	}
	if j == p.at {
		return p, personPass
	}
	p.particle = j - p.at
	return p, personRead
}

// personSurname: the surname, a capitalised word that may be a name, or a
// place's name after a known given name ("Anna Moskwa"); none, no person
// ("Jan Urzędu" is not a name).
func (d *doc) personSurname(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	j := p.at + p.particle
	if j >= len(toks) || toks[j].kind != tWord || !toks[j].cap || d.inInst[j] {
		return p, personRefuse
	}
	if !plausibleNameWord(toks[j]) && !(len(p.readings) > 0 && surnameLikePlace(toks[j])) {
		return p, personRefuse
	}
	p.last = j
	return p, personRead
}

// personUnknownStandsAlone: an unknown given name needs the name to stand
// alone, exactly the given name and the surname between lower-case words
// ("pan Hugues Labar", not "pan Hugues Labar Junior").
func (d *doc) personUnknownStandsAlone(p personDraft) (personDraft, personVerdict) {
	return p, refuseIf(len(p.readings) == 0 && d.capRun(p.i) != p.last-p.i+1)
}

// personMiddleName: one more capitalised name word closes the run, and
// the word before it is a middle name ("Carl Gustav Jung", "Franklin
// Delano Roosevelt").
func (d *doc) personMiddleName(p personDraft) (personDraft, personVerdict) {
	j := p.last
	if len(p.readings) == 0 || p.particle > 0 || !d.closingNameWord(j+1) {
		return p, personPass
	}
	p.middle = j
	p.at, p.last = j+1, j+1
	return p, personRead
}

// closingNameWord reports whether token k is a capitalised word that may
// close a person's name: a name word, no acronym, no common word, outside
// institutions' and streets' names, starting no other person, with no
// capitalised word after it.
func (d *doc) closingNameWord(k int) bool {
	toks := d.toks
	if k >= len(toks) || toks[k].kind != tWord || !toks[k].cap || d.inInst[k] || d.street[k] {
		return false
	}
	t := toks[k]
	if !plausibleNameWord(t) || isAcronym(t) || d.startsPerson(k) || d.lex.common(t.lower) && !d.lex.person(t.lower) {
		return false
	}
	return !(k+1 < len(toks) && toks[k+1].kind == tWord && toks[k+1].cap)
}

// personInitialForSurname: an initial for a surname keeps its dot
// ("Józefa K." → Józef K.).
func (d *doc) personInitialForSurname(p personDraft) (personDraft, personVerdict) {
	toks := d.toks
	j := p.last + 1
	if p.last != p.at || utf8.RuneCountInString(toks[p.last].text) != 1 || j >= len(toks) || toks[j].text != "." {
		return p, personPass
	}
	p.out = d.buildPerson(p.i, j+1, d.givenTokens(p), nil, d.personReading(p))
	p.out.surname = toks[p.last].text + "."
	return p, personDone
}

// personFullName: the given names and the surname, in the nominative of
// the reading the context and the surname's ending tell ("Huguesa
// Labara" → Hugues Labar).
func (d *doc) personFullName(p personDraft) (personDraft, personVerdict) {
	p.out = d.buildPerson(p.i, p.last+1, d.givenTokens(p), d.toks[p.at:p.last+1], d.personReading(p))
	if p.initial > 0 {
		p.out.given = append(p.out.given, d.toks[p.initial].text+".")
	}
	return p, personDone
}

// givenTokens gives the draft's given names, the middle name last.
func (d *doc) givenTokens(p personDraft) []token {
	given := d.toks[p.i : p.i+p.givenN : p.i+p.givenN]
	if p.middle > 0 {
		given = append(given, d.toks[p.middle])
	}
	return given
}

// personReading chooses the reading of the name: the case the title
// shows, else the surname's ending, else the nominative; for an unknown
// given name, a guess from the title and both words' endings.
func (d *doc) personReading(p personDraft) nameReading {
	first, sur := d.toks[p.i].lower, d.toks[p.last].lower
	if len(p.readings) > 0 {
		return pickReading(p.readings, p.hint, sur)
	}
	return guessReading(first, sur, p.hint)
}
