package visit

import (
	"strconv"
	"strings"

	"github.com/kronika/kronika/polish"
)

// slot is the part a party plays in its sentence, as its case and the
// preposition or noun governing it tell.
type slot uint8

const (
	slotNone   slot = iota
	slotSubj        // nominative, no preposition: Marszałek przyjął
	slotObj         // accusative or genitive object: przyjął delegację
	slotWith        // z + instrumental: spotkał się z burmistrzem
	slotAt          // w, na, przy + locative: w Kielcach, w siedzibie
	slotTo          // do + genitive: przyjechała do Torunia
	slotAtHost      // u + genitive: z wizytą u marszałka
	slotFrom        // z, od + genitive: delegacja z Winnicy
	slotBy          // przez + accusative: przyjęty przez wojewodę
	slotComp        // genitive of a noun: wizyta marszałka, siedziba UMWM
	slotAlong       // wraz z, razem z: the subject's company
	slotLead        // na czele z, z … na czele: the head of a delegation
	slotOther       // governed by something that says nothing of the event
)

// party is a person, an institution, a place, or a noun standing for a
// party (delegacja, goście, zastępca prezydenta) in one sentence.
type party struct {
	t0, t1  int // tokens, with an attached role
	ent     int // entity, or -1 for a noun
	noun    string
	guest   bool     // delegacja, goście, a people's name: the guests
	tally   bool     // counted as many (34 delegacje, kilkanaście delegacji): a statistic, no visit
	origins []string // where a noun's party comes from (delegacja z Winnicy)
	insts   []int    // the institutions it comes from (przedsiębiorcy z terenu Związku)
	weak    bool     // the origins come from an adjective or a people's name only
	adj     []string // the places its adjectives or people's name give (goście rosyjscy)
	cases   polish.Case
	gender  polish.Gender
	number  polish.Number
	slot    slot
	head    int    // governing token for slotComp, -1 otherwise
	headSl  slot   // the slot of that governing noun
	headLem string // its lemma
	clause  int    // 0 in the main clause, else the token opening its relative clause
}

// creditWords precede a name that signs a photo or a text, not a party.
var creditWords = map[string]bool{"fot": true, "foto": true, "autor": true, "oprac": true,
	"źródło": true, "red": true, "zdjęcia": true, "zdjęcie": true, "autorka": true}

// skipWords may stand between a party and what governs it.
var skipWords = map[string]bool{"i": true, "oraz": true, "a": true, "także": true, "również": true,
	"lub": true, "albo": true, "m": true, "in": true, "ds": true, "jak": true, "też": true,
	"zarówno": true, "wielu": true, "kilku": true, "ponownie": true, "już": true}

// stopWords end the search for what governs a party.
var stopWords = map[string]bool{"się": true, "że": true, "który": true, "która": true, "które": true,
	"którzy": true, "których": true, "którym": true, "którego": true, "której": true, "którą": true,
	"gdzie": true, "gdy": true, "kiedy": true, "aby": true, "by": true, "bo": true, "ale": true}

// parties reads the parties of sentence k.
func (d *doc) parties(k int) []party {
	s := d.sents[k]
	inRole := make(map[int]bool)
	var out []party
	for i := s.t0; i < s.t1; {
		m := d.mentAt[i]
		if m < 0 {
			i++
			continue
		}
		mt := d.ments[m]
		e := d.ents[mt.ent]
		if d.isCredit(mt.t0) || d.repeatsBefore(m) {
			i = mt.t1
			continue
		}
		p := party{t0: mt.t0, t1: mt.t1, ent: mt.ent, head: -1}
		p.cases, p.gender, p.number = d.mentionForm(mt)
		if e.kind == person {
			p.gender, p.number = e.gender, polish.Sg
			if r := d.roleBefore(mt.t0, s.t0); r >= 0 {
				for t := r; t < mt.t0; t++ {
					inRole[t] = true
				}
				if c, _, _ := d.casesOf(r, ""); c != 0 && c&p.cases != 0 {
					p.cases &= c
				}
				p.t0 = r
			}
			if end := d.roleAfter(mt.t1, s.t1); end > mt.t1 {
				for t := mt.t1; t < end; t++ {
					inRole[t] = true
				}
			}
		}
		out = append(out, p)
		i = mt.t1
	}
	// drop institutions and places inside a person's role: they say who
	// the person is, not who took part (Prezesem W-M SSE SA)
	kept := out[:0]
	for _, p := range out {
		if p.ent >= 0 && d.ents[p.ent].kind != person && inRole[p.t0] {
			continue
		}
		kept = append(kept, p)
	}
	out = kept
	out = append(out, d.nounParties(s, inRole)...)
	sortParties(out)
	for n := range out {
		d.govern(out, n, s.t0)
		out[n].clause = d.clauseOf(s, out[n].t0)
	}
	d.relativeLeaders(out, s)
	return out
}

// relativeLeaders puts the people a relative clause says lead a
// delegation with it (delegacja z Walonii, której przewodniczył pan
// Pierre Lambotte; grupa, którą prowadził …; delegacja, na czele której
// stał …): they lead it, in its clause.
func (d *doc) relativeLeaders(ps []party, s sentence) {
	for n := range ps {
		p := &ps[n]
		if p.clause == 0 || p.ent < 0 || d.ents[p.ent].kind != person || !strings.HasPrefix(d.toks[p.clause].low, "któr") {
			continue
		}
		q := -1 // the group the clause is about, right before it
		for m := n - 1; m >= 0; m-- {
			if g := ps[m]; g.ent < 0 && g.guest && g.t1 <= p.clause && g.t1 >= p.clause-8 && !d.verbBetween(g.t1, p.clause) {
				q = m
				break
			}
		}
		if q < 0 || !d.leadsInClause(s, p.clause) {
			continue
		}
		p.slot, p.clause = slotLead, ps[q].clause
	}
}

// leadsInClause reports a verb of leading in the relative clause opening
// at token open (której przewodniczył, na czele której stał).
func (d *doc) leadsInClause(s sentence, open int) bool {
	for t := open - 2; t < s.t1 && (t < open || d.clauseOf(s, t) == open); t++ {
		if t >= s.t0 && d.toks[t].word && (leadsWord(d.toks[t].low) || d.toks[t].low == "czele") {
			return true
		}
	}
	return false
}

// clauseOf returns 0 for a token of the main clause of sentence s, or
// the token opening the relative clause it is in (", którego
// koordynatorem jest PPP-T", ", gdzie spotkał się z …"): from "który",
// "gdzie", "gdy" after a comma to the next comma.
func (d *doc) clauseOf(s sentence, t int) int {
	if k := d.tokSen[s.t0]; !d.clauseDone[k] {
		d.clauseDone[k] = true
		open := 0
		for i := s.t0; i < s.t1; i++ {
			tk := d.toks[i]
			switch {
			case tk.low == "," || tk.low == ";":
				open = 0
			case tk.word && (strings.HasPrefix(tk.low, "któr") || tk.low == "gdzie" || tk.low == "gdy" || tk.low == "kiedy") && i > s.t0:
				p := i - 1
				if d.toks[p].word && isGoverning(d.toks[p].low) && p > s.t0 {
					p--
				}
				if d.toks[p].low == "," {
					open = i
				}
			}
			d.clauses[i] = int32(open)
		}
	}
	return int(d.clauses[t])
}

// repeatsBefore reports a mention in parentheses right after another one:
// the same name again (Płockiego Parku … S.A. (PPP-T)) or another form
// of it (Lejdy (Leiden)).
func (d *doc) repeatsBefore(m int) bool {
	mt := d.ments[m]
	if m == 0 || mt.t0 == 0 || d.toks[mt.t0-1].low != "(" {
		return false
	}
	for k := m - 1; k >= 0; k-- {
		if prev := d.ments[k]; prev.in < 0 {
			return prev.t1 == mt.t0-1
		}
	}
	return false
}

// isCredit reports a name signing a photo or a text (fot. Michał Zaręba).
func (d *doc) isCredit(t int) bool {
	for j := t - 1; j >= 0 && j >= t-3; j-- {
		if d.toks[j].word {
			return creditWords[d.toks[j].low]
		}
	}
	return false
}

// mentionCases returns the cases a mention may be in.
func (d *doc) mentionCases(m mention) polish.Case {
	c, _, _ := d.mentionForm(m)
	return c
}

// mentionForm returns the cases a mention may be in, with its gender and
// number when known: for a person, the cases its words share as forms of
// the canonical name's words, aligned from the end; for anything else,
// those of its first word that declines (not "Warmińsko" of
// Warmińsko-Mazurską).
func (d *doc) mentionForm(m mention) (polish.Case, polish.Gender, polish.Number) {
	all := polish.Nom | polish.Gen | polish.Dat | polish.Acc | polish.Inst | polish.Loc | polish.Voc
	e := d.ents[m.ent]
	var ws []int
	for t := m.t0; t < m.t1; t++ {
		if d.toks[t].word {
			ws = append(ws, t)
		}
	}
	if e.kind != person {
		if len(ws) == 0 || len(ws) == 1 && strings.ToUpper(d.form(ws[0])) == d.form(ws[0]) {
			return all, 0, 0 // an acronym
		}
		if e.kind == place && d.nominative(m) && d.foreignNameAfter(ws[0]) > ws[0] {
			return all, 0, 0 // a foreign name written as it is, undeclined: w Namur, do Bingen
		}
		for _, w := range ws[:min(len(ws), 3)] {
			if c, g, n := d.casesOf(w, ""); c != 0 {
				// written as the name, and not feminine: the accusative is
				// written so too (zwiedził zakład Kronos, odwiedził Park)
				if d.nominative(m) && !strings.HasSuffix(d.toks[ws[0]].low, "a") {
					c |= polish.Nom | polish.Acc
				}
				return c, g, n
			}
		}
		return all, 0, 0
	}
	name := strings.Fields(e.name)
	c := all
	for j := len(ws) - 1; j >= 0; j-- {
		n := len(name) - (len(ws) - j)
		if n < 0 {
			break
		}
		if wc := d.nameFormCases(ws[j], name[n]); wc != 0 && wc&c != 0 {
			c &= wc
		}
	}
	return c, e.gender, polish.Sg
}

// nounParties returns the parties the text names by a noun: delegations
// and guests (delegacja z Winnicy, goście rosyjscy, grupa Holendrów),
// representatives (przedstawiciele Agencji), and officials named by
// function alone (zastępca prezydenta Torunia).
func (d *doc) nounParties(s sentence, inRole map[int]bool) []party {
	var out []party
	for i := s.t0; i < s.t1; i++ {
		tk := d.toks[i]
		if !tk.word || tk.num || d.mentAt[i] >= 0 || inRole[i] || !mayBeNoun(tk.low) {
			continue
		}
		var noun string
		guest := false
		if l, ok := lemmaIn(d, i, groupNouns); ok {
			noun, guest = l, guestNouns[l]
		} else if l, ok := lemmaIn(d, i, demonyms); ok && tk.cap {
			noun, guest = l, true
		} else if l, ok := d.roleNoun(i); ok {
			noun = l
		} else {
			continue
		}
		p := party{t0: i, t1: i + 1, ent: -1, noun: noun, guest: guest, head: -1, tally: guest && d.counted(i, s.t0)}
		p.cases, p.gender, p.number = d.casesOf(i, noun)
		if c, ok := demonyms[noun]; ok {
			p.origins, p.weak = []string{c}, true
		}
		end := d.nounExtent(i, s.t1)
		if roleNouns[noun] && !groupNouns[noun] {
			p.t1 = end
		}
		if !groupNouns[noun] && !guest {
			out = append(out, p)
			if p.t1 > i+1 {
				i = p.t1 - 1
			}
			continue
		}
		strong, weak, insts := d.origins(i+1, end, s.t1)
		p.insts = insts
		weak = append(weak, d.originBefore(i, s.t0)...)
		weak = append(weak, p.origins...)
		if q := d.appositionOf(out, i); q >= 0 && len(strong) > 0 {
			// "Goście z Japonii – delegacja miasta Kobe –": one party, from Kobe
			out[q].origins, out[q].weak = append(strong, out[q].origins...), false
			continue
		}
		p.adj = weak
		switch {
		case len(strong) > 0:
			p.origins, p.weak = strong, false
			for _, w := range weak {
				if _, ok := d.strongOrigin[w]; !ok {
					d.strongOrigin[w] = strong[0] // Rosjanie z Kaliningradu
				}
			}
		case len(weak) > 0:
			p.origins, p.weak = weak[:1], true
		}
		out = append(out, p)
		// an official named by function covers the words of the function
		if p.t1 > i+1 {
			i = p.t1 - 1
		}
	}
	return out
}

// tallyWords count many of something (kilkanaście delegacji).
var tallyWords = setOf(`kilkanaście kilkunastu kilkadziesiąt kilkudziesięciu kilkaset kilkuset
	dziesiątki dziesiątek setki setek liczne licznych wiele wielu dziesiątkach`)

// counted reports a noun at i counted as many, by a number of five or
// more or a word of many right before it or before its adjective (34
// delegacje zagraniczne, kilkanaście zagranicznych delegacji): a year's
// statistic, not one visit. A number of a date is none (19 grudnia
// goście).
func (d *doc) counted(i, from int) bool {
	j := i - 1
	if j > from && d.toks[j].word && !d.toks[j].num && isAdjectiveWord(d.word(j)) {
		j--
	}
	if j < from {
		return false
	}
	switch tk := d.toks[j]; {
	case tk.num && !d.inDate(j):
		n, err := strconv.Atoi(tk.low)
		return err == nil && n >= 5
	case tk.word:
		return tallyWords[tk.low]
	}
	return false
}

// appositionOf returns the group party of out that the group noun at i
// stands in apposition to (Goście z Japonii – delegacja miasta Kobe),
// or -1: a dash or comma before i, that party a few words before.
func (d *doc) appositionOf(out []party, i int) int {
	if i == 0 || !isDash(d.toks[i-1].low) && d.toks[i-1].low != "," {
		return -1
	}
	for q := len(out) - 1; q >= 0; q-- {
		if p := out[q]; p.ent < 0 && (p.guest || groupNouns[p.noun]) && p.t0 >= i-8 {
			for t := p.t1; t < i; t++ {
				if d.toks[t].word && d.word(t).verb {
					return -1
				}
			}
			return q
		}
	}
	return -1
}

// originBefore returns the places the adjectives right before a noun
// name (Mazowiecką delegację, walońskich gości, niemieckiego gościa).
func (d *doc) originBefore(i, from int) []string {
	var adj []string
	for j := i - 1; j >= from && j >= i-3 && d.toks[j].word; j-- {
		if !d.originWord(j, &adj) && !isAdjectiveWord(d.word(j)) {
			break
		}
	}
	return adj
}

// nounExtent returns the end of the genitive phrase after a noun at i:
// adjectives, genitive words and names (zastępca prezydenta Torunia,
// przedstawiciele samorządów obwodu winnickiego).
func (d *doc) nounExtent(i, to int) int {
	end := i + 1
	for end < to && end-i < 8 {
		tk := d.toks[end]
		if !tk.word {
			if joiner(tk.low) && !isDash(tk.low) {
				end++
				continue
			}
			break
		}
		if stopWords[tk.low] || isGoverning(tk.low) || skipWords[tk.low] || d.word(end).verb {
			break
		}
		if k := d.mentAt[end]; k >= 0 {
			end = d.ments[k].t1
			continue
		}
		c, _, _ := d.casesOf(end, "")
		if c&polish.Gen == 0 {
			break
		}
		end++
	}
	return end
}

// sortParties orders parties by position.
func sortParties(ps []party) {
	for a := 1; a < len(ps); a++ {
		for b := a; b > 0 && ps[b].t0 < ps[b-1].t0; b-- {
			ps[b], ps[b-1] = ps[b-1], ps[b]
		}
	}
}

// partyAt returns the party covering token t, or -1.
func partyAt(ps []party, t int) int {
	for n, p := range ps {
		if p.t0 <= t && t < p.t1 {
			return n
		}
	}
	return -1
}
