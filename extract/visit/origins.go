package visit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// placeKind says whether a place can be where a visit happened (a
// locality) or only the region or country around it.
type placeKind uint8

const (
	locality placeKind = iota
	region
	country
)

// countries are the nominative names of states, as the extractor's
// gazetteer writes them (extract/data/places.txt; a test checks both
// agree).
var countries = setOf(`Polska Niemcy Francja Wielka_Brytania Hiszpania Portugalia Włochy Grecja
	Holandia Belgia Luksemburg Szwajcaria Austria Czechy Słowacja Węgry Rumunia Bułgaria Serbia
	Chorwacja Słowenia Bośnia_i_Hercegowina Czarnogóra Albania Macedonia_Północna Kosowo Mołdawia
	Ukraina Białoruś Rosja Litwa Łotwa Estonia Finlandia Szwecja Norwegia Dania Islandia Irlandia
	Gruzja Armenia Azerbejdżan Turcja Kazachstan Izrael Palestyna Egipt Maroko Tunezja Algieria
	Nigeria Kenia RPA Chiny Japonia Korea_Południowa Korea_Północna Indie Wietnam Tajlandia
	Indonezja Australia Nowa_Zelandia Kanada Stany_Zjednoczone Meksyk Brazylia Argentyna Chile
	Kuba Iran Irak Syria Afganistan Pakistan Arabia_Saudyjska Katar Watykan Cypr Malta Monako
	Liechtenstein Andora Tadżykistan Uzbekistan Turkmenistan Kirgistan Mongolia Nepal Bangladesz
	Sri_Lanka Mjanma Laos Kambodża Malezja Singapur Filipiny Tajwan Kolumbia Wenezuela Peru
	Ekwador Boliwia Paragwaj Urugwaj Kostaryka Panama Gwatemala Honduras Salwador Nikaragua
	Dominikana Haiti Jamajka Etiopia Somalia Sudan Libia Jordania Liban Kuwejt Bahrajn Oman Jemen
	Zjednoczone_Emiraty_Arabskie Senegal Ghana Kamerun Angola Mozambik Zambia Zimbabwe Tanzania
	Uganda Rwanda Kongo Madagaskar Namibia Botswana Mali Niger Czad Grenlandia Europa Azja Afryka Skandynawia
	Ameryka_Północna Ameryka_Południowa Antarktyda Bałkany Anglia Szkocja Walia`)

// polishLands are the Polish regions a text names without the word
// "województwo" (Mazowsze, Kaszuby); a place whose name starts with a
// lower-case word (województwo mazowieckie, obwód winnicki) is a region
// too.
var polishLands = setOf(`Dolny_Śląsk Kujawy Lubelszczyzna Ziemia_Lubuska Małopolska Mazowsze
	Opolszczyzna Podkarpacie Podlasie Pomorze Śląsk Górny_Śląsk Kielecczyzna Warmia Mazury
	Warmia_i_Mazury Wielkopolska Pomorze_Zachodnie Kaszuby Podhale Żuławy Roztocze Bieszczady
	Tatry Sudety Suwalszczyzna Zaolzie Polesie`)

// foreignRegions are the regions abroad that Polish regions partner with
// and news names.
var foreignRegions = setOf(`Walonia Flandria Bretania Normandia Prowansja Alzacja Burgundia
	Akwitania Owernia Nadrenia-Palatynat Nadrenia_Północna-Westfalia Bawaria Saksonia
	Brandenburgia Meklemburgia-Pomorze_Przednie Turyngia Hesja Badenia-Wirtembergia
	Dolna_Saksonia Szlezwik-Holsztyn Saara Katalonia Andaluzja Lombardia Toskania
	Wenecja_Euganejska Piemont Morawy Kraj_Morawsko-Śląski Zakarpacie Wołyń Podole Galicja
	Kalifornia Teksas Krym Donbas Syczuan Hubei Junnan Szantung Kraj_Basków Tyrol Styria
	Karyntia Jutlandia Skania Laponia Sardynia Sycylia Kalabria Apulia Bukowina Transylwania
	Dalmacja Istria Limburgia Brabancja Liguria Kampania Lacjum Emilia-Romania`)

// originAdjectives map the adjectives of origin (delegacja japońska,
// goście rosyjscy) to the place they name, by their masculine lemma.
var originAdjectives = pairsOf(`polski=Polska niemiecki=Niemcy francuski=Francja
	brytyjski=Wielka_Brytania angielski=Anglia szkocki=Szkocja walijski=Walia hiszpański=Hiszpania
	portugalski=Portugalia włoski=Włochy grecki=Grecja holenderski=Holandia niderlandzki=Holandia
	belgijski=Belgia luksemburski=Luksemburg szwajcarski=Szwajcaria austriacki=Austria
	czeski=Czechy słowacki=Słowacja węgierski=Węgry rumuński=Rumunia bułgarski=Bułgaria
	serbski=Serbia chorwacki=Chorwacja słoweński=Słowenia bośniacki=Bośnia_i_Hercegowina
	czarnogórski=Czarnogóra albański=Albania macedoński=Macedonia_Północna kosowski=Kosowo
	mołdawski=Mołdawia ukraiński=Ukraina białoruski=Białoruś rosyjski=Rosja litewski=Litwa
	łotewski=Łotwa estoński=Estonia fiński=Finlandia szwedzki=Szwecja norweski=Norwegia
	duński=Dania islandzki=Islandia irlandzki=Irlandia gruziński=Gruzja ormiański=Armenia
	armeński=Armenia azerski=Azerbejdżan azerbejdżański=Azerbejdżan turecki=Turcja
	kazachski=Kazachstan kazachstański=Kazachstan izraelski=Izrael palestyński=Palestyna
	egipski=Egipt marokański=Maroko tunezyjski=Tunezja algierski=Algieria nigeryjski=Nigeria
	kenijski=Kenia chiński=Chiny japoński=Japonia koreański=Korea_Południowa
	południowokoreański=Korea_Południowa indyjski=Indie wietnamski=Wietnam tajlandzki=Tajlandia
	indonezyjski=Indonezja australijski=Australia nowozelandzki=Nowa_Zelandia kanadyjski=Kanada
	amerykański=Stany_Zjednoczone meksykański=Meksyk brazylijski=Brazylia argentyński=Argentyna
	chilijski=Chile kubański=Kuba irański=Iran iracki=Irak syryjski=Syria pakistański=Pakistan
	saudyjski=Arabia_Saudyjska katarski=Katar cypryjski=Cypr maltański=Malta uzbecki=Uzbekistan
	tadżycki=Tadżykistan turkmeński=Turkmenistan kirgiski=Kirgistan mongolski=Mongolia
	malezyjski=Malezja singapurski=Singapur filipiński=Filipiny tajwański=Tajwan
	kolumbijski=Kolumbia peruwiański=Peru etiopski=Etiopia jordański=Jordania libański=Liban
	emiracki=Zjednoczone_Emiraty_Arabskie waloński=Walonia flamandzki=Flandria
	bretoński=Bretania bawarski=Bawaria saksoński=Saksonia turyngski=Turyngia
	kataloński=Katalonia toskański=Toskania zakarpacki=Zakarpacie morawski=Morawy
	wołyński=Wołyń syczuański=Syczuan
	mazowiecki=województwo_mazowieckie małopolski=województwo_małopolskie
	wielkopolski=województwo_wielkopolskie dolnośląski=województwo_dolnośląskie
	śląski=województwo_śląskie opolski=województwo_opolskie lubelski=województwo_lubelskie
	łódzki=województwo_łódzkie pomorski=województwo_pomorskie
	zachodniopomorski=województwo_zachodniopomorskie kujawsko-pomorski=województwo_kujawsko-pomorskie
	warmińsko-mazurski=województwo_warmińsko-mazurskie podlaski=województwo_podlaskie
	podkarpacki=województwo_podkarpackie świętokrzyski=województwo_świętokrzyskie
	lubuski=województwo_lubuskie`)

// demonyms map the lemmas of the names of peoples (grupa Holendrów,
// Rosjanie z Kaliningradu) to their country.
var demonyms = pairsOf(`Polak=Polska Niemiec=Niemcy Francuz=Francja Brytyjczyk=Wielka_Brytania
	Anglik=Anglia Szkot=Szkocja Hiszpan=Hiszpania Portugalczyk=Portugalia Włoch=Włochy Grek=Grecja
	Holender=Holandia Belg=Belgia Szwajcar=Szwajcaria Austriak=Austria Czech=Czechy
	Słowak=Słowacja Węgier=Węgry Rumun=Rumunia Bułgar=Bułgaria Serb=Serbia Chorwat=Chorwacja
	Słoweniec=Słowenia Mołdawianin=Mołdawia Ukrainiec=Ukraina Białorusin=Białoruś Rosjanin=Rosja
	Litwin=Litwa Łotysz=Łotwa Estończyk=Estonia Fin=Finlandia Szwed=Szwecja Norweg=Norwegia
	Duńczyk=Dania Islandczyk=Islandia Irlandczyk=Irlandia Gruzin=Gruzja Ormianin=Armenia
	Turek=Turcja Kazach=Kazachstan Izraelczyk=Izrael Egipcjanin=Egipt Chińczyk=Chiny
	Japończyk=Japonia Koreańczyk=Korea_Południowa Hindus=Indie Wietnamczyk=Wietnam
	Tajwańczyk=Tajwan Australijczyk=Australia Kanadyjczyk=Kanada Amerykanin=Stany_Zjednoczone
	Meksykanin=Meksyk Brazylijczyk=Brazylia Argentyńczyk=Argentyna Mongoł=Mongolia
	Uzbek=Uzbekistan Flamand=Flandria Walończyk=Walonia Bawarczyk=Bawaria Bretończyk=Bretania
	Katalończyk=Katalonia`)

// setOf reads a list of names separated by white space, "_" standing for a
// space inside a name.
func setOf(list string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(list) {
		m[strings.ReplaceAll(f, "_", " ")] = true
	}
	return m
}

// pairsOf reads "key=value" pairs separated by white space, "_" standing
// for a space.
func pairsOf(list string) map[string]string {
	m := map[string]string{}
	for _, f := range strings.Fields(list) {
		k, v, _ := strings.Cut(f, "=")
		m[k] = strings.ReplaceAll(v, "_", " ")
	}
	return m
}

// kindOfPlace classifies a canonical place name.
func kindOfPlace(name string) placeKind {
	switch {
	case countries[name]:
		return country
	case polishLands[name] || foreignRegions[name]:
		return region
	}
	r, _ := utf8.DecodeRuneInString(name)
	if unicode.IsLower(r) {
		return region // województwo …, obwód …, powiat …, gmina …
	}
	return locality
}

// foreign reports a country other than Poland or a region abroad.
func foreign(name string) bool {
	return countries[name] && name != "Polska" || foreignRegions[name] ||
		strings.HasPrefix(name, "obwód ") || strings.HasPrefix(name, "prowincja ")
}
