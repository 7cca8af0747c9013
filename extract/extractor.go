package extract

import (
	"fmt"
	"strings"
	"time"

	"github.com/kronika/kronika/extract/ner"
	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// Extractor finds people, institutions, places and dates in Polish text.
// It holds only immutable tables after New, so one Extractor is safe for
// concurrent use by any number of goroutines.
type Extractor struct {
	aliases  *Aliases
	gaz      *gazetteer
	tagger   *ner.Tagger // nil: the rules alone
	noTagger bool
}

// Option configures an Extractor.
type Option func(*Extractor) error

// WithAliases makes the Extractor rename and merge entities as the alias
// table says. By default no aliases apply.
func WithAliases(a *Aliases) Option {
	return func(x *Extractor) error {
		x.aliases = a
		return nil
	}
}

// WithoutTagger makes the Extractor use its rules alone, without the
// name tagger of package ner: the behaviour before the tagger, kept for
// comparison and for tests that pin the rules.
func WithoutTagger() Option {
	return func(x *Extractor) error {
		x.noTagger, x.tagger = true, nil
		return nil
	}
}

// WithTagger makes the Extractor use t for the names the rules miss,
// instead of the embedded model of ner.Default.
func WithTagger(t *ner.Tagger) Option {
	return func(x *Extractor) error {
		x.tagger, x.noTagger = t, t == nil
		return nil
	}
}

// New returns an Extractor with the built-in word lists and gazetteer and,
// unless WithoutTagger says otherwise, the name tagger of ner.Default
// (loaded once per process, about 35 ms).
func New(opts ...Option) (*Extractor, error) {
	x := &Extractor{gaz: defaultGazetteer()}
	for _, o := range opts {
		if err := o(x); err != nil {
			return nil, err
		}
	}
	if x.tagger == nil && !x.noTagger {
		t, err := ner.Default()
		if err != nil {
			return nil, fmt.Errorf("name tagger: %w", err)
		}
		x.tagger = t
	}
	return x, nil
}

// doc is the working state of one extraction.
type doc struct {
	x          *Extractor
	text       string
	toks       []token
	shout      []bool // token in an all-capitals line (a shouted headline)
	inInst     []bool
	instAdj    []bool // an adjective agreeing with an institution head (Polska Agencja)
	street     []bool // part of a street name or a patron\'s name (ul. 3 Maja, im. Jana Pawła II)
	inPerson   []int  // index into people, -1 when none
	inPlace    []int  // index into places, -1 when none
	personOcc  []occurrence
	placeOcc   []occurrence
	lowerSeen  map[string]bool
	givenCache map[string][]nameReading
	lex        *lexicon

	people   []*personEnt
	insts    []*instEnt
	places   []*placeEnt
	placeIdx map[string]int
	locMemo  map[int]localityHit // localityAt by token, filled on demand
	listed   listedEntry         // the last gazetteer look-up of listedAt

	// observe, when set (by the tests of the rule lists), is told the
	// name of every rule of instRules, personRules and placeRules that
	// decides
	observe func(rule string)
}

// fire tells the observer, if any, that the named rule decided.
func (d *doc) fire(rule string) {
	if d.observe != nil {
		d.observe(rule)
	}
}

type personEnt struct {
	given    []string
	surname  string
	gender   polish.Gender
	name     string
	nomSeen  bool
	mentions []string
	roles    []string
}

type instEnt struct {
	name     string
	key      string // Key of the name without its legal form
	core     string // Key of a generic name without its place (rada miejska), or ""
	coreName string // that name, for its initials
	acronym  string
	quoted   string
	mentions []string
}

type placeEnt struct {
	name     string
	mentions []string
}

// Extract finds the entities and dates of text. published, when known,
// resolves relative dates (br., wczoraj, w piątek). The result is
// normalised (no nil lists); Title and Published are left nil for the
// caller to fill.
func (x *Extractor) Extract(text string, published *time.Time) news.Extraction {
	return x.extract(text, published, nil)
}

// extract is Extract telling observe, when not nil, the name of every
// rule that decides.
func (x *Extractor) extract(text string, published *time.Time, observe func(rule string)) news.Extraction {
	d := x.newDoc(text)
	d.observe = observe
	hits := (&dateScanner{toks: d.toks, skip: d.street}).scan()
	d.findInstitutions()
	d.findFixedNames()
	d.findLowerCaseUnits()
	d.findAppositions()
	d.findPeople()
	d.findAcronyms()
	d.findCompanies()
	d.linkSurnames()
	d.findPlaces()
	d.mergeTagged()
	d.mergeMisspelledPlaces()
	ex := d.result()
	ex.Dates = resolveDates(d.text, d.toks, hits, published)
	if x.aliases != nil {
		x.aliases.apply(&ex)
	}
	ex.Normalize()
	return ex
}

func (x *Extractor) newDoc(text string) *doc {
	d := &doc{x: x, text: clean(text), placeIdx: map[string]int{}, givenCache: map[string][]nameReading{}, lex: newLexicon()}
	d.toks = tokenize(d.text)
	d.listed.i = -1
	n := len(d.toks)
	d.shout = make([]bool, n)
	d.inInst = make([]bool, n)
	d.instAdj = make([]bool, n)
	d.street = make([]bool, n)
	d.inPerson = make([]int, n)
	d.inPlace = make([]int, n)
	for i := range d.inPerson {
		d.inPerson[i], d.inPlace[i] = -1, -1
	}
	d.markShouting()
	d.markStreets()
	return d
}

// seenLower reports whether the word occurs written in lower case
// somewhere in the text, which makes its capitalised form a common word at
// the start of a sentence rather than a name. The set is built on first use.
func (d *doc) seenLower(low string) bool {
	if d.lowerSeen == nil {
		d.lowerSeen = map[string]bool{}
		for i, t := range d.toks {
			if t.kind == tWord && !t.cap && i > 0 {
				d.lowerSeen[t.lower] = true
			}
		}
	}
	return d.lowerSeen[low]
}

// markShouting flags the tokens of lines written in capitals, where
// capitalisation says nothing about names.
func (d *doc) markShouting() {
	start := 0
	for i := 0; i <= len(d.toks); i++ {
		if i < len(d.toks) && d.toks[i].kind != tBreak {
			continue
		}
		words, caps := 0, 0
		for k := start; k < i; k++ {
			if d.toks[k].kind == tWord {
				words++
				if d.toks[k].allCaps {
					caps++
				}
			}
		}
		if words >= 3 && caps*10 >= words*7 {
			for k := start; k < i; k++ {
				d.shout[k] = true
			}
		}
		start = i + 1
	}
}

// addPerson records a person mention and returns the person's index. A
// mention with the same surname and a close given name joins an earlier
// person (Sergiejem Tatusiakiem … Siergiej Tatusiak).
func (d *doc) addPerson(p personSpan) int {
	name := strings.Join(append(append([]string{}, p.given...), p.surname), " ")
	mention := d.surface(p.i, p.j)
	for idx, e := range d.people {
		// surnames compare folded: a foreign name loses its diacritics
		// when declined the Polish way (Novotný, Novotnego → Novotny)
		if polish.Fold(e.surname) != polish.Fold(p.surname) || e.gender != p.gender && p.gcase != polish.Nom && e.gender != 0 {
			continue
		}
		if !similarGiven(e.given, p.given) {
			continue
		}
		if p.gcase == polish.Nom && !e.nomSeen {
			e.name, e.given, e.nomSeen = name, p.given, true
		}
		e.mentions = appendUnique(e.mentions, mention)
		for _, r := range p.roles {
			e.roles = appendUnique(e.roles, r)
		}
		return idx
	}
	e := &personEnt{given: p.given, surname: p.surname, gender: p.gender, name: name, nomSeen: p.gcase == polish.Nom, mentions: []string{mention}}
	for _, r := range p.roles {
		e.roles = appendUnique(e.roles, r)
	}
	d.people = append(d.people, e)
	return len(d.people) - 1
}

// similarGiven reports whether two given-name lists can name the same
// person: the same first letter and at most two edits apart.
func similarGiven(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	x, y := strings.ToLower(a[0]), strings.ToLower(b[0])
	if x == y {
		return true
	}
	if x[0] != y[0] {
		return false
	}
	return editDistance(x, y) <= 2 && len(x) > 4
}

// editDistance is the Levenshtein distance between two strings, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// addInstitution records an institution mention, joining an earlier one
// with the same name (with or without its legal form).
func (d *doc) addInstitution(sp instSpan) {
	mention := d.surface(sp.i, sp.j)
	k := Key(stripLegalForm(sp.name))
	for _, e := range d.insts {
		if e.baseKey() != k {
			continue
		}
		if sp.legal && !strings.EqualFold(e.name, sp.name) {
			e.name, e.key = sp.name, ""
		}
		if sp.acronym != "" {
			e.acronym = sp.acronym
		}
		e.mentions = appendUnique(e.mentions, mention)
		return
	}
	e := &instEnt{name: sp.name, acronym: sp.acronym, quoted: sp.quoted, mentions: []string{mention}}
	if sp.generic {
		e.core, e.coreName = Key(sp.core), sp.core
	}
	d.insts = append(d.insts, e)
}

// coreKey gives the Key of a generic name without its place, or baseKey.
func (e *instEnt) coreKey() string {
	if e.core != "" {
		return e.core
	}
	return e.baseKey()
}

// baseKey gives the Key of the name without its legal form, computed once.
func (e *instEnt) baseKey() string {
	if e.key == "" {
		e.key = Key(stripLegalForm(e.name))
	}
	return e.key
}

// addPlace records the mention of tokens [i, j) under the canonical
// name of its place.
func (d *doc) addPlace(name string, i, j int) {
	mention := d.surface(i, j)
	k := Key(name)
	idx, ok := d.placeIdx[k]
	if ok {
		d.places[idx].mentions = appendUnique(d.places[idx].mentions, mention)
	} else {
		idx = len(d.places)
		d.placeIdx[k] = idx
		d.places = append(d.places, &placeEnt{name: name, mentions: []string{mention}})
	}
	for m := i; m < j; m++ {
		d.inPlace[m] = idx
	}
	d.placeOcc = append(d.placeOcc, occurrence{idx, i, j})
}

// occurrence is where a mention of a person or a place stands: tokens
// [i, j) of the entity with index ent.
type occurrence struct{ ent, i, j int }

// markPerson records tokens [i, j) as a mention of person idx.
func (d *doc) markPerson(idx, i, j int) {
	for k := i; k < j; k++ {
		d.inPerson[k] = idx
	}
	d.personOcc = append(d.personOcc, occurrence{idx, i, j})
}

// dropMentions takes back the mentions of people and places that overlap
// tokens [i, j), where the tagger names something else: an entity keeps
// the mentions it has elsewhere, one left with none is dropped.
func (d *doc) dropMentions(i, j int) {
	for _, idx := range dropOccurrences(d.personOcc, d.inPerson, i, j) {
		d.people[idx].mentions = d.liveMentions(d.personOcc, idx)
	}
	for _, idx := range dropOccurrences(d.placeOcc, d.inPlace, i, j) {
		p := d.places[idx]
		if p.mentions = d.liveMentions(d.placeOcc, idx); len(p.mentions) == 0 {
			delete(d.placeIdx, Key(p.name))
		}
	}
}

// dropOccurrences takes back the occurrences that overlap tokens [i, j),
// clearing their tokens' marks, and returns the entities they were of.
func dropOccurrences(occ []occurrence, marks []int, i, j int) []int {
	var ents []int
	for k, o := range occ {
		if o.ent < 0 || o.j <= i || j <= o.i {
			continue
		}
		ents = append(ents, o.ent)
		for m := o.i; m < o.j; m++ {
			marks[m] = -1
		}
		occ[k].ent = -1
	}
	return ents
}

// liveMentions gives the mention strings of entity idx from the
// occurrences still standing, in their order.
func (d *doc) liveMentions(occ []occurrence, idx int) []string {
	var out []string
	for _, o := range occ {
		if o.ent == idx {
			out = appendUnique(out, d.surface(o.i, o.j))
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// result merges what was found into an Extraction.
func (d *doc) result() news.Extraction {
	var ex news.Extraction
	for _, p := range d.people {
		if len(p.mentions) > 0 {
			ex.People = append(ex.People, news.Person{Name: p.name, Mentions: p.mentions, Roles: p.roles})
		}
	}
	for _, in := range d.mergedInstitutions() {
		ex.Institutions = append(ex.Institutions, news.Institution{Name: in.name, Acronym: in.acronym, Mentions: in.mentions})
	}
	for _, pl := range d.places {
		if len(pl.mentions) > 0 {
			ex.Places = append(ex.Places, news.Place{Name: pl.name, Mentions: pl.mentions})
		}
	}
	return ex
}

// mergedInstitutions joins institutions whose name is the beginning of a
// longer one (Rada Miejska → Rada Miejska Białegostoku) or that repeat the
// quoted proper part of another (Stowarzyszenie Dolina Lotnicza →
// Stowarzyszenie … „Dolina Lotnicza”).
func (d *doc) mergedInstitutions() []*instEnt {
	out := make([]*instEnt, 0, len(d.insts))
	gone := make([]bool, len(d.insts))
	for a, ea := range d.insts {
		ka := ea.baseKey()
		ca := ea.coreKey()
		for b, eb := range d.insts {
			if a == b || gone[b] {
				continue
			}
			kb := eb.baseKey()
			cb := eb.coreKey()
			into := false
			switch {
			case len(kb) > len(ka) && strings.HasPrefix(kb, ka+" ") && ea.acronym == "":
				into = true
			case ea.core != "" && eb.core == "" && ea.acronym == "" && strings.HasPrefix(cb, ca+" "):
				// Urząd Marszałkowski w Toruniu → Urząd Marszałkowski
				// Województwa Kujawsko-Pomorskiego; but Sąd Rejonowy w
				// Sanoku and w Krośnie stay two
				into = true
			case eb.quoted != "" && ea.quoted == "" && strings.HasSuffix(ka, Key(eb.quoted)):
				into = true
			case ea.acronym != "" && eb.acronym != "" && acronymKey(ea.acronym) == acronymKey(eb.acronym) && len(kb) > len(ka):
				into = true
			}
			if into {
				for _, m := range ea.mentions {
					eb.mentions = appendUnique(eb.mentions, m)
				}
				if eb.acronym == "" {
					eb.acronym = ea.acronym
				}
				gone[a] = true
				break
			}
		}
	}
	for i, e := range d.insts {
		if !gone[i] {
			out = append(out, e)
		}
	}
	return out
}

// markStreets flags the words of street names and patrons: after a marker,
// a run of capitalised words, numbers and Roman numerals (and the titles
// of a patron).
func (d *doc) markStreets() {
	toks := d.toks
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i]
		if t.kind != tWord || !streetMarkers[t.lower] {
			continue
		}
		j := i + 1
		switch {
		case toks[j].text == ".":
			j++
		case t.lower == "ul" || t.lower == "al" || t.lower == "pl" || t.lower == "os" || t.lower == "im":
			continue // abbreviations need their dot
		}
		k := j
	run:
		for k < len(toks) {
			tk := toks[k]
			switch {
			case tk.kind == tWord && (tk.cap || nameParticles[tk.lower]):
			case tk.kind == tNum && k == j:
			case tk.kind == tWord && isTitle(tk.lower) && k+1 < len(toks) && toks[k+1].text == ".":
				k++ // im. prof. Jana …, ul. ks. Popiełuszki
			default:
				break run
			}
			k++
		}
		for m := j; m < k; m++ {
			d.street[m] = true
		}
		if k > i {
			i = k - 1
		}
	}
}
