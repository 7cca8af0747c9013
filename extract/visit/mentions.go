package visit

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// entKind is the type of an entity of the extraction.
type entKind uint8

const (
	person entKind = iota
	institution
	place
)

// entity is one person, institution or place of the extraction.
type entity struct {
	kind  entKind
	name  string
	words []string // of the name, lower case
	roles []string
	pk    placeKind // for places
	// rolePlaces are the places a person's roles or an institution's
	// name mention (Burmistrz Kamieńca Podolskiego, Rada Gminy Szaflary).
	rolePlaces []int
	// roleOrigins are the rolePlaces a person represents: not the post
	// of an ambassador (Ambasador Republiki Francji w Polsce: Francja).
	roleOrigins []int
	// roleInsts are the institutions a person's roles mention (dyrektor KPT).
	roleInsts []int
	gender    polish.Gender // people: from the first name
	seat      int           // institutions: the place their name or the text puts them in, or -1
}

// mention is one occurrence of an entity in the text, as tokens [t0, t1).
type mention struct {
	t0, t1 int
	ent    int
	in     int // the mention of an institution this place mention is part of, or -1
}

// surface is one way an entity is written, as lower-case words.
type surface struct {
	words []string
	ent   int
}

// loadEntities flattens the extraction's people, institutions and places
// and finds where the text names them.
func (d *doc) loadEntities(ex *news.Extraction) {
	surf := d.surf
	surface := func(f string, seen []string) {
		if f == "" || slices.Contains(seen, f) {
			return // the mentions repeat the name
		}
		ws := d.f.nameWords(f)
		if len(ws) == 0 || len(ws) == 1 && len([]rune(ws[0])) < 2 {
			return
		}
		surf = append(surf, surface{ws, len(d.ents)})
	}
	add := func(en entity, extra string, mentions []string) {
		en.seat = -1
		surface(en.name, nil)
		en.words = d.f.nameWords(en.name)
		surface(extra, nil)
		for k, m := range mentions {
			if m != en.name {
				surface(m, mentions[:k])
			}
		}
		d.ents = append(d.ents, en)
	}
	for _, p := range ex.People {
		add(entity{kind: person, name: p.Name, roles: p.Roles}, "", p.Mentions)
	}
	for _, in := range ex.Institutions {
		add(entity{kind: institution, name: in.Name}, in.Acronym, in.Mentions)
	}
	for _, pl := range ex.Places {
		add(entity{kind: place, name: pl.Name, pk: kindOfPlace(pl.Name)}, "", pl.Mentions)
	}
	byFirst := d.byFirst
	for k, s := range surf {
		byFirst[s.words[0]] = append(byFirst[s.words[0]], k)
	}
	surf = d.addUnitPlaces(surf, byFirst)
	d.surf = surf
	d.locate(surf, byFirst)
	d.linkEntities(surf, byFirst)
	d.readRoles()
}

// words returns the lower-case words of s, cut as tokenize cuts them.
func words(s string) []string {
	return appendWords(make([]string, 0, 4), s)
}

// nameWords returns words(s) for a name or a mention, kept for the texts
// to come while there is room: names come back from article to article
// (Urząd Marszałkowski Województwa Mazowieckiego). The slice is shared
// and must not be changed.
func (f *Finder) nameWords(s string) []string {
	if ws, ok := f.names.Load(s); ok {
		return ws.([]string)
	}
	ws := words(s)
	if f.nNames.Load() < knownWords {
		if _, loaded := f.names.LoadOrStore(strings.Clone(s), ws); !loaded {
			f.nNames.Add(1)
		}
	}
	return ws
}

// appendWords appends the lower-case words of s to out.
func appendWords(out []string, s string) []string {
	s = lowerWord(s) // once for the whole name, not word by word
	start := -1
	for i, r := range s {
		in := wordRune(r) || start >= 0 && unicode.Is(unicode.Mn, r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// joiners may stand between the words of a name in the text (S.A.,
// „Dolina Lotnicza”, Przemysłowo –Technologicznym).
func joiner(s string) bool {
	return strings.ContainsAny(s, ".-–—‐‑„”\"'’()/")
}

// matchAt returns the token after the words ws when they stand at token
// i, or -1.
func (d *doc) matchAt(i int, ws []string) int { return d.matchWith(i, ws, joiner) }

// matchDateAt is matchAt for the text of a date, which may hold commas as
// well (w poniedziałek, 13 marca).
func (d *doc) matchDateAt(i int, ws []string) int {
	return d.matchWith(i, ws, func(s string) bool { return s == "," || joiner(s) })
}

// matchWith returns the token after the words ws when they stand at token
// i with only punctuation that between allows between them, or -1.
func (d *doc) matchWith(i int, ws []string, between func(string) bool) int {
	k := i
	for n, w := range ws {
		if n > 0 {
			for k < len(d.toks) && !d.toks[k].word && between(d.toks[k].low) && d.toks[k].brk == 0 {
				k++
			}
		}
		if k >= len(d.toks) || d.toks[k].low != w || n > 0 && d.toks[k].brk > 0 {
			return -1
		}
		k++
	}
	return k
}

// locate finds every occurrence of every surface; a longer match wins
// over a shorter one it overlaps, and a place inside an institution's name
// is kept as part of it (Urzędu Marszałkowskiego … w Warszawie).
func (d *doc) locate(surf []surface, byFirst map[string][]int) {
	found := d.found
	for i, t := range d.toks {
		if !t.word {
			continue
		}
		for _, k := range byFirst[t.low] {
			if end := d.matchAt(i, surf[k].words); end > 0 {
				found = append(found, mention{t0: i, t1: end, ent: surf[k].ent, in: -1})
			}
		}
	}
	slices.SortFunc(found, func(a, b mention) int {
		if la, lb := a.t1-a.t0, b.t1-b.t0; la != lb {
			return lb - la
		}
		if a.t0 != b.t0 {
			return a.t0 - b.t0
		}
		return a.ent - b.ent
	})
	d.found = found
	owner := sized(d.owner, len(d.toks), -1)
	d.owner = owner
	kept := d.ments
	for _, m := range found {
		in := -1
		for t := m.t0; t < m.t1; t++ {
			if owner[t] >= 0 {
				in = owner[t]
				break
			}
		}
		switch {
		case in < 0:
			for t := m.t0; t < m.t1; t++ {
				owner[t] = len(kept)
			}
			kept = append(kept, m)
		case d.ents[m.ent].kind == place && d.ents[kept[in].ent].kind == institution && !slices.ContainsFunc(kept, func(o mention) bool { return o.t0 == m.t0 && o.in >= 0 }):
			m.in = in
			kept = append(kept, m)
		}
	}
	slices.SortFunc(kept, func(a, b mention) int { return a.t0 - b.t0 })
	// link each place to the institution around it, after sorting
	for k, m := range kept {
		if m.in >= 0 {
			for j, o := range kept {
				if o.in < 0 && o.t0 <= m.t0 && m.t1 <= o.t1 && d.ents[o.ent].kind == institution {
					kept[k].in = j
				}
			}
		}
	}
	d.ments = kept
	d.mentAt = sized(d.mentAt, len(d.toks), -1)
	for k, m := range kept {
		if m.in >= 0 {
			continue
		}
		for t := m.t0; t < m.t1; t++ {
			d.mentAt[t] = k
		}
	}
}

// linkEntities finds the places and institutions that people's roles and
// institutions' names mention, the seat of each institution (a place in
// its name or written after it: UMWM w Warszawie), and people's gender.
func (d *doc) linkEntities(surf []surface, byFirst map[string][]int) {
	for e := range d.ents {
		en := &d.ents[e]
		var texts []string
		switch en.kind {
		case person:
			texts = en.roles
			en.gender = d.nameGender(en.name)
		case institution:
			texts = []string{en.name}
		default:
			continue
		}
		for _, txt := range texts {
			ws := d.f.nameWords(txt)
			for at := range ws {
				for _, k := range byFirst[ws[at]] {
					s := surf[k]
					if s.ent == e || d.ents[s.ent].kind == person || at+len(s.words) > len(ws) || !slices.Equal(ws[at:at+len(s.words)], s.words) {
						continue
					}
					d.linkRole(en, s.ent, at, ws)
				}
			}
		}
		if en.kind == institution {
			for _, p := range en.rolePlaces {
				if d.ents[p].pk == locality {
					en.seat = p
				}
			}
		}
	}
	// a locality written right after an institution: Urzędu … w Warszawie
	for _, m := range d.ments {
		if m.in >= 0 || d.ents[m.ent].kind != institution || d.ents[m.ent].seat >= 0 {
			continue
		}
		if p := d.placeAfter(m.t1); p >= 0 {
			d.ents[m.ent].seat = p
		}
	}
}

// readRoles links each person to the places and institutions of the roles
// the text writes next to their name (Jiří Novotný, wicehejtman kraju
// Wysoczyna; pod przewodnictwem wicehejtmana …), as linkEntities does for
// the roles of the extraction, which may not know the role word.
func (d *doc) readRoles() {
	for _, m := range d.ments {
		if m.in >= 0 || d.ents[m.ent].kind != person {
			continue
		}
		s := d.sents[d.sentOf(m.t0)]
		en := &d.ents[m.ent]
		if r := d.roleBefore(m.t0, s.t0); r >= 0 {
			d.linkSpan(en, r, m.t0)
		}
		if end := d.roleAfter(m.t1, s.t1); end > m.t1 {
			d.linkSpan(en, m.t1, end)
		}
	}
}

// linkSpan links person en to the places and institutions named in the
// role written at tokens [t0, t1): a place after "w", "we" or "na" is the
// post (Ambasador … w Polsce), not where the person comes from.
func (d *doc) linkSpan(en *entity, t0, t1 int) {
	for t := t0; t < t1; t++ {
		k := d.mentAt[t]
		if k < 0 || d.ments[k].t0 != t {
			continue
		}
		x := d.ments[k].ent
		switch d.ents[x].kind {
		case place:
			en.rolePlaces = appendNewInt(en.rolePlaces, x)
			if p := d.toks[max(t-1, 0)].low; t == t0 || p != "w" && p != "we" && p != "na" {
				en.roleOrigins = appendNewInt(en.roleOrigins, x)
			}
		case institution:
			en.roleInsts = appendNewInt(en.roleInsts, x)
		}
	}
}

// linkRole records that the role or name of en mentions entity x at word
// at of its words ws.
func (d *doc) linkRole(en *entity, x, at int, ws []string) {
	switch d.ents[x].kind {
	case place:
		en.rolePlaces = appendNewInt(en.rolePlaces, x)
		if at == 0 || ws[at-1] != "w" && ws[at-1] != "we" && ws[at-1] != "na" {
			en.roleOrigins = appendNewInt(en.roleOrigins, x)
		}
	case institution:
		if en.kind == person {
			en.roleInsts = appendNewInt(en.roleInsts, x)
		}
	}
}

// placeAfter returns the locality named by "w"/"we" + place at token i, or -1.
func (d *doc) placeAfter(i int) int {
	if i+1 >= len(d.toks) || d.toks[i].low != "w" && d.toks[i].low != "we" {
		return -1
	}
	if k := d.mentAt[i+1]; k >= 0 && d.ents[d.ments[k].ent].kind == place && d.ents[d.ments[k].ent].pk == locality {
		return d.ments[k].ent
	}
	return -1
}

// indexWords returns where the word sequence sub starts in ws, or -1.
func indexWords(ws, sub []string) int {
	for i := 0; i+len(sub) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// nameGender returns the gender of a person from the first name: the
// dictionary's first-name reading, else feminine for a name in -a.
func (d *doc) nameGender(name string) polish.Gender {
	first, _, _ := strings.Cut(name, " ")
	for _, a := range d.wordOf(first, lowerWord(first)).an {
		if a.FirstName() && a.Tag.IsNoun() {
			if g := a.Tag.Genders(); g.Any(polish.F) {
				return polish.F
			}
			return polish.M1
		}
	}
	if strings.HasSuffix(first, "a") {
		return polish.F
	}
	return polish.M1
}

// dateAt is one located date of the extraction.
type dateAt struct {
	t0, t1     int
	start, end string
	precision  string
	endOnly    bool // "do 23 października": the end of a stay
}

// locateDates finds the text of every resolved date of the extraction,
// pairing repeated texts with their dates in order. Longer texts are
// placed first, so that "19 grudnia" is not found inside "18-19 grudnia".
// The extraction lists a text once for each day it resolves to, so a text
// listed once is that day wherever it stands (wczoraj in the lead and in
// the story).
func (d *doc) locateDates(dates []news.DateMention) {
	used := map[string]int{}   // text → tokens already searched
	listed := map[string]int{} // text → mentions of it, resolved or not
	taken := make([]bool, len(d.toks))
	free := func(i, end int) bool { return !slices.Contains(taken[i:end], true) }
	type dated struct {
		dm news.DateMention
		ws []string
	}
	order := make([]dated, 0, len(dates))
	for _, dm := range dates {
		listed[dm.Text]++
		if dm.Start != nil && dm.End != nil {
			order = append(order, dated{dm, d.f.nameWords(dm.Text)})
		}
	}
	slices.SortStableFunc(order, func(a, b dated) int { return len(b.ws) - len(a.ws) })
	place := func(i, end int, dm news.DateMention) {
		for t := i; t < end; t++ {
			taken[t] = true
		}
		d.dates = append(d.dates, dateAt{t0: i, t1: end, start: *dm.Start, end: *dm.End,
			precision: dm.Precision, endOnly: i > 0 && d.toks[i-1].low == "do" && *dm.Start == *dm.End})
	}
	for _, o := range order {
		dm, ws := o.dm, o.ws
		if len(ws) == 0 {
			continue
		}
		from := used[dm.Text]
		for i := from; i < len(d.toks); i++ {
			if end := d.matchDateAt(i, ws); end > 0 && free(i, end) {
				place(i, end, dm)
				used[dm.Text] = end
				// the text once listed, or a repeated paragraph: the
				// same day again
				for j := end; j < len(d.toks); j++ {
					if e2 := d.matchDateAt(j, ws); e2 > 0 && free(j, e2) && d.sentOf(j) != d.sentOf(i) &&
						(listed[dm.Text] == 1 || d.sents[d.sentOf(j)].repeat) {
						place(j, e2, dm)
						j = e2 - 1
					}
				}
				break
			}
		}
	}
	slices.SortFunc(d.dates, func(a, b dateAt) int { return a.t0 - b.t0 })
}
