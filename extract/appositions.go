package extract

import "strings"

// findAppositions finds organisations named after a lower-case common
// noun (stowarzyszenia Stedenband Leiden-Toruń) or quoted after a media
// word (dziennikarz „Leidse Dagblatt”), where the name itself stays in the
// nominative.
func (d *doc) findAppositions() {
	toks := d.toks
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i]
		if t.kind != tWord || t.cap || d.shout[i] {
			continue
		}
		j := i + 1
		if mediaWords[t.lower] && isOpenQuote(toks[j].text) {
			if k := closingQuote(toks, j); k > 0 && toks[j+1].cap && !d.inInst[j+1] {
				name := d.surface(j+1, k)
				d.insts = append(d.insts, &instEnt{name: name, mentions: []string{name}})
				for m := j; m <= k; m++ {
					d.inInst[m] = true
				}
				i = k
			}
			continue
		}
		if !appositionHeads[t.lower] {
			continue
		}
		// organizacji wolontariuszy „Podilla Razom”, fundacji rodziców
		// „Razem”: a lower-case complement may stand before the quoted name
		for k := j; k < j+2 && k+1 < len(toks) && toks[k].kind == tWord && !toks[k].cap && !isPreposition(toks[k].lower); k++ {
			if isOpenQuote(toks[k+1].text) {
				j = k + 1
				break
			}
		}
		if isOpenQuote(toks[j].text) {
			if k := closingQuote(toks, j); k > 0 && toks[j+1].cap && !d.inInst[j+1] {
				name := d.surface(j+1, k)
				d.insts = append(d.insts, &instEnt{name: name, quoted: name, mentions: []string{name}})
				for m := j; m <= k; m++ {
					d.inInst[m] = true
				}
				i = k
			}
			continue
		}
		n := d.capRun(j)
		for m := j; m < j+n; m++ {
			if legalFormAt(toks, m) > 0 {
				n = m - j // firmą Asseco Poland S.A.: the legal form ends the name
				break
			}
		}
		if n == 0 || n > 4 || d.inInst[j] || d.inPerson[j] >= 0 || d.startsPerson(j) || !plausibleNameWord(toks[j]) && !isAcronym(toks[j]) {
			continue
		}
		if _, place := d.x.gaz.has(toks[j].lower); place {
			continue
		}
		if n == 1 && !d.nominalLooking(toks[j].lower) || pluralLooking(toks[j+n-1].lower) {
			continue
		}
		n += legalFormAt(toks, j+n)
		name := d.surface(j, j+n)
		d.insts = append(d.insts, &instEnt{name: name, mentions: []string{name}})
		for m := j; m < j+n; m++ {
			d.inInst[m] = true
		}
		i = j + n - 1
	}
}

// findLowerCaseUnits finds names like "diecezji pelplińskiej": a church
// unit head in lower case with an adjective made from a place name.
func (d *doc) findLowerCaseUnits() {
	toks := d.toks
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i]
		if t.kind != tWord || t.cap || d.inInst[i] {
			continue
		}
		for _, h := range headForms[t.lower] {
			if !churchUnits[h.lemma] {
				continue
			}
			a := toks[i+1]
			if a.kind != tWord || !properAdjective(a.lower) || !adjAgrees(a.lower, h.gender, h.gcase) {
				continue
			}
			name := matchCase("X", h.lemma) + " " + matchCase("X", strings.ToLower(adjNominative(a.text, h.gender, h.gcase)))
			d.addInstitution(instSpan{i: i, j: i + 2, head: i, name: name})
			d.inInst[i], d.inInst[i+1] = true, true
			break
		}
	}
}

// pluralLooking reports whether a word ends like a plural noun (Holendrów,
// Polakami), which names people rather than an organisation.
func pluralLooking(low string) bool {
	for _, e := range []string{"ów", "ami", "ach", "om"} {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

// findCompanies finds firms named by capitalised words before a legal
// form (Asseco Poland S.A., Orlen sp. z o.o.) that no head noun announced.
func (d *doc) findCompanies() {
	toks := d.toks
	for i := 1; i < len(toks); i++ {
		n := legalFormAt(toks, i)
		if n == 0 || d.inInst[i] || d.inInst[i-1] {
			continue
		}
		k := i
		for k > 0 && k > i-4 && toks[k-1].kind == tWord && toks[k-1].cap && !d.shout[k-1] && d.inPerson[k-1] < 0 && !d.inInst[k-1] {
			if _, role := roleForms[toks[k-1].lower]; role || isTitle(toks[k-1].lower) {
				break // Prezesem W-M SSE SA
			}
			k--
		}

		if k < i && appositionHeads[toks[k].lower] {
			k++ // Spółka Grupa Azoty S.A.: the common noun is no part of the name
		}
		allAcronyms := true
		for m := k; m < i; m++ {
			allAcronyms = allAcronyms && isAcronym(toks[m])
		}
		if k == i || allAcronyms || i-k == 1 && sentenceStart(toks, k) && d.lex.common(toks[k].lower) {
			continue // ARP S.A., W-M SSE SA are left to the acronyms
		}
		name := d.surface(k, i+n)
		d.insts = append(d.insts, &instEnt{name: name, mentions: []string{name}})
		for m := k; m < i+n; m++ {
			d.inInst[m] = true
		}
		i += n - 1
	}
}
