package extract

import "time"

// The word lists of the date rules (daterules.go, datenumbers.go) and of
// their resolution (resolve.go, datetense.go): adding a word to a list
// here is enough for every rule that reads that list.

// monthForms maps every inflected form of a Polish month name to its
// number and grammatical case: 'n' nominative/accusative, 'g' genitive,
// 'l' locative, 'i' instrumental.
var monthForms = func() map[string]monthForm {
	table := [12][4]string{
		{"styczeń", "stycznia", "styczniu", "styczniem"},
		{"luty", "lutego", "lutym", "lutym"},
		{"marzec", "marca", "marcu", "marcem"},
		{"kwiecień", "kwietnia", "kwietniu", "kwietniem"},
		{"maj", "maja", "maju", "majem"},
		{"czerwiec", "czerwca", "czerwcu", "czerwcem"},
		{"lipiec", "lipca", "lipcu", "lipcem"},
		{"sierpień", "sierpnia", "sierpniu", "sierpniem"},
		{"wrzesień", "września", "wrześniu", "wrześniem"},
		{"październik", "października", "październiku", "październikiem"},
		{"listopad", "listopada", "listopadzie", "listopadem"},
		{"grudzień", "grudnia", "grudniu", "grudniem"},
	}
	m := make(map[string]monthForm, 48)
	for i, forms := range table {
		for j, f := range forms {
			if _, ok := m[f]; ok {
				continue // lutym is both locative and instrumental
			}
			m[f] = monthForm{month: i + 1, gcase: "ngli"[j]}
		}
	}
	return m
}()

type monthForm struct {
	month int
	gcase byte
}

// romanMonths are the Roman numerals of months (18 XII 2014).
var romanMonths = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12}

// weekdayForms maps the accusative and genitive/locative forms of weekday
// names to time.Weekday.
var weekdayForms = map[string]time.Weekday{
	"poniedziałek": time.Monday, "poniedziałku": time.Monday,
	"wtorek": time.Tuesday, "wtorku": time.Tuesday,
	"środę": time.Wednesday, "środy": time.Wednesday, "środa": time.Wednesday,
	"czwartek": time.Thursday, "czwartku": time.Thursday,
	"piątek": time.Friday, "piątku": time.Friday,
	"sobotę": time.Saturday, "soboty": time.Saturday, "sobota": time.Saturday,
	"niedzielę": time.Sunday, "niedzieli": time.Sunday, "niedziela": time.Sunday,
}

// weekdayAccusative are the forms of weekday names in the accusative,
// where bareWeekday tries them.
var weekdayAccusative = map[string]bool{
	"poniedziałek": true, "wtorek": true, "środę": true, "czwartek": true, "piątek": true,
	"sobotę": true, "niedzielę": true,
}

// wholeWords may stand before a weekday that a sentence fills (cały
// wtorek, całą sobotę).
var wholeWords = map[string]bool{"cały": true, "całą": true}

// weekdayPrepositions are the words a bare weekday may not stand after:
// the prepositions of the other weekday rules, those that make it no day
// of an event (za poniedziałek, przez sobotę), and conjunctions, after
// which it shares the phrase of the weekday before (w środę i sobotę, a
// schedule as often as a day).
var weekdayPrepositions = map[string]bool{
	"w": true, "we": true, "na": true, "do": true, "od": true, "o": true, "po": true, "pod": true,
	"nad": true, "przez": true, "za": true, "przed": true, "między": true, "z": true, "ze": true,
	"dla": true, "u": true, "ku": true, "przy": true, "bez": true, "około": true, "koło": true,
	"i": true, "oraz": true, "lub": true, "albo": true, "czy": true,
}

// notDayWords before a weekday make it a feast or a recurrence, not a day
// (tłusty czwartek, lany poniedziałek, Wielki Piątek, każdą niedzielę).
var notDayWords = map[string]bool{
	"tłusty": true, "lany": true, "wielki": true, "wielką": true, "czarny": true, "czarną": true,
	"zielony": true, "każdy": true, "każdą": true, "co": true, "jeden": true, "jedną": true,
}

// weekdayLead maps the words before a weekday in the genitive or
// accusative (od piątku, na sobotę, ubiegłego piątku) to the direction
// they give it: -1 the last one, +1 the next one, 0 the tense decides.
var weekdayLead = map[string]int{
	"od": 0, "do": 0, "na": 0,
	"ubiegłego": -1, "zeszłego": -1, "ostatniego": -1,
	"najbliższego": 1, "przyszłego": 1,
}

// weekdayAdjective maps the adjectives between "w" and a weekday or
// "weekend" (w ubiegły piątek, w najbliższą sobotę, w ten weekend) to
// the direction they give it, as weekdayLead.
var weekdayAdjective = map[string]int{
	"ubiegły": -1, "ubiegłą": -1, "zeszły": -1, "zeszłą": -1, "ostatni": -1, "ostatnią": -1, "miniony": -1, "minioną": -1,
	"najbliższy": 1, "najbliższą": 1, "przyszły": 1, "przyszłą": 1, "nadchodzący": 1, "nadchodzącą": 1, "następny": 1, "następną": 1,
	"ten": 0, "tę": 0, "to": 0,
}

// dayOffsets are the words for a day relative to the publication day.
var dayOffsets = map[string]int{"dziś": 0, "dzisiaj": 0, "wczoraj": -1, "przedwczoraj": -2, "jutro": 1, "pojutrze": 2}

// relativeLocative maps the adjectives of "w ubiegłym roku", "w tym
// tygodniu", "w przyszłym miesiącu" to the offset they give the year,
// week or month of the publication day.
var relativeLocative = map[string]int{
	"tym": 0, "bieżącym": 0,
	"ubiegłym": -1, "zeszłym": -1, "poprzednim": -1, "minionym": -1,
	"przyszłym": 1, "następnym": 1, "nadchodzącym": 1,
}

// relativeYearBefore maps the genitive adjectives before "roku" (ubiegłego
// roku, tego roku) to the year they name.
var relativeYearBefore = map[string]yearRel{
	"tego": yThis, "bieżącego": yThis, "obecnego": yThis,
	"ubiegłego": yLast, "zeszłego": yLast, "poprzedniego": yLast,
	"przyszłego": yNext, "następnego": yNext,
}

// relativeYearAfter maps the adjectives after "roku" (w roku ubiegłym,
// roku bieżącego) to the year they name.
var relativeYearAfter = map[string]yearRel{
	"ubiegłym": yLast, "ubiegłego": yLast, "zeszłym": yLast, "zeszłego": yLast, "poprzednim": yLast, "poprzedniego": yLast,
	"bieżącym": yThis, "bieżącego": yThis, "obecnym": yThis,
	"przyszłym": yNext, "przyszłego": yNext, "następnym": yNext, "następnego": yNext,
}

// monthLead are the words after which a month in the genitive stands for
// the month (od czerwca, do końca marca, w połowie maja).
var monthLead = map[string]bool{"od": true, "do": true, "połowy": true, "połowie": true, "początku": true, "początkiem": true,
	"końca": true, "końcem": true, "końcu": true, "koniec": true, "początek": true, "połowę": true}

// endWords are the forms of "koniec" before "roku" in "do końca roku",
// "pod koniec roku", "z końcem roku".
var endWords = map[string]bool{"końca": true, "końcem": true, "końcu": true, "koniec": true}

// notCalendarYear are the words after "roku" that make it a year other
// than the calendar year (do końca roku szkolnego).
var notCalendarYear = map[string]bool{"szkolnego": true, "akademickiego": true, "harcerskiego": true, "gospodarczego": true,
	"obrotowego": true, "liturgicznego": true, "życia": true}

// quantityWord after a four-digit number shows that it counts something
// rather than naming a year.
var quantityWord = map[string]bool{"osób": true, "zł": true, "złotych": true, "tys": true, "euro": true, "km": true, "m": true, "metrów": true,
	"uczestników": true, "mieszkańców": true, "sztuk": true, "egzemplarzy": true, "ha": true, "kg": true, "ton": true, "lat": true, "dni": true}

// editionWords before a bare four-digit number make it a year (sezon
// 2006, edycji 2008).
var editionWords = map[string]bool{"sezon": true, "sezonu": true, "sezonie": true, "sezonem": true, "edycji": true, "edycja": true, "edycję": true}

// yearsWords are the forms of "lata" before a range, a list or a decade
// of years (w latach 2007-2013, lata 90., z lat 80.).
var yearsWords = map[string]bool{"lata": true, "latach": true, "lat": true}

// decadeWords maps the ordinal adjectives of decades (lata
// dziewięćdziesiąte, w latach osiemdziesiątych) to the decade.
var decadeWords = func() map[string]int {
	m := map[string]int{}
	for i, stem := range []string{"dwudziest", "trzydziest", "czterdziest", "pięćdziesiąt", "sześćdziesiąt", "siedemdziesiąt",
		"osiemdziesiąt", "dziewięćdziesiąt"} {
		for _, e := range []string{"e", "ych", "ymi"} {
			m[stem+e] = (i + 2) * 10
		}
	}
	return m
}()

// decadeEndings are the words after a decade's number (lata 90-te, w
// latach 90-tych).
var decadeEndings = map[string]bool{"te": true, "tych": true, "ych": true, "ch": true, "tymi": true}

// centuryNumerals maps the Roman numerals of the centuries a decade may
// name (lata 20. XX wieku) to the first two digits of its years.
var centuryNumerals = map[string]int{"xix": 18, "xx": 19, "xxi": 20}

// centuryWords follow a century's numeral.
var centuryWords = map[string]bool{"wieku": true, "wiek": true, "w": true, "stulecia": true}

// nowadaysNouns are the beginnings of the nouns after "dzisiejszy" that
// make it mean the present age rather than the day (czasy, świat, realia).
var nowadaysNouns = []string{"czas", "świat", "świec", "realia", "realiach", "dob", "epo", "społeczeńst", "młodzież", "pokoleni", "rzeczywistoś"}

// dateAdjective is what an adjective made from a date word stands for:
// a day relative to the reference day (dzisiejszy), a weekday
// (piątkowy), a month (lipcowy) or a relative year (tegoroczny).
type dateAdjective struct {
	offset  int
	isDay   bool
	weekday time.Weekday
	isWeek  bool
	month   int
	rel     yearRel
}

// dateAdjectives maps every case form of the adjectives made from date
// words to their meaning, generated from the stems.
var dateAdjectives = func() map[string]dateAdjective {
	hard := []string{"y", "a", "e", "ego", "ej", "emu", "ym", "ą", "ych", "ymi"}
	soft := []string{"i", "ia", "ie", "iego", "iej", "iemu", "im", "ią", "ich", "imi"}
	m := map[string]dateAdjective{}
	add := func(stem string, endings []string, a dateAdjective) {
		for _, e := range endings {
			m[stem+e] = a
		}
	}
	add("dzisiejsz", hard, dateAdjective{isDay: true})
	add("wczorajsz", hard, dateAdjective{isDay: true, offset: -1})
	add("przedwczorajsz", hard, dateAdjective{isDay: true, offset: -2})
	add("jutrzejsz", hard, dateAdjective{isDay: true, offset: 1})
	add("tegoroczn", hard, dateAdjective{rel: yThis})
	add("zeszłoroczn", hard, dateAdjective{rel: yLast})
	add("ubiegłoroczn", hard, dateAdjective{rel: yLast})
	add("przyszłoroczn", hard, dateAdjective{rel: yNext})
	for i, stem := range []string{"styczniow", "lutow", "marcow", "kwietniow", "majow", "czerwcow", "lipcow", "sierpniow",
		"wrześniow", "październikow", "listopadow", "grudniow"} {
		add(stem, hard, dateAdjective{month: i + 1, rel: yNone})
	}
	for stem, wd := range map[string]time.Weekday{"poniedziałkow": time.Monday, "wtorkow": time.Tuesday, "środow": time.Wednesday,
		"czwartkow": time.Thursday, "piątkow": time.Friday} {
		add(stem, hard, dateAdjective{weekday: wd, isWeek: true})
	}
	add("sobotn", soft, dateAdjective{weekday: time.Saturday, isWeek: true})
	add("niedzieln", hard, dateAdjective{weekday: time.Sunday, isWeek: true})
	return m
}()

// planLemmas are the verbs of planning and announcing. Their present
// (zapraszamy na koncert w sobotę, planuje otwarcie w maju) speaks of the
// future; their past (zaplanowano we wrześniu, zapowiedział rewizytę na
// jesień) tells of a past decision about a later event, and so tells
// nothing of the date's side of the publication day.
var planLemmas = map[string]bool{"zapraszać": true, "zaprosić": true, "planować": true, "zaplanować": true,
	"zapowiadać": true, "zapowiedzieć": true, "przewidywać": true, "przewidzieć": true}
