package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// People from the tagger's spans, named with the rules' declension.

// namePart is one word of a person's name, or an initial (J.).
type namePart struct {
	tok     token
	initial bool
}

// text gives the part as the name writes it: an initial with its dot.
func (p namePart) text() string {
	if p.initial {
		return p.tok.text + "."
	}
	return p.tok.text
}

// nameParts reads the tokens [i, j) of a person's name, titles before it
// left out, an initial's dot taken in even when it lies past j. It fails
// on anything but capitalised words, name particles and initials.
func (d *doc) nameParts(i, j int) (start, end int, parts []namePart, ok bool) {
	toks := d.toks
	for i < j && (isTitle(toks[i].lower) || toks[i].text == ".") {
		i++
	}
	start, end = i, j
	for k := i; k < j; k++ {
		t := toks[k]
		switch {
		case t.kind == tWord && t.cap && utf8.RuneCountInString(t.text) == 1 && k+1 < len(toks) && toks[k+1].text == ".":
			parts = append(parts, namePart{tok: t, initial: true})
			k++
			end = max(end, k+1)
		case len(parts) > 0 && parts[len(parts)-1].initial && t.kind == tWord && d.commonWord(t.text):
			// T. Cóż: after an initial's dot, a common word starts the
			// next sentence
			return start, k, parts, len(parts) > 1
		case t.kind == tWord && (t.cap && !t.allCaps || nameParticles[t.lower] && len(parts) > 0):
			if len(parts) > 0 && strings.EqualFold(parts[len(parts)-1].tok.text, t.text) {
				return 0, 0, nil, false // Robert Robert: a repetition, no name and surname
			}
			parts = append(parts, namePart{tok: t})
		default:
			return 0, 0, nil, false
		}
	}
	return start, end, parts, len(parts) > 0
}

// taggedPerson makes a person of a span of two words or more (Marka
// Hendersona → Mark Henderson, Jerzy G.); it reports false for a span of
// one word, left for taggedSingleName.
func (d *doc) taggedPerson(s taggedSpan) bool {
	start, end, parts, ok := d.nameParts(s.i, s.j)
	if !ok {
		return true // nothing to make a person of
	}
	if len(parts) == 1 && !parts[0].initial {
		return false
	}
	// the surname is the last word with the particles before it (van der
	// Rohe), or a last initial (Jerzy G.); the words before are given
	// names, initials among them kept as written
	sur := len(parts) - 1
	for sur > 0 && !parts[sur].initial && nameParticles[parts[sur-1].tok.lower] {
		sur--
	}
	var given, surname []token
	var firstWord *token
	for _, p := range parts[:sur] {
		if !p.initial && firstWord == nil {
			t := p.tok
			firstWord = &t
		}
	}
	for _, p := range parts[sur:] {
		surname = append(surname, p.tok)
	}
	hint := d.hintBefore(start)
	last := surname[len(surname)-1]
	if firstWord != nil && !hint.found && len(d.given(firstWord.lower)) == 0 && (d.lex.surnameForm(firstWord.text) || d.lex.knownCommon(firstWord.text)) {
		// Urban Lab, Music Polska: without a title, a name starts with a
		// given name, known or foreign, not with a surname or a common
		// word
		return true
	}
	var r nameReading
	switch {
	case firstWord == nil:
		r = d.surnameReading(last, hint)
	default:
		if rs := d.given(firstWord.lower); len(rs) > 0 {
			r = pickReading(rs, hint, last.lower)
		} else {
			r = guessReading(firstWord.lower, last.lower, hint)
		}
	}
	var p personSpan
	if parts[len(parts)-1].initial {
		// Jerzy G.: the given names decline, the initial stays
		for _, q := range parts[:sur] {
			if !q.initial {
				given = append(given, q.tok)
			}
		}
		p = d.buildPerson(start, end, given, nil, r)
		p.surname = parts[len(parts)-1].text()
	} else {
		for _, q := range parts[:sur] {
			if !q.initial {
				given = append(given, q.tok)
			}
		}
		p = d.buildPerson(start, end, given, surname, r)
	}
	// initials keep their place among the given names (J. Kowalski, John
	// F. Kennedy)
	var names []string
	g := 0
	for _, q := range parts[:sur] {
		if q.initial {
			names = append(names, q.text())
		} else if g < len(p.given) {
			names = append(names, p.given[g])
			g++
		}
	}
	p.given = names
	d.notePerson(p)
	return true
}

// notePerson records a person found by the tagger, with its roles.
func (d *doc) notePerson(p personSpan) {
	p.roles = d.rolesOf(p)
	d.markPerson(d.addPerson(p), p.i, p.j)
}

// taggedSingleName makes a person of one word: a given name alone (papież
// Franciszek) or, mostly, a surname alone (Trumpa → Trump, Dudy → Duda,
// Tuska → Tusk), read in the case and gender the words before it show
// or its ending tells.
func (d *doc) taggedSingleName(s taggedSpan) {
	start, end, parts, ok := d.nameParts(s.i, s.j)
	if !ok || len(parts) != 1 || parts[0].initial {
		return
	}
	w := parts[0].tok
	hint := d.hintBefore(start)
	if rs := d.given(w.lower); len(rs) > 0 {
		r := pickReading(rs, hint, "")
		d.notePerson(personSpan{i: start, j: end, surname: givenNominative(w, r), gender: r.gender, gcase: r.gcase})
		return
	}
	r := d.surnameReading(w, hint)
	d.notePerson(d.buildPerson(start, end, nil, []token{w}, r))
}

// surnameReading guesses the gender and case of a surname named without
// a given name: from the title or function before it (prezydenta Dudy,
// pani Merkel), else from the dictionary, else from its ending, a man's
// name by default (Trumpa, Tuskowi, Kaczyńskim).
func (d *doc) surnameReading(w token, hint contextHint) nameReading {
	r := nameReading{gender: hint.gender, gcase: hint.gcase}
	if r.gender != 0 && r.gcase != 0 {
		return r
	}
	for _, a := range d.lex.analyses(w.text) {
		if !a.Proper() || !a.Tag.IsNoun() || !a.Tag.Numbers().Has(polish.Sg) || !(a.Surname() || a.FirstName() || a.Tag.Genders().Any(polish.M1)) {
			continue
		}
		g := polish.Masculine
		if a.Tag.Genders().Any(polish.F) && !a.Tag.Genders().Any(polish.M1) {
			g = polish.F
		}
		if r.gender != 0 && r.gender != g {
			continue
		}
		for _, c := range allCases {
			if a.Tag.Cases().Has(c) && (r.gcase == 0 || r.gcase == c) {
				return nameReading{gender: g, gcase: c}
			}
		}
	}
	low := w.lower
	if r.gender == 0 {
		r.gender = polish.Masculine
		if strings.HasSuffix(low, "ej") || strings.HasSuffix(low, "ą") {
			r.gender = polish.F // Kowalskiej, Tuśką
		}
	}
	if r.gcase != 0 {
		return r
	}
	r.gcase = polish.Nom
	switch {
	case strings.HasSuffix(low, "owi") || strings.HasSuffix(low, "emu"):
		r.gcase = polish.Dat
	case strings.HasSuffix(low, "em") || strings.HasSuffix(low, "im") || strings.HasSuffix(low, "ą"):
		r.gcase = polish.Inst
	case strings.HasSuffix(low, "ego") || strings.HasSuffix(low, "ej"):
		r.gcase = polish.Gen
	case strings.HasSuffix(low, "y") && r.gender == polish.Masculine && utf8.RuneCountInString(low) > 3:
		r.gcase = polish.Gen // Dudy → Duda
	case mascGenitiveSurname(low) && r.gender == polish.Masculine:
		r.gcase = polish.Gen // Trumpa → Trump
	}
	return r
}
