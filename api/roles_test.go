package api

import (
	"testing"

	"github.com/kronika/kronika/news"
)

// TestCleanRole has a row for the example of every rule of roleRules
// and rows for what must stay as it is.
func TestCleanRole(t *testing.T) {
	tests := []struct {
		rule, in, want string
	}{
		{"sentence end", "Dyrektor Departamentu Gospodarki. Według", "dyrektor Departamentu Gospodarki"},
		{"sentence end", "dyrektor departamentu.", "dyrektor departamentu"},
		{"sentence end", "Prorektor Politechniki Warszawskiej ds. Filii w Płocku", "prorektor Politechniki Warszawskiej ds. Filii w Płocku"},
		{"sentence end", "prezes Agencji Rozwoju Mazowsza S.A. Według niego", "prezes Agencji Rozwoju Mazowsza S.A."},
		{"clause punctuation", "prezes fundacji, który", "prezes fundacji"},
		{"clause punctuation", "wójt gminy – jak mówi", "wójt gminy"},
		{"clause punctuation", "sołtys (od 2010 r.)", "sołtys"},
		{"verb or relative word", "Sekretarz Związku została", "sekretarz Związku"},
		{"verb or relative word", "prezes spółki który odwiedził", "prezes spółki"},
		{"dangling word", "dyrektor w", "dyrektor"},
		{"dangling word", "kierownik działu i", "kierownik działu"},
		{"cut abbreviation", "prezes Agencji Rozwoju Mazowsza S", "prezes Agencji Rozwoju Mazowsza S.A."},
		{"cut abbreviation", "prezes spółki Laboratoria Nadwiślańskie sp", "prezes spółki Laboratoria Nadwiślańskie sp. z o.o."},
		{"length", "członek zarządu komisji do spraw rozwoju obszarów wiejskich gospodarki wodnej rybactwa śródlądowego ochrony środowiska naturalnego",
			"członek zarządu komisji do spraw rozwoju obszarów wiejskich gospodarki wodnej rybactwa śródlądowego…"},
		{"kept", "wiceprzewodnicząca Metropolii Lyonu odpowiedzialna za rozwój gospodarczy", "wiceprzewodnicząca Metropolii Lyonu odpowiedzialna za rozwój gospodarczy"},
		{"kept", "Prezes ARM", "prezes ARM"},
		{"kept", "ARM", "ARM"},
		{"kept", "  ", ""},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.rule] = true
		if got := cleanRole(tt.in); got != tt.want {
			t.Errorf("%s: cleanRole(%q) = %q, want %q", tt.rule, tt.in, got, tt.want)
		}
	}
	for _, r := range roleRules {
		if !tested[r.name] {
			t.Errorf("rule %q has no test row", r.name)
		}
		if r.trim(r.example) == r.example {
			t.Errorf("rule %q leaves its own example %q as it is", r.name, r.example)
		}
	}
}

func TestRoleInstitution(t *testing.T) {
	insts := []news.Institution{
		{Name: "Urząd Marszałkowski Województwa Mazowieckiego", Acronym: "UMWM", Mentions: []string{"Urzędu Marszałkowskiego Województwa Mazowieckiego"}},
		{Name: "Agencja Rozwoju Mazowsza S.A.", Acronym: "ARM", Mentions: []string{"Agencji Rozwoju Mazowsza"}},
		{Name: "Urząd", Mentions: []string{"Urzędu"}},
	}
	tests := []struct{ role, want string }{
		{"dyrektor Departamentu Gospodarki Urzędu Marszałkowskiego Województwa Mazowieckiego", "Urząd Marszałkowski Województwa Mazowieckiego"},
		{"prezes ARM", "Agencja Rozwoju Mazowsza S.A."},
		{"prezes Agencji Rozwoju Mazowsza S.A.", "Agencja Rozwoju Mazowsza S.A."},
		{"kierownik Urzędu", "Urząd"},
		{"wójt gminy", ""},
		{"farmer", ""},
	}
	for _, tt := range tests {
		got, _ := roleInstitution(tt.role, insts)
		if got.Name != tt.want {
			t.Errorf("roleInstitution(%q) = %q, want %q", tt.role, got.Name, tt.want)
		}
	}
}
