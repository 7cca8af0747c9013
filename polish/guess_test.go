package polish

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestGuessLemmas(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"foreign first name", "Huguesa", "hugues"},
		{"foreign surname", "Labara", "labar"},
		{"dative", "Labarowi", "labar"},
		{"instrumental", "Labarem", "labar"},
		{"locative", "Labarze", "labar"},
		{"feminine genitive", "Pezzy", "pezza"},
		{"adjectival surname", "Nowakowskiego", "nowakowski"},
		{"adjectival surname dative", "Nowakowskiemu", "nowakowski"},
		{"feminine adjectival", "Nowakowskiej", "nowakowska"},
		{"feminine instrumental", "Nowakowską", "nowakowska"},
		{"nominative stays", "Hugues", "hugues"},
		{"place with ó", "Pruszkowa", "pruszków"},
		{"mobile e", "Kwiatka", "kwiatek"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GuessLemmas(tt.in); !slices.Contains(got, tt.want) {
				t.Errorf("GuessLemmas(%q) = %q, want %q among them", tt.in, got, tt.want)
			}
		})
	}
}

func TestGuessLemmasLeavesAlone(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short", "Ewy", "ewy"},
		{"number", "2014", "2014"},
		{"code", "A4b", "a4b"},
		{"acronym", "UMWM", "umwm"},
		{"mixed acronym", "PiS", "pis"},
		{"acronym with ending", "PiS-u", "pis"},
		{"acronym with longer ending", "NATO-wi", "nato"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GuessLemmas(tt.in)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("GuessLemmas(%q) = %q, want [%q]", tt.in, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"adjective", "covidowych", "covid"},
		{"noun", "hejterami", "hejter"},
		{"too short to cut", "kota", "kota"},
		{"keeps three letters", "abca", "abca"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Stem(tt.in); got != tt.want {
				t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzGuessLemmas checks the guarantees of the fallback on any input:
// something comes back, and never an empty or one-letter candidate for a
// word of two letters or more.
func FuzzGuessLemmas(f *testing.F) {
	for _, s := range []string{"Huguesa", "Labarze", "PiS-u", "2014", "ąę", "a", "-", "Ó-ó", "x\u0301y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := GuessLemmas(s)
		if len(got) == 0 {
			t.Fatalf("GuessLemmas(%q) returned nothing", s)
		}
		if utf8.RuneCountInString(s) < 2 {
			return
		}
		for _, g := range got {
			if utf8.RuneCountInString(g) < 2 {
				t.Errorf("GuessLemmas(%q) = %q: candidate %q too short", s, got, g)
			}
		}
	})
}
