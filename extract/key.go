package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key returns the stable key of an entity name: lower case, without
// diacritics (ł → l), quotation marks dropped, dashes unified with the
// spaces around them removed, whitespace collapsed. Every spelling of one
// canonical name ("Płock", "PŁOCK", "Plock") has the same key, so that
// facets and entity pages count them as one.
func Key(name string) string {
	b := make([]byte, 0, len(name))
	space := false
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf:
		case unicode.Is(unicode.Mn, r):
			continue
		default:
			r = baseLetter(r)
		}
		switch {
		case isDash(r):
			for len(b) > 0 && b[len(b)-1] == ' ' {
				b = b[:len(b)-1]
			}
			b = append(b, '-')
			space = false
			continue
		case strings.ContainsRune("\"„”“«»‘’‚`'", r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space {
			if len(b) > 0 && b[len(b)-1] != '-' {
				b = append(b, ' ')
			}
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return strings.Trim(string(b), " ,;:")
}

// polishBase gives the base letters of the Polish letters with
// diacritics, the common case, without a Unicode decomposition.
var polishBase = map[rune]rune{
	'ą': 'a', 'ć': 'c', 'ę': 'e', 'ł': 'l', 'ń': 'n', 'ó': 'o', 'ś': 's', 'ź': 'z', 'ż': 'z',
	'Ą': 'A', 'Ć': 'C', 'Ę': 'E', 'Ł': 'L', 'Ń': 'N', 'Ó': 'O', 'Ś': 'S', 'Ź': 'Z', 'Ż': 'Z',
}

// baseLetter strips the diacritics of one letter (é → e, ł → l).
func baseLetter(r rune) rune {
	if b, ok := polishBase[r]; ok {
		return b
	}
	d := norm.NFD.String(string(r))
	if first, _ := utf8.DecodeRuneInString(d); first != utf8.RuneError {
		return first
	}
	return r
}
