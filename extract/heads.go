package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// headForm is one inflected form of an institution head noun.
type headForm struct {
	lemma  string // nominative singular, lower case
	gender polish.Gender
	gcase  polish.Case
}

// headTable lists institution head nouns: lemma, gender, then the
// genitive, dative, accusative, instrumental and locative singular.
const headTable = `
urząd m urzędu urzędowi urząd urzędem urzędzie
ministerstwo n ministerstwa ministerstwu ministerstwo ministerstwem ministerstwie
agencja f agencji agencji agencję agencją agencji
departament m departamentu departamentowi departament departamentem departamencie
wydział m wydziału wydziałowi wydział wydziałem wydziale
biuro n biura biuru biuro biurem biurze
kancelaria f kancelarii kancelarii kancelarię kancelarią kancelarii
samorząd m samorządu samorządowi samorząd samorządem samorządzie
sejmik m sejmiku sejmikowi sejmik sejmikiem sejmiku
zarząd m zarządu zarządowi zarząd zarządem zarządzie
rada f rady radzie radę radą radzie
starostwo n starostwa starostwu starostwo starostwem starostwie
politechnika f politechniki politechnice politechnikę politechniką politechnice
uniwersytet m uniwersytetu uniwersytetowi uniwersytet uniwersytetem uniwersytecie
akademia f akademii akademii akademię akademią akademii
szkoła f szkoły szkole szkołę szkołą szkole
instytut m instytutu instytutowi instytut instytutem instytucie
centrum n centrum centrum centrum centrum centrum
fundacja f fundacji fundacji fundację fundacją fundacji
stowarzyszenie n stowarzyszenia stowarzyszeniu stowarzyszenie stowarzyszeniem stowarzyszeniu
zrzeszenie n zrzeszenia zrzeszeniu zrzeszenie zrzeszeniem zrzeszeniu
towarzystwo n towarzystwa towarzystwu towarzystwo towarzystwem towarzystwie
izba f izby izbie izbę izbą izbie
klaster m klastra klastrowi klaster klastrem klastrze
park m parku parkowi park parkiem parku
spółka f spółki spółce spółkę spółką spółce
związek m związku związkowi związek związkiem związku
komisja f komisji komisji komisję komisją komisji
komitet m komitetu komitetowi komitet komitetem komitecie
sąd m sądu sądowi sąd sądem sądzie
trybunał m trybunału trybunałowi trybunał trybunałem trybunale
dom m domu domowi dom domem domu
unia f unii unii unię unią unii
sieć f sieci sieci sieć siecią sieci
strefa f strefy strefie strefę strefą strefie
orkiestra f orkiestry orkiestrze orkiestrę orkiestrą orkiestrze
filharmonia f filharmonii filharmonii filharmonię filharmonią filharmonii
ośrodek m ośrodka ośrodkowi ośrodek ośrodkiem ośrodku
landtag m landtagu landtagowi landtag landtagiem landtagu
diecezja f diecezji diecezji diecezję diecezją diecezji
archidiecezja f archidiecezji archidiecezji archidiecezję archidiecezją archidiecezji
parafia f parafii parafii parafię parafią parafii
szpital m szpitala szpitalowi szpital szpitalem szpitalu
muzeum n muzeum muzeum muzeum muzeum muzeum
teatr m teatru teatrowi teatr teatrem teatrze
biblioteka f biblioteki bibliotece bibliotekę biblioteką bibliotece
komenda f komendy komendzie komendę komendą komendzie
straż f straży straży straż strażą straży
inspektorat m inspektoratu inspektoratowi inspektorat inspektoratem inspektoracie
inspekcja f inspekcji inspekcji inspekcję inspekcją inspekcji
kuratorium n kuratorium kuratorium kuratorium kuratorium kuratorium
prokuratura f prokuratury prokuraturze prokuraturę prokuraturą prokuraturze
sejm m sejmu sejmowi sejm sejmem sejmie
senat m senatu senatowi senat senatem senacie
parlament m parlamentu parlamentowi parlament parlamentem parlamencie
rząd m rządu rządowi rząd rządem rządzie
partia f partii partii partię partią partii
fundusz m funduszu funduszowi fundusz funduszem funduszu
bank m banku bankowi bank bankiem banku
przedsiębiorstwo n przedsiębiorstwa przedsiębiorstwu przedsiębiorstwo przedsiębiorstwem przedsiębiorstwie
zakład m zakładu zakładowi zakład zakładem zakładzie
organizacja f organizacji organizacji organizację organizacją organizacji
konfederacja f konfederacji konfederacji konfederację konfederacją konfederacji
klub m klubu klubowi klub klubem klubie
liceum n liceum liceum liceum liceum liceum
gimnazjum n gimnazjum gimnazjum gimnazjum gimnazjum gimnazjum
przedszkole n przedszkola przedszkolu przedszkole przedszkolem przedszkolu
kolegium n kolegium kolegium kolegium kolegium kolegium
galeria f galerii galerii galerię galerią galerii
opera f opery operze operę operą operze
oddział m oddziału oddziałowi oddział oddziałem oddziale
dyrekcja f dyrekcji dyrekcji dyrekcję dyrekcją dyrekcji
delegatura f delegatury delegaturze delegaturę delegaturą delegaturze
inkubator m inkubatora inkubatorowi inkubator inkubatorem inkubatorze
kasa f kasy kasie kasę kasą kasie
grupa f grupy grupie grupę grupą grupie
telewizja f telewizji telewizji telewizję telewizją telewizji
radio n radia radiu radio radiem radiu
gazeta f gazety gazecie gazetę gazetą gazecie
ambasada f ambasady ambasadzie ambasadę ambasadą ambasadzie
konsulat m konsulatu konsulatowi konsulat konsulatem konsulacie
policja f policji policji policję policją policji
komisariat m komisariatu komisariatowi komisariat komisariatem komisariacie
kongregacja f kongregacji kongregacji kongregację kongregacją kongregacji
zespół m zespołu zespołowi zespół zespołem zespole
chór m chóru chórowi chór chórem chórze
katedra f katedry katedrze katedrę katedrą katedrze
koalicja f koalicji koalicji koalicję koalicją koalicji
platforma f platformy platformie platformę platformą platformie
stronnictwo n stronnictwa stronnictwu stronnictwo stronnictwem stronnictwie
sojusz m sojuszu sojuszowi sojusz sojuszem sojuszu
koło n koła kołu koło kołem kole
obserwatorium n obserwatorium obserwatorium obserwatorium obserwatorium obserwatorium
hospicjum n hospicjum hospicjum hospicjum hospicjum hospicjum
przychodnia f przychodni przychodni przychodnię przychodnią przychodni
żłobek m żłobka żłobkowi żłobek żłobkiem żłobku
technikum n technikum technikum technikum technikum technikum
seminarium n seminarium seminarium seminarium seminarium seminarium
konserwatorium n konserwatorium konserwatorium konserwatorium konserwatorium konserwatorium
port m portu portowi port portem porcie
stocznia f stoczni stoczni stocznię stocznią stoczni
huta f huty hucie hutę hutą hucie
kopalnia f kopalni kopalni kopalnię kopalnią kopalni
elektrownia f elektrowni elektrowni elektrownię elektrownią elektrowni
spółdzielnia f spółdzielni spółdzielni spółdzielnię spółdzielnią spółdzielni
fabryka f fabryki fabryce fabrykę fabryką fabryce
wydawnictwo n wydawnictwa wydawnictwu wydawnictwo wydawnictwem wydawnictwie
rozgłośnia f rozgłośni rozgłośni rozgłośnię rozgłośnią rozgłośni
poczta f poczty poczcie pocztę pocztą poczcie
służba f służby służbie służbę służbą służbie
kuria f kurii kurii kurię kurią kurii
nadleśnictwo n nadleśnictwa nadleśnictwu nadleśnictwo nadleśnictwem nadleśnictwie
stacja f stacji stacji stację stacją stacji
dywizja f dywizji dywizji dywizję dywizją dywizji
brygada f brygady brygadzie brygadę brygadą brygadzie
pułk m pułku pułkowi pułk pułkiem pułku
archiwum n archiwum archiwum archiwum archiwum archiwum
bractwo n bractwa bractwu bractwo bractwem bractwie
cech m cechu cechowi cech cechem cechu
uczelnia f uczelni uczelni uczelnię uczelnią uczelni
kolej f kolei kolei kolej koleją kolei
filia f filii filii filię filią filii
przedstawicielstwo n przedstawicielstwa przedstawicielstwu przedstawicielstwo przedstawicielstwem przedstawicielstwie
euroregion m euroregionu euroregionowi euroregion euroregionem euroregionie
administracja f administracji administracji administrację administracją administracji
konsorcjum n konsorcjum konsorcjum konsorcjum konsorcjum konsorcjum
korporacja f korporacji korporacji korporację korporacją korporacji
prezydium n prezydium prezydium prezydium prezydium prezydium
akcelerator m akceleratora akceleratorowi akcelerator akceleratorem akceleratorze
laboratorium n laboratorium laboratorium laboratorium laboratorium laboratorium
zgromadzenie n zgromadzenia zgromadzeniu zgromadzenie zgromadzeniem zgromadzeniu
`

// headForms maps every form of a head noun (lower case) to its readings.
var headForms = func() map[string][]headForm {
	m := make(map[string][]headForm, 600)
	for line := range strings.SplitSeq(headTable, "\n") {
		f := strings.Fields(line)
		if len(f) != 7 {
			continue
		}
		lemma, g := f[0], tableGender(f[1][0])
		add := func(form string, c polish.Case) {
			for _, h := range m[form] {
				if h.lemma == lemma && h.gcase == c {
					return
				}
			}
			m[form] = append(m[form], headForm{lemma: lemma, gender: g, gcase: c})
		}
		add(lemma, polish.Nom)
		for i, c := range obliqueCases {
			add(f[2+i], c)
		}
	}
	return m
}()

// headLemmas holds the lemma of every head noun.
var headLemmas = func() map[string]bool {
	m := map[string]bool{}
	for _, hs := range headForms {
		for _, h := range hs {
			m[h.lemma] = true
		}
	}
	return m
}()

// legalForms are the company-form suffixes kept with an institution name,
// keyed by their lower-case token sequence.
var legalForms = [][]string{
	{"s", ".", "a", "."}, {"sa"}, {"s", ".", "a"},
	{"sp", ".", "z", "o", ".", "o", "."}, {"sp", "z", "o", "o"}, {"sp", ".", "z", "o", ".", "o"},
	{"sp", ".", "k", "."}, {"sp", ".", "j", "."}, {"s", ".", "c", "."},
}

// InstitutionHead reports whether word, in any case and capitalisation,
// is a form of one of the institution head nouns the rules build names
// around (Urzędu, Agencji, Banku), and gives the noun's nominative. The
// evaluation uses it to tell institutions named by a head noun from
// those named otherwise (companies, parties, media).
func InstitutionHead(word string) (string, bool) {
	hs := headForms[strings.ToLower(word)]
	if len(hs) == 0 {
		return "", false
	}
	return hs[0].lemma, true
}
