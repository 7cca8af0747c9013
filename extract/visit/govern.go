package visit

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// notOrigin are the words after "z" that do not lead to where a party
// comes from (z okazji święta w Kielcach, z wizytą w Opolu).
var notOrigin = setOf(`okazji udziałem wizytą zaproszenia inicjatywy racji powodu uwagi myślą ramienia`)

// classifierNouns say what kind of body the name after them is
// (stowarzyszenia Stedenband Leiden-Toruń, firmy Komex).
var classifierNouns = map[string]bool{
	"stowarzyszenie": true, "fundacja": true, "firma": true, "spółka": true, "klub": true,
	"organizacja": true, "instytucja": true, "uczelnia": true, "przedsiębiorstwo": true,
	"koncern": true, "zakład": true, "związek": true, "towarzystwo": true, "partia": true,
}

// unitWords may stand between "z" and the place a delegation came from
// (z Gminy Szaflary, z chińskiej prowincji Syczuan, z partnerskiego miasta).
var unitWords = map[string]bool{
	"gmina": true, "miasto": true, "powiat": true, "obwód": true, "prowincja": true,
	"region": true, "województwo": true, "stolica": true, "kraj": true, "okręg": true,
	"rejon": true, "land": true, "departament": true, "hrabstwo": true, "republika": true,
	"miejscowość": true, "wieś": true, "okolica": true,
}

// origins returns the places a noun's party comes from, read from the
// words after it: "z"/"ze" and the places (z Gminy Szaflary oraz
// ukraińskiego Starego Sambora), a place in the genitive (delegacja
// obwodu winnickiego), an institution's place (z Rady Obwodu
// Tarnopolskiego), or an adjective or a people's name (delegacja
// japońska, grupa Holendrów), which are weak; and the institutions after
// "z" (z Rady Obwodu Tarnopolskiego, z terenu Związku).
func (d *doc) origins(i, end, to int) (out, adj []string, insts []int) {
	from := false
	loose := 0 // words between "z" and "w" + place (z partnerskiej szkoły w Niemczech)
	for j, n := i, 0; j < to && n < 14; j, n = j+1, n+1 {
		tk := d.toks[j]
		if !tk.word {
			if tk.low == "," && from || joiner(tk.low) && !isDash(tk.low) {
				continue
			}
			break
		}
		if k := d.mentAt[j]; k >= 0 {
			m := d.ments[k]
			e := d.ents[m.ent]
			switch {
			case e.kind == place && (from || j < end):
				out = appendNew(out, e.name)
			case e.kind == institution && from:
				for _, p := range e.rolePlaces {
					out = appendNew(out, d.ents[p].name)
				}
				insts = appendNewInt(insts, m.ent)
			default:
				return out, adj, insts
			}
			j, n = m.t1-1, n+m.t1-m.t0-1
			continue
		}
		switch {
		case (tk.low == "z" || tk.low == "ze") && !from && len(out) == 0:
			from = true
		case from && (tk.low == "w" || tk.low == "we") && len(out) == 0:
			// "z partnerskiej szkoły w Niemczech": the place of the body they come from
		case tk.low == "oraz" || tk.low == "i" || tk.low == "a":
			if !from {
				return out, adj, insts
			}
		case d.originWord(j, &adj):
		default:
			if _, ok := lemmaIn(d, j, unitWords); ok {
				continue
			}
			if c, ok := lemmaIn(d, j, demonyms); ok && tk.cap {
				adj = appendNew(adj, demonyms[c])
				continue
			}
			if l, ok := lemmaIn(d, j, map[string]bool{"partnerski": true, "zaprzyjaźniony": true, "sąsiedni": true, "bratni": true}); ok && l != "" {
				continue
			}
			if from && len(out) == 0 && loose < 2 && j+1 < to && !d.word(j).verb && d.word(j).trig == trigNone && !notOrigin[tk.low] {
				loose++
				continue
			}
			return out, adj, insts
		}
	}
	return out, adj, insts
}

// originWord adds the place an adjective of origin names (japońska,
// rosyjscy) to adj and reports whether the word is one.
func (d *doc) originWord(j int, adj *[]string) bool {
	for _, a := range d.word(j).an {
		if !a.Tag.IsAdjective() {
			continue
		}
		if c, ok := originAdjectives[a.Lemma]; ok {
			*adj = appendNew(*adj, c)
			return true
		}
	}
	return false
}

// appendNew appends s unless list holds it.
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// govern finds what governs party n: the nearest preposition to its
// left whose cases it can be in, or a noun it is the genitive of, or
// nothing; and sets its slot.
func (d *doc) govern(ps []party, n, from int) {
	p := &ps[n]
	p.slot = slotNone
	if q := d.coordinated(ps, n, from); q >= 0 {
		// "przedstawiciele Urzędu …, Agencji …, Urzędu Miasta Płocka":
		// each member of a list stands where the first one does
		p.slot, p.head, p.headLem = ps[q].slot, ps[q].head, ps[q].headLem
		return
	}
	j := p.t0 - 1
	for steps := 0; j >= from && steps < 14; j, steps = j-1, steps+1 {
		tk := d.toks[j]
		if !tk.word {
			if tk.low == ":" || tk.low == ";" || tk.low == "(" || tk.low == ")" {
				break
			}
			continue
		}
		if q := partyAt(ps, j); q < 0 && d.mentAt[j] >= 0 {
			j = d.skipPrep(d.ments[d.mentAt[j]].t0, from)
			continue // a name that is no party here: a seat, a role
		} else if q >= 0 {
			hp := ps[q]
			if hp.ent < 0 && p.cases&polish.Gen != 0 && p.ent >= 0 && (groupNouns[hp.noun] && !hp.guest || roleNouns[hp.noun]) ||
				hp.ent < 0 && hp.guest && p.ent >= 0 && d.ents[p.ent].kind == institution && p.cases&polish.Gen != 0 && hp.t1 == p.t0 {
				// przedstawiciele Agencji …, Urzędu …; delegacja Rady Obwodu
				p.slot, p.head, p.headLem = slotComp, hp.t0, hp.noun
				return
			}
			j = d.skipPrep(hp.t0, from)
			continue
		}
		low := tk.low
		if titleWords[low] || skipWords[low] || tk.num || monthWords[low] || timeWords[low] || d.inDate(j) {
			continue // Pierwszego dnia, 7 października, niemieckiego gościa przyjął
		}
		if cs, ok := prepositions[low]; ok {
			if cs&p.cases == 0 {
				continue
			}
			p.slot = d.prepSlot(j, low, p.cases&cs, p.t1)
			return
		}
		if stopWords[low] {
			break
		}
		w := d.word(j)
		if w.verb {
			break
		}
		if isAdjectiveWord(w) {
			continue
		}
		if _, ok := lemmaIn(d, j, classifierNouns); ok && d.mentAt[j+1] >= 0 && j+1 == p.t0 {
			continue // członkowie stowarzyszenia Stedenband: the name's kind
		}
		if isNounWord(w) && d.apposition(ps, j, from) {
			continue // Politechniki Warszawskiej, filia w Płocku oraz …
		}
		if isNounWord(w) && !d.canHead(*p, w) {
			if c, _, _ := d.casesOf(j, ""); c&p.cases == 0 {
				j = d.skipPrep(j, from) // "podejmowała w ratuszu gości": not the town hall's guests
			} // else a title in the same case: "z komisarzem Januszem Wojciechowskim"
			continue
		}
		if isNounWord(w) && p.cases&polish.Gen != 0 && !(p.ent >= 0 && d.ents[p.ent].kind == person && p.cases&polish.Nom != 0) {
			if w.lemma == "przewodnictwo" || w.lemma == "kierownictwo" {
				p.slot = slotLead // pod przewodnictwem wicemarszałek Anny Huk
				return
			}
			p.slot, p.head, p.headLem = slotComp, j, w.lemma
			if w.trig != trigNone {
				p.headLem = w.lemma
			}
			return
		}
		break
	}
	switch {
	case p.cases&polish.Nom != 0:
		p.slot = slotSubj
	case p.cases&(polish.Acc|polish.Gen) != 0:
		p.slot = slotObj
	}
	if d.leadsAfter(p.t1) {
		p.slot = slotLead
	}
}

// monthWords are the months in the genitive, as dates write them.
var monthWords = setOf(`stycznia lutego marca kwietnia maja czerwca lipca sierpnia września
	października listopada grudnia`)

// timeWords say when, not whose: "Pierwszego dnia niemieckiego gościa
// przyjął" has no genitive of "dzień".
var timeWords = setOf(`dnia dniu dni dzień roku r tygodnia tygodniu miesiąca godz godzinie
	wieczorem rano popołudniu południe wieczór`)

// inDate reports whether token t is part of a located date.
func (d *doc) inDate(t int) bool {
	for _, dt := range d.dates {
		if dt.t0 <= t && t < dt.t1 {
			return true
		}
	}
	return false
}

// canHead reports whether the noun w may govern party p in the
// genitive: anything may for an institution or a place (w siedzibie UMWM,
// pomieszczenia Biura); a person or a group of people belongs only to the
// words of visits, groups, functions and invitations (wizyta marszałka,
// delegacja obwodu, zaproszenie Marszałka, przedstawiciele …).
func (d *doc) canHead(p party, w *wordInfo) bool {
	if p.ent >= 0 && d.ents[p.ent].kind != person {
		return true
	}
	l := strings.ToLower(w.lemma)
	return w.trig != trigNone || groupNouns[l] || roleNouns[l] || peopleHeads[l]
}

// peopleHeads are other nouns whose genitive is a person or a group.
var peopleHeads = map[string]bool{
	"zaproszenie": true, "przyjazd": true, "program": true, "obecność": true, "udział": true,
	"inicjatywa": true, "wniosek": true, "przyjęcie": true, "powitanie": true, "pożegnanie": true,
	"przewodnictwo": true, "kierownictwo": true,
}

// skipPrep returns the token from which the search for a governor goes
// on after a party starting at t0: before its own preposition, if it has
// one (w Warszawie after Urzędu Marszałkowskiego belongs to the place).
func (d *doc) skipPrep(t0, from int) int {
	if t0-1 >= from && d.toks[t0-1].word && isGoverning(d.toks[t0-1].low) {
		return t0 - 1
	}
	return t0
}

// apposition reports a noun that follows a party after a comma (…
// Warszawskiej, filia w Płocku): it describes that party.
func (d *doc) apposition(ps []party, j, from int) bool {
	k := j - 1
	if k < from || d.toks[k].low != "," || k-1 < from {
		return false
	}
	return partyAt(ps, k-1) >= 0
}

// coordinated returns the party before party n that n is listed with
// (A, B oraz C: only commas and conjunctions between, a case in common),
// or -1.
func (d *doc) coordinated(ps []party, n, from int) int {
	if n == 0 {
		return -1
	}
	q := n - 1
	for q >= 0 && (ps[q].t1 > ps[n].t0 || d.isSeat(ps[q], from)) {
		q-- // a seat (Urzędu … w Warszawie) is part of the party before it
	}
	if q < 0 || ps[q].cases&ps[n].cases&slotCases(ps[q].slot) == 0 {
		return -1
	}
	if ps[q].ent >= 0 && d.ents[ps[q].ent].kind == place || ps[n].ent >= 0 && d.ents[ps[n].ent].kind == place {
		return -1
	}
	sep := false
	for j := ps[q].t1; j < ps[n].t0; j++ {
		tk := d.toks[j]
		if k := partyAt(ps, j); k >= 0 && d.isSeat(ps[k], from) {
			j = ps[k].t1 - 1
			continue
		}
		switch {
		case j+1 < ps[n].t0 && tk.word && (tk.low == "w" || tk.low == "we") && partyAt(ps, j+1) >= 0:
		case tk.low == ",":
			sep = true
		case tk.word && (tk.low == "oraz" || tk.low == "i" || tk.low == "a" || tk.low == "także" || tk.low == "lub"):
			sep = true
		case tk.word && titleWords[tk.low], !tk.word && joiner(tk.low) && !isDash(tk.low):
		default:
			return -1
		}
	}
	if !sep {
		return -1
	}
	return q
}

// slotCases returns the cases a party in the slot is in.
func slotCases(s slot) polish.Case {
	switch s {
	case slotSubj:
		return polish.Nom
	case slotObj:
		return polish.Acc | polish.Gen
	case slotWith, slotAlong, slotLead:
		return polish.Inst
	case slotAt:
		return polish.Loc
	case slotTo, slotAtHost, slotFrom, slotComp:
		return polish.Gen
	case slotBy:
		return polish.Acc
	}
	return 0
}

// isSeat reports a place written with "w" after a name (w Warszawie).
func (d *doc) isSeat(p party, from int) bool {
	if p.ent < 0 || d.ents[p.ent].kind != place || p.t0-1 < from {
		return false
	}
	low := d.toks[p.t0-1].low
	return low == "w" || low == "we"
}

// prepSlot returns the slot a preposition at j gives a party in cases
// that ends at end.
func (d *doc) prepSlot(j int, prep string, cases polish.Case, end int) slot {
	prev := ""
	for k := j - 1; k >= 0 && k >= j-2; k-- {
		if d.toks[k].word {
			prev = d.toks[k].low
			break
		}
	}
	switch prep {
	case "z", "ze":
		switch {
		case cases&polish.Inst != 0 && (prev == "wraz" || prev == "razem"):
			return slotAlong
		case cases&polish.Inst != 0 && prev == "czele":
			return slotLead
		case cases&polish.Inst != 0:
			if d.leadsAfter(end) {
				return slotLead
			}
			return slotWith
		}
		return slotFrom
	case "od":
		return slotFrom
	case "u":
		return slotAtHost
	case "do":
		return slotTo
	case "w", "we", "na", "przy":
		if cases&polish.Loc != 0 {
			return slotAt
		}
		if prep == "do" {
			return slotTo
		}
	case "przez":
		return slotBy
	}
	return slotOther
}

// leadsAfter reports "na czele" right after token end-1 (z ministrem
// Birgit Honé na czele).
func (d *doc) leadsAfter(end int) bool {
	return end+1 < len(d.toks) && d.toks[end].low == "na" && d.toks[end+1].low == "czele"
}

// isAdjectiveWord reports a word whose first reading is an adjective.
func isAdjectiveWord(w *wordInfo) bool {
	return len(w.an) > 0 && w.an[0].Tag.IsAdjective()
}

// isNounWord reports a word whose first reading is a noun.
func isNounWord(w *wordInfo) bool {
	return len(w.an) > 0 && w.an[0].Tag.IsNoun()
}
