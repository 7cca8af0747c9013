package polish

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and removes diacritics: the Polish ą ć ę ł ń ó ś ź ż
// become a c e l n o s z z, and other Latin letters lose their marks too
// (é→e, ü→u, ø→o, ß→ss). Input in NFD or NFC folds alike. Letters of other
// scripts are only lowercased.
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
	if f, ok := foldFast(s); ok {
		return f
	}
	var b strings.Builder
	b.Grow(len(s))
	latin, kept := false, false
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			if !latin {
				b.WriteRune(r)
				kept = true
			}
			continue
		}
		latin = unicode.Is(unicode.Latin, r)
		if f, ok := foldSpecial(r); ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if kept {
		// Marks of other scripts stay, recomposed.
		return norm.NFC.String(b.String())
	}
	return b.String()
}

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

// foldFast folds text whose only non-ASCII letters are Polish ones, the
// common case, without normalising it; ok is false for anything else.
func foldFast(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		case r == 'ą' || r == 'Ą':
			r = 'a'
		case r == 'ć' || r == 'Ć':
			r = 'c'
		case r == 'ę' || r == 'Ę':
			r = 'e'
		case r == 'ł' || r == 'Ł':
			r = 'l'
		case r == 'ń' || r == 'Ń':
			r = 'n'
		case r == 'ó' || r == 'Ó':
			r = 'o'
		case r == 'ś' || r == 'Ś':
			r = 's'
		case r == 'ź' || r == 'Ź' || r == 'ż' || r == 'Ż':
			r = 'z'
		default:
			return "", false
		}
		b = append(b, byte(r))
	}
	return string(b), true
}
