package visit

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// roleBefore returns the first token of a role written before the person
// mention at t (Marszałkiem Markiem Woźniakiem, przewodniczącym Rady
// Obwodu Winnickiego Sergiejem Tatusiakiem, Ambasador … – Siergiej
// Andrejew), or -1.
func (d *doc) roleBefore(t, from int) int {
	j := t - 1
	for j >= from && d.toks[j].word && titleWords[d.toks[j].low] || j >= from && d.toks[j].low == "." && j > from && titleWords[d.toks[j-1].low] {
		j--
	}
	if j >= from && (d.toks[j].low == "," || isDash(d.toks[j].low)) {
		j--
	}
	best := -1
	for n := 0; j >= from && n < 10; j, n = j-1, n+1 {
		tk := d.toks[j]
		if k := d.mentAt[j]; k >= 0 && d.ents[d.ments[k].ent].kind != person {
			j = d.ments[k].t0 // a place or institution inside the role
			continue
		}
		if !tk.word {
			if joiner(tk.low) && !isDash(tk.low) {
				continue
			}
			break
		}
		if k := d.mentAt[j]; k >= 0 && d.ents[d.ments[k].ent].kind == person || stopWords[tk.low] || tk.low == "oraz" ||
			tk.low == "i" && !d.toks[j+1].cap && !d.genitivePair(j) {
			break
		}
		if _, ok := d.roleNoun(j); ok || d.singularGroupNoun(j) {
			best = j // a function, or a calling in the singular: dziennikarz „Leidse Dagblatt” Caspar ten Dam
			continue
		}
		if d.word(j).verb || isGoverning(tk.low) && tk.low != "w" {
			break
		}
	}
	// "Franck Pezza – Delegat …, pan Hugues Labar": the role is the
	// name's before it
	if best >= 0 {
		k := best - 1
		if k >= from && isDash(d.toks[k].low) && k-1 >= from {
			if m := d.mentAt[k-1]; m >= 0 && d.ents[d.ments[m].ent].kind == person {
				return -1
			}
		}
	}
	return best
}

// genitivePair reports an "i" at j between two nouns in the genitive,
// both of the role's complement (wiceminister przedsiębiorczości i
// technologii), not between two parties (prezes i dyrektor).
func (d *doc) genitivePair(j int) bool {
	if j == 0 || j+1 >= len(d.toks) {
		return false
	}
	gen := func(t int) bool {
		w := d.word(t)
		c, _, _ := d.casesOf(t, "")
		return d.toks[t].word && isNounWord(w) && c&polish.Gen != 0
	}
	return gen(j-1) && gen(j+1)
}

// roleAfter returns the end of a role written after a person mention that
// ends at t (Grzegorzem Smolińskim – Prezesem W-M SSE SA, Mychajło Positko
// Burmistrz Kamieńca Podolskiego), or t when there is none. A role that
// runs into the next name belongs to that name.
func (d *doc) roleAfter(t, to int) int {
	j := t
	dash := false
	if j < to && (d.toks[j].low == "," || isDash(d.toks[j].low)) {
		dash = isDash(d.toks[j].low)
		j++
	}
	for j < to && d.toks[j].word && titleWords[d.toks[j].low] {
		j++
	}
	if j >= to {
		return t
	}
	if _, ok := d.roleNoun(j); !ok || !d.singular(j) {
		return t // przedstawiciele …: the next party, not a role
	}
	end := j + 1
	for end < to && end-j < 12 {
		tk := d.toks[end]
		if k := d.mentAt[end]; k >= 0 && d.ents[d.ments[k].ent].kind != person {
			end = d.ments[k].t1
			continue
		}
		if !tk.word && !(joiner(tk.low) && !isDash(tk.low)) {
			break
		}
		if tk.word && (stopWords[tk.low] || tk.low == "oraz" || d.mentAt[end] >= 0 && d.ents[d.ments[d.mentAt[end]].ent].kind == person || d.word(end).verb) {
			break
		}
		end++
	}
	// the role runs into another name: Andrejew, Wicegubernator … – Rolbinov
	k := end
	if !dash && k < to && isDash(d.toks[k].low) {
		k++
		if k < to && d.mentAt[k] >= 0 && d.ents[d.ments[d.mentAt[k]].ent].kind == person {
			return t
		}
	}
	return end
}

// roleNoun returns the role noun token i is a form of: by the
// dictionary, by a role noun the word starts with when the dictionary
// does not know it (wicemerem, hejtmana), or, for a deputy (wicehejtman,
// wicekanclerza), the role after "wice".
func (d *doc) roleNoun(i int) (string, bool) {
	if l, ok := lemmaIn(d, i, roleNouns); ok {
		return l, true
	}
	if !d.toks[i].word {
		return "", false
	}
	low := d.toks[i].low
	if rest, ok := strings.CutPrefix(low, "wice"); ok && len(rest) >= 3 {
		w := d.wordOf(rest, rest)
		for _, a := range w.an {
			if l := strings.ToLower(a.Lemma); roleNouns[l] && a.Tag.IsNoun() {
				return l, true
			}
		}
		if len(w.an) == 0 {
			if l, ok := roleByEnding(rest); ok {
				return l, true
			}
		}
	}
	if len(d.word(i).an) > 0 {
		return "", false
	}
	return roleByEnding(low)
}

// roleByEnding returns the role noun an unknown word is a form of, by
// cutting up to four letters of ending (hejtman, hejtmanowi → hejtman).
func roleByEnding(low string) (string, bool) {
	for n := len(low); n >= 3 && n >= len(low)-4; n-- {
		if roleNouns[low[:n]] {
			return low[:n], true
		}
	}
	return "", false
}

// singularGroupNoun reports a group noun in the singular (dziennikarz,
// przedsiębiorca): before a name, it says who the person is.
func (d *doc) singularGroupNoun(i int) bool {
	l, ok := lemmaIn(d, i, groupNouns)
	if !ok || guestNouns[l] {
		return false
	}
	for _, a := range d.word(i).an {
		if a.Tag.IsNoun() && a.Tag.Numbers() == polish.Sg {
			return true
		}
	}
	return false
}

// singular reports whether token i may be a singular noun; a word the
// dictionary does not know may be.
func (d *doc) singular(i int) bool {
	if len(d.word(i).an) == 0 {
		return true
	}
	for _, a := range d.word(i).an {
		if a.Tag.IsNoun() && a.Tag.Numbers().Has(polish.Sg) {
			return true
		}
	}
	return false
}

// isDash reports a hyphen or a dash.
func isDash(s string) bool {
	return s == "-" || s == "–" || s == "—" || s == "‐" || s == "‑"
}

// isGoverning reports a preposition.
func isGoverning(low string) bool {
	_, ok := prepositions[low]
	return ok
}
