package api

import (
	"regexp"
	"strconv"
	"unicode/utf8"
)

// searchProblem is a refused search as the search page shows it: the
// reason in Polish and, when the reason names one, the 1-based character
// position in the query it points at (0 for none).
type searchProblem struct {
	Message string
	Pos     int
}

// errorRule turns one English message of the query parser or the request
// checks into Polish. pos is the submatch holding the position, 0 for
// none, endOfQuery for the end of the query.
type errorRule struct {
	re     *regexp.Regexp
	pos    int
	polish func(m []string) string
}

// errorRules are tried in order; each has its message as the test table
// of TestPolishSearchErrors gives it.
var errorRules = []errorRule{
	{regexp.MustCompile(`^unbalanced quote at (\d+)`), 1, func(m []string) string {
		return "Cudzysłów otwarty na pozycji " + m[1] + " nie ma pary: zamknij frazę drugim znakiem \" albo usuń ten."
	}},
	{regexp.MustCompile(`^unbalanced parenthesis at (\d+): '\)'`), 1, func(m []string) string {
		return "Nawias zamykający na pozycji " + m[1] + " nie ma pary: dopisz „(” przed nim albo go usuń."
	}},
	{regexp.MustCompile(`^unbalanced parenthesis at (\d+): '\('`), 1, func(m []string) string {
		return "Nawias otwarty na pozycji " + m[1] + " nie jest zamknięty: dopisz „)”."
	}},
	{regexp.MustCompile(`^empty parentheses at (\d+)`), 1, func(m []string) string {
		return "Puste nawiasy na pozycji " + m[1] + ": wpisz coś między nimi albo je usuń."
	}},
	{regexp.MustCompile(`^(\w+): at (\d+) needs a value`), 2, func(m []string) string {
		return "Po „" + m[1] + ":” na pozycji " + m[2] + " brakuje wartości, np. " + m[1] + ":Płock albo " + m[1] + ":\"Hugues Labar\"."
	}},
	{regexp.MustCompile(`^fuzzy operator at (\d+) must be ~, ~1 or ~2, not (.*)$`), 1, func(m []string) string {
		return "Operator podobieństwa na pozycji " + m[1] + " może być tylko ~, ~1 albo ~2, a nie " + m[2] + "."
	}},
	{regexp.MustCompile(`^prefix at (\d+) is too short: give at least (\d+) letters`), 1, func(m []string) string {
		return "Początek słowa przed * na pozycji " + m[1] + " jest za krótki: podaj co najmniej " + m[2] + " litery."
	}},
	{regexp.MustCompile(`^prefix (.+)\* at (\d+) stands for more than (\d+) words`), 2, func(m []string) string {
		return "„" + m[1] + "*” na pozycji " + m[2] + " pasuje do ponad " + m[3] + " słów: podaj więcej liter przed *."
	}},
	{regexp.MustCompile(`^wildcard at (\d+): only a trailing \*`), 1, func(m []string) string {
		return "Symbol wieloznaczny na pozycji " + m[1] + ": gwiazdka może stać tylko na końcu słowa."
	}},
	{regexp.MustCompile(`^"?(AND|OR|NOT|&&|\|\||-)"? at (\d+) needs a term after it`), 2, func(m []string) string {
		return "Po „" + m[1] + "” na pozycji " + m[2] + " brakuje słowa."
	}},
	{regexp.MustCompile(`^"?(AND|OR|NOT|&&|\|\||-)"? at (\d+) needs a term before it`), 2, func(m []string) string {
		return "Przed „" + m[1] + "” na pozycji " + m[2] + " brakuje słowa."
	}},
	{regexp.MustCompile(`^"(.*)" at (\d+) needs a term before it`), 2, func(m []string) string {
		return "Przed „" + m[1] + "” na pozycji " + m[2] + " brakuje słowa."
	}},
	{regexp.MustCompile(`^unexpected "(.*)" at (\d+)`), 2, func(m []string) string {
		return "Nieoczekiwane „" + m[1] + "” na pozycji " + m[2] + "."
	}},
	{regexp.MustCompile(`^query nests deeper than (\d+) levels at (\d+)`), 2, func(m []string) string {
		return "Zapytanie ma więcej niż " + m[1] + " poziomów nawiasów (pozycja " + m[2] + "): usuń część z nich."
	}},
	{regexp.MustCompile(`^query ends where a term was expected`), endOfQuery, func([]string) string {
		return "Zapytanie urywa się tam, gdzie powinno stać słowo: dopisz je albo usuń ostatni operator."
	}},
	{regexp.MustCompile(`^query has (\d+) terms; the limit is (\d+)`), 0, func(m []string) string {
		return "Zapytanie ma " + m[1] + " słów; można podać najwyżej " + m[2] + "."
	}},
	{regexp.MustCompile(`^query is (\d+) bytes long; the limit is (\d+)`), 0, func(m []string) string {
		return "Zapytanie ma " + m[1] + " bajtów; limit to " + m[2] + "."
	}},
	{regexp.MustCompile(`^query (is not valid UTF-8|contains a NUL character)`), 0, func([]string) string {
		return "Zapytanie zawiera niedozwolone znaki."
	}},
	{regexp.MustCompile(`^(event_from|event_to|from|to) must be a date like .*, not "(.*)"$`), 0, func(m []string) string {
		return "Data „" + dateLabels[m[1]] + "” musi mieć postać 2014-12-18 (albo 2014-12, 2014), a nie „" + m[2] + "”."
	}},
	{regexp.MustCompile(`^(event_from|from) \((.*)\) is after (event_to|to) \((.*)\)`), 0, func(m []string) string {
		return "Data „" + dateLabels[m[1]] + "” (" + polishISODay(m[2]) + ") jest późniejsza niż „" + dateLabels[m[3]] + "” (" + polishISODay(m[4]) + "): zamień je."
	}},
	{regexp.MustCompile(`^page (\d+) of size (\d+) reaches past hit (\d+)`), 0, func(m []string) string {
		return "Strona " + m[1] + " sięga dalej niż " + number(atoi(m[3])) + " wyników: zawęź zapytanie albo filtry zamiast przewijać tak daleko, albo pobierz eksport."
	}},
	{regexp.MustCompile(`^sort must be`), 0, func([]string) string {
		return "Nieznana kolejność: wybierz trafność, od najnowszych albo od najstarszych."
	}},
	{regexp.MustCompile(`^(\d+) filter values given; the limit is (\d+)`), 0, func(m []string) string {
		return "Podano " + m[1] + " wartości filtrów; można najwyżej " + m[2] + "."
	}},
	{regexp.MustCompile(`^kind must be visit or meeting`), 0, func([]string) string {
		return "Rodzaj może być tylko: wizyta albo spotkanie."
	}},
	{regexp.MustCompile(`^status must be reported, planned or past`), 0, func([]string) string {
		return "Status może być tylko: relacja, zapowiedź albo wspomnienie."
	}},
	{regexp.MustCompile(`^(page|size) must be`), 0, func(m []string) string {
		return "Zły numer strony albo rozmiar strony: podaj liczbę od 1."
	}},
}

// dateLabels name the date fields of the search form as its labels do.
var dateLabels = map[string]string{"from": "opublikowane od", "to": "opublikowane do", "event_from": "wydarzenia od", "event_to": "wydarzenia do"}

// polishProblem translates the message of a refused search of query;
// one it does not know keeps its English words after a Polish lead.
func polishProblem(msg, query string) searchProblem {
	for _, r := range errorRules {
		m := r.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		p := searchProblem{Message: r.polish(m)}
		switch {
		case r.pos == endOfQuery:
			p.Pos = utf8.RuneCountInString(query) + 1
		case r.pos > 0:
			p.Pos = int(atoi(m[r.pos]))
		}
		return p
	}
	return searchProblem{Message: "Nie da się wykonać tego wyszukiwania: " + msg}
}

// endOfQuery is the pos of a rule whose message points after the query's
// last character.
const endOfQuery = -1

// atoi reads a number a rule matched as digits.
func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// markedQuery splits the query around the character at the 1-based
// position pos, for the page to mark it: before, at and after. A
// position past the end marks an empty place at the end.
func markedQuery(q string, pos int) (before, at, after string) {
	rs := []rune(q)
	switch {
	case pos < 1 || pos > len(rs)+1:
		return q, "", ""
	case pos == len(rs)+1:
		// The place after the last character: a space to mark.
		return q, " ", ""
	}
	return string(rs[:pos-1]), string(rs[pos-1]), string(rs[pos:])
}
