package api

import (
	"strconv"
	"strings"
	"time"
)

// This file holds the Polish of the web UI: plural forms, numbers and
// dates as a Polish reader writes them.

// plural picks the form of a noun that follows the number n in Polish:
// one for 1, few for numbers ending in 2–4 except 12–14 (2 wyniki, 22
// wyniki), many for the rest (0, 5–21, 25 wyników).
func plural(n int64, one, few, many string) string {
	if n < 0 {
		n = -n
	}
	switch {
	case n == 1:
		return one
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return few
	}
	return many
}

// nouns are the forms of a noun plural chooses among.
type nouns struct{ one, few, many string }

// The nouns the pages count.
var (
	nounResult   = nouns{"wynik", "wyniki", "wyników"}
	nounDocument = nouns{"artykuł", "artykuły", "artykułów"}
	nounRecord   = nouns{"rekord", "rekordy", "rekordów"}
	nounVisit    = nouns{"wizyta", "wizyty", "wizyt"}
	nounMention  = nouns{"wzmianka", "wzmianki", "wzmianek"}
	nounCapture  = nouns{"kopia", "kopie", "kopii"}
	nounValue    = nouns{"wartość", "wartości", "wartości"}
	nounSource   = nouns{"źródło", "źródła", "źródeł"}
)

// count writes n and the noun's form for it: "1 wynik", "22 wyniki",
// "12 345 wyników".
func count(n int64, w nouns) string {
	return number(n) + "\u00a0" + plural(n, w.one, w.few, w.many)
}

// number writes n in Polish: groups of three digits from 10 000 on,
// parted by a no-break space (Polish leaves four-digit numbers whole).
func number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) > 4 {
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteRune('\u00a0')
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Month names: the genitive of a day's date (18 grudnia), the nominative
// of a month on its own (grudzień 2014) and three-letter abbreviations
// for the axes of charts.
var (
	monthsGenitive   = [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"}
	monthsNominative = [12]string{"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"}
	monthsShort      = [12]string{"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"}
)

// polishDay writes a day: "18 grudnia 2014".
func polishDay(t time.Time) string {
	return strconv.Itoa(t.Day()) + "\u00a0" + monthsGenitive[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// polishTime writes a day and time of day: "18 grudnia 2014, 14:05".
func polishTime(t time.Time) string {
	return polishDay(t) + ", " + t.Format("15:04")
}

// polishMonth writes a month given as YYYY-MM: "grudzień 2014"; anything
// else is returned as it is.
func polishMonth(ym string) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	return monthsNominative[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// polishISODay writes an ISO day (YYYY-MM-DD) as polishDay does; anything
// else is returned as it is.
func polishISODay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return polishDay(t)
}

// polishDays writes a range of ISO days as briefly as Polish allows: "18
// grudnia 2014", "18–19 grudnia 2014", "30 listopada – 2 grudnia 2014",
// "30 grudnia 2014 – 2 stycznia 2015". Empty start means undated: "bez
// daty".
func polishDays(start, end string) string {
	if start == "" {
		return "bez daty"
	}
	a, err1 := time.Parse(time.DateOnly, start)
	b, err2 := time.Parse(time.DateOnly, end)
	switch {
	case err1 != nil:
		return start
	case err2 != nil || !b.After(a):
		return polishDay(a)
	case a.Year() != b.Year():
		return polishDay(a) + " – " + polishDay(b)
	case a.Month() != b.Month():
		return strconv.Itoa(a.Day()) + "\u00a0" + monthsGenitive[a.Month()-1] + " – " + polishDay(b)
	}
	return strconv.Itoa(a.Day()) + "–" + polishDay(b)
}
