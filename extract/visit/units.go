package visit

import "strings"

// namedUnits are the territorial units abroad that a text names by the
// unit and a foreign name left undeclined after it (z kraju Wysoczyna,
// delegacja prowincji Hubei, hrabstwa Kent): the unit in the nominative
// with the name as written is the place. Towns and communes are left out,
// as their name alone is the place (miasta Kobe: Kobe).
var namedUnits = map[string]bool{
	"kraj": true, "prowincja": true, "hrabstwo": true, "departament": true, "kanton": true,
	"okręg": true, "land": true, "prefektura": true, "województwo": true,
}

// addUnitPlaces adds to the entities the places the extraction missed
// that a unit of namedUnits and a foreign name make (kraju Wysoczyna →
// kraj Wysoczyna), with the surfaces that locate them; byFirst files the
// surfaces by their first word. A name the extraction knows as a place or
// an institution at that point, or under that name, is left to it.
func (d *doc) addUnitPlaces(surf []surface, byFirst map[string][]int) []surface {
	for i := 0; i+1 < len(d.toks); i++ {
		t := d.toks[i]
		if !t.word || t.num || !mayBeUnit(t.low) {
			continue
		}
		unit, ok := lemmaIn(d, i, namedUnits)
		if !ok {
			continue
		}
		end := d.foreignNameAfter(i + 1)
		if end < 0 || d.knownAt(i, end, surf, byFirst) {
			continue
		}
		name := unit + " " + d.text[d.toks[i+1].start:d.toks[end-1].end]
		if d.placeNamed(name) >= 0 {
			continue
		}
		e := len(d.ents)
		d.ents = append(d.ents, entity{kind: place, name: name, words: d.f.nameWords(name), pk: kindOfPlace(name), seat: -1})
		for _, ws := range [][]string{d.f.nameWords(name), d.tokenWords(i, end)} {
			k := len(surf)
			surf = append(surf, surface{ws, e})
			byFirst[ws[0]] = append(byFirst[ws[0]], k)
		}
		i = end - 1
	}
	return surf
}

// mayBeUnit cheaply filters the words that may be forms of namedUnits.
func mayBeUnit(low string) bool {
	for _, p := range []string{"kraj", "prowinc", "hrabstw", "departament", "kanton", "okręg", "land", "prefektur", "województw"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// foreignNameAfter returns the end of a foreign name starting at token i:
// one or two capitalised words written undeclined (the dictionary does
// not know them, or knows them only as a name in this very form: Kent,
// Namur), joined by nothing or a hyphen, with no ending of a Polish
// adjective (Kraju Morawsko-Śląskiego is declined); -1 when there is
// none.
func (d *doc) foreignNameAfter(i int) int {
	end := -1
	for k, n := i, 0; k < len(d.toks) && n < 2; n++ {
		t := d.toks[k]
		if !t.word || t.num || !t.cap || t.brk > 0 || !d.undeclined(k) || polishAdjectiveEnding(t.low) {
			break
		}
		end = k + 1
		if k+2 < len(d.toks) && isDash(d.toks[k+1].low) && d.toks[k+1].brk == 0 && d.toks[k+2].cap {
			k += 2
			continue
		}
		k++
	}
	return end
}

// polishAdjectiveEnding reports a word that ends as a declined Polish
// adjective does.
func polishAdjectiveEnding(low string) bool {
	for _, e := range []string{"skiego", "ckiego", "skiej", "ckiej", "skim", "ckim", "ską", "cką"} {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

// knownAt reports whether a surface of an entity of the extraction starts
// at a token of [i, end): a name it knows (a person's too: "Na czele
// delegacji stanie Claire Dubois" holds no unit).
func (d *doc) knownAt(i, end int, surf []surface, byFirst map[string][]int) bool {
	for t := i; t < end; t++ {
		if !d.toks[t].word {
			continue
		}
		for _, k := range byFirst[d.toks[t].low] {
			if d.matchAt(t, surf[k].words) > 0 {
				return true
			}
		}
	}
	return false
}

// tokenWords returns the lower-case words of tokens [i, end).
func (d *doc) tokenWords(i, end int) []string {
	var ws []string
	for t := i; t < end; t++ {
		if d.toks[t].word {
			ws = append(ws, d.toks[t].low)
		}
	}
	return ws
}

// undeclined reports a word the dictionary does not know, or knows only as
// a name written as its base form (Kent, Namur; not Bretanii).
func (d *doc) undeclined(k int) bool {
	form := d.form(k)
	for _, a := range d.word(k).an {
		if !strings.EqualFold(a.Lemma, form) {
			return false
		}
	}
	return true
}
