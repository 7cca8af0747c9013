package extract

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

//go:embed data/places.txt
var placesData string

// gazetteer maps inflected place names (lower case, words joined by one
// space) to their canonical nominative names.
type gazetteer struct {
	forms  map[string]string
	starts map[string]bool // first words of the entries of several words
	maxLen int             // longest entry in words
	abroad map[string]bool // canonical names of places outside Poland
}

// foreign reports whether a canonical place name lies outside Poland.
func (g *gazetteer) foreign(canon string) bool { return g.abroad[canon] }

var (
	gazOnce sync.Once
	gaz     *gazetteer
)

// defaultGazetteer returns the embedded gazetteer, parsed once.
func defaultGazetteer() *gazetteer {
	gazOnce.Do(func() { gaz = parseGazetteer(placesData) })
	return gaz
}

// parseGazetteer reads the format described at the top of data/places.txt.
func parseGazetteer(data string) *gazetteer {
	g := &gazetteer{forms: make(map[string]string, 8000), starts: make(map[string]bool, 1000), abroad: map[string]bool{}}
	abroad := false
	for line := range strings.SplitSeq(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		switch line {
		case "@poland":
			abroad = false
			continue
		case "@abroad":
			abroad = true
			continue
		}
		canon := ""
		if i := strings.Index(line, ">"); i >= 0 {
			canon = strings.TrimSpace(line[i+1:])
			line = strings.TrimSpace(line[:i])
		}
		var extra []string
		if i := strings.Index(line, "|"); i >= 0 {
			for f := range strings.SplitSeq(line[i+1:], ",") {
				if f = strings.TrimSpace(f); f != "" {
					extra = append(extra, f)
				}
			}
			line = strings.TrimSpace(line[:i])
		}
		flags := ""
		if i := strings.Index(line, "/"); i >= 0 {
			flags = strings.TrimSpace(line[i+1:])
			line = strings.TrimSpace(line[:i])
		}
		name := line
		if canon == "" {
			canon = name
		}
		if abroad {
			g.abroad[canon] = true
		}
		forms := []string{name}
		if !strings.Contains(flags, "I") {
			forms = append(forms, placeForms(name, flags)...)
		}
		forms = append(forms, extra...)
		for _, f := range forms {
			k := strings.ToLower(f)
			if _, ok := g.forms[k]; ok && !strings.EqualFold(f, name) {
				continue // an earlier, more important place keeps an ambiguous form
			}
			g.forms[k] = canon
			words := strings.Fields(k)
			if len(words) > g.maxLen {
				g.maxLen = len(words)
			}
			if len(words) > 1 {
				g.starts[words[0]] = true
			}
		}
	}
	return g
}

// locativeForm is the locative's place among placeForms' forms.
const locativeForm = 4

// placeForms generates the oblique forms of a place name, in the order
// genitive, dative, accusative, instrumental, locative. In a name of
// several words, adjectives and the first noun decline together; other
// nouns (nad Odrą) stay.
func placeForms(name, flags string) []string {
	words := strings.Fields(name)
	perWord := make([]map[polish.Case]string, len(words))
	nounSeen := false
	gender := polish.Masculine
	// the gender of the phrase comes from its first noun
	single := len(words) == 1
	for _, w := range words {
		if !single && isAdjectiveWord(w) {
			continue
		}
		gender = nounGender(w, flags)
		break
	}
	for i, w := range words {
		switch {
		case single && strings.Contains(flags, "A"):
			perWord[i] = adjForms(w, gender, strings.Contains(flags, "P"))
		case single:
			perWord[i] = nounForms(w, flags)
		case nounSeen && !isAdjectiveWord(w):
			perWord[i] = nil
		case isAdjectiveWord(w):
			perWord[i] = adjForms(w, gender, strings.Contains(flags, "P"))
		default:
			perWord[i] = nounForms(w, flags)
			nounSeen = true
		}
	}
	var out []string
	for _, c := range obliqueCases {
		parts := make([]string, len(words))
		for i, w := range words {
			parts[i] = w
			if perWord[i] != nil {
				if f, ok := perWord[i][c]; ok {
					parts[i] = matchCase(w, f)
				}
			}
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// isAdjectiveWord reports whether a word of a several-word place name is
// an adjective (Podolski, Zielona, Mazowieckie, warmińsko-mazurskie).
func isAdjectiveWord(w string) bool {
	low := strings.ToLower(w)
	if i := strings.LastIndex(low, "-"); i > 0 {
		low = low[i+1:]
	}
	if utf8.RuneCountInString(low) < 4 {
		return false
	}
	for _, e := range []string{"ski", "cki", "dzki", "ska", "cka", "dzka", "skie", "ckie", "dzkie", "owy", "owa", "owe",
		"ony", "ona", "one", "ały", "ała", "ałe", "ary", "ara", "ny", "na", "ne", "czy", "cza", "cze", "ki", "ka", "kie", "nia", "ty", "ta", "te"} {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

// nounGender guesses the gender of a place noun from the gazetteer's
// flags (F feminine) and its ending.
func nounGender(w, flags string) polish.Gender {
	low := strings.ToLower(w)
	switch {
	case strings.Contains(flags, "F"):
		return polish.F
	case strings.HasSuffix(low, "a"):
		return polish.F
	case strings.HasSuffix(low, "o") || strings.HasSuffix(low, "e") || strings.HasSuffix(low, "um"):
		return polish.N
	}
	return polish.Masculine
}

// adjForms declines an adjective of a place name, in the plural when the
// name is plural (flag P).
func adjForms(w string, gender polish.Gender, plural bool) map[polish.Case]string {
	low := strings.ToLower(w)
	prefix := ""
	if i := strings.LastIndex(low, "-"); i > 0 {
		prefix, low = low[:i+1], low[i+1:]
	}
	var stem string
	switch {
	case strings.HasSuffix(low, "ie"):
		stem = strings.TrimSuffix(low, "ie")
	case strings.HasSuffix(low, "i"), strings.HasSuffix(low, "y"), strings.HasSuffix(low, "a"), strings.HasSuffix(low, "e"):
		stem = low[:len(low)-1]
	default:
		return nil
	}
	soft := strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g")
	i := ""
	if soft {
		i = "i"
	}
	y := "y"
	if soft {
		y = "i"
	}
	out := map[polish.Case]string{}
	switch {
	case plural:
		out[polish.Gen] = stem + i + "ch"
		if !soft {
			out[polish.Gen] = stem + "ych"
		}
		out[polish.Loc] = out[polish.Gen]
		out[polish.Dat] = stem + y + "m"
		out[polish.Inst] = stem + y + "mi"
		out[polish.Acc] = low
	case gender == polish.F:
		out[polish.Gen] = stem + i + "ej"
		out[polish.Dat], out[polish.Loc] = out[polish.Gen], out[polish.Gen]
		out[polish.Acc] = stem + "ą"
		out[polish.Inst] = stem + "ą"
	default:
		out[polish.Gen] = stem + i + "ego"
		out[polish.Dat] = stem + i + "emu"
		out[polish.Inst] = stem + y + "m"
		out[polish.Loc] = out[polish.Inst]
		out[polish.Acc] = low
	}
	for k, v := range out {
		out[k] = prefix + v
	}
	return out
}

// nounForms declines the noun of a place name by its ending and flags.
func nounForms(w, flags string) map[polish.Case]string {
	low := strings.ToLower(w)
	if strings.Contains(low, "-") {
		// hyphenated names (Bielsko-Biała) are listed with their forms
		return nil
	}
	if strings.Contains(flags, "P") {
		return nil // plural names are listed with their forms
	}
	switch nounGender(w, flags) {
	case polish.F:
		if strings.HasSuffix(low, "a") {
			return femNounForms(low)
		}
		// Gołdap → Gołdapi
		stem := low
		g := stem + "i"
		if softEnd(stem) && !strings.HasSuffix(stem, "l") && !strings.HasSuffix(stem, "j") {
			g = stem + "y"
		}
		return map[polish.Case]string{polish.Gen: g, polish.Dat: g, polish.Loc: g, polish.Acc: low, polish.Inst: stem + "ą"}
	case polish.N:
		stem := strings.TrimSuffix(strings.TrimSuffix(low, "o"), "e")
		if strings.HasSuffix(low, "um") {
			return nil
		}
		out := map[polish.Case]string{polish.Gen: stem + "a", polish.Dat: stem + "u", polish.Acc: low, polish.Inst: instrumental(stem)}
		if strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g") || strings.HasSuffix(stem, "ch") || softEnd(stem) {
			out[polish.Loc] = stem + "u"
		} else {
			out[polish.Loc] = locE(stem)
		}
		return out
	}
	stem := low
	switch {
	case strings.HasSuffix(stem, "ów"):
		stem = strings.TrimSuffix(stem, "ów") + "ow"
	case strings.HasSuffix(stem, "ń"):
		stem = strings.TrimSuffix(stem, "ń") + "ni"
	case strings.HasSuffix(stem, "niec") && utf8.RuneCountInString(stem) > 5:
		stem = strings.TrimSuffix(stem, "niec") + "ńc"
	case strings.HasSuffix(stem, "iec") && utf8.RuneCountInString(stem) > 5:
		stem = strings.TrimSuffix(stem, "iec") + "c"
	case strings.HasSuffix(stem, "ec") && utf8.RuneCountInString(stem) > 4:
		stem = strings.TrimSuffix(stem, "ec") + "c"
	}
	out := map[polish.Case]string{polish.Gen: stem + "a", polish.Dat: stem + "owi", polish.Acc: low, polish.Inst: instrumental(stem), polish.Loc: mascLocative(stem)}
	if strings.HasSuffix(stem, "ław") {
		// towns in -ław: we Wrocławiu, w Jarosławiu (a person: o Stanisławie)
		out[polish.Loc] = stem + "iu"
	}
	return out
}

// lookup finds the longest gazetteer entry starting at token i; it
// returns the canonical name and the number of tokens used.
func (g *gazetteer) lookup(toks []token, i int) (string, int) {
	if toks[i].kind != tWord {
		return "", 0
	}
	if !g.starts[toks[i].lower] {
		// no entry of several words starts here: one look-up will do
		if c, ok := g.forms[toks[i].lower]; ok {
			return c, 1
		}
		return "", 0
	}
	var b strings.Builder
	best, bestN := "", 0
	words := 0
	for j := i; j < len(toks) && words < g.maxLen; j++ {
		t := toks[j]
		if t.kind != tWord {
			break
		}
		if words > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.lower)
		words++
		if c, ok := g.forms[b.String()]; ok {
			best, bestN = c, j-i+1
		}
	}
	return best, bestN
}

// has gives the canonical name of an inflected form, if listed.
func (g *gazetteer) has(lowerForm string) (string, bool) {
	c, ok := g.forms[lowerForm]
	return c, ok
}

// BuiltinCanonical gives the name under which the extractor files name on
// purpose when it meets it: a place the gazetteer lists under another
// name (Mazowsze → województwo mazowieckie, USA → Stany Zjednoczone), an
// acronym of a national body it knows (SLD → Sojusz Lewicy
// Demokratycznej). kind is "places" or "institutions", as the lists of
// an extraction are named in JSON. ok is false for a name that stays as
// it is. Evaluations use it to tell such renaming from a wrong base form.
func BuiltinCanonical(kind, name string) (string, bool) {
	var canon string
	switch kind {
	case "places":
		canon, _ = defaultGazetteer().has(strings.ToLower(strings.Join(strings.Fields(name), " ")))
	case "institutions":
		canon = knownAcronyms[name]
	}
	if canon == "" || canon == name {
		return "", false
	}
	return canon, true
}
