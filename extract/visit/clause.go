package visit

import (
	"slices"

	"github.com/kronika/kronika/polish"
)

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
	r.tally = r.tally || p.tally && s == sideVisitors
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
	// the institutions a group comes from (przedsiębiorców z terenu
	// Związku, delegacja z Rady Obwodu) and the genitive parties of a
	// group are on its side (przedstawiciele Agencji Rozwoju Mazowsza;
	// członkowie stowarzyszenia Stedenband)
	for _, e := range p.insts {
		r.add(e, s)
	}
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
	// a venue named by a noun (w siedzibie UMWM, pomieszczenia Biura, not
	// "z terenu Związku"), the one who invited (na zaproszenie Marszałka …
	// Adama Struzika)
	for n, p := range c.ps {
		if p.slot != slotComp || p.ent < 0 {
			continue
		}
		venue := c.d.ents[p.ent].kind == institution && venueNouns[p.headLem] && !c.d.fromHead(p.head)
		if venue || p.headLem == "zaproszenie" {
			out = append(out, n)
		}
	}
	return out
}

// fromHead reports a noun at i governed by "z" or "ze" (z terenu
// Związku): where a party comes from, not a venue.
func (d *doc) fromHead(i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if d.toks[j].word && !isAdjectiveWord(d.word(j)) {
			return d.toks[j].low == "z" || d.toks[j].low == "ze"
		}
	}
	return false
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

// start opens the record of the clause.
func (c *clause) start() *record {
	c.rec = newRecord(c.k)
	c.rec.para = c.d.sents[c.k].para
	c.rec.clause = c.cl
	return c.rec
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

// wordBefore returns the word before token i in its sentence, skipping an
// adjective (od pierwszej wizyty), or "".
func (d *doc) wordBefore(i int) string {
	s := d.sents[d.sentOf(i)]
	for j := i - 1; j >= s.t0 && j >= i-2; j-- {
		if !d.toks[j].word {
			return ""
		}
		if j == i-1 && isAdjectiveWord(d.word(j)) {
			continue
		}
		return d.toks[j].low
	}
	return ""
}
