package extract

import (
	"strings"
	"time"
)

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

// adjectiveDate reads an adjective made from a date word at i
// (dzisiejszej sesji, tegoroczna edycja, lipcowy koncert, w sobotni
// poranek). Written with a capital inside a sentence it begins a name
// (Powstanie Listopadowe) and is no date.
func (s *dateScanner) adjectiveDate(i int) (dateHit, bool) {
	t := s.toks[i]
	a, ok := dateAdjectives[t.lower]
	if !ok || t.cap && !sentenceStart(s.toks, i) || i+1 >= len(s.toks) || s.toks[i+1].kind != tWord {
		return dateHit{}, false
	}
	switch {
	case a.isDay && (nowadays(s.word(i+1)) || t.lower == "dzisiejszych" || t.lower == "dzisiejszymi"):
		// w dzisiejszych czasach, w dzisiejszym świecie, dzisiejszych
		// produkcjach: now, no day
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

// bareYear reads a four-digit year that stands without "r." or "roku" but
// is a year all the same: a range of years (1940-1947, 1987-94), a season
// (sezon 2006/07), a year in parentheses ((1964)), a year naming an
// edition (Euro 2012, Meeting 2008), and the years coordinated with one
// (2005 i 2006).
func (s *dateScanner) bareYear(i int) (dateHit, bool) {
	y, ok := s.year4(i)
	if !ok || y < 1900 || y > 2100 || s.isPunct(i-1, ",.:/") && s.toks[i-1].end == s.toks[i].start {
		return dateHit{}, false
	}
	if _, isNum := s.num(i + 1); isNum && !s.isDashAt(i+1) && !s.isPunct(i+1, "/") || quantityWord[s.word(i+1)] {
		return dateHit{}, false
	}
	// 1940-1947, 1987-94, 2006/07, 2004/2005: the second year, written
	// in full or by its last two digits, is later
	if (s.isDashAt(i+1) || s.isPunct(i+1, "/")) && i+2 < len(s.toks) && s.toks[i+2].kind == tNum {
		t2 := s.toks[i+2].text
		y2 := 0
		switch len(t2) {
		case 4:
			y2, _ = s.num(i + 2)
		case 2:
			n, _ := s.num(i + 2)
			y2 = y/100*100 + n
		}
		if _, more := s.num(i + 4); y2 > y && y2-y <= 100 && !(s.isPunct(i+3, ".-/:") && more) {
			return dateHit{i: i, j: i + 3, y1: y, y2: y2}, true
		}
		return dateHit{}, false
	}
	prev := s.word(i - 1)
	switch {
	case s.isPunct(i-1, "(") && s.isPunct(i+1, ")"):
	case prev == "sezon" || prev == "sezonu" || prev == "sezonie" || prev == "sezonem" || prev == "edycji" || prev == "edycja" || prev == "edycję":
	case i > 0 && s.toks[i-1].kind == tWord && s.toks[i-1].cap && !monthLike(prev) && !sentenceStart(s.toks, i-1):
		// Euro 2012, Libre Graphics Meeting 2008
	default:
		return dateHit{}, false
	}
	return dateHit{i: i, j: i + 1, y1: y, y2: y}, true
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
	return dateHit{i: i + 1, j: s.yearSuffix(i + 2), y1: y, y2: y}, true
}

// nowadays reports whether a noun after "dzisiejszy" makes it mean the
// present age rather than the day (czasy, świat, realia).
func nowadays(noun string) bool {
	for _, p := range []string{"czas", "świat", "świec", "realia", "realiach", "dob", "epo", "społeczeńst", "młodzież", "pokoleni", "rzeczywistoś"} {
		if strings.HasPrefix(noun, p) {
			return true
		}
	}
	return false
}
