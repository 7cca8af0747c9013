package visit

// clause is one sentence being read: its parties and the trigger that
// heads it.
type clause struct {
	d     *doc
	k     int
	ps    []party
	head  int  // token of the trigger that heads the sentence, -1
	kind  trig // what it is
	verb  int  // the finite verb of the head trigger, -1
	cue   bool // a visit word anywhere in the sentence (wizyta, pobyt, odwiedzić)
	rec   *record
	trigs []int // every trigger token
	cl    int   // the clause of the head trigger (see clauseOf)
}

// frameRule builds the record of a sentence from its head trigger: who
// is on which side. The first rule that applies wins.
type frameRule struct {
	name  string
	apply func(c *clause) bool
}

// frameRules are tried in order on every sentence.
var frameRules = []frameRule{
	// "– Holendrzy przyjeżdżają do nas co roku – mówił": what a speaker
	// says is not a report of the visit.
	{"quotation", func(c *clause) bool { return c.d.quote[c.k] }},
	// "Gościem wójta Jana Nowaka był ambasador Niemiec": the subject is
	// the guest, the genitive of "gość" the host.
	{"guest-of", guestOf},
	// "Gospodarzem forum był Julien Darcet", "Gospodarz, prezes parku
	// Marek Olszewski, przypomniał": who hosted the visit just told.
	{"host-of", hostOf},
	// "Goście rosyjscy wyjeżdżają z Gołdapi w piątek", "Delegacja wróciła
	// z Namur": guests leaving the place of their visit.
	{"departure", departure},
	// "Samorząd Województwa Mazowieckiego gościł przedstawiciela regionu
	// Walonia, pana Huguesa Labara": the subject hosts the object.
	{"host-with-object", hostWithObject},
	// "Delegacja została przyjęta przez wojewodę": the agent hosts.
	{"passive-reception", passiveReception},
	// "Kielecki Park Technologiczny odwiedziła delegacja z Winnicy",
	// "Mieszkańcy Lejdy goszczą w Toruniu": the subject is the guest.
	{"guest-verb", guestVerb},
	// "Artur Chojecki spotkał się z Grzegorzem Smolińskim": the subject
	// meets the "z" side; a delegation on either side makes it a visit.
	{"meet-verb", meetVerb},
	// "Wizyta delegacji obwodu winnickiego na Mazowszu", "Ambasador
	// Francji z wizytą u Marszałka": the genitive or subject is the
	// guest, "u", "w", "do" the host.
	{"visit-noun", visitNoun},
	// "Marszałek odbył rozmowę z Burmistrzem", "spotkanie w siedzibie
	// UMWM, w którym udział wzięli …": a meeting word with its parties.
	{"meet-noun", meetNoun},
	// "Delegacja z Dolnej Saksonii w Olsztynie": a headline naming the
	// guests and where they are.
	{"guest-noun", guestNounHead},
	// "W spotkaniu wzięli udział pan Hugues Labar, przedstawiciele …":
	// who took part in the visit just reported.
	{"participants", participants},
	// "Są wśród nich m.in. …", "Delegacji przewodniczył …", "W skład
	// delegacji weszli …": who the guests just reported are.
	{"members", members},
}

// slotRules complete the record a frame rule built: where, when, and
// whether it happened, is planned or long past.
var slotRules = []struct {
	name  string
	apply func(c *clause)
}{
	// "w Kielcach", "do Torunia", "w Ratuszu Miasta Niestein": the
	// locality of the sentence; a region or country only marks it.
	{"place-in-sentence", placeInSentence},
	// "W dniach 18-19 grudnia 2014 r.", "aż do 23 października": the
	// sentence's own dates.
	{"date-in-sentence", dateInSentence},
	// "W pierwszym dniu", "W kolejnym dniu wizyty": a day of the visit,
	// resolved by the story.
	{"day-of-visit", dayOfVisit},
	// "Kolejne spotkanie zaplanowano", "przyjedzie", "odbędzie się": planned.
	{"planned", plannedEvent},
}

// readSentence reads sentence k and keeps the record it reports.
func (d *doc) readSentence(k int) {
	c := &clause{d: d, k: k, head: -1, verb: -1}
	s := d.sents[k]
	for i := s.t0; i < s.t1; i++ {
		if d.marks[i] != markTrigger {
			continue
		}
		w := d.word(i)
		c.trigs = append(c.trigs, i)
		switch w.trig {
		case trigVisitNoun, trigGuestVerb, trigStayOrHost:
			c.cue = true
		}
	}
	if len(c.trigs) == 0 && (!d.marked(s) || !d.hasParticipation(s) && !d.membersAt(s)) || d.quote[k] {
		// most sentences: only who they are about matters, for the
		// sentences after them that leave their subject out, and where
		// a people named in them comes from (Rosjanie z Kaliningradu)
		d.noteNamedSubjects(k)
		d.notePeoples(s)
		return
	}
	c.ps = d.parties(k)
	// a clause of its own with a trigger of its own is read on its own:
	// "przebywał z wizytą w Getyndze, gdzie spotkał się z nadburmistrz …"
	var groups [][]int
	last := -1
	for _, i := range c.trigs {
		if cl := d.clauseOf(s, i); len(groups) == 0 || cl != last {
			groups = append(groups, nil)
			last = cl
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], i)
	}
	if len(groups) == 0 {
		groups = [][]int{nil}
	}
	for _, g := range groups {
		cc := *c
		cc.trigs = g
		cc.readClause()
	}
}

// readClause applies the frame rules, then the slot rules, to a clause
// and keeps the record they build.
func (c *clause) readClause() {
	d, s := c.d, c.d.sents[c.k]
	c.pickHead()
	if d.trace != nil {
		d.trace("S%d p%d %q\n  head=%d %s\n", c.k, s.para, d.text[s.start:s.end], c.head, d.dumpParties(c.ps))
	}
	for _, r := range frameRules {
		if r.apply(c) {
			if c.rec != nil {
				c.rec.rule = r.name
			}
			break
		}
	}
	d.noteSubjects(c)
	if c.rec == nil {
		return
	}
	c.rec.anaphor = c.rec.group && len(c.rec.visitors) == 0 && !c.rec.hasOrigin()
	for _, r := range slotRules {
		r.apply(c)
	}
	d.recs = append(d.recs, c.rec)
}

// pickHead chooses the trigger that heads the sentence: a finite verb
// before a noun, a visit before a meeting, a verb of touring before the
// guests who tour.
func (c *clause) pickHead() {
	best, rank := -1, 99
	for _, i := range c.trigs {
		w := c.d.word(i)
		r := 50
		switch {
		case w.verb && (w.trig == trigHostVerb || w.trig == trigStayOrHost):
			r = 1
		case w.verb && w.trig == trigGuestVerb:
			r = 2
		case w.verb && w.trig == trigMeetVerb:
			r = 3
		case isPassive(w) && (w.trig == trigHostVerb || w.trig == trigStayOrHost):
			r = 4
		case w.trig == trigVisitNoun:
			r = 5
		case w.trig == trigMeetNoun:
			r = 6
		case w.verb && w.trig == trigTour:
			r = 7 // "goście zwiedzili park": the verb, not its subject
		case w.trig == trigGuestNoun:
			r = 8
		case w.trig == trigHostNoun:
			r = 9
		case w.verb && w.trig == trigDepart:
			r = 3 // before a visit noun: "wyjeżdżają – będą w wizytach"
		}
		if r < rank {
			best, rank = i, r
		}
	}
	c.head = best
	if best >= 0 {
		c.cl = c.d.clauseOf(c.d.sents[c.k], best)
		c.kind = c.d.word(best).trig
		if c.d.word(best).verb || isPassive(c.d.word(best)) {
			c.verb = best
		}
	}
}
