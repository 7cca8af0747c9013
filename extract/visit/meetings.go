package visit

import (
	"slices"
	"strings"

	"github.com/kronika/kronika/news"
)

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
		return c.openMeeting()
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

// openMeeting reads a meeting a sentence names without its parties: "W
// dniu 11 czerwca … w Płockim Parku … odbyło się spotkanie robocze" holds
// its day and venue for the list of who took part that follows, and
// "Spotkanie odbyło się w piątek, 1 marca, w sali …" right after a meeting
// just told gives it its day. A meeting nobody is then named at is
// dropped with the records of nobody.
func (c *clause) openMeeting() bool {
	s := c.d.sents[c.k]
	if c.d.plannedWords(s) || c.d.nextOne(c.head) {
		return false // "Kolejne spotkanie zaplanowano na …": another meeting
	}
	if prev := c.d.lastRecord(); prev != nil && prev.meetLike && s.para-prev.para <= 1 {
		r := c.start()
		r.conf, r.cont, r.meetLike = 0.5, true, true
		return true
	}
	hosts := c.hostParties(false)
	if len(hosts) == 0 {
		return false
	}
	r := c.start()
	r.conf, r.meetLike = 0.5, true
	c.putAll(hosts, sideHosts)
	return true
}

// nextOne reports a noun at i qualified as the next of a series
// (kolejne spotkanie, następna wizyta).
func (d *doc) nextOne(i int) bool {
	for j := i - 1; j >= 0 && j >= i-2 && d.toks[j].word; j-- {
		if strings.HasPrefix(d.toks[j].low, "kolejn") || strings.HasPrefix(d.toks[j].low, "następn") {
			return true
		}
	}
	return false
}
