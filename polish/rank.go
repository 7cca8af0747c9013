package polish

import (
	"unicode"
	"unicode/utf8"
)

// rank orders the analyses of one form, best first, by a score that needs
// no context: most common parts of speech first, proper names first only
// when the word is capitalised. The sort is stable, so ties keep the
// dictionary's order.
func rank(as []Analysis, key, word string) {
	if len(as) < 2 {
		return
	}
	upper := false
	if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) {
		upper = true
	}
	scores := make([]int, len(as))
	for i := range as {
		scores[i] = score(as[i], key, upper)
	}
	// Insertion sort: sets are small and this keeps the sort stable
	// without allocating.
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && scores[j] < scores[j-1]; j-- {
			as[j], as[j-1] = as[j-1], as[j]
			scores[j], scores[j-1] = scores[j-1], scores[j]
		}
	}
}

// score is lower for likelier analyses.
func score(a Analysis, key string, upper bool) int {
	s := posScore(a.Tag.POS())
	if a.Proper() != upper {
		s += 20
	}
	return s
}

func posScore(pos string) int {
	switch pos {
	case "subst", "adj", "verb":
		return 0
	case "ppas", "pact":
		return 2
	case "ger":
		return 4
	case "depr":
		return 6
	}
	return 3
}
