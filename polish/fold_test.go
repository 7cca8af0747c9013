package polish

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "Plock", "plock"},
		{"polish lower", "zażółć gęślą jaźń", "zazolc gesla jazn"},
		{"polish upper", "ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "zazolc gesla jazn"},
		{"l stroke", "Łódź", "lodz"},
		{"nfd input", "Pło\u0301ck", "plock"},
		{"other latin", "Ørsted Straße Škoda café Œuvre", "orsted strasse skoda cafe oeuvre"},
		{"ij ligature", "Ĳsselmeer ĳs", "ijsselmeer ijs"},
		{"other scripts", "Київ", "київ"},
		{"other scripts nfd", "Киі\u0308в", "київ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAppendFold(t *testing.T) {
	tests := []struct {
		name, dst, in, want string
	}{
		{"empty", "", "", ""},
		{"ascii", "key:", "Plock", "key:plock"},
		{"polish", "key:", "PŁOCK", "key:plock"},
		{"other latin", "key:", "Søren Straße", "key:soren strasse"},
		{"nfd", "key:", "Pło\u0301ck", "key:plock"},
		{"other scripts nfd", "key:", "Киі\u0308в", "key:київ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(AppendFold([]byte(tt.dst), tt.in)); got != tt.want {
				t.Errorf("AppendFold(%q, %q) = %q, want %q", tt.dst, tt.in, got, tt.want)
			}
		})
	}
}

// foldNFD is Fold as its documentation says, through the whole string's
// decomposition by the norm package: the reference the rune-by-rune
// AppendFold is checked against.
func foldNFD(s string) string {
	var b strings.Builder
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
		return norm.NFC.String(b.String())
	}
	return b.String()
}

// TestFoldRunes checks the fold of every rune against foldNFD.
func TestFoldRunes(t *testing.T) {
	var dst []byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		dst = AppendFold(dst[:0], s)
		if want := foldNFD(s); string(dst) != want {
			t.Errorf("AppendFold(%q) (%U) = %q, want %q", s, r, dst, want)
		}
	}
}

// TestFoldRandom checks the fold of random strings of letters, marks in
// and out of canonical order, punctuation and bytes that are not UTF-8
// against foldNFD.
func TestFoldRandom(t *testing.T) {
	alphabet := []string{"a", "Z", "0", " ", "-", ",", "ą", "Ć", "ę", "Ł", "ń", "Ó", "ś", "Ź", "ż",
		"ø", "Ø", "ß", "ẞ", "đ", "Ð", "æ", "Œ", "þ", "Ħ", "ĳ", "ı", "ŀ", "é", "Ü", "Å", "İ", "ǅ", "Ǻ",
		"\u0301", "\u0308", "\u0328", "\u0323", "\u0344", "\u0903", "\u00a0", "\u2000", "–", "„", "«", "…",
		"α", "Ά", "Σ", "ῡ", "К", "и", "ї", "Й", "日", "한", "\u1100", "\u1161", "\xff", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	for range 50000 {
		b.Reset()
		for range rng.IntN(8) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := Fold(s), foldNFD(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
