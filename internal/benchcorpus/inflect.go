package benchcorpus

import (
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// forms holds a name in the six cases the templates use.
type forms [6]string

// Case indexes of forms.
const (
	nom = iota
	gen
	dat
	acc
	inst
	loc
)

var caseBits = [6]polish.Case{polish.Nom, polish.Gen, polish.Dat, polish.Acc, polish.Inst, polish.Loc}

// endings are the case endings tried on each candidate stem. Together
// with the stem alternations of stems they cover the regular declensions
// of Polish first names, surnames and town names.
var endings = []string{
	"", "a", "u", "y", "i", "e", "ę", "ą", "o", "owi", "em", "iem", "ie", "iu",
	"ego", "emu", "ej", "im", "ym", "zie", "dzie", "cie", "rze", "ze", "ce", "dze",
	"zi", "ci", "ni", "si", "dzi",
}

// stems returns the stems a case form of the nominative w may be built
// on: w itself, w less one or two letters, with a fleeting e dropped and
// with ó alternating to o.
func stems(w string) []string {
	out := []string{w}
	cut := func(n int) string {
		s := w
		for range n {
			_, size := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-size]
		}
		return s
	}
	if utf8.RuneCountInString(w) > 3 {
		out = append(out, cut(1), cut(2))
	}
	for _, alt := range [][2]string{{"ek", "k"}, {"ec", "c"}, {"eł", "ł"}, {"el", "l"}, {"ew", "w"}, {"eń", "ń"}} {
		if strings.HasSuffix(w, alt[0]) {
			out = append(out, strings.TrimSuffix(w, alt[0])+alt[1])
		}
	}
	if i := strings.LastIndex(w, "ó"); i >= 0 && utf8.RuneCountInString(w[i:]) <= 3 {
		s := w[:i] + "o" + w[i+len("ó"):]
		out = append(out, s, s[:len(s)-1])
	}
	return out
}

// decline finds the singular case forms of the nominative name whose
// dictionary lemma is name itself, with gender g (any gender when g is 0):
// candidates are built by stems and endings and kept only when the
// dictionary reads them as that lemma in that case. ok is false when some
// case has no confirmed form.
func decline(d *polish.Dictionary, name string, g polish.Gender) (f forms, ok bool) {
	f[nom] = name
	found := 1
	seen := map[string]bool{}
	for _, st := range stems(name) {
		for _, e := range endings {
			c := st + e
			if seen[c] || c == "" {
				continue
			}
			seen[c] = true
			for _, a := range d.Analyses(c) {
				if a.Lemma != name || !a.Tag.Numbers().Has(polish.Sg) || !a.Tag.IsNoun() {
					continue
				}
				if g != 0 && !a.Tag.Genders().Any(g) {
					continue
				}
				for i := gen; i <= loc; i++ {
					if f[i] == "" && a.Tag.Cases().Has(caseBits[i]) {
						f[i] = c
						found++
					}
				}
			}
			if found == len(f) {
				return f, true
			}
		}
	}
	return f, false
}
