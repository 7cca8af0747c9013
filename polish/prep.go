package polish

import (
	"strings"
	"unicode/utf8"
)

// LocativePreposition returns the form of "w" that goes before a noun in
// the locative: "we" before w or f and a consonant (we Wrocławiu, we
// Francji), else "w" (w Warszawie, w Płocku).
func LocativePreposition(noun string) string {
	first, n := utf8.DecodeRuneInString(noun)
	second, _ := utf8.DecodeRuneInString(noun[n:])
	if strings.ContainsRune("WwFf", first) && second != utf8.RuneError && !strings.ContainsRune("aąeęioóuyAĄEĘIOÓUY", second) {
		return "we"
	}
	return "w"
}
