package analysis

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func TestTokenizer(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"words", "Wizyta w Płocku.", []string{"Wizyta", "w", "Płocku"}},
		{"code", "Park (PPP-T) działa", []string{"Park", "PPP-T", "działa"}},
		{"code with digits", "COVID-19 i A4", []string{"COVID-19", "i", "A4"}},
		{"acronym ending", "posłowie PiS-u i NATO-wi", []string{"posłowie", "PiS-u", "i", "NATO-wi"}},
		{"dotted abbreviation", "spółka S.A. i S.A oraz p.n.e.", []string{"spółka", "S.A.", "i", "S.A.", "oraz", "p.n.e."}},
		{"split compound", "Przemysłowo-Technologicznego", []string{"Przemysłowo", "Technologicznego"}},
		{"one-letter part", "e-sporcie i G-Star", []string{"e-sporcie", "i", "G-Star"}},
		{"numbers", "2014, 08.01.2015 o 13:52 (4,5 mln)", []string{"2014", "08.01.2015", "o", "13:52", "4,5", "mln"}},
		{"range", "18-19 grudnia", []string{"18", "19", "grudnia"}},
		{"apostrophe", "Joanna d'Arc i O’Neill", []string{"Joanna", "d'Arc", "i", "O’Neill"}},
		{"initial", "A.Kowalski", []string{"A", "Kowalski"}},
		{"glued sentences", "parku.Ponadto", []string{"parku", "Ponadto"}},
		{"empty", " .,- ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range (Tokenizer{}).Tokenize([]byte(tt.in)) {
				got = append(got, string(tok.Term))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizerOffsets(t *testing.T) {
	in := "Żółw S.A. idzie"
	for i, tok := range (Tokenizer{}).Tokenize([]byte(in)) {
		if tok.Position != i+1 {
			t.Errorf("token %d position = %d, want %d", i, tok.Position, i+1)
		}
		if got := in[tok.Start:tok.End]; got != string(tok.Term) && got != "S.A." {
			t.Errorf("token %d covers %q, want %q", i, got, tok.Term)
		}
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{"PPP-T", "S.A", "a.b.c", "13:52", "x-", "-x", "ą'ę", "1.2.", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, tok := range (Tokenizer{}).Tokenize([]byte(s)) {
			if tok.Start < last || tok.End > len(s) || tok.Start >= tok.End || len(tok.Term) == 0 {
				t.Fatalf("Tokenize(%q): bad token %v", s, tok)
			}
			last = tok.End
		}
	})
}

func TestTokenType(t *testing.T) {
	tests := []struct {
		name, in string
		want     analysis.TokenType
	}{
		{"word", "wizyta", analysis.AlphaNumeric},
		{"polish word", "źdźbło", analysis.AlphaNumeric},
		{"year", "2014", analysis.Numeric},
		{"date", "08.01.2015", analysis.Numeric},
		{"decimal", "4,5", analysis.Numeric},
		{"letter and digit", "A4", analysis.AlphaNumeric},
		{"code", "COVID-19", analysis.AlphaNumeric},
		{"arabic-indic digits", "١٢٣", analysis.Numeric},
		{"polish letter and digit", "ł1", analysis.AlphaNumeric},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokenType([]byte(tt.in)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
