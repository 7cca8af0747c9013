package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/kronika/kronika/news"
)

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

// yearRel says how the year of a date was given.
type yearRel uint8

const (
	yAbs  yearRel = iota // an explicit year
	yNone                // no year: take it from the context
	yThis                // br., tego roku, w tym roku
	yLast                // ub.r., ubiegłego roku
	yNext                // przyszłego roku
)

// dateHit is one date expression before resolution: token span [i, j),
// a calendar span whose missing parts are resolved later.
type dateHit struct {
	i, j int
	// y1-m1-d1 .. y2-m2-d2; d == 0 means the whole month, m == 0 the whole year
	y1, m1, d1 int
	y2, m2, d2 int
	rel        yearRel
	// relative day: offset from the reference day, or a weekday
	dayOffset  int
	isOffset   bool
	weekday    time.Weekday
	isWeekday  bool
	weekdayDir int // -1 past, +1 next, 0 by tense
	// relStart: the start of a range has its own relative year
	relStart yearRel
	// checkWeekday: the date was written with its weekday ("w poniedziałek
	// (14 maja)"), which picks the year when none is written
	checkWeekday bool
}

// dateScanner finds date expressions in a token stream.
type dateScanner struct {
	toks []token
	skip []bool // tokens of street names (ul. 3 Maja): never dates
}

func (s *dateScanner) word(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].lower
}

func (s *dateScanner) num(i int) (int, bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tNum {
		return 0, false
	}
	n, err := strconv.Atoi(s.toks[i].text)
	return n, err == nil
}

func (s *dateScanner) isPunct(i int, set string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && strings.Contains(set, s.toks[i].text)
}

func (s *dateScanner) isDashAt(i int) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tPunct {
		return false
	}
	r := []rune(s.toks[i].text)
	return len(r) == 1 && isDash(r[0])
}

// year4 reads a four-digit year at i.
func (s *dateScanner) year4(i int) (int, bool) {
	if i >= len(s.toks) || len(s.toks[i].text) != 4 {
		return 0, false
	}
	n, ok := s.num(i)
	if !ok || n < 1000 || n > 2199 {
		return 0, false
	}
	return n, true
}

// yearSuffix consumes "r.", "roku", "rok" after a year; returns the next index.
func (s *dateScanner) yearSuffix(i int) int {
	switch s.word(i) {
	case "r":
		if s.isPunct(i+1, ".") {
			return i + 2
		}
		return i + 1
	case "roku", "rok", "rokiem":
		return i + 1
	}
	return i
}

// relYear reads a relative-year phrase at i (br., b.r., ub.r., tego roku,
// bieżącego roku, ubiegłego roku, zeszłego roku, przyszłego roku).
func (s *dateScanner) relYear(i int) (yearRel, int) {
	w := s.word(i)
	switch w {
	case "br":
		if s.isPunct(i+1, ".") {
			return yThis, i + 2
		}
		return yThis, i + 1
	case "b":
		if s.isPunct(i+1, ".") && s.word(i+2) == "r" {
			if s.isPunct(i+3, ".") {
				return yThis, i + 4
			}
			return yThis, i + 3
		}
	case "ub":
		if s.isPunct(i+1, ".") && (s.word(i+2) == "r" || s.word(i+2) == "roku") {
			if s.word(i+2) == "r" && s.isPunct(i+3, ".") {
				return yLast, i + 4
			}
			return yLast, i + 3
		}
		if s.isPunct(i+1, ".") {
			return yLast, i + 2
		}
	case "ubr":
		if s.isPunct(i+1, ".") {
			return yLast, i + 2
		}
		return yLast, i + 1
	case "tego", "bieżącego", "obecnego":
		if s.word(i+1) == "roku" {
			return yThis, i + 2
		}
	case "ubiegłego", "zeszłego", "poprzedniego":
		if s.word(i+1) == "roku" {
			return yLast, i + 2
		}
	case "przyszłego", "następnego":
		if s.word(i+1) == "roku" {
			return yNext, i + 2
		}
	}
	return yAbs, i
}

// yearExpr reads an explicit or relative year after a day and month.
func (s *dateScanner) yearExpr(i int) (y int, rel yearRel, next int) {
	if y, ok := s.year4(i); ok {
		return y, yAbs, s.yearSuffix(i + 1)
	}
	if rel, n := s.relYear(i); n > i {
		return 0, rel, n
	}
	return 0, yNone, i
}

// dayMonth reads "18 grudnia", "18. grudnia", "18 XII" at i.
func (s *dateScanner) dayMonth(i int) (d, m, next int, ok bool) {
	d, isNum := s.num(i)
	if !isNum || d < 1 || d > 31 || len(s.toks[i].text) > 2 {
		return 0, 0, i, false
	}
	j := i + 1
	if s.isPunct(j, ".") {
		j++
	}
	if mf, found := monthForms[s.word(j)]; found && (mf.gcase == 'g' || mf.gcase == 'n') {
		return d, mf.month, j + 1, true
	}
	if rm, found := romanMonths[s.word(j)]; found && s.toks[j].text == strings.ToUpper(s.toks[j].text) {
		// a Roman month needs a year after it to be a date: 18 XII 2014,
		// 18.XII.2014
		if _, yok := s.year4(j + 1); yok {
			return d, rm, j + 1, true
		}
		if s.isPunct(j+1, ".") {
			if _, yok := s.year4(j + 2); yok {
				return d, rm, j + 2, true
			}
		}
	}
	return 0, 0, i, false
}

// numeric reads 08.01.2015, 8.1.2015, 08/01/2015, 08-01-2015 and
// 2015-01-08 at i.
func (s *dateScanner) numeric(i int) (y, m, d, next int, ok bool) {
	a, aok := s.num(i)
	if !aok {
		return
	}
	if len(s.toks[i].text) == 4 && s.isPunct(i+1, ".") {
		// 2019.03.12
		mm, mok := s.num(i + 2)
		if mok && s.isPunct(i+3, ".") && len(s.toks[i+2].text) == 2 {
			dd, dok := s.num(i + 4)
			if dok && len(s.toks[i+4].text) == 2 && validDate(a, mm, dd) {
				return a, mm, dd, s.yearSuffix(i + 5), true
			}
		}
		return
	}
	if len(s.toks[i].text) == 4 && s.isPunct(i+1, "-") {
		mm, mok := s.num(i + 2)
		if mok && s.isPunct(i+3, "-") && len(s.toks[i+2].text) == 2 {
			dd, dok := s.num(i + 4)
			if dok && len(s.toks[i+4].text) == 2 && validDate(a, mm, dd) {
				return a, mm, dd, i + 5, true
			}
		}
		return
	}
	if len(s.toks[i].text) > 2 || !s.isPunct(i+1, "./-") {
		return
	}
	sep := s.toks[i+1].text
	mm, mok := s.num(i + 2)
	if !mok || len(s.toks[i+2].text) > 2 || !s.isPunct(i+3, sep) {
		return
	}
	yy, yok := s.year4(i + 4)
	if !yok || !validDate(yy, mm, a) {
		return
	}
	return yy, mm, a, s.yearSuffix(i + 5), true
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// scan finds every date expression in the tokens, left to right, without
// overlaps.
func (s *dateScanner) scan() []dateHit {
	var hits []dateHit
	for i := 0; i < len(s.toks); {
		if i < len(s.skip) && s.skip[i] {
			i++
			continue
		}
		if h, ok := s.at(i); ok {
			hits = append(hits, h)
			i = h.j
			continue
		}
		i++
	}
	return hits
}

// at tries every date pattern that may start at token i.
func (s *dateScanner) at(i int) (dateHit, bool) {
	t := s.toks[i]
	switch t.kind {
	case tNum:
		return s.atNumber(i)
	case tWord:
	default:
		return dateHit{}, false
	}
	w := t.lower
	switch w {
	case "od", "do", "na", "ubiegłego", "zeszłego", "ostatniego", "najbliższego", "przyszłego":
		// od piątku, do soboty, na sobotę, ubiegłego piątku
		dir := map[string]int{"ubiegłego": -1, "zeszłego": -1, "ostatniego": -1, "najbliższego": 1, "przyszłego": 1}[w]
		if wd, ok := weekdayForms[s.word(i+1)]; ok && !s.toks[i+1].cap {
			return dateHit{i: i, j: i + 2, weekday: wd, isWeekday: true, weekdayDir: dir}, true
		}
	}
	switch w {
	case "od":
		// od 18 do 19 grudnia 2014; od 18 grudnia do 2 stycznia
		if h, ok := s.fromTo(i); ok {
			return h, true
		}
		// od maja do września 2019 r.; od stycznia 2019 do marca 2020
		if m1, ok := monthForms[s.word(i+1)]; ok && m1.gcase == 'g' {
			y1, rel1, n1 := s.yearExpr(i + 2)
			if s.word(n1) == "do" {
				if m2, ok2 := monthForms[s.word(n1+1)]; ok2 && m2.gcase == 'g' {
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
						h.rel = rel2
						if rel1 != rel2 && rel1 != yNone {
							// od października ub. roku do marca tego roku
							h.relStart = rel1
						}
					}
					return h, true
				}
			}
		}
		// od 2010 do 2015 roku
		if y1, ok := s.year4(i + 1); ok && s.word(i+2) == "do" {
			if y2, ok2 := s.year4(i + 3); ok2 && y2 >= y1 {
				return dateHit{i: i, j: s.yearSuffix(i + 4), y1: y1, y2: y2}, true
			}
		}
	case "dziś", "dzisiaj", "wczoraj", "przedwczoraj", "jutro", "pojutrze":
		off := map[string]int{"dziś": 0, "dzisiaj": 0, "wczoraj": -1, "przedwczoraj": -2, "jutro": 1, "pojutrze": 2}[w]
		return dateHit{i: i, j: i + 1, isOffset: true, dayOffset: off}, true
	case "w", "we":
		if h, ok := s.inMonthOrWeekday(i); ok {
			return h, true
		}

	case "na":
		// na przełomie maja i czerwca [2015]
		if s.word(i+1) == "przełomie" {
			m1, ok1 := monthForms[s.word(i+2)]
			if ok1 && m1.gcase == 'g' && (s.word(i+3) == "i" || s.isDashAt(i+3)) {
				if m2, ok2 := monthForms[s.word(i+4)]; ok2 && m2.gcase == 'g' {
					y, rel, next := s.yearExpr(i + 5)
					h := dateHit{i: i, j: next, y1: y, m1: m1.month, y2: y, m2: m2.month, rel: rel}
					if m2.month < m1.month && rel == yAbs {
						h.y1 = y - 1
					}
					return h, true
				}
			}
		}
	case "roku", "rok":
		// roku 2020
		if y, ok := s.year4(i + 1); ok && !s.isPunct(i+2, "-–") {
			return dateHit{i: i, j: i + 2, y1: y, y2: y}, true
		}
	case "latach", "lata":
		// w latach 2007-2013
		if y1, ok := s.year4(i + 1); ok && s.isDashAt(i+2) {
			if y2, ok2 := s.year4(i + 3); ok2 && y2 >= y1 {
				return dateHit{i: i, j: s.yearSuffix(i + 4), y1: y1, y2: y2}, true
			}
		}
	case "tym", "ubiegłym", "zeszłym", "przyszłym", "bieżącym", "poprzednim", "następnym":
		if s.word(i+1) == "roku" {
			rel := map[string]yearRel{"tym": yThis, "bieżącym": yThis, "ubiegłym": yLast, "zeszłym": yLast, "poprzednim": yLast, "przyszłym": yNext, "następnym": yNext}[w]
			return dateHit{i: i, j: i + 2, rel: rel}, true
		}
	}
	if mf, ok := monthForms[w]; ok && (mf.gcase == 'n' || mf.gcase == 'g') {
		// Styczeń 2011, września 2009 roku, marca br.
		y, rel, next := s.yearExpr(i + 1)
		if rel != yNone {
			return dateHit{i: i, j: next, y1: y, m1: mf.month, y2: y, m2: mf.month, rel: rel}, true
		}
		// od czerwca, do końca marca, w połowie maja: a month in the
		// genitive alone is a date only after such words (never the verb
		// "maja")
		if mf.gcase == 'g' && monthLead[s.word(i-1)] {
			return dateHit{i: i - 1, j: i + 1, m1: mf.month, m2: mf.month, rel: yNone}, true
		}
	}
	return dateHit{}, false
}

// atNumber handles the patterns that start with a number.
func (s *dateScanner) atNumber(i int) (dateHit, bool) {
	if y, m, d, next, ok := s.numeric(i); ok {
		h := dateHit{i: i, j: next, y1: y, m1: m, d1: d, y2: y, m2: m, d2: d}
		// 18.12.2014 - 19.12.2014
		if s.isDashAt(next) {
			if y2, m2, d2, n2, ok2 := s.numeric(next + 1); ok2 {
				h.y2, h.m2, h.d2, h.j = y2, m2, d2, n2
			}
		}
		return h, true
	}
	// 7 i 8 kwietnia: the first day takes the month of the second
	if d1, ok := s.num(i); ok && len(s.toks[i].text) <= 2 && d1 >= 1 && d1 <= 31 && (s.word(i+1) == "i" || s.word(i+1) == "oraz" || s.isPunct(i+1, ",")) {
		if d2, m, next, ok2 := s.dayMonth(i + 2); ok2 && d1 < d2 {
			y, rel, _ := s.yearExpr(next)
			return dateHit{i: i, j: i + 1, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d1, rel: rel}, true
		}
	}
	// 18-19 grudnia 2014 r.
	if d1, ok := s.num(i); ok && len(s.toks[i].text) <= 2 && s.isDashAt(i+1) {
		if d2, m, next, ok2 := s.dayMonth(i + 2); ok2 && d1 < d2 {
			y, rel, n := s.yearExpr(next)
			return dateHit{i: i, j: n, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d2, rel: rel}, true
		}
	}
	if d, m, next, ok := s.dayMonth(i); ok {
		y, rel, n := s.yearExpr(next)
		h := dateHit{i: i, j: n, y1: y, m1: m, d1: d, y2: y, m2: m, d2: d, rel: rel}
		// 18 grudnia – 2 stycznia 2015
		if s.isDashAt(n) || s.word(n) == "do" {
			if d2, m2, next2, ok2 := s.dayMonth(n + 1); ok2 {
				y2, rel2, n2 := s.yearExpr(next2)
				if rel == yNone {
					h.y1, h.rel = y2, rel2
					if rel2 == yAbs && m2 < m {
						h.y1 = y2 - 1
					}
				}
				h.y2, h.m2, h.d2, h.j = y2, m2, d2, n2
				if rel2 == yNone && rel != yNone {
					h.y2 = h.y1
				}
			}
		}
		return h, true
	}
	// 1575 roku, 2007 r.
	if y, ok := s.year4(i); ok {
		if n := s.yearSuffix(i + 1); n > i+1 {
			return dateHit{i: i, j: n, y1: y, y2: y}, true
		}
		// 2007-2013 r.
		if s.isDashAt(i + 1) {
			if y2, ok2 := s.year4(i + 2); ok2 && y2 > y {
				if n := s.yearSuffix(i + 3); n > i+3 {
					return dateHit{i: i, j: n, y1: y, y2: y2}, true
				}
			}
		}
		// w 2015, od 2010 (the preposition is checked by the caller's context)
		switch s.word(i - 1) {
		case "w", "we", "od", "do", "roku", "rok":
			if _, isNum := s.num(i + 1); !isNum && !quantityWord[s.word(i+1)] {
				return dateHit{i: i, j: i + 1, y1: y, y2: y}, true
			}
		}
	}
	return dateHit{}, false
}

// fromTo reads "od 18 do 19 grudnia 2014" and "od 18 grudnia do 2
// stycznia" at i (the token "od").
func (s *dateScanner) fromTo(i int) (dateHit, bool) {
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

// inMonthOrWeekday reads "w marcu [2007 roku]", "w grudniu br.", "w
// piątek", "w ubiegły piątek", "w najbliższą sobotę" at i (the token "w").
func (s *dateScanner) inMonthOrWeekday(i int) (dateHit, bool) {
	w := s.word(i + 1)
	if mf, ok := monthForms[w]; ok && mf.gcase == 'l' {
		y, rel, next := s.yearExpr(i + 2)
		return dateHit{i: i, j: next, y1: y, m1: mf.month, y2: y, m2: mf.month, rel: rel}, true
	}
	dir := 0
	j := i + 1
	switch w {
	case "ubiegły", "ubiegłą", "zeszły", "zeszłą", "ostatni", "ostatnią", "miniony", "minioną":
		dir, j = -1, i+2
	case "najbliższy", "najbliższą", "przyszły", "przyszłą", "nadchodzący", "nadchodzącą", "następny", "następną":
		dir, j = 1, i+2
	case "ten", "tę", "to":
		j = i + 2
	}
	wd, ok := weekdayForms[s.word(j)]
	if !ok {
		return dateHit{}, false
	}
	// "w poniedziałek, 4 kwietnia" and "w poniedziałek (14 maja)": the
	// explicit date that follows is the date.
	k := j + 1
	for k < len(s.toks) && k <= j+2 && s.isPunct(k, ",(") {
		k++
	}
	if _, _, _, ok := s.dayMonth(k); ok {
		h, _ := s.atNumber(k)
		h.i = i
		if s.isPunct(h.j, ")") && s.isPunct(j+1, "(") {
			h.j++
		}
		h.weekday, h.isWeekday, h.checkWeekday = wd, false, true
		return h, true
	}
	if _, _, _, _, ok := s.numeric(k); ok {
		h, _ := s.atNumber(k)
		h.i = i
		return h, true
	}
	return dateHit{i: i, j: j + 1, weekday: wd, isWeekday: true, weekdayDir: dir}, true
}

// dateResolver turns date hits into calendar spans against a reference day.
type dateResolver struct {
	toks      []token
	published *time.Time
	ref       time.Time // reference day
	hasRef    bool
	absDays   []time.Time // explicit full dates of the text, for the br. check
	anchors   []anchor    // the same, with where they stand
	paras     []int       // paragraph number of every token
}

// anchor is an explicit full date of the text and its place.
type anchor struct {
	tok, para int
	day       time.Time
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func lastDay(y, m int) int { return day(y, m+1, 0).Day() }

// resolveDates turns the hits into DateMentions, de-duplicated by span.
func resolveDates(text string, toks []token, hits []dateHit, published *time.Time) []news.DateMention {
	r := dateResolver{toks: toks, published: published, paras: make([]int, len(toks))}
	p := 0
	for k, t := range toks {
		if t.kind == tBreak && strings.Contains(text[t.start:t.end], "\n\n") {
			p++
		}
		r.paras[k] = p
	}
	for _, h := range hits {
		if h.rel == yAbs && h.y1 > 0 && h.d1 > 0 && !h.isOffset && !h.isWeekday && validDate(h.y1, h.m1, h.d1) {
			d := day(h.y1, h.m1, h.d1)
			r.absDays = append(r.absDays, d)
			r.anchors = append(r.anchors, anchor{tok: h.i, para: r.paras[h.i], day: d})
		}
	}
	switch {
	case published != nil:
		r.ref, r.hasRef = day(published.Year(), int(published.Month()), published.Day()), true
	case len(r.absDays) > 0:
		r.ref, r.hasRef = r.absDays[0], true
	default:
		// a year standing alone somewhere (a section header "Aktualności 2018")
		for _, h := range hits {
			if h.rel == yAbs && h.y1 > 0 && !h.isOffset && !h.isWeekday {
				r.ref, r.hasRef = day(h.y1, 7, 1), true
				break
			}
		}
		if !r.hasRef {
			// a year alone on a short line, like a section header
			// ("Aktualności 2018")
			for k, t := range toks {
				if t.kind != tNum || len(t.text) != 4 || lineWords(toks, k) > 4 {
					continue
				}
				if y, err := strconv.Atoi(t.text); err == nil && y >= 1900 && y <= 2100 {
					r.ref, r.hasRef = day(y, 7, 1), true
					break
				}
			}
		}
	}
	out := make([]news.DateMention, 0, len(hits))
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		start, end, ok := r.resolve(h)
		dm := news.DateMention{Text: strings.TrimSpace(text[toks[h.i].start:toks[h.j-1].end])}
		key := "?" + dm.Text
		if ok {
			s, e := start.Format(time.DateOnly), end.Format(time.DateOnly)
			dm.Start, dm.End = &s, &e
			key = s + "/" + e
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, dm)
	}
	return out
}

// resolve gives the first and last day of a hit.
func (r *dateResolver) resolve(h dateHit) (time.Time, time.Time, bool) {
	switch {
	case h.isOffset:
		if r.published == nil {
			return time.Time{}, time.Time{}, false
		}
		d := r.ref.AddDate(0, 0, h.dayOffset)
		return d, d, true
	case h.isWeekday:
		if r.published == nil {
			return time.Time{}, time.Time{}, false
		}
		d := r.weekday(h)
		return d, d, true
	}
	y1, y2 := h.y1, h.y2
	switch h.rel {
	case yAbs:
	case yNone:
		if !r.hasRef {
			return time.Time{}, time.Time{}, false
		}
		if h.m1 == 0 {
			return time.Time{}, time.Time{}, false
		}
		y1 = r.yearFor(h)
		y2 = y1
		if h.m2 < h.m1 {
			y2 = y1 + 1
		}
		if h.y2 > 0 {
			y2 = h.y2
		}
	default:
		if !r.hasRef {
			return time.Time{}, time.Time{}, false
		}
		y := r.ref.Year()
		switch h.rel {
		case yLast:
			y--
		case yNext:
			y++
		}
		if h.rel == yThis && h.m1 > 0 {
			y = r.checkThisYear(y, h)
		}
		y1, y2 = y, y
		if h.m1 > 0 && h.m2 < h.m1 {
			y1 = y - 1
		}
		switch h.relStart {
		case yLast:
			y1 = r.ref.Year() - 1
		case yThis:
			y1 = r.ref.Year()
		case yNext:
			y1 = r.ref.Year() + 1
		}
	}
	m1, m2, d1, d2 := h.m1, h.m2, h.d1, h.d2
	if m1 == 0 {
		m1, d1 = 1, 1
	}
	if m2 == 0 {
		m2, d2 = 12, 31
	}
	if d1 == 0 {
		d1 = 1
	}
	if d2 == 0 {
		d2 = lastDay(y2, m2)
	}
	if !validDate(y1, m1, d1) || !validDate(y2, m2, d2) {
		return time.Time{}, time.Time{}, false
	}
	start, end := day(y1, m1, d1), day(y2, m2, d2)
	if end.Before(start) {
		return time.Time{}, time.Time{}, false
	}
	return start, end, true
}

// yearFor picks the year of a day and month written without one: the
// year that puts it closest to the anchor (the last full date written
// before it in the same paragraph, else the reference day); a weekday
// written with the date picks among the neighbouring years.
func (r *dateResolver) yearFor(h dateHit) int {
	anchor := r.ref
	for _, a := range r.anchors {
		if a.tok < h.i && a.para == r.paras[h.i] {
			anchor = a.day
		}
	}
	y := closestYear(anchor, h.m1, max(h.d1, 1))
	if h.d1 > 0 && r.published != nil && anchor.Equal(r.ref) && day(y, h.m1, h.d1).Before(anchor) && sentenceTense(r.toks, h.i) > 0 {
		// "odbędzie się 9 kwietnia" in October: next April
		y++
	}
	if h.checkWeekday && h.d1 > 0 {
		for _, c := range []int{y, y - 1, y + 1} {
			if validDate(c, h.m1, h.d1) && day(c, h.m1, h.d1).Weekday() == h.weekday {
				return c
			}
		}
	}
	return y
}

// closestYear picks, for a day and month written without a year, the year
// that puts it closest to ref.
func closestYear(ref time.Time, m, d int) int {
	best, bestDist := ref.Year(), time.Duration(1<<62)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDate(y, m, d) {
			continue
		}
		dist := day(y, m, d).Sub(ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// checkThisYear keeps "19 grudnia br." in a text published in January 2015
// from landing in December 2015: when the date would fall well after the
// publication and the text itself gives the same day or month a year
// earlier, or the sentence speaks of the past, the previous year is meant.
func (r *dateResolver) checkThisYear(y int, h dateHit) int {
	if r.published == nil {
		return y
	}
	// the year written applies to the end of a range (od października
	// ub. roku do marca tego roku)
	m, d := h.m1, max(h.d1, 1)
	if h.m2 > 0 {
		m, d = h.m2, max(h.d2, 1)
	}
	if !validDate(y, m, d) {
		return y
	}
	cand := day(y, m, d)
	if !cand.After(r.ref.AddDate(0, 0, 31)) {
		return y
	}
	prev := day(y-1, m, d)
	for _, a := range r.absDays {
		diff := a.Sub(prev)
		if diff < 0 {
			diff = -diff
		}
		if diff <= 62*24*time.Hour {
			return y - 1
		}
	}
	if sentenceTense(r.toks, h.i) < 0 {
		return y - 1
	}
	return y
}

// weekday resolves "w piątek" against the publication day: the same day
// when it is that weekday, else the previous one for a sentence in the past
// tense or with "ubiegły", the next one otherwise.
func (r *dateResolver) weekday(h dateHit) time.Time {
	ref := r.ref
	if ref.Weekday() == h.weekday && h.weekdayDir == 0 {
		return ref
	}
	dir := h.weekdayDir
	if dir == 0 {
		dir = 1
		if sentenceTense(r.toks, h.i) < 0 {
			dir = -1
		}
	}
	if dir < 0 {
		back := (int(ref.Weekday()) - int(h.weekday) + 7) % 7
		if back == 0 {
			back = 7
		}
		return ref.AddDate(0, 0, -back)
	}
	fwd := (int(h.weekday) - int(ref.Weekday()) + 7) % 7
	if fwd == 0 {
		fwd = 7
	}
	return ref.AddDate(0, 0, fwd)
}

// sentenceTense looks at the verbs of the sentence around token i: -1 when
// it is told in the past tense, +1 in the future, 0 when nothing tells.
func sentenceTense(toks []token, i int) int {
	lo, hi := i, i
	for lo > 0 && !sentenceEnd(toks, lo-1) {
		lo--
	}
	for hi < len(toks)-1 && !sentenceEnd(toks, hi) {
		hi++
	}
	past, future := 0, 0
	for k := lo; k <= hi; k++ {
		t := toks[k]
		if t.kind != tWord || t.cap && k != lo {
			continue
		}
		w := t.lower
		switch w {
		case "będzie", "będą", "odbędzie", "odbędą", "zostanie", "zostaną", "rozpocznie", "rozpoczną", "zaprasza", "zapraszamy", "zapraszają", "planuje", "planują", "przyjedzie", "przyjadą":
			future++
			continue
		}
		if len(w) >= 5 && (strings.HasSuffix(w, "ł") || strings.HasSuffix(w, "ła") || strings.HasSuffix(w, "ło") ||
			strings.HasSuffix(w, "li") || strings.HasSuffix(w, "ły") || strings.HasSuffix(w, "łem") || strings.HasSuffix(w, "łam") ||
			strings.HasSuffix(w, "liśmy") || strings.HasSuffix(w, "łyśmy")) && !pastFalseFriend[w] {
			past++
		}
	}
	switch {
	case past > future:
		return -1
	case future > 0:
		return 1
	}
	return 0
}

// monthLead are the words after which a month in the genitive stands for
// the month (od czerwca, do końca marca, w połowie maja).
var monthLead = map[string]bool{"od": true, "do": true, "połowy": true, "połowie": true, "początku": true, "początkiem": true,
	"końca": true, "końcem": true, "końcu": true}

// quantityWord after a four-digit number shows that it counts something
// rather than naming a year.
var quantityWord = map[string]bool{"osób": true, "zł": true, "złotych": true, "tys": true, "euro": true, "km": true, "m": true, "metrów": true,
	"uczestników": true, "mieszkańców": true, "sztuk": true, "egzemplarzy": true, "ha": true, "kg": true, "ton": true, "lat": true, "dni": true}

// pastFalseFriends end like past-tense verbs but are not.
var pastFalseFriend = map[string]bool{
	"cały": true, "biały": true, "mały": true, "stały": true, "dalej": true, "szkoły": true, "szkoła": true, "wielu": true,
	"dziennikarz": true, "ciało": true, "działa": true, "dzieła": true, "dzieło": true, "wspólnie": true, "dyrektor": true,
	"okazały": true,
	"dolina":  true, "artykuł": true, "artykuły": true, "materiały": true, "materiał": true, "rozdział": true, "udział": true,
	"wydział": true, "wydziału": true, "kapitał": true, "ideały": true, "generał": true, "festiwal": true, "szpital": true,
	"personel": true, "hotel": true, "anioł": true, "kościół": true, "stół": true, "przemysł": true, "pomysł": true,
	"zespoły": true, "zespół": true, "cele": true, "szczegóły": true, "ogóły": true, "tyły": true, "wały": true, "sale": true,
}

// sentenceEnd reports whether token k closes a sentence.
func sentenceEnd(toks []token, k int) bool {
	t := toks[k]
	if t.kind == tBreak {
		return true
	}
	if t.kind == tPunct && (t.text == "." || t.text == "!" || t.text == "?") {
		return k+1 >= len(toks) || toks[k+1].cap || toks[k+1].kind == tBreak
	}
	return false
}

// lineWords counts the word and number tokens on the line of token k.
func lineWords(toks []token, k int) int {
	lo, hi := k, k
	for lo > 0 && toks[lo-1].kind != tBreak {
		lo--
	}
	for hi < len(toks)-1 && toks[hi+1].kind != tBreak {
		hi++
	}
	n := 0
	for i := lo; i <= hi; i++ {
		if toks[i].kind == tWord || toks[i].kind == tNum {
			n++
		}
	}
	return n
}
