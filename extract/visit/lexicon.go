package visit

import (
	"strings"
	"unicode/utf8"
)

// trig is what a trigger word says about the event it names.
type trig uint8

const (
	trigNone trig = iota
	// trigGuestVerb: the subject travels or stays; the object or
	// destination receives (odwiedzić, przyjechać, przybyć, przebywać,
	// wizytować, zawitać).
	trigGuestVerb
	// trigStayOrHost: gościć, a host with an object (Samorząd gościł
	// przedstawiciela), a guest without one (Holendrzy goszczą w Toruniu).
	trigStayOrHost
	// trigHostVerb: the subject receives the object, when the object is
	// a person or a delegation (przyjąć, podejmować, powitać, ugościć).
	trigHostVerb
	// trigMeetVerb: the subject meets the "z" side (spotkać się z,
	// rozmawiać z).
	trigMeetVerb
	// trigVisitNoun: wizyta, odwiedziny, pobyt: its genitive is the
	// guest; with złożyć, its subject.
	trigVisitNoun
	// trigMeetNoun: spotkanie, rozmowa, rozmowy: its "z" side and its
	// genitive are the parties.
	trigMeetNoun
	// trigGuestNoun: delegacja, gość, goście: a party that came.
	trigGuestNoun
	// trigTour: zwiedzić: what guests do on a visit; it continues one
	// but does not make one.
	trigTour
	// trigDepart: guests leaving or back home (wyjeżdżają z Gołdapi,
	// wróciła z Namur): "z" is where they were.
	trigDepart
	// trigHostNoun: gospodarz: who hosted the visit just told
	// (Gospodarzem forum był …).
	trigHostNoun
)

// triggerLemmas maps the lemmas of the trigger words to what they say.
var triggerLemmas = map[string]trig{
	"odwiedzić": trigGuestVerb, "odwiedzać": trigGuestVerb, "przyjechać": trigGuestVerb,
	"przyjeżdżać": trigGuestVerb, "przybyć": trigGuestVerb, "przybywać": trigGuestVerb,
	"przebywać": trigGuestVerb, "wizytować": trigGuestVerb, "zawitać": trigGuestVerb,
	"gościć":  trigStayOrHost,
	"przyjąć": trigHostVerb, "przyjmować": trigHostVerb, "podejmować": trigHostVerb,
	"podjąć": trigHostVerb, "ugościć": trigHostVerb, "powitać": trigHostVerb,
	"witać": trigHostVerb, "przywitać": trigHostVerb, "pożegnać": trigHostVerb, "żegnać": trigHostVerb,
	"spotkać": trigMeetVerb, "spotykać": trigMeetVerb, "rozmawiać": trigMeetVerb,
	"porozmawiać": trigMeetVerb,
	"wizyta":      trigVisitNoun, "odwiedziny": trigVisitNoun, "pobyt": trigVisitNoun,
	"spotkanie": trigMeetNoun, "rozmowa": trigMeetNoun, "rozmowy": trigMeetNoun,
	"delegacja": trigGuestNoun, "gość": trigGuestNoun,
	"zwiedzić": trigTour, "zwiedzać": trigTour,
	"wyjechać": trigDepart, "wyjeżdżać": trigDepart, "odjechać": trigDepart, "opuścić": trigDepart,
	"wrócić": trigDepart, "powrócić": trigDepart, "wracać": trigDepart,
	"gospodarz": trigHostNoun,
}

// triggerStems are the beginnings of every form of the trigger words, so
// that only words that may be triggers are looked up in the dictionary.
var triggerStems = []string{
	"odwiedz", "odwiedź", "przyjecha", "przyjeżdż", "przyjedzi", "przyjad", "przyby",
	"przebyw", "wizyt", "wizyc", "zawita", "gości", "gość", "goszcz", "ugości", "ugoszcz",
	"przyj", "podejm", "podję", "podjąć", "podjął", "powita", "wita", "przywita", "pożegna", "żegna",
	"spotka", "spotyka", "spotkań", "rozmaw", "rozmow", "rozmów", "porozmaw",
	"pobyt", "pobyc", "delegac", "zwiedz", "wyjecha", "wyjeżdż", "odjecha", "opuści", "opuszcz",
	"wróci", "wróć", "powróci", "wraca", "gospodar",
}

// hostObjectHeads are the nouns whose presence as the object makes
// przyjąć or podejmować a reception rather than a decision (przyjął
// delegację, not przyjął uchwałę).
var hostObjectHeads = map[string]bool{
	"delegacja": true, "gość": true, "przedstawiciel": true, "ambasador": true, "konsul": true,
	"grupa": true, "minister": true, "wicepremier": true, "premier": true, "prezydent": true,
	"mer": true, "burmistrz": true, "gubernator": true, "członek": true, "uczestnik": true,
}

// groupNouns are the nouns that stand for a party of several people:
// with an origin they make a delegation named by where it came from.
var groupNouns = map[string]bool{
	"delegacja": true, "gość": true, "przedstawiciel": true, "grupa": true, "członek": true,
	"mieszkaniec": true, "misja": true, "ekipa": true, "reprezentacja": true,
	"samorządowiec": true, "uczestnik": true, "władze": true, "parlamentarzysta": true,
	"uczeń": true, "student": true, "młodzież": true, "przedsiębiorca": true, "naukowiec": true,
	"artysta": true, "sportowiec": true, "rolnik": true, "nauczyciel": true, "harcerz": true,
	"senior": true, "dziennikarz": true, "lekarz": true, "strażak": true, "policjant": true,
}

// guestNouns are the group nouns that mark their party as the guests.
var guestNouns = map[string]bool{"delegacja": true, "gość": true, "misja": true}

// roleNouns are functions that stand before or after a name (Marszałek
// Adam Struzik, Jan Nowak – burmistrz Gołdapi). A role without a name
// next to it is a party the text names only by function.
var roleNouns = map[string]bool{
	"marszałek": true, "wicemarszałek": true, "wojewoda": true, "wicewojewoda": true,
	"prezydent": true, "wiceprezydent": true, "burmistrz": true, "wiceburmistrz": true,
	"wójt": true, "starosta": true, "wicestarosta": true, "minister": true, "wiceminister": true,
	"premier": true, "wicepremier": true, "poseł": true, "posłanka": true, "senator": true,
	"radny": true, "ambasador": true, "konsul": true, "wicekonsul": true, "rektor": true,
	"prorektor": true, "dziekan": true, "dyrektor": true, "wicedyrektor": true, "kierownik": true,
	"prezes": true, "wiceprezes": true, "przewodniczący": true, "przewodnicząca": true,
	"wiceprzewodniczący": true, "wiceprzewodnicząca": true, "zastępca": true, "sekretarz": true,
	"skarbnik": true, "mer": true, "wicemer": true, "gubernator": true, "wicegubernator": true,
	"delegat": true, "komendant": true, "biskup": true, "arcybiskup": true, "metropolita": true,
	"członek": true, "szef": true, "kanclerz": true, "attaché": true, "doradca": true,
	"pełnomocnik": true, "rzecznik": true, "koordynator": true, "naczelnik": true,
	"sołtys": true, "landrat": true, "nadburmistrz": true, "hetman": true, "dyplomata": true,
	"przedstawiciel": true, "właściciel": true, "założyciel": true, "kurator": true,
	"komisarz": true, "europoseł": true, "eurodeputowany": true, "kardynał": true, "nuncjusz": true,
	"ksiądz": true, "proboszcz": true, "generał": true, "pułkownik": true, "inspektor": true,
	"sędzia": true, "prokurator": true, "rabin": true, "książę": true, "król": true, "królowa": true,
	"konsul generalny": true,
	// heads of regions and towns abroad: a Czech or Slovak kraj, a
	// Croatian or Hungarian county, a French department
	"hejtman": true, "żupan": true, "prefekt": true, "podsekretarz": true,
}

// titleWords stand before names and roles and are not part of either.
var titleWords = map[string]bool{
	"pan": true, "pana": true, "panu": true, "panem": true, "panie": true, "pani": true,
	"panią": true, "państwo": true, "państwa": true, "panowie": true, "panów": true,
	"panami": true, "dr": true, "hab": true, "prof": true,
	"mgr": true, "inż": true, "ks": true, "abp": true, "bp": true, "gen": true, "płk": true,
	"mec": true, "doc": true, "ekscelencja": true, "ekscelencji": true, "ekscelencję": true, "jego": true, "jej": true, "jw": true,
}

// localRoles are functions of a town's or region's own officials: named
// without a place in a story of guests from elsewhere, they are the hosts.
var localRoles = map[string]bool{
	"marszałek": true, "wicemarszałek": true, "wojewoda": true, "wicewojewoda": true,
	"prezydent": true, "wiceprezydent": true, "burmistrz": true, "wiceburmistrz": true,
	"wójt": true, "starosta": true, "wicestarosta": true, "sołtys": true,
}

// speechVerbs introduce the speaker of a quotation (– mówił Paweł
// Gulewski), who may be the official a sentence before named only by role.
var speechVerbs = map[string]bool{
	"mówić": true, "powiedzieć": true, "podkreślić": true, "podkreślać": true, "zaznaczyć": true,
	"dodać": true, "stwierdzić": true, "informować": true, "poinformować": true,
	"zauważyć": true, "przekonywać": true, "wyjaśnić": true, "wyjaśniać": true, "ocenić": true,
	"zapewnić": true, "mówiła": true,
}

// participationLemmas mark a list of participants (udział wzięli,
// uczestniczyli): who they are follows from the visit they took part in.
var participationLemmas = map[string]bool{
	"uczestniczyć": true, "udział": true, "obecny": true,
}

// dayWords resolve "W pierwszym dniu", "Drugiego dnia", "W kolejnym
// dniu" against the days of the visit: an offset from its first day, or
// -1 for "the day after the one before".
var dayWords = map[string]int{
	"pierwszy": 0, "drugi": 1, "trzeci": 2, "czwarty": 3, "piąty": 4,
	"kolejny": -1, "następny": -1,
}

// futureWords make a sentence speak of what is planned.
var futureWords = map[string]bool{
	"zaplanować": true, "planować": true, "planowany": true, "zaprosić": true,
	"zapraszać": true, "zamierzać": true, "zapowiedzieć": true, "zapowiadać": true,
	"przyszły": true, "kolejny": false,
}

// nounPrefixes are the beginnings all forms of the group nouns, role
// nouns and names of peoples share: the only words worth looking up when
// searching a sentence for parties named by a noun. A word keeps all but
// its last three letters through its forms (marszałek, marszałka), and
// at least its first three (gość, goście; Włoch, Włosi), at most five
// are needed.
var nounPrefixes = func() map[string]bool {
	m := map[string]bool{}
	for _, set := range []map[string]bool{groupNouns, roleNouns} {
		for w := range set {
			m[stemPrefix(w)] = true
		}
	}
	for w := range demonyms {
		m[stemPrefix(strings.ToLower(w))] = true
	}
	return m
}()

// stemPrefix returns the beginning of a lemma its forms keep.
func stemPrefix(w string) string {
	n := max(3, min(5, utf8.RuneCountInString(w)-3))
	return prefixN(w, n)
}

// mayBeNoun reports whether a lower-case word starts as a group noun,
// role noun or name of a people does, or as a deputy's role
// (wicehejtman).
func mayBeNoun(low string) bool {
	if rest, ok := strings.CutPrefix(low, "wice"); ok && len(rest) >= 3 && mayBeNoun(rest) {
		return true
	}
	return nounPrefixes[prefixN(low, 3)] || nounPrefixes[prefixN(low, 4)] || nounPrefixes[prefixN(low, 5)]
}

// prefixN returns the first n letters of a word.
func prefixN(w string, n int) string {
	k := 0
	for i := range w {
		if k == n {
			return w[:i]
		}
		k++
	}
	return w
}

// prefix3 returns the first three letters of a lower-case word.
func prefix3(w string) string { return prefixN(w, 3) }

// pastWords make a sentence speak of a visit long past.
var pastWords = map[string]bool{
	"wspominać": true, "wspomnieć": true, "pamiętać": true, "przed laty": true,
}
