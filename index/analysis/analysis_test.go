package analysis

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func terms(t *testing.T, analyzer, text string) []string {
	t.Helper()
	ts, err := Terms(analyzer, text)
	if err != nil {
		t.Fatalf("Terms(%q, %q): %v", analyzer, text, err)
	}
	out := make([]string, len(ts))
	for i, x := range ts {
		out[i] = x.Term
	}
	return out
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name, analyzer, in string
		want               []string
	}{
		{"lemma", Lemma, "wizyty", []string{"wizyta"}},
		{"stopwords", Lemma, "w Płocku i", []string{"płock", "płocki"}},
		{"acronym is no stopword", Lemma, "PO", []string{"po"}},
		{"number", Lemma, "2014", []string{"2014"}},
		{"date", Lemma, "08.01.2015", []string{"08.01.2015"}},
		{"code", Lemma, "PPP-T", []string{"ppp-t"}},
		{"abbreviation", Lemma, "S.A.", []string{"s.a."}},
		{"acronym with ending", Lemma, "PiS-u", []string{"pis"}},
		{"folded", Folded, "Płocku", []string{"plock", "plocki"}},
		{"folded query", Folded, "Plocku", []string{"plock", "plocki"}},
		{"exact", Exact, "W Płocku", []string{"w", "płocku"}},
		{"stempel", Stempel, "wizyty", []string{"wizyzić"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terms(t, tt.analyzer, tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q, %q) = %q, want %q", tt.analyzer, tt.in, got, tt.want)
			}
		})
	}
}

func TestTermsContain(t *testing.T) {
	tests := []struct {
		name, analyzer, in, want string
	}{
		{"name genitive", Lemma, "Labara", "labar"},
		{"foreign first name", Lemma, "Huguesa", "hugues"},
		{"unknown surname", Lemma, "Pezzy", "pezza"},
		{"compound part", Lemma, "biało-czerwony", "biały"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terms(t, tt.analyzer, tt.in); !slices.Contains(got, tt.want) {
				t.Errorf("Terms(%q, %q) = %q, want %q among them", tt.analyzer, tt.in, got, tt.want)
			}
		})
	}
}

// TestNoShortTerms checks that no word of two or more letters becomes an
// empty or one-letter term, which would match unrelated words.
func TestNoShortTerms(t *testing.T) {
	text := "sok mąż osiedle Londyn wiza ul. im. tys. proc. e-mail G-Star PiS-u Ż A4 " +
		"Huguesa Labara Pezzy Kowalskiej zrobiliśmy najlepszych"
	for _, a := range []string{Lemma, Folded, Exact} {
		ts, err := Terms(a, text)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ts {
			word := text[x.Start:x.End]
			if len([]rune(word)) >= 2 && len([]rune(x.Term)) < 2 {
				t.Errorf("%s: %q gave term %q", a, word, x.Term)
			}
		}
	}
}

func TestTermsPositions(t *testing.T) {
	ts, err := Terms(Lemma, "lata Płocku")
	if err != nil {
		t.Fatal(err)
	}
	pos := map[int][]string{}
	for _, x := range ts {
		pos[x.Position] = append(pos[x.Position], x.Term)
	}
	if !slices.Contains(pos[1], "rok") || !slices.Contains(pos[1], "lato") || !slices.Contains(pos[2], "płock") {
		t.Errorf("positions = %v, want rok and lato at 1, płock at 2", pos)
	}
}

func TestTermsUnknownAnalyzer(t *testing.T) {
	if _, err := Terms("nope", "tekst"); err == nil || !strings.Contains(err.Error(), "unknown analyzer") {
		t.Errorf("Terms(nope) error = %v, want unknown analyzer", err)
	}
}

func ExampleTerms() {
	ts, _ := Terms(Lemma, "Wizyta pana Huguesa Labara w Płocku")
	for _, t := range ts {
		fmt.Println(t.Position, t.Term)
	}
	// Output:
	// 1 wizyta
	// 2 pan
	// 3 hugues
	// 4 labarum
	// 4 labar
	// 4 labara
	// 6 płock
	// 6 płocki
}
