package visit

import (
	"strings"
)

// placeInSentence is the slot rule "place-in-sentence".
func placeInSentence(c *clause) {
	r := c.rec
	s := c.d.sents[c.k]
	for n, p := range c.ps {
		if p.ent < 0 || c.d.ents[p.ent].kind != place || c.seatOfParty(n) || p.clause != c.cl || c.reported(p.t0) || c.d.topicBefore(s.t0, p.t0) {
			continue // a seat; a clause about someone (który pracował w Warszawie); what was said; what it was about
		}
		e := c.d.ents[p.ent]
		sl := p.slot
		if sl == slotComp {
			sl = c.d.chainSlot(p.head)
		}
		if sl == slotObj && c.rec.subjSide == sideVisitors && c.verb >= 0 {
			sl = slotAt // odwiedził Poznań
		}
		if sl != slotAt && sl != slotTo || sl == slotTo && r.departs || containsStr(r.from, e.name) {
			continue // "wróciła do Warszawy": home, not the place of the visit
		}
		if e.pk == locality {
			if r.place < 0 {
				r.place = p.ent
			}
		} else {
			r.region = true
			r.abroad = r.abroad || foreign(e.name)
		}
	}
	if r.place >= 0 {
		return
	}
	// the town of the venue: w Płockim Parku …, w siedzibie UMWM,
	// odwiedzili Zespół Szkół … w Gołdapi
	for _, n := range c.hostParties(c.rec.subjSide == sideVisitors) {
		if e := c.ps[n].ent; e >= 0 && c.d.ents[e].kind == institution {
			if p := c.d.townOf(e); p >= 0 {
				r.place = p
				return
			}
		}
	}
}

// topicBefore reports a topic phrase among tokens [from, t) (w sprawie,
// na temat, dotyczące): a place after it is what the event was about (w
// sprawie utworzenia strefy w Gąbinie), not where it was.
func (d *doc) topicBefore(from, t int) bool {
	for j := t - 1; j > from; j-- {
		low, prev := d.toks[j].low, d.toks[j-1].low
		if low == "sprawie" && prev == "w" || low == "temat" && prev == "na" || strings.HasPrefix(low, "dotycząc") {
			return true
		}
	}
	return false
}

// seatOfParty reports a place written with "w" right after an
// institution or a person's role (Urzędu Marszałkowskiego … w Warszawie):
// where that party is based, not where the event was.
func (c *clause) seatOfParty(n int) bool {
	p := c.ps[n]
	from := c.d.sents[c.k].t0
	if p.t0 < 2 || !c.d.isSeat(p, from) {
		return false
	}
	prev := p.t0 - 2
	for prev > from && !c.d.toks[prev].word && joiner(c.d.toks[prev].low) {
		prev-- // S.A. w Olsztynie
	}
	m := c.d.mentAt[prev]
	return m >= 0 && c.d.ents[c.d.ments[m].ent].kind == institution
}

// townOf returns the town of an institution: its seat, or the town its
// name's adjective names; -1 when unknown.
func (d *doc) townOf(e int) int {
	if s := d.ents[e].seat; s >= 0 {
		return s
	}
	return d.adjectiveTown(e)
}

// chainSlot returns the slot of the noun phrase a genitive chain hangs
// from (w Ratuszu Miasta Niestein: the town is where it happened).
func (d *doc) chainSlot(head int) slot {
	for j, n := head, 0; j >= 0 && n < 5; j, n = j-1, n+1 {
		tk := d.toks[j]
		if !tk.word {
			continue
		}
		switch tk.low {
		case "w", "we", "na", "przy":
			return slotAt
		case "do":
			return slotTo
		}
		if isGoverning(tk.low) || d.word(j).verb {
			break
		}
	}
	return slotNone
}

// containsStr reports whether list holds s.
func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dateInSentence is the slot rule "date-in-sentence": the best date of
// the clause, the end of a stay (aż do 23 października), and the span
// from the first day to the last when the sentence dates the beginning
// and the end ("Wizyta rozpoczęła się w piątek, 11 maja, a zakończyła w
// niedzielę").
func dateInSentence(c *clause) {
	r := c.rec
	s := c.d.sents[c.k]
	rank := 9
	var days []dateAt // the days of the clause, for a beginning and an end
	for _, dt := range c.d.dates {
		if dt.t0 < s.t0 || dt.t0 >= s.t1 || c.d.clauseOf(s, dt.t0) != c.cl || c.reported(dt.t0) {
			continue // not this sentence's, in a clause about someone (który … dziś …), or said
		}
		prev := ""
		for j := dt.t0 - 1; j >= s.t0 && j >= dt.t0-2; j-- {
			if c.d.toks[j].word {
				prev = c.d.toks[j].low
				break
			}
		}
		if prev == "od" && dt.start == dt.end || prev == "przed" || prev == "po" || prev == "sprzed" {
			continue // since, before, after: not the day of the event; "od 24 do 27 maja" is
		}
		if dt.endOnly || r.departs {
			r.endOnly = dt.end // "aż do 23 października", "wyjeżdżają w piątek"
			continue
		}
		if n := precisionRank(dt.precision); n < rank {
			rank = n
			r.start, r.end, r.ownDate = dt.start, dt.end, true
		}
		if precisionRank(dt.precision) == 0 {
			days = append(days, dt)
		}
	}
	if len(days) > 1 && c.d.beginsAndEnds(s) {
		for _, dt := range days {
			r.start, r.end = min(r.start, dt.start), max(r.end, dt.end)
		}
	}
}

// beginsAndEnds reports a sentence that tells when something began and
// when it ended (rozpoczęła się …, a zakończyła …), or when guests came
// and when they left (przyjechali w czwartek, 26 września, i wyjechali w
// sobotę).
func (d *doc) beginsAndEnds(s sentence) bool {
	begins, ends := false, false
	for i := s.t0; i < s.t1; i++ {
		low := d.toks[i].low
		begins = begins || strings.HasPrefix(low, "rozpocz") || strings.HasPrefix(low, "zaczę") || strings.HasPrefix(low, "zaczą") ||
			d.marks[i] == markTrigger && arrivalLemmas[d.word(i).lemma]
		ends = ends || strings.HasPrefix(low, "zakończ") || strings.HasPrefix(low, "skończ") ||
			d.marks[i] == markTrigger && d.word(i).trig == trigDepart
	}
	return begins && ends
}

// arrivalLemmas are the verbs of coming that begin a stay.
var arrivalLemmas = map[string]bool{
	"przyjechać": true, "przybyć": true, "zawitać": true, "przylecieć": true,
}

// reported reports a token in what the sentence says someone said,
// after the head trigger (Gospodarz … przypomniał, że w ub.r. …).
func (c *clause) reported(t int) bool {
	if c.head < 0 || t < c.head {
		return false
	}
	for j := c.head + 1; j < t; j++ {
		if low := c.d.toks[j].low; low == "że" || low == "iż" {
			return true
		}
	}
	return false
}

// precisionRank orders dates by how well they can date an event.
func precisionRank(p string) int {
	switch p {
	case "day", "days", "":
		return 0
	case "month":
		return 1
	}
	return 2
}

// dayOfVisit is the slot rule "day-of-visit".
func dayOfVisit(c *clause) {
	s := c.d.sents[c.k]
	for i := s.t0; i+1 < s.t1; i++ {
		tk := c.d.toks[i]
		if !tk.word || tk.cap && i != s.t0 && i != s.t0+1 {
			continue
		}
		low := tk.low
		if low == "nazajutrz" {
			c.rec.dayRel = -1
			return
		}
		if !strings.HasPrefix(c.d.toks[i+1].low, "dni") && !strings.HasPrefix(c.d.toks[i+1].low, "dzień") {
			continue
		}
		if l, ok := lemmaIn(c.d, i, dayWords); ok {
			c.rec.dayRel = dayWords[l]
			return
		}
	}
}

// plannedEvent is the slot rule "planned".
func plannedEvent(c *clause) {
	s := c.d.sents[c.k]
	if c.verb >= 0 && c.d.word(c.verb).future {
		c.rec.planned = true
		return
	}
	if c.d.plannedWords(s) {
		c.rec.planned = true
	}
}

// plannedWords reports a sentence with a word of planning or of the
// future (zaplanowano, planowana, odbędzie się, będą, przyjedzie).
func (d *doc) plannedWords(s sentence) bool {
	for i := s.t0; i < s.t1; i++ {
		tk := d.toks[i]
		if tk.word && (strings.HasPrefix(tk.low, "planow") || strings.HasPrefix(tk.low, "zaplanow") || strings.HasPrefix(tk.low, "odbędzie") ||
			strings.HasPrefix(tk.low, "będ") || strings.HasPrefix(tk.low, "przyjedzie") || strings.HasPrefix(tk.low, "odwiedzi") && d.word(i).future) {
			return true
		}
	}
	return false
}

// datedSentence reports whether sentence k has a date of its own.
func (d *doc) datedSentence(k int) bool {
	s := d.sents[k]
	for _, dt := range d.dates {
		if dt.t0 >= s.t0 && dt.t0 < s.t1 {
			return true
		}
	}
	return false
}
