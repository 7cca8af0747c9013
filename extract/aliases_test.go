package extract

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadAliases(t *testing.T) {
	a, err := LoadAliases(filepath.Join("testdata", "aliases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, typ, in, want string
	}{
		{"acronym", "institution", "UMWM", "Urząd Marszałkowski Województwa Mazowieckiego"},
		{"variant without diacritics", "institution", "urzad marszalkowski wm", "Urząd Marszałkowski Województwa Mazowieckiego"},
		{"canonical maps to itself", "institution", "Urząd Marszałkowski Województwa Mazowieckiego", "Urząd Marszałkowski Województwa Mazowieckiego"},
		{"person", "person", "Huges Labar", "Hugues Labar"},
		{"place", "place", "LEIDEN", "Lejda"},
		{"other type does not match", "person", "UMWM", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := a.Canonical(tt.typ, tt.in)
			if got != tt.want {
				t.Errorf("Canonical(%q, %q): got %q, want %q", tt.typ, tt.in, got, tt.want)
			}
		})
	}
}

func TestParseAliasesErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the start of the error
	}{
		{"line before section", "A = B\n", "aliases.txt:1: alias line before any"},
		{"unknown section", "# c\n[things]\n", "aliases.txt:2: unknown section"},
		{"unclosed section", "[person\n", "aliases.txt:1: section header"},
		{"no equals sign", "[place]\nLejda Leiden\n", "aliases.txt:2: want"},
		{"variant of two names", "[place]\nLejda = Leiden\nLeiden = Leiden\n", "aliases.txt:3: \"Leiden\" is already"},
		{"variant claimed twice", "[place]\nLejda = Leiden\nLeida = Leiden\n", "aliases.txt:3: variant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAliases(strings.NewReader(tt.in), "aliases.txt")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("ParseAliases(%q): got error %v, want one starting %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestExtractWithAliases(t *testing.T) {
	a, err := ParseAliases(strings.NewReader("[institution]\nUrząd Marszałkowski Województwa Mazowieckiego = UMWM\n[place]\nLejda = Leiden\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(WithAliases(a))
	if err != nil {
		t.Fatal(err)
	}
	ex := x.Extract("Spotkanie w siedzibie UMWM. Goście pojechali do Leiden i do Lejdy.", nil)
	if got, want := strings.Join(ex.InstitutionNames(), "; "), "Urząd Marszałkowski Województwa Mazowieckiego"; got != want {
		t.Errorf("institutions: got %q, want %q", got, want)
	}
	if len(ex.Institutions) == 1 && ex.Institutions[0].Acronym != "UMWM" {
		t.Errorf("acronym: got %q, want %q", ex.Institutions[0].Acronym, "UMWM")
	}
	if got, want := strings.Join(ex.PlaceNames(), "; "), "Lejda"; got != want {
		t.Errorf("places: got %q, want %q", got, want)
	}
}
