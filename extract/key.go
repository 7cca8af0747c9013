package extract

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// Key returns the stable key of an entity name: the name folded as the
// search analysis folds words (polish.Fold: lower case, without diacritics,
// ł → l, ø → o, ß → ss), quotation marks dropped, dashes unified with the
// spaces around them removed, whitespace collapsed. Every spelling of one
// canonical name ("Płock", "PŁOCK", "Plock"; "Søren", "Soren") has the
// same key, so that facets, filters and entity pages count them as one.
func Key(name string) string {
	// Most names fit the stack buffer: one allocation, the result.
	var buf [64]byte
	b := polish.AppendFold(buf[:0], name)
	// The rules below only drop bytes or replace a rune by a shorter one,
	// so they rewrite b in place: w never passes the rune being read.
	w := 0
	space := false
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		start := i
		i += size
		switch {
		case isDash(r):
			for w > 0 && b[w-1] == ' ' {
				w--
			}
			b[w] = '-'
			w++
			space = false
			continue
		case isQuote(r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space {
			if w > 0 && b[w-1] != '-' {
				b[w] = ' '
				w++
			}
			space = false
		}
		w += copy(b[w:], b[start:i])
	}
	return string(bytes.Trim(b[:w], " ,;:"))
}

// isQuote reports whether r is a quotation mark or apostrophe, which keys
// leave out.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '`', '„', '”', '“', '«', '»', '‘', '’', '‚':
		return true
	}
	return false
}
