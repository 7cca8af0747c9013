package extract

import (
	_ "embed"
	"strings"

	"github.com/kronika/kronika/polish"
)

// The word lists of the entity rules (instrules.go, personrules.go,
// placerules.go and the steps around them), gathered here so that adding
// a word to a list is enough for every rule that reads it. The long
// tables are data files: the institution head nouns (data/heads.txt),
// the functions (data/roles.txt) and the given names
// (data/names-male.txt, data/names-female.txt); the places are
// data/places.txt and data/localities.txt (gazetteer.go, localities.go).
// The date rules have theirs in datewords.go.

//go:embed data/heads.txt
var headsData string

//go:embed data/roles.txt
var rolesData string

//go:embed data/names-male.txt
var maleNamesData string

//go:embed data/names-female.txt
var femaleNamesData string

// dataLines gives the lines of a data file that are neither blank nor
// comments (#).
func dataLines(data string) []string {
	var out []string
	for line := range strings.SplitSeq(data, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// dataWords gives the words of a data file's lines, in order.
func dataWords(data string) []string {
	var out []string
	for _, line := range dataLines(data) {
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// Institutions.

// legalForms are the company-form suffixes kept with an institution name,
// keyed by their lower-case token sequence.
var legalForms = [][]string{
	{"s", ".", "a", "."}, {"sa"}, {"s", ".", "a"},
	{"sp", ".", "z", "o", ".", "o", "."}, {"sp", "z", "o", "o"}, {"sp", ".", "z", "o", ".", "o"},
	{"sp", ".", "k", "."}, {"sp", ".", "j", "."}, {"s", ".", "c", "."},
}

// branchHeads are the heads of branches and delegations, which are named
// by the place they stand in.
var branchHeads = map[string]bool{"oddział": true, "delegatura": true, "filia": true, "przedstawicielstwo": true, "ekspozytura": true, "placówka": true}

// genericAdjectives are the adjectives in -ski, -cki, -dzki that do not
// come from a place name (Rada Miejska, Sąd Wojewódzki, Koło Wiejskie).
var genericAdjectives = []string{"miejsk", "wiejsk", "wojewódzk", "akademick", "katolick", "ewangelick", "lekarsk", "pielęgniarsk",
	"kupieck", "rycersk", "harcersk", "żeglarsk", "strzeleck", "rodzicielsk", "nauczycielsk", "uczniowsk", "studenck", "męsk", "żołniersk",
	"sąsiedzk", "obywatelsk", "społeczn", "ludzk", "dziecięc", "gospodarsk", "rolnick", "żydowsk", "chrześcijańsk", "ekologiczn"}

// governingBodies are heads that name the board or office of another
// institution when one follows in the genitive (Zarząd Związku Gmin …,
// Rada Nadzorcza Spółki …, Biuro Związku): the institution after them is
// the entity, the body is not.
var governingBodies = map[string]bool{"zarząd": true, "rada": true, "dyrekcja": true, "biuro": true, "komisja": true, "komitet": true, "zgromadzenie": true}

// placeNamedHeads are heads whose institution may be named by its place
// alone (Uniwersytet w Liège, Politechnika w Mons).
var placeNamedHeads = map[string]bool{"uniwersytet": true, "politechnika": true, "akademia": true, "uczelnia": true, "instytut": true,
	"szpital": true, "konsulat": true, "ambasada": true, "filharmonia": true, "muzeum": true, "teatr": true, "opera": true, "sąd": true}

// appositionHeads are lower-case common nouns after which a capitalised
// name is the name of an organisation (stowarzyszenia Stedenband
// Leiden-Toruń, firmy Orlen).
var appositionHeads = map[string]bool{
	"stowarzyszenie": true, "stowarzyszenia": true, "stowarzyszeniu": true, "stowarzyszeniem": true,
	"fundacja": true, "fundacji": true, "fundację": true, "fundacją": true,
	"firma": true, "firmy": true, "firmie": true, "firmę": true, "firmą": true,
	"spółka": true, "spółki": true, "spółce": true, "spółkę": true, "spółką": true,
	"klub": true, "klubu": true, "klubie": true, "klubem": true,
	"organizacja": true, "organizacji": true, "organizację": true, "organizacją": true,
	"koncern": true, "koncernu": true, "koncernie": true, "koncernem": true,
	"partia": true, "partii": true, "partię": true, "partią": true,
	"klaster": true, "klastra": true, "klastrze": true, "klastrem": true, "klastrowi": true,
	"start-up": true, "start-upu": true, "start-upie": true, "start-upem": true, "startup": true, "startupu": true, "startupie": true, "startupem": true,
	"przedsiębiorstwo": true, "przedsiębiorstwa": true, "przedsiębiorstwie": true, "przedsiębiorstwem": true,
	"spółdzielnia": true, "spółdzielni": true, "spółdzielnię": true, "spółdzielnią": true,
	"holding": true, "holdingu": true, "holdingiem": true,
}

// mediaWords are nouns after which a quoted name is a newspaper, a
// station or a portal (dziennikarz „Leidse Dagblatt”).
var mediaWords = map[string]bool{
	"dziennikarz": true, "dziennikarza": true, "dziennikarzem": true, "dziennikarka": true, "dziennikarki": true, "dziennikarką": true,
	"redaktor": true, "redaktora": true, "redaktorem": true, "redakcja": true, "redakcji": true, "reporter": true, "reportera": true,
	"gazeta": true, "gazety": true, "gazecie": true, "gazetą": true, "dziennik": true, "dziennika": true, "dzienniku": true, "dziennikiem": true,
	"tygodnik": true, "tygodnika": true, "tygodniku": true, "miesięcznik": true, "miesięcznika": true, "magazyn": true, "magazynu": true,
	"portal": true, "portalu": true, "portalem": true, "radio": true, "radia": true, "radiu": true, "telewizja": true, "telewizji": true,
	"stacja": true, "stacji": true, "agencja": true, "agencji": true, "serwis": true, "serwisu": true, "wydawnictwo": true, "wydawnictwa": true,
}

// churchUnits are heads written in lower case before a proper adjective
// in names of church units (diecezji pelplińskiej).
var churchUnits = map[string]bool{"diecezja": true, "archidiecezja": true, "parafia": true, "metropolia": true}

// knownAcronyms expands acronyms of national and international bodies that
// Polish news uses without introducing them.
var knownAcronyms = map[string]string{
	"UE": "Unia Europejska", "ONZ": "Organizacja Narodów Zjednoczonych", "NATO": "Organizacja Traktatu Północnoatlantyckiego",
	"MSZ": "Ministerstwo Spraw Zagranicznych", "MSWiA": "Ministerstwo Spraw Wewnętrznych i Administracji", "MON": "Ministerstwo Obrony Narodowej",
	"NFZ": "Narodowy Fundusz Zdrowia", "ZUS": "Zakład Ubezpieczeń Społecznych", "GUS": "Główny Urząd Statystyczny",
	"IPN": "Instytut Pamięci Narodowej", "PKP": "Polskie Koleje Państwowe", "NBP": "Narodowy Bank Polski", "KE": "Komisja Europejska",
	"PE": "Parlament Europejski", "PiS": "Prawo i Sprawiedliwość", "PO": "Platforma Obywatelska", "PSL": "Polskie Stronnictwo Ludowe",
	"SLD": "Sojusz Lewicy Demokratycznej", "NCBR": "Narodowe Centrum Badań i Rozwoju", "NCBiR": "Narodowe Centrum Badań i Rozwoju",
	"PARP": "Polska Agencja Rozwoju Przedsiębiorczości", "ARiMR": "Agencja Restrukturyzacji i Modernizacji Rolnictwa",
	"KRUS": "Kasa Rolniczego Ubezpieczenia Społecznego", "GDDKiA": "Generalna Dyrekcja Dróg Krajowych i Autostrad",
	"WHO": "Światowa Organizacja Zdrowia", "OSP": "Ochotnicza Straż Pożarna", "PSP": "Państwowa Straż Pożarna",
	"KGP": "Komenda Główna Policji", "CBA": "Centralne Biuro Antykorupcyjne", "ABW": "Agencja Bezpieczeństwa Wewnętrznego",
	"NIK": "Najwyższa Izba Kontroli", "TK": "Trybunał Konstytucyjny", "SN": "Sąd Najwyższy", "RPO": "Rzecznik Praw Obywatelskich",
	"UOKiK": "Urząd Ochrony Konkurencji i Konsumentów", "PAIH": "Polska Agencja Inwestycji i Handlu", "TVP": "Telewizja Polska",
	"PAP": "Polska Agencja Prasowa", "PAN": "Polska Akademia Nauk", "KRRiT": "Krajowa Rada Radiofonii i Telewizji",
	"PKW": "Państwowa Komisja Wyborcza", "GIS": "Główny Inspektorat Sanitarny", "CBŚ": "Centralne Biuro Śledcze",
	"EBI": "Europejski Bank Inwestycyjny", "EBC": "Europejski Bank Centralny", "OBWE": "Organizacja Bezpieczeństwa i Współpracy w Europie",
	"UNESCO": "Organizacja Narodów Zjednoczonych do spraw Oświaty, Nauki i Kultury", "PZPN": "Polski Związek Piłki Nożnej",
	"PKOl": "Polski Komitet Olimpijski", "ZNP": "Związek Nauczycielstwa Polskiego", "NSZZ": "Niezależny Samorządny Związek Zawodowy „Solidarność”",
}

// notAcronyms are capitalised abbreviations that do not name an
// institution.
var notAcronyms = map[string]bool{
	"COVID": true, "PDF": true, "PIT": true, "VAT": true, "CIT": true, "SMS": true, "DNA": true, "LED": true, "GPS": true, "WWW": true,
	"II": true, "III": true, "IV": true, "VI": true, "VII": true, "VIII": true, "IX": true, "XI": true, "XII": true, "XX": true, "XXI": true,
	"OK": true, "TV": true, "PR": true, "IT": true, "CV": true, "ID": true, "USB": true, "SA": true, "ZŁ": true, "PLN": true, "EUR": true, "USD": true,
	"MW": true, "KW": true, "KM": true, "CO": true, "CO2": true, "HIV": true, "AIDS": true, "SARS": true, "ICT": true, "B+R": true, "BR": true, "UB": true,
	"JST": true, "PKB": true, "NIP": true, "PESEL": true, "REGON": true, "KRS": true, "FOT": true, "RED": true,
	"HTML": true, "XML": true, "PHP": true, "MMS": true, "GSM": true, "LTE": true, "DVD": true, "CD": true, "HD": true, "JPG": true,
	"AI": true, "API": true, "LCD": true, "RTG": true, "EKG": true, "BHP": true, "FC": true, "PC": true, "SUV": true, "ABS": true,
	"UV": true, "IQ": true, "MVP": true, "DJ": true, "MC": true, "VIP": true, "FAQ": true, "RSS": true, "QR": true,
	"RODO": true, "BIP": true, "OZE": true, "SMOG": true, "PM": true, "AM": true, "NN": true, "CEO": true, "CFO": true, "HR": true,
}

// acronymEndings are the case endings Polish puts on acronyms (ZUS-u,
// NATO-wi, MOSiRu, PZU-em).
var acronymEndings = map[string]bool{"u": true, "a": true, "em": true, "owi": true, "wi": true, "ie": true, "e": true, "y": true, "ą": true,
	"ę": true, "om": true, "ów": true, "ami": true, "ach": true, "m": true, "iem": true, "ze": true, "cie": true}

// fixedNames are institutions whose names no head-noun rule builds, with
// their inflected forms (lower case, words joined by one space) and
// acronym.
var fixedNames = []struct {
	name, acronym string
	forms         []string
}{
	{"Prawo i Sprawiedliwość", "PiS", []string{"prawo i sprawiedliwość", "prawa i sprawiedliwości", "prawu i sprawiedliwości", "prawem i sprawiedliwością"}},
	{"Sejm", "", []string{"sejm", "sejmu", "sejmowi", "sejmem", "sejmie"}},
	{"Senat", "", []string{"senat", "senatu", "senatowi", "senatem", "senacie"}},
	{"Lewica", "", []string{"lewica", "lewicy", "lewicę", "lewicą"}},
	{"Konfederacja", "", []string{"konfederacja", "konfederacji", "konfederację", "konfederacją"}},
}

// legalSuffixes are the legal forms at the end of a name as written,
// dropped when names are compared (stripLegalForm).
var legalSuffixes = []string{" s.a.", " sa", " s.a", " sp. z o.o.", " sp. z o.o", " sp.k.", " sp.j.", " s.c."}

// prepositions are the prepositions and conjunctions that may stand
// inside a name or a function phrase (Biuro ds. współpracy z zagranicą,
// Burmistrz Miasta i Gminy).
var prepositions = map[string]bool{"w": true, "we": true, "z": true, "ze": true, "na": true, "do": true, "od": true, "przy": true, "dla": true,
	"o": true, "po": true, "pod": true, "nad": true, "przez": true, "oraz": true, "i": true, "a": true}

// properAdjectiveEndings are the endings of adjectives made from proper
// names: -ski, -cki, -dzki in every case and gender (olsztyński,
// pelplińskiej).
var properAdjectiveEndings = func() []string {
	var out []string
	for _, s := range []string{"sk", "ck", "dzk"} {
		for _, e := range []string{"i", "a", "ie", "iego", "iej", "im", "ą", "iemu"} {
			out = append(out, s+e)
		}
	}
	return out
}()

// People.

// titles are honorifics written before a name and not part of it, with
// the case and gender they show.
var titles = map[string]titleForm{
	"pan": {polish.Nom, polish.Masculine}, "pana": {polish.Gen, polish.Masculine}, "panu": {polish.Dat, polish.Masculine},
	"panem": {polish.Inst, polish.Masculine}, "panie": {polish.Loc, polish.Masculine}, "pani": {0, polish.F},
	"panią": {polish.Acc, polish.F}, "dr": {0, 0}, "dra": {polish.Gen, polish.Masculine}, "drem": {polish.Inst, polish.Masculine},
	"doktor": {0, 0}, "hab": {0, 0}, "prof": {0, 0}, "profesor": {0, 0}, "mgr": {0, 0}, "inż": {0, 0}, "ks": {0, polish.Masculine},
	"ksiądz": {polish.Nom, polish.Masculine}, "księdza": {polish.Gen, polish.Masculine}, "abp": {0, polish.Masculine},
	"bp": {0, polish.Masculine}, "gen": {0, polish.Masculine}, "płk": {0, polish.Masculine}, "mec": {0, 0}, "doc": {0, 0},
	"lek": {0, 0}, "med": {0, 0}, "ekscelencja": {polish.Nom, 0}, "ekscelencji": {polish.Gen, 0}, "kard": {0, polish.Masculine},
	"o": {0, polish.Masculine}, "s": {0, polish.F}, "siostra": {polish.Nom, polish.F}, "mjr": {0, polish.Masculine},
	"kpt": {0, polish.Masculine}, "por": {0, polish.Masculine}, "st": {0, 0}, "asp": {0, 0}, "sierż": {0, 0}, "red": {0, 0},
	"fot": {polish.Nom, 0}, "autor": {polish.Nom, 0}, "autorka": {polish.Nom, polish.F}, "im": {polish.Gen, 0},
	"imienia": {polish.Gen, 0}, "św": {polish.Gen, 0},
}

// nameParticles are the lower-case parts of foreign surnames (Caspar ten
// Dam, Ludwig van Beethoven).
var nameParticles = map[string]bool{"ten": true, "van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "du": true, "del": true, "della": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "ter": true, "zu": true, "dos": true, "das": true}

// stopCapitalised are words often capitalised at the start of a sentence
// or in headings that are never names.
var stopCapitalised = map[string]bool{
	"w": true, "we": true, "z": true, "na": true, "do": true, "i": true, "oraz": true, "a": true, "to": true, "jest": true, "jak": true,
	"ten": true, "ta": true, "te": true, "tym": true, "tej": true, "ich": true, "jego": true, "jej": true, "nasz": true, "nasza": true,
	"podczas": true, "dzięki": true, "według": true, "przez": true, "po": true, "od": true, "dla": true, "przy": true, "nie": true,
	"się": true, "także": true, "również": true, "ponadto": true, "jednak": true, "aktualności": true, "galeria": true, "zdjęcia": true,
	"fot": true, "foto": true, "źródło": true, "czytaj": true, "więcej": true, "zobacz": true, "komentarze": true, "udostępnij": true,
	"polska": true, "polski": true, "polskie": true, "województwo": true, "miasto": true, "gmina": true, "powiat": true,
}

// speechVerbs are the verbs that introduce a speaker after a quotation,
// with the gender their past-tense form shows (0 for the present).
var speechVerbs = func() map[string]polish.Gender {
	m := map[string]polish.Gender{}
	for _, stem := range []string{"powiedzia", "mówi", "doda", "podkreśli", "zaznaczy", "stwierdzi", "wyjaśni", "poinformowa",
		"tłumaczy", "przekonywa", "zapowiedzia", "oceni", "skomentowa", "odpowiedzia", "przypomnia", "relacjonowa", "opowiada", "zauważy",
		"dodawa", "podsumowa", "apelowa", "zaapelowa", "wspomina", "przyzna", "zapewni", "ostrzega", "ogłosi", "wyjaśnia"} {
		m[stem+"ł"] = polish.Masculine
		m[stem+"ła"] = polish.F
	}
	for _, w := range []string{"mówi", "dodaje", "podkreśla", "zaznacza", "stwierdza", "wyjaśnia", "informuje", "tłumaczy", "przekonuje",
		"zapowiada", "ocenia", "komentuje", "odpowiada", "przypomina", "relacjonuje", "opowiada", "zauważa", "podsumowuje", "apeluje",
		"wspomina", "przyznaje", "zapewnia", "ostrzega", "uważa"} {
		m[w] = 0
	}
	return m
}()

// foreignMarks are letter groups that Polish spelling does not use and
// English, German or French names do.
var foreignMarks = []string{"th", "sh", "ck", "gh", "ph", "ee", "oo", "ou", "ea", "ey", "ay", "q", "x", "v", "tt", "ll", "ss", "ff", "son", "'", "’"}

// streetMarkers introduce a street, square or estate name, whose words
// name no person, place or date of the article (ul. Jana Pawła II, ul. 3
// Maja, pl. Wolności); "im." introduces a patron.
var streetMarkers = map[string]bool{
	"ul": true, "ulica": true, "ulicy": true, "ulicę": true, "ulicą": true, "al": true, "aleja": true, "alei": true, "aleję": true, "aleją": true,
	"pl": true, "plac": true, "placu": true, "placem": true, "os": true, "osiedle": true, "osiedlu": true, "osiedla": true,
	"rondo": true, "rondzie": true, "ronda": true, "skwer": true, "skwerze": true, "bulwar": true, "bulwarze": true, "im": true, "imienia": true,
}

// lowerRoleWords are the lower-case words that belong inside function
// phrases (Marszałek sejmiku województwa, Minister spraw zagranicznych).
var lowerRoleWords = map[string]bool{
	"sejmiku": true, "województwa": true, "miasta": true, "gminy": true, "powiatu": true, "spraw": true, "ds": true, "rady": true,
	"zarządu": true, "urzędu": true, "generalny": true, "generalnego": true, "generalnym": true, "regionu": true, "kraju": true,
	"obwodu": true, "okręgu": true, "landu": true, "prowincji": true, "stanu": true, "hrabstwa": true, "parafii": true, "diecezji": true,
	"szkoły": true, "klubu": true, "fundacji": true, "stowarzyszenia": true, "firmy": true, "spółki": true, "banku": true,
	"instytutu": true, "wydziału": true, "departamentu": true, "biura": true, "działu": true, "zespołu": true, "rządu": true,
	"ministerstwa": true, "ministra": true, "prezydenta": true, "burmistrza": true, "wójta": true, "starosty": true, "marszałka": true,
	"wojewody": true, "dyrektora": true, "prezesa": true, "komendy": true, "policji": true, "straży": true, "sądu": true,
	"szpitala": true, "uczelni": true, "uniwersytetu": true,
}

// Places.

// territorialForms maps the forms of the territorial nouns whose
// adjective names the place (powiatu tucholskiego → powiat tucholski) to
// their lemma, gender and case.
var territorialForms = func() map[string]territorialForm {
	// lemma, gender, then the nominative, genitive, dative, accusative,
	// instrumental and locative the rules read ("-": none)
	const table = `
powiat m powiat powiatu powiatowi - powiatem powiecie
obwód m obwód obwodu obwodowi - obwodem obwodzie
województwo n województwo województwa województwu - województwem województwie
okręg m okręg okręgu - - - -
rejon m rejon rejonu rejonowi - rejonem rejonie
kraj m kraj kraju - - - -
`
	m := map[string]territorialForm{}
	for _, line := range dataLines(table) {
		f := strings.Fields(line)
		for k, form := range f[2:] {
			if form != "-" {
				m[form] = territorialForm{lemma: f[0], gender: tableGender(f[1][0]), gcase: allCases[k]}
			}
		}
	}
	return m
}()

// territorialForm is one form of a territorial noun.
type territorialForm struct {
	lemma  string
	gender polish.Gender
	gcase  polish.Case
}

// unitForms are nouns followed by a place name in apposition (Gminy
// Szaflary, miasta Nierstein, regionu Walonia).
var unitForms = map[string]bool{
	"gmina": true, "gminy": true, "gminie": true, "gminę": true, "gminą": true,
	"miasto": true, "miasta": true, "mieście": true, "miastem": true, "miastu": true,
	"region": true, "regionu": true, "regionie": true, "regionem": true, "regionowi": true,
	"wieś": true, "wsi": true, "wsią": true,
	"prowincja": true, "prowincji": true, "prowincję": true, "prowincją": true,
	"hrabstwo": true, "hrabstwa": true, "hrabstwie": true, "hrabstwem": true,
	"kanton": true, "kantonu": true, "kantonie": true, "kantonem": true,
	"stanu": true, "stanie": true, "stanem": true,
}

// venueNouns are capitalised nouns that follow "w" without naming a place.
var venueNouns = map[string]bool{
	"ratusz": true, "aula": true, "sala": true, "urząd": true, "kościół": true, "pałac": true, "hala": true, "hotel": true,
	"budynek": true, "siedziba": true, "muzeum": true, "teatr": true, "kino": true, "rynek": true, "zamek": true, "dworzec": true,
	"szpital": true, "szkoła": true, "klub": true, "stadion": true, "ogród": true, "galeria": true, "filharmonia": true, "bazylika": true,
	"katedra": true, "kaplica": true, "internet": true, "sejm": true, "senat": true, "parlament": true, "forum": true, "dom": true,
	"centrum": true, "park": true, "auli": true, "sali": true, "ratuszu": true,
}

// notPlaces are proper nouns the dictionary has that name no place.
var notPlaces = map[string]bool{
	"polonia": true, "polonii": true, "polonię": true, "polonią": true, "wielkanoc": true, "wielkanocy": true, "wigilia": true, "wigilii": true,
	"bóg": true, "boga": true, "bogu": true, "internet": true, "internecie": true, "internetu": true, "biblia": true, "biblii": true,
}

// placePreps are the prepositions after which a capitalised word is
// most often a place (w Drobinie, do Liège, z Garliavy).
var placePreps = map[string]bool{"w": true, "we": true, "do": true, "z": true, "ze": true, "od": true, "koło": true, "pod": true,
	"spod": true, "przez": true, "przy": true, "okolic": true, "pobliżu": true, "okolicach": true}

// surnameEndings are the endings of inflected Polish surnames (Kowalskiego,
// Hlebowicza, Nowakiem), which a word after a preposition of place
// names a person by rather than a place.
var surnameEndings = []string{"owicz", "ewicz", "owicza", "ewicza", "owiczem", "ewiczem", "ski", "skiego", "skim", "skiemu", "cki",
	"ckiego", "ckim", "akiem", "ukiem", "ykiem", "ikiem", "akowi", "ukowi", "ykowi"}

// pluralEndings are the plural endings that make a word after a
// preposition of place name people or things rather than a place
// (Polakami, Kowalskich).
var pluralEndings = []string{"ami", "ach", "ów", "om", "ymi", "imi", "ych", "ich", "owie"}

// Names the tagger proposes that are no institutions or places
// (taggedfilter.go).

// buildingNouns are the nouns that name buildings and rooms.
var buildingNouns = map[string]bool{"ratusz": true, "aula": true, "sala": true, "pałac": true, "hala": true, "hotel": true, "budynek": true,
	"siedziba": true, "dworzec": true, "stadion": true, "kaplica": true, "bazylika": true, "kamienica": true, "dwór": true, "willa": true, "zamek": true}

// eventNouns are the head nouns of names of events, programmes,
// documents and prizes.
var eventNouns = map[string]bool{
	"forum": true, "strategia": true, "program": true, "programme": true, "projekt": true, "plan": true, "konferencja": true,
	"kongres": true, "festiwal": true, "targi": true, "konkurs": true, "nagroda": true, "turniej": true, "puchar": true,
	"mistrzostwa": true, "olimpiada": true, "biuletyn": true, "ustawa": true, "traktat": true, "deklaracja": true, "karta": true,
	"raport": true, "partnerstwo": true, "inicjatywa": true, "dzień": true, "tydzień": true, "gala": true, "wystawa": true,
	"fundusze": true, "igrzyska": true, "rok": true, "noc": true, "order": true, "medal": true, "krzyż": true, "plebiscyt": true,
}
