package extract

import (
	"slices"
	"testing"

	"github.com/kronika/kronika/news"
)

// ruleRow is one row of a rule table: a rule, its example, and the
// canonical name of an entity the example gives ("" when the rule
// refuses the only candidate and the example gives none).
type ruleRow struct {
	rule, in, want string
}

// testRules runs the rules alone over each row's example and checks that
// the row's rule decided somewhere in it and that the entities of the
// kind the table is about include the wanted one (or, for "", that there
// are none); a rule of names without a row, or a row of a rule not in
// names, fails.
func testRules(t *testing.T, table string, names []string, rows []ruleRow, kind string) {
	t.Helper()
	x, err := New(WithoutTagger())
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, tt := range rows {
		tested[tt.rule] = true
		if !slices.Contains(names, tt.rule) {
			t.Errorf("row of %s: no rule %s", table, tt.rule)
		}
		t.Run(tt.rule, func(t *testing.T) {
			fired := false
			ex := x.extract(tt.in, nil, func(r string) { fired = fired || r == tt.rule })
			if !fired {
				t.Errorf("rule %s did not decide on %q", tt.rule, tt.in)
			}
			got := entityNames(ex, kind)
			if tt.want == "" && len(got) > 0 {
				t.Errorf("rule %s on %q: got %q, want none", tt.rule, tt.in, got)
			}
			if tt.want != "" && !slices.Contains(got, tt.want) {
				t.Errorf("rule %s on %q: got %q, want %q among them", tt.rule, tt.in, got, tt.want)
			}
		})
	}
	seen := map[string]bool{}
	for _, name := range names {
		if !tested[name] {
			t.Errorf("rule %s has no row in the table of %s", name, table)
		}
		if seen[name] {
			t.Errorf("rule name %s used twice in %s", name, table)
		}
		seen[name] = true
	}
}

// entityNames gives the canonical names of the people, institutions or
// places found.
func entityNames(ex news.Extraction, kind string) []string {
	var out []string
	switch kind {
	case "people":
		for _, e := range ex.People {
			out = append(out, e.Name)
		}
	case "institutions":
		for _, e := range ex.Institutions {
			out = append(out, e.Name)
		}
	case "places":
		for _, e := range ex.Places {
			out = append(out, e.Name)
		}
	}
	return out
}

// namesOf lists the names of the rules of a list, in order.
func namesOf[R any](rules []R, name func(R) string) []string {
	out := make([]string, 0, len(rules))
	for _, r := range rules {
		out = append(out, name(r))
	}
	return out
}

// TestInstitutionRules has one row per rule of instRules: its example,
// in which the rule decides, and an institution the example gives.
func TestInstitutionRules(t *testing.T) {
	rows := []ruleRow{
		{"lineEnd", "Ogłoszenie: Urząd Gminy Kolno\nInformuje mieszkańców o przetargu.", "Urząd Gminy Kolno"},
		{"legalForm", "W sprawie wypowiedziała się Grupa Azoty S.A. w poniedziałek.", "Grupa Azoty S.A."},
		{"branchAfterComma", "Studenci Politechniki Warszawskiej, Filii w Płocku przyjechali.", "Politechnika Warszawska Filia w Płocku"},
		{"fieldList", "Dziekan Wydziału Budownictwa, Mechaniki i Petrochemii przemawiał.", "Wydział Budownictwa, Mechaniki i Petrochemii"},
		{"quotedName", "Członkowie Stowarzyszenia „Dolina Lotnicza” przyjechali.", "Stowarzyszenie „Dolina Lotnicza”"},
		{"dashedPair", "Działa Stowarzyszenie Gmin Polska – Wschód od lat.", "Stowarzyszenie Gmin Polska – Wschód"},
		{"punctuationEnds", "Decyzję podjął Urząd Gminy Kolno, który ogłosił przetarg.", "Urząd Gminy Kolno"},
		{"modelNumber", "Otwarto Centrum Druku 3D w Płocku.", "Centrum Druku 3D"},
		{"numberEnds", "Na sesji Rady Miasta 15 maja przyjęto budżet.", "Rada Miasta"},
		{"coordination", "Pismo wysłało Ministerstwo Infrastruktury i Rozwoju do gmin.", "Ministerstwo Infrastruktury i Rozwoju"},
		{"naRzecz", "Działa Stowarzyszenie na Rzecz Rozwoju Gminy Kolno od lat.", "Stowarzyszenie na Rzecz Rozwoju Gminy Kolno"},
		{"schoolNumber", "Uczniowie Szkoły Podstawowej nr 3 pojechali.", "Szkoła Podstawowa nr 3"},
		{"patron", "Pracuje w Szkole Podstawowej im. prof. Jana Szyszko od lat.", "Szkoła Podstawowa im. prof. Jana Szyszko"},
		{"dsMatters", "Pracuje w Biurze ds. współpracy zagranicznej od lat.", "Biuro ds. współpracy zagranicznej"},
		{"unitName", "Urząd miasta Płocka ogłosił przetarg.", "Urząd miasta Płocka"},
		{"degree", "Uczniowie Szkoły Muzycznej I stopnia zagrali.", "Szkoła Muzyczna I stopnia"},
		{"lowerCaseEnds", "Decyzję podjął Urząd Gminy Kolno ogłaszając przetarg.", "Urząd Gminy Kolno"},
		{"capitalsEnd", "Urząd Gminy Kolno ZAPRASZA mieszkańców.", "Urząd Gminy Kolno"},
		{"governingBody", "Członkowie Zarządu Związku Gmin Wiejskich przyjechali.", "Związek Gmin Wiejskich"},
		{"branchApposition", "Studenci Politechniki Warszawskiej Filii w Płocku przyjechali.", "Politechnika Warszawska Filia w Płocku"},
		{"parentAcronym", "Pracownicy Wydziału Innowacyjności UMWM przyjechali.", "Wydział Innowacyjności"},
		{"functionEnds", "W imieniu Urzędu Gminy Kolno Wójt Jan Kowalski podziękował.", "Urząd Gminy Kolno"},
		{"titleEnds", "Na sesji Rady Miejskiej Pani Anna Nowak zabrała głos.", "Rada Miejska"},
		{"personEnds", "Na sesji Rady Miejskiej Jan Fryc zabrał głos.", "Rada Miejska"},
		{"nestedUnit", "Pracownicy Wydziału Innowacyjności Departamentu Rozwoju przyjechali.", "Departament Rozwoju"},
		{"nextNameAdjective", "Pismo podpisały Urząd Gminy Kolno Mazowiecka Izba Rolnicza i inni.", "Mazowiecka Izba Rolnicza"},
		{"monthEnds", "Sesja Rady Gminy Maj 2015 odbyła się wczoraj.", "Rada Gminy"},
		{"complement", "Pismo wysłał Urząd Gminy Kolno.", "Urząd Gminy Kolno"},
	}
	testRules(t, "instRules", namesOf(instRules, func(r instRule) string { return r.name }), rows, "institutions")
}

// TestPersonRules has one row per rule of personRules: its example, in
// which the rule decides, and a person the example gives (none for the
// rules that refuse a name).
func TestPersonRules(t *testing.T) {
	rows := []ruleRow{
		{"secondWord", "Wczoraj Jan przyszedł do pracy.", ""},
		{"townName", "Mieszkańcy Kazimierza Dolnego protestują.", ""},
		{"givenName", "Na spotkanie przyszedł Jan Kowalski z żoną.", "Jan Kowalski"},
		{"dictionaryMaleName", "W bufecie był Janik, a nadchodził Miecio Sierpowski.", "Miecio Sierpowski"},
		{"unknownNeedsContext", "W sobotę Stalowe Kolce zagrały koncert.", ""},
		{"unknownNotNominal", "List podpisał pan Wielkiego Księstwa w imieniu rady.", ""},
		{"foreignNameGoesOn", "Stanowisko wyraził Clarence Budington Kellanda, członek komitetu.", ""},
		{"nameStartsLater", "Sekretarz generalny KPZR Leonid Breżniew odwiedził Bułgarię.", "Leonid Breżniew"},
		{"secondGivenName", "Nagrodę wręczył Gustaw Marek Nowak wczoraj.", "Gustaw Marek Nowak"},
		{"regnalNumber", "Wiosną papież Benedykt XVI wyraził zgodę.", "Benedykt XVI"},
		{"middleInitial", "Prezydentem był John F. Kennedy w latach sześćdziesiątych.", "John F. Kennedy"},
		{"particles", "Koncert dał Ludwig van Beethoven w Wiedniu.", "Ludwig van Beethoven"},
		{"surname", "Na spotkanie przyszła Anna Moskwa z ministerstwa.", "Anna Moskwa"},
		{"unknownStandsAlone", "Biskup Larino Tommaso Valentinetti w czasie homilii zaapelował o pomoc.", ""},
		{"middleName", "Teorię stworzył Carl Gustav Jung przed wojną.", "Carl Gustav Jung"},
		{"initialForSurname", "Świadkiem była Józefa K. z Warszawy.", "Józefa K."},
		{"fullName", "Wystąpienie pana Huguesa Labara zakończyło obrady.", "Hugues Labar"},
	}
	testRules(t, "personRules", namesOf(personRules, func(r personRule) string { return r.name }), rows, "people")
}

// TestPlaceRules has one row per rule of placeRules: its example, in
// which the rule decides, and a place the example gives (none for the
// rules that take a listed name for no place).
func TestPlaceRules(t *testing.T) {
	rows := []ruleRow{
		{"territorialUnit", "Szkoły w powiecie ostrzeszowskim ukończy 975 absolwentów.", "powiat ostrzeszowski"},
		{"unitName", "Mieszkańcy miasta Nierstein przyjechali.", "Nierstein"},
		{"listedInName", "W rezultacie powstała Polska Grupa Farmaceutyczna.", ""},
		{"club", "Stal Mielec wygrała mecz.", ""},
		{"nickname", "Korzystają z czatów Onetu i Wirtualnej Polski.", ""},
		{"acronymUnlike", "Delegacja ChRL przyjechała do Warszawy.", "Warszawa"},
		{"listedWithAdjective", "Urodził się w Głogowie Małopolskim.", "Głogów Małopolski"},
		{"listed", "Pojechał do Warszawy.", "Warszawa"},
		{"multiWordLocality", "Dyrektorka przedszkola w Czarnym Dunajcu odeszła.", "Czarny Dunajec"},
		{"locality", "Mieszkał w Drobinie od lat.", "Drobin"},
		{"guessed", "Opowiedział o kuracji w Karlsbadzie.", "Karlsbad"},
		{"dictionaryOnly", "Przeprawa przez Berezynę kosztowała armię wiele.", "Berezyna"},
	}
	testRules(t, "placeRules", namesOf(placeRules, func(r placeRule) string { return r.name }), rows, "places")
}

// TestPlaceRuleGates checks that placeRules stand in the order of their
// gates, which placeAt relies on to stop at the first gate a token does
// not pass.
func TestPlaceRuleGates(t *testing.T) {
	for k := 1; k < len(placeRules); k++ {
		if placeRules[k].gate < placeRules[k-1].gate {
			t.Errorf("rule %s (gate %d) after %s (gate %d)", placeRules[k].name, placeRules[k].gate, placeRules[k-1].name, placeRules[k-1].gate)
		}
	}
}
