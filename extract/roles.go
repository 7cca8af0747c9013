package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// lowerRoleWord reports lower-case words that belong inside function
// phrases (sejmiku województwa, spraw zagranicznych).
func lowerRoleWord(w string) bool {
	return lowerRoleWords[w] || properAdjective(w) || adjectiveLike(w)
}

// rolesOf finds the function phrases standing before or after a name.
func (d *doc) rolesOf(p personSpan) []string {
	var roles []string
	if r := d.roleBefore(p.i); r != "" {
		roles = append(roles, r)
	}
	if r := d.roleAfterName(p.j); r != "" {
		roles = append(roles, r)
	}
	return roles
}

// roleBefore reads "Burmistrz Kolbuszowej" in "Burmistrz Kolbuszowej
// Grzegorz Romaniuk" and "Marszałek Województwa Opolskiego, Andrzej Buła".
func (d *doc) roleBefore(i int) string {
	toks := d.toks
	end := i
	k := i - 1
	// skip titles and the dots of their abbreviations
	titled := false
	var titleCase polish.Case
	for k >= 0 && (toks[k].kind == tPunct && toks[k].text == "." || toks[k].kind == tWord && isTitle(toks[k].lower) && d.titleAt(k)) {
		if toks[k].kind == tWord {
			titled = true
			if c := titles[toks[k].lower].gcase; c != 0 {
				titleCase = c
			}
		}
		k--
		end = k + 1
	}
	// "Marszałek Województwa Opolskiego, Andrzej Buła"; after a title a
	// comma mostly closes the previous item of a list ("…, pani Ewa
	// Sowińska"), unless the function agrees with the title in case
	// ("przedstawiciela regionu, pana Huguesa Labara")
	var needCase polish.Case
	if k >= 0 && toks[k].kind == tPunct && (toks[k].text == "," || toks[k].text == "–") {
		if titled {
			if titleCase == 0 {
				return ""
			}
			needCase = titleCase
		}
		k--
		end = k + 1
	}
	if k >= 0 && toks[k].kind == tWord && (toks[k].lower == "i" || toks[k].lower == "oraz") {
		return "" // "… Burmistrz Kolbuszowej i Jan Fryc": the function is the previous person's
	}
	start := -1
	for m := k; m >= 0 && m >= k-12; m-- {
		t := toks[m]
		innerDash := t.kind == tPunct && isDash([]rune(t.text)[0]) && m > 0 && d.inInst[m-1] && d.inInst[m+1]
		if t.kind == tBreak || t.kind == tPunct && t.text != "." && t.text != "-" && t.text != "„" && t.text != "”" && t.text != "\"" && !innerDash {
			break
		}
		if d.inPerson[m] >= 0 {
			break
		}
		if t.kind == tWord {
			if _, ok := roleForms[t.lower]; ok {
				start = m
				// Zastępca Mera Winnicy, Zastępca Dyrektora Kancelarii
				if m > 0 {
					if _, ok2 := roleForms[toks[m-1].lower]; ok2 {
						start = m - 1
					}
				}
				break
			}
			abbrev := m+1 < len(toks) && toks[m+1].text == "." && utf8.RuneCountInString(t.text) <= 3 // sp. z o.o.
			if !t.cap && !abbrev && (!isPreposition(t.lower) || t.lower == "oraz" || t.lower == "a") && !lowerRoleWord(t.lower) {
				break
			}
		}
	}
	if start < 0 || start >= end {
		return ""
	}
	// "Franck Pezza – Delegat …, pan Hugues Labar": a function right after
	// another person's name is that person's
	p := start - 1
	if p >= 0 && toks[p].kind == tPunct && isDash([]rune(toks[p].text)[0]) {
		p--
	}
	if p >= 0 && d.inPerson[p] >= 0 {
		return ""
	}
	if rf := roleForms[toks[start].lower]; needCase != 0 && rf.gcase != needCase && !(needCase == polish.Gen && rf.gcase == polish.Acc || needCase == polish.Acc && rf.gcase == polish.Gen) {
		return ""
	}
	return d.roleText(start, end)
}

// titleAt reports whether token k is written as a title: not in
// capitals (KPT is an acronym, kpt. a captain), and a short one with its
// abbreviation dot.
func (d *doc) titleAt(k int) bool {
	t := d.toks[k]
	if t.allCaps {
		return false
	}
	switch t.lower {
	case "pan", "pani", "pana", "panu", "panią", "dr", "dra", "drem", "mgr", "bp", "abp", "płk", "mjr":
		// written without a dot: the abbreviation ends with the word's last letter
		return true
	}
	if utf8.RuneCountInString(t.text) <= 4 {
		return k+1 < len(d.toks) && d.toks[k+1].text == "."
	}
	return true
}

func isTitle(w string) bool {
	_, ok := titles[w]
	return ok && w != "autor" && w != "fot"
}

// roleAfterName reads "– Dyrektor Departamentu …", ", prezydent Rzeszowa",
// ", były wicegubernator …" and "Burmistrz Kolbuszowej" after a name. A
// phrase that runs into the next person's name is that person's function.
func (d *doc) roleAfterName(j int) string {
	toks := d.toks
	if j >= len(toks) {
		return ""
	}
	sep := false
	k := j
	if toks[k].kind == tPunct && (toks[k].text == "–" || toks[k].text == "-" || toks[k].text == "," || toks[k].text == "—") {
		sep = true
		k++
	}
	// były, obecny, wieloletni …: an adjective before the function word
	adjAt := -1
	if k+1 < len(toks) && toks[k].kind == tWord && !toks[k].cap && adjectiveLike(toks[k].lower) {
		if _, ok := roleForms[toks[k+1].lower]; ok {
			adjAt = k
			k++
		}
	}
	if k >= len(toks) {
		return ""
	}
	rf, ok := roleForms[toks[k].lower]
	if !ok {
		return ""
	}
	if !sep && !toks[k].cap {
		if !d.sameCaseAsName(j, rf.gcase) {
			return ""
		}
		sep = true // dr Igorem Krasnianskim dyrektorem filii …
	}
	start := k
	k++
	ranIntoPerson := false
	for k < len(toks) && k-start < 16 {
		t := toks[k]
		if t.kind == tBreak {
			break
		}
		if d.inPerson[k] >= 0 || d.startsPerson(k) {
			ranIntoPerson = true
			break
		}
		if t.kind == tPunct {
			if t.text == "." && k > 0 && (toks[k-1].lower == "ds" || toks[k-1].lower == "im") {
				k++
				continue
			}
			if t.text == "„" || t.text == "”" || t.text == "\"" {
				k++
				continue
			}
			if isDash([]rune(t.text)[0]) && k+1 < len(toks) && toks[k+1].cap && k-1 >= start && toks[k-1].cap {
				k++
				continue
			}
			if isDash([]rune(t.text)[0]) && k+1 < len(toks) && (d.inPerson[k+1] >= 0 || d.startsPerson(k+1)) {
				ranIntoPerson = true
			}
			break
		}
		if t.kind == tWord && (t.lower == "oraz" || t.lower == "który" || t.lower == "która") {
			break
		}
		if t.kind == tWord && !t.cap && d.isVerbForm(t.lower) {
			break // "– Wojewoda Warmińsko-Mazurski spotkał się"
		}
		if t.kind == tWord && !t.cap && !sep && !isPreposition(t.lower) && t.lower != "ds" && !lowerRoleWord(t.lower) {
			break
		}
		if t.kind == tWord && !t.cap && !sep && isPreposition(t.lower) && !(k+1 < len(toks) && toks[k+1].cap) {
			break
		}
		if t.kind == tWord && t.lower == "i" && k+1 < len(toks) && d.startsPerson(k+1) {
			break
		}
		k++
	}
	if ranIntoPerson {
		return ""
	}
	for k > start+1 && toks[k-1].kind == tWord && isPreposition(toks[k-1].lower) {
		k--
	}
	role := d.roleText(start, k)
	if adjAt >= 0 {
		role = adjNominative(toks[adjAt].text, rf.gender, rf.gcase) + " " + role
	}
	return role
}

// sameCaseAsName reports whether the case of a function word agrees with
// the case the name before it (ending at token j) is written in, so that
// "dr Igorem Krasnianskim dyrektorem filii" joins the two.
func (d *doc) sameCaseAsName(j int, c polish.Case) bool {
	if j == 0 || c == polish.Nom {
		return false
	}
	low := d.toks[j-1].lower
	switch c {
	case polish.Inst:
		return strings.HasSuffix(low, "em") || strings.HasSuffix(low, "im") || strings.HasSuffix(low, "ym") || strings.HasSuffix(low, "ą")
	case polish.Gen, polish.Acc:
		return strings.HasSuffix(low, "a") || strings.HasSuffix(low, "ego") || strings.HasSuffix(low, "y") || strings.HasSuffix(low, "ej")
	case polish.Dat:
		return strings.HasSuffix(low, "owi") || strings.HasSuffix(low, "emu")
	}
	return false
}

// isVerbForm reports whether the dictionary reads a lower-case word as a
// verb form first.
func (d *doc) isVerbForm(low string) bool {
	as := d.lex.analyses(low)
	return len(as) > 0 && as[0].Tag.IsVerb()
}

// roleText gives a function phrase with its function word (and the
// adjectives agreeing with it) in the nominative.
func (d *doc) roleText(i, j int) string {
	toks := d.toks
	rf := roleForms[toks[i].lower]
	var parts []string
	k := i
	if rf.lemma != "" {
		parts = append(parts, matchCase(toks[i].text, rf.lemma))
		k++
		for k < j && toks[k].kind == tWord && rf.gcase != polish.Nom && adjAgrees(toks[k].lower, rf.gender, rf.gcase) && !sameCaseRole(toks[k].lower) {
			parts = append(parts, adjNominative(toks[k].text, rf.gender, rf.gcase))
			k++
		}
		// Zastępca Mera: the second function word stays in the genitive
	}
	s := strings.Join(parts, " ")
	if k < j {
		s += " " + d.surface(k, j)
	}
	return strings.TrimSpace(strings.Trim(s, " ,–-"))
}

func sameCaseRole(w string) bool {
	_, ok := roleForms[w]
	return ok
}
