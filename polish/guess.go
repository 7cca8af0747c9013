package polish

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// rule rewrites an inflected ending into a nominative one.
type rule struct{ suffix, repl string }

// nameRules turn the oblique cases of Polish and Polish-inflected foreign
// names (and other nouns and adjectives) back into the nominative. Every
// rule that matches yields a candidate; the analyzer indexes them all, so
// a rule only has to be right for some words that end this way.
var nameRules = sync.OnceValue(func() []rule {
	return []rule{
		// Adjectival surnames and place names: -ski, -cki, -dzki, -ny.
		{"kiego", "ki"}, {"kiemu", "ki"}, {"kim", "ki"},
		{"giego", "gi"}, {"giemu", "gi"}, {"gim", "gi"},
		{"kiej", "ka"}, {"ką", "ka"}, {"gą", "ga"}, {"giej", "ga"},
		{"ego", "y"}, {"emu", "y"}, {"ym", "y"}, {"ej", "a"},
		{"iego", "i"}, {"iemu", "i"}, {"im", "i"},
		// Masculine nouns with a hard stem: Labar, Labara, Labarowi,
		// Labarem, Labarze.
		{"owi", ""}, {"em", ""}, {"a", ""}, {"u", ""},
		{"kiem", "k"}, {"giem", "g"},
		{"nie", "n"}, {"wie", "w"}, {"mie", "m"}, {"bie", "b"}, {"pie", "p"}, {"fie", "f"},
		{"rze", "r"}, {"cie", "t"}, {"dzie", "d"}, {"ście", "st"}, {"le", "ł"},
		{"sie", "s"}, {"zie", "z"},
		// Soft stems: Jasia → Jaś, Kubicia → Kubić is rare but Stasia,
		// Gienia are not.
		{"sia", "ś"}, {"cia", "ć"}, {"nia", "ń"}, {"zia", "ź"}, {"dzia", "dź"},
		// ó → o before an ending: Krakowa → Kraków, Opolskiego stays.
		{"owa", "ów"}, {"owie", "ów"}, {"owem", "ów"}, {"owowi", "ów"},
		// The mobile e: Marka → Marek, Pawła → Paweł.
		{"ka", "ek"}, {"kowi", "ek"}, {"kiem", "ek"},
		{"ła", "eł"}, {"łowi", "eł"}, {"łem", "eł"},
		{"ńca", "niec"}, {"ńcowi", "niec"}, {"ńcem", "niec"},
		// Feminine (and foreign masculine) nouns in -a: Pezzy → Pezza,
		// Agnieszki, Agnieszce, Agnieszkę, Agnieszką → Agnieszka.
		{"y", "a"}, {"i", "a"}, {"ę", "a"}, {"ą", "a"},
		{"ce", "ka"}, {"dze", "ga"}, {"rze", "ra"}, {"nie", "na"}, {"cie", "ta"},
		{"dzie", "da"}, {"sie", "sa"}, {"zie", "za"}, {"mie", "ma"}, {"wie", "wa"},
		{"bie", "ba"}, {"pie", "pa"}, {"le", "la"},
		{"ii", "ia"}, {"ji", "ja"}, {"ią", "ia"}, {"ię", "ia"}, {"ją", "ja"}, {"ję", "ja"},
	}
})

// stemEndings are the inflectional endings the guarded stemmer strips,
// longest first.
var stemEndings = sync.OnceValue(func() []string {
	return []string{
		"owego", "owemu", "owych", "owymi",
		"owej", "owym", "owie", "iego", "iemu",
		"ego", "emu", "ych", "ymi", "ich", "imi", "ami", "ach", "owi",
		"ów", "om", "ej", "ym", "im", "ią", "ię", "em",
		"ą", "ę", "a", "e", "i", "y", "u", "o",
	}
})

// minGuessRunes is the shortest word the fallback rewrites; shorter words
// are kept as they are.
const minGuessRunes = 4

// GuessLemmas returns candidate lemmas, lowercased, for a word found in no
// dictionary: first the nominatives that Polish name declension allows
// (Labara → labar, Huguesa → hugues, Pezzy → pezza, Kowalskiej →
// kowalska), then the word itself, then a stem with its inflectional
// ending cut off. It never returns an empty or one-letter candidate. Words
// of three letters or fewer, numbers, codes (anything with a digit) and
// acronyms (two or more capitals: NATO, PiS) come back alone, lowercased;
// an acronym with a hyphenated ending (PiS-u, NATO-wi) comes back as the
// acronym.
func GuessLemmas(word string) []string {
	return guess(word, true)
}

// NameLemmas returns the candidates of GuessLemmas without the stem: the
// nominatives that name declension allows, and the word itself. It suits
// a capitalised word that the dictionary knows only as a rare common word
// (Labara, a form of labarum, is more likely the surname Labar).
func NameLemmas(word string) []string {
	return guess(word, false)
}

func guess(word string, stem bool) []string {
	low := strings.ToLower(word)
	if base, ok := acronymBase(word); ok {
		return []string{strings.ToLower(base)}
	}
	if utf8.RuneCountInString(word) < minGuessRunes || !allLetters(word) || isAcronym(word) {
		return []string{low}
	}
	out := make([]string, 0, 6)
	add := func(s string) {
		if utf8.RuneCountInString(s) < 2 {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, r := range nameRules() {
		stem, ok := strings.CutSuffix(low, r.suffix)
		if ok && utf8.RuneCountInString(stem) >= 2 {
			add(stem + r.repl)
		}
	}
	// The word itself is always a candidate: it may be a nominative
	// already (Hugues, Labar).
	add(low)
	if s := Stem(low); stem && s != low {
		add(s)
	}
	if len(out) > 1 && !startsUpper(word) {
		// For common words the form itself is a likelier lemma than a
		// name rewrite; keep it first.
		for i, o := range out {
			if o == low {
				copy(out[1:i+1], out[:i])
				out[0] = low
				break
			}
		}
	}
	return out
}

// Stem cuts the longest inflectional ending off a lowercased word, keeping
// at least three letters; a word it cannot shorten comes back unchanged.
// It is the last resort for words that no dictionary or rule knows.
func Stem(low string) string {
	if utf8.RuneCountInString(low) < minGuessRunes+1 {
		return low
	}
	for _, e := range stemEndings() {
		if stem, ok := strings.CutSuffix(low, e); ok && utf8.RuneCountInString(stem) >= 3 {
			return stem
		}
	}
	return low
}

// acronymBase recognises an acronym with a hyphenated Polish ending, such
// as PiS-u, NATO-wi or PKP-em, and returns the acronym.
func acronymBase(word string) (string, bool) {
	i := strings.LastIndexByte(word, '-')
	if i <= 0 || i == len(word)-1 {
		return "", false
	}
	base, end := word[:i], word[i+1:]
	if !isAcronym(base) || strings.ToLower(end) != end || !allLetters(end) || utf8.RuneCountInString(end) > 4 {
		return "", false
	}
	return base, true
}

// isAcronym reports a word with two or more capitals and letters only
// (NATO, PiS, UMWM).
func isAcronym(word string) bool {
	n := 0
	for _, r := range word {
		if unicode.IsUpper(r) {
			n++
		} else if !unicode.IsLetter(r) {
			return false
		}
	}
	return n >= 2
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
