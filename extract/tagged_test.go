package extract

import (
	"strings"
	"testing"

	"github.com/kronika/kronika/polish"
)

// TestTaggedNames runs the default extractor, rules and tagger together,
// over the cases the tagger is there for: people named by surname alone,
// foreign names, organisations without a head noun, and the names the
// merge must leave out.
func TestTaggedNames(t *testing.T) {
	tests := []struct {
		name                  string
		in                    string
		people, insts, places string // canonical names joined by "; "
	}{
		{"surname alone", "Wcześniej Trumpa krytykowano w Kongresie. Trump odpowiedział.", "Trump", "", ""},
		{"surname alone after a function", "Wczoraj prezydenta Dudy nie było w Warszawie. Według Tuska to błąd.", "Duda; Tusk", "", "Warszawa"},
		{"foreign given name kept whole", "Przemówienie Marka Hendersona w parlamencie.", "Mark Henderson", "", ""},
		{"foreign surname without mobile e", "Spotkanie Neila Kinnocka z wyborcami.", "Neil Kinnock", "", ""},
		{"apostrophe endings", "Wywiad z Arthurem Conanem Doyle'em. Powieści Doyle'a czytają wszyscy.", "Arthur Conan Doyle", "", ""},
		{"participle in a name", "Posiedzenie Komitetu Sterującego odbyło się w poniedziałek.", "", "Komitet Sterujący", ""},
		{"plural country names", "Delegacja Stanów Zjednoczonych przyleciała do Niemiec, a potem do Węgier i Czech.", "", "", "Stany Zjednoczone; Niemcy; Węgry; Czechy"},
		{"clubs without a head noun", "Stal Mielec pokonała Legię Warszawa 2:1.", "", "Stal Mielec; Legia Warszawa", ""},
		{"title in quotes is no person", "Muzeum zaprasza na wystawę „Wyspiański” od 5 października.", "", "", ""},
		{"adjective of a function is no person", "Wojewoda Lubelski Lech Sprawka otworzył obrady.", "Lech Sprawka", "", ""},
		{"unknown plural place from its locative", "Rozmawiano o przejściach granicznych w Krościenku i Malhowicach.", "", "", "Krościenko; Malhowice"},
	}
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := x.Extract(tt.in, nil)
			for _, c := range []struct {
				what, got, want string
			}{
				{"people", strings.Join(ex.PersonNames(), "; "), tt.people},
				{"institutions", strings.Join(ex.InstitutionNames(), "; "), tt.insts},
				{"places", strings.Join(ex.PlaceNames(), "; "), tt.places},
			} {
				if c.got != c.want {
					t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

// TestWithoutTagger checks that the rules alone leave out what only the
// tagger finds.
func TestWithoutTagger(t *testing.T) {
	x, err := New(WithoutTagger())
	if err != nil {
		t.Fatal(err)
	}
	ex := x.Extract("Wcześniej Trumpa krytykowano w Kongresie. Stal Mielec pokonała Legię Warszawa 2:1.", nil)
	if got := strings.Join(append(ex.PersonNames(), ex.InstitutionNames()...), "; "); got != "" {
		t.Errorf("got %q, want %q", got, "")
	}
}

func TestAcronymStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ZUS-u", "ZUS"},
		{"PSL-em", "PSL"},
		{"MOSiRu", "MOSiR"},
		{"NATO-wi", "NATO"},
		{"PiS", "PiS"},
		{"UMWM", "UMWM"},
		{"W-M", "W-M"},
	}
	for _, tt := range tests {
		if got := acronymStem(tt.in); got != tt.want {
			t.Errorf("acronymStem(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAdjectiveForm(t *testing.T) {
	tests := []struct {
		lemma  string
		gender polish.Gender
		plural bool
		want   string
	}{
		{"zachodni", polish.Masculine, false, "zachodni"},
		{"zachodni", polish.F, false, "zachodnia"},
		{"polski", polish.F, false, "polska"},
		{"polski", polish.N, false, "polskie"},
		{"zjednoczony", polish.Masculine, true, "zjednoczone"},
		{"nowy", polish.F, false, "nowa"},
	}
	for _, tt := range tests {
		if got := adjectiveForm(tt.lemma, tt.gender, tt.plural); got != tt.want {
			t.Errorf("adjectiveForm(%q, %v, %v): got %q, want %q", tt.lemma, tt.gender, tt.plural, got, tt.want)
		}
	}
}

func TestGuessNounNominative(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Microsoftu", "Microsoft"},
		{"Orlenem", "Orlen"},
		{"Legii", "Legia"},
		{"Resovią", "Resovia"},
		{"Google", "Google"},
		{"Volvo", "Volvo"},
	}
	for _, tt := range tests {
		if got := guessNounNominative(tt.in); got != tt.want {
			t.Errorf("guessNounNominative(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMascGenitiveSurname(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"kaczyńskiego", true},
		{"kubicy", true},
		{"moniuszki", true},
		{"wałęsę", true},
		{"stalina", true},
		{"romneya", true},
		{"kowalska", false},
		{"kowalski", false},
		{"szadurscy", false},
		{"nowak", false},
	}
	for _, tt := range tests {
		if got := mascGenitiveSurname(tt.in); got != tt.want {
			t.Errorf("mascGenitiveSurname(%q): got %v, want %v", tt.in, got, tt.want)
		}
	}
}
