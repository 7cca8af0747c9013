package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kronika/kronika/news"
)

// The visits of the corpus. A fifth of the documents end with a paragraph
// reporting one visit or meeting. The events are drawn per week: each
// week has visitSlots events, a pure function of the seed, the week and
// the slot, so that every document reporting one agrees on who came,
// from where, whom they met, where and when. A document reports an
// event of the week before its publication, or, one time in five,
// announces one of the week after it (planned); several documents, of
// any outlets, report most events in the recent, busier years, each in
// its own words, naming more or fewer of the parties: the generator's
// duplicates, which the index must merge into one record an event.
// Within a week no person leads or hosts two events, except that now and
// then a host receives a second guest at the same place and day: two
// events the index must keep apart.
const (
	visitEvery  = 5    // one document in visitEvery reports a visit
	plannedOne  = 5    // one report in plannedOne announces the visit
	visitSlots  = 12   // events a week
	visitSalt   = 0x76 // separates the visit streams from the text streams
	sharedHostP = 4    // one event in sharedHostP shares the host, place and day of the one before
)

// event is one visit or meeting of the corpus.
type event struct {
	id       string // "week/slot": the answer key
	meeting  bool
	visitors []*person // none for a delegation named by its origin alone
	from     *place
	host     *person
	other    *person // a meeting's second party
	place    *place
	start    time.Time
	days     int
}

// epochMonday numbers the weeks of the corpus.
var epochMonday = time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)

// weekOf is the number of the week (Monday to Sunday) of t's calendar
// day.
func weekOf(t time.Time) int {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return int(day.Sub(epochMonday).Hours()/24) / 7
}

// event returns the event of a week's slot. Slots are drawn in order, so
// that a slot can keep off the people of the slots before it.
func (c *Corpus) event(week, slot int) event {
	used := map[*person]bool{}
	var e event
	for s := 0; s <= slot; s++ {
		e = c.drawEvent(week, s, used, e)
	}
	return e
}

// drawEvent draws slot s of a week, its people not in used (which it
// extends).
func (c *Corpus) drawEvent(week, s int, used map[*person]bool, prev event) event {
	r := rand.New(rand.NewPCG(c.cfg.Seed^visitSalt, uint64(week)*visitSlots+uint64(s)))
	freshPerson := func() *person {
		for {
			p := c.p.people[c.p.peopleZ.draw(r)]
			if !used[p] {
				used[p] = true
				return p
			}
		}
	}
	e := event{id: fmt.Sprintf("%d/%d", week, s)}
	e.place = c.p.towns[c.p.townsZ.draw(r)]
	e.start = epochMonday.AddDate(0, 0, week*7+r.IntN(4))
	e.days = 1 + r.IntN(2)
	switch k := r.IntN(20); {
	case k < 4:
		e.meeting = true
		e.host, e.other = freshPerson(), freshPerson()
		return e
	case k < 7: // a delegation named by its origin alone
		e.host = freshPerson()
	default:
		e.visitors = []*person{freshPerson()}
		if r.IntN(4) == 0 {
			e.visitors = append(e.visitors, freshPerson())
		}
		e.host = freshPerson()
		if s > 0 && !prev.meeting && r.IntN(sharedHostP) == 0 {
			e.host, e.place, e.start, e.days = prev.host, prev.place, prev.start, prev.days
		}
	}
	if len(e.visitors) == 0 || r.IntN(5) < 3 {
		e.from = c.origin(r, e.place, week, s)
	}
	return e
}

// origin draws where visitors come from: another town, a region or a
// country, never the place they visit; a week's delegations named by
// their origin alone come from different places.
func (c *Corpus) origin(r *rand.Rand, at *place, week, s int) *place {
	for {
		p := c.p.places[c.p.placesZ.draw(r)]
		if p == at {
			continue
		}
		// Keep the origin of this slot off the origins of the week's
		// other slots by its position: a place whose rank modulo the
		// slots is this slot's.
		if idx := slices.Index(c.p.places, p); idx%visitSlots == s {
			return p
		}
	}
}

// VisitKey returns the answer key of document i's visits: the ID of the
// event each of its Extraction.Visits reports, in order. Reports of one
// event share its ID.
func (c *Corpus) VisitKey(i int) []string {
	e, _, ok := c.visitOf(i)
	if !ok {
		return nil
	}
	return []string{e.id}
}

// visitOf decides whether document i reports a visit, which event and
// whether it announces it, from the document's own visit stream.
func (c *Corpus) visitOf(i int) (event, *rand.Rand, bool) {
	r := rand.New(rand.NewPCG(c.cfg.Seed^visitSalt, 1<<40+uint64(i)))
	if r.IntN(visitEvery) != 0 {
		return event{}, nil, false
	}
	pub := c.Meta(i).Published
	week := weekOf(pub) - 1
	if r.IntN(plannedOne) == 0 {
		week += 2
	}
	return c.event(week, r.IntN(visitSlots)), r, true
}

// visitParagraph writes the paragraph of document i's visit, if it has
// one, and records the visit in w. It draws from the document's visit
// stream only, so that the text before it is the same as without visits.
func (c *Corpus) visitParagraph(w *writer, i int) {
	e, r, ok := c.visitOf(i)
	if !ok {
		return
	}
	planned := e.start.After(w.pub)
	text := w.r
	w.r = r
	defer func() { w.r = text }()
	w.paragraph()
	start := w.b.Len()
	v := news.Visit{Kind: news.KindVisit, Visitors: []string{}, Hosts: []string{}, Status: news.StatusReported, Confidence: 1}
	if planned {
		v.Status = news.StatusPlanned
	}
	w.visitSentence(e, &v, planned)
	v.Evidence = news.Evidence{Text: w.b.String()[start:], Start: start, End: w.b.Len()}
	w.visits = append(w.visits, v)
}

// visitDays returns the phrase of an event's days ("12 marca 2019 r.",
// "od 12 do 13 marca 2019 r.") and records it as a date mention.
func (w *writer) visitDays(e event, v *news.Visit) string {
	end := e.start.AddDate(0, 0, e.days-1)
	s, t := e.start.Format(time.DateOnly), end.Format(time.DateOnly)
	v.Start, v.End = &s, &t
	phrase := fmt.Sprintf("%d %s %d r.", e.start.Day(), monthsGen[e.start.Month()-1], e.start.Year())
	precision := news.PrecisionDay
	if e.days > 1 {
		precision = news.PrecisionDays
		if end.Month() == e.start.Month() {
			phrase = fmt.Sprintf("od %d do %d %s %d r.", e.start.Day(), end.Day(), monthsGen[end.Month()-1], end.Year())
		} else {
			phrase = fmt.Sprintf("od %d %s do %d %s %d r.", e.start.Day(), monthsGen[e.start.Month()-1], end.Day(), monthsGen[end.Month()-1], end.Year())
		}
	}
	w.dates = append(w.dates, news.DateMention{Text: phrase, Start: &s, End: &t, Precision: precision})
	return phrase
}

// visitSentence writes one sentence reporting e, in one of several
// wordings that name more or fewer of its parties, and fills v with what
// it states.
func (w *writer) visitSentence(e event, v *news.Visit, planned bool) {
	days := w.visitDays(e, v)
	at := e.place.f[nom]
	v.Place = &at
	from := func() string {
		s := e.from.f[nom]
		v.VisitorFrom = &s
		return with(w.mentionPlace(e.from, gen))
	}
	switch {
	case e.meeting:
		v.Kind = news.KindMeeting
		a, b := e.host, e.other
		if w.r.IntN(2) == 0 {
			a, b = b, a
		}
		v.Visitors, v.Hosts = []string{a.name()}, []string{b.name()}
		switch {
		case planned: // 12 marca 2019 r. Jan Kowalski spotka się w Płocku z Adamem Nowakiem.
			w.phrase(days)
			w.phrase(w.mentionPerson(a, nom, false))
			w.phrase("spotka się " + w.inPlace(e.place))
		case w.r.IntN(2) == 0: // Jan Kowalski spotkał się 12 marca 2019 r. w Płocku z Adamem Nowakiem.
			w.phrase(w.mentionPerson(a, nom, false))
			w.phrase(past("spotkał", a.female) + " się " + days + " " + w.inPlace(e.place))
		default: // 12 marca 2019 r. Jan Kowalski rozmawiał w Płocku z Adamem Nowakiem.
			w.phrase(days)
			w.phrase(w.mentionPerson(a, nom, false))
			w.phrase(past("rozmawiał", a.female) + " " + w.inPlace(e.place))
		}
		w.phrase(with(w.mentionPerson(b, inst, false)))
	case len(e.visitors) == 0:
		w.phrase(days)
		w.word(w.inPlace(e.place))
		if planned { // 12 marca 2019 r. w Płocku gościć będzie delegacja z Ukrainy.
			w.phrase("gościć będzie delegacja " + from())
			break
		}
		// 12 marca 2019 r. w Płocku gościła delegacja z Ukrainy, którą podejmował Adam Nowak.
		v.Hosts = []string{e.host.name()}
		w.phrase("gościła delegacja " + from() + ", którą " + past("podejmował", e.host.female))
		w.phrase(w.mentionPerson(e.host, nom, false))
	default:
		for _, p := range e.visitors {
			v.Visitors = append(v.Visitors, p.name())
		}
		switch k := w.r.IntN(3); {
		case planned: // 12 marca 2019 r. Płock odwiedzi Jan Kowalski z Ukrainy.
			w.phrase(days)
			w.phrase(w.mentionPlace(e.place, acc) + " odwiedzi")
			w.phrase(w.visitorList(e.visitors, nom))
			if e.from != nil {
				w.phrase(from())
			}
		case k == 0 && e.from != nil: // 12 marca 2019 r. Jan Kowalski z Ukrainy odwiedził Płock, gdzie spotkał się z Adamem Nowakiem.
			v.Hosts = []string{e.host.name()}
			w.phrase(days)
			w.phrase(w.visitorList(e.visitors, nom))
			w.phrase(from())
			w.phrase(pastOf("odwiedził", e.visitors) + " " + w.mentionPlace(e.place, acc) + ", gdzie " + pastOf("spotkał", e.visitors) + " się")
			w.phrase(with(w.mentionPerson(e.host, inst, false)))
		case k == 1: // Jan Kowalski gościł 12 marca 2019 r. w Płocku.
			w.phrase(w.visitorList(e.visitors, nom))
			w.phrase(pastOf("gościł", e.visitors) + " " + days + " " + w.inPlace(e.place))
		default: // 12 marca 2019 r. w Płocku Adam Nowak podejmował Jana Kowalskiego.
			v.Hosts = []string{e.host.name()}
			w.phrase(days + " " + w.inPlace(e.place))
			w.phrase(w.mentionPerson(e.host, nom, false))
			w.phrase(past("podejmował", e.host.female))
			w.phrase(w.visitorList(e.visitors, acc))
		}
	}
	w.end(".")
}

// visitorList names the visitors, joined by "i", in case c.
func (w *writer) visitorList(ps []*person, c int) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = w.mentionPerson(p, c, false)
	}
	return strings.Join(names, " i ")
}

// with puts the preposition "z" before a name, "ze" where Polish
// speech needs it (ze Stanisławem, ze Szczecina).
func with(name string) string {
	r := []rune(name)
	if len(r) > 1 && strings.ContainsRune("SsZzŚśŹźŻż", r[0]) && !strings.ContainsRune("aąeęioóuyAĄEĘIOÓUY", r[1]) {
		return "ze " + name
	}
	return "z " + name
}

// pastOf is the past form of a verb stem agreeing with its subjects:
// "odwiedził", "odwiedziła", "odwiedzili".
func pastOf(stem string, subjects []*person) string {
	if len(subjects) > 1 {
		return strings.TrimSuffix(stem, "ł") + "li"
	}
	return past(stem, subjects[0].female)
}
