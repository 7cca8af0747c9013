package visit

import (
	"slices"
	"strings"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

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
		if !d.toks[i].word || !mayTrigger(d.toks[i].low) {
			continue
		}
		w := d.word(i)
		if w.trig == trigNone {
			continue
		}
		c.trigs = append(c.trigs, i)
		switch w.trig {
		case trigVisitNoun, trigGuestVerb, trigStayOrHost:
			c.cue = true
		}
	}
	if len(c.trigs) == 0 && !d.hasParticipation(s) && !d.membersAt(s) || d.quote[k] {
		// most sentences: only who they are about matters, for the
		// sentences after them that leave their subject out
		d.noteNamedSubjects(k)
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
	for _, r := range slotRules {
		r.apply(c)
	}
	d.recs = append(d.recs, c.rec)
}

// pickHead chooses the trigger that heads the sentence: a finite verb
// before a noun, a visit before a meeting.
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
		case w.trig == trigGuestNoun:
			r = 7
		case w.verb && w.trig == trigTour:
			r = 8
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

// hasTrigger reports whether the sentence has a trigger of kind k.
func (c *clause) hasTrigger(k trig) bool {
	return slices.ContainsFunc(c.trigs, func(i int) bool { return c.d.word(i).trig == k })
}

// isPassive reports a passive participle (przyjęty, goszczony).
func isPassive(w *wordInfo) bool {
	return len(w.an) > 0 && w.an[0].Tag.POS() == "ppas"
}

// bySlot returns the parties in any of the slots.
func (c *clause) bySlot(ss ...slot) []int {
	var out []int
	for n, p := range c.ps {
		if slices.Contains(ss, p.slot) && p.clause == c.cl {
			out = append(out, n)
		}
	}
	return out
}

// subjects returns the parties in the nominative that agree with the
// head verb; a party that does not agree and may be an accusative becomes
// the object (Kielecki Park Technologiczny odwiedziła delegacja: the park
// is what she visited; Goście odwiedzili Uniwersytet: what they visited).
// Singular parties listed together agree with a plural verb when no
// plural party does.
func (c *clause) subjects() []int {
	subj := c.bySlot(slotSubj)
	if c.verb >= 0 && len(subj) == 1 && c.objectAfterVerb(c.ps[subj[0]]) {
		c.ps[subj[0]].slot = slotObj // Odwiedził też zakład Kronos: he did
		return nil
	}
	if c.verb < 0 || len(subj) < 2 {
		return subj
	}
	w := c.d.word(c.verb)
	plural := w.numbers == polish.Pl && slices.ContainsFunc(subj, func(n int) bool { return c.ps[n].number.Has(polish.Pl) })
	agrees := func(p party) bool {
		switch w.numbers {
		case polish.Pl:
			return !plural || p.number == 0 || p.number.Has(polish.Pl)
		case polish.Sg:
			return (p.number == 0 || p.number.Has(polish.Sg)) && (p.gender == 0 || w.genders == 0 || p.gender.Any(w.genders))
		}
		return true
	}
	var agree []int
	for _, n := range subj {
		if agrees(c.ps[n]) {
			agree = append(agree, n)
		} else if c.ps[n].cases&polish.Acc != 0 {
			c.ps[n].slot = slotObj
		}
	}
	if len(agree) == 0 {
		return subj
	}
	// both before and after the verb: the one before is the subject
	// (Billet odwiedził Poznań), as a Polish reader takes it
	if agree[0] < len(c.ps) && c.ps[agree[0]].t0 < c.verb {
		kept := agree[:0]
		for _, n := range agree {
			if c.ps[n].t0 > c.verb && c.ps[n].cases&polish.Acc != 0 {
				c.ps[n].slot = slotObj
				continue
			}
			kept = append(kept, n)
		}
		agree = kept
	}
	return agree
}

// objectAfterVerb reports an institution after the verb that may be its
// object, when the sentence before named a subject the verb can stand
// for: the left-out subject visited the institution.
func (c *clause) objectAfterVerb(p party) bool {
	return p.t0 > c.verb && p.ent >= 0 && c.d.ents[p.ent].kind == institution &&
		p.cases&polish.Acc != 0 && c.subjectBefore()
}

// put assigns party n to side s: a named party joins the side, a
// delegation brings its origin, an official named by function waits to
// be found, a place gives the origin or the place.
func (c *clause) put(n int, s side) {
	p := c.ps[n]
	r := c.rec
	switch {
	case p.ent >= 0 && c.d.ents[p.ent].kind == place:
		return
	case p.ent >= 0:
		r.add(p.ent, s)
	case len(p.origins) > 0 && s == sideVisitors:
		for _, o := range p.origins {
			if p.weak {
				r.weak = appendNew(r.weak, o)
			} else {
				r.from = appendNew(r.from, o)
			}
		}
		r.group = true
	case p.guest && s == sideVisitors:
		r.group = true
		r.delegation = r.delegation || p.noun == "delegacja" || p.noun == "misja"
	case roleNouns[p.noun] && !groupNouns[p.noun] || p.noun == "przedstawiciel" && p.number == polish.Sg:
		r.unnamed = append(r.unnamed, unnamedParty{t0: p.t0, t1: p.t1, side: s})
	}
	// the genitive parties of a group are on its side (przedstawiciele
	// Agencji Rozwoju Mazowsza; członkowie stowarzyszenia Stedenband)
	if p.ent < 0 {
		for m, q := range c.ps {
			if q.slot == slotComp && q.head == p.t0 && m != n {
				c.put(m, s)
			}
		}
	}
}

// putAll assigns the parties to side s.
func (c *clause) putAll(ns []int, s side) {
	for _, n := range ns {
		c.put(n, s)
	}
}

// hostParties are the parties a guest verb or noun names as receiving:
// the object, the venue, the destination, "u".
func (c *clause) hostParties(withObj bool) []int {
	ss := []slot{slotAt, slotTo, slotAtHost}
	if withObj {
		ss = append(ss, slotObj)
	}
	var out []int
	for _, n := range c.bySlot(ss...) {
		if p := c.ps[n]; p.ent >= 0 && c.d.ents[p.ent].kind != place {
			out = append(out, n)
		}
	}
	// a venue named by a noun: w siedzibie UMWM, pomieszczenia Biura
	for n, p := range c.ps {
		if p.slot == slotComp && p.ent >= 0 && c.d.ents[p.ent].kind == institution && venueNouns[p.headLem] {
			out = append(out, n)
		}
	}
	return out
}

// venueNouns are buildings and rooms whose genitive is their owner (w
// siedzibie UMWM, w sali Landtagu, pomieszczenia Biura).
var venueNouns = map[string]bool{
	"siedziba": true, "sala": true, "gmach": true, "budynek": true, "pomieszczenie": true,
	"ratusz": true, "teren": true, "hala": true, "zakład": true, "laboratorium": true,
	"kampus": true, "biuro": true, "dom": true, "pałac": true, "urząd": true,
}

// guestObjects returns the objects that can be received: people,
// delegations and guests, representatives, officials; institutions too
// when allowInst.
func (c *clause) guestObjects(allowInst bool) []int {
	var out []int
	for _, n := range c.bySlot(slotObj) {
		p := c.ps[n]
		switch {
		case p.ent >= 0 && c.d.ents[p.ent].kind == person,
			p.ent >= 0 && allowInst && c.d.ents[p.ent].kind == institution,
			p.ent < 0 && (hostObjectHeads[p.noun] || p.guest):
			out = append(out, n)
		}
	}
	return out
}

func (c *clause) start() *record {
	c.rec = newRecord(c.k)
	c.rec.para = c.d.sents[c.k].para
	return c.rec
}

func hostWithObject(c *clause) bool {
	if c.verb < 0 || !c.d.word(c.verb).verb || c.kind != trigHostVerb && c.kind != trigStayOrHost {
		return false
	}
	subj := c.subjects()
	objs := c.guestObjects(c.kind == trigStayOrHost)
	if len(objs) == 0 {
		return c.kind == trigHostVerb // przyjął uchwałę: no visit
	}
	r := c.start()
	r.conf = 0.85
	c.putAll(subj, sideHosts)
	r.subjSide = sideHosts
	c.putAll(objs, sideVisitors)
	c.putAll(c.bySlot(slotLead, slotWith), sideVisitors)
	c.putAll(c.hostParties(false), sideHosts)
	return true
}

func passiveReception(c *clause) bool {
	if c.verb < 0 || !isPassive(c.d.word(c.verb)) {
		return false
	}
	by := c.bySlot(slotBy)
	if len(by) == 0 {
		return false
	}
	r := c.start()
	r.conf = 0.8
	c.putAll(c.subjects(), sideVisitors)
	r.subjSide = sideVisitors
	c.putAll(by, sideHosts)
	c.putAll(c.hostParties(false), sideHosts)
	c.proDrop(sideVisitors)
	return true
}

func guestVerb(c *clause) bool {
	if c.verb < 0 || !c.d.word(c.verb).verb || c.kind != trigGuestVerb && c.kind != trigStayOrHost && c.kind != trigTour {
		return false
	}
	r := c.start()
	r.conf = 0.8
	if c.kind == trigTour {
		r.conf, r.cont = 0.5, true
	}
	subj := c.subjects()
	c.putAll(subj, sideVisitors)
	r.subjSide = sideVisitors
	c.putAll(c.bySlot(slotLead, slotAlong, slotWith), sideVisitors)
	c.putAll(c.hostParties(true), sideHosts)
	c.putFrom()
	if len(subj) == 0 {
		c.proDrop(sideVisitors)
	}
	return true
}

// putFrom gives the places of "z"/"ze" (przyjechał z Kłajpedy) as the
// origin and institutions there as the visitors.
func (c *clause) putFrom() {
	for _, n := range c.bySlot(slotFrom) {
		p := c.ps[n]
		if p.ent < 0 {
			continue
		}
		if e := c.d.ents[p.ent]; e.kind == place {
			c.rec.from = appendNew(c.rec.from, e.name)
		} else {
			c.put(n, sideVisitors)
		}
	}
}

func meetVerb(c *clause) bool {
	if c.verb < 0 || !c.d.word(c.verb).verb || c.kind != trigMeetVerb {
		return false
	}
	with := c.bySlot(slotWith)
	if !c.hasParty(with) {
		return false
	}
	c.meet(c.subjects(), with, 0.75)
	return true
}

// sequenceWords mark the next of several meetings told in one sentence
// (spotkał się z biskupem, marszałkiem, a potem z wojewodą).
var sequenceWords = map[string]bool{"potem": true, "następnie": true, "później": true, "wreszcie": true, "zakończenie": true}

// sequence returns the named parties of b in the groups that sequence
// words divide them into, or nil when there are none.
func (c *clause) sequence(b []int) [][]int {
	var groups [][]int
	var cur []int
	prevEnd := -1
	for _, n := range b {
		p := c.ps[n]
		if prevEnd >= 0 && len(cur) > 0 {
			for t := prevEnd; t < p.t0; t++ {
				if sequenceWords[c.d.toks[t].low] || c.d.toks[t].low == "po" && t+1 < p.t0 && c.d.toks[t+1].low == "czym" {
					groups, cur = append(groups, cur), nil
					break
				}
			}
		}
		if p.ent >= 0 && c.d.ents[p.ent].kind != place {
			cur = append(cur, p.ent)
		}
		prevEnd = p.t1
	}
	if len(groups) == 0 {
		return nil
	}
	return append(groups, cur)
}

// hasParty reports whether the parties include a named one, a guest
// group, or an official named by function.
func (c *clause) hasParty(ns []int) bool {
	for _, n := range ns {
		p := c.ps[n]
		if p.ent >= 0 && c.d.ents[p.ent].kind != place || p.guest || len(p.origins) > 0 || roleNouns[p.noun] && !groupNouns[p.noun] {
			return true
		}
		if p.ent < 0 {
			for _, q := range c.ps {
				if q.slot == slotComp && q.head == p.t0 && q.ent >= 0 {
					return true
				}
			}
		}
	}
	return false
}

// meet builds a record from two sides that meet, a (the subject) and b
// (the "z" side): a delegation on one side makes the other its host; a
// visit word or a party known as a guest makes the subject the guest;
// else it is a meeting.
func (c *clause) meet(a, b []int, conf float64) {
	r := c.start()
	r.conf = conf
	r.meetLike = true
	guestIn := func(ns []int) bool {
		return slices.ContainsFunc(ns, func(n int) bool { return c.ps[n].guest || len(c.ps[n].origins) > 0 && c.ps[n].ent < 0 })
	}
	ents := func(ns []int) []int {
		var out []int
		for _, n := range ns {
			if c.ps[n].ent >= 0 {
				out = append(out, c.ps[n].ent)
			}
		}
		return out
	}
	known := func(es []int, s side) bool {
		return slices.ContainsFunc(es, func(e int) bool { return c.d.knownSide(e) == s })
	}
	aEnts, bEnts := ents(a), ents(b)
	if len(a) == 0 {
		// W dniu 1 sierpnia spotkał się z …: the subject left out tells
		// which side the sentence is on
		aEnts = c.impliedSubject()
	}
	aSide := sideNone
	switch {
	case guestIn(b):
		aSide = sideHosts
	case guestIn(a):
		aSide = sideVisitors
	case known(aEnts, sideVisitors) || known(bEnts, sideHosts):
		aSide = sideVisitors
	case known(aEnts, sideHosts) || known(bEnts, sideVisitors):
		aSide = sideHosts
	case c.cue:
		aSide = sideVisitors
	}
	if aSide == sideNone {
		r.kind = news.KindMeeting
		aSide = sideVisitors
	}
	bSide := sideHosts
	if aSide == sideHosts {
		bSide = sideVisitors
	}
	c.putAll(a, aSide)
	r.subjSide = aSide
	c.putAll(c.bySlot(slotAlong), aSide)
	c.putAll(b, bSide)
	if bSide == sideHosts {
		r.sequence = c.sequence(b)
	}
	c.putAll(c.bySlot(slotLead), sideVisitors)
	c.proDrop(aSide)
	if aSide == sideVisitors {
		c.putAll(c.hostParties(false), sideHosts)
	}
}

func visitNoun(c *clause) bool {
	if c.kind != trigVisitNoun {
		return false
	}
	if c.hasTrigger(trigMeetNoun) && c.hasParty(c.bySlot(slotWith)) {
		return false // "W programie pobytu … rozmów z …": the talks are the event
	}
	r := c.start()
	r.conf = 0.7
	var vis []int
	for n, p := range c.ps {
		if p.clause == c.cl && (p.slot == slotComp && p.head == c.head || p.slot == slotSubj && c.subjectVisits()) {
			vis = append(vis, n)
		}
	}
	c.putAll(vis, sideVisitors)
	r.subjSide = sideVisitors
	c.putAll(c.bySlot(slotLead, slotAlong), sideVisitors)
	c.putAll(c.hostParties(false), sideHosts)
	for n, p := range c.ps {
		if p.slot == slotComp && c.d.hasLemma(p.head, "zaproszenie") && p.ent >= 0 {
			c.put(n, sideHosts)
		}
	}
	if len(vis) == 0 {
		r.cont = len(r.hosts) == 0
		c.proDrop(sideVisitors)
	}
	return true
}

// supportVerbs make their subject the one who visits (złożył wizytę,
// przebywał z wizytą, uczestniczył w wizycie).
var supportVerbs = map[string]bool{
	"złożyć": true, "składać": true, "odbyć": true, "odbywać": true, "przebywać": true,
	"być": true, "uczestniczyć": true, "rozpocząć": true, "zakończyć": true, "kontynuować": true,
	"przyjechać": true, "przybyć": true, "udać": true, "złożyć się": true,
}

// subjectVisits reports whether the subject of a sentence headed by a
// visit noun is the guest: the verb is one of supportVerbs, or there is no
// verb (a headline: Ambasador Francji z wizytą u Marszałka).
func (c *clause) subjectVisits() bool {
	s := c.d.sents[c.k]
	for i := s.t0; i < s.t1; i++ {
		if !c.d.toks[i].word || c.d.clauseOf(s, i) != c.cl || !c.d.word(i).verb {
			continue
		}
		_, ok := lemmaIn(c.d, i, supportVerbs)
		return ok
	}
	return true
}

func meetNoun(c *clause) bool {
	if !c.hasTrigger(trigMeetNoun) {
		return false
	}
	with := c.bySlot(slotWith)
	var a []int
	for n, p := range c.ps {
		if p.clause == c.cl && (p.slot == slotComp && p.head == c.head || p.slot == slotSubj && !c.d.inParticipation(c.k, p.t0)) {
			a = append(a, n)
		}
	}
	if c.hasParty(with) {
		c.meet(a, with, 0.65)
		return true
	}
	// "spotkanie w siedzibie UMWM, w którym udział wzięli …"
	parts := c.participantParties()
	if len(parts) == 0 {
		return false
	}
	r := c.start()
	r.conf = 0.6
	r.meetLike = true
	c.addParticipants(parts)
	hosts := c.hostParties(false)
	c.putAll(hosts, sideHosts)
	// "W spotkaniu wzięli udział …" goes on with the visit before it; a
	// meeting with its own venue or day is an event of its own
	r.cont = len(hosts) == 0 && !c.d.datedSentence(c.k)
	return true
}

func guestNounHead(c *clause) bool {
	if c.kind != trigGuestNoun || c.d.eventGuests(c.d.sents[c.k]) {
		return false
	}
	var guests []int
	for n, p := range c.ps {
		if p.guest && (p.slot == slotSubj || p.slot == slotNone) {
			guests = append(guests, n)
		}
	}
	hosts := c.hostParties(false)
	origin := slices.ContainsFunc(guests, func(n int) bool { return len(c.ps[n].origins) > 0 })
	if len(guests) == 0 || !origin && len(hosts) == 0 {
		return false // Prezydent podziękował gościom: nobody new is named
	}
	r := c.start()
	r.conf = 0.6
	c.putAll(guests, sideVisitors)
	c.putAll(c.bySlot(slotLead), sideVisitors)
	c.putAll(hosts, sideHosts)
	return true
}

func participants(c *clause) bool {
	parts := c.participantParties()
	if len(parts) == 0 || c.d.eventGuests(c.d.sents[c.k]) {
		return false
	}
	r := c.start()
	r.conf, r.cont = 0.5, true
	r.travel = c.d.inTravel(c.d.sents[c.k])
	c.addParticipants(parts)
	return true
}

// eventNouns are events whose guests the guidelines do not count as
// visitors (W uroczystym koncercie uczestniczyli dostojni goście).
var eventNouns = map[string]bool{
	"uroczystość": true, "koncert": true, "gala": true, "konferencja": true, "obchody": true,
	"festiwal": true, "sesja": true, "msza": true, "otwarcie": true, "jubileusz": true,
	"dożynki": true, "forum": true, "kongres": true, "targi": true, "wystawa": true,
	"wernisaż": true, "piknik": true, "festyn": true, "inauguracja": true, "warsztaty": true,
	"seminarium": true, "szkolenie": true, "posiedzenie": true, "wydarzenie": true,
	"zawody": true, "turniej": true, "bal": true, "spektakl": true, "pogrzeb": true,
}

// eventGuests reports a sentence that lists who took part in an event
// (W uroczystości wzięli udział goście z Litwy).
func (d *doc) eventGuests(s sentence) bool {
	if !d.hasParticipation(s) {
		return false
	}
	for i := s.t0; i < s.t1; i++ {
		if d.toks[i].word && eventPrefixes[prefix3(d.toks[i].low)] {
			if _, ok := lemmaIn(d, i, eventNouns); ok {
				return true
			}
		}
	}
	return false
}

// eventPrefixes are the first three letters of the event nouns.
var eventPrefixes = func() map[string]bool {
	m := map[string]bool{}
	for w := range eventNouns {
		m[prefix3(w)] = true
	}
	return m
}()

// travelNouns name the trip itself: who took part in it travelled.
var travelNouns = map[string]bool{
	"wyjazd": true, "podróż": true, "wizyta": true, "delegacja": true, "misja": true, "wyprawa": true,
}

// inTravel reports whether a participation sentence speaks of the trip
// (W wyjeździe uczestniczyli też …), not of a meeting on it.
func (d *doc) inTravel(s sentence) bool {
	for i := s.t0; i+1 < s.t1; i++ {
		if low := d.toks[i].low; low == "w" || low == "we" {
			if _, ok := lemmaIn(d, i+1, travelNouns); ok {
				return true
			}
		}
	}
	return false
}

func members(c *clause) bool {
	if !c.d.membersAt(c.d.sents[c.k]) {
		return false
	}
	var ns []int
	for n, p := range c.ps {
		if p.ent >= 0 && c.d.ents[p.ent].kind == person || p.ent < 0 && groupNouns[p.noun] {
			ns = append(ns, n)
		}
	}
	if !c.hasParty(ns) {
		return false
	}
	r := c.start()
	r.conf, r.cont = 0.5, true
	c.putAll(ns, sideVisitors)
	return true
}

// membersAt reports whether a sentence says who a delegation's members
// are: wśród nich, w skład delegacji, delegacji przewodniczył, na czele
// delegacji, delegacji towarzyszyli.
func (d *doc) membersAt(s sentence) bool {
	for i := s.t0; i+1 < s.t1; i++ {
		tk, next := d.toks[i], d.toks[i+1]
		if !tk.word {
			continue
		}
		switch tk.low {
		case "wśród":
			switch next.low {
			case "nich", "gości", "członków", "uczestników", "delegatów", "przybyłych":
				return true
			}
		case "skład", "składzie", "czele":
			if strings.HasPrefix(next.low, "delegac") || next.low == "grupy" || next.low == "wizyty" {
				return true
			}
		case "delegacji", "delegacją", "delegację", "grupie", "grupą", "grupę", "gości", "gościom", "misję", "misji":
			if leadsWord(next.low) {
				return true // Delegacji przewodniczył …, Walońskich gości prowadził …
			}
		}
	}
	return false
}

// leadsWord reports a verb of leading or accompanying a group.
func leadsWord(low string) bool {
	for _, p := range []string{"przewodnicz", "towarzysz", "kierował", "prowadził", "poprowadził", "reprezentował"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// addParticipants lists the people and institutions taking part; the
// story decides their side.
func (c *clause) addParticipants(parts []int) {
	r := c.rec
	for _, n := range parts {
		p := c.ps[n]
		if p.ent >= 0 && c.d.ents[p.ent].kind != place {
			r.particips = appendNewInt(r.particips, p.ent)
			continue
		}
		for _, q := range c.ps { // przedstawiciele Agencji …, Urzędu …
			if q.slot == slotComp && q.head == p.t0 && q.ent >= 0 && c.d.ents[q.ent].kind == institution {
				r.particips = appendNewInt(r.particips, q.ent)
			}
		}
	}
}

func appendNewInt(list []int, x int) []int {
	if slices.Contains(list, x) {
		return list
	}
	return append(list, x)
}
