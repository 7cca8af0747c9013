package extract

import (
	"maps"
	"slices"
	"strings"
)

// dateRule is one named pattern of the date scanner. A rule reads its
// pattern at token i and reports the date it found; it is tried only at
// the tokens it may start at, so that the scanner stays a map look-up per
// word. Adding a pattern is adding one rule to dateRules (with its example
// in a comment) and one row to TestDateRules.
type dateRule struct {
	name string
	// at lists the lower-case words the rule is tried at
	at []string
	// num: the rule is tried at numbers instead of words
	num   bool
	match func(s *dateScanner, i int) (dateHit, bool)
}

// dateRules are the rules in the order they are tried: at each token the
// first that matches wins, so a longer pattern comes before a shorter one
// that starts alike.
var dateRules = []dateRule{
	{name: "numericDate", num: true, match: (*dateScanner).numericDate},
	{name: "numericDayRange", num: true, match: (*dateScanner).numericDayRange},
	{name: "dayList", num: true, match: (*dateScanner).dayList},
	{name: "dayPair", num: true, match: (*dateScanner).dayPair},
	{name: "slashDays", num: true, match: (*dateScanner).slashDays},
	{name: "dayRange", num: true, match: (*dateScanner).dayRange},
	{name: "dayOfThisMonth", num: true, match: (*dateScanner).dayOfThisMonth},
	{name: "dayMonthRange", num: true, match: (*dateScanner).dayMonthRange},
	{name: "dayMonth", num: true, match: (*dateScanner).dayMonthDate},
	{name: "yearWithWord", num: true, match: (*dateScanner).yearWithWord},
	{name: "yearRangeWithWord", num: true, match: (*dateScanner).yearRangeWithWord},
	{name: "yearAfterPreposition", num: true, match: (*dateScanner).yearAfterPreposition},
	{name: "bareYearRange", num: true, match: (*dateScanner).bareYearRange},
	{name: "namedYear", num: true, match: (*dateScanner).namedYear},

	{name: "weekdayAfterLead", at: slices.Collect(maps.Keys(weekdayLead)), match: (*dateScanner).weekdayAfterLead},
	{name: "fromToDays", at: []string{"od"}, match: (*dateScanner).fromToDays},
	{name: "fromToMonths", at: []string{"od"}, match: (*dateScanner).fromToMonths},
	{name: "fromToYears", at: []string{"od"}, match: (*dateScanner).fromToYears},
	{name: "relativeDay", at: slices.Collect(maps.Keys(dayOffsets)), match: (*dateScanner).relativeDay},
	{name: "inMonth", at: []string{"w", "we"}, match: (*dateScanner).inMonth},
	{name: "inWeekday", at: []string{"w", "we"}, match: (*dateScanner).inWeekday},
	{name: "bareWeekday", at: slices.Collect(maps.Keys(weekdayAccusative)), match: (*dateScanner).bareWeekday},
	{name: "inWeekend", at: []string{"w", "we"}, match: (*dateScanner).inWeekend},
	{name: "inWeek", at: []string{"w", "we"}, match: (*dateScanner).inWeek},
	{name: "turnOfMonths", at: []string{"na"}, match: (*dateScanner).turnOfMonths},
	{name: "yearAfterRoku", at: []string{"roku", "rok"}, match: (*dateScanner).yearAfterRoku},
	{name: "yearsRange", at: []string{"latach", "lata"}, match: (*dateScanner).yearsRange},
	{name: "yearsList", at: []string{"latach", "lata"}, match: (*dateScanner).yearsList},
	{name: "decade", at: slices.Collect(maps.Keys(yearsWords)), match: (*dateScanner).decade},
	{name: "relativeMonth", at: slices.Collect(maps.Keys(relativeLocative)), match: (*dateScanner).relativeMonth},
	{name: "relativeYearLocative", at: slices.Collect(maps.Keys(relativeLocative)), match: (*dateScanner).relativeYearLocative},
	{name: "relativeYear", at: append(slices.Collect(maps.Keys(relativeYearBefore)), "br", "b", "ub", "ubr"), match: (*dateScanner).relativeYear},
	{name: "yearThenRelative", at: []string{"roku"}, match: (*dateScanner).yearThenRelative},
	{name: "endOfYear", at: slices.Collect(maps.Keys(endWords)), match: (*dateScanner).endOfYear},
	{name: "dateAdjective", at: slices.Collect(maps.Keys(dateAdjectives)), match: (*dateScanner).dateAdjective},
	{name: "monthWithYear", at: slices.Collect(maps.Keys(monthForms)), match: (*dateScanner).monthWithYear},
	{name: "monthAfterLead", at: slices.Collect(maps.Keys(monthForms)), match: (*dateScanner).monthAfterLead},
}

// dateRuleIndex lists, for numbers and for each word, the rules to try
// there, in the order of dateRules.
var dateRuleIndex = func() (ix struct {
	numbers []*dateRule
	byWord  map[string][]*dateRule
}) {
	ix.byWord = map[string][]*dateRule{}
	for k := range dateRules {
		r := &dateRules[k]
		if r.num {
			ix.numbers = append(ix.numbers, r)
			continue
		}
		for _, w := range r.at {
			ix.byWord[w] = append(ix.byWord[w], r)
		}
	}
	return ix
}()

// weekdayAfterLead reads a weekday after od, do, na or an adjective in
// the genitive: "od piątku", "na sobotę", "ubiegłego piątku". Opening
// days (od poniedziałku do soboty) are no date, and a date written after
// the weekday (od soboty 20.06.2009 r.) is left to its own rule.
func (s *dateScanner) weekdayAfterLead(i int) (dateHit, bool) {
	w := s.word(i)
	dir := weekdayLead[w]
	wd, ok := weekdayForms[s.word(i+1)]
	if !ok || s.toks[i+1].cap {
		return dateHit{}, false
	}
	if _, span := weekdayForms[s.word(i+3)]; span && w == "od" && s.word(i+2) == "do" {
		return dateHit{}, false
	}
	if _, span := weekdayForms[s.word(i-1)]; span && w == "do" && s.word(i-2) == "od" {
		return dateHit{}, false
	}
	if s.dateFollows(i + 2) {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 2, weekday: wd, isWeekday: true, weekdayDir: dir}, true
}

// dateFollows reports whether a day and month or a numeric date starts
// at k, after at most two commas or parentheses.
func (s *dateScanner) dateFollows(k int) bool {
	start := k
	for k < len(s.toks) && k <= start+1 && s.isPunct(k, ",(") {
		k++
	}
	if _, _, _, ok := s.dayMonth(k); ok {
		return true
	}
	_, _, _, _, ok := s.numeric(k)
	return ok
}

// fromToDays reads "od 18 do 19 grudnia 2014" and "od 18 grudnia do 2
// stycznia" at i (the token "od").
func (s *dateScanner) fromToDays(i int) (dateHit, bool) {
	d1, ok := s.num(i + 1)
	if !ok || len(s.toks[i+1].text) > 2 {
		return dateHit{}, false
	}
	m1 := 0
	j := i + 2
	if d, m, next, ok := s.dayMonth(i + 1); ok {
		d1, m1, j = d, m, next
	}
	if s.word(j) != "do" {
		return dateHit{}, false
	}
	d2, m2, next, ok := s.dayMonth(j + 1)
	if !ok {
		return dateHit{}, false
	}
	if m1 == 0 {
		m1 = m2
	}
	y, rel, n := s.yearExpr(next)
	h := dateHit{i: i + 1, j: n, y1: y, m1: m1, d1: d1, y2: y, m2: m2, d2: d2, rel: rel}
	if rel == yAbs && m2 < m1 {
		h.y1 = y - 1
	}
	return h, true
}

// fromToMonths reads "od maja do września 2019 r.", "od stycznia 2019 do
// marca 2020" and "od października ub. roku do marca tego roku".
func (s *dateScanner) fromToMonths(i int) (dateHit, bool) {
	m1, ok := monthForms[s.word(i+1)]
	if !ok || m1.gcase != 'g' {
		return dateHit{}, false
	}
	y1, rel1, n1 := s.yearExpr(i + 2)
	if s.word(n1) != "do" {
		return dateHit{}, false
	}
	m2, ok := monthForms[s.word(n1+1)]
	if !ok || m2.gcase != 'g' {
		return dateHit{}, false
	}
	y2, rel2, n2 := s.yearExpr(n1 + 2)
	h := dateHit{i: i, j: n2, y1: y1, m1: m1.month, y2: y2, m2: m2.month, rel: rel2}
	switch {
	case rel1 == yAbs && rel2 == yAbs:
	case rel2 == yAbs:
		h.y1 = y2
		if m2.month < m1.month {
			h.y1 = y2 - 1
		}
	case rel1 == yAbs:
		h.y2, h.rel = y1, yAbs
		if m2.month < m1.month {
			h.y2 = y1 + 1
		}
	default:
		if rel1 != rel2 && rel1 != yNone {
			h.relStart = rel1
		}
	}
	return h, true
}

// fromToYears reads "od 2010 do 2015 roku".
func (s *dateScanner) fromToYears(i int) (dateHit, bool) {
	return s.yearToYear(i, s.word(i+2) == "do")
}

// yearToYear reads the years of "od 2010 do 2015 roku" and "lata
// 2007-2013" after the word at i, when joined says the token between
// them joins them.
func (s *dateScanner) yearToYear(i int, joined bool) (dateHit, bool) {
	y1, ok := s.year4(i + 1)
	if !ok || !joined {
		return dateHit{}, false
	}
	y2, ok := s.year4(i + 3)
	if !ok || y2 < y1 {
		return dateHit{}, false
	}
	return dateHit{i: i, j: s.yearSuffix(i + 4), y1: y1, y2: y2}, true
}

// relativeDay reads "dziś", "wczoraj", "przedwczoraj", "jutro".
func (s *dateScanner) relativeDay(i int) (dateHit, bool) {
	return dateHit{i: i, j: i + 1, isOffset: true, dayOffset: dayOffsets[s.word(i)]}, true
}

// inMonth reads "w marcu [2007 roku]", "w grudniu br.".
func (s *dateScanner) inMonth(i int) (dateHit, bool) {
	mf, ok := monthForms[s.word(i+1)]
	if !ok || mf.gcase != 'l' {
		return dateHit{}, false
	}
	y, rel, next := s.yearExpr(i + 2)
	return dateHit{i: i, j: next, y1: y, m1: mf.month, y2: y, m2: mf.month, rel: rel}, true
}

// inWeekday reads "w piątek", "w ubiegły piątek", "w najbliższą sobotę";
// in "w poniedziałek, 4 kwietnia" and "w poniedziałek (14 maja)" the date
// that follows is the date, its weekday a check on its year.
func (s *dateScanner) inWeekday(i int) (dateHit, bool) {
	dir, j := s.weekdayAdjectiveAt(i + 1)
	wd, ok := weekdayForms[s.word(j)]
	if !ok {
		return dateHit{}, false
	}
	k := j + 1
	for k < len(s.toks) && k <= j+2 && s.isPunct(k, ",(") {
		k++
	}
	h, ok := s.dayMonthRange(k)
	if !ok {
		h, ok = s.dayMonthDate(k)
	}
	if ok {
		h.i = i
		if s.isPunct(h.j, ")") && s.isPunct(j+1, "(") {
			h.j++
		}
		h.weekday, h.checkWeekday = wd, true
		return h, true
	}
	if h, ok := s.numericDate(k); ok {
		h.i = i
		return h, true
	}
	return dateHit{i: i, j: j + 1, weekday: wd, isWeekday: true, weekdayDir: dir}, true
}

// bareWeekday reads a weekday in the accusative standing without a
// preposition, as a time the sentence fills: "spędzili poniedziałek w
// Płocku", "cały wtorek trwały rozmowy", "przepracował ubiegłą sobotę";
// with a date after it ("poniedziałek, 13 marca") that date, its weekday a
// check on its year, as in inWeekday. A preposition before it belongs to
// another rule or makes no date (za poniedziałek); a feast (tłusty
// czwartek, Wielki Piątek), a recurrence (co niedzielę, każdą sobotę) and
// a capitalised word inside a sentence (the surname Piątek) are no day.
func (s *dateScanner) bareWeekday(i int) (dateHit, bool) {
	if s.toks[i].cap && !sentenceStart(s.toks, i) {
		return dateHit{}, false
	}
	dir, k := 0, i-1
	if d, ok := weekdayAdjective[s.word(k)]; ok {
		dir, k = d, k-1
	} else if wholeWords[s.word(k)] {
		k--
	}
	if prev := s.word(k); weekdayPrepositions[prev] || notDayWords[prev] || notDayWords[s.word(i-1)] || s.word(k-1) == "co" {
		return dateHit{}, false
	}
	wd := weekdayForms[s.word(i)]
	j := i + 1
	for j < len(s.toks) && j <= i+2 && s.isPunct(j, ",(") {
		j++
	}
	if h, ok := s.dayMonthDate(j); ok {
		h.i = k + 1
		if s.isPunct(h.j, ")") && s.isPunct(i+1, "(") {
			h.j++
		}
		h.weekday, h.checkWeekday = wd, true
		return h, true
	}
	return dateHit{i: k + 1, j: i + 1, weekday: wd, isWeekday: true, weekdayDir: dir}, true
}

// slashDays reads two days joined by a slash: "7/8 października", "w nocy
// z 14/15 maja 2019 r.": the two days, which must follow each other (a
// night, a weekend), as a range of days.
func (s *dateScanner) slashDays(i int) (dateHit, bool) {
	d1, ok := s.day(i)
	if !ok || !s.isPunct(i+1, "/") || s.toks[i+1].space {
		return dateHit{}, false
	}
	d2, m, next, ok := s.dayMonth(i + 2)
	if !ok || d2 != d1+1 {
		return dateHit{}, false
	}
	y, rel, n := s.yearExpr(next)
	return dateHit{i: i, j: n, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d2, rel: rel}, true
}

// inWeekend reads "w weekend", "w ten weekend", "w ubiegły weekend", "w
// najbliższy weekend": a Saturday and Sunday.
func (s *dateScanner) inWeekend(i int) (dateHit, bool) {
	dir, j := s.weekdayAdjectiveAt(i + 1)
	if s.word(j) != "weekend" {
		return dateHit{}, false
	}
	return dateHit{i: i, j: j + 1, isWeekend: true, weekdayDir: dir}, true
}

// weekdayAdjectiveAt reads the adjective of weekdayAdjective that may
// stand at i (w ubiegły piątek): its direction and the token after it.
func (s *dateScanner) weekdayAdjectiveAt(i int) (dir, next int) {
	if d, ok := weekdayAdjective[s.word(i)]; ok {
		return d, i + 1
	}
	return 0, i
}

// inWeek reads "w tym tygodniu", "w przyszłym tygodniu", "w ubiegłym
// tygodniu": a Monday-to-Sunday week.
func (s *dateScanner) inWeek(i int) (dateHit, bool) {
	off, ok := relativeLocative[s.word(i+1)]
	if !ok || s.word(i+2) != "tygodniu" {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 3, isWeek: true, weekOffset: off}, true
}

// turnOfMonths reads "na przełomie maja i czerwca [2015]".
func (s *dateScanner) turnOfMonths(i int) (dateHit, bool) {
	if s.word(i+1) != "przełomie" {
		return dateHit{}, false
	}
	m1, ok := monthForms[s.word(i+2)]
	if !ok || m1.gcase != 'g' || !(s.word(i+3) == "i" || s.isDashAt(i+3)) {
		return dateHit{}, false
	}
	m2, ok := monthForms[s.word(i+4)]
	if !ok || m2.gcase != 'g' {
		return dateHit{}, false
	}
	y, rel, next := s.yearExpr(i + 5)
	h := dateHit{i: i, j: next, y1: y, m1: m1.month, y2: y, m2: m2.month, rel: rel, turn: true}
	if m2.month < m1.month && rel == yAbs {
		h.y1 = y - 1
	}
	return h, true
}

// yearAfterRoku reads "roku 2020" (z wyjątkiem roku 2020).
func (s *dateScanner) yearAfterRoku(i int) (dateHit, bool) {
	y, ok := s.year4(i + 1)
	if !ok || s.isPunct(i+2, "-–") {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 2, y1: y, y2: y}, true
}

// yearsRange reads "w latach 2007-2013", "lata 2014–2020".
func (s *dateScanner) yearsRange(i int) (dateHit, bool) {
	return s.yearToYear(i, s.isDashAt(i+2))
}

// yearsList reads the first year of "w latach: 1996, 2004 i 2006"; the
// scanner takes the others as coordinated years.
func (s *dateScanner) yearsList(i int) (dateHit, bool) {
	k := i + 1
	if s.isPunct(k, ":") {
		k++
	}
	y, ok := s.year4(k)
	if !ok || s.isDashAt(k+1) || !(s.isPunct(k+1, ",") || s.word(k+1) == "i" || s.word(k+1) == "oraz") {
		return dateHit{}, false
	}
	return dateHit{i: k, j: k + 1, y1: y, y2: y}, true
}

// decade reads "w latach 90.", "lata 90-te", "z lat 80. XX wieku", "w
// latach dziewięćdziesiątych": ten years, of the century written or else
// the one the publication day picks.
func (s *dateScanner) decade(i int) (dateHit, bool) {
	if s.word(i) == "lat" && s.word(i-1) != "z" && s.word(i-1) != "ze" && s.word(i-1) != "od" {
		return dateHit{}, false // do lat 10: an age
	}
	dec, j := 0, i+2
	if n, ok := s.num(i + 1); ok && len(s.toks[i+1].text) == 2 && n >= 10 && n%10 == 0 {
		switch {
		case s.isDashAt(i+2) && decadeEndings[s.word(i+3)]:
			j = i + 4
		case decadeEndings[s.word(i+2)] && !s.toks[i+2].space:
			j = i + 3
		case s.isPunct(i+2, "."):
			j = i + 3
		default:
			return dateHit{}, false
		}
		dec = n
	} else if d, ok := decadeWords[s.word(i+1)]; ok {
		dec = d
	} else {
		return dateHit{}, false
	}
	h := dateHit{i: i, j: j, decade: dec}
	if c, ok := centuryNumerals[s.word(j)]; ok && s.toks[j].allCaps && centuryWords[s.word(j+1)] {
		h.y1, h.y2, h.decade = c*100+dec, c*100+dec+9, 0
		h.j = j + 2
		if s.word(j+1) == "w" {
			h.j = s.skipDot(j + 2) // XX w.
		}
	}
	return h, true
}

// relativeMonth reads "w tym miesiącu", "w ubiegłym miesiącu", "w
// przyszłym miesiącu" (at the adjective).
func (s *dateScanner) relativeMonth(i int) (dateHit, bool) {
	if s.word(i+1) != "miesiącu" {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 2, isMonthRel: true, monthOffset: relativeLocative[s.word(i)]}, true
}

// relativeYearLocative reads "w ubiegłym roku", "w tym roku", "w
// przyszłym roku" (at the adjective).
func (s *dateScanner) relativeYearLocative(i int) (dateHit, bool) {
	if s.word(i+1) != "roku" {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 2, rel: relOf(relativeLocative[s.word(i)])}, true
}

// relOf gives the relative year an offset of -1, 0 or +1 names.
func relOf(offset int) yearRel {
	switch {
	case offset < 0:
		return yLast
	case offset > 0:
		return yNext
	}
	return yThis
}

// relativeYear reads a relative year alone: "ubiegłego roku", "tego
// roku", "br.", "ub.r.".
func (s *dateScanner) relativeYear(i int) (dateHit, bool) {
	rel, n := s.relYear(i)
	if n <= i+1 {
		return dateHit{}, false
	}
	return dateHit{i: i, j: n, rel: rel}, true
}

// yearThenRelative reads "w roku ubiegłym", "roku bieżącego".
func (s *dateScanner) yearThenRelative(i int) (dateHit, bool) {
	rel, ok := relativeYearAfter[s.word(i+1)]
	if !ok {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 2, rel: rel}, true
}

// endOfYear reads "do końca roku", "pod koniec roku", "z końcem roku": the
// end of the publication year, a deadline that names the whole year.
func (s *dateScanner) endOfYear(i int) (dateHit, bool) {
	if s.word(i+1) != "roku" || notCalendarYear[s.word(i+2)] {
		return dateHit{}, false
	}
	if _, ok := s.year4(i + 2); ok {
		return dateHit{}, false // końca roku 2020: the year's own rule
	}
	if _, ok := relativeYearAfter[s.word(i+2)]; ok {
		return dateHit{}, false // końca roku ubiegłego: the year's own rule
	}
	return dateHit{i: i, j: i + 2, rel: yThis}, true
}

// dateAdjective reads an adjective made from a date word: "dzisiejszej
// sesji", "tegoroczna edycja", "lipcowy koncert", "w sobotni poranek".
// Written with a capital inside a sentence it begins a name (Powstanie
// Listopadowe) and is no date; "w dzisiejszych czasach" is no day.
func (s *dateScanner) dateAdjective(i int) (dateHit, bool) {
	t := s.toks[i]
	a := dateAdjectives[t.lower]
	if t.cap && !sentenceStart(s.toks, i) || i+1 >= len(s.toks) || s.toks[i+1].kind != tWord {
		return dateHit{}, false
	}
	switch {
	case a.isDay && (nowadays(s.word(i+1)) || t.lower == "dzisiejszych" || t.lower == "dzisiejszymi"):
		return dateHit{}, false
	case a.isDay:
		return dateHit{i: i, j: i + 1, isOffset: true, dayOffset: a.offset}, true
	case a.isWeek:
		return dateHit{i: i, j: i + 1, weekday: a.weekday, isWeekday: true}, true
	case a.month > 0:
		return dateHit{i: i, j: i + 1, m1: a.month, m2: a.month, rel: yNone}, true
	}
	return dateHit{i: i, j: i + 1, rel: a.rel}, true
}

// nowadays reports whether a noun after "dzisiejszy" makes it mean the
// present age rather than the day (czasy, świat, realia).
func nowadays(noun string) bool {
	for _, p := range nowadaysNouns {
		if strings.HasPrefix(noun, p) {
			return true
		}
	}
	return false
}

// monthWithYear reads a month in the nominative or genitive with its
// year: "Styczeń 2011", "września 2009 roku", "marca br.".
func (s *dateScanner) monthWithYear(i int) (dateHit, bool) {
	mf := monthForms[s.word(i)]
	if mf.gcase != 'n' && mf.gcase != 'g' {
		return dateHit{}, false
	}
	y, rel, next := s.yearExpr(i + 1)
	if rel == yNone {
		return dateHit{}, false
	}
	return dateHit{i: i, j: next, y1: y, m1: mf.month, y2: y, m2: mf.month, rel: rel}, true
}

// monthAfterLead reads a month in the genitive after the words of
// monthLead: "od czerwca", "do końca marca", "w połowie maja". Alone, a
// genitive month is no date (the verb "maja").
func (s *dateScanner) monthAfterLead(i int) (dateHit, bool) {
	mf := monthForms[s.word(i)]
	if mf.gcase != 'g' || !monthLead[s.word(i-1)] {
		return dateHit{}, false
	}
	return dateHit{i: i - 1, j: i + 1, m1: mf.month, m2: mf.month, rel: yNone}, true
}
