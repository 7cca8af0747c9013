package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// writer builds the text of one document and records what it mentions.
type writer struct {
	r    *rand.Rand
	lx   *lexicon
	p    *pools
	b    strings.Builder
	sent []string // words of the sentence being built
	// words counts the words written so far.
	words int
	// rot shifts the entity ranks so that each outlet has its own
	// commonest people, towns and offices.
	rot  int
	home *place
	pub  time.Time

	people map[*person]*news.Person
	insts  map[*institution]*news.Institution
	places map[*place]*news.Place
	dates  []news.DateMention
	visits []news.Visit
	order  []any // entities in order of first mention
}

func (w *writer) word(s string) {
	if s == "" {
		return
	}
	w.sent = append(w.sent, s)
}

// phrase appends a multi-word string.
func (w *writer) phrase(s string) {
	w.sent = append(w.sent, strings.Fields(s)...)
}

// end closes the sentence with punct, capitalising its first word, and
// writes it.
func (w *writer) end(punct string) {
	if len(w.sent) == 0 {
		return
	}
	w.sent[0] = upperFirst(w.sent[0])
	if w.b.Len() > 0 && !strings.HasSuffix(w.b.String(), "\n") {
		w.b.WriteByte(' ')
	}
	for i, s := range w.sent {
		if i > 0 && !strings.HasPrefix(s, ",") && !strings.HasPrefix(s, ")") {
			w.b.WriteByte(' ')
		}
		w.b.WriteString(s)
		if s != "–" && !strings.HasPrefix(s, ",") {
			w.words++
		}
	}
	w.b.WriteString(punct)
	w.sent = w.sent[:0]
}

func (w *writer) paragraph() {
	if w.b.Len() > 0 {
		w.b.WriteString("\n\n")
	}
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// nounPhrase appends an optional agreeing adjective and a noun in slot a.
func (w *writer) nounPhrase(a agreement) {
	nouns := w.lx.nouns[a]
	if nouns == nil || nouns.z == nil {
		a = w.lx.nounSlots[0]
		nouns = w.lx.nouns[a]
	}
	if adjs := w.lx.adjs[a]; adjs != nil && adjs.z != nil && w.r.IntN(2) == 0 {
		w.word(adjs.draw(w.r))
	}
	w.word(nouns.draw(w.r))
}

// slot draws a noun agreement in case c: singular three times in four.
func (w *writer) slot(c polish.Case) agreement {
	for range 8 {
		a := w.lx.nounSlots[w.r.IntN(len(w.lx.nounSlots))]
		if a.c == c && (a.n == polish.Sg) == (w.r.IntN(4) != 0) {
			return a
		}
	}
	for _, a := range w.lx.nounSlots {
		if a.c == c {
			return a
		}
	}
	return w.lx.nounSlots[0]
}

// prepPhrase appends a preposition and a noun phrase in a case it governs.
func (w *writer) prepPhrase() {
	p := pick(w.r, w.lx.prepZ, w.lx.preps)
	if len(p.cases) == 0 {
		return
	}
	w.word(p.form)
	w.nounPhrase(w.slot(p.cases[w.r.IntN(len(p.cases))]))
}

// clause appends a clause of word salad: subject, verb, object or
// prepositional phrases, and now and then an adverb or a frequent word,
// about n words long.
func (w *writer) clause(n int) {
	start := len(w.sent)
	subj := w.slot(polish.Nom)
	w.nounPhrase(subj)
	if w.r.IntN(4) == 0 && w.lx.adverbs.z != nil {
		w.word(w.lx.adverbs.draw(w.r))
	}
	if v := w.lx.verbs[subj.n]; v != nil {
		w.word(v.draw(w.r))
	}
	for len(w.sent)-start < n {
		switch k := w.r.IntN(10); {
		case k < 3:
			w.nounPhrase(w.slot(polish.Acc))
		case k < 5:
			w.nounPhrase(w.slot(polish.Gen))
		case k < 8:
			w.prepPhrase()
		default:
			w.word(w.lx.all.draw(w.r))
		}
	}
}

// salad appends a sentence of one or two clauses of about n words.
func (w *writer) salad(n int) {
	if n > 9 && w.r.IntN(3) == 0 && w.lx.conjs.z != nil {
		w.clause(n / 2)
		w.sent[len(w.sent)-1] += ","
		w.word(w.lx.conjs.draw(w.r))
		w.clause(n - n/2)
		return
	}
	w.clause(n)
}

func (w *writer) sentenceLen() int { return 5 + w.r.IntN(8) + w.r.IntN(8) }

// entity draws.

func (w *writer) person() *person {
	i := (w.p.peopleZ.draw(w.r) + w.rot) % len(w.p.people)
	return w.p.people[i]
}

func (w *writer) town() *place {
	if w.r.IntN(3) == 0 {
		return w.home
	}
	return w.p.towns[(w.p.townsZ.draw(w.r)+w.rot)%len(w.p.towns)]
}

func (w *writer) anyPlace() *place {
	if w.r.IntN(3) == 0 {
		return w.home
	}
	return w.p.places[(w.p.placesZ.draw(w.r)+w.rot)%len(w.p.places)]
}

func (w *writer) institution() *institution {
	return w.p.institutions[(w.p.instZ.draw(w.r)+w.rot)%len(w.p.institutions)]
}

// mentionPerson returns the surface form of p in case c, recording it:
// the full name (with title) the first time, the surname alone later.
func (w *writer) mentionPerson(p *person, c int, withRole bool) string {
	e, seen := w.people[p]
	if !seen {
		e = &news.Person{Name: p.name(), Mentions: []string{}, Roles: []string{}}
		w.people[p] = e
		w.order = append(w.order, p)
	}
	name := p.full(c)
	if seen && w.r.IntN(2) == 0 {
		name = p.last[c]
	}
	if !contains(e.Mentions, name) {
		e.Mentions = append(e.Mentions, name)
	}
	s := name
	if p.title != "" && !seen && name == p.full(c) {
		s = p.title + " " + name
	}
	if withRole && p.role != "" && !contains(e.Roles, p.role) {
		e.Roles = append(e.Roles, p.role)
	}
	return s
}

func (w *writer) mentionPlace(p *place, c int) string {
	e := w.places[p]
	if e == nil {
		e = &news.Place{Name: p.f[nom], Mentions: []string{}}
		w.places[p] = e
		w.order = append(w.order, p)
	}
	if !contains(e.Mentions, p.f[c]) {
		e.Mentions = append(e.Mentions, p.f[c])
	}
	return p.f[c]
}

func (w *writer) mentionInstitution(in *institution, c int) string {
	e := w.insts[in]
	s := in.f[c]
	switch {
	case e == nil:
		e = &news.Institution{Name: in.f[nom], Mentions: []string{}}
		w.insts[in] = e
		w.order = append(w.order, in)
		if in.acronym != "" && w.r.IntN(2) == 0 {
			e.Acronym = in.acronym
			e.Mentions = append(e.Mentions, s)
			return s + " (" + in.acronym + ")"
		}
	case e.Acronym != "" && w.r.IntN(2) == 0:
		s = in.acronym
	}
	if !contains(e.Mentions, s) {
		e.Mentions = append(e.Mentions, s)
	}
	return s
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

var monthsGen = strings.Fields("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia")
var monthsLoc = strings.Fields("styczniu lutym marcu kwietniu maju czerwcu lipcu sierpniu wrześniu październiku listopadzie grudniu")

// date returns a date phrase near the publication day and records it.
func (w *writer) date() string {
	day := w.pub.AddDate(0, 0, w.r.IntN(120)-60)
	iso := day.Format(time.DateOnly)
	var text, start, end string
	switch w.r.IntN(5) {
	case 0, 1:
		text = fmt.Sprintf("%d %s %d r.", day.Day(), monthsGen[day.Month()-1], day.Year())
		start, end = iso, iso
	case 2:
		last := day.AddDate(0, 0, 1+w.r.IntN(4))
		if last.Month() != day.Month() {
			last = time.Date(day.Year(), day.Month()+1, 0, 0, 0, 0, 0, time.UTC)
		}
		if last.Day() == day.Day() {
			day = day.AddDate(0, 0, -1)
			iso = day.Format(time.DateOnly)
		}
		text = fmt.Sprintf("od %d do %d %s %d r.", day.Day(), last.Day(), monthsGen[day.Month()-1], day.Year())
		start, end = iso, last.Format(time.DateOnly)
	case 3:
		first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
		text = fmt.Sprintf("w %s %d roku", monthsLoc[day.Month()-1], day.Year())
		start, end = first.Format(time.DateOnly), first.AddDate(0, 1, -1).Format(time.DateOnly)
	default:
		text = fmt.Sprintf("%d.%02d.%d", day.Day(), int(day.Month()), day.Year())
		start, end = iso, iso
	}
	w.dates = append(w.dates, news.DateMention{Text: strings.TrimPrefix(text, "w "), Start: &start, End: &end})
	return text
}

// past returns the third-person past form of a verb stem for a subject of
// the given gender: "powiedział", "powiedziała", "powiedziało".
func past(stem string, female bool) string {
	if female {
		return stem + "a"
	}
	return stem
}

func instPast(stem string, in *institution) string {
	switch in.gender {
	case 'f':
		return stem + "a"
	case 'n':
		return stem + "o"
	}
	return stem
}

var saidVerbs = []string{"powiedział", "podkreślił", "zapowiedział", "poinformował", "dodał", "zaznaczył", "przypomniał", "wyjaśnił"}
var actVerbs = []string{"ogłosił", "przygotował", "podpisał", "otrzymał", "rozpoczął", "zakończył", "przedstawił", "zorganizował"}

// entitySentence appends one templated sentence with people, places,
// institutions or dates.
func (w *writer) entitySentence() {
	switch w.r.IntN(12) {
	case 0: // – Salad – powiedział dr Jan Kowalski, burmistrz Płocka.
		p := w.person()
		w.word("–")
		w.salad(w.sentenceLen())
		w.word("–")
		w.word(past(saidVerbs[w.r.IntN(len(saidVerbs))], p.female))
		w.phrase(w.mentionPerson(p, nom, p.role != ""))
		if p.role != "" {
			w.sent[len(w.sent)-1] += ","
			w.phrase(p.role)
		}
	case 1: // Jak poinformował burmistrz Płocka Jan Kowalski, salad.
		p := w.person()
		w.word("jak")
		w.word(past(saidVerbs[w.r.IntN(len(saidVerbs))], p.female))
		w.phrase(p.role)
		w.phrase(w.mentionPerson(p, nom, p.role != ""))
		w.sent[len(w.sent)-1] += ","
		w.salad(w.sentenceLen())
	case 2: // Według Jana Kowalskiego salad.
		w.word("według")
		w.phrase(w.mentionPerson(w.person(), gen, false))
		w.salad(w.sentenceLen())
	case 3: // Rozmawialiśmy z Janem Kowalskim o salad.
		w.phrase("rozmawialiśmy z")
		w.phrase(w.mentionPerson(w.person(), inst, false))
		w.word("o")
		w.nounPhrase(w.slot(polish.Loc))
		w.prepPhrase()
	case 4: // Nagrodę Janowi Kowalskiemu wręczył prezes ... Adam Nowak.
		a, b := w.person(), w.person()
		for b == a {
			b = w.person()
		}
		w.word("nagrodę")
		w.phrase(w.mentionPerson(a, dat, false))
		w.word(past("wręczył", b.female))
		w.phrase(b.role)
		w.phrase(w.mentionPerson(b, nom, b.role != ""))
	case 5: // W Płocku salad.
		w.word(w.inPlace(w.town()))
		w.salad(w.sentenceLen())
	case 6: // Mieszkańcy Płocka salad.
		w.word("mieszkańcy")
		w.phrase(w.mentionPlace(w.town(), gen))
		w.salad(w.sentenceLen())
	case 7: // Sąd Rejonowy w Płocku ogłosił salad.
		in := w.institution()
		w.phrase(w.mentionInstitution(in, nom))
		w.word(instPast(actVerbs[w.r.IntN(len(actVerbs))], in))
		w.salad(w.sentenceLen())
	case 8: // Przedstawiciele Urzędu Miasta Płocka salad.
		w.word("przedstawiciele")
		w.phrase(w.mentionInstitution(w.institution(), gen))
		w.salad(w.sentenceLen())
	case 9: // Sprawą zajmuje się Prokuratura Rejonowa w Płocku.
		w.phrase("sprawą zajmuje się")
		w.phrase(w.mentionInstitution(w.institution(), nom))
	case 10: // Spotkanie zaplanowano na 12 marca 2019 r. w Płocku.
		w.word(w.lx.nouns[w.lx.nounSlots[0]].draw(w.r))
		w.phrase("zaplanowano na")
		w.phrase(strings.TrimPrefix(w.date(), "w "))
		w.word(w.inPlace(w.town()))
	default: // Od 3 do 5 czerwca 2020 r. salad.
		w.phrase(w.date())
		w.salad(w.sentenceLen())
	}
	w.end(".")
}

// inPlace returns "w Płocku" / "we Wrocławiu" and records the place.
func (w *writer) inPlace(p *place) string {
	s := w.mentionPlace(p, loc)
	return polish.LocativePreposition(s) + " " + s
}

// text writes about n words in paragraphs of three to six sentences, a
// third of them templated with entities and dates.
func (w *writer) text(n int) {
	for w.words < n {
		w.paragraph()
		for k := 3 + w.r.IntN(4); k > 0 && w.words < n; k-- {
			if w.r.IntN(3) == 0 {
				w.entitySentence()
				continue
			}
			w.salad(w.sentenceLen())
			w.end(".")
		}
	}
}

// finish copies the recorded entities into the extraction in order of
// first mention.
func (w *writer) finish() news.Extraction {
	ext := news.Extraction{Dates: w.dates, Visits: w.visits}
	for _, o := range w.order {
		switch o := o.(type) {
		case *person:
			ext.People = append(ext.People, *w.people[o])
		case *institution:
			ext.Institutions = append(ext.Institutions, *w.insts[o])
		case *place:
			ext.Places = append(ext.Places, *w.places[o])
		}
	}
	ext.Normalize()
	return ext
}
