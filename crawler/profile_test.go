package crawler

import (
	"net/url"
	"slices"
	"testing"
	"time"
)

// legacyPage is a table-laid page of an old CMS: no metadata, a date in
// its own layout, and a gallery inside the body.
const legacyPage = `<html><head><title>Kurier Powiatowy</title></head><body>
<table><tr><td class="menu"><a href="index.php?id=1">Start</a> <a href="index.php?dzial=2">Sport</a></td>
<td><table class="lista"><tr><td><a class="tytul" href="index.php?id=101">Sesja rady powiatu</a></td></tr>
<tr><td><a class="tytul" href="index.php?id=102">Festyn w Sanoku</a></td></tr></table>
<div class="strony"><a href="index.php?strona=2">2</a></div>
<td class="dzial">Samorząd</td><td class="tytul"><h2>Sesja rady powiatu</h2></td>
<span class="data">08.01.2015 13:52</span> <span class="autor">Jan Kowalski</span>
<div id="tresc"><p>Radni powiatu sanockiego zebrali się na sesji, aby uchwalić budżet na kolejny rok.</p>
<div class="galeria"><p>Zdjęcie 1 z 12</p></div><p>Budżet przyjęto jednogłośnie.</p></div>
</td></tr></table></body></html>`

func TestProfileRules(t *testing.T) {
	site := Site{
		Name:    "kurier",
		Seeds:   []string{"http://kurier.example.pl/index.php"},
		Listing: ListingRules{Links: "table.lista a.tytul", Next: "div.strony a"},
		Article: ArticleRules{URL: `index\.php\?id=\d+`, Title: "td.tytul h2", Date: "span.data", DateLayout: "02.01.2006 15:04",
			Section: "td.dzial", Body: "div#tresc", Author: "span.autor", Remove: "div.galeria"},
	}
	sc, err := compileSite(site)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Warsaw")
	cases := []struct {
		name, url string
		article   bool
		links     []string
	}{
		{"article URL", "http://kurier.example.pl/index.php?id=101", true, nil},
		{"listing URL", "http://kurier.example.pl/index.php?strona=1", false, []string{
			"http://kurier.example.pl/index.php?id=101", "http://kurier.example.pl/index.php?id=102", "http://kurier.example.pl/index.php?strona=2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := url.Parse(tc.url)
			a, pl, err := parseHTML(legacyPage, u, loc, sc.rules)
			if err != nil {
				t.Fatal(err)
			}
			if a.IsArticle != tc.article {
				t.Fatalf("IsArticle = %v, want %v", a.IsArticle, tc.article)
			}
			if !tc.article {
				if !slices.Equal(pl.links, tc.links) {
					t.Errorf("links %q, want %q", pl.links, tc.links)
				}
				return
			}
			if a.Title != "Sesja rady powiatu" || a.Section != "Samorząd" || a.Author != "Jan Kowalski" {
				t.Errorf("title %q, section %q, author %q", a.Title, a.Section, a.Author)
			}
			if a.Published == nil || a.Published.Format(time.RFC3339) != "2015-01-08T13:52:00+01:00" {
				t.Errorf("published %v", a.Published)
			}
			if a.Text != "Radni powiatu sanockiego zebrali się na sesji, aby uchwalić budżet na kolejny rok.\n\nBudżet przyjęto jednogłośnie." {
				t.Errorf("text %q", a.Text)
			}
		})
	}
	for _, tc := range []struct {
		name, in string
		want     bool
	}{
		{"on site", "http://kurier.example.pl/index.php?dzial=2", true},
		{"other host", "http://inny.example.pl/index.php", false},
		{"PDF", "http://kurier.example.pl/plik.pdf", false},
	} {
		t.Run("scope "+tc.name, func(t *testing.T) {
			v, _ := url.Parse(tc.in)
			if got := sc.inScope(v); got != tc.want {
				t.Errorf("inScope(%s) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
	deny, _ := compileSite(Site{Seeds: []string{"http://a.pl/"}, Allow: []string{`/wiadomosci/`}, Deny: []string{`/wiadomosci/tag/`}})
	for in, want := range map[string]bool{"http://a.pl/wiadomosci/x.html": true, "http://a.pl/wiadomosci/tag/x": false, "http://a.pl/sport/x.html": false} {
		v, _ := url.Parse(in)
		if got := deny.inScope(v); got != want {
			t.Errorf("allow/deny: inScope(%s) = %v, want %v", in, got, want)
		}
	}
}
