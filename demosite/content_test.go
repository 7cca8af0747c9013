package demosite

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func loadSite(t *testing.T) *Site {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

func TestLoadCounts(t *testing.T) {
	s := loadSite(t)
	all := s.Articles()
	if len(all) < 45 {
		t.Errorf("got %d articles, want at least 45", len(all))
	}
	for _, o := range s.Outlets() {
		if n := len(o.Articles()); n < 12 {
			t.Errorf("outlet %s: got %d articles, want at least 12", o.Name, n)
		}
	}
	years := map[int]bool{}
	for _, a := range all {
		years[a.Published.Year()] = true
	}
	for y := 2012; y <= 2024; y++ {
		if !years[y] {
			t.Errorf("no article published in %d", y)
		}
	}
}

func TestOutlets(t *testing.T) {
	tests := []struct {
		name, title, template, charset string
	}{
		{"kurier-nadwislanski", "Kurier Nadwiślański", "legacy", "windows-1250"},
		{"glos-mazowsza", "Głos Mazowsza", "modern", "utf-8"},
		{"bip-mazowsze-plockie", "Związek Gmin Mazowsza Płockiego", "bip", "utf-8"},
	}
	s := loadSite(t)
	if got := len(s.Outlets()); got != len(tests) {
		t.Fatalf("got %d outlets, want %d", got, len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := s.Outlet(tt.name)
			if o == nil {
				t.Fatalf("no outlet %q", tt.name)
			}
			if o.Title != tt.title || o.Template != tt.template || o.Charset != tt.charset {
				t.Errorf("got %q/%q/%q, want %q/%q/%q", o.Title, o.Template, o.Charset, tt.title, tt.template, tt.charset)
			}
			for _, a := range o.Articles() {
				if a.Outlet != o.Name {
					t.Errorf("article %s: got outlet %q, want %q", a.Slug, a.Outlet, o.Name)
				}
			}
		})
	}
}

func TestArticleFields(t *testing.T) {
	loc, err := warsaw()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range loadSite(t).Articles() {
		t.Run(a.Outlet+"/"+a.Slug, func(t *testing.T) {
			if a.Published.Location().String() != "Europe/Warsaw" {
				t.Errorf("got location %q, want Europe/Warsaw", a.Published.Location())
			}
			if a.Published.Before(time.Date(2012, 1, 1, 0, 0, 0, 0, loc)) || a.Published.After(time.Date(2025, 1, 1, 0, 0, 0, 0, loc)) {
				t.Errorf("published %v, want 2012–2024", a.Published)
			}
			if !strings.HasPrefix(a.Path, "/") || !strings.Contains(a.Path, a.Slug) {
				t.Errorf("got path %q, want an absolute path with the slug %q", a.Path, a.Slug)
			}
			words := len(strings.Fields(strings.Join(a.Paragraphs, " ")))
			if words < 120 || words > 450 {
				t.Errorf("body has %d words, want 120–450", words)
			}
			if len(a.People) == 0 || len(a.Institutions) == 0 || len(a.Places) == 0 {
				t.Errorf("answer key has %d people, %d institutions, %d places; want some of each", len(a.People), len(a.Institutions), len(a.Places))
			}
			for _, s := range append([]string{a.Title, a.Lead, a.Author, a.Section}, a.Paragraphs...) {
				if !norm.NFC.IsNormalString(s) {
					t.Errorf("text not in NFC: %q", s)
				}
			}
		})
	}
}

// keyPrefix returns the prefix of word that every inflected form of it
// shares in the content: four letters, fewer for short words whose ending
// or stem vowel changes (Ewa/Ewy, Urząd/Urzędu, Park/Parku). Words too
// short to check return "".
func keyPrefix(word string) string {
	r := []rune(strings.ToLower(word))
	switch {
	case len(r) < 3:
		return ""
	case len(r) == 3:
		return string(r[:2])
	case len(r) <= 5:
		return string(r[:3])
	}
	return string(r[:4])
}

// keyWords splits a name into its words, hyphenated parts included.
func keyWords(name string) []string {
	return strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// fullNamePattern matches a person's first name followed by the surname in
// any inflected form: "Juliena Darceta", "Pierre'em Lambotte'em".
func fullNamePattern(name string) *regexp.Regexp {
	f := strings.Fields(name)
	first, last := keyPrefix(keyWords(f[0])[0]), keyPrefix(keyWords(f[len(f)-1])[0])
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}])` + regexp.QuoteMeta(first) + `[\p{L}'\-]*\s+` + regexp.QuoteMeta(last))
}

func TestAnswerKeyOccursInText(t *testing.T) {
	// regionNames maps a region's canonical name to the stem of its
	// everyday name, which the texts may use instead ("na Mazowszu").
	regionNames := map[string]string{"województwo mazowieckie": "mazowsz"}
	for _, a := range loadSite(t).Articles() {
		t.Run(a.Outlet+"/"+a.Slug, func(t *testing.T) {
			text := strings.ToLower(a.Text())
			for _, p := range a.People {
				if !fullNamePattern(p).MatchString(a.Text()) {
					t.Errorf("person %q: no first name followed by surname in the text", p)
				}
			}
			names := slices.Concat(a.People, a.Institutions, a.Places, a.Optional)
			for _, name := range names {
				if stem, ok := regionNames[name]; ok && strings.Contains(text, stem) {
					continue
				}
				for _, w := range keyWords(name) {
					if p := keyPrefix(w); p != "" && !strings.Contains(text, p) {
						t.Errorf("%q: %q (from %q) not in the text", name, p, w)
					}
				}
			}
			for _, list := range [][]string{a.People, a.Institutions, a.Places} {
				for _, name := range list {
					if slices.Contains(a.Optional, name) {
						t.Errorf("%q is both required and optional", name)
					}
				}
			}
		})
	}
}

func TestAnswerKeyCanonical(t *testing.T) {
	titles := regexp.MustCompile(`(?i)^(pan|pani|dr|prof|mgr|inż|hab)\.?$`)
	for _, a := range loadSite(t).Articles() {
		for _, p := range a.People {
			f := strings.Fields(p)
			if len(f) < 2 {
				t.Errorf("%s: person %q: want first name and surname", a.Slug, p)
			}
			for _, w := range f {
				if titles.MatchString(w) {
					t.Errorf("%s: person %q carries a title", a.Slug, p)
				}
			}
		}
	}
}

func TestRecurringEntities(t *testing.T) {
	s := loadSite(t)
	type seen struct {
		articles int
		outlets  map[string]bool
	}
	count := func(pick func(Article) []string) map[string]*seen {
		m := map[string]*seen{}
		for _, a := range s.Articles() {
			for _, n := range pick(a) {
				if m[n] == nil {
					m[n] = &seen{outlets: map[string]bool{}}
				}
				m[n].articles++
				m[n].outlets[a.Outlet] = true
			}
		}
		return m
	}
	tests := []struct {
		name string
		pick func(Article) []string
		want int
	}{
		{"people", func(a Article) []string { return a.People }, 10},
		{"institutions", func(a Article) []string { return a.Institutions }, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recurring := 0
			for _, s := range count(tt.pick) {
				if s.articles >= 3 && len(s.outlets) >= 2 {
					recurring++
				}
			}
			if recurring < tt.want || recurring > 20 {
				t.Errorf("got %d names in 3+ articles of 2+ outlets, want %d–20", recurring, tt.want)
			}
		})
	}
}

// TestTraps checks that the content carries each trap of Polish regional
// news several times.
func TestTraps(t *testing.T) {
	var texts []string
	for _, a := range loadSite(t).Articles() {
		texts = append(texts, a.Text())
	}
	all := strings.Join(texts, "\n\n")
	tests := []struct {
		name    string
		pattern string
		want    int
	}{
		{"foreign name inflected", `Juliena Darceta|Matthiasa Kellnera|Pierre'em Lambotte'em|Algirdasowi Jankauskasowi|Lindqvista`, 4},
		{"pani with an inflected name", `[Pp]ani(ą)? (Agnieszki|Agnieszkę|Oleny|Olenie|Wandy)\b`, 4},
		{"pan or pani before a name", `\b[Pp]an(i)? \p{Lu}\p{Ll}+ \p{Lu}`, 20},
		{"professor with degrees", `prof\. dr hab\. inż\. \p{Lu}`, 4},
		{"dr. in an oblique case", `dr\. (hab\. )?\p{Lu}\p{Ll}+(a|em) `, 3},
		{"adjectival surname inflected", `(Wierzbick|Olszewsk|Malinowsk|Kurowsk|Jaworsk)(iego|iemu|im)\b|(Zawadzk|Sadowsk|Szymańsk|Kędziersk)(iej|ą)`, 8},
		{"-owa surname", `Gąsiorow(a|ej|ą)`, 5},
		{"role after a dash", `\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ – (Prezes|Dyrektor|dyrektor|prezes|Zastępca|zastępca|koordynator|Prorektor)`, 5},
		{"acronym in parentheses", `\((PPP-T|ARM|AWEX|UMWM|PARP|FWPR|NIG|NCBR|ZGMP|PFR|NFOŚiGW)\)`, 12},
		{"legal form S.A.", `S\.A\.`, 20},
		{"legal form sp. z o.o.", `sp\. z o\.o\.`, 10},
		{"trailing w Warszawie", `Mazowieckiego w Warszawie`, 2},
		{"locative place", `w (Płocku|Ciechanowie|Gąbinie|Warszawie|Winnicy|Namur|Liège|Wyszogrodzie|Drobinie)`, 30},
		{"genitive place", `(do|z) (Ciechanowa|Walonii|Płocka|Winnicy|Moguncji|Gąbina|Radomia|Siedlec)`, 8},
		{"genitive month", `\b\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)\b`, 40},
		{"locative month", `\bw (styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|wrześniu|październiku|listopadzie|grudniu)\b`, 8},
		{"nominative month", `\b(na czerwiec|marzec 2018)\b`, 2},
		{"Roman month", `\b\d{1,2} (I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII) \d{4}\b`, 4},
		{"numeric date", `\b\d{2}\.\d{2}\.\d{4}\b`, 5},
		{"ISO date", `\b\d{4}-\d{2}-\d{2}\b`, 6},
		{"day range", `\b\d{1,2}[-–]\d{1,2}\s\p{Ll}+ (\d{4} r\.|br\.)`, 4},
		{"od … do …", `\bod \d{1,2} (\p{Ll}+ )?do \d{1,2} \p{Ll}+`, 8},
		{"cross-month range", `\d{1,2} \p{Ll}+ – \d{1,2} \p{Ll}+`, 3},
		{"na przełomie", `na przełomie \p{Ll}+ i \p{Ll}+`, 6},
		{"br.", `\bbr\.`, 15},
		{"ub.r.", `ub\.r\.`, 5},
		{"wczoraj", `\b[Ww]czoraj\b`, 3},
		{"ubiegły weekday", `w ubiegły (piątek|czwartek)`, 3},
		{"weekday", `\bw (poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę)`, 8},
		{"time", `godz\. \d{1,2}\.\d{2}`, 8},
		{"się or nie by a number", `(się|nie) \d+|\d+ (\p{L}+ )?(wstrzymało|wstrzymał) się`, 3},
		{"glued words", `InnowacyjnościDepartamentu|WaloniiWyjazdy|GospodarkiUrzędu|ZwiązkuPan`, 4},
		{"missing space after a period", `\p{Ll}\.\p{Lu}\p{Ll}`, 3},
		{"odd dash spacing", `\p{L} –\p{L}|\p{L}– \p{L}`, 3},
		{"non-breaking space", "\u00a0", 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := len(regexp.MustCompile(tt.pattern).FindAllString(all, -1))
			if got < tt.want {
				t.Errorf("got %d matches of %q, want at least %d", got, tt.pattern, tt.want)
			}
		})
	}
}

// TestPreviousYearBr checks the trap of an article published in January
// that says "19 grudnia br." of the December before.
func TestPreviousYearBr(t *testing.T) {
	found := false
	for _, a := range loadSite(t).Articles() {
		if a.Published.Month() == time.January && regexp.MustCompile(`\d{1,2} grudnia br\.`).MatchString(a.Text()) {
			found = true
		}
	}
	if !found {
		t.Error("no January article mentions a December date with br.")
	}
}

// TestMajaOnlyMonth checks that "maja" is used only as the month (after a
// day number or in "maja i czerwca").
func TestMajaOnlyMonth(t *testing.T) {
	month := regexp.MustCompile(`(\d{1,2}|przełomie|kwietnia i) maja\b`)
	any := regexp.MustCompile(`\bmaja\b`)
	for _, a := range loadSite(t).Articles() {
		text := a.Text()
		if n, m := len(any.FindAllString(text, -1)), len(month.FindAllString(text, -1)); n != m {
			t.Errorf("%s: %d uses of maja, %d as a month", a.Slug, n, m)
		}
	}
}

func TestParseArticle(t *testing.T) {
	loc, err := warsaw()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := parseArticle("testdata/article.txt", data, loc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, got, want string
	}{
		{"outlet", a.Outlet, "kurier-nadwislanski"},
		{"slug", a.Slug, "przykladowy-artykul"},
		{"published", a.Published.Format(time.RFC3339), "2015-01-08T13:52:00+01:00"},
		{"title", a.Title, "Przykładowy artykuł"},
		{"people", strings.Join(a.People, "|"), "Hugo Testowy|Anna Próbna"},
		{"places", strings.Join(a.Places, "|"), "Płock"},
		{"optional", strings.Join(a.Optional, "|"), "Warszawa"},
		{"paragraphs", strings.Join(a.Paragraphs, "|"), "Pierwszy akapit, zapisany w dwóch wierszach.|Drugi akapit."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestParseArticleErrors(t *testing.T) {
	loc, err := warsaw()
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"bad date", strings.Replace(string(good), "2015-01-08 13:52", "8.01.2015", 1), "x.txt:4: published"},
		{"unknown key", strings.Replace(string(good), "author:", "autor:", 1), `x.txt:7: unknown header "autor"`},
		{"missing key", strings.Replace(string(good), "section: Gospodarka\n", "", 1), `missing header "section"`},
		{"twice", strings.Replace(string(good), "author:", "title: X\nauthor:", 1), `x.txt:7: header "title" given twice`},
		{"no colon", strings.Replace(string(good), "author:", "author", 1), "x.txt:7: want"},
		{"empty name", strings.Replace(string(good), "Hugo Testowy;", "Hugo Testowy;;", 1), "x.txt:8: empty name"},
		{"duplicate name", strings.Replace(string(good), "Anna Próbna", "Hugo Testowy", 1), `x.txt:8: name "Hugo Testowy" listed twice`},
		{"bad slug", strings.Replace(string(good), "przykladowy-artykul", "Przykładowy", 1), "x.txt:1: slug"},
		{"no body", strings.SplitN(string(good), "\n\n", 2)[0] + "\n", "no body paragraphs"},
		{"not NFC", strings.Replace(string(good), "Płock", "P\u006c\u0301ock", 1), "not in Unicode NFC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseArticle("x.txt", []byte(tt.in), loc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
