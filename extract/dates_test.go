package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

func datesOf(t *testing.T, text string, published string) []string {
	t.Helper()
	var out []string
	for _, d := range extractDates(t, text, published) {
		out = append(out, span(d.Start, d.End))
	}
	return out
}

// extractDates runs the extractor over text published on the given day
// (YYYY-MM-DD, or "" for none) and returns its dates.
func extractDates(t *testing.T, text string, published string) []news.DateMention {
	t.Helper()
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return x.Extract(text, parsePublished(t, published)).Dates
}

// parsePublished parses a publication day, "" for none.
func parsePublished(t *testing.T, published string) *time.Time {
	t.Helper()
	if published == "" {
		return nil
	}
	p, err := time.Parse(time.DateOnly, published)
	if err != nil {
		t.Fatal(err)
	}
	return &p
}

func TestDates(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		published string
		want      string // the dates found, "start..end" joined by "; "
	}{
		{"genitive month", "Spotkanie odbyło się 5 grudnia 2014 r. w ratuszu.", "", "2014-12-05..2014-12-05"},
		{"nominative month", "Dodana: 4 grudzień 2014 08:43", "", "2014-12-04..2014-12-04"},
		{"day range", "W dniach 18-19 grudnia 2014 r. gościliśmy delegację.", "", "2014-12-18..2014-12-19"},
		{"en dash range", "W dniach 18–19 grudnia 2014 roku trwały targi.", "", "2014-12-18..2014-12-19"},
		{"od do", "Wystawa potrwa od 18 do 19 grudnia 2014 r.", "", "2014-12-18..2014-12-19"},
		{"across months", "Ferie trwają od 18 grudnia do 2 stycznia 2015 r.", "", "2014-12-18..2015-01-02"},
		{"dash across months", "Kiermasz 18 grudnia – 2 stycznia 2015 r.", "", "2014-12-18..2015-01-02"},
		{"numeric dotted", "Zegar 08.01.2015 13:52", "", "2015-01-08..2015-01-08"},
		{"numeric short", "Termin: 8.01.2015 r.", "", "2015-01-08..2015-01-08"},
		{"iso", "Opublikowano 2015-01-08 o 12:00.", "", "2015-01-08..2015-01-08"},
		{"roman month", "Sesja 18 XII 2014 r. w sali obrad.", "", "2014-12-18..2014-12-18"},
		{"locative month", "W marcu 2007 roku miasto przegłosowało poprawkę.", "", "2007-03-01..2007-03-31"},
		{"year alone", "Uniwersytet założono w 1575 roku.", "", "1575-01-01..1575-12-31"},
		{"roku year", "z wyjątkiem roku 2020, kiedy", "", "2020-01-01..2020-12-31"},
		{"years range", "Program na lata 2014-2020 ruszył.", "", "2014-01-01..2020-12-31"},
		{"turn of months", "Prace potrwają na przełomie maja i czerwca 2015 r.", "", "2015-05-01..2015-06-30"},
		{"br in the past", "W dniach 18-19 grudnia 2014 r. trwała wizyta. 19 grudnia br. odbyło się spotkanie.", "2015-01-08",
			"2014-12-18..2014-12-19; 2014-12-19..2014-12-19"},
		{"br ahead", "Kolejne spotkanie zaplanowano na 15 października br.", "2022-09-30", "2022-10-15..2022-10-15"},
		{"ubr", "W marcu ub.r. otwarto park.", "2015-06-01", "2014-03-01..2014-03-31"},
		{"br without publication", "5 marca 2017 r. był jubileusz. 6 marca br. marszałek spotkał się z delegacją.", "",
			"2017-03-05..2017-03-05; 2017-03-06..2017-03-06"},
		{"no year from publication", "Goście zostaną w Toruniu aż do 23 października.", "2021-10-21", "2021-10-23..2021-10-23"},
		{"today", "Dzisiaj (30 sierpnia) odbyły się dożynki.", "2020-08-30", "2020-08-30..2020-08-30"},
		{"yesterday", "Wczoraj radni przyjęli budżet.", "2020-08-30", "2020-08-29..2020-08-29"},
		{"weekday past", "W ubiegły piątek otwarto most.", "2021-10-21", "2021-10-15..2021-10-15"},
		{"weekday next", "W najbliższą sobotę odbędzie się festyn.", "2021-10-21", "2021-10-23..2021-10-23"},
		{"weekday same day", "W czwartek w ratuszu z Holendrami spotkał się prezydent.", "2021-10-21", "2021-10-21..2021-10-21"},
		{"weekday unresolved", "Goście wyjeżdżają w piątek.", "", "null..null"},
		{"weekday with date", "Aktualności 2018\n\nOdbędzie się w poniedziałek (14 maja) przed urzędem.", "", "2018-05-14..2018-05-14"},
		{"no year at all", "17 grudnia tego roku ambasador spotkał się z marszałkiem.", "", "null..null"},
		{"last year", "W ubiegłym roku spółka zainwestowała 150 mln zł.", "2022-09-30", "2021-01-01..2021-12-31"},
		{"verb maja", "Mieszkańcy maja nadzieję, że się uda. Nie wiadomo, kiedy.", "2020-01-01", ""},
		{"sie and nie", "Nie udało się. Się nie da.", "2020-01-01", ""},
		{"count not year", "W 2000 osób nie było.", "", ""},
		{"month range", "Program trwa od maja do września 2019 r. w całym regionie.", "", "2019-05-01..2019-09-30"},
		{"month range across years", "Remont potrwa od listopada 2019 do marca 2020 roku.", "", "2019-11-01..2020-03-31"},
		{"year range od do", "Wydatki od 2010 do 2015 roku rosły.", "", "2010-01-01..2015-12-31"},
		{"two days", "Zawody odbędą się 7 i 8 kwietnia 2012 r.", "", "2012-04-07..2012-04-07; 2012-04-08..2012-04-08"},
		{"month lead", "Zapisy trwają do końca marca 2016 r.", "", "2016-03-01..2016-03-31"},
		{"year first dotted", "Data wpisu: 2019.03.12", "", "2019-03-12..2019-03-12"},
		{"roman with dots", "Sesja odbyła się 12.III.2019 r. w ratuszu.", "", "2019-03-12..2019-03-12"},
		{"glued r", "Termin mija 12.03.2019r. o północy.", "", "2019-03-12..2019-03-12"},
		{"slashes", "Zgłoszenia do 15/06/2019.", "", "2019-06-15..2019-06-15"},
		{"spaced dash range", "Festiwal potrwa 30 czerwca – 2 lipca 2019 r.", "", "2019-06-30..2019-07-02"},
		{"range of relative years", "Był poszukiwany od października ub. roku do marca tego roku.", "2007-07-04", "2006-10-01..2007-03-31"},
		{"street named after a date", "Biuro mieści się przy ul. 3 Maja 12.", "", ""},
		{"opening days", "Basen jest czynny od poniedziałku do soboty.", "2021-10-21", ""},
		{"weekday with a numeric date", "Basen otwarty od soboty 20.06.2009 r. do końca wakacji.", "2009-07-05", "2009-06-20..2009-06-20"},
		{"ordinal ending", "Spotkanie odbędzie się 7-go października 2010 r.", "", "2010-10-07..2010-10-07"},
		{"nbsp", "Zegar\u00a008.01.2015\u00a0\u00a013:52", "", "2015-01-08..2015-01-08"},
		{"adjective of today", "Na dzisiejszej sesji radni przyjęli budżet.", "2015-03-10", "2015-03-10..2015-03-10"},
		{"adjective of nowadays", "W dzisiejszych czasach każdy ma telefon.", "2015-03-10", ""},
		{"plural adjective of nowadays", "Takiego uroku nie ma w dzisiejszych produkcjach.", "2015-03-10", ""},
		{"adjective of this year", "Tegoroczna edycja festiwalu przyciągnęła tłumy.", "2015-06-01", "2015-01-01..2015-12-31"},
		{"adjective of last year", "Zwycięzca zeszłorocznego turnieju znów wygrał.", "2015-06-01", "2014-01-01..2014-12-31"},
		{"adjective of a past month", "Na grudniowej sesji radni uchwalili budżet.", "2015-08-16", "2014-12-01..2014-12-31"},
		{"adjective of a weekday", "Sobotni koncert zakończy festiwal.", "2015-06-03", "2015-06-06..2015-06-06"},
		{"adjective in a name", "Rocznica Powstania Listopadowego przypada w tym roku.", "2015-06-03", "2015-01-01..2015-12-31"},
		{"this month", "W tym miesiącu ruszy nabór wniosków.", "2015-03-10", "2015-03-01..2015-03-31"},
		{"relative year alone", "Od ubiegłego roku działa nowa linia.", "2015-03-10", "2014-01-01..2014-12-31"},
		{"year after roku", "W roku ubiegłym wyremontowano drogę.", "2015-03-10", "2014-01-01..2014-12-31"},
		{"season", "W sezonie 2006/07 drużyna awansowała.", "", "2006-01-01..2007-12-31"},
		{"season at the end", "Zaczynają przygotowania do sezonu 2004/2005.", "", "2004-01-01..2005-12-31"},
		{"bare year range", "Kroniki z lat wojny 1940-1947 udostępniono w sieci.", "", "1940-01-01..1947-12-31"},
		{"short year range", "Grali w Jarocinie w latach 1987-94 wiele razy.", "", "1987-01-01..1994-12-31"},
		{"year in parentheses", "Jan Kowal (1964) jest teoretykiem mediów.", "", "1964-01-01..1964-12-31"},
		{"edition year", "Przygotowania do Euro 2012 trwają.", "", "2012-01-01..2012-12-31"},
		{"coordinated years", "Festiwal odbył się w 2005 i 2006 r. w parku.", "", "2005-01-01..2005-12-31; 2006-01-01..2006-12-31"},
		{"list of years", "W latach: 1996, 2004 i 2006 grali na festiwalu.", "", "1996-01-01..1996-12-31; 2004-01-01..2004-12-31; 2006-01-01..2006-12-31"},
		{"numeric day range", "Targi 12-14.06.2015 r. w Poznaniu.", "", "2015-06-12..2015-06-14"},
		{"list of days", "Zawody odbędą się 14, 15 i 16 marca 2015 r.", "", "2015-03-14..2015-03-14; 2015-03-15..2015-03-15; 2015-03-16..2015-03-16"},
		{"end of a month", "Festyn odbędzie się pod koniec maja.", "2015-02-10", "2015-05-01..2015-05-31"},
		{"day of this month", "Koncert odbył się 20 bm. w auli.", "2015-02-24", "2015-02-20..2015-02-20"},
		{"two-digit year", "W Gimnazjum 16.02.05 odbędzie się turniej.", "", "2005-02-16..2005-02-16"},
		{"weekday as the time a sentence fills", "Delegacja przepracowała całą sobotę w urzędzie.", "2022-05-10", "2022-05-07..2022-05-07"},
		{"weekday filled, with its date", "Radni spędzili poniedziałek, 6 czerwca, na sesji wyjazdowej.", "2022-06-08", "2022-06-06..2022-06-06"},
		{"weekday at the start of a sentence", "Czwartek goście spędzą w Toruniu.", "2021-10-19", "2021-10-21..2021-10-21"},
		{"a feast is no day", "Na tłusty czwartek piekarnia upiekła pączki.", "2021-02-15", ""},
		{"a recurrence is no day", "Targ odbywa się co sobotę i każdą niedzielę.", "2021-02-15", ""},
		{"a surname is no day", "Rozmawiał z nim dziennikarz Tomasz Piątek.", "2021-02-15", ""},
		{"a paid weekday is no day", "Pracownicy dostaną wolne za sobotę.", "2021-02-15", ""},
		{"a night of two days", "W nocy z 7/8 października strażacy gasili pożar.", "2021-10-11", "2021-10-07..2021-10-08"},
		{"a slash of days apart is no range", "Referendum 3/5 maja 2020 r. przełożono.", "", "2020-05-05..2020-05-05"},
		{"one day in two sentences, two texts", "2021-10-21, 21:20\n\nW czwartek w ratuszu z gośćmi spotkał się prezydent.", "2021-10-21",
			"2021-10-21..2021-10-21; 2021-10-21..2021-10-21"},
		{"one day twice in a sentence, one mention", "Dzisiaj (30 sierpnia) i dziś wieczorem grają orkiestry.", "2020-08-30", "2020-08-30..2020-08-30"},
		{"address is no date", "Serwer ma adres 10.12.14.22 w sieci.", "", ""},
		{"count after a name", "Na Stadion przyszło 2000 osób.", "", ""},
		{"number after a name", "Pobiegło Rajd 2000 metrów.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(datesOf(t, tt.in, tt.published), "; ")
			if got != tt.want {
				t.Errorf("dates of %q: got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// datesWithPrecision extracts the dates of text as "text: start..end
// precision", joined by "; ".
func datesWithPrecision(t *testing.T, text, published string) string {
	t.Helper()
	var out []string
	for _, d := range extractDates(t, text, published) {
		out = append(out, mentionString(d.Text, d.Start, d.End, d.Precision))
	}
	return strings.Join(out, "; ")
}

// mentionString writes a date mention as "text: start..end precision".
func mentionString(text string, start, end *string, precision string) string {
	return strings.TrimSpace(text + ": " + span(start, end) + " " + precision)
}

// span writes the days of a date mention as "start..end", null for none.
func span(start, end *string) string {
	s, e := "null", "null"
	if start != nil {
		s = *start
	}
	if end != nil {
		e = *end
	}
	return s + ".." + e
}

// TestDateResolution checks how relative dates resolve against the
// publication day, as a Polish reader resolves them, and the precision
// of each kind of date. 2015-01-08 was a Thursday.
func TestDateResolution(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		published string
		want      string
	}{
		{"weekday, past tense", "W poniedziałek radni przyjęli budżet.", "2015-01-08", "W poniedziałek: 2015-01-05..2015-01-05 day"},
		{"weekday, impersonal past", "Porozumienie podpisano w poniedziałek w Warszawie.", "2015-01-08", "w poniedziałek: 2015-01-05..2015-01-05 day"},
		{"weekday, future tense", "W poniedziałek radni przyjmą budżet.", "2015-01-08", "W poniedziałek: 2015-01-12..2015-01-12 day"},
		{"weekday, present tense, nearer before", "W poniedziałek radni przyjmują budżet.", "2015-01-08", "W poniedziałek: 2015-01-05..2015-01-05 day"},
		{"weekday, present tense, nearer after", "W niedzielę radni obradują.", "2015-01-08", "W niedzielę: 2015-01-11..2015-01-11 day"},
		{"weekday, no verb", "Sesja rady w poniedziałek.", "2015-01-08", "w poniedziałek: 2015-01-05..2015-01-05 day"},
		{"weekday of publication, past", "W czwartek radni przyjęli budżet.", "2015-01-08", "W czwartek: 2015-01-08..2015-01-08 day"},
		{"weekday of publication, future", "W czwartek radni przyjmą budżet.", "2015-01-08", "W czwartek: 2015-01-08..2015-01-08 day"},
		{"weekday of publication, last", "W ubiegły czwartek radni przyjęli budżet.", "2015-01-08", "W ubiegły czwartek: 2015-01-01..2015-01-01 day"},
		{"weekday of publication, next", "W najbliższy czwartek radni przyjmą budżet.", "2015-01-08", "W najbliższy czwartek: 2015-01-15..2015-01-15 day"},
		{"planned in the past", "W poniedziałek zapowiedziano remont.", "2015-01-08", "W poniedziałek: 2015-01-05..2015-01-05 day"},
		{"br later month, past tense", "W listopadzie br. odbyła się konferencja.", "2015-06-10", "W listopadzie br.: 2015-11-01..2015-11-30 month"},
		{"br later month, future tense", "W listopadzie br. odbędzie się konferencja.", "2015-06-10", "W listopadzie br.: 2015-11-01..2015-11-30 month"},
		{"br announced in the past", "Delegat zapowiedział rewizytę na przełomie września i października br.", "2012-06-20",
			"na przełomie września i października br.: 2012-09-01..2012-10-31 month"},
		{"br with the year written before", "W dniach 18-19 grudnia 2014 r. trwała wizyta. 19 grudnia br. odbyło się spotkanie.", "2015-01-09",
			"18-19 grudnia 2014 r.: 2014-12-18..2014-12-19 days; 19 grudnia br.: 2014-12-19..2014-12-19 day"},
		{"day range br", "Targi odbędą się 18–19 grudnia br.", "2015-01-08", "18–19 grudnia br.: 2015-12-18..2015-12-19 days"},
		{"ub.r.", "Inwestycję rozpoczęto w ub.r. i skończono.", "2015-06-01", "ub.r.: 2014-01-01..2014-12-31 period"},
		{"przyszłego roku", "W maju przyszłego roku odbędzie się forum.", "2015-05-27", "W maju przyszłego roku: 2016-05-01..2016-05-31 month"},
		{"next week", "W przyszłym tygodniu ruszy nabór.", "2015-01-08", "W przyszłym tygodniu: 2015-01-12..2015-01-18 days"},
		{"this week", "W tym tygodniu ruszył nabór.", "2015-01-08", "W tym tygodniu: 2015-01-05..2015-01-11 days"},
		{"yesterday", "Wczoraj otwarto park.", "2015-01-08", "Wczoraj: 2015-01-07..2015-01-07 day"},
		{"day before yesterday", "Przedwczoraj otwarto park.", "2015-01-08", "Przedwczoraj: 2015-01-06..2015-01-06 day"},
		{"weekend, past tense", "W weekend odbył się festyn.", "2015-01-08", "W weekend: 2015-01-03..2015-01-04 days"},
		{"weekend, future tense", "W weekend odbędzie się festyn.", "2015-01-05", "W weekend: 2015-01-10..2015-01-11 days"},
		{"weekend, no tense, Monday", "Festyn w weekend.", "2015-01-05", "w weekend: 2015-01-03..2015-01-04 days"},
		{"weekend, no tense, Wednesday", "Festyn w weekend.", "2015-01-07", "w weekend: 2015-01-10..2015-01-11 days"},
		{"weekend under way", "W weekend odbył się festyn.", "2015-01-11", "W weekend: 2015-01-10..2015-01-11 days"},
		{"last weekend", "W ubiegły weekend odbył się festyn.", "2015-01-11", "W ubiegły weekend: 2015-01-03..2015-01-04 days"},
		{"day range, past", "W dniach 18-19 grudnia odbyły się targi.", "2015-01-08", "18-19 grudnia: 2014-12-18..2014-12-19 days"},
		{"od do days", "Od 3 do 5 maja potrwa festyn.", "2015-01-08", "3 do 5 maja: 2015-05-03..2015-05-05 days"},
		{"days across months", "Zbiórka potrwa od 12 września do 14 października 2022 r.", "", "12 września do 14 października 2022 r.: 2022-09-12..2022-10-14 days"},
		{"days longer than a month", "Staże trwały od 4 lipca do 26 sierpnia 2016 r.", "", "4 lipca do 26 sierpnia 2016 r.: 2016-07-04..2016-08-26 period"},
		{"turn of months", "Prace potrwają na przełomie maja i czerwca.", "2015-01-08", "na przełomie maja i czerwca: 2015-05-01..2015-06-30 month"},
		{"middle of a month", "W połowie marca ruszy budowa.", "2015-01-08", "połowie marca: 2015-03-01..2015-03-31 month"},
		{"months", "Program trwa od maja do września 2019 r.", "", "od maja do września 2019 r.: 2019-05-01..2019-09-30 period"},
		{"end of a year", "Pod koniec 2023 r. ruszy budowa.", "", "2023 r.: 2023-01-01..2023-12-31 period"},
		{"end of this year", "Do końca roku wydamy miliony.", "2015-01-08", "końca roku: 2015-01-01..2015-12-31 period"},
		{"end of a school year", "Do końca roku szkolnego zostało niewiele.", "2015-01-08", ""},
		{"years", "W latach 2014–2020 wydano miliony.", "", "latach 2014–2020: 2014-01-01..2020-12-31 period"},
		{"decade", "W latach 90. wydano miliony.", "2015-01-08", "latach 90.: 1990-01-01..1999-12-31 period"},
		{"recent decade", "Lata 10. przyniosły zmiany.", "2025-03-01", "Lata 10.: 2010-01-01..2019-12-31 period"},
		{"decade of a century", "Dom zbudowano w latach 20. XX wieku.", "2025-03-01", "latach 20. XX wieku: 1920-01-01..1929-12-31 period"},
		{"decade in words", "W latach dziewięćdziesiątych wydano miliony.", "2015-01-08", "latach dziewięćdziesiątych: 1990-01-01..1999-12-31 period"},
		{"age is no decade", "Bilet dla dzieci do lat 10.", "2015-01-08", ""},
		{"year", "W 2019 roku wydano miliony.", "", "2019 roku: 2019-01-01..2019-12-31 period"},
		{"next year", "W przyszłym roku wydamy miliony.", "2015-01-08", "przyszłym roku: 2016-01-01..2016-12-31 period"},
		{"month", "W lipcu otwarto park.", "2015-01-08", "W lipcu: 2014-07-01..2014-07-31 month"},
		{"last month", "W ubiegłym miesiącu otwarto park.", "2015-01-08", "ubiegłym miesiącu: 2014-12-01..2014-12-31 month"},
		{"planned month", "Kolejne spotkanie zaplanowano we wrześniu.", "2019-03-14", "we wrześniu: 2019-09-01..2019-09-30 month"},
		{"unresolved", "Goście wyjeżdżają w piątek.", "", "w piątek: null..null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := datesWithPrecision(t, tt.in, tt.published); got != tt.want {
				t.Errorf("dates of %q: got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestVerbTense checks the tense read from single words.
func TestVerbTense(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"przyjęli", tensePast}, {"odbyło", tensePast}, {"podpisano", tensePast}, {"otwarto", tensePast},
		{"przyjmą", tenseFuture}, {"odbędzie", tenseFuture}, {"będą", tenseFuture}, {"zostanie", tenseFuture},
		{"zapraszamy", tenseFuture}, {"zaplanowano", tenseNone}, {"zapowiedział", tenseNone},
		{"przyjmują", tenseNone}, {"działa", tenseNone}, {"dzieło", tenseNone}, {"materiały", tenseNone}, {"rano", tenseNone},
		{"zrobiłyśmy", tensePast}, {"kwrzyłem", tensePast}, {"szpital", tenseNone},
	}
	for _, tt := range tests {
		if got := verbTense(tt.in); got != tt.want {
			t.Errorf("verbTense(%q): got %d, want %d", tt.in, got, tt.want)
		}
	}
}
