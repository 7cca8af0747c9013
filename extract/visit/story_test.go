package visit

import (
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

// storyCases are texts of our own of one visit told over several
// sentences, as regional news and two outlets tell it: a delegation led by
// a named head, the guest's role naming where they come from, the guests
// received on the day of a named guest, the parts of the day, the way home,
// the host named after the visit, the words that only refer to a visit,
// meetings named before who took part; each names the rules it exercises.
// TestFind runs them with findCases.
var storyCases = []struct {
	name, rule string
	text, ents string
	pub        string
	want       []string
}{
	{
		name: "a delegation led by a deputy whose role the extraction does not know, on a weekday spent there", rule: "guest-noun,merge-story",
		text: "Słowacka delegacja pod przewodnictwem wiceżupana Petera Kováča spędziła wtorek w Nowym Sączu. Gości przyjął burmistrz Ludomir Handzel.",
		ents: "P Peter Kováč = Petera Kováča; P Ludomir Handzel = Ludomir Handzel # burmistrz; L Nowy Sącz = Nowym Sączu; D wtorek = 2023-05-09 day",
		pub:  "2023-05-11",
		want: []string{"visit V=Peter Kováč from=Słowacja H=Ludomir Handzel @Nowy Sącz 2023-05-09..2023-05-09"},
	},
	{
		name: "the origin from a role the text writes after the name; guests received that day are the guest's", rule: "origin-from-roles,merge-story",
		text: "Jan Novák, hejtman Kraju Morawsko-Śląskiego, gościł wczoraj w Toruniu.\n\nCzeskich gości przyjął w poniedziałek prezydent Michał Zaleski.",
		ents: "P Jan Novák = Jan Novák; L Kraj Morawsko-Śląski = Kraju Morawsko-Śląskiego; L Toruń = Toruniu; P Michał Zaleski = Michał Zaleski # prezydent; " +
			"D wczoraj = 2023-03-13 day; D w poniedziałek = 2023-03-13 day",
		pub:  "2023-03-14",
		want: []string{"visit V=Jan Novák from=Kraj Morawsko-Śląski H=Michał Zaleski @Toruń 2023-03-13..2023-03-13"},
	},
	{
		name: "a unit abroad and its undeclined name the extraction missed", rule: "guest-verb",
		text: "Delegacja hrabstwa Kent przyjechała w czwartek do Sandomierza. Na czele delegacji stanie Claire Dubois.",
		ents: "L Sandomierz = Sandomierza; P Claire Dubois = Claire Dubois; D w czwartek = 2022-06-09 day",
		pub:  "2022-06-10",
		want: []string{"visit V=Claire Dubois from=hrabstwo Kent H= @Sandomierz 2022-06-09..2022-06-09"},
	},
	{
		name: "arrival and departure days in one sentence, a date written with a comma", rule: "date-in-sentence",
		text: "Goście z Litwy przyjechali w czwartek, 26 września, i wyjechali w sobotę.",
		ents: "L Litwa = Litwy; D w czwartek, 26 września = 2019-09-26 day; D w sobotę = 2019-09-28 day",
		pub:  "2019-09-30",
		want: []string{"visit V= from=Litwa H= @ 2019-09-26..2019-09-28"},
	},
	{
		name: "od … do is a span, not a since", rule: "date-in-sentence",
		text: "Delegacja z Kłajpedy przebywała w Gołdapi od 3 do 5 maja.",
		ents: "L Kłajpeda = Kłajpedy; L Gołdap = Gołdapi; D 3 do 5 maja = 2022-05-03..2022-05-05 days",
		pub:  "2022-05-09",
		want: []string{"visit V= from=Kłajpeda H= @Gołdap 2022-05-03..2022-05-05"},
	},
	{
		name: "a visit that began on one day and ended on another", rule: "date-in-sentence",
		text: "Wizyta ministra Jana Nowaka w Opolu rozpoczęła się w piątek, 11 maja, a zakończyła w niedzielę.",
		ents: "P Jan Nowak = Jana Nowaka # minister; L Opole = Opolu; D w piątek, 11 maja = 2018-05-11 day; D w niedzielę = 2018-05-13 day",
		pub:  "2018-05-14",
		want: []string{"visit V=Jan Nowak from= H= @Opole 2018-05-11..2018-05-13"},
	},
	{
		name: "the story's day from the first dated sentence; a leader named by a pronoun; the guest's origin in her later visit", rule: "inherit-dates,members,origin-from-roles",
		text: "Delegacja ze Lwowa przez trzy dni gościła w Rzeszowie.\n\nGoście przyjechali w czwartek, 26 września. Przewodniczyła im Olena Bondar. " +
			"Gości przyjął prezydent Konrad Fijołek.\n\nPani Bondar odwiedziła też Politechnikę Rzeszowską.",
		ents: "L Lwów = Lwowa; L Rzeszów = Rzeszowie; P Olena Bondar = Olena Bondar | Bondar; I Politechnika Rzeszowska = Politechnikę Rzeszowską; " +
			"P Konrad Fijołek = Konrad Fijołek # prezydent; D w czwartek, 26 września = 2019-09-26 day",
		pub: "2019-09-30",
		want: []string{"visit V=Olena Bondar from=Lwów H=Konrad Fijołek @Rzeszów 2019-09-26..2019-09-26",
			"visit V=Olena Bondar from=Lwów H=Politechnika Rzeszowska @ 2019-09-26..2019-09-26"},
	},
	{
		name: "a leader in a relative clause; the guests met in a clause of the visit's sentence", rule: "guest-verb,meet-verb,merge-story",
		text: "W dniach 18-19 grudnia w Płocku przebywała delegacja z Walonii, której przewodniczył pan Pierre Lambotte.\n\n" +
			"19 grudnia goście odwiedzili Płocki Park, gdzie z Pierre'em Lambotte'em rozmawiał prezes parku Marek Olszewski.",
		ents: "L Płock = Płocku; L Walonia = Walonii; P Pierre Lambotte = Pierre Lambotte | Pierre'em Lambotte'em; I Płocki Park = Płocki Park; " +
			"P Marek Olszewski = Marek Olszewski # prezes parku; D W dniach 18-19 grudnia = 2014-12-18..2014-12-19 days; D 19 grudnia = 2014-12-19 day",
		pub: "2014-12-22",
		want: []string{"visit V=Pierre Lambotte from=Walonia H= @Płock 2014-12-18..2014-12-19",
			"visit V=Pierre Lambotte from=Walonia H=Płocki Park,Marek Olszewski @Płock 2014-12-19..2014-12-19"},
	},
	{
		name: "the guests touring later that day", rule: "guest-verb,continuations",
		text: "Jan Novák gościł wczoraj w Płocku.\n\nW drugiej części dnia goście zwiedzili Płocki Park.",
		ents: "P Jan Novák = Jan Novák; L Płock = Płocku; I Płocki Park = Płocki Park; D wczoraj = 2023-03-13 day",
		pub:  "2023-03-14",
		want: []string{"visit V=Jan Novák from= H=Płocki Park @Płock 2023-03-13..2023-03-13"},
	},
	{
		name: "the way home is not the place of the visit", rule: "departure",
		text: "Delegacja z Mazowsza odwiedziła Moguncję w dniach 18-20 września.\n\nDelegacja wróciła do Warszawy w sobotę.",
		ents: "L województwo mazowieckie = Mazowsza; L Moguncja = Moguncję; L Warszawa = Warszawy; " +
			"D w dniach 18-20 września = 2013-09-18..2013-09-20 days; D w sobotę = 2013-09-21 day",
		pub:  "2013-09-24",
		want: []string{"visit V= from=województwo mazowieckie H= @Moguncja 2013-09-18..2013-09-20"},
	},
	{
		name: "guests from Poland are those of the Polish region the text names", rule: "refine-origins",
		text: "Goście z Polski odwiedzili Moguncję. Mazowieccy goście zwiedzili też Bingen.",
		ents: "L Polska = Polski; L Moguncja = Moguncję; L Bingen = Bingen",
		want: []string{"visit V= from=województwo mazowieckie H= @Moguncja ..", "visit V= from=województwo mazowieckie H= @Bingen .."},
	},
	{
		name: "the host named after the visit, and where he works is no place of it", rule: "host-of",
		text: "Delegacja z Mazowsza przebywała w Namur.\n\nGospodarzem spotkania był Julien Darcet, który przez lata pracował w Warszawie.",
		ents: "L województwo mazowieckie = Mazowsza; L Namur = Namur; L Warszawa = Warszawie; P Julien Darcet = Julien Darcet",
		want: []string{"visit V= from=województwo mazowieckie H=Julien Darcet @Namur .."},
	},
	{
		name: "the host in apposition, and what he said is no date of the visit", rule: "host-of",
		text: "Minister Jan Nowak odwiedził Płocki Park. Gospodarz, prezes parku Marek Olszewski, przypomniał, że w ub.r. powstało osiem firm.",
		ents: "P Jan Nowak = Jan Nowak # minister; I Płocki Park = Płocki Park; P Marek Olszewski = Marek Olszewski # prezes parku; D ub.r. = 2017-01-01..2017-12-31 period",
		pub:  "2018-01-16",
		want: []string{"visit V=Jan Nowak from= H=Płocki Park,Marek Olszewski @ .."},
	},
	{
		name: "a visit named as a time or as the subject of a report is no visit told", rule: "visit-noun",
		text: "Delegacja gminy Gąbin przebywała w dniach 22–24 maja w Kownie.\n\nSprawozdanie z wizyty radni poznają 12 czerwca. Współpraca rozpoczęła się od wizyty litewskich samorządowców w 2013 r.",
		ents: "L Gąbin = Gąbin; L Kowno = Kownie; D w dniach 22–24 maja = 2024-05-22..2024-05-24 days; D 12 czerwca = 2024-06-12 day; D 2013 r. = 2013-01-01..2013-12-31 period",
		pub:  "2024-05-27",
		want: []string{"visit V= from=Gąbin H= @Kowno 2024-05-22..2024-05-24"},
	},
	{
		name: "the way a delegation told of comes is not its origin; its programme is no visit told", rule: "guest-verb,visit-noun",
		text: "W dniach 15–17 października Płock odwiedzi delegacja Metropolii Lyonu.\n\nDelegacja przyjedzie do Płocka z Warszawy. Szczegółowy program wizyty miasto opublikuje na początku października.",
		ents: "L Płock = Płock | Płocka; I Metropolia Lyonu = Metropolii Lyonu; L Warszawa = Warszawy; " +
			"D W dniach 15–17 października = 2024-10-15..2024-10-17 days; D początku października = 2024-10-01..2024-10-31 month",
		pub:  "2024-09-10",
		want: []string{"visit V=Metropolia Lyonu from= H= @Płock 2024-10-15..2024-10-17 planned"},
	},
	{
		name: "a meeting named before who took part in it, about a place it was not in", rule: "meet-noun,participants,role-sides",
		text: "W dniu 11 czerwca w Płockim Parku odbyło się spotkanie robocze w sprawie strefy w Gąbinie.\n\n" +
			"W spotkaniu uczestniczyli: prezes Płockiego Parku Marek Olszewski oraz przewodniczący Związku Gmin Łukasz Żmuda. Kolejne spotkanie zaplanowano na 18 grudnia w Namur.",
		ents: "I Płocki Park = Płockim Parku | Płockiego Parku; L Płock = Płocka; L Gąbin = Gąbinie; L Namur = Namur; I Związek Gmin = Związku Gmin; " +
			"P Marek Olszewski = Marek Olszewski # prezes Płockiego Parku; P Łukasz Żmuda = Łukasz Żmuda # przewodniczący Związku Gmin; " +
			"D W dniu 11 czerwca = 2015-06-11 day; D 18 grudnia = 2015-12-18 day",
		pub:  "2015-06-12",
		want: []string{"visit V=Łukasz Żmuda from= H=Płocki Park,Marek Olszewski @Płock 2015-06-11..2015-06-11"},
	},
	{
		name: "a meeting of people from an institution, dated by the next sentence", rule: "meet-noun",
		text: "W Wyszogrodzie odbyło się spotkanie samorządowców z terenu Związku Gmin z podsekretarzem stanu Andrzejem Lisem.\n\nSpotkanie odbyło się w piątek, 1 marca, w sali Domu Kultury.",
		ents: "L Wyszogród = Wyszogrodzie; I Związek Gmin = Związku Gmin; P Andrzej Lis = Andrzejem Lisem # podsekretarz stanu; I Dom Kultury = Domu Kultury; " +
			"D w piątek, 1 marca = 2019-03-01 day",
		pub:  "2019-03-04",
		want: []string{"meeting V=Związek Gmin from= H=Andrzej Lis @Wyszogród 2019-03-01..2019-03-01"},
	},
	{
		name: "delegations counted in a year's report are no visit", rule: "kind-and-status",
		text: "W ub.r. województwo gościło 34 delegacje zagraniczne, m.in. z Walonii i Nadrenii-Palatynatu.",
		ents: "L Walonia = Walonii; L Nadrenia-Palatynat = Nadrenii-Palatynatu",
	},
	{
		name: "a guest of the story is no local host of its later part", rule: "role-sides",
		text: "Delegacja z Mazowsza, której przewodniczył wicemarszałek Jan Nowak, odwiedziła Moguncję.\n\n" +
			"Mazowieccy goście zwiedzili park technologiczny w Kaiserslautern. – Mamy wiele do zaoferowania – mówił Jan Nowak.",
		ents: "L województwo mazowieckie = Mazowsza; L Moguncja = Moguncję; L Kaiserslautern = Kaiserslautern; P Jan Nowak = Jan Nowak # wicemarszałek",
		want: []string{"visit V=Jan Nowak from=województwo mazowieckie H= @Moguncja ..", "visit V= from=województwo mazowieckie H= @Kaiserslautern .."},
	},
	{
		name: "a role whose complement lists two fields names where the guest comes from", rule: "origin-from-roles",
		text: "Wiceminister rolnictwa i rozwoju wsi Ukrainy Taras Kaczka odwiedził Lublin.",
		ents: "P Taras Kaczka = Taras Kaczka; L Ukraina = Ukrainy; L Lublin = Lublin",
		want: []string{"visit V=Taras Kaczka from=Ukraina H= @Lublin .."},
	},
	{
		name: "a farewell to guests is a reception", rule: "host-with-object",
		text: "Burmistrz Anna Nowak pożegnała w sobotę delegację z Kłajpedy.",
		ents: "P Anna Nowak = Anna Nowak # Burmistrz; L Kłajpeda = Kłajpedy; D w sobotę = 2022-05-07 day",
		pub:  "2022-05-09",
		want: []string{"visit V= from=Kłajpeda H=Anna Nowak @ 2022-05-07..2022-05-07"},
	},
}

// TestSentenceAfterAbbreviation splits after a year's "r." and a
// company's "S.A." or "o.o." only where the word after them opens a
// sentence.
func TestSentenceAfterAbbreviation(t *testing.T) {
	f := New()
	for _, tc := range []struct{ in, want string }{
		{"Plany na 2018 r. Gościem spotkania był minister.", "Plany na 2018 r.|Gościem spotkania był minister."},
		{"W 2018 r. Urząd Miasta ogłosił przetarg.", "W 2018 r. Urząd Miasta ogłosił przetarg."},
		{"Goście odwiedzili zakład Kronos sp. z o.o. Matthiasa Kellnera zainteresowały warsztaty.",
			"Goście odwiedzili zakład Kronos sp. z o.o.|Matthiasa Kellnera zainteresowały warsztaty."},
		{"Rozmawiał z prezesem spółki Orlen S.A. Janem Kowalskim.", "Rozmawiał z prezesem spółki Orlen S.A. Janem Kowalskim."},
		{"Spotkanie odbyło się w parku S.A. Gospodarz, prezes parku, przypomniał historię.",
			"Spotkanie odbyło się w parku S.A.|Gospodarz, prezes parku, przypomniał historię."},
		{"Wizyta trwała do 20 września 2013 r. Pan Kellner przedstawił gościom model.", "Wizyta trwała do 20 września 2013 r.|Pan Kellner przedstawił gościom model."},
	} {
		d := &doc{f: f, text: tc.in, forms: map[string]*wordInfo{}}
		d.toks = tokenize(nil, tc.in)
		d.words = sized(d.words, len(d.toks), nil)
		var got []string
		for _, s := range splitSentences(nil, d.toks, d.opensSentence) {
			got = append(got, tc.in[s.start:s.end])
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("sentences of %q: got %q, want %q", tc.in, g, tc.want)
		}
	}
}

// TestLocateDates places the extraction's dates in the text: a date
// written with a comma, and a text the extraction lists once wherever it
// stands.
func TestLocateDates(t *testing.T) {
	for _, tc := range []struct {
		text, dates string // dates: "text = start" separated by ";"
		want        string // "words@start" of each located date
	}{
		{"Przyjechali w poniedziałek, 13 marca, do Płocka.", "w poniedziałek, 13 marca = 2023-03-13", "w poniedziałek , 13 marca@2023-03-13"},
		{"Gościł wczoraj w Płocku. Wczoraj przyjął go prezydent.", "wczoraj = 2023-03-13", "wczoraj@2023-03-13|Wczoraj@2023-03-13"},
		{"W dniach 18-19 grudnia trwała wizyta. 19 grudnia goście byli w parku.", "W dniach 18-19 grudnia = 2014-12-18; 19 grudnia = 2014-12-19",
			"W dniach 18 - 19 grudnia@2014-12-18|19 grudnia@2014-12-19"},
	} {
		var ex news.Extraction
		for _, item := range strings.Split(tc.dates, ";") {
			txt, day, _ := strings.Cut(item, "=")
			day = strings.TrimSpace(day)
			ex.Dates = append(ex.Dates, news.DateMention{Text: strings.TrimSpace(txt), Start: &day, End: &day, Precision: news.PrecisionDay})
		}
		d := &doc{f: New(), text: tc.text, forms: map[string]*wordInfo{}}
		d.toks = tokenize(nil, tc.text)
		d.words = sized(d.words, len(d.toks), nil)
		d.sents = splitSentences(nil, d.toks, nil)
		d.tokSen = sized(d.tokSen, len(d.toks), 0)
		for k, s := range d.sents {
			for i := s.t0; i < s.t1; i++ {
				d.tokSen[i] = k
			}
		}
		d.locateDates(ex.Dates)
		var got []string
		for _, dt := range d.dates {
			var ws []string
			for i := dt.t0; i < dt.t1; i++ {
				ws = append(ws, d.form(i))
			}
			got = append(got, strings.Join(ws, " ")+"@"+dt.start)
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("dates of %q: got %q, want %q", tc.text, g, tc.want)
		}
	}
}
