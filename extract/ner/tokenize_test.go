package ner

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // tokens joined by |
	}{
		{"words and period", "Jan Kowalski przyjechał.", "Jan|Kowalski|przyjechał|."},
		{"abbreviation", "ul. Długa 5", "ul|.|Długa|5"},
		{"inner dots", "m.in. S.A. www.kronika.pl", "m.in|.|S.A|.|www.kronika.pl"},
		{"numbers", "4,5 mln i 10.000 o 10:30", "4,5|mln|i|10.000|o|10:30"},
		{"comma after number", "5, 6", "5|,|6"},
		{"hyphen between words", "Bielsko-Biała", "Bielsko|-|Biała"},
		{"hyphen after acronym", "PiS-u i SMS-a", "PiS-u|i|SMS-a"},
		{"hyphen with digits", "F-16, 33-letni", "F-16|,|33-letni"},
		{"apostrophe", "Doyle'a O'Neill", "Doyle'a|O'Neill"},
		{"quotes", "„Gazeta Wyborcza”", "„|Gazeta|Wyborcza|”"},
		{"ellipsis", "no... i…", "no|.|.|.|i|…"},
		{"dash", "Kraków – Warszawa", "Kraków|–|Warszawa"},
		{"trailing apostrophe", "chłopców'", "chłopców|'"},
		{"empty", "  ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(texts(Tokenize(tt.in)), "|"); got != tt.want {
				t.Errorf("Tokenize(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // sentences, tokens joined by spaces
	}{
		{"two", "Padało. Potem wyszło słońce.", []string{"Padało .", "Potem wyszło słońce ."}},
		{"initial", "Spotkał J. Kowalskiego. Rozmawiali.", []string{"Spotkał J . Kowalskiego .", "Rozmawiali ."}},
		{"abbreviation", "Mieszka przy ul. Długiej. Jest prof. Nowak.", []string{"Mieszka przy ul . Długiej .", "Jest prof . Nowak ."}},
		{"lowercase after period", "Było ok. pięć osób.", []string{"Było ok . pięć osób ."}},
		{"quote closes", "Powiedział: „Idę.” Wyszedł.", []string{"Powiedział : „ Idę . ”", "Wyszedł ."}},
		{"question", "Kto? Marek!", []string{"Kto ?", "Marek !"}},
		{"line break", "Tytuł\nTekst artykułu", []string{"Tytuł", "Tekst artykułu"}},
		{"no end", "bez kropki", []string{"bez kropki"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tt.in) {
				got = append(got, strings.Join(texts(s), " "))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzTokenize checks that tokens are the text's own bytes, in order,
// without overlap, and cover everything but white space.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Jan Kowalski, prezes PiS-u.", "m.in. 4,5 mln…", "„x” - y", "\xff\xfe.", "a'-.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, tok := range Tokenize(text) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) || text[tok.Start:tok.End] != tok.Text {
				t.Fatalf("bad token %+v after offset %d in %q", tok, prev, text)
			}
			if strings.TrimFunc(text[prev:tok.Start], unicode.IsSpace) != "" {
				t.Fatalf("text %q between tokens dropped in %q", text[prev:tok.Start], text)
			}
			prev = tok.End
		}
		if strings.TrimFunc(text[prev:], unicode.IsSpace) != "" {
			t.Fatalf("tail %q dropped in %q", text[prev:], text)
		}
		n := 0
		for _, s := range Sentences(text) {
			if len(s) == 0 {
				t.Fatalf("empty sentence in %q", text)
			}
			n += len(s)
		}
		if n != len(Tokenize(text)) {
			t.Fatalf("sentences hold %d tokens, want %d", n, len(Tokenize(text)))
		}
	})
}
