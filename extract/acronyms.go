package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// findAcronyms attaches acronyms to the institutions they abbreviate:
// those introduced in parentheses, those whose initials match a name
// found in the text, and well-known ones. An acronym that resolves to
// nothing still names an institution under itself; one that names a
// country (RP, USA) is left to the places.
func (d *doc) findAcronyms() {
	toks := d.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !isAcronym(t) || d.shout[i] || d.inPerson[i] >= 0 {
			continue
		}
		if n := utf8.RuneCountInString(t.text); !known(t.text) && t.allCaps && (n > 3 && d.lex.common(t.lower) || n <= 3 && d.lex.commonOnly(t.lower)) {
			continue // MAPA, DANE, RANKING, DLA, SIĘ: a word in capitals
		}
		if _, known := knownAcronyms[t.text]; !known && d.lex.commonAbbreviation(t.text) && !d.acronymTaken(t.text) && !d.continuesName(i+1) {
			continue // aparat USG, zdjęcie RTG: the short form of a common noun; but KS „Wifama”
		}
		// W-M SSE: two acronyms in a row are one
		j := i + 1
		acr := acronymStem(t.text)
		if j < len(toks) && isAcronym(toks[j]) && toks[j].space && !d.shout[j] {
			acr += " " + toks[j].text
			j++
		}
		if _, ok := d.x.gaz.has(strings.ToLower(acr)); ok {
			i = j - 1
			continue
		}
		mention := acr
		end := j
		quoted := ""
		if end < len(toks) && isOpenQuote(toks[end].text) {
			if k := closingQuote(toks, end); k > 0 {
				quoted = d.surface(end, k+1)
				end = k + 1
			}
		}
		// PGE Dystrybucja S.A.: capitalised words between an acronym and a
		// legal form belong to the name
		named := false
		if quoted == "" {
			k := end
			for k < len(toks) && k < end+2 && toks[k].kind == tWord && toks[k].cap && !isAcronym(toks[k]) && plausibleNameWord(toks[k]) {
				k++
			}
			if k > end && legalFormAt(toks, k) > 0 {
				end, named = k, true
			}
		}
		if n := legalFormAt(toks, end); n > 0 {
			end += n
		}
		mention = d.surface(i, end)
		e := d.resolveAcronym(acr)
		switch {
		case quoted != "" || named:
			// SSE „Starachowice” S.A., PGE Dystrybucja S.A.: the acronym
			// with a proper name is a name of its own
			d.insts = append(d.insts, &instEnt{name: mention, mentions: []string{mention}})
		case e != nil:
			e.mentions = appendUnique(e.mentions, mention)
			if e.acronym == "" {
				e.acronym = acr
			}
		case d.inInst[i]:
			// an unresolved acronym inside a longer name (Fundacja PZU)
			// names no institution of its own
			i = end - 1
			continue
		default:
			name, acronym := acr, acr
			if full, ok := knownAcronyms[acr]; ok {
				name = full
			}
			d.insts = append(d.insts, &instEnt{name: name, acronym: acronym, mentions: []string{mention}})
		}
		for k := i; k < end; k++ {
			d.inInst[k] = true
		}
		i = end - 1
	}
}

// known reports an acronym of the table of national bodies.
func known(acr string) bool {
	_, ok := knownAcronyms[acr]
	return ok
}

// resolveAcronym finds the institution an acronym stands for.
func (d *doc) resolveAcronym(acr string) *instEnt {
	ak := acronymKey(acr)
	for _, e := range d.insts {
		if e.acronym != "" && acronymKey(e.acronym) == ak {
			return e
		}
	}
	for _, e := range d.insts {
		name := stripLegalForm(e.name)
		if e.coreName != "" {
			name = e.coreName // Komenda Powiatowa Policji (w Sanoku) → KPP
		}
		if initials(name, false) == ak || initials(name, true) == ak {
			return e
		}
	}
	if full, ok := knownAcronyms[acr]; ok {
		for _, e := range d.insts {
			if Key(stripLegalForm(e.name)) == Key(full) {
				return e
			}
		}
	}
	return nil
}

// fixedForms maps each form of a fixed name to its index in fixedNames.
var fixedForms = func() map[string]int {
	m := map[string]int{}
	for i, f := range fixedNames {
		for _, form := range f.forms {
			m[form] = i
		}
	}
	return m
}()

// fixedFirst holds the first word of every fixed name form, to skip the
// rest of the lookup quickly.
var fixedFirst = func() map[string]bool {
	m := map[string]bool{}
	for form := range fixedForms {
		first, _, _ := strings.Cut(form, " ")
		m[first] = true
	}
	return m
}()

// findFixedNames marks the fixed names written with capitals inside a
// sentence (w Sejmie, posłowie Prawa i Sprawiedliwości).
func (d *doc) findFixedNames() {
	toks := d.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tWord || !t.cap || d.inInst[i] || d.shout[i] || !fixedFirst[t.lower] || sentenceStart(toks, i) {
			continue
		}
		for n := 3; n >= 1; n-- {
			if i+n > len(toks) {
				continue
			}
			words := make([]string, 0, n)
			for k := i; k < i+n; k++ {
				words = append(words, toks[k].lower)
			}
			idx, ok := fixedForms[strings.Join(words, " ")]
			if !ok || n == 1 && i+1 < len(toks) && toks[i+1].cap && toks[i+1].kind == tWord {
				continue
			}
			if n > 1 && !toks[i+n-1].cap {
				continue
			}
			f := fixedNames[idx]
			mention := d.surface(i, i+n)
			found := false
			for _, e := range d.insts {
				if e.name == f.name {
					e.mentions = appendUnique(e.mentions, mention)
					found = true
				}
			}
			if !found {
				d.insts = append(d.insts, &instEnt{name: f.name, acronym: f.acronym, mentions: []string{mention}})
			}
			for k := i; k < i+n; k++ {
				d.inInst[k] = true
			}
			i += n - 1
			break
		}
	}
}

// isAcronym reports whether a token looks like an acronym: two to eight
// letters, mostly capitals (UMWM, PPP-T, RONiK, W-M).
func isAcronym(t token) bool {
	if t.kind != tWord || !t.cap {
		return false
	}
	n, up := 0, 0
	for _, r := range t.text {
		if unicode.IsLetter(r) {
			n++
			if unicode.IsUpper(r) {
				up++
			}
		}
	}
	if n < 2 || n > 8 || up < 2 || up*3 < n*2 || strings.ContainsAny(t.text, "0123456789") {
		return false
	}
	if isRoman(t.text) || notAcronyms[strings.ToUpper(t.text)] {
		return false
	}
	if n > 5 && t.allCaps && !strings.Contains(t.text, "-") {
		// a shouted word (RZESZÓW) rather than an acronym: acronyms of
		// more than five letters without vowels' shape are rare
		vowels := 0
		for _, r := range strings.ToLower(t.text) {
			if strings.ContainsRune("aeiouyąęó", r) {
				vowels++
			}
		}
		if vowels*3 >= n {
			return false
		}
	}
	return true
}

// initials gives the acronym a name would have: the first letters of its
// capitalised words and hyphenated parts (Płocki Park
// Przemysłowo-Technologiczny → PPPT); with small also the lower-case
// conjunctions (Rosyjski Ośrodek Nauki i Kultury → RONIK).
func initials(name string, small bool) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, "„”\"“,")
		if w == "" {
			continue
		}
		for part := range strings.SplitSeq(w, "-") {
			r, _ := utf8.DecodeRuneInString(part)
			if r == utf8.RuneError {
				continue
			}
			if unicode.IsUpper(r) || small && (part == "i" || part == "oraz") {
				if strings.HasSuffix(part, ".") && len(part) <= 4 {
					continue // S.A.
				}
				b.WriteRune(unicode.ToUpper(r))
			}
		}
	}
	return b.String()
}

// acronymStem cuts a case ending off an acronym: after a hyphen (ZUS-u,
// PSL-em) or in lower case after its last capital (MOSiRu).
func acronymStem(a string) string {
	if i := strings.LastIndex(a, "-"); i > 0 && acronymEndings[a[i+1:]] {
		return a[:i]
	}
	last := strings.LastIndexFunc(a, unicode.IsUpper)
	if last > 0 && acronymEndings[a[last+1:]] {
		_, w := utf8.DecodeRuneInString(a[last:])
		return a[:last+w]
	}
	return a
}

// acronymKey normalises an acronym for comparison: capitals only.
func acronymKey(a string) string {
	var b strings.Builder
	for _, r := range a {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// acronymTaken reports whether an institution of the text already has
// the acronym, given in parentheses after its name.
func (d *doc) acronymTaken(acr string) bool {
	for _, e := range d.insts {
		if e.acronym == acr {
			return true
		}
	}
	return false
}
