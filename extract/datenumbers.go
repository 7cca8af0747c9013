package extract

// The date rules that start at a number, in the order of dateRules.

// numericDate reads a numeric date: "08.01.2015", "8.1.2015 r.",
// "2015-01-08", "2019.03.12", "16.02.05", and a range of two, "18.12.2014
// - 19.12.2014".
func (s *dateScanner) numericDate(i int) (dateHit, bool) {
	y, m, d, next, ok := s.numeric(i)
	if !ok {
		return dateHit{}, false
	}
	h := dateHit{i: i, j: next, y1: y, m1: m, d1: d, y2: y, m2: m, d2: d}
	if s.isDashAt(next) {
		if y2, m2, d2, n2, ok2 := s.numeric(next + 1); ok2 {
			h.y2, h.m2, h.d2, h.j = y2, m2, d2, n2
		}
	}
	return h, true
}

// numericDayRange reads a range of days written numerically:
// "12-14.06.2015".
func (s *dateScanner) numericDayRange(i int) (dateHit, bool) {
	d1, ok := s.day(i)
	if !ok || !s.isDashAt(i+1) {
		return dateHit{}, false
	}
	y, m, d2, next, ok := s.numeric(i + 2)
	if !ok || d1 >= d2 {
		return dateHit{}, false
	}
	return dateHit{i: i, j: next, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d2}, true
}

// dayList reads the first day of a list, "14, 15 i 16 marca": every day
// takes the month and context of the last one, and the scanner finds the
// others in turn.
func (s *dateScanner) dayList(i int) (dateHit, bool) {
	d1, ok := s.day(i)
	if !ok || !s.isPunct(i+1, ",") {
		return dateHit{}, false
	}
	k := i + 2
	for k+1 < len(s.toks) && k < i+12 {
		if _, isNum := s.num(k); !isNum || len(s.toks[k].text) > 2 || !s.isPunct(k+1, ",") {
			break
		}
		k += 2
	}
	if s.word(k+1) != "i" && s.word(k+1) != "oraz" {
		return dateHit{}, false
	}
	return s.dayBefore(i, d1, k+2)
}

// dayPair reads the first day of "7 i 8 kwietnia" or "7, 8 kwietnia": it
// takes the month and context of the second.
func (s *dateScanner) dayPair(i int) (dateHit, bool) {
	d1, ok := s.day(i)
	if !ok || d1 > 31 || !(s.word(i+1) == "i" || s.word(i+1) == "oraz" || s.isPunct(i+1, ",")) {
		return dateHit{}, false
	}
	return s.dayBefore(i, d1, i+2)
}

// dayBefore makes the one-token hit of day d1 at i that takes its month,
// year and context from the later day and month at k.
func (s *dateScanner) dayBefore(i, d1, k int) (dateHit, bool) {
	d2, m, next, ok := s.dayMonth(k)
	if !ok || d1 >= d2 {
		return dateHit{}, false
	}
	y, rel, _ := s.yearExpr(next)
	return dateHit{i: i, j: i + 1, ctx: k, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d1, rel: rel}, true
}

// dayRange reads a range of days in one month: "18-19 grudnia 2014 r.",
// "18–19 grudnia br.".
func (s *dateScanner) dayRange(i int) (dateHit, bool) {
	d1, ok := s.day(i)
	if !ok || !s.isDashAt(i+1) {
		return dateHit{}, false
	}
	d2, m, next, ok := s.dayMonth(i + 2)
	if !ok || d1 >= d2 {
		return dateHit{}, false
	}
	y, rel, n := s.yearExpr(next)
	return dateHit{i: i, j: n, y1: y, m1: m, d1: d1, y2: y, m2: m, d2: d2, rel: rel}, true
}

// dayOfThisMonth reads "20 bm." and "20 b.m." (bieżącego miesiąca): a
// day of the publication month.
func (s *dateScanner) dayOfThisMonth(i int) (dateHit, bool) {
	d, ok := s.day(i)
	if !ok || d > 31 {
		return dateHit{}, false
	}
	j := 0
	switch {
	case s.word(i+1) == "bm":
		j = i + 2
	case s.word(i+1) == "b" && s.isPunct(i+2, ".") && s.word(i+3) == "m":
		j = i + 4
	default:
		return dateHit{}, false
	}
	return dateHit{i: i, j: s.skipDot(j), d1: d, d2: d, isMonthRel: true}, true
}

// dayMonthRange reads a range across months: "18 grudnia – 2 stycznia
// 2015", "30 czerwca – 2 lipca 2019 r.", "18 grudnia do 2 stycznia".
func (s *dateScanner) dayMonthRange(i int) (dateHit, bool) {
	h, ok := s.dayMonthDate(i)
	if !ok || !(s.isDashAt(h.j) || s.word(h.j) == "do") {
		return dateHit{}, false
	}
	d2, m2, next2, ok := s.dayMonth(h.j + 1)
	if !ok {
		return dateHit{}, false
	}
	y2, rel2, n2 := s.yearExpr(next2)
	rel := h.rel
	if rel == yNone {
		// the year written after the second date is the first's too
		h.y1, h.rel = y2, rel2
		if rel2 == yAbs && m2 < h.m1 {
			h.y1 = y2 - 1
		}
	}
	h.y2, h.m2, h.d2, h.j = y2, m2, d2, n2
	if rel2 == yNone && rel != yNone {
		h.y2 = h.y1
	}
	return h, true
}

// dayMonthDate reads a day and month with the year if one follows: "18
// grudnia 2014 r.", "19 grudnia br.", "4 grudzień 2014", "18 XII 2014".
func (s *dateScanner) dayMonthDate(i int) (dateHit, bool) {
	d, m, next, ok := s.dayMonth(i)
	if !ok {
		return dateHit{}, false
	}
	y, rel, n := s.yearExpr(next)
	return dateHit{i: i, j: n, y1: y, m1: m, d1: d, y2: y, m2: m, d2: d, rel: rel}, true
}

// yearWithWord reads a year with "r." or "roku": "1575 roku", "2007 r.",
// "2014r.".
func (s *dateScanner) yearWithWord(i int) (dateHit, bool) {
	y, ok := s.year4(i)
	if !ok {
		return dateHit{}, false
	}
	n := s.yearSuffix(i + 1)
	if n == i+1 {
		return dateHit{}, false
	}
	return dateHit{i: i, j: n, y1: y, y2: y}, true
}

// yearRangeWithWord reads a range of years with "r.": "2007-2013 r.".
func (s *dateScanner) yearRangeWithWord(i int) (dateHit, bool) {
	y, ok := s.year4(i)
	if !ok || !s.isDashAt(i+1) {
		return dateHit{}, false
	}
	y2, ok := s.year4(i + 2)
	if !ok || y2 <= y {
		return dateHit{}, false
	}
	n := s.yearSuffix(i + 3)
	if n == i+3 {
		return dateHit{}, false
	}
	return dateHit{i: i, j: n, y1: y, y2: y2}, true
}

// yearAfterPreposition reads a year alone after w, od, do: "w 2015", "od
// 2010", unless a number or a unit follows (w 2000 osób).
func (s *dateScanner) yearAfterPreposition(i int) (dateHit, bool) {
	y, ok := s.year4(i)
	if !ok {
		return dateHit{}, false
	}
	switch s.word(i - 1) {
	case "w", "we", "od", "do", "roku", "rok":
	default:
		return dateHit{}, false
	}
	if _, isNum := s.num(i + 1); isNum || quantityWord[s.word(i+1)] {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 1, y1: y, y2: y}, true
}

// bareYearRange reads a range of years without "r.": "1940-1947",
// "1987-94", "sezon 2006/07", "2004/2005": the second year, written in
// full or by its last two digits, is later.
func (s *dateScanner) bareYearRange(i int) (dateHit, bool) {
	y, ok := s.bareYear(i)
	if !ok || !s.yearPairAt(i) {
		return dateHit{}, false
	}
	y2 := 0
	switch t2 := s.toks[i+2].text; len(t2) {
	case 4:
		y2, _ = s.num(i + 2)
	case 2:
		n, _ := s.num(i + 2)
		y2 = y/100*100 + n
	}
	if _, more := s.num(i + 4); y2 <= y || y2-y > 100 || s.isPunct(i+3, ".-/:") && more {
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 3, y1: y, y2: y2}, true
}

// namedYear reads a year without "r." that its neighbours show to be one:
// "(1964)", "sezon 2006", "Euro 2012", "Libre Graphics Meeting 2008".
func (s *dateScanner) namedYear(i int) (dateHit, bool) {
	y, ok := s.bareYear(i)
	if !ok || s.yearPairAt(i) {
		return dateHit{}, false
	}
	prev := s.word(i - 1)
	switch {
	case s.isPunct(i-1, "(") && s.isPunct(i+1, ")"):
	case editionWords[prev]:
	case i > 0 && s.toks[i-1].kind == tWord && s.toks[i-1].cap && !monthLike(prev) && !sentenceStart(s.toks, i-1):
	default:
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 1, y1: y, y2: y}, true
}

// bareYear reads a four-digit number at i that may be a year standing
// without "r.": between 1900 and 2100, not glued after punctuation (an
// address, a code), not followed by another number or a unit.
func (s *dateScanner) bareYear(i int) (int, bool) {
	y, ok := s.year4(i)
	if !ok || y < 1900 || y > 2100 || s.isPunct(i-1, ",.:/") && s.toks[i-1].end == s.toks[i].start {
		return 0, false
	}
	if _, isNum := s.num(i + 1); isNum && !s.isDashAt(i+1) && !s.isPunct(i+1, "/") || quantityWord[s.word(i+1)] {
		return 0, false
	}
	return y, true
}

// yearPairAt reports whether a dash or slash and a number follow the year
// at i (1940-1947, 2006/07).
func (s *dateScanner) yearPairAt(i int) bool {
	return (s.isDashAt(i+1) || s.isPunct(i+1, "/")) && i+2 < len(s.toks) && s.toks[i+2].kind == tNum
}

// coordinatedYear reads a year joined to the year hit that ends at i
// ("2005 i 2006", "1996, 2004 i 2006").
func (s *dateScanner) coordinatedYear(i int) (dateHit, bool) {
	if !(s.isPunct(i, ",") || s.word(i) == "i" || s.word(i) == "oraz" || s.word(i) == "lub" || s.word(i) == "albo") {
		return dateHit{}, false
	}
	y, ok := s.year4(i + 1)
	if !ok || y < 1900 || y > 2100 {
		return dateHit{}, false
	}
	if _, isNum := s.num(i + 2); isNum || quantityWord[s.word(i+2)] {
		return dateHit{}, false
	}
	return dateHit{i: i + 1, j: s.yearSuffix(i + 2), y1: y, y2: y, rule: "coordinatedYear"}, true
}

// monthLike reports whether a word names a month or a weekday, after
// which a number is a day or time rather than a year.
func monthLike(w string) bool {
	if _, ok := monthForms[w]; ok {
		return true
	}
	_, ok := weekdayForms[w]
	return ok
}

// day reads a number of at most two digits, at least 1, at i.
func (s *dateScanner) day(i int) (int, bool) {
	d, ok := s.num(i)
	if !ok || len(s.toks[i].text) > 2 || d < 1 {
		return 0, false
	}
	return d, true
}
