package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key returns the stable key of an entity name: lower case, without
// diacritics (ł → l), quotation marks dropped, dashes unified with the
// spaces around them removed, whitespace collapsed. Every spelling of one
// canonical name ("Płock", "PŁOCK", "Plock") has the same key, so that
// facets and entity pages count them as one.
func Key(name string) string {
	s := norm.NFD.String(name)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ł' || r == 'Ł':
			r = 'l'
		case isDash(r):
			// drop the space before a dash and skip the one after
			out := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(out)
			b.WriteByte('-')
			space = false
			continue
		case strings.ContainsRune("\"„”“«»‘’‚`'", r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte(' ')
			}
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Trim(b.String(), " ,;:")
}
