package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// Tenses of a sentence, as the resolver uses them: a weekday, a day
// without a year or a month in a sentence in the past tense lies before
// the publication day, in the future tense after it.
const (
	tensePast    = -1
	tenseNone    = 0 // the present, or no verb that tells
	tenseFuture  = 1
	tenseWindow  = 40 // tokens each way at most: a page without full stops must stay linear
	minVerbBytes = 4  // words unknown to the dictionary this short are never read as past by their ending
)

// sentenceTense looks at the verbs of the sentence around token i:
// tensePast when its past forms outnumber its future ones (odbyło się,
// podpisano), tenseFuture when the future ones are at least as many
// (odbędzie się, będą, zapraszamy), else tenseNone. Capitalised words
// inside the sentence are names and are skipped.
func sentenceTense(toks []token, i int) int {
	lo, hi := i, i
	for lo > 0 && lo > i-tenseWindow && !sentenceEnd(toks, lo-1) {
		lo--
	}
	for hi < len(toks)-1 && hi < i+tenseWindow && !sentenceEnd(toks, hi) {
		hi++
	}
	past, future := 0, 0
	for k := lo; k <= hi; k++ {
		t := toks[k]
		if t.kind != tWord || t.cap && k != lo {
			continue
		}
		switch verbTense(t.lower) {
		case tensePast:
			past++
		case tenseFuture:
			future++
		}
	}
	switch {
	case past > future:
		return tensePast
	case future > 0:
		return tenseFuture
	}
	return tenseNone
}

// verbTense reads the tense of one lower-case word from the dictionary:
// past for the l-forms and the impersonal -no/-to forms (przyjęli,
// odbyło, podpisano, otwarto) that are no finite present form and no
// noun (działa, dzieło); future for the future of "być" and the
// perfective finite forms (będą, odbędzie, przyjmą) that are no past form
// and no noun. Verbs of planning (planLemmas) are future in the present
// and tell nothing in the past. A word the dictionary does not know is
// read by its ending.
func verbTense(w string) int {
	as := dict().Analyses(w)
	if len(as) == 0 {
		return tenseByEnding(w)
	}
	var past, perfective, present, noun bool
	for _, a := range as {
		form := verbForm(a.Tag)
		if form != "" && planLemmas[a.Lemma] {
			if form == "fin" {
				return tenseFuture
			}
			return tenseNone
		}
		switch form {
		case "praet", "imps":
			past = true
		case "bedzie":
			return tenseFuture
		case "fin":
			if a.Tag.Perfective() {
				perfective = true
			} else {
				present = true
			}
		case "":
			noun = noun || a.Tag.IsNoun()
		}
	}
	switch {
	case noun:
		return tenseNone
	case past && !present && !perfective:
		return tensePast
	case perfective && !past && !present:
		return tenseFuture
	}
	return tenseNone
}

// tenseByEnding reads a past l-form by its ending (-ł, -ła, -li, -łem …),
// for verbs the dictionary does not know.
func tenseByEnding(w string) int {
	if len(w) <= minVerbBytes {
		return tenseNone
	}
	for _, e := range []string{"ł", "ła", "ło", "li", "ły", "łem", "łam", "liśmy", "łyśmy"} {
		if strings.HasSuffix(w, e) {
			return tensePast
		}
	}
	return tenseNone
}

// verbForm gives the form of a verb's tag (praet, imps, fin, bedzie, inf
// …: the field after "verb"), "" for other words.
func verbForm(t polish.Tag) string {
	pos, rest, _ := strings.Cut(t.String(), ":")
	if pos != "verb" {
		return ""
	}
	form, _, _ := strings.Cut(rest, ":")
	return form
}
