package polish

import (
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish/internal/lexfile"
)

// orderByCase moves the records whose lemma's case agrees with word's
// first, keeping the stored order otherwise: "Polski" reads first as the
// name Polska, "polski" as the adjective.
func orderByCase(recs []lexfile.Record, word string) {
	if len(recs) < 2 {
		return
	}
	r, _ := utf8.DecodeRuneInString(word)
	upper := unicode.IsUpper(r)
	// Insertion sort on one bit: stable and allocation-free.
	for i := 1; i < len(recs); i++ {
		for j := i; j > 0 && agrees(recs[j], upper) && !agrees(recs[j-1], upper); j-- {
			recs[j], recs[j-1] = recs[j-1], recs[j]
		}
	}
}

func agrees(r lexfile.Record, upper bool) bool {
	return properRecord(r) == upper
}

func properRecord(r lexfile.Record) bool {
	switch r.Case {
	case lexfile.Title, lexfile.Upper:
		return true
	case lexfile.Literal:
		c, _ := utf8.DecodeRune(r.Append)
		return unicode.IsUpper(c)
	}
	return false
}
