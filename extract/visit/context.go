package visit

import (
	"slices"
	"strings"
)

// participationAt returns the token that says the sentence lists who took
// part (wzięli udział, uczestniczyli, obecni byli), or -1.
func (d *doc) participationAt(s sentence) int {
	for i := s.t0; i < s.t1; i++ {
		tk := d.toks[i]
		if !tk.word {
			continue
		}
		switch {
		case tk.low == "udział" || tk.low == "udziału":
			for j := max(s.t0, i-2); j < min(s.t1, i+3); j++ {
				if d.hasLemma(j, "wziąć") || d.hasLemma(j, "brać") {
					return i
				}
			}
		case strings.HasPrefix(tk.low, "uczestnicz") && d.word(i).verb:
			return i
		case tk.low == "obecni" || tk.low == "obecne":
			return i
		}
	}
	return -1
}

// hasParticipation reports whether the sentence lists who took part.
func (d *doc) hasParticipation(s sentence) bool { return d.participationAt(s) >= 0 }

// inParticipation reports whether token t follows the participation
// words of sentence k in a relative clause (spotkanie, w którym udział
// wzięli …): it is a participant, not the meeting's subject.
func (d *doc) inParticipation(k, t int) bool {
	s := d.sents[k]
	at := d.participationAt(s)
	return at >= 0 && t > at
}

// participantParties returns the parties a participation sentence lists:
// the subjects (W spotkaniu wzięli udział pan Hugues Labar,
// przedstawiciele Urzędu …), after the participation words when they
// open a relative clause.
func (c *clause) participantParties() []int {
	s := c.d.sents[c.k]
	at := c.d.participationAt(s)
	if at < 0 {
		return nil
	}
	rel := false
	for j := max(s.t0, at-4); j < at; j++ {
		if strings.HasPrefix(c.d.toks[j].low, "któr") {
			rel = true
		}
	}
	var out []int
	for n, p := range c.ps {
		if p.slot != slotSubj || rel && p.t0 < at {
			continue
		}
		if p.ent >= 0 && c.d.ents[p.ent].kind == place {
			continue
		}
		out = append(out, n)
	}
	return out
}

// proDrop fills a side the sentence leaves without a subject (W dniu 1
// sierpnia spotkał się z …): with a verb in the third person, the subject
// of the sentence before; otherwise the side of the story so far.
func (c *clause) proDrop(s side) {
	r := c.rec
	if s == sideVisitors && (len(r.visitors) > 0 || r.group || r.hasOrigin()) || s == sideHosts && len(r.hosts) > 0 {
		return
	}
	if slices.ContainsFunc(r.unnamed, func(u unnamedParty) bool { return u.side == s }) {
		return // named by function: resolved by the story
	}
	if c.verb >= 0 {
		w := c.d.word(c.verb)
		if w.person == 1 || w.person == 2 {
			return // gościliśmy: the writer's own town
		}
		if c.subjectBefore() {
			for _, e := range c.d.lastSubj {
				r.add(e, s)
			}
			return
		}
	}
	prev := c.d.lastRecord()
	if prev == nil {
		return
	}
	switch s {
	case sideVisitors:
		for _, e := range prev.visitors {
			r.add(e, s)
		}
		if !r.hasOrigin() {
			r.from, r.weak = slices.Clone(prev.from), slices.Clone(prev.weak)
		}
		r.group = r.group || prev.group
		r.delegation = r.delegation || prev.delegation
	case sideHosts:
		for _, e := range prev.hosts {
			r.add(e, s)
		}
	}
}

// subjectBefore reports whether the head verb is in the third person and
// the sentence before named a subject it can stand for.
func (c *clause) subjectBefore() bool {
	if c.verb < 0 {
		return false
	}
	w := c.d.word(c.verb)
	return w.person == 3 && w.verb && len(c.d.lastSubj) > 0 && c.d.sents[c.k].para-c.d.lastSubjPara <= 1
}

// impliedSubject returns the entities a left-out subject stands for, as
// proDrop would fill them.
func (c *clause) impliedSubject() []int {
	if c.subjectBefore() {
		return c.d.lastSubj
	}
	if prev := c.d.lastRecord(); prev != nil {
		return prev.visitors
	}
	return nil
}

// lastRecord returns the latest record kept so far, or nil.
func (d *doc) lastRecord() *record {
	for i := len(d.recs) - 1; i >= 0; i-- {
		if !d.recs[i].dropped && d.recs[i].named() {
			return d.recs[i]
		}
	}
	return nil
}

// noteSubjects remembers the named subjects of a sentence for the
// sentences after it that leave theirs out.
func (d *doc) noteSubjects(c *clause) {
	var subj []int
	group := false
	for _, p := range c.ps {
		if p.slot == slotSubj && p.ent >= 0 && d.ents[p.ent].kind != place {
			subj = append(subj, p.ent)
		}
		group = group || p.slot == slotSubj && p.guest
	}
	if group && len(subj) == 0 {
		// "Goście spotkali się …": the next sentence without a subject
		// speaks of the guests, not of whoever was named before them
		d.lastSubj = nil
		return
	}
	if c.rec != nil && len(subj) == 0 {
		// a resolved pro-drop keeps its subject for the next sentence
		switch c.rec.subjSide {
		case sideVisitors:
			subj = c.rec.visitors
		case sideHosts:
			subj = c.rec.hosts
		}
	}
	if len(subj) > 0 {
		d.lastSubj, d.lastSubjPara = slices.Clone(subj), d.sents[c.k].para
	}
}

// noteNamedSubjects remembers the people and institutions named in the
// nominative without a preposition in sentence k, a sentence without
// triggers, cheaply: its parties are not read.
func (d *doc) noteNamedSubjects(k int) {
	s := d.sents[k]
	var subj []int
	for i := s.t0; i < s.t1; i++ {
		m := d.mentAt[i]
		if m < 0 || d.ments[m].t0 != i {
			continue
		}
		mt := d.ments[m]
		if d.ents[mt.ent].kind == place || d.isCredit(mt.t0) {
			continue
		}
		if j := mt.t0 - 1; j >= s.t0 && d.toks[j].word && isGoverning(d.toks[j].low) {
			continue
		}
		if d.nominative(mt) {
			subj = appendNewInt(subj, mt.ent)
		}
	}
	if len(subj) > 0 {
		d.lastSubj, d.lastSubjPara = subj, s.para
	}
}

// notePeoples remembers where the peoples a sentence names come from
// (Rosjanie z Kaliningradu), for guests named later by adjective only.
func (d *doc) notePeoples(s sentence) {
	for i := s.t0; i < s.t1; i++ {
		t := d.toks[i]
		if !t.word || !t.cap || d.mentAt[i] >= 0 || !mayBeNoun(t.low) {
			continue
		}
		l, ok := lemmaIn(d, i, demonyms)
		if !ok {
			continue
		}
		if strong, _, _ := d.origins(i+1, i+1, s.t1); len(strong) > 0 {
			if _, ok := d.strongOrigin[demonyms[l]]; !ok {
				d.strongOrigin[demonyms[l]] = strong[0]
			}
		}
	}
}

// nominative reports a mention written as the canonical name or its end
// (Andrzej Buła, Buła): the nominative, without asking the dictionary.
func (d *doc) nominative(m mention) bool {
	name := d.ents[m.ent].words
	var ws []string
	for t := m.t0; t < m.t1; t++ {
		if d.toks[t].word {
			ws = append(ws, d.toks[t].low)
		}
	}
	return len(ws) > 0 && len(ws) <= len(name) && slices.Equal(ws, name[len(name)-len(ws):])
}

// knownSide returns the side an entity took in the records so far.
func (d *doc) knownSide(e int) side {
	for i := len(d.recs) - 1; i >= 0; i-- {
		r := d.recs[i]
		if slices.Contains(r.visitors, e) {
			return sideVisitors
		}
		if slices.Contains(r.hosts, e) {
			return sideHosts
		}
	}
	return sideNone
}

// markQuotes marks the sentences of quotations: from a sentence that
// opens with a dash or a quotation mark to the one that names the speaker
// (– mówił Paweł Gulewski) or the end of the paragraph.
func (d *doc) markQuotes() {
	d.quote = sized(d.quote, len(d.sents), false)
	in := false
	for k, s := range d.sents {
		if k > 0 && s.para != d.sents[k-1].para {
			in = false
		}
		first := d.toks[s.t0].low
		if !in && (isDash(first) || first == "„" || first == "\"" || first == "«") {
			in = true
		}
		if in {
			d.quote[k] = true
			if d.speakerIn(s) >= 0 {
				in = false
			}
		}
	}
}

// speakerIn returns the person named after a dash and a verb of saying in
// the sentence (… – mówił Paweł Gulewski), or -1.
func (d *doc) speakerIn(s sentence) int {
	for i := s.t0 + 1; i+1 < s.t1; i++ {
		if !isDash(d.toks[i].low) && d.toks[i].low != "," {
			continue
		}
		j := i + 1
		if !d.toks[j].word || !mayBeSpeech(d.toks[j].low) {
			continue
		}
		if _, ok := lemmaIn(d, j, speechVerbs); !ok {
			continue
		}
		for k := j + 1; k < s.t1 && k <= j+6; k++ {
			if m := d.mentAt[k]; m >= 0 && d.ents[d.ments[m].ent].kind == person {
				return d.ments[m].ent
			}
		}
	}
	return -1
}

// mayBeSpeech cheaply filters the words that may be verbs of saying.
func mayBeSpeech(low string) bool {
	for _, p := range []string{"mów", "powiedzia", "podkreśl", "zaznacz", "doda", "stwierdz", "inform", "poinform", "zauważ", "przekonyw", "wyjaśni", "oceni", "zapewni"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}
