package benchcorpus

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// Sizes of the entity pools and the exponent of their frequencies: a few
// mayors, towns and offices fill the news, most appear once in a while.
const (
	peoplePerGender = 1500
	zipfEntities    = 1.0
)

// person is one member of the people pool.
type person struct {
	first, last forms
	female      bool
	title       string // "dr", "prof." or ""
	role        string // nominative role phrase, "" for none
}

// Name returns the canonical "Firstname Lastname".
func (p *person) name() string { return p.first[nom] + " " + p.last[nom] }

// full returns the name in case c.
func (p *person) full(c int) string { return p.first[c] + " " + p.last[c] }

// place is a town, region or country with its case forms.
type place struct {
	f    forms
	town bool // a town has a mayor and offices
}

// institution is one organisation with its full name in every case.
type institution struct {
	f       forms
	acronym string
	gender  byte // 'm', 'f' or 'n', for verb agreement
	head    string
}

// pools are the entities of the corpus, most frequent first. They are
// immutable once built.
type pools struct {
	people       []*person
	places       []*place
	towns        []*place
	institutions []*institution
	peopleZ      *zipf
	placesZ      *zipf
	townsZ       *zipf
	instZ        *zipf
}

var defaultPools = sync.OnceValues(func() (*pools, error) {
	return buildPools(polish.Default())
})

// townNames are towns of every size across Poland, one word each, so
// that their declension can be checked word by word.
var townNames = strings.Fields(`Warszawa Kraków Łódź Wrocław Poznań Gdańsk Szczecin Bydgoszcz
Lublin Białystok Gdynia Częstochowa Radom Toruń Sosnowiec Rzeszów Zabrze Olsztyn Bytom Rybnik
Opole Elbląg Płock Wałbrzych Włocławek Tarnów Chorzów Koszalin Kalisz Legnica Grudziądz
Jaworzno Słupsk Konin Piła Inowrocław Lubin Ostrołęka Gniezno Głogów Leszno Zamość Łomża
Pruszków Ełk Chełm Mielec Przemyśl Tczew Bełchatów Świdnica Będzin Zgierz Racibórz Legionowo
Zawiercie Wejherowo Kutno Otwock Sieradz Kołobrzeg Ciechanów Płońsk Sochaczew Żyrardów Mława
Łowicz Gostynin Sierpc Grójec Garwolin Wyszków Pułtusk Przasnysz Nidzica Działdowo Iława
Ostróda Giżycko Mrągowo Kętrzyn Bartoszyce Augustów Sokółka Hajnówka Zambrów Grajewo Sandomierz
Kraśnik Zakopane Bochnia Wieliczka Oświęcim Olkusz Gorlice Jasło Krosno Sanok Przeworsk Jarosław
Łańcut Dębica Tarnobrzeg Busko Pińczów Opatów Końskie Radomsko Kłodzko Bolesławiec Zgorzelec
Oleśnica Brzeg Nysa Prudnik Kluczbork Lubliniec Cieszyn Żywiec Wadowice Myślenice Limanowa
Malbork Kwidzyn Chojnice Bytów Lębork Puck Sopot Kartuzy Kościerzyna Świnoujście Stargard
Goleniów Police Szczecinek Wałcz Chodzież Wągrowiec Oborniki Szamotuły Gniewkowo Śrem Kościan
Jarocin Pleszew Krotoszyn Ostrzeszów Wieluń Opoczno Rawa Skierniewice Brzeziny Kozienice Lipsko`)

// countryNames are countries the regional news mention.
var countryNames = strings.Fields(`Polska Ukraina Litwa Słowacja Francja Norwegia Hiszpania Szwecja Białoruś Łotwa Dania Grecja Austria`)

// voivodeships are the adjectives of the sixteen regions.
var voivodeships = strings.Fields(`dolnośląskie kujawsko-pomorskie lubelskie lubuskie łódzkie
małopolskie mazowieckie opolskie podkarpackie podlaskie pomorskie śląskie świętokrzyskie
warmińsko-mazurskie wielkopolskie zachodniopomorskie`)

// neuterAdj declines a neuter adjective in -ie, which is fully regular.
func neuterAdj(a string) forms {
	stem := strings.TrimSuffix(a, "e")
	return forms{a, stem + "ego", stem + "emu", a, stem + "m", stem + "m"}
}

// institutionKinds are the kinds of local and national institutions:
// the six case forms of the head, the place slot of local ones ("w" with
// the locative, or the genitive), the acronym and the gender. A "#" in
// the head stands for a school number.
var institutionKinds = []struct {
	head    string
	slot    string // "w", "gen" or "" (national)
	acronym string
	gender  byte
}{
	{"Urząd Miasta|Urzędu Miasta|Urzędowi Miasta|Urząd Miasta|Urzędem Miasta|Urzędzie Miasta", "gen", "", 'm'},
	{"Rada Miasta|Rady Miasta|Radzie Miasta|Radę Miasta|Radą Miasta|Radzie Miasta", "gen", "", 'f'},
	{"Sąd Rejonowy|Sądu Rejonowego|Sądowi Rejonowemu|Sąd Rejonowy|Sądem Rejonowym|Sądzie Rejonowym", "w", "", 'm'},
	{"Sąd Okręgowy|Sądu Okręgowego|Sądowi Okręgowemu|Sąd Okręgowy|Sądem Okręgowym|Sądzie Okręgowym", "w", "", 'm'},
	{"Prokuratura Rejonowa|Prokuratury Rejonowej|Prokuraturze Rejonowej|Prokuraturę Rejonową|Prokuraturą Rejonową|Prokuraturze Rejonowej", "w", "", 'f'},
	{"Szpital Miejski|Szpitala Miejskiego|Szpitalowi Miejskiemu|Szpital Miejski|Szpitalem Miejskim|Szpitalu Miejskim", "w", "", 'm'},
	{"Komenda Powiatowa Policji|Komendy Powiatowej Policji|Komendzie Powiatowej Policji|Komendę Powiatową Policji|Komendą Powiatową Policji|Komendzie Powiatowej Policji", "w", "KPP", 'f'},
	{"Miejski Ośrodek Pomocy Społecznej|Miejskiego Ośrodka Pomocy Społecznej|Miejskiemu Ośrodkowi Pomocy Społecznej|Miejski Ośrodek Pomocy Społecznej|Miejskim Ośrodkiem Pomocy Społecznej|Miejskim Ośrodku Pomocy Społecznej", "w", "MOPS", 'm'},
	{"Miejski Ośrodek Kultury|Miejskiego Ośrodka Kultury|Miejskiemu Ośrodkowi Kultury|Miejski Ośrodek Kultury|Miejskim Ośrodkiem Kultury|Miejskim Ośrodku Kultury", "w", "MOK", 'm'},
	{"Powiatowy Urząd Pracy|Powiatowego Urzędu Pracy|Powiatowemu Urzędowi Pracy|Powiatowy Urząd Pracy|Powiatowym Urzędem Pracy|Powiatowym Urzędzie Pracy", "w", "PUP", 'm'},
	{"Ochotnicza Straż Pożarna|Ochotniczej Straży Pożarnej|Ochotniczej Straży Pożarnej|Ochotniczą Straż Pożarną|Ochotniczą Strażą Pożarną|Ochotniczej Straży Pożarnej", "w", "OSP", 'f'},
	{"Starostwo Powiatowe|Starostwa Powiatowego|Starostwu Powiatowemu|Starostwo Powiatowe|Starostwem Powiatowym|Starostwie Powiatowym", "w", "", 'n'},
	{"Muzeum Regionalne|Muzeum Regionalnego|Muzeum Regionalnemu|Muzeum Regionalne|Muzeum Regionalnym|Muzeum Regionalnym", "w", "", 'n'},
	{"Miejska Biblioteka Publiczna|Miejskiej Biblioteki Publicznej|Miejskiej Bibliotece Publicznej|Miejską Bibliotekę Publiczną|Miejską Biblioteką Publiczną|Miejskiej Bibliotece Publicznej", "w", "MBP", 'f'},
	{"Miejskie Przedsiębiorstwo Komunikacyjne|Miejskiego Przedsiębiorstwa Komunikacyjnego|Miejskiemu Przedsiębiorstwu Komunikacyjnemu|Miejskie Przedsiębiorstwo Komunikacyjne|Miejskim Przedsiębiorstwem Komunikacyjnym|Miejskim Przedsiębiorstwie Komunikacyjnym", "w", "MPK", 'n'},
	{"Szkoła Podstawowa nr #|Szkoły Podstawowej nr #|Szkole Podstawowej nr #|Szkołę Podstawową nr #|Szkołą Podstawową nr #|Szkole Podstawowej nr #", "w", "", 'f'},
	{"Zespół Szkół nr #|Zespołu Szkół nr #|Zespołowi Szkół nr #|Zespół Szkół nr #|Zespołem Szkół nr #|Zespole Szkół nr #", "w", "", 'm'},
	{"Ministerstwo Zdrowia|Ministerstwa Zdrowia|Ministerstwu Zdrowia|Ministerstwo Zdrowia|Ministerstwem Zdrowia|Ministerstwie Zdrowia", "", "", 'n'},
	{"Ministerstwo Infrastruktury|Ministerstwa Infrastruktury|Ministerstwu Infrastruktury|Ministerstwo Infrastruktury|Ministerstwem Infrastruktury|Ministerstwie Infrastruktury", "", "", 'n'},
	{"Ministerstwo Edukacji Narodowej|Ministerstwa Edukacji Narodowej|Ministerstwu Edukacji Narodowej|Ministerstwo Edukacji Narodowej|Ministerstwem Edukacji Narodowej|Ministerstwie Edukacji Narodowej", "", "MEN", 'n'},
	{"Narodowy Fundusz Zdrowia|Narodowego Funduszu Zdrowia|Narodowemu Funduszowi Zdrowia|Narodowy Fundusz Zdrowia|Narodowym Funduszem Zdrowia|Narodowym Funduszu Zdrowia", "", "NFZ", 'm'},
	{"Zakład Ubezpieczeń Społecznych|Zakładu Ubezpieczeń Społecznych|Zakładowi Ubezpieczeń Społecznych|Zakład Ubezpieczeń Społecznych|Zakładem Ubezpieczeń Społecznych|Zakładzie Ubezpieczeń Społecznych", "", "ZUS", 'm'},
	{"Generalna Dyrekcja Dróg Krajowych i Autostrad|Generalnej Dyrekcji Dróg Krajowych i Autostrad|Generalnej Dyrekcji Dróg Krajowych i Autostrad|Generalną Dyrekcję Dróg Krajowych i Autostrad|Generalną Dyrekcją Dróg Krajowych i Autostrad|Generalnej Dyrekcji Dróg Krajowych i Autostrad", "", "GDDKiA", 'f'},
	{"Najwyższa Izba Kontroli|Najwyższej Izby Kontroli|Najwyższej Izbie Kontroli|Najwyższą Izbę Kontroli|Najwyższą Izbą Kontroli|Najwyższej Izbie Kontroli", "", "NIK", 'f'},
	{"Instytut Pamięci Narodowej|Instytutu Pamięci Narodowej|Instytutowi Pamięci Narodowej|Instytut Pamięci Narodowej|Instytutem Pamięci Narodowej|Instytucie Pamięci Narodowej", "", "IPN", 'm'},
	{"Państwowa Straż Pożarna|Państwowej Straży Pożarnej|Państwowej Straży Pożarnej|Państwową Straż Pożarną|Państwową Strażą Pożarną|Państwowej Straży Pożarnej", "", "PSP", 'f'},
	{"Uniwersytet Warszawski|Uniwersytetu Warszawskiego|Uniwersytetowi Warszawskiemu|Uniwersytet Warszawski|Uniwersytetem Warszawskim|Uniwersytecie Warszawskim", "", "UW", 'm'},
	{"Politechnika Gdańska|Politechniki Gdańskiej|Politechnice Gdańskiej|Politechnikę Gdańską|Politechniką Gdańską|Politechnice Gdańskiej", "", "", 'f'},
}

// roleKinds are the functions people hold; "%s" takes the genitive of a
// town or an institution, as the kind says.
var roleKinds = []struct {
	male, female string
	of           string // "town", "inst" or ""
}{
	{"burmistrz %s", "burmistrz %s", "town"},
	{"prezydent %s", "prezydent %s", "town"},
	{"radny %s", "radna %s", "town"},
	{"przewodniczący rady miasta %s", "przewodnicząca rady miasta %s", "town"},
	{"dyrektor %s", "dyrektor %s", "inst"},
	{"rzecznik %s", "rzeczniczka %s", "inst"},
	{"kierownik %s", "kierowniczka %s", "inst"},
	{"prezes %s", "prezes %s", "inst"},
	{"poseł", "posłanka", ""},
	{"senator", "senator", ""},
	{"sołtys", "sołtys", ""},
	{"trener", "trenerka", ""},
}

var titles = []string{"", "", "", "", "", "dr", "prof.", "dr hab.", "inż.", "mec."}

func buildPools(d *polish.Dictionary) (*pools, error) {
	p := &pools{}
	for _, t := range townNames {
		f, ok := decline(d, t, 0)
		if !ok {
			continue
		}
		pl := &place{f: f, town: true}
		p.towns = append(p.towns, pl)
		p.places = append(p.places, pl)
	}
	if len(p.towns) < 50 {
		return nil, fmt.Errorf("only %d towns declined", len(p.towns))
	}
	for i, v := range voivodeships {
		f := neuterAdj(v)
		for c := range f {
			f[c] = "województwo " + f[c]
		}
		f[gen] = "województwa " + neuterAdj(v)[gen]
		f[dat] = "województwu " + neuterAdj(v)[dat]
		f[inst] = "województwem " + neuterAdj(v)[inst]
		f[loc] = "województwie " + neuterAdj(v)[loc]
		// Regions come in among the towns, so that each is common.
		p.places = insertAt(p.places, 3+i*4, &place{f: f})
	}
	for i, c := range countryNames {
		if f, ok := decline(d, c, 0); ok {
			p.places = insertAt(p.places, 5+i*9, &place{f: f})
		}
	}
	townGen := func(k int) string { return p.towns[k%len(p.towns)].f[gen] }
	townLoc := func(k int) string { return p.towns[k%len(p.towns)].f[loc] }
	// Local institutions of the commonest towns first, national ones
	// spread among them, so frequencies fall with both.
	var national []*institution
	for t := 0; len(p.institutions) < 1200; t++ {
		for _, kind := range institutionKinds {
			heads := strings.Split(kind.head, "|")
			in := &institution{acronym: kind.acronym, gender: kind.gender, head: heads[0]}
			if kind.slot == "" {
				if t == 0 {
					copy(in.f[:], heads)
					national = append(national, in)
				}
				continue
			}
			num := strconv.Itoa(1 + t%7)
			for c := range in.f {
				h := strings.ReplaceAll(heads[c], "#", num)
				if kind.slot == "gen" {
					in.f[c] = h + " " + townGen(t)
				} else {
					in.f[c] = h + " w " + townLoc(t)
				}
			}
			p.institutions = append(p.institutions, in)
		}
	}
	for j, in := range national {
		p.institutions = insertAt(p.institutions, 2+j*7, in)
	}
	// People: first names and surnames of the same gender, paired along
	// the frequency lists with a stride so that common first names meet
	// many surnames.
	for _, female := range []bool{false, true} {
		firstFile, lastFile, g := "data/first_m.txt", "data/last_m.txt", polish.M1
		if female {
			firstFile, lastFile, g = "data/first_f.txt", "data/last_f.txt", polish.F
		}
		firsts, err := declineList(d, firstFile, g, 120)
		if err != nil {
			return nil, err
		}
		lasts, err := declineList(d, lastFile, g, peoplePerGender)
		if err != nil {
			return nil, err
		}
		for i := 0; i < peoplePerGender && i < len(lasts); i++ {
			pr := &person{first: firsts[(i*7)%len(firsts)], last: lasts[i], female: female}
			pr.title = titles[(i*13)%len(titles)]
			rk := roleKinds[(i*5)%len(roleKinds)]
			role := rk.male
			if female {
				role = rk.female
			}
			switch rk.of {
			case "town":
				role = fmt.Sprintf(role, townGen(i))
			case "inst":
				role = fmt.Sprintf(role, p.institutions[(i*3)%len(p.institutions)].f[gen])
			}
			pr.role = role
			p.people = append(p.people, pr)
		}
	}
	// Interleave men and women so both are among the most frequent.
	half := len(p.people) / 2
	mixed := make([]*person, 0, len(p.people))
	for i := range half {
		mixed = append(mixed, p.people[i], p.people[half+i])
	}
	p.people = mixed
	p.peopleZ = newZipf(len(p.people), zipfEntities)
	p.placesZ = newZipf(len(p.places), zipfEntities)
	p.townsZ = newZipf(len(p.towns), zipfEntities)
	p.instZ = newZipf(len(p.institutions), zipfEntities)
	return p, nil
}

// declineList declines the capitalised names of an embedded list, keeping
// the first n whose every case the dictionary confirms.
func declineList(d *polish.Dictionary, file string, g polish.Gender, n int) ([]forms, error) {
	names, err := readList(file)
	if err != nil {
		return nil, err
	}
	var out []forms
	for _, w := range names {
		if len(out) == n {
			break
		}
		if !isLowerWord(w) {
			continue
		}
		name := capitalize(w)
		if f, ok := decline(d, name, g); ok {
			out = append(out, f)
		} else if g == polish.F && !strings.HasSuffix(name, "a") && d.Contains(name) {
			// A woman's surname ending in a consonant does not decline:
			// "z Anną Nowak".
			out = append(out, forms{name, name, name, name, name, name})
		}
	}
	if len(out) < n/4 {
		return nil, fmt.Errorf("%s: only %d names declined", file, len(out))
	}
	return out, nil
}

func insertAt[T any](xs []T, i int, x T) []T {
	if i > len(xs) {
		i = len(xs)
	}
	xs = append(xs, x)
	copy(xs[i+1:], xs[i:])
	xs[i] = x
	return xs
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
