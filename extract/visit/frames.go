package visit

import (
	"slices"

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
	c.putFrom(!c.storyGuests(subj))
	if c.kind == trigTour && r.hasOrigin() {
		r.cont = false // "Delegacja z Winnicy zwiedziła Kielce": a visit told
	}
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

// hostOf is the frame rule "host-of": gospodarz in the instrumental with
// być (Gospodarzem forum był Julien Darcet), or in the nominative with the
// host in apposition after it (Gospodarz, prezes parku Marek Olszewski,
// przypomniał …): the named party hosts the visit told before, which
// this record joins.
func hostOf(c *clause) bool {
	head := slices.IndexFunc(c.trigs, func(i int) bool { return c.d.word(i).trig == trigHostNoun })
	if head < 0 {
		return false
	}
	head = c.trigs[head]
	cs, _, _ := c.d.casesOf(head, "gospodarz")
	var hosts []int
	switch {
	case cs&polish.Inst != 0 && c.hasBe():
		hosts = c.subjects()
	case cs&polish.Nom != 0 && head+1 < c.d.sents[c.k].t1 && (c.d.toks[head+1].low == "," || isDash(c.d.toks[head+1].low)):
		for n, p := range c.ps {
			if p.t0 > head && p.t0 <= head+8 && p.ent >= 0 && c.d.ents[p.ent].kind != place {
				hosts = append(hosts, n)
				break
			}
		}
	}
	if !c.hasParty(hosts) {
		return false
	}
	r := c.start()
	r.conf, r.cont = 0.5, true
	c.putAll(hosts, sideHosts)
	r.subjSide = sideHosts
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
	r.departs = true
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
// origin, when places is set, and institutions there as the visitors.
func (c *clause) putFrom(places bool) {
	for _, n := range c.bySlot(slotFrom) {
		p := c.ps[n]
		if p.ent < 0 {
			continue
		}
		if e := c.d.ents[p.ent]; e.kind != place {
			c.put(n, sideVisitors)
		} else if places {
			c.rec.from = appendNew(c.rec.from, e.name)
		}
	}
}

// storyGuests reports subjects that are all guests the story has named
// before (Delegacja, Goście, without an origin of their own, after a
// record of named guests or guests of a stated origin): "z" + a place is
// then the way they come (Delegacja przyjedzie do Płocka z Warszawy), not
// where they are from.
func (c *clause) storyGuests(subj []int) bool {
	if len(subj) == 0 {
		return false
	}
	for _, n := range subj {
		if p := c.ps[n]; p.ent >= 0 || !p.guest || len(p.origins) > 0 {
			return false
		}
	}
	return slices.ContainsFunc(c.d.recs, func(r *record) bool { return !r.dropped && (len(r.visitors) > 0 || r.hasOrigin()) })
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
	if c.d.visitReference(c.head) {
		return true // "współpraca rozpoczęła się od wizyty …", "Sprawozdanie z wizyty …": not a report
	}
	if i := c.head - 1; i >= c.d.sents[c.k].t0 && len(c.bySlot(slotComp)) == 0 {
		if _, ok := lemmaIn(c.d, i, aboutVisitNouns); ok {
			return true // "Szczegółowy program wizyty miasto opublikuje …": the visit only named
		}
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

// aboutVisitNouns are nouns whose genitive visit noun names a visit the
// sentence is not telling of but speaks about (program wizyty, uczestnicy
// wizyty, celem pobytu, sprawozdanie z wizyty is visitReference's).
var aboutVisitNouns = setOf(`program plan cel przebieg organizacja organizator uczestnik sprawozdanie
	relacja podsumowanie szczegół termin koszt zdjęcie galeria harmonogram temat efekt owoc wynik`)

// visitReference reports a visit noun at i that a sentence only refers
// to: a time (od wizyty, po wizycie, przed wizytą, sprzed wizyty) or what
// came of it (sprawozdanie z wizyty, zdjęcia z pobytu), not "z wizytą".
func (d *doc) visitReference(i int) bool {
	switch d.wordBefore(i) {
	case "od", "po", "przed", "sprzed":
		return true
	case "z", "ze":
		cs, _, _ := d.casesOf(i, d.word(i).lemma)
		return cs&polish.Gen != 0 && cs&polish.Inst == 0
	}
	return false
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
