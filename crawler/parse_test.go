package crawler

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"fragment and tracking", "HTTP://Example.PL:80/a/../b.html?utm_source=x&b=2&a=1#top", "http://example.pl/b.html?a=1&b=2"},
		{"empty path", "https://example.pl", "https://example.pl/"},
		{"default https port", "https://example.pl:443/x/", "https://example.pl/x/"},
		{"keeps other ports", "http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"},
		{"fbclid", "http://e.pl/a?fbclid=123", "http://e.pl/a"},
		{"not http", "mailto:a@b.pl", ""},
		{"relative", "/a/b", ""},
		{"javascript", "javascript:void(0)", ""},
		{"user info dropped", "http://jan:haslo@a.pl/x", "http://a.pl/x"},
		{"empty query dropped", "http://a.pl/x?", "http://a.pl/x"},
		{"Polish letters in the path", "http://a.pl/wiadomości/łódź", "http://a.pl/wiadomo%C5%9Bci/%C5%82%C3%B3d%C5%BA"},
		{"sorted query, tracking removed", "https://Gazeta.example.PL:443/x.html?utm_medium=a&b=2&a=1&gclid=Z", "https://gazeta.example.pl/x.html?a=1&b=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeURL(tt.in); got != tt.want {
				t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDecodeHTML(t *testing.T) {
	polish := "Zażółć gęślą jaźń"
	cp1250, _ := charmap.Windows1250.NewEncoder().String(polish)
	latin2, _ := charmap.ISO8859_2.NewEncoder().String(polish)
	tests := []struct {
		name, body, ctype, want, wantEnc string
	}{
		{"utf-8", "<p>" + polish + "</p>", "text/html", "<p>" + polish + "</p>", "utf-8"},
		{"bom", "\xef\xbb\xbf<p>" + polish, "text/html; charset=iso-8859-2", "<p>" + polish, "utf-8"},
		{"header charset", "<p>" + cp1250, "text/html; charset=windows-1250", "<p>" + polish, "windows-1250"},
		{"iso-8859-2 meta", `<meta charset="iso-8859-2"><p>` + latin2, "text/html", `<meta charset="iso-8859-2"><p>` + polish, "iso-8859-2"},
		{"wrong utf-8 label", "<p>" + cp1250 + cp1250 + cp1250, "text/html; charset=utf-8", "<p>" + polish + polish + polish, "windows-1250"},
		{"one bad byte in utf-8", "<p>" + polish + "\xff" + polish + "</p>", "text/html; charset=utf-8", "<p>" + polish + "\ufffd" + polish + "</p>", "utf-8"},
		{"no label at all", "<p>" + cp1250, "", "<p>" + polish, "windows-1250"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := DecodeHTML([]byte(tt.body), tt.ctype)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || enc != tt.wantEnc {
				t.Errorf("DecodeHTML = %q (%s), want %q (%s)", got, enc, tt.want, tt.wantEnc)
			}
		})
	}
}

func TestFindTextDate(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Warsaw")
	tests := []struct{ in, want string }{
		{"Zegar 08.01.2015    13:52", "2015-01-08T13:52:00+01:00"},
		{"Data publikacji: 2019-03-05 10:15", "2019-03-05T10:15:00+01:00"},
		{"5 marca 2013 r., godz. 10:15", "2013-03-05T10:15:00+01:00"},
		{"14 maja 2019", "2019-05-14T00:00:00+02:00"},
		{"31.02.2015", ""},
		{"nic tu nie ma", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := findTextDate(tt.in, loc)
			s := ""
			if ok {
				s = got.Format(time.RFC3339)
			}
			if s != tt.want {
				t.Errorf("findTextDate(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"7", 7 * time.Second}, {"-3", 0}, {"soon", 0},
		{"Mon, 01 Jan 2024 12:00:30 GMT", 30 * time.Second},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestTextDateAfterGrowingLetters: lower-casing Ⱥ (2 bytes) gives ⱥ (3
// bytes); positions of the date label must still fall in the page's text.
func TestTextDateAfterGrowingLetters(t *testing.T) {
	page := "<html><body><h1>Nagłówek artykułu</h1><p>Treść artykułu o wizycie delegacji w Płocku.</p><p>" +
		strings.Repeat("Ⱥ", 50) + " Data publikacji: 12.03.2024</p></body></html>"
	u, _ := url.Parse("http://e.pl/a.html")
	a, err := ParseArticle(page, u, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if a.Published == nil || a.Published.Format("2006-01-02") != "2024-03-12" {
		t.Errorf("published = %v, want 2024-03-12", a.Published)
	}
}

func TestParseArticleListing(t *testing.T) {
	page := `<html><body><main><h1>Aktualności</h1>
<div><a href="/a1.html">Pierwszy długi nagłówek artykułu o gospodarce</a><p>12.03.2020</p><p>Zajawka pierwszego tekstu, która jest dość długa, żeby przypominała prawdziwą zapowiedź artykułu w serwisie.</p></div>
<div><a href="/a2.html">Drugi długi nagłówek artykułu o samorządzie</a><p>11.03.2020</p><p>Zajawka drugiego tekstu, która jest dość długa, żeby przypominała prawdziwą zapowiedź artykułu w serwisie.</p></div>
<div><a href="/a3.html">Trzeci długi nagłówek artykułu o kulturze i sztuce</a><p>10.03.2020</p><p>Zajawka trzeciego tekstu, która jest dość długa, żeby przypominała prawdziwą zapowiedź artykułu w serwisie.</p></div>
<div><a href="/a4.html">Czwarty długi nagłówek artykułu o sporcie w regionie</a><p>09.03.2020</p><p>Zajawka czwartego tekstu, która jest dość długa, żeby przypominała prawdziwą zapowiedź artykułu w serwisie.</p></div>
</main></body></html>`
	u, _ := url.Parse("http://e.pl/")
	a, err := ParseArticle(page, u, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if a.IsArticle {
		t.Errorf("listing taken for an article: %+v", a)
	}
	if len(a.Links) != 4 || a.Links[0] != "http://e.pl/a1.html" {
		t.Errorf("links = %q", a.Links)
	}
}
