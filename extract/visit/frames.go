package visit

import (
	"slices"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// hostWithObject is the frame rule "host-with-object": a receiving verb
// (gościć, przyjąć, podejmować, powitać) with a person or a group as its
// object; przyjąć with anything else (uchwałę) ends the search.
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

// passiveReception is the frame rule "passive-reception": przyjęty,
// goszczony przez …
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

// guestVerb is the frame rule "guest-verb": a verb whose subject travels
// or stays (odwiedzić, przyjechać, przybyć, przebywać, gościć without an
// object, wizytować; zwiedzić continues a visit).
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

// guestOf is the frame rule "guest-of": gość in the instrumental with
// być (Gościem wójta był ambasador, Gośćmi burmistrza byli uczniowie z
// Francji).
func guestOf(c *clause) bool {
	head := -1
	for _, i := range c.trigs {
		if c.d.word(i).trig != trigGuestNoun || !c.d.hasLemma(i, "gość") {
			continue
		}
		if cs, _, _ := c.d.casesOf(i, "gość"); cs&polish.Inst != 0 && c.hasBe() {
			head = i
		}
	}
	if head < 0 {
		return false
	}
	r := c.start()
	r.conf = 0.75
	c.putAll(c.subjects(), sideVisitors)
	r.subjSide = sideVisitors
	// the genitive right after "gościem": whose guest
	for n, p := range c.ps {
		if p.ent >= 0 && c.d.ents[p.ent].kind != place && p.t0 > head && p.t0 <= head+8 && p.cases&polish.Gen != 0 && p.slot != slotSubj {
			c.put(n, sideHosts)
		}
	}
	c.putAll(c.hostParties(false), sideHosts)
	return true
}

// hasBe reports a form of "być" in the clause.
func (c *clause) hasBe() bool {
	s := c.d.sents[c.k]
	for i := s.t0; i < s.t1; i++ {
		switch c.d.toks[i].low {
		case "był", "była", "było", "byli", "były", "jest", "są", "będzie", "będą":
			return c.d.clauseOf(s, i) == c.cl
		}
	}
	return false
}

// departure is the frame rule "departure": guests named as guests or a
// delegation (or a guest of the story) leaving; "z" names the place of
// the visit, not where they come from.
func departure(c *clause) bool {
	if c.verb < 0 || c.kind != trigDepart {
		return false
	}
	var guests []int
	for _, n := range c.subjects() {
		p := c.ps[n]
		if p.guest || p.ent >= 0 && c.d.knownSide(p.ent) == sideVisitors {
			guests = append(guests, n)
		}
	}
	if len(guests) == 0 {
		return true // Mieszkańcy wyjeżdżają na wakacje: no visit
	}
	r := c.start()
	r.conf = 0.6
	for _, n := range guests {
		p := &c.ps[n]
		if !p.weak && len(p.origins) > 0 && kindOfPlace(p.origins[0]) == locality {
			// "Goście rosyjscy z Gołdapi wyjeżdżają": the place they leave
			r.place = c.d.placeNamed(p.origins[0])
			for _, w := range p.adj {
				if c.d.strongOrigin[w] == p.origins[0] {
					delete(c.d.strongOrigin, w)
				}
			}
			p.origins, p.weak = p.adj, true
		}
	}
	c.putAll(guests, sideVisitors)
	r.subjSide = sideVisitors
	for _, n := range c.bySlot(slotFrom) {
		if e := c.ps[n].ent; e >= 0 && c.d.ents[e].kind == place && c.d.ents[e].pk == locality && r.place < 0 {
			r.place = e // wróciła z Namur
		}
	}
	return true
}

// placeNamed returns the place entity of that name, or -1.
func (d *doc) placeNamed(name string) int {
	for e, en := range d.ents {
		if en.kind == place && en.name == name {
			return e
		}
	}
	return -1
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

// meetVerb is the frame rule "meet-verb": spotkać się z, rozmawiać z.
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

// visitNoun is the frame rule "visit-noun": wizyta, pobyt, odwiedziny,
// with the guest in the genitive or as the subject of a support verb.
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

// meetNoun is the frame rule "meet-noun": spotkanie, rozmowa, rozmowy with
// their "z" side, or with a list of who took part.
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

// guestNounHead is the frame rule "guest-noun": delegacja, goście with an
// origin or a host, and no verb of their own.
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
