package visit

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// findCases are short texts of our own, one or more for every case of
// the annotation guidelines, each naming the rule it exercises.
var findCases = []struct {
	name, rule string
	text, ents string
	pub        string
	want       []string
}{
	{
		name: "a host receives a delegation by origin", rule: "host-with-object",
		text: "W środę marszałek Jan Nowak przyjął w Kielcach delegację z Winnicy.",
		ents: "P Jan Nowak = Jan Nowak # marszałek; L Kielce = Kielcach; L Winnica = Winnicy; D W środę = 2020-05-13 day",
		pub:  "2020-05-14",
		want: []string{"visit V= from=Winnica H=Jan Nowak @Kielce 2020-05-13..2020-05-13"},
	},
	{
		name: "gościć with a person as object", rule: "host-with-object",
		text: "Samorząd Województwa Opolskiego gościł ambasadora Japonii Kenjiego Sato.",
		ents: "I Samorząd Województwa Opolskiego = Samorząd Województwa Opolskiego; P Kenji Sato = Kenjiego Sato # ambasador Japonii; L Japonia = Japonii",
		want: []string{"visit V=Kenji Sato from=Japonia H=Samorząd Województwa Opolskiego @ .."},
	},
	{
		name: "przyjąć a resolution is no visit", rule: "host-with-object",
		text: "Rada Miejska przyjęła uchwałę w sprawie budżetu.",
		ents: "I Rada Miejska = Rada Miejska",
	},
	{
		name: "the object first, the guest after the verb", rule: "guest-verb",
		text: "Kielecki Park Technologiczny odwiedziła czteroosobowa delegacja z Winnicy.",
		ents: "I Kielecki Park Technologiczny = Kielecki Park Technologiczny; L Winnica = Winnicy; L Kielce = Kielc",
		want: []string{"visit V= from=Winnica H=Kielecki Park Technologiczny @Kielce .."},
	},
	{
		name: "a named guest visits an institution in its town", rule: "guest-verb",
		text: "Wojewoda Anna Kowalska odwiedziła wczoraj Zakład Karny w Sztumie.",
		ents: "P Anna Kowalska = Anna Kowalska # Wojewoda; I Zakład Karny = Zakład Karny; L Sztum = Sztumie; D wczoraj = 2021-03-02 day",
		pub:  "2021-03-03",
		want: []string{"visit V=Anna Kowalska from= H=Zakład Karny @Sztum 2021-03-02..2021-03-02"},
	},
	{
		name: "przyjechać do and a people's name", rule: "guest-verb",
		text: "Tym razem do Torunia przyjechała 25-osobowa grupa Holendrów.",
		ents: "L Toruń = Torunia",
		want: []string{"visit V= from=Holandia H= @Toruń .."},
	},
	{
		name: "gościć without an object: the guests stay", rule: "guest-verb",
		text: "Mieszkańcy partnerskiej Lejdy ponownie goszczą w Toruniu.",
		ents: "L Lejda = Lejdy; L Toruń = Toruniu",
		want: []string{"visit V= from=Lejda H= @Toruń .."},
	},
	{
		name: "przebywać and a span of days", rule: "guest-verb",
		text: "Delegacja z chińskiej prowincji Syczuan przebywała w dniach 5–7 czerwca w Łodzi.",
		ents: "L Syczuan = Syczuan; L Łódź = Łodzi; D w dniach 5–7 czerwca = 2023-06-05..2023-06-07 days",
		pub:  "2023-06-15",
		want: []string{"visit V= from=Syczuan H= @Łódź 2023-06-05..2023-06-07"},
	},
	{
		name: "two named parties meet", rule: "meet-verb",
		text: "13 czerwca 2019 r. Artur Chojecki – Wojewoda Warmińsko-Mazurski spotkał się z Grzegorzem Smolińskim – Prezesem W-M SSE SA.",
		ents: "P Artur Chojecki = Artur Chojecki # Wojewoda Warmińsko-Mazurski; P Grzegorz Smoliński = Grzegorzem Smolińskim # Prezes W-M SSE SA; " +
			"I Warmińsko-Mazurska Specjalna Strefa Ekonomiczna = W-M SSE SA; D 13 czerwca 2019 r. = 2019-06-13 day",
		want: []string{"meeting V=Artur Chojecki from= H=Grzegorz Smoliński @ 2019-06-13..2019-06-13"},
	},
	{
		name: "meeting a delegation makes the subject the host", rule: "meet-verb",
		text: "Prezydent Lublina Krzysztof Żuk spotkał się we wtorek z delegacją z partnerskiego Łucka.",
		ents: "P Krzysztof Żuk = Krzysztof Żuk # Prezydent Lublina; L Lublin = Lublina; L Łuck = Łucka; D we wtorek = 2022-09-27 day",
		pub:  "2022-09-30",
		want: []string{"visit V= from=Łuck H=Krzysztof Żuk @Lublin 2022-09-27..2022-09-27"},
	},
	{
		name: "a meeting during a visit is the visit", rule: "meet-verb",
		text: "W ramach pierwszej wizyty w Wielkopolsce ambasador Frédéric Billet spotkał się z marszałkiem Markiem Woźniakiem.",
		ents: "P Frédéric Billet = Frédéric Billet # ambasador Republiki Francji w Polsce; P Marek Woźniak = Markiem Woźniakiem # marszałek; " +
			"L województwo wielkopolskie = Wielkopolsce; L Francja = Republiki Francji; L Polska = Polsce",
		want: []string{"visit V=Frédéric Billet from=Francja H=Marek Woźniak @ .."},
	},
	{
		name: "a headline: an official named by function, with a visit at a host", rule: "visit-noun",
		text: "Ambasador Francji w Polsce z pierwszą wizytą u Marszałka Marka Woźniaka",
		ents: "P Frédéric Billet = Frédéric Billet # Ambasador Republiki Francji w Polsce; P Marek Woźniak = Marka Woźniaka # Marszałek; " +
			"L Francja = Francji | Republiki Francji; L Polska = Polsce",
		want: []string{"visit V=Frédéric Billet from=Francja H=Marek Woźniak @ .."},
	},
	{
		name: "a headline: the visit of a delegation by origin, dated", rule: "visit-noun",
		text: "Wizyta delegacji obwodu winnickiego na Mazowszu – 20.10.2011",
		ents: "L obwód winnicki = obwodu winnickiego; L województwo mazowieckie = Mazowszu; D 20.10.2011 = 2011-10-20 day",
		want: []string{"visit V= from=obwód winnicki H= @ 2011-10-20..2011-10-20"},
	},
	{
		name: "złożyć wizytę at an institution with its seat, led by a named head", rule: "visit-noun",
		text: "W Urzędzie Marszałkowskim w Warszawie wizytę złożyła delegacja z Tarnopola na czele z merem Serhijem Nadalem.",
		ents: "I Urząd Marszałkowski = Urzędzie Marszałkowskim; L Warszawa = Warszawie; L Tarnopol = Tarnopola; P Serhij Nadal = Serhijem Nadalem # mer",
		want: []string{"visit V=Serhij Nadal from=Tarnopol H=Urząd Marszałkowski @Warszawa .."},
	},
	{
		name: "received by an agent", rule: "passive-reception",
		text: "Delegacja z Kłajpedy została przyjęta przez burmistrza Tomasza Rudnickiego.",
		ents: "L Kłajpeda = Kłajpedy; P Tomasz Rudnicki = Tomasza Rudnickiego # burmistrz",
		want: []string{"visit V= from=Kłajpeda H=Tomasz Rudnicki @ .."},
	},
	{
		name: "the subject left out is the one of the sentence before", rule: "meet-verb",
		text: "Marszałek Andrzej Buła przebywał z wizytą w Nadrenii-Palatynacie.\n\nW dniu 1 sierpnia 2019 roku spotkał się w Nierstein z burmistrzem Thomasem Guenterem.",
		ents: "P Andrzej Buła = Andrzej Buła # Marszałek Województwa Opolskiego; P Thomas Guenter = Thomasem Guenterem # burmistrz; " +
			"L Nadrenia-Palatynat = Nadrenii-Palatynacie; L Nierstein = Nierstein; D 1 sierpnia 2019 roku = 2019-08-01 day",
		// the stay, named by nothing but the guest, is the visit it goes on with
		want: []string{"visit V=Andrzej Buła from= H=Thomas Guenter @Nierstein 2019-08-01..2019-08-01"},
	},
	{
		name: "delegations of several origins received together", rule: "split-origins",
		text: "W Kolbuszowej gościliśmy delegacje z Gminy Szaflary oraz ukraińskiego Kamieńca Podolskiego. W spotkaniu uczestniczyli: Rafał Nowak Wójt Gminy Szaflary oraz Mychajło Positko Burmistrz Kamieńca Podolskiego.",
		ents: "L Kolbuszowa = Kolbuszowej; L Szaflary = Szaflary; L Kamieniec Podolski = Kamieńca Podolskiego; " +
			"P Rafał Nowak = Rafał Nowak # Wójt Gminy Szaflary; P Mychajło Positko = Mychajło Positko # Burmistrz Kamieńca Podolskiego",
		want: []string{"visit V=Rafał Nowak from=Szaflary H= @Kolbuszowa ..", "visit V=Mychajło Positko from=Kamieniec Podolski H= @Kolbuszowa .."},
	},
	{
		name: "the first day of a dated visit, at a park its adjective places", rule: "day-of-visit,days-of-visit",
		text: "W dniach 18-19 grudnia 2014 r. Samorząd Województwa Mazowieckiego gościł pana Huguesa Labara.\n\nW pierwszym dniu zorganizowano wizytę studyjną w Płockim Parku Przemysłowo-Technologicznym.",
		ents: "I Samorząd Województwa Mazowieckiego = Samorząd Województwa Mazowieckiego; P Hugues Labar = Huguesa Labara; " +
			"I Płocki Park Przemysłowo-Technologiczny = Płockim Parku Przemysłowo-Technologicznym; L Płock = Płocku; " +
			"D W dniach 18-19 grudnia 2014 r. = 2014-12-18..2014-12-19 days",
		want: []string{"visit V=Hugues Labar from= H=Samorząd Województwa Mazowieckiego @ 2014-12-18..2014-12-19",
			"visit V=Hugues Labar from= H=Płocki Park Przemysłowo-Technologiczny @Płock 2014-12-18..2014-12-18"},
	},
	{
		name: "participants: the known guest, and the hosts", rule: "meet-noun",
		text: "W dniach 18-19 grudnia Samorząd Województwa Mazowieckiego gościł pana Huguesa Labara.\n\n19 grudnia odbyło się spotkanie w siedzibie UMWM, w którym udział wzięli pan Hugues Labar oraz pani Anna Nowak – Dyrektor Departamentu.",
		ents: "I Samorząd Województwa Mazowieckiego = Samorząd Województwa Mazowieckiego; P Hugues Labar = Huguesa Labara | Hugues Labar; " +
			"I Urząd Marszałkowski Województwa Mazowieckiego = UMWM; P Anna Nowak = Anna Nowak # Dyrektor Departamentu; " +
			"D W dniach 18-19 grudnia = 2014-12-18..2014-12-19 days; D 19 grudnia = 2014-12-19 day",
		want: []string{"visit V=Hugues Labar from= H=Samorząd Województwa Mazowieckiego @ 2014-12-18..2014-12-19",
			"visit V=Hugues Labar from= H=Urząd Marszałkowski Województwa Mazowieckiego,Anna Nowak @ 2014-12-19..2014-12-19"},
	},
	{
		name: "an official named by function is the speaker quoted next", rule: "unnamed-officials",
		text: "W czwartek w ratuszu z Holendrami spotkał się zastępca prezydenta Torunia. – Cieszymy się z tej wizyty – mówił Paweł Gulewski.",
		ents: "L Toruń = Torunia; P Paweł Gulewski = Paweł Gulewski; D W czwartek = 2021-10-21 day",
		pub:  "2021-10-21",
		want: []string{"visit V= from=Holandia H=Paweł Gulewski @Toruń 2021-10-21..2021-10-21"},
	},
	{
		name: "a visit announced", rule: "planned",
		text: "W przyszłym tygodniu Toruń odwiedzi delegacja z Lejdy.",
		ents: "L Toruń = Toruń; L Lejda = Lejdy; D W przyszłym tygodniu = 2021-10-25..2021-10-31 days",
		pub:  "2021-10-21",
		want: []string{"visit V= from=Lejda H= @ 2021-10-25..2021-10-31 planned"},
	},
	{
		name: "a visit long past", rule: "kind-and-status",
		text: "Pierwsza delegacja z Aalst przyjechała do Sieradza w 1996 roku.",
		ents: "L Aalst = Aalst; L Sieradz = Sieradza; D 1996 roku = 1996-01-01..1996-12-31 period",
		pub:  "2016-11-14",
		want: []string{"visit V= from=Aalst H= @Sieradz 1996-01-01..1996-12-31 past"},
	},
	{
		name: "what a speaker says is no report", rule: "quotation",
		text: "– Co roku Holendrzy przyjeżdżają do nas w okresie jesiennym – mówił burmistrz Jan Nowak.",
		ents: "P Jan Nowak = Jan Nowak # burmistrz",
	},
	{
		name: "a photo credit is no party", rule: "guest-verb",
		text: "Goście z Ukrainy goszczą w Lublinie/fot. Jan Kowalski",
		ents: "L Ukraina = Ukrainy; L Lublin = Lublinie; P Jan Kowalski = Jan Kowalski",
		want: []string{"visit V= from=Ukraina H= @Lublin .."},
	},
	{
		name: "an adjective of origin", rule: "meet-verb",
		text: "Marszałek Jan Nowak spotkał się z delegacją japońską.",
		ents: "P Jan Nowak = Jan Nowak # Marszałek",
		want: []string{"visit V= from=Japonia H=Jan Nowak @ .."},
	},
	{
		name: "a country by adjective gives way to the town a people's name comes from", rule: "refine-origins",
		text: "Rosjanie z Kaliningradu przyjechali do Gołdapi. Goście rosyjscy wyjeżdżają w piątek.",
		ents: "L Kaliningrad = Kaliningradu; L Gołdap = Gołdapi",
		want: []string{"visit V= from=Kaliningrad H= @Gołdap .."},
	},
	{
		name: "who the guests are", rule: "members",
		text: "Do Torunia przyjechała delegacja z Lejdy. Wśród gości są Jan Botman i Ton Uijl.",
		ents: "L Toruń = Torunia; L Lejda = Lejdy; P Jan Botman = Jan Botman; P Ton Uijl = Ton Uijl",
		want: []string{"visit V=Jan Botman,Ton Uijl from=Lejda H= @Toruń .."},
	},
	{
		name: "a meeting with unnamed people only is no record", rule: "meet-verb",
		text: "Wojewoda Jan Nowak spotkał się z mieszkańcami.",
		ents: "P Jan Nowak = Jan Nowak # Wojewoda",
	},
	{
		name: "a conference is no visit", rule: "meet-noun",
		text: "W Gołdapi odbyła się konferencja o współpracy samorządów, a po niej spotkanie.",
		ents: "L Gołdap = Gołdapi",
	},
	{
		name: "a diplomat comes from the state he represents, not from his post", rule: "origin-from-roles",
		text: "Ambasador Republiki Francji w Polsce Frédéric Billet odwiedził Poznań.",
		ents: "P Frédéric Billet = Frédéric Billet # Ambasador Republiki Francji w Polsce; L Francja = Republiki Francji; L Polska = Polsce; L Poznań = Poznań",
		want: []string{"visit V=Frédéric Billet from=Francja H= @Poznań .."},
	},
	{
		name: "the arrival and the reception of one delegation are one record", rule: "merge-story",
		text: "Delegacja z Winnicy przybyła do Kielc. Delegację przyjął prezydent Jan Nowak.",
		ents: "L Winnica = Winnicy; L Kielce = Kielc; P Jan Nowak = Jan Nowak # prezydent",
		want: []string{"visit V= from=Winnica H=Jan Nowak @Kielce .."},
	},
	{
		name: "guests named only as the guests are the story's", rule: "anaphoric-guests",
		text: "W dniach 11-12 marca starosta Jan Nowak gościł delegację z Kłajpedy.\n\nDrugiego dnia goście odwiedzili Gołdapski Park Przemysłowy.",
		ents: "P Jan Nowak = Jan Nowak # starosta; L Kłajpeda = Kłajpedy; I Gołdapski Park Przemysłowy = Gołdapski Park Przemysłowy; L Gołdap = Gołdapi; " +
			"D W dniach 11-12 marca = 2019-03-11..2019-03-12 days",
		pub: "2019-03-14",
		want: []string{"visit V= from=Kłajpeda H=Jan Nowak @ 2019-03-11..2019-03-12",
			"visit V= from=Kłajpeda H=Gołdapski Park Przemysłowy @Gołdap 2019-03-12..2019-03-12"},
	},
	{
		name: "people whose roles name the guests' town or the host", rule: "role-sides",
		text: "Kielecki Park Technologiczny odwiedziła delegacja z Winnicy. Zastępca Mera Winnicy Walerij Korowij i dyrektor KPT Szymon Mazurkiewicz podpisali list intencyjny.",
		ents: "I Kielecki Park Technologiczny = Kielecki Park Technologiczny | KPT; L Winnica = Winnicy; L Kielce = Kielc; " +
			"P Walerij Korowij = Walerij Korowij # Zastępca Mera Winnicy; P Szymon Mazurkiewicz = Szymon Mazurkiewicz # dyrektor KPT",
		want: []string{"visit V=Walerij Korowij from=Winnica H=Kielecki Park Technologiczny,Szymon Mazurkiewicz @Kielce .."},
	},
	{
		name: "participants of the trip are guests", rule: "participants",
		text: "Przedstawiciele Związku Gmin odwiedzili Flandrię. W wyjeździe uczestniczył też Tomasz Kalinowski.",
		ents: "I Związek Gmin = Związku Gmin; L Flandria = Flandrię; P Tomasz Kalinowski = Tomasz Kalinowski",
		want: []string{"visit V=Związek Gmin,Tomasz Kalinowski from= H= @ .."},
	},
	{
		name: "a headline naming the guests by origin and where they are", rule: "guest-noun",
		text: "Delegacja z Dolnej Saksonii w Olsztynie",
		ents: "L Dolna Saksonia = Dolnej Saksonii; L Olsztyn = Olsztynie",
		want: []string{"visit V= from=Dolna Saksonia H= @Olsztyn .."},
	},
	{
		name: "those who took part in the talks join the visit", rule: "continuations",
		text: "Marszałek Jan Nowak gościł delegację z Tarnopola. W rozmowach udział wzięli także wiceprezydent Anna Kowalska oraz dyrektor Piotr Zieliński.",
		ents: "P Jan Nowak = Jan Nowak # Marszałek; L Tarnopol = Tarnopola; P Anna Kowalska = Anna Kowalska # wiceprezydent; P Piotr Zieliński = Piotr Zieliński # dyrektor",
		want: []string{"visit V= from=Tarnopol H=Jan Nowak,Anna Kowalska,Piotr Zieliński @ .."},
	},
	{
		name: "a later part of the visit takes the date of the headline", rule: "inherit-dates",
		text: "Wizyta delegacji z Łucka – 12.05.2022\n\nGoście spotkali się z prezydentem Krzysztofem Żukiem.\n\nOdwiedzili też Politechnikę Lubelską.",
		ents: "L Łuck = Łucka; P Krzysztof Żuk = Krzysztofem Żukiem # prezydent; I Politechnika Lubelska = Politechnikę Lubelską; D 12.05.2022 = 2022-05-12 day",
		want: []string{"visit V= from=Łuck H=Krzysztof Żuk @ 2022-05-12..2022-05-12",
			"visit V= from=Łuck H=Politechnika Lubelska @ 2022-05-12..2022-05-12"},
	},
	{
		name: "the town of a host named with his office", rule: "place-from-hosts",
		text: "Delegacja z Wilna spotkała się z prezydentem Białegostoku Tadeuszem Truskolaskim.",
		ents: "L Wilno = Wilna; L Białystok = Białegostoku; P Tadeusz Truskolaski = Tadeuszem Truskolaskim # prezydent Białegostoku",
		want: []string{"visit V= from=Wilno H=Tadeusz Truskolaski @Białystok .."},
	},
	{
		name: "meetings one after another are records of their own", rule: "split-sequence",
		text: "Konsul Jan Nowak spotkał się z biskupem Piotrem Wiśniewskim, marszałkiem Adamem Kowalskim, a potem z wojewodą Ewą Zielińską.\n\nOdwiedził też zakład Kronos.",
		ents: "P Jan Nowak = Jan Nowak # Konsul; P Piotr Wiśniewski = Piotrem Wiśniewskim # biskup; P Adam Kowalski = Adamem Kowalskim # marszałek; " +
			"P Ewa Zielińska = Ewą Zielińską # wojewoda; I Kronos = Kronos",
		want: []string{"meeting V=Jan Nowak from= H=Piotr Wiśniewski,Adam Kowalski @ ..", "meeting V=Jan Nowak from= H=Ewa Zielińska @ ..",
			"visit V=Jan Nowak from= H=Kronos @ .."},
	},
	{
		name: "a stay, then a meeting by the guest named by function", rule: "unnamed-officials",
		text: "Z wizytą w Opolu przebywał ambasador Niemiec Thomas Bagger. Ambasador spotkał się z marszałkiem Andrzejem Bułą.",
		ents: "P Thomas Bagger = Thomas Bagger # ambasador Niemiec; P Andrzej Buła = Andrzejem Bułą # marszałek; L Opole = Opolu; L Niemcy = Niemiec",
		want: []string{"visit V=Thomas Bagger from=Niemcy H=Andrzej Buła @Opole .."},
	},
	{
		name: "a host receives a delegation of a region", rule: "host-with-object",
		text: "Wicewojewoda Józef Król gościł w poniedziałek w Lublinie delegację z obwodu wołyńskiego.",
		ents: "P Józef Król = Józef Król # Wicewojewoda; L Lublin = Lublinie; L obwód wołyński = obwodu wołyńskiego; D w poniedziałek = 2023-03-06 day",
		pub:  "2023-03-08",
		want: []string{"visit V= from=obwód wołyński H=Józef Król @Lublin 2023-03-06..2023-03-06"},
	},
	{
		name: "podejmować guests in the town hall", rule: "host-with-object",
		text: "Burmistrz Anna Kowalska podejmowała w ratuszu gości z Czech.",
		ents: "P Anna Kowalska = Anna Kowalska # Burmistrz; L Czechy = Czech",
		want: []string{"visit V= from=Czechy H=Anna Kowalska @ .."},
	},
	{
		name: "a delegation with its head, then the guests' programme", rule: "merge-story",
		text: "Delegacja chińskiej prowincji Hubei z wicegubernatorem Li Mingiem na czele przebywała w dniach 3-5 czerwca w Łodzi. Goście odwiedzili Łódzką Specjalną Strefę Ekonomiczną.",
		ents: "L prowincja Hubei = prowincji Hubei; P Li Ming = Li Mingiem # wicegubernator; L Łódź = Łodzi; " +
			"I Łódzka Specjalna Strefa Ekonomiczna = Łódzką Specjalną Strefę Ekonomiczną; D w dniach 3-5 czerwca = 2023-06-03..2023-06-05 days",
		pub:  "2023-06-07",
		want: []string{"visit V=Li Ming from=prowincja Hubei H=Łódzka Specjalna Strefa Ekonomiczna @Łódź 2023-06-03..2023-06-05"},
	},
	{
		name: "a meeting announced", rule: "planned",
		text: "W czwartek marszałek Piotr Całbecki spotka się z ambasadorem Kanady Leslie Scanlon.",
		ents: "P Piotr Całbecki = Piotr Całbecki # marszałek; P Leslie Scanlon = Leslie Scanlon # ambasador Kanady; L Kanada = Kanady; D W czwartek = 2023-03-09 day",
		pub:  "2023-03-06",
		want: []string{"meeting V=Piotr Całbecki from= H=Leslie Scanlon @ 2023-03-09..2023-03-09 planned"},
	},
	{
		name: "a clause of its own: the meeting where the stay was", rule: "guest-verb",
		text: "Prezydent Torunia Michał Zaleski przebywał z wizytą w partnerskiej Getyndze, gdzie spotkał się z nadburmistrz Petrą Broistedt.",
		ents: "P Michał Zaleski = Michał Zaleski # Prezydent Torunia; L Toruń = Torunia; L Getynga = Getyndze; P Petra Broistedt = Petrą Broistedt # nadburmistrz",
		want: []string{"visit V=Michał Zaleski from=Toruń H=Petra Broistedt @Getynga .."},
	},
	{
		name: "złożyć wizytę in an institution whose seat follows", rule: "visit-noun",
		text: "Minister rolnictwa Jan Krzysztof Ardanowski złożył wizytę w Kujawsko-Pomorskim Ośrodku Doradztwa Rolniczego w Minikowie.",
		ents: "P Jan Krzysztof Ardanowski = Jan Krzysztof Ardanowski # Minister rolnictwa; I Kujawsko-Pomorski Ośrodek Doradztwa Rolniczego = Kujawsko-Pomorskim Ośrodku Doradztwa Rolniczego; L Minikowo = Minikowie",
		want: []string{"visit V=Jan Krzysztof Ardanowski from= H=Kujawsko-Pomorski Ośrodek Doradztwa Rolniczego @Minikowo .."},
	},
	{
		name: "a budget or a resolution received is no visit", rule: "host-with-object",
		text: "Marszałek Jan Nowak przyjął projekt budżetu. Sejmik przyjął uchwałę o współpracy z obwodem lwowskim.",
		ents: "P Jan Nowak = Jan Nowak # Marszałek; I Sejmik = Sejmik; L obwód lwowski = obwodem lwowskim",
	},
	{
		name: "a meeting with residents announced is no record", rule: "meet-noun",
		text: "Spotkanie z mieszkańcami odbędzie się w piątek w domu kultury.",
	},
	{
		name: "guests in apposition: the more exact origin", rule: "guest-verb",
		text: "Goście z Japonii – delegacja miasta Kobe – odwiedzili w środę Politechnikę Opolską.",
		ents: "L Japonia = Japonii; L Kobe = Kobe; I Politechnika Opolska = Politechnikę Opolską; D w środę = 2023-03-08 day",
		pub:  "2023-03-10",
		want: []string{"visit V= from=Kobe H=Politechnika Opolska @ 2023-03-08..2023-03-08"},
	},
	{
		name: "guests of a ceremony are no visit", rule: "participants",
		text: "Starosta Jan Nowak otworzył wystawę. W uroczystości wzięli udział goście z Litwy.",
		ents: "P Jan Nowak = Jan Nowak # Starosta; L Litwa = Litwy",
	},
	{
		name: "the town first, the guest after the verb", rule: "guest-verb",
		text: "We wtorek Kielce odwiedził minister cyfryzacji Janusz Cieszyński.",
		ents: "L Kielce = Kielce; P Janusz Cieszyński = Janusz Cieszyński # minister cyfryzacji; D We wtorek = 2023-03-07 day",
		pub:  "2023-03-09",
		want: []string{"visit V=Janusz Cieszyński from= H= @Kielce 2023-03-07..2023-03-07"},
	},
	{
		name: "guests leaving the place of their visit", rule: "departure",
		text: "Goście rosyjscy z Gołdapi wyjeżdżają w piątek. Mieszkańcy wyjeżdżają na wakacje.",
		ents: "L Gołdap = Gołdapi",
		want: []string{"visit V= from=Rosja H= @Gołdap .."},
	},
	{
		name: "the town's own mayor hosts guests from elsewhere; a role names their town", rule: "role-sides",
		text: "Rosjanie z Kaliningradu zorganizowali w Gołdapi konferencję. Otworzył ją burmistrz Marek Miros. Koordynatorem jest Wiktor Romanowski, były wicegubernator Obwodu Kaliningradzkiego. Goście rosyjscy z Gołdapi wyjeżdżają w piątek.",
		ents: "L Kaliningrad = Kaliningradu; L Gołdap = Gołdapi; P Marek Miros = Marek Miros # burmistrz; " +
			"P Wiktor Romanowski = Wiktor Romanowski # były wicegubernator Obwodu Kaliningradzkiego; L obwód kaliningradzki = Obwodu Kaliningradzkiego",
		want: []string{"visit V=Wiktor Romanowski from=Kaliningrad H=Marek Miros @Gołdap .."},
	},
	{
		name: "the guest of a host", rule: "guest-of",
		text: "Gościem wójta gminy Zbąszyń Jana Nowaka był ambasador Niemiec Thomas Bagger.",
		ents: "P Jan Nowak = Jana Nowaka # wójt gminy Zbąszyń; P Thomas Bagger = Thomas Bagger # ambasador Niemiec; L Niemcy = Niemiec; L Zbąszyń = Zbąszyń",
		want: []string{"visit V=Thomas Bagger from=Niemcy H=Jan Nowak @Zbąszyń .."},
	},
	{
		name: "pupils of a school abroad visit a school; a title in the case of the name", rule: "guest-verb",
		text: "Uczniowie z partnerskiej szkoły w Niemczech odwiedzili Gimnazjum nr 2 w Sanoku. Podczas wizyty w Brukseli marszałek Jan Nowak spotkał się z komisarzem UE Januszem Wojciechowskim.",
		ents: "L Niemcy = Niemczech; I Gimnazjum nr 2 = Gimnazjum nr 2; L Sanok = Sanoku; L Bruksela = Brukseli; P Jan Nowak = Jan Nowak # marszałek; " +
			"P Janusz Wojciechowski = Januszem Wojciechowskim # komisarz UE; I Unia Europejska = UE",
		want: []string{"visit V= from=Niemcy H=Gimnazjum nr 2 @Sanok ..", "visit V=Jan Nowak from= H=Janusz Wojciechowski @Bruksela .."},
	},
	{
		name: "a talk with the host's venue in a genitive chain", rule: "place-in-sentence",
		text: "1 sierpnia marszałek Jan Nowak spotkał się w Ratuszu Miasta Nierstein z burmistrzem Thomasem Guenterem w ramach wizyty.",
		ents: "P Jan Nowak = Jan Nowak # marszałek; P Thomas Guenter = Thomasem Guenterem # burmistrz; L Nierstein = Nierstein; D 1 sierpnia = 2019-08-01 day",
		want: []string{"visit V=Jan Nowak from= H=Thomas Guenter @Nierstein 2019-08-01..2019-08-01"},
	},
}

func TestFind(t *testing.T) {
	f := New()
	for _, tc := range slices.Concat(findCases, storyCases) {
		t.Run(tc.name, func(t *testing.T) {
			ex := extraction(t, tc.ents)
			var trace func(string, ...any)
			if os.Getenv("VISIT_TRACE") == tc.name {
				trace = func(f string, a ...any) { fmt.Printf(f, a...) }
			}
			var got []string
			for _, v := range f.find(tc.text, ex, day(t, tc.pub), trace) {
				got = append(got, describe(v))
				if tc.text[v.Evidence.Start:v.Evidence.End] != v.Evidence.Text {
					t.Errorf("evidence %q is not the text at [%d:%d]", v.Evidence.Text, v.Evidence.Start, v.Evidence.End)
				}
				if v.Visitors == nil || v.Hosts == nil || v.Confidence <= 0 || v.Confidence > 1 {
					t.Errorf("visit %+v: nil lists or confidence out of (0, 1]", v)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q,\nwant %q", got, tc.want)
			}
		})
	}
}

// TestEveryRuleHasACase checks that each named rule has a test case.
func TestEveryRuleHasACase(t *testing.T) {
	var names []string
	for _, r := range frameRules {
		names = append(names, r.name)
	}
	for _, r := range slotRules {
		names = append(names, r.name)
	}
	for _, r := range storyRules {
		names = append(names, r.name)
	}
	for _, n := range names {
		found := false
		for _, c := range slices.Concat(findCases, storyCases) {
			found = found || slices.Contains(strings.Split(c.rule, ","), n)
		}
		if !found && !strings.HasSuffix(n, "-sentence") {
			t.Errorf("rule %q has no case in findCases", n)
		}
	}
}
