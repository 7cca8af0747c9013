package extract

import (
	"strconv"
	"strings"
	"time"
)

// Dates are found in two steps: the scanner (this file) runs the named
// rules of daterules.go and datenumbers.go over the tokens, left to right,
// and keeps the first match at each token; the resolver (resolve.go) turns
// each match into calendar days against the publication day.

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
	ctx  int    // the token whose sentence tells the tense, when not i
	rule string // the name of the rule that found it
	// y1-m1-d1 .. y2-m2-d2; d == 0 means the whole month, m == 0 the whole year
	y1, m1, d1 int
	y2, m2, d2 int
	rel        yearRel
	// relStart: the start of a range has its own relative year
	relStart yearRel
	// relative day: offset from the reference day, or a weekday
	dayOffset  int
	isOffset   bool
	weekday    time.Weekday
	isWeekday  bool
	weekdayDir int // -1 past, +1 next, 0 by tense; for weekends too
	// checkWeekday: the date was written with its weekday ("w poniedziałek
	// (14 maja)"), which picks the year when none is written
	checkWeekday bool
	// isMonthRel: the month of the reference day moved by monthOffset
	// (w tym miesiącu, w ubiegłym miesiącu, 20 bm.)
	isMonthRel  bool
	monthOffset int
	// isWeek: the Monday-to-Sunday week of the reference day moved by
	// weekOffset (w przyszłym tygodniu)
	isWeek     bool
	weekOffset int
	// isWeekend: a Saturday and Sunday picked as a weekday is (w weekend)
	isWeekend bool
	// decade: the decade of "lata 90." (10 … 90) whose century the
	// reference day picks; a written century makes the hit an absolute one
	decade int
	// turn: the turn of two months (na przełomie maja i czerwca), placed
	// within about a month though it spans two
	turn bool
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

// relYear reads a relative-year phrase at i (br., b.r., ub.r., ub. roku,
// tego roku, ubiegłego roku, przyszłego roku); next is i when there is none.
func (s *dateScanner) relYear(i int) (rel yearRel, next int) {
	switch s.word(i) {
	case "br":
		return yThis, s.skipDot(i + 1)
	case "b":
		if s.isPunct(i+1, ".") && s.word(i+2) == "r" {
			return yThis, s.skipDot(i + 3)
		}
	case "ub":
		if s.isPunct(i+1, ".") && s.word(i+2) == "r" {
			return yLast, s.skipDot(i + 3)
		}
		if s.isPunct(i+1, ".") && s.word(i+2) == "roku" {
			return yLast, i + 3
		}
		if s.isPunct(i+1, ".") {
			return yLast, i + 2
		}
	case "ubr":
		return yLast, s.skipDot(i + 1)
	}
	if rel, ok := relativeYearBefore[s.word(i)]; ok && s.word(i+1) == "roku" {
		return rel, i + 2
	}
	return yAbs, i
}

// skipDot steps over a full stop at i.
func (s *dateScanner) skipDot(i int) int {
	if s.isPunct(i, ".") {
		return i + 1
	}
	return i
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

// at tries the rules that may match at token i, in their order, and
// returns the first match.
func (s *dateScanner) at(i int) (dateHit, bool) {
	var rules []*dateRule
	switch t := s.toks[i]; t.kind {
	case tNum:
		rules = dateRuleIndex.numbers
	case tWord:
		rules = dateRuleIndex.byWord[t.lower]
	}
	for _, r := range rules {
		if h, ok := r.match(s, i); ok {
			h.rule = r.name
			return h, true
		}
	}
	return dateHit{}, false
}
