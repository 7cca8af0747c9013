package extract

import (
	"strings"
	"testing"

	"github.com/kronika/kronika/polish"
)

func extractOf(t *testing.T, text string) (people, insts, places []string) {
	t.Helper()
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ex := x.Extract(text, nil)
	for _, in := range ex.Institutions {
		s := in.Name
		if in.Acronym != "" {
			s += " [" + in.Acronym + "]"
		}
		insts = append(insts, s)
	}
	return ex.PersonNames(), insts, ex.PlaceNames()
}

func TestPeople(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // canonical names joined by "; "
	}{
		{"genitive foreign with title", "Samorząd gościł pana Huguesa Labara z Walonii.", "Hugues Labar"},
		{"nominative after title", "Głos zabrał pan Franck Pezza – Delegat Rządu.", "Franck Pezza"},
		{"feminine adjectival", "Rozmawiano z panią Małgorzatą Rudnicką.", "Małgorzata Rudnicka"},
		{"feminine genitive", "Z udziałem wiceprzewodniczącej Agnieszki Kłopotek odbyły się dożynki.", "Agnieszka Kłopotek"},
		{"masculine genitive adjectival", "Z udziałem marszałka Piotra Całbeckiego odbyły się dożynki.", "Piotr Całbecki"},
		{"instrumental", "Ambasador spotkał się z Marszałkiem Markiem Woźniakiem.", "Marek Woźniak"},
		{"instrumental foreign", "Rozmawiał z Burmistrzem Thomasem Guenterem oraz radnymi.", "Thomas Guenter"},
		{"dative", "Nagrodę wręczono Janowi Kowalskiemu w sobotę.", "Jan Kowalski"},
		{"double given name", "Inicjatorem był Marszałek Województwa – Gustaw Marek Brzezina.", "Gustaw Marek Brzezina"},
		{"particle surname", "Przywołał osobę Jeana-Yvesa Le Driana – ministra.", "Jean-Yves Le Drian"},
		{"dutch particle", "Był też dziennikarz Caspar ten Dam z Lejdy.", "Caspar ten Dam"},
		{"surname repeat linked", "Marszałek Adam Struzik przyjął gości. Marszałek Struzik podkreślił wagę spotkania.", "Adam Struzik"},
		{"variant spelling merged", "Przyjechał Sergiejem Tatusiakiem na czele. Przewodniczący Siergiej Tatusiak stwierdził, że tak.", "Siergiej Tatusiak"},
		{"role before unknown name", "Zastępca Mera Winnicy Walerij Korowij podpisał list.", "Walerij Korowij"},
		{"no person in institution", "Uczniowie Szkoły Muzycznej im. Fryderyka Chopina zagrali koncert.", ""},
		{"man in the genitive, not a woman", "Spotkanie odbyło się z udziałem Jarosława Lipszyca.", "Jarosław Lipszyc"},
		{"woman in the nominative", "Przemawiała Józefa Kowalska.", "Józefa Kowalska"},
		{"speaker after a quote", "– To ważne – powiedział Ołeh Kozak, zastępca mera.", "Ołeh Kozak"},
		{"regnal number", "Papież Benedykt XVI odwiedził Polskę.", "Benedykt XVI"},
		{"middle initial", "Prezydentem był wtedy John F. Kennedy.", "John F. Kennedy"},
		{"surname that is a place", "W konsultacjach uczestniczyła minister Anna Moskwa.", "Anna Moskwa"},
		{"street patron", "Spotkanie odbyło się przy ul. Adama Mickiewicza, a potem przy alei Jana Pawła II.", ""},
		{"patron", "Mecz rozegrano na Stadionie im. Kazimierza Górskiego.", ""},
		{"foreign name the dictionary knows", "Spotkanie Huguesa Labara z marszałkiem trwało godzinę.", "Hugues Labar"},
		{"second given name before a surname that is a place", "Marszałek Gustaw Marek Brzezin przyjął gości.", "Gustaw Marek Brzezin"},
		{"middle name", "Prezydent Franklin Delano Roosevelt przybył do Jałty.", "Franklin Delano Roosevelt"},
		{"capitalised title is no name", "Pan Hugues Labar omówił zasady.", "Hugues Labar"},
		{"adjective after role is no name", "– Dziękuję – mówił Marek Darecki, Prezes Doliny Lotniczej.", "Marek Darecki"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			people, _, _ := extractOf(t, tt.in)
			if got := strings.Join(people, "; "); got != tt.want {
				t.Errorf("people of %q: got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestInstitutions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // canonical names [acronym] joined by "; "
	}{
		{"agreeing adjectives and trailing place", "Przedstawiciele Urzędu Marszałkowskiego Województwa Mazowieckiego w Warszawie przyjechali.",
			"Urząd Marszałkowski Województwa Mazowieckiego"},
		{"left adjective, legal form, acronym", "Udział wzięli przedstawiciele Płockiego Parku Przemysłowo-Technologicznego S.A. (PPP-T). Koordynatorem jest PPP-T.",
			"Płocki Park Przemysłowo-Technologiczny S.A. [PPP-T]"},
		{"torn compound", "Zorganizowano wizytę w Płockim Parku Przemysłowo –Technologicznym.", "Płocki Park Przemysłowo-Technologiczny"},
		{"instrumental", "Współpracujemy z Kieleckim Parkiem Technologicznym od lat.", "Kielecki Park Technologiczny"},
		{"accusative feminine", "Program przygotowała Państwową Szkołę Muzyczną I i II stopnia im. Fryderyka Chopina w Opolu.",
			"Państwowa Szkoła Muzyczna I i II stopnia im. Fryderyka Chopina"},
		{"coordination inside a name", "Dyrektor Departamentu Rozwoju Regionalnego i Funduszy Europejskich zabrał głos.",
			"Departament Rozwoju Regionalnego i Funduszy Europejskich"},
		{"nested units", "Kierownik Wydziału Innowacyjności Departamentu Rozwoju Regionalnego przemówił.",
			"Wydział Innowacyjności; Departament Rozwoju Regionalnego"},
		{"acronym from initials", "Urząd Marszałkowski Województwa Mazowieckiego ogłosił konkurs. W siedzibie UMWM odbyło się spotkanie.",
			"Urząd Marszałkowski Województwa Mazowieckiego [UMWM]"},
		{"quoted name joins later mentions", "Stowarzyszenie Grupy Przedsiębiorców Przemysłu Lotniczego „Dolina Lotnicza” podpisało umowę. Stowarzyszenia Dolina Lotnicza nie trzeba przedstawiać.",
			"Stowarzyszenie Grupy Przedsiębiorców Przemysłu Lotniczego „Dolina Lotnicza”"},
		{"shorter name merged", "Sesja Rady Miejskiej Białegostoku. Radni Rady Miejskiej głosowali.", "Rada Miejska Białegostoku"},
		{"lower-case church unit", "Mszę odprawił ordynariusz diecezji pelplińskiej biskup Ryszard Kasyna.", "Diecezja Pelplińska"},
		{"apposition", "Przyjechali członkowie stowarzyszenia Stedenband Leiden-Toruń oraz goście.", "Stedenband Leiden-Toruń"},
		{"company before a legal form", "Umowę z firmą Asseco Poland S.A. podpisano wczoraj.", "Asseco Poland S.A."},
		{"generic noun before an acronym", "Spółka ARP S.A. inwestuje w regionie.", "ARP [ARP]"},
		{"euroregion", "W Euroregionie Pomerania działa wiele organizacji.", "Euroregion Pomerania"},
		{"generic name keeps its place", "Sprawą zajmie się Sąd Rejonowy w Sanoku. Sąd Rejonowy wyznaczył termin.", "Sąd Rejonowy w Sanoku"},
		{"generic name joins the full one", "Spotkanie przed Urzędem Marszałkowskim w Toruniu. Biuro Prasowe Urzędu Marszałkowskiego Województwa Kujawsko-Pomorskiego informuje.",
			"Biuro Prasowe Urzędu Marszałkowskiego Województwa Kujawsko-Pomorskiego; Urząd Marszałkowski Województwa Kujawsko-Pomorskiego"},
		{"branch named by its places", "Pracownicy Oddziału ARP S.A. w Mielcu i w Tarnobrzegu przyjechali.", "Oddział ARP S.A. w Mielcu i w Tarnobrzegu"},
		{"place adjective makes a name specific", "Goście odwiedzili Warmińsko-Mazurską Specjalną Strefę Ekonomiczną w Olsztynie.", "Warmińsko-Mazurska Specjalna Strefa Ekonomiczna"},
		{"known acronym", "Środki pochodzą z UE i budżetu państwa.", "Unia Europejska [UE]"},
		{"board of a named institution", "Prezes Zarządu Kujawskiego Parku Naukowego S.A. otworzył obrady.", "Kujawski Park Naukowy S.A."},
		{"board before a union", "Przewodniczący Zarządu Związku Gmin Ziemi Sieradzkiej przemówił.", "Związek Gmin Ziemi Sieradzkiej"},
		{"board of an acronym", "Wiceprezes Zarządu PKN zabrał głos.", "PKN [PKN]"},
		{"board with its own adjective", "Rada Nadzorcza Banku Spółdzielczego obradowała.", "Rada Nadzorcza Banku Spółdzielczego; Bank Spółdzielczy"},
		{"noun complement ending like an adjective", "Za to odpowiada Departament Polityki Urzędu Miasta Gdańska.", "Departament Polityki; Urząd Miasta Gdańska"},
		{"branch in apposition", "Studenci Akademii Morskiej Filii w Kołobrzegu pojechali na praktyki.", "Akademia Morska Filia w Kołobrzegu"},
		{"branch after a comma", "Umowę podpisali przedstawiciele Uniwersytetu Łódzkiego, Filii w Wałbrzychu.", "Uniwersytet Łódzki Filia w Wałbrzychu"},
		{"branch before its university", "Studenci toruńskiej filii Uniwersytetu Gdańskiego pojechali na staż.", "Uniwersytet Gdański Filia w Toruniu"},
		{"branch before its university, we", "Studenci wrocławskiej filii Uniwersytetu Gdańskiego pojechali na staż.", "Uniwersytet Gdański Filia we Wrocławiu"},
		{"branch before its university, w before a vowel", "Studenci warszawskiej filii Uniwersytetu Gdańskiego pojechali na staż.", "Uniwersytet Gdański Filia w Warszawie"},
		{"branch of another kind", "Pracownicy gdańskiego oddziału Agencji Rozwoju Przemysłu przyjechali.", "Agencja Rozwoju Przemysłu"},
		{"office abroad keeps its place", "Dyrektor Biura Województwa Pomorskiego w Brukseli przyjechał.", "Biuro Województwa Pomorskiego w Brukseli"},
		{"foreign body at home drops its seat", "Wiceminister Ministerstwa Gospodarki Nadrenii-Palatynatu w Moguncji przyjechał.", "Ministerstwo Gospodarki Nadrenii-Palatynatu"},
		{"head named by a foreign place", "Wykład wygłosił profesor Uniwersytetu w Gandawie.", "Uniwersytet w Gandawie"},
		{"list of fields", "Dziekan Wydziału Chemii, Fizyki i Biologii przemówił.", "Wydział Chemii, Fizyki i Biologii"},
		{"technology name in a name", "Powstało Kaliskie Centrum Robotyki 5G przy uczelni.", "Kaliskie Centrum Robotyki 5G"},
		{"venue with a proper word keeps no place", "Targi odbyły się w Centrum Targowym Ptak Expo w Nadarzynie.", "Centrum Targowe Ptak Expo"},
		{"administration", "Delegacja Lwowskiej Obwodowej Administracji Państwowej przyjechała.", "Lwowska Obwodowa Administracja Państwowa"},
		{"quoted name after a complement", "Pomagają wolontariusze organizacji pożytku publicznego „Razem dla Lwowa”.", "Razem dla Lwowa"},
		{"camel-case brand", "Dyrektor klastra SolarTech mówił o panelach.", "SolarTech"},
		{"abbreviation of a common noun", "Szpital kupił nowy aparat USG i tomograf.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, insts, _ := extractOf(t, tt.in)
			if got := strings.Join(insts, "; "); got != tt.want {
				t.Errorf("institutions of %q: got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // canonical names joined by "; "
	}{
		{"locative city", "Spotkanie odbyło się w Płocku.", "Płock"},
		{"genitive and locative merge", "Goście z Torunia byli w Toruniu dwa dni.", "Toruń"},
		{"region to voivodeship", "Klastry na Mazowszu rozwijają się.", "województwo mazowieckie"},
		{"voivodeship phrase", "Drogi województwa warmińsko-mazurskiego są remontowane.", "województwo warmińsko-mazurskie"},
		{"county", "Władze miasta i powiatu tucholskiego przybyły.", "powiat tucholski"},
		{"oblast", "Delegacja obwodu winnickiego przybyła.", "obwód winnicki"},
		{"official country name", "Ambasador Federacji Rosyjskiej w Polsce przemówił.", "Rosja; Polska"},
		{"foreign exonym", "Podczas pobytu w Moguncji marszałek odwiedził biuro.", "Moguncja"},
		{"unknown after preposition", "Marszałek spotkał się w Nierstein z burmistrzem.", "Nierstein"},
		{"unknown genitive", "Torunianie wyjeżdżają do Lejdy wiosną.", "Lejda"},
		{"gmina apposition", "Goście z Gminy Szaflary przyjechali.", "Szaflary"},
		{"coordinated unknown", "Delegacje ukraińskiego Starego Sambora i Kamieńca Podolskiego przyjechały.", "Kamieniec Podolski; Stary Sambor"},
		{"club", "Stal Mielec pokonała Legię Warszawa 2:1.", ""},
		{"city after a noun", "Delegacja Kijowa przyjechała do Rzeszowa.", "Kijów; Rzeszów"},
		{"nickname in quotes", "Obwód, nazywany „Małą Szwajcarią”, jest piękny.", ""},
		{"misspellings merge", "Burmistrz miasta Nierstein i Ratusz Miasta Niestein oraz festyn miasta Niesrtein.", "Nierstein"},
		{"small town through the dictionary", "Punkt konsultacyjny działa w Gostyninie i Sierpcu.", "Gostynin; Sierpc"},
		{"small town without a preposition", "Każdy mieszkaniec Gostynina może złożyć wniosek.", "Gostynin"},
		{"indeclinable foreign town", "Misja gospodarcza pojedzie do Namur i Charleroi.", "Namur; Charleroi"},
		{"hyphenated foreign town", "Studenci odwiedzili park naukowy w Louvain-la-Neuve.", "Louvain-la-Neuve"},
		{"inflected foreign town", "Delegacja odwiedziła szkołę w Garliavie.", "Garliava"},
		{"foreign surname is no town", "Wykład wygłosił Rob van Kranenburg z Amsterdamu.", "Amsterdam"},
		{"native name in parentheses", "Torunianie wyjeżdżają do Lejdy (Leiden) wiosną.", "Lejda"},
		{"district of a foreign country", "Umowę podpisano z samorządem rejonu kłajpedzkiego.", "rejon kłajpedzki"},
		{"vague district is no place", "W rejonie przemysłowym powstanie droga.", ""},
		{"region with an adjective", "W gminach Mazowsza Płockiego rośnie liczba firm.", "Mazowsze Płockie"},
		{"village of two words after gminy", "Wójt Gminy Szczawin Kościelny Jan Nowak podpisał umowę.", "Szczawin Kościelny"},
		{"town of several words", "Delegacja ze Stalowej Woli i z Nowego Miasta Lubawskiego przyjechała.", "Stalowa Wola; Nowe Miasto Lubawskie"},
		{"surname that names a village", "Świetlice powstaną w Sannikach, Łącku i Pacynie.", "Sanniki; Łąck; Pacyna"},
		{"surname after a person", "Rozmawiali Jan Pacyna i Anna Nowak.", ""},
		{"region with an adjective in a name", "Związek Gmin Mazowsza Płockiego ogłosił nabór.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, places := extractOf(t, tt.in)
			if got := strings.Join(places, "; "); got != tt.want {
				t.Errorf("places of %q: got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSurnameNominative(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		gender polish.Gender
		gcase  polish.Case
		want   string
	}{
		{"masculine genitive", "Labara", polish.Masculine, polish.Gen, "Labar"},
		{"masculine genitive -ski", "Całbeckiego", polish.Masculine, polish.Gen, "Całbecki"},
		{"masculine instrumental", "Woźniakiem", polish.Masculine, polish.Inst, "Woźniak"},
		{"masculine instrumental -ski", "Smolińskim", polish.Masculine, polish.Inst, "Smoliński"},
		{"masculine -a noun genitive", "Pezzy", polish.Masculine, polish.Gen, "Pezza"},
		{"masculine mobile e", "Bartka", polish.Masculine, polish.Gen, "Bartek"},
		{"masculine dative", "Nowakowi", polish.Masculine, polish.Dat, "Nowak"},
		{"feminine -ska genitive", "Rypińskiej", polish.F, polish.Gen, "Rypińska"},
		{"feminine -ska instrumental", "Rudnicką", polish.F, polish.Inst, "Rudnicka"},
		{"feminine consonant stays", "Kłopotek", polish.F, polish.Gen, "Kłopotek"},
		{"feminine noun genitive", "Zaręby", polish.F, polish.Gen, "Zaręba"},
		{"hyphenated", "Donath-Kasiurą", polish.F, polish.Inst, "Donath-Kasiura"},
		{"nominative stays", "Pezza", polish.Masculine, polish.Nom, "Pezza"},
		{"foreign -e declined like an adjective", "Milkego", polish.Masculine, polish.Gen, "Milke"},
		{"foreign stem keeps no mobile e", "Kinnocka", polish.Masculine, polish.Gen, "Kinnock"},
		{"ending after an apostrophe", "Doyle'a", polish.Masculine, polish.Gen, "Doyle"},
		{"ending after an apostrophe, y-stem", "McCarthy'm", polish.Masculine, polish.Inst, "McCarthy"},
		{"apostrophe in the name kept", "O'Kelly'ego", polish.Masculine, polish.Gen, "O'Kelly"},
		{"-ko surname", "Moniuszki", polish.Masculine, polish.Gen, "Moniuszko"},
		{"-i surname instrumental", "Messorim", polish.Masculine, polish.Inst, "Messori"},
		{"family in the plural stays", "Szadurscy", polish.Masculine, polish.Gen, "Szadurscy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := surnameNominative(tt.in, tt.gender, tt.gcase); got != tt.want {
				t.Errorf("surnameNominative(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"glued words", "Wydziału InnowacyjnościDepartamentu Rozwoju", "Wydziału Innowacyjności Departamentu Rozwoju"},
		{"missing space after period", "plany rozwojowe parku.Ponadto podkreślono", "plany rozwojowe parku. Ponadto podkreślono"},
		{"torn compound", "Parku Przemysłowo –Technologicznym", "Parku Przemysłowo-Technologicznym"},
		{"torn compound lower", "województwem warmińsko – mazurskim", "województwem warmińsko-mazurskim"},
		{"dash between words kept", "Było dobrze – powiedział", "Było dobrze – powiedział"},
		{"nbsp", "pani\u00a0Ewa", "pani Ewa"},
		{"html entities", "pani&nbsp;Ewa i &quot;Dolina&quot;", "pani Ewa i \"Dolina\""},
		{"repeated paragraph", "Pierwszy akapit, który jest dość długi, by go liczyć.\n\nPierwszy akapit, który jest dość długi, by go liczyć.\n\nDrugi.",
			"Pierwszy akapit, który jest dość długi, by go liczyć.\n\nDrugi."},
		{"acronym kept", "Ośrodek RONiK w Warszawie", "Ośrodek RONiK w Warszawie"},
		{"initials kept", "Marszałek G.M. Brzezina", "Marszałek G.M. Brzezina"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"diacritics and case", "Płock", "plock"},
		{"capitals", "PŁOCK", "plock"},
		{"l stroke", "Łódź", "lodz"},
		{"dashes and spaces", "Stowarzyszenie Współpracy Polska – Wschód", "stowarzyszenie wspolpracy polska-wschod"},
		{"quotes", "Stowarzyszenie „Dolina Lotnicza”", "stowarzyszenie dolina lotnicza"},
		{"whitespace", "  Urząd   Miasta\tPłocka ", "urzad miasta plocka"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.in); got != tt.want {
				t.Errorf("Key(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
