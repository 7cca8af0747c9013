package extract

import (
	"strconv"
	"strings"
	"time"
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
	ctx  int // the token whose sentence tells the tense, when not i
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
	// thisMonth: the month of the reference day (w tym miesiącu)
	thisMonth bool
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
	} else if s.isPunct(j, "-") && (s.word(j+1) == "go" || s.word(j+1) == "ego") {
		j += 2 // 7-go października
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
	if !yok {
		// 16.02.05: a two-digit year after a zero-padded day and month,
		// unless more numbers follow (an address, a version)
		y2, ok2 := s.num(i + 4)
		if !ok2 || len(s.toks[i+4].text) != 2 || len(s.toks[i].text) != 2 || len(s.toks[i+2].text) != 2 || sep != "." ||
			s.isPunct(i+5, ".") && i+6 < len(s.toks) && s.toks[i+6].kind == tNum {
			return
		}
		yy, yok = 2000+y2, true
		if y2 > 50 {
			yy = 1900 + y2
		}
	}
	if !validDate(yy, mm, a) {
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
			for h.y1 > 0 && h.m1 == 0 && h.rel == yAbs && !h.isOffset && !h.isWeekday {
				// 2005 i 2006; 1996, 2004 i 2006
				if h, ok = s.coordinatedYear(i); !ok {
					break
				}
				hits = append(hits, h)
				i = h.j
			}
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
		dir := 0
		switch w {
		case "ubiegłego", "zeszłego", "ostatniego":
			dir = -1
		case "najbliższego", "przyszłego":
			dir = 1
		}
		if wd, ok := weekdayForms[s.word(i+1)]; ok && !s.toks[i+1].cap {
			// od poniedziałku do soboty: opening days, no date
			if _, span := weekdayForms[s.word(i+3)]; span && (w == "od" && s.word(i+2) == "do" || w == "do" && s.word(i-2) == "od") {
				return dateHit{}, false
			}
			if w == "do" {
				if _, span := weekdayForms[s.word(i-1)]; span && s.word(i-2) == "od" {
					return dateHit{}, false
				}
			}
			// od soboty 20.06.2009 r.: the date that follows is the date
			k := i + 2
			for k < len(s.toks) && k <= i+3 && s.isPunct(k, ",(") {
				k++
			}
			if _, _, _, ok := s.dayMonth(k); ok {
				return dateHit{}, false
			}
			if _, _, _, _, ok := s.numeric(k); ok {
				return dateHit{}, false
			}
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
		// w latach: 1996, 2004 i 2006: a list of years, each its own
		k := i + 1
		if s.isPunct(k, ":") {
			k++
		}
		if y, ok := s.year4(k); ok && !s.isDashAt(k+1) && (s.isPunct(k+1, ",") || s.word(k+1) == "i" || s.word(k+1) == "oraz") {
			return dateHit{i: k, j: k + 1, y1: y, y2: y}, true
		}
	case "tym", "ubiegłym", "zeszłym", "przyszłym", "bieżącym", "poprzednim", "następnym":
		if s.word(i+1) == "miesiącu" && (w == "tym" || w == "bieżącym") {
			return dateHit{i: i, j: i + 2, thisMonth: true}, true
		}
		if s.word(i+1) == "roku" {
			rel := map[string]yearRel{"tym": yThis, "bieżącym": yThis, "ubiegłym": yLast, "zeszłym": yLast, "poprzednim": yLast, "przyszłym": yNext, "następnym": yNext}[w]
			return dateHit{i: i, j: i + 2, rel: rel}, true
		}
	}
	if rel, n := s.relYear(i); n > i+1 {
		// ubiegłego roku, tego roku: the year alone
		return dateHit{i: i, j: n, rel: rel}, true
	}
	if w == "roku" {
		// w roku ubiegłym, roku bieżącego
		switch s.word(i + 1) {
		case "ubiegłym", "ubiegłego", "zeszłym", "zeszłego", "poprzednim", "poprzedniego":
			return dateHit{i: i, j: i + 2, rel: yLast}, true
		case "bieżącym", "bieżącego", "obecnym":
			return dateHit{i: i, j: i + 2, rel: yThis}, true
		case "przyszłym", "przyszłego", "następnym", "następnego":
			return dateHit{i: i, j: i + 2, rel: yNext}, true
		}
	}
	if h, ok := s.adjectiveDate(i); ok {
		return h, true
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
	// 12-14.06.2015: a range of days written numerically
	if d1, ok := s.num(i); ok && len(s.toks[i].text) <= 2 && s.isDashAt(i+1) {
		if y, m, d2, next, ok2 := s.numeric(i + 2); ok2 && d1 >= 1 && d1 < d2 {
			return dateHit{i: i, j: next, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d2}, true
		}
	}
	// 14, 15 i 16 marca: every day of a list takes the month of the last
	if d1, ok := s.num(i); ok && len(s.toks[i].text) <= 2 && d1 >= 1 && s.isPunct(i+1, ",") {
		k := i + 2
		for k+1 < len(s.toks) && k < i+12 {
			if _, isNum := s.num(k); !isNum || len(s.toks[k].text) > 2 {
				break
			}
			if !s.isPunct(k+1, ",") {
				break
			}
			k += 2
		}
		if s.word(k+1) == "i" || s.word(k+1) == "oraz" {
			if d2, m, next, ok2 := s.dayMonth(k + 2); ok2 && d1 < d2 {
				y, rel, _ := s.yearExpr(next)
				return dateHit{i: i, j: i + 1, ctx: k + 2, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d1, rel: rel}, true
			}
		}
	}
	// 7 i 8 kwietnia: the first day takes the month (and the context) of
	// the second
	if d1, ok := s.num(i); ok && len(s.toks[i].text) <= 2 && d1 >= 1 && d1 <= 31 && (s.word(i+1) == "i" || s.word(i+1) == "oraz" || s.isPunct(i+1, ",")) {
		if d2, m, next, ok2 := s.dayMonth(i + 2); ok2 && d1 < d2 {
			y, rel, _ := s.yearExpr(next)
			return dateHit{i: i, j: i + 1, ctx: i + 2, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d1, rel: rel}, true
		}
	}
	// 18-19 grudnia 2014 r.
	if d1, ok := s.num(i); ok && len(s.toks[i].text) <= 2 && s.isDashAt(i+1) {
		if d2, m, next, ok2 := s.dayMonth(i + 2); ok2 && d1 < d2 {
			y, rel, n := s.yearExpr(next)
			return dateHit{i: i, j: n, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d2, rel: rel}, true
		}
	}
	if d, ok := s.num(i); ok && len(s.toks[i].text) <= 2 && d >= 1 && d <= 31 && (s.word(i+1) == "bm" || s.word(i+1) == "b" && s.isPunct(i+2, ".") && s.word(i+3) == "m") {
		// 20 bm. (bieżącego miesiąca): a day of the current month
		j := i + 2
		if s.word(i+1) == "b" {
			j = i + 4
		}
		if s.isPunct(j, ".") {
			j++
		}
		return dateHit{i: i, j: j, d1: d, d2: d, thisMonth: true}, true
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
	return s.bareYear(i)
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

// monthLead are the words after which a month in the genitive stands for
// the month (od czerwca, do końca marca, w połowie maja).
var monthLead = map[string]bool{"od": true, "do": true, "połowy": true, "połowie": true, "początku": true, "początkiem": true,
	"końca": true, "końcem": true, "końcu": true, "koniec": true, "początek": true, "połowę": true}

// quantityWord after a four-digit number shows that it counts something
// rather than naming a year.
var quantityWord = map[string]bool{"osób": true, "zł": true, "złotych": true, "tys": true, "euro": true, "km": true, "m": true, "metrów": true,
	"uczestników": true, "mieszkańców": true, "sztuk": true, "egzemplarzy": true, "ha": true, "kg": true, "ton": true, "lat": true, "dni": true}
