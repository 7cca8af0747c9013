package visit

import (
	"slices"
	"strings"
)

// participants is the frame rule "participants": a list of who took part
// (W spotkaniu wzięli udział …), to join the record before it.
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

// members is the frame rule "members": who the guests just reported are
// (Wśród nich …, Delegacji przewodniczył …), to join their record.
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
		default:
			if leadsWord(tk.low) && groupPronouns[next.low] {
				return true // Przewodniczyła im …, Przewodniczył jej …
			}
		}
	}
	return false
}

// groupPronouns stand for the delegation or the guests after a verb of
// leading (Przewodniczyła im Olena Kowalenko).
var groupPronouns = map[string]bool{"jej": true, "im": true, "ją": true, "nią": true, "ich": true, "nimi": true}

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

// appendNewInt appends x unless list holds it.
func appendNewInt(list []int, x int) []int {
	if slices.Contains(list, x) {
		return list
	}
	return append(list, x)
}
