package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// personSpan is one mention of a person with a full name.
type personSpan struct {
	i, j    int // token span of the name itself
	given   []string
	surname string
	gender  polish.Gender
	gcase   polish.Case
	roles   []string
}

// startsPerson reports whether token i begins a "Given Surname" pair.
func (d *doc) startsPerson(i int) bool {
	if i+1 >= len(d.toks) {
		return false
	}
	t := d.toks[i]
	if t.kind != tWord || !t.cap || len(d.given(t.lower)) == 0 {
		return false
	}
	n := d.toks[i+1]
	return n.kind == tWord && n.cap && len(headForms[n.lower]) == 0
}

// findPeople finds people named with a given name and a surname, or with
// an unknown (foreign) given name after a title or a function.
func (d *doc) findPeople() {
	toks := d.toks
	for i := 0; i < len(toks); i++ {
		if d.inInst[i] || d.inPerson[i] >= 0 || d.street[i] {
			continue
		}
		t := toks[i]
		if t.kind != tWord || !t.cap || d.shout[i] {
			continue
		}
		p, ok := d.personAt(i)
		if !ok {
			continue
		}
		p.roles = d.rolesOf(p)
		idx := d.addPerson(p)
		d.markPerson(idx, p.i, p.j)
		i = p.j - 1
	}
}

// contextHint is what the words before a name say about it: whether a
// title or a function stands there, and the case and gender they show.
type contextHint struct {
	found  bool
	gcase  polish.Case   // 0: not shown
	gender polish.Gender // 0: not shown
}

// hintBefore looks at the title or function word right before token i
// (pana Huguesa, Burmistrzem Thomasem, pani Agnieszka, dr Igorem).
func (d *doc) hintBefore(i int) contextHint {
	k := i - 1
	var h contextHint
	for k >= 0 && k >= i-4 {
		t := d.toks[k]
		if t.kind == tPunct && t.text == "." {
			k--
			continue
		}
		if t.kind != tWord {
			break
		}
		if ti, ok := titles[t.lower]; ok && d.titleAt(k) {
			h.found = true
			if h.gcase == 0 {
				h.gcase = ti.gcase
			}
			if h.gender == 0 {
				h.gender = ti.gender
			}
			k--
			continue
		}
		if g, ok := speechVerbs[t.lower]; ok && k == i-1 {
			// "– … – powiedział Ołeh Kozak": the speaker, in the nominative
			h.found, h.gcase, h.gender = true, polish.Nom, g
			break
		}
		if rf, ok := roleForms[t.lower]; ok {
			h.found = true
			if h.gcase == 0 {
				h.gcase = rf.gcase
			}
			if h.gender == 0 {
				h.gender = rf.gender
				if rf.gender == polish.Masculine && !strings.HasSuffix(rf.lemma, "y") {
					h.gender = 0 // masculine function nouns serve women too
				}
			}
		}
		break
	}
	if h.found {
		return h
	}
	// a function phrase a few words back: "Zastępca Mera Winnicy Walerij"
	for k := i - 1; k >= 0 && k >= i-10; k-- {
		t := d.toks[k]
		if t.kind == tPunct && (t.text == "," || t.text == "–" || t.text == "-") && k == i-1 {
			continue
		}
		if t.kind != tWord {
			break
		}
		if rf, ok := roleForms[t.lower]; ok {
			h.found = true
			h.gcase = rf.gcase
			h.gender = 0
			if rf.gender == polish.F {
				h.gender = polish.F
			}
			return h
		}
		if !t.cap && !isPreposition(t.lower) && !lowerRoleWord(t.lower) {
			break
		}
	}
	return h
}

// personAt tries to read a person's name starting at token i.
func (d *doc) personAt(i int) (personSpan, bool) {
	toks := d.toks
	// a name needs a second capitalised word (or a particle) after the
	// first: cheap to check before asking the dictionary
	if i+1 >= len(toks) || toks[i+1].kind != tWord || !(toks[i+1].cap || nameParticles[toks[i+1].lower]) {
		return personSpan{}, false
	}
	if _, n := d.multiLocalityAt(i); n >= 2 {
		return personSpan{}, false // Kazimierza Dolnego, Wodzisław Śląski: a town, not a man
	}
	hint := d.hintBefore(i)
	first := toks[i]
	readings := d.given(first.lower)
	if run := d.capRun(i); len(readings) == 0 && (run == 2 || run == 3) && (!d.lex.common(d.word(i+1)) || d.lex.person(d.word(i+1))) &&
		plausibleNameWord(first) && plausibleNameWord(toks[i+1]) && !adjectiveLike(first.lower) && len(d.given(toks[i+1].lower)) == 0 {
		// Huguesa Labara: a name of a man the dictionary knows (Hugues),
		// though not as a registered first name, and a surname after it
		readings = d.lex.maleNameReadings(first.text)
	}
	if len(readings) == 0 && !hint.found && !d.roleAfter(i) {
		return personSpan{}, false
	}
	if len(readings) == 0 && (!plausibleNameWord(first) || !d.nominalLooking(first.lower) || !d.nominalLooking(d.word(i+1))) {
		return personSpan{}, false
	}
	if len(readings) == 0 && i > 0 && toks[i-1].kind == tWord && toks[i-1].cap && !sentenceStart(toks, i-1) {
		// Airport Cleaning Service: an unknown name after an unknown
		// capitalised word continues a foreign name, not a person; after a
		// known word (ambasador Niemiec Viktorię Elbling) it may start one
		_, role := roleForms[toks[i-1].lower]
		_, place := d.x.gaz.has(toks[i-1].lower)
		if !role && !place && !isTitle(toks[i-1].lower) && len(d.lex.analyses(toks[i-1].lower)) == 0 {
			return personSpan{}, false
		}
	}
	if len(readings) == 0 && len(d.given(toks[min(i+1, len(toks)-1)].lower)) > 0 && hint.found && d.capRun(i) >= 3 {
		// "Burmistrz Kolbuszowej Grzegorz Romaniuk": the name starts later
		return personSpan{}, false
	}
	// given names: one or two (Gustaw Marek), then the surname
	j := i + 1
	given := []token{first}
	if j+1 < len(toks) && toks[j].kind == tWord && toks[j].cap && len(d.given(toks[j].lower)) > 0 && len(readings) > 0 &&
		toks[j+1].kind == tWord && toks[j+1].cap && (plausibleNameWord(toks[j+1]) || surnameLikePlace(toks[j+1])) {
		given = append(given, toks[j])
		j++
	}
	// a regnal number: Jan Paweł II, Benedykt XVI
	if len(readings) > 0 && j < len(toks) && toks[j].kind == tWord && toks[j].allCaps && isRoman(toks[j].text) {
		r := pickReading(masculine(readings), hint, "")
		p := personSpan{i: i, j: j + 1, gender: r.gender, gcase: r.gcase, surname: toks[j].text}
		for k, g := range given {
			rk := r
			if k > 0 {
				rk = pickReading(d.given(g.lower), contextHint{found: true, gcase: r.gcase, gender: r.gender}, "")
			}
			p.given = append(p.given, givenNominative(g, rk))
		}
		return p, true
	}
	// a middle initial: John F. Kennedy
	initial := ""
	if len(readings) > 0 && j+2 < len(toks) && toks[j].kind == tWord && utf8.RuneCountInString(toks[j].text) == 1 && toks[j].cap &&
		toks[j+1].text == "." && toks[j+2].kind == tWord && toks[j+2].cap && !d.commonWord(toks[j+2].text) {
		initial = toks[j].text + "."
		j += 2
	}
	// surname: optional particles (ten, Le, van) then a capitalised word
	s := j
	for j < len(toks) && toks[j].kind == tWord && nameParticles[toks[j].lower] && j+1 < len(toks) && toks[j+1].cap && j-s < 2 {
		j++
	}
	if j >= len(toks) || toks[j].kind != tWord || !toks[j].cap || d.inInst[j] {
		return personSpan{}, false
	}
	if !plausibleNameWord(toks[j]) && !(len(readings) > 0 && surnameLikePlace(toks[j])) {
		return personSpan{}, false
	}
	if len(readings) == 0 && d.capRun(i) != j-i+1 {
		// an unknown given name needs the name to stand alone: exactly the
		// given name and the surname between lower-case words
		return personSpan{}, false
	}
	// a middle name before the surname (Carl Gustav Jung, Franklin Delano
	// Roosevelt): one more capitalised name word closes the run
	if len(readings) > 0 && j+1 < len(toks) && toks[j+1].kind == tWord && toks[j+1].cap && !d.inInst[j+1] && !d.street[j+1] &&
		plausibleNameWord(toks[j+1]) && !isAcronym(toks[j+1]) && !d.startsPerson(j+1) && (!d.lex.common(toks[j+1].lower) || d.lex.person(toks[j+1].lower)) &&
		!(j+2 < len(toks) && toks[j+2].kind == tWord && toks[j+2].cap) && s == j {
		given = append(given, toks[j])
		s, j = j+1, j+1
	}
	surnameToks := toks[s : j+1]
	j++
	// choose the reading: the case the title shows, else the surname's
	// ending, else the nominative
	var r nameReading
	switch {
	case len(readings) > 0:
		r = pickReading(readings, hint, toks[j-1].lower)
	default:
		r = guessReading(first.lower, toks[j-1].lower, hint)
	}
	if len(surnameToks) == 1 && utf8.RuneCountInString(surnameToks[0].text) == 1 && j < len(toks) && toks[j].text == "." {
		// Józefa K.: an initial for a surname keeps its dot
		p := d.buildPerson(i, j+1, given, nil, r)
		p.surname = surnameToks[0].text + "."
		return p, true
	}
	p := d.buildPerson(i, j, given, surnameToks, r)
	if initial != "" {
		p.given = append(p.given, initial)
	}
	return p, true
}

// commonWord reports a capitalised word that the dictionary knows as a
// common word and not as a name: after "Mirosława G." it starts the next
// sentence rather than naming John F. Kennedy's surname.
func (d *doc) commonWord(word string) bool {
	return d.lex.common(word) && !d.lex.person(word)
}

// buildPerson puts the name of tokens [i, j) in the nominative: its given
// names (the first read as r) and its surname, whose last word declines
// in r's gender and case.
func (d *doc) buildPerson(i, j int, given, surnameToks []token, r nameReading) personSpan {
	p := personSpan{i: i, j: j, gender: r.gender, gcase: r.gcase}
	if len(given) > 0 && len(surnameToks) > 0 && foreignSurname(surnameToks[len(surnameToks)-1].lower) {
		r = foreignGiven(d.given(given[0].lower), r, given[0].lower)
	}
	for k, g := range given {
		if k == 0 {
			p.given = append(p.given, givenNominative(g, r))
			continue
		}
		rs := d.given(g.lower)
		if len(rs) == 0 {
			// a middle name no list knows declines with the first
			// (Carla Gotharda Langhansa → Carl Gothard Langhans)
			p.given = append(p.given, givenNominative(g, nameReading{gender: r.gender, gcase: r.gcase}))
			continue
		}
		p.given = append(p.given, givenNominative(g, pickReading(rs, contextHint{found: true, gcase: r.gcase, gender: r.gender}, "")))
	}
	var sur []string
	for k, st := range surnameToks {
		w := st.text
		if st.allCaps && utf8.RuneCountInString(w) > 2 {
			w = titleCase(w)
		}
		if k == len(surnameToks)-1 && r.gcase != polish.Nom {
			if lemma, ok := d.lex.surname(w, r.gender, r.gcase); ok && !strings.Contains(w, "-") {
				w = lemma
			} else {
				w = surnameNominative(w, r.gender, r.gcase)
			}
		}
		sur = append(sur, w)
	}
	p.surname = strings.Join(sur, " ")
	return p
}

// foreignGiven prefers, beside a foreign surname, the reading of a given
// name that keeps the foreign name whole (Marka Hendersona → Mark, not
// Marek; Jacka Nicholsona → Jack): of the readings in r's gender and
// case, one whose lemma the word starts with.
func foreignGiven(rs []nameReading, r nameReading, low string) nameReading {
	if r.lemma == "" || strings.HasPrefix(low, strings.ToLower(r.lemma)) {
		return r
	}
	for _, x := range rs {
		if x.gender == r.gender && x.gcase == r.gcase && x.lemma != "" && strings.HasPrefix(low, strings.ToLower(x.lemma)) {
			return x
		}
	}
	return r
}

// foreignMarks are letter groups that Polish spelling does not use and
// English, German or French names do.
var foreignMarks = []string{"th", "sh", "ck", "gh", "ph", "ee", "oo", "ou", "ea", "ey", "ay", "q", "x", "v", "tt", "ll", "ss", "ff", "son", "'", "’"}

// foreignSurname reports a surname spelt the way no Polish one is
// (Hendersona, Kinnocka, Smitha, Doyle'a).
func foreignSurname(low string) bool {
	for _, m := range foreignMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// word returns the lower-case token i, or "".
func (d *doc) word(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].lower
}

// maxCapRun bounds capRun: no name is longer, and a page in title case
// must not make every word count all the rest.
const maxCapRun = 8

// capRun counts the capitalised words in a row from token i, up to
// maxCapRun.
func (d *doc) capRun(i int) int {
	n := 0
	for k := i; k < len(d.toks) && k < i+maxCapRun && d.toks[k].kind == tWord && (d.toks[k].cap || nameParticles[d.toks[k].lower]); k++ {
		n++
	}
	return n
}

// roleAfter reports whether a dash or comma and a function word follow
// the two capitalised words at i ("Franck Pezza – Delegat").
func (d *doc) roleAfter(i int) bool {
	k := i + d.capRun(i)
	if d.capRun(i) != 2 || k+1 >= len(d.toks) {
		return false
	}
	sep := d.toks[k].text
	if sep != "–" && sep != "-" && sep != "," && sep != "—" {
		return false
	}
	_, ok := roleForms[d.toks[k+1].lower]
	return ok
}

// linkSurnames attaches surname-only mentions (Marszałek Woźniak, G.M.
// Brzezina) to the people already found.
func (d *doc) linkSurnames() {
	if len(d.people) == 0 {
		return
	}
	bySurname := map[string]int{}
	prefixes := map[string]bool{}
	for idx, p := range d.people {
		low := strings.ToLower(p.surname)
		bySurname[low] = idx
		prefixes[runePrefix(low, 3)] = true
	}
	for i, t := range d.toks {
		if t.kind != tWord || !t.cap || d.inPerson[i] >= 0 || d.inInst[i] || d.street[i] || !prefixes[runePrefix(t.lower, 3)] {
			continue
		}
		idx, ok := -1, false
		for _, g := range [...]polish.Gender{polish.Masculine, polish.F} {
			for _, c := range allCases {
				if k, found := bySurname[strings.ToLower(surnameNominative(t.text, g, c))]; found && d.people[k].gender == g {
					idx, ok = k, true
					break
				}
			}
			if ok {
				break
			}
		}
		if !ok {
			continue
		}
		start := i
		// initials before the surname: G.M. Brzezina
		for start >= 2 && d.toks[start-1].text == "." && d.toks[start-2].kind == tWord && utf8.RuneCountInString(d.toks[start-2].text) == 1 && d.toks[start-2].cap {
			start -= 2
		}
		d.markPerson(idx, start, i+1)
		d.people[idx].mentions = appendUnique(d.people[idx].mentions, d.surface(start, i+1))
	}
}

// runePrefix returns the first n runes of s.
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
