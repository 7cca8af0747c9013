package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDates feeds arbitrary text to the date scanner and resolver: it must
// not panic, and every resolved date must be a real day with start ≤ end.
func FuzzDates(f *testing.F) {
	for _, s := range []string{
		"18-19 grudnia 2014 r.", "19 grudnia br.", "08.01.2015", "2015-01-08", "18 XII 2014", "w marcu 2007 roku",
		"od 18 do 19 grudnia", "18 grudnia – 2 stycznia 2015", "na przełomie maja i czerwca", "w ubiegły piątek",
		"ub.r.", "31.02.2015", "0 stycznia", "99-1 maja", "roku 2020", "w latach 2020-2014",
		"dzisiejszej sesji", "tegoroczna edycja", "w sezonie 2006/07", "1987-94", "(1964)", "Euro 2012", "w 2005 i 2006 r.",
		"16.02.05", "w tym miesiącu", "w latach: 1996, 2004 i 2006", "2099-01 2100/99",
	} {
		f.Add(s, int64(1420722000))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		if unix < -62135596800 || unix > 253402300799 {
			unix %= 253402300799
		}
		pub := time.Unix(unix, 0).UTC()
		toks := tokenize(clean(text))
		hits := (&dateScanner{toks: toks}).scan()
		for _, d := range resolveDates(clean(text), toks, hits, &pub) {
			if (d.Start == nil) != (d.End == nil) {
				t.Fatalf("half-resolved date %+v", d)
			}
			if d.Start == nil {
				continue
			}
			s, err1 := time.Parse(time.DateOnly, *d.Start)
			e, err2 := time.Parse(time.DateOnly, *d.End)
			if err1 != nil || err2 != nil {
				t.Fatalf("bad date %q..%q in %q", *d.Start, *d.End, text)
			}
			if e.Before(s) {
				t.Fatalf("end before start: %q..%q in %q", *d.Start, *d.End, text)
			}
		}
	})
}

// FuzzExtract feeds arbitrary text to the whole extractor: it must not
// panic, must return lists rather than nil, valid UTF-8 names, and
// mentions that occur in the cleaned text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"W dniach 18-19 grudnia 2014 r. Samorząd Województwa Mazowieckiego gościł pana Huguesa Labara.",
		"Płockiego Parku Przemysłowo-Technologicznego S.A. (PPP-T). Koordynatorem jest PPP-T.",
		"InnowacyjnościDepartamentu parku.Ponadto Przemysłowo –Technologicznym",
		"pani Agnieszka Rypińska – Dyrektor Departamentu",
		"„Dolina Lotnicza” (", "– ,", "(A)", "S.A. S.A.", "Jan", "pana", "w", "\u00a0\u200b",
		"Zarządu Płockiego Parku Naukowego", "Politechniki Łódzkiej, Filii w", "płockiej filii Politechniki", "Wydziału Chemii, Fizyki i",
		"w Garliavie i Charleroi", "Lejdy (Leiden", "Gminy Szczawin Kościelny", "Centrum Druku 3", "w Stalowej",
	} {
		f.Add(s)
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ex := x.Extract(text, nil)
		if ex.People == nil || ex.Institutions == nil || ex.Places == nil || ex.Dates == nil {
			t.Fatal("nil list in extraction")
		}
		cleaned := clean(text)
		check := func(kind, name string, mentions []string) {
			if !utf8.ValidString(name) || strings.TrimSpace(name) == "" && utf8.ValidString(text) {
				t.Fatalf("%s with bad name %q from %q", kind, name, text)
			}
			for _, m := range mentions {
				if !strings.Contains(strings.Join(strings.Fields(cleaned), " "), m) {
					t.Fatalf("%s mention %q not in text %q", kind, m, cleaned)
				}
			}
		}
		for _, p := range ex.People {
			check("person", p.Name, p.Mentions)
		}
		for _, in := range ex.Institutions {
			check("institution", in.Name, in.Mentions)
		}
		for _, p := range ex.Places {
			check("place", p.Name, p.Mentions)
		}
	})
}
