package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kronika/kronika/polish"
)

// TestKeyFoldsLetters checks that a name written with letters of other
// languages has the key of its plain spelling, as polish.Fold (the search
// analysis) folds it: a filter person=Soren Kierkegaard must find the
// article naming Søren Kierkegaard that q=Soren finds. Names with no plain
// spelling (Greek, Cyrillic) are only lowercased, their marks kept, the
// same in NFC and NFD.
func TestKeyFoldsLetters(t *testing.T) {
	tests := []struct {
		name, in, same, want string
	}{
		{"o slash", "Søren Kierkegaard", "Soren Kierkegaard", "soren kierkegaard"},
		{"capital o slash", "ØRSTED", "Orsted", "orsted"},
		{"sharp s", "Straße", "Strasse", "strasse"},
		{"capital sharp s", "STRAẞE", "Strasse", "strasse"},
		{"d stroke", "Đorđe Đorđević", "Dorde Dordevic", "dorde dordevic"},
		{"eth", "Ðakovo", "Dakovo", "dakovo"},
		{"ae", "Æsop", "Aesop", "aesop"},
		{"oe", "Œuvre", "Oeuvre", "oeuvre"},
		{"thorn", "Þór", "Thor", "thor"},
		{"h stroke", "Ħamrun", "Hamrun", "hamrun"},
		{"dotless i", "Kırklareli", "Kirklareli", "kirklareli"},
		{"ij", "Ĳsselmeer", "IJsselmeer", "ijsselmeer"},
		{"polish", "Łódź", "Lodz", "lodz"},
		{"polish capitals", "ŁÓDŹ", "Lodz", "lodz"},
		{"polish nfd", "Ło\u0301dz\u0301", "Lodz", "lodz"},
		{"umlaut and acute", "Müller café", "Muller cafe", "muller cafe"},
		{"umlaut nfd", "Mu\u0308ller", "Muller", "muller"},
		{"greek", "Κωνσταντίνος Καβάφης", "Κωνσταντι\u0301νος Καβα\u0301φης", "κωνσταντίνος καβάφης"},
		{"cyrillic", "Володимир Зеленський", "ВОЛОДИМИР ЗЕЛЕНСЬКИЙ", "володимир зеленський"},
		{"cyrillic marks kept", "Київ", "Киі\u0308в", "київ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.in); got != tt.want {
				t.Errorf("Key(%q): got %q, want %q", tt.in, got, tt.want)
			}
			if got := Key(tt.same); got != tt.want {
				t.Errorf("Key(%q): got %q, want %q", tt.same, got, tt.want)
			}
		})
	}
}

// keyAlphabet mixes what names are made of with what Key must drop or
// unify: letters of many kinds, combining marks, dashes, quotes, spaces
// and trimmed punctuation.
var keyAlphabet = []rune("aZ0 \t\n\u00a0\u2003-–—‐−\"„”“«»‘’‚`',;:.()" +
	"ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" + "øØßẞđĐðÐæÆœŒþÞħĦĳĲıŀŧ" + "éüÅçİǅ" +
	"\u0301\u0308\u0328\u0307" + "αΆΣςКиїЙ" + "日ㄱ")

// keyOfFolded is Key's rules written plainly, applied to text folded
// already: quotes dropped, dashes unified without the spaces around them,
// whitespace collapsed, ends trimmed.
func keyOfFolded(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune("\"„”“«»‘’‚`'", r):
			return -1
		case isDash(r):
			return '-'
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(strings.ReplaceAll(s, " -", "-"), "- ", "-")
	return strings.Trim(s, " ,;:")
}

// TestKeyIsFold checks on random strings that Key is polish.Fold followed
// by Key's own rules for quotes, dashes and spaces, so that keys and the
// search analysis can never fold a letter differently.
func TestKeyIsFold(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 20000 {
		b.Reset()
		for range rng.IntN(12) {
			b.WriteRune(keyAlphabet[rng.IntN(len(keyAlphabet))])
		}
		s := b.String()
		if got, want := Key(s), keyOfFolded(polish.Fold(s)); got != want {
			t.Fatalf("Key(%q): got %q, want %q", s, got, want)
		}
	}
}
