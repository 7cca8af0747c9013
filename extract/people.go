package extract

import (
	"strings"
	"unicode/utf8"
)

// personSpan is one mention of a person with a full name.
type personSpan struct {
	i, j    int // token span of the name itself
	given   []string
	surname string
	gender  byte
	gcase   byte
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

// given analyses a word as a given name, from the built-in lists or, for
// names they lack, the first names of the dictionary; answers are
// remembered for the rest of the text.
func (d *doc) given(low string) []nameReading {
	if rs, ok := d.givenCache[low]; ok {
		return rs
	}
	rs := givenReadings(low)
	if len(rs) == 0 && maybeName(low) {
		rs = dictGivenReadings(low)
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
		for k := p.i; k < p.j; k++ {
			d.inPerson[k] = idx
		}
		i = p.j - 1
	}
}

// contextHint is what the words before a name say about it: whether a
// title or a function stands there, and the case and gender they show.
type contextHint struct {
	found  bool
	gcase  byte
	gender byte
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
			if h.gcase == 0 || h.gcase == '?' {
				h.gcase = ti[0]
			}
			if h.gender == 0 || h.gender == '?' {
				h.gender = ti[1]
			}
			k--
			continue
		}
		if g, ok := speechVerbs[t.lower]; ok && k == i-1 {
			// "– … – powiedział Ołeh Kozak": the speaker, in the nominative
			h.found, h.gcase, h.gender = true, 'n', g
			break
		}
		if rf, ok := roleForms[t.lower]; ok {
			h.found = true
			if h.gcase == 0 || h.gcase == '?' {
				h.gcase = rf.gcase
			}
			if h.gender == 0 || h.gender == '?' {
				h.gender = rf.gender
				if rf.gender == 'm' && !strings.HasSuffix(rf.lemma, "y") {
					h.gender = '?' // masculine function nouns serve women too
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
			h.gender = '?'
			if rf.gender == 'f' {
				h.gender = 'f'
			}
			return h
		}
		if !t.cap && !isPreposition(t.lower) && !lowerRoleWord(t.lower) {
			break
		}
	}
	return h
}

// speechVerbs are the verbs that introduce a speaker after a quotation,
// with the gender their past-tense form shows ('?' for the present).
var speechVerbs = func() map[string]byte {
	m := map[string]byte{}
	for _, stem := range []string{"powiedzia", "mówi", "doda", "podkreśli", "zaznaczy", "stwierdzi", "wyjaśni", "poinformowa",
		"tłumaczy", "przekonywa", "zapowiedzia", "oceni", "skomentowa", "odpowiedzia", "przypomnia", "relacjonowa", "opowiada", "zauważy",
		"dodawa", "podsumowa", "apelowa", "zaapelowa", "wspomina", "przyzna", "zapewni", "ostrzega", "ogłosi", "wyjaśnia"} {
		m[stem+"ł"] = 'm'
		m[stem+"ła"] = 'f'
	}
	for _, w := range []string{"mówi", "dodaje", "podkreśla", "zaznacza", "stwierdza", "wyjaśnia", "informuje", "tłumaczy", "przekonuje",
		"zapowiada", "ocenia", "komentuje", "odpowiada", "przypomina", "relacjonuje", "opowiada", "zauważa", "podsumowuje", "apeluje",
		"wspomina", "przyznaje", "zapewnia", "ostrzega", "uważa"} {
		m[w] = '?'
	}
	return m
}()

// lowerRoleWord reports lower-case words that belong inside function
// phrases (sejmiku województwa, spraw zagranicznych).
func lowerRoleWord(w string) bool {
	switch w {
	case "sejmiku", "województwa", "miasta", "gminy", "powiatu", "spraw", "ds", "rady", "zarządu", "urzędu", "generalny", "generalnego", "generalnym",
		"regionu", "kraju", "obwodu", "okręgu", "landu", "prowincji", "stanu", "hrabstwa", "parafii", "diecezji", "szkoły", "klubu", "fundacji", "stowarzyszenia", "firmy", "spółki", "banku", "instytutu",
		"wydziału", "departamentu", "biura", "działu", "zespołu", "rządu", "ministerstwa", "ministra", "prezydenta", "burmistrza", "wójta",
		"starosty", "marszałka", "wojewody", "dyrektora", "prezesa", "komendy", "policji", "straży", "sądu", "szpitala", "uczelni", "uniwersytetu":
		return true
	}
	return properAdjective(w) || adjectiveLike(w)
}

// personAt tries to read a person's name starting at token i.
func (d *doc) personAt(i int) (personSpan, bool) {
	toks := d.toks
	// a name needs a second capitalised word (or a particle) after the
	// first: cheap to check before asking the dictionary
	if i+1 >= len(toks) || toks[i+1].kind != tWord || !(toks[i+1].cap || nameParticles[toks[i+1].lower]) {
		return personSpan{}, false
	}
	hint := d.hintBefore(i)
	first := toks[i]
	readings := d.given(first.lower)
	if len(readings) == 0 && !hint.found && !d.roleAfter(i) {
		return personSpan{}, false
	}
	if len(readings) == 0 && (!plausibleNameWord(first) || !nominalLooking(first.lower) || !nominalLooking(d.word(i+1))) {
		return personSpan{}, false
	}
	if len(readings) == 0 && i > 0 && toks[i-1].kind == tWord && toks[i-1].cap && !sentenceStart(toks, i-1) {
		// Airport Cleaning Service: an unknown name after an unknown
		// capitalised word continues a foreign name, not a person; after a
		// known word (ambasador Niemiec Viktorię Elbling) it may start one
		_, role := roleForms[toks[i-1].lower]
		_, place := d.x.gaz.has(toks[i-1].lower)
		if !role && !place && !isTitle(toks[i-1].lower) && !dict().Contains(toks[i-1].lower) {
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
		toks[j+1].kind == tWord && toks[j+1].cap && plausibleNameWord(toks[j+1]) {
		given = append(given, toks[j])
		j++
	}
	// a regnal number: Jan Paweł II, Benedykt XVI
	if len(readings) > 0 && j < len(toks) && toks[j].kind == tWord && toks[j].allCaps && isRoman(toks[j].text) {
		r := pickReading(readings, hint, "")
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
		toks[j+1].text == "." && toks[j+2].kind == tWord && toks[j+2].cap {
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
	p := personSpan{i: i, j: j, gender: r.gender, gcase: r.gcase}
	for k, g := range given {
		if k == 0 {
			p.given = append(p.given, givenNominative(g, r))
			continue
		}
		rs := d.given(g.lower)
		p.given = append(p.given, givenNominative(g, pickReading(rs, contextHint{found: true, gcase: r.gcase, gender: r.gender}, "")))
	}
	var sur []string
	for k, st := range surnameToks {
		w := st.text
		if st.allCaps && utf8.RuneCountInString(w) > 2 {
			w = titleCase(w)
		}
		if k == len(surnameToks)-1 && r.gcase != 'n' {
			if lemma, ok := dictSurname(w, r.gender, r.gcase); ok && !strings.Contains(w, "-") {
				w = lemma
			} else {
				w = surnameNominative(w, r.gender, r.gcase)
			}
		}
		sur = append(sur, w)
	}
	p.surname = strings.Join(sur, " ")
	if initial != "" {
		p.given = append(p.given, initial)
	}
	return p, true
}

// nominalLooking reports whether an unknown capitalised word may be a
// given name or surname: not an inflected adjective (Lotniczej,
// Podolskiego), nor a territorial or institutional noun (Gminy,
// Województwa, Obwodu).
func nominalLooking(low string) bool {
	if low == "" || unitForms[low] || dictCommon(low) && !dictProperOnly(low) {
		return false
	}
	if _, ok := territorialForms[low]; ok {
		return false
	}
	for _, g := range []byte("mfn") {
		for _, c := range []byte("gdil") {
			if adjAgrees(low, g, c) && (strings.HasSuffix(low, "ej") || strings.HasSuffix(low, "ego") || strings.HasSuffix(low, "emu") ||
				strings.HasSuffix(low, "ym") || strings.HasSuffix(low, "skim") || strings.HasSuffix(low, "ckim")) {
				return false
			}
		}
	}
	return true
}

// word returns the lower-case token i, or "".
func (d *doc) word(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].lower
}

// capRun counts the capitalised words in a row from token i.
func (d *doc) capRun(i int) int {
	n := 0
	for k := i; k < len(d.toks) && d.toks[k].kind == tWord && (d.toks[k].cap || nameParticles[d.toks[k].lower]); k++ {
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

// stopCapitalised are words often capitalised at the start of a sentence
// or in headings that are never names.
var stopCapitalised = map[string]bool{
	"w": true, "we": true, "z": true, "na": true, "do": true, "i": true, "oraz": true, "a": true, "to": true, "jest": true, "jak": true,
	"ten": true, "ta": true, "te": true, "tym": true, "tej": true, "ich": true, "jego": true, "jej": true, "nasz": true, "nasza": true,
	"podczas": true, "dzięki": true, "według": true, "przez": true, "po": true, "od": true, "dla": true, "przy": true, "nie": true,
	"się": true, "także": true, "również": true, "ponadto": true, "jednak": true, "aktualności": true, "galeria": true, "zdjęcia": true,
	"fot": true, "foto": true, "źródło": true, "czytaj": true, "więcej": true, "zobacz": true, "komentarze": true, "udostępnij": true,
	"polska": true, "polski": true, "polskie": true, "województwo": true, "miasto": true, "gmina": true, "powiat": true,
}

// pickReading chooses the reading of a given name that fits the context.
func pickReading(rs []nameReading, hint contextHint, surnameLow string) nameReading {
	if hint.found && hint.gcase != '?' && hint.gcase != 0 {
		for _, r := range rs {
			if r.gcase == hint.gcase || hint.gcase == 'a' && r.gcase == 'g' || hint.gcase == 'g' && r.gcase == 'a' {
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
		case rs[k].gender == 'f' && rs[k].gcase == 'n':
			femNom = &rs[k]
		case rs[k].gender == 'm' && rs[k].gcase == 'g':
			mascGen = &rs[k]
		}
	}
	if femNom != nil && mascGen != nil && surnameLow != "" {
		if mascGenitiveSurname(surnameLow) {
			return *mascGen
		}
		return *femNom
	}
	// the surname's ending can tell the instrumental and the dative
	want := byte(0)
	switch {
	case strings.HasSuffix(surnameLow, "em") || strings.HasSuffix(surnameLow, "kim") || strings.HasSuffix(surnameLow, "ą"):
		want = 'i'
	case strings.HasSuffix(surnameLow, "owi") || strings.HasSuffix(surnameLow, "emu"):
		want = 'd'
	case strings.HasSuffix(surnameLow, "ego"):
		want = 'g'
	}
	if want != 0 {
		for _, r := range rs {
			if r.gcase == want {
				return r
			}
		}
	}
	for _, r := range rs {
		if r.gcase == 'n' {
			return r
		}
	}
	return rs[0]
}

// mascGenitiveSurname reports whether a surname looks like a man's in the
// genitive: -ego (Kaczyńskiego) or a consonant and -a that is no
// feminine adjective (Lipszyca, Brandta; not Kowalska).
func mascGenitiveSurname(low string) bool {
	if strings.HasSuffix(low, "ego") {
		return true
	}
	if !strings.HasSuffix(low, "a") || strings.HasSuffix(low, "ska") || strings.HasSuffix(low, "cka") || strings.HasSuffix(low, "dzka") ||
		strings.HasSuffix(low, "owa") || strings.HasSuffix(low, "ewa") || strings.HasSuffix(low, "na") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(low, "a"))
	return isConsonant(r)
}

// guessReading guesses the gender and case of an unknown (foreign) given
// name from the title before it and the endings of both words.
func guessReading(firstLow, surnameLow string, hint contextHint) nameReading {
	r := nameReading{gender: hint.gender, gcase: hint.gcase}
	if r.gender == 0 || r.gender == '?' {
		r.gender = 'm'
		switch {
		case strings.HasSuffix(firstLow, "a") && !(hint.gcase == 'g' || hint.gcase == 'a'):
			r.gender = 'f'
		case strings.HasSuffix(firstLow, "ę"):
			// ambasador Viktorię Elbling: a feminine accusative
			r.gender, r.gcase = 'f', 'a'
		case strings.HasSuffix(firstLow, "ą"):
			r.gender, r.gcase = 'f', 'i'
		}
	}
	if r.gcase == 0 || r.gcase == '?' {
		r.gcase = 'n'
		switch {
		case strings.HasSuffix(firstLow, "em") && strings.HasSuffix(surnameLow, "em"):
			r.gcase = 'i'
		case strings.HasSuffix(firstLow, "owi") && strings.HasSuffix(surnameLow, "owi"):
			r.gcase = 'd'
		}
	}
	// the given name of a nominative reading must not look inflected
	if r.gcase == 'g' && r.gender == 'm' && !strings.HasSuffix(firstLow, "a") {
		r.gcase = 'n'
	}
	if r.gcase == 'i' && r.gender == 'm' && !strings.HasSuffix(firstLow, "em") {
		r.gcase = 'n'
	}
	return r
}

// givenNominative gives the nominative of a given name token under a reading.
func givenNominative(t token, r nameReading) string {
	if r.lemma != "" {
		return r.lemma
	}
	w := t.text
	if r.gcase == 'n' {
		return w
	}
	if r.gender == 'f' {
		return surnameNominative(w, 'f', r.gcase)
	}
	low := strings.ToLower(w)
	switch {
	case r.gcase == 'g' || r.gcase == 'a':
		if strings.HasSuffix(low, "a") {
			return w[:len(w)-1]
		}
	case r.gcase == 'i':
		if strings.HasSuffix(low, "kiem") || strings.HasSuffix(low, "giem") {
			return w[:len(w)-3]
		}
		if strings.HasSuffix(low, "em") {
			return w[:len(w)-2]
		}
	case r.gcase == 'd':
		if strings.HasSuffix(low, "owi") {
			return w[:len(w)-3]
		}
	}
	return w
}

// rolesOf finds the function phrases standing before or after a name.
func (d *doc) rolesOf(p personSpan) []string {
	var roles []string
	if r := d.roleBefore(p.i); r != "" {
		roles = append(roles, r)
	}
	if r := d.roleAfterName(p.j); r != "" {
		roles = append(roles, r)
	}
	return roles
}

// roleBefore reads "Burmistrz Kolbuszowej" in "Burmistrz Kolbuszowej
// Grzegorz Romaniuk" and "Marszałek Województwa Opolskiego, Andrzej Buła".
func (d *doc) roleBefore(i int) string {
	toks := d.toks
	end := i
	k := i - 1
	// skip titles and the dots of their abbreviations
	titled := false
	titleCase := byte(0)
	for k >= 0 && (toks[k].kind == tPunct && toks[k].text == "." || toks[k].kind == tWord && isTitle(toks[k].lower) && d.titleAt(k)) {
		if toks[k].kind == tWord {
			titled = true
			if c := titles[toks[k].lower][0]; c != '?' {
				titleCase = c
			}
		}
		k--
		end = k + 1
	}
	// "Marszałek Województwa Opolskiego, Andrzej Buła"; after a title a
	// comma mostly closes the previous item of a list ("…, pani Ewa
	// Sowińska"), unless the function agrees with the title in case
	// ("przedstawiciela regionu, pana Huguesa Labara")
	needCase := byte(0)
	if k >= 0 && toks[k].kind == tPunct && (toks[k].text == "," || toks[k].text == "–") {
		if titled {
			if titleCase == 0 {
				return ""
			}
			needCase = titleCase
		}
		k--
		end = k + 1
	}
	if k >= 0 && toks[k].kind == tWord && (toks[k].lower == "i" || toks[k].lower == "oraz") {
		return "" // "… Burmistrz Kolbuszowej i Jan Fryc": the function is the previous person's
	}
	start := -1
	for m := k; m >= 0 && m >= k-12; m-- {
		t := toks[m]
		innerDash := t.kind == tPunct && isDash([]rune(t.text)[0]) && m > 0 && d.inInst[m-1] && d.inInst[m+1]
		if t.kind == tBreak || t.kind == tPunct && t.text != "." && t.text != "-" && t.text != "„" && t.text != "”" && t.text != "\"" && !innerDash {
			break
		}
		if d.inPerson[m] >= 0 {
			break
		}
		if t.kind == tWord {
			if _, ok := roleForms[t.lower]; ok {
				start = m
				// Zastępca Mera Winnicy, Zastępca Dyrektora Kancelarii
				if m > 0 {
					if _, ok2 := roleForms[toks[m-1].lower]; ok2 {
						start = m - 1
					}
				}
				break
			}
			abbrev := m+1 < len(toks) && toks[m+1].text == "." && utf8.RuneCountInString(t.text) <= 3 // sp. z o.o.
			if !t.cap && !abbrev && (!isPreposition(t.lower) || t.lower == "oraz" || t.lower == "a") && !lowerRoleWord(t.lower) {
				break
			}
		}
	}
	if start < 0 || start >= end {
		return ""
	}
	// "Franck Pezza – Delegat …, pan Hugues Labar": a function right after
	// another person's name is that person's
	p := start - 1
	if p >= 0 && toks[p].kind == tPunct && isDash([]rune(toks[p].text)[0]) {
		p--
	}
	if p >= 0 && d.inPerson[p] >= 0 {
		return ""
	}
	if rf := roleForms[toks[start].lower]; needCase != 0 && rf.gcase != needCase && !(needCase == 'g' && rf.gcase == 'a' || needCase == 'a' && rf.gcase == 'g') {
		return ""
	}
	return d.roleText(start, end)
}

// titleAt reports whether token k is written as a title: not in
// capitals (KPT is an acronym, kpt. a captain), and a short one with its
// abbreviation dot.
func (d *doc) titleAt(k int) bool {
	t := d.toks[k]
	if t.allCaps {
		return false
	}
	switch t.lower {
	case "pan", "pani", "pana", "panu", "panią", "dr", "dra", "drem", "mgr", "bp", "abp", "płk", "mjr":
		// written without a dot: the abbreviation ends with the word's last letter
		return true
	}
	if utf8.RuneCountInString(t.text) <= 4 {
		return k+1 < len(d.toks) && d.toks[k+1].text == "."
	}
	return true
}

func isTitle(w string) bool {
	_, ok := titles[w]
	return ok && w != "autor" && w != "fot"
}

// roleAfterName reads "– Dyrektor Departamentu …", ", prezydent Rzeszowa",
// ", były wicegubernator …" and "Burmistrz Kolbuszowej" after a name. A
// phrase that runs into the next person's name is that person's function.
func (d *doc) roleAfterName(j int) string {
	toks := d.toks
	if j >= len(toks) {
		return ""
	}
	sep := false
	k := j
	if toks[k].kind == tPunct && (toks[k].text == "–" || toks[k].text == "-" || toks[k].text == "," || toks[k].text == "—") {
		sep = true
		k++
	}
	// były, obecny, wieloletni …: an adjective before the function word
	adjAt := -1
	if k+1 < len(toks) && toks[k].kind == tWord && !toks[k].cap && adjectiveLike(toks[k].lower) {
		if _, ok := roleForms[toks[k+1].lower]; ok {
			adjAt = k
			k++
		}
	}
	if k >= len(toks) {
		return ""
	}
	rf, ok := roleForms[toks[k].lower]
	if !ok {
		return ""
	}
	if !sep && !toks[k].cap {
		if !d.sameCaseAsName(j, rf.gcase) {
			return ""
		}
		sep = true // dr Igorem Krasnianskim dyrektorem filii …
	}
	start := k
	k++
	ranIntoPerson := false
	for k < len(toks) && k-start < 16 {
		t := toks[k]
		if t.kind == tBreak {
			break
		}
		if d.inPerson[k] >= 0 || d.startsPerson(k) {
			ranIntoPerson = true
			break
		}
		if t.kind == tPunct {
			if t.text == "." && k > 0 && (toks[k-1].lower == "ds" || toks[k-1].lower == "im") {
				k++
				continue
			}
			if t.text == "„" || t.text == "”" || t.text == "\"" {
				k++
				continue
			}
			if isDash([]rune(t.text)[0]) && k+1 < len(toks) && toks[k+1].cap && k-1 >= start && toks[k-1].cap {
				k++
				continue
			}
			if isDash([]rune(t.text)[0]) && k+1 < len(toks) && (d.inPerson[k+1] >= 0 || d.startsPerson(k+1)) {
				ranIntoPerson = true
			}
			break
		}
		if t.kind == tWord && (t.lower == "oraz" || t.lower == "który" || t.lower == "która") {
			break
		}
		if t.kind == tWord && !t.cap && isVerbForm(t.lower) {
			break // "– Wojewoda Warmińsko-Mazurski spotkał się"
		}
		if t.kind == tWord && !t.cap && !sep && !isPreposition(t.lower) && t.lower != "ds" && !lowerRoleWord(t.lower) {
			break
		}
		if t.kind == tWord && !t.cap && !sep && isPreposition(t.lower) && !(k+1 < len(toks) && toks[k+1].cap) {
			break
		}
		if t.kind == tWord && t.lower == "i" && k+1 < len(toks) && d.startsPerson(k+1) {
			break
		}
		k++
	}
	if ranIntoPerson {
		return ""
	}
	for k > start+1 && toks[k-1].kind == tWord && isPreposition(toks[k-1].lower) {
		k--
	}
	role := d.roleText(start, k)
	if adjAt >= 0 {
		role = adjNominative(toks[adjAt].text, rf.gender, rf.gcase) + " " + role
	}
	return role
}

// sameCaseAsName reports whether the case of a function word agrees with
// the case the name before it (ending at token j) is written in, so that
// "dr Igorem Krasnianskim dyrektorem filii" joins the two.
func (d *doc) sameCaseAsName(j int, c byte) bool {
	if j == 0 || c == 'n' {
		return false
	}
	low := d.toks[j-1].lower
	switch c {
	case 'i':
		return strings.HasSuffix(low, "em") || strings.HasSuffix(low, "im") || strings.HasSuffix(low, "ym") || strings.HasSuffix(low, "ą")
	case 'g', 'a':
		return strings.HasSuffix(low, "a") || strings.HasSuffix(low, "ego") || strings.HasSuffix(low, "y") || strings.HasSuffix(low, "ej")
	case 'd':
		return strings.HasSuffix(low, "owi") || strings.HasSuffix(low, "emu")
	}
	return false
}

// isVerbForm reports whether the dictionary reads a lower-case word as a
// verb form first.
func isVerbForm(low string) bool {
	as := dict().Analyses(low)
	return len(as) > 0 && as[0].Tag.IsVerb()
}

// roleText gives a function phrase with its function word (and the
// adjectives agreeing with it) in the nominative.
func (d *doc) roleText(i, j int) string {
	toks := d.toks
	rf := roleForms[toks[i].lower]
	var parts []string
	k := i
	if rf.lemma != "" {
		parts = append(parts, matchCase(toks[i].text, rf.lemma))
		k++
		for k < j && toks[k].kind == tWord && rf.gcase != 'n' && adjAgrees(toks[k].lower, rf.gender, rf.gcase) && !sameCaseRole(toks[k].lower) {
			parts = append(parts, adjNominative(toks[k].text, rf.gender, rf.gcase))
			k++
		}
		// Zastępca Mera: the second function word stays in the genitive
	}
	s := strings.Join(parts, " ")
	if k < j {
		s += " " + d.surface(k, j)
	}
	return strings.TrimSpace(strings.Trim(s, " ,–-"))
}

func sameCaseRole(w string) bool {
	_, ok := roleForms[w]
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
		for _, g := range []byte("mf") {
			for _, c := range []byte("ngdail") {
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
		d.inPerson[i] = idx
		for k := start; k < i; k++ {
			d.inPerson[k] = idx
		}
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
