package visit

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// wordInfo is what the dictionary says about one word of the text, looked
// up on first need.
type wordInfo struct {
	an      []polish.Analysis
	trig    trig   // the trigger the word is, if any
	lemma   string // the trigger's lemma, or the first lemma
	verb    bool   // a finite verb or impersonal form (its first reading)
	person  byte   // 1, 2 or 3 for a verb in the first, second, third person
	future  bool   // a verb in the future tense
	past    bool   // a verb in the past tense
	genders polish.Gender
	numbers polish.Number
}

// form returns token i as written.
func (d *doc) form(i int) string { return d.text[d.toks[i].start:d.toks[i].end] }

// noWord is the analysis of punctuation and numbers: nothing.
var noWord = &wordInfo{}

// word returns the analysis of token i, shared by every token written
// the same way.
func (d *doc) word(i int) *wordInfo {
	if w := d.words[i]; w != nil {
		return w
	}
	t := d.toks[i]
	if !t.word || t.num {
		d.words[i] = noWord
		return noWord
	}
	d.words[i] = d.wordOf(d.form(i), t.low)
	return d.words[i]
}

// wordOf returns the analysis of a word as written (low: lower case), from
// this text's words, the Finder's, or the dictionary.
func (d *doc) wordOf(text, low string) *wordInfo {
	if w := d.forms[text]; w != nil {
		return w
	}
	if w, ok := d.f.known.Load(text); ok {
		d.forms[text] = w.(*wordInfo)
		return d.forms[text]
	}
	w := &wordInfo{an: d.f.dict.Analyses(text)}
	if len(w.an) > 0 {
		w.lemma = w.an[0].Lemma
		if mayTrigger(low) {
			for _, a := range w.an {
				if k := triggerLemmas[strings.ToLower(a.Lemma)]; k != trigNone {
					w.trig, w.lemma = k, strings.ToLower(a.Lemma)
					break
				}
			}
		}
		first := w.an[0].Tag
		if raw := first.String(); isFiniteTag(raw) {
			w.verb = true
			w.genders, w.numbers = first.Genders(), first.Numbers()
			switch {
			case strings.Contains(raw, ":pri"):
				w.person = 1
			case strings.Contains(raw, ":sec"):
				w.person = 2
			case strings.Contains(raw, ":ter") || strings.HasPrefix(raw, "verb:praet"):
				w.person = 3
			}
			w.past = strings.Contains(raw, "praet") || strings.Contains(raw, "imps")
			w.future = strings.Contains(raw, "bedzie") || strings.Contains(raw, ":fin") && first.Perfective()
		}
	}
	d.forms[text] = w
	d.f.remember(text, w)
	return w
}

// knownWords caps the analyses a Finder keeps between texts: the
// frequent words (w, się, delegacja, spotkał) come first and stay.
const knownWords = 50_000

// remember keeps the analysis of a word for the texts to come, while
// there is room. A wordInfo is never changed once made, so texts read
// in parallel share it.
func (f *Finder) remember(form string, w *wordInfo) {
	if f.nKnown.Load() >= knownWords {
		return
	}
	if _, loaded := f.known.LoadOrStore(strings.Clone(form), w); !loaded {
		f.nKnown.Add(1)
	}
}

// isFiniteTag reports a verb form that heads a clause: a finite verb, a
// past form, an impersonal (zorganizowano), an imperative, an infinitive.
func isFiniteTag(raw string) bool {
	if !strings.HasPrefix(raw, "verb:") {
		return false
	}
	for _, f := range []string{"fin", "praet", "imps", "impt", "bedzie", "inf", "winien"} {
		if strings.Contains(raw, ":"+f) {
			return true
		}
	}
	return false
}

// mayTrigger reports whether a lower-case word starts like a trigger word.
func mayTrigger(low string) bool {
	for _, s := range stemsByPrefix[prefix3(low)] {
		if strings.HasPrefix(low, s) {
			return true
		}
	}
	return false
}

// stemsByPrefix files triggerStems under their first three letters.
var stemsByPrefix = func() map[string][]string {
	m := map[string][]string{}
	for _, s := range triggerStems {
		p := prefix3(s)
		m[p] = append(m[p], s)
	}
	return m
}()

// hasLemma reports whether token i has the lemma (lower case) among its
// readings.
func (d *doc) hasLemma(i int, lemma string) bool {
	if !d.toks[i].word {
		return false
	}
	for _, a := range d.word(i).an {
		if strings.EqualFold(a.Lemma, lemma) {
			return true
		}
	}
	return false
}

// lemmaIn returns the first reading of token i whose lemma is a key of
// set, and whether there is one.
func lemmaIn[V any](d *doc, i int, set map[string]V) (string, bool) {
	if !d.toks[i].word {
		return "", false
	}
	for _, a := range d.word(i).an {
		l := a.Lemma
		if _, ok := set[l]; ok {
			return l, true
		}
		if low := strings.ToLower(l); low != l {
			if _, ok := set[low]; ok {
				return low, true
			}
		}
	}
	return "", false
}

// casesOf returns the cases token i may be in as a form of lemma (any
// lemma when lemma is ""), and its genders and numbers in those readings.
func (d *doc) casesOf(i int, lemma string) (polish.Case, polish.Gender, polish.Number) {
	var c polish.Case
	var g polish.Gender
	var n polish.Number
	for _, a := range d.word(i).an {
		if lemma != "" && !strings.EqualFold(a.Lemma, lemma) {
			continue
		}
		if !a.Tag.IsNoun() && !a.Tag.IsAdjective() {
			continue
		}
		c |= a.Tag.Cases()
		g |= a.Tag.Genders()
		n |= a.Tag.Numbers()
	}
	return c, g, n
}

// prepositions are the prepositions that tell a party's part in an event,
// with the cases they govern.
var prepositions = map[string]polish.Case{
	"w": polish.Loc | polish.Acc, "we": polish.Loc | polish.Acc, "z": polish.Gen | polish.Inst,
	"ze": polish.Gen | polish.Inst, "u": polish.Gen, "do": polish.Gen, "od": polish.Gen,
	"na": polish.Loc | polish.Acc, "przez": polish.Acc, "dla": polish.Gen, "przy": polish.Loc,
	"po": polish.Loc | polish.Acc, "o": polish.Loc | polish.Acc, "wśród": polish.Gen,
	"podczas": polish.Gen, "spośród": polish.Gen, "pod": polish.Inst | polish.Acc,
	"nad": polish.Inst | polish.Acc, "przed": polish.Inst | polish.Acc, "za": polish.Inst | polish.Acc | polish.Gen,
	"obok": polish.Gen, "koło": polish.Gen, "wobec": polish.Gen, "między": polish.Inst,
	"pomiędzy": polish.Inst, "według": polish.Gen, "dzięki": polish.Dat, "ku": polish.Dat,
	"naprzeciw": polish.Dat, "wokół": polish.Gen, "oprócz": polish.Gen, "poza": polish.Inst,
}

// suffixCases guesses the case of a name form no dictionary knows from
// the ending the declension added to its nominative (Huguesa from Hugues,
// Guenterem from Guenter).
var suffixCases = []struct {
	add   string
	cases polish.Case
}{
	{"owi", polish.Dat}, {"emu", polish.Dat}, {"iem", polish.Inst}, {"em", polish.Inst},
	{"ego", polish.Gen | polish.Acc}, {"im", polish.Inst | polish.Loc}, {"ym", polish.Inst | polish.Loc},
	{"ie", polish.Loc | polish.Voc}, {"a", polish.Gen | polish.Acc}, {"u", polish.Gen | polish.Loc | polish.Dat},
}

// nameFormCases returns the cases of form as an inflection of the
// nominative nom: the dictionary's when it knows the form as a form of
// nom, else the cases the added ending suggests.
func (d *doc) nameFormCases(i int, nom string) polish.Case {
	low, nomLow := d.toks[i].low, strings.ToLower(nom)
	if low == nomLow {
		return polish.Nom | polish.Acc | polish.Gen | polish.Dat | polish.Inst | polish.Loc | polish.Voc
	}
	if c, _, _ := d.casesOf(i, nom); c != 0 {
		return c
	}
	// feminine first names: Anita → Anitą, Agnieszka → Agnieszki
	if strings.HasSuffix(nomLow, "a") {
		stem := strings.TrimSuffix(nomLow, "a")
		switch {
		case low == stem+"ą":
			return polish.Inst
		case low == stem+"ę":
			return polish.Acc
		case strings.HasPrefix(low, stem) && len(low)-len(stem) <= 2:
			return polish.Gen | polish.Dat | polish.Loc
		}
	}
	if add, ok := strings.CutPrefix(low, nomLow); ok {
		for _, s := range suffixCases {
			if add == s.add {
				return s.cases
			}
		}
	}
	return 0
}
