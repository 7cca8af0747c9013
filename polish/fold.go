package polish

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and removes diacritics: the Polish ą ć ę ł ń ó ś ź ż
// become a c e l n o s z z, and other Latin letters lose their marks too
// (é→e, ü→u, ø→o, ß→ss, ĳ→ij). Input in NFD or NFC folds alike. Letters of
// other scripts are only lowercased, their marks kept (й stays й).
//
// Fold is the one folding of letters in Kronika: the search analysis
// folds words with it and extract.Key folds entity names with it
// (through AppendFold), so that a name typed without diacritics finds
// the same documents as a filter and as a query.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	return string(AppendFold(make([]byte, 0, len(s)), s))
}

// AppendFold appends Fold(s) to dst and returns the extended buffer, for
// callers that go on rewriting the folded text and would otherwise copy
// it once more.
func AppendFold(dst []byte, s string) []byte {
	start := len(dst)
	var st foldState
	// ASCII and Polish letters, the common runes, are folded inline and
	// leave st.latin stale: before any other rune it is worked out again
	// from the last byte appended since slowEnd (a to z after a letter).
	slowEnd := start
	for i, r := range s {
		if r < utf8.RuneSelf {
			dst = append(dst, lowerASCII(byte(r)))
			continue
		}
		if b := polishBase(r); b != 0 {
			dst = append(dst, b)
			continue
		}
		if n := len(dst); n != slowEnd {
			st.latin = 'a' <= dst[n-1] && dst[n-1] <= 'z'
		}
		switch {
		case r == utf8.RuneError:
			// Not UTF-8 (or U+FFFD itself): nothing to decompose.
			dst = st.appendRune(dst, r)
		case isHangul(r):
			// Decomposed by rule, so not in the tables of Properties.
			dst = st.appendDecomposed(dst, norm.NFD.String(string(r)))
		default:
			letter := s[i : i+utf8.RuneLen(r)]
			if d := norm.NFD.PropertiesString(letter).Decomposition(); d != nil {
				dst = st.appendDecomposed(dst, string(d))
			} else {
				dst = st.appendRune(dst, r)
			}
		}
		slowEnd = len(dst)
	}
	if st.kept {
		// Marks of other scripts stay, recomposed; through a string, so
		// that dst does not escape into norm.
		return append(dst[:start], norm.NFC.String(string(dst[start:]))...)
	}
	return dst
}

// foldState folds text as if it were in NFD, one rune of the
// decomposition at a time: marks after a Latin letter are dropped, marks
// after anything else kept (and then the whole folding recomposed).
type foldState struct {
	latin bool // the last rune that is not a mark is a Latin letter
	kept  bool // a mark was kept
}

// appendDecomposed folds the runes of a canonical decomposition.
func (st *foldState) appendDecomposed(dst []byte, d string) []byte {
	for _, r := range d {
		dst = st.appendRune(dst, r)
	}
	return dst
}

// appendRune folds one rune of decomposed text.
func (st *foldState) appendRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		c := lowerASCII(byte(r))
		st.latin = 'a' <= c && c <= 'z'
		return append(dst, c)
	}
	if unicode.Is(unicode.Mn, r) {
		if st.latin {
			return dst
		}
		st.kept = true
		return utf8.AppendRune(dst, r)
	}
	st.latin = unicode.Is(unicode.Latin, r)
	if f, ok := foldSpecial(r); ok {
		return append(dst, f...)
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// isHangul reports whether r is a precomposed Hangul syllable, which
// Unicode decomposes by rule and norm's tables do not list.
func isHangul(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// foldSpecial covers letters whose diacritic is not a combining mark in
// Unicode decomposition, so NFD leaves them whole.
func foldSpecial(r rune) (string, bool) {
	switch r {
	case 'ł', 'Ł', 'ŀ', 'Ŀ':
		return "l", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'ø', 'Ø':
		return "o", true
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ĳ', 'Ĳ':
		return "ij", true
	case 'ı':
		return "i", true
	case 'ħ', 'Ħ':
		return "h", true
	case 'ŧ', 'Ŧ':
		return "t", true
	case 'þ', 'Þ':
		return "th", true
	}
	return "", false
}

// polishBase gives the base letter of a Polish letter with a diacritic,
// 0 for any other rune.
func polishBase(r rune) byte {
	switch r {
	case 'ą', 'Ą':
		return 'a'
	case 'ć', 'Ć':
		return 'c'
	case 'ę', 'Ę':
		return 'e'
	case 'ł', 'Ł':
		return 'l'
	case 'ń', 'Ń':
		return 'n'
	case 'ó', 'Ó':
		return 'o'
	case 'ś', 'Ś':
		return 's'
	case 'ź', 'Ź', 'ż', 'Ż':
		return 'z'
	}
	return 0
}
