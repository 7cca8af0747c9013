package extract

import "testing"

// TestDateRules has one row per date rule: its example, found by that
// rule, and the dates it resolves to. A rule without a row fails the test.
func TestDateRules(t *testing.T) {
	tests := []struct {
		rule      string
		in        string
		published string
		want      string // "text: start..end precision" of the rule's hit
	}{
		{"numericDate", "Zegar 08.01.2015 13:52", "", "08.01.2015: 2015-01-08..2015-01-08 day"},
		{"numericDayRange", "Targi 12-14.06.2015 r. w Poznaniu.", "", "12-14.06.2015 r.: 2015-06-12..2015-06-14 days"},
		{"dayList", "Zawody odbędą się 14, 15 i 16 marca 2015 r.", "", "14: 2015-03-14..2015-03-14 day"},
		{"dayPair", "Zawody odbędą się 7 i 8 kwietnia 2012 r.", "", "7: 2012-04-07..2012-04-07 day"},
		{"slashDays", "W nocy z 14/15 maja 2019 r. spłonęła stodoła.", "", "14/15 maja 2019 r.: 2019-05-14..2019-05-15 days"},
		{"dayRange", "W dniach 18–19 grudnia 2014 r. trwały targi.", "", "18–19 grudnia 2014 r.: 2014-12-18..2014-12-19 days"},
		{"dayOfThisMonth", "Koncert odbył się 20 bm. w auli.", "2015-02-24", "20 bm.: 2015-02-20..2015-02-20 day"},
		{"dayMonthRange", "Kiermasz 18 grudnia – 2 stycznia 2015 r.", "", "18 grudnia – 2 stycznia 2015 r.: 2014-12-18..2015-01-02 days"},
		{"dayMonth", "Spotkanie odbyło się 5 grudnia 2014 r. w ratuszu.", "", "5 grudnia 2014 r.: 2014-12-05..2014-12-05 day"},
		{"yearWithWord", "Uniwersytet założono w 1575 roku.", "", "1575 roku: 1575-01-01..1575-12-31 period"},
		{"yearRangeWithWord", "Program 2007-2013 r. zakończono.", "", "2007-2013 r.: 2007-01-01..2013-12-31 period"},
		{"yearAfterPreposition", "Zakład działa od 2010 w Płocku.", "", "2010: 2010-01-01..2010-12-31 period"},
		{"bareYearRange", "Kroniki z wojny 1940-1947 udostępniono.", "", "1940-1947: 1940-01-01..1947-12-31 period"},
		{"namedYear", "Przygotowania do Euro 2012 trwają.", "", "2012: 2012-01-01..2012-12-31 period"},
		{"coordinatedYear", "Festiwal odbył się w 2005 i 2006 r. w parku.", "", "2006 r.: 2006-01-01..2006-12-31 period"},
		{"weekdayAfterLead", "Basen będzie zamknięty od piątku.", "2021-10-21", "od piątku: 2021-10-22..2021-10-22 day"},
		{"fromToDays", "Wystawa potrwa od 18 do 19 grudnia 2014 r.", "", "18 do 19 grudnia 2014 r.: 2014-12-18..2014-12-19 days"},
		{"fromToMonths", "Program trwa od maja do września 2019 r.", "", "od maja do września 2019 r.: 2019-05-01..2019-09-30 period"},
		{"fromToYears", "Wydatki od 2010 do 2015 roku rosły.", "", "od 2010 do 2015 roku: 2010-01-01..2015-12-31 period"},
		{"relativeDay", "Wczoraj radni przyjęli budżet.", "2020-08-30", "Wczoraj: 2020-08-29..2020-08-29 day"},
		{"inMonth", "W marcu 2007 roku miasto przegłosowało poprawkę.", "", "W marcu 2007 roku: 2007-03-01..2007-03-31 month"},
		{"inWeekday", "W ubiegły piątek otwarto most.", "2021-10-21", "W ubiegły piątek: 2021-10-15..2021-10-15 day"},
		{"bareWeekday", "Goście spędzili wtorek w Kielcach.", "2023-03-16", "wtorek: 2023-03-14..2023-03-14 day"},
		{"inWeekend", "W weekend odbył się festyn.", "2021-10-20", "W weekend: 2021-10-16..2021-10-17 days"},
		{"inWeek", "W przyszłym tygodniu ruszy nabór.", "2015-03-11", "W przyszłym tygodniu: 2015-03-16..2015-03-22 days"},
		{"turnOfMonths", "Prace potrwają na przełomie maja i czerwca 2015 r.", "", "na przełomie maja i czerwca 2015 r.: 2015-05-01..2015-06-30 month"},
		{"yearAfterRoku", "z wyjątkiem roku 2020, kiedy", "", "roku 2020: 2020-01-01..2020-12-31 period"},
		{"yearsRange", "W latach 2014–2020 wydano miliony.", "", "latach 2014–2020: 2014-01-01..2020-12-31 period"},
		{"yearsList", "W latach: 1996, 2004 i 2006 grali na festiwalu.", "", "1996: 1996-01-01..1996-12-31 period"},
		{"decade", "Muzyka z lat 80. wraca.", "2015-03-10", "lat 80.: 1980-01-01..1989-12-31 period"},
		{"relativeMonth", "W ubiegłym miesiącu ruszył nabór.", "2015-03-10", "ubiegłym miesiącu: 2015-02-01..2015-02-28 month"},
		{"relativeYearLocative", "W minionym roku spółka zainwestowała 150 mln zł.", "2022-09-30", "minionym roku: 2021-01-01..2021-12-31 period"},
		{"relativeYear", "Od ubiegłego roku działa nowa linia.", "2015-03-10", "ubiegłego roku: 2014-01-01..2014-12-31 period"},
		{"yearThenRelative", "W roku ubiegłym wyremontowano drogę.", "2015-03-10", "roku ubiegłym: 2014-01-01..2014-12-31 period"},
		{"endOfYear", "Prace potrwają do końca roku.", "2015-03-10", "końca roku: 2015-01-01..2015-12-31 period"},
		{"dateAdjective", "Na dzisiejszej sesji radni przyjęli budżet.", "2015-03-10", "dzisiejszej: 2015-03-10..2015-03-10 day"},
		{"monthWithYear", "Styczeń 2011 był mroźny.", "", "Styczeń 2011: 2011-01-01..2011-01-31 month"},
		{"monthAfterLead", "Festyn odbędzie się pod koniec maja.", "2015-02-10", "koniec maja: 2015-05-01..2015-05-31 month"},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.rule] = true
		t.Run(tt.rule, func(t *testing.T) {
			if got := ruleDate(t, tt.rule, tt.in, tt.published); got != tt.want {
				t.Errorf("rule %s on %q: got %q, want %q", tt.rule, tt.in, got, tt.want)
			}
		})
	}
	for _, r := range dateRules {
		if !tested[r.name] {
			t.Errorf("rule %s has no row in TestDateRules", r.name)
		}
	}
}

// ruleDate scans text and resolves the first hit of the named rule, in
// the context of all the others, as "text: start..end precision"; "" when
// the rule found nothing.
func ruleDate(t *testing.T, rule, text, published string) string {
	t.Helper()
	pub := parsePublished(t, published)
	text = clean(text)
	toks := tokenize(text)
	hits := (&dateScanner{toks: toks}).scan()
	r := newDateResolver(text, toks, hits, pub)
	for _, h := range hits {
		if h.rule == rule {
			d := r.mention(text, h)
			return mentionString(d.Text, d.Start, d.End, d.Precision)
		}
	}
	return ""
}

// TestDateRuleNames checks that rule names are unique, so that a row of
// TestDateRules names one rule.
func TestDateRuleNames(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range dateRules {
		if seen[r.name] {
			t.Errorf("rule name %s used twice", r.name)
		}
		seen[r.name] = true
	}
}
