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

// hintBefore looks at the words before token i for a title or a
// function and what they show of the name.
func (d *doc) hintBefore(i int) contextHint {
	if h := d.titleBefore(i); h.found {
		return h
	}
	return d.functionPhraseBefore(i)
}

// fill marks the hint found and takes the case and gender it lacks.
func (h *contextHint) fill(c polish.Case, g polish.Gender) {
	h.found = true
	if h.gcase == 0 {
		h.gcase = c
	}
	if h.gender == 0 {
		h.gender = g
	}
}

// titleBefore reads the titles, the verb of speech or the function word
// right before token i (pana Huguesa, dr Igorem, – powiedział Ołeh
// Kozak, Burmistrzem Thomasem, pani Agnieszka).
func (d *doc) titleBefore(i int) contextHint {
	var h contextHint
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := d.toks[k]
		if t.kind == tPunct && t.text == "." {
			continue
		}
		if t.kind != tWord {
			break
		}
		if ti, ok := titles[t.lower]; ok && d.titleAt(k) {
			h.fill(ti.gcase, ti.gender)
			continue
		}
		if g, ok := speechVerbs[t.lower]; ok && k == i-1 {
			// "– … – powiedział Ołeh Kozak": the speaker, in the nominative
			return contextHint{found: true, gcase: polish.Nom, gender: g}
		}
		if rf, ok := roleForms[t.lower]; ok {
			g := rf.gender
			if g == polish.Masculine && !strings.HasSuffix(rf.lemma, "y") {
				g = 0 // masculine function nouns serve women too
			}
			h.fill(rf.gcase, g)
		}
		break
	}
	return h
}

// functionPhraseBefore reads a function phrase a few words before token i
// ("Zastępca Mera Winnicy Walerij"): its case, and a feminine function's
// gender.
func (d *doc) functionPhraseBefore(i int) contextHint {
	for k := i - 1; k >= 0 && k >= i-10; k-- {
		t := d.toks[k]
		if t.kind == tPunct && (t.text == "," || t.text == "–" || t.text == "-") && k == i-1 {
			continue
		}
		if t.kind != tWord {
			break
		}
		if rf, ok := roleForms[t.lower]; ok {
			h := contextHint{found: true, gcase: rf.gcase}
			if rf.gender == polish.F {
				h.gender = polish.F
			}
			return h
		}
		if !t.cap && !isPreposition(t.lower) && !lowerRoleWord(t.lower) {
			break
		}
	}
	return contextHint{}
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
