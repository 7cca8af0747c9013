package crawler

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseDiscovery(t *testing.T) {
	base, _ := url.Parse("https://gazeta.example.pl/sitemap.xml")
	cases := []struct {
		name string
		in   string
		want []string // URL [lastmod as RFC 3339] [sitemap]
	}{
		{"sitemap index", "sitemap-index.xml", []string{
			"https://gazeta.example.pl/sitemap-2024-05.xml 2024-05-31T23:00:00+02:00 sitemap",
			"https://gazeta.example.pl/sitemap-news.xml sitemap",
		}},
		{"news sitemap", "news-sitemap.xml", []string{
			"https://gazeta.example.pl/region/2024/05/06/wizyta.html 2024-05-06T10:00:00+02:00",
			"https://gazeta.example.pl/region/2024/05/05/sesja.html 2024-05-05T00:00:00+02:00",
		}},
		{"gzipped sitemap", "news-sitemap.xml.gz", []string{
			"https://gazeta.example.pl/region/2024/05/06/wizyta.html 2024-05-06T10:00:00+02:00",
			"https://gazeta.example.pl/region/2024/05/05/sesja.html 2024-05-05T00:00:00+02:00",
		}},
		{"RSS in ISO-8859-2", "rss.xml", []string{
			"https://kurier.example.pl/art/1.html 2024-05-06T10:00:00+02:00",
			"https://gazeta.example.pl/art/2.html 2024-05-05T09:30:00Z",
		}},
		{"Atom", "atom.xml", []string{
			"https://bip.example.pl/ogloszenie/7 2024-05-06T08:00:00Z",
			"https://bip.example.pl/zarzadzenie/3 2024-05-04T08:00:00Z",
		}},
		{"text sitemap", "sitemap.txt", []string{"https://gazeta.example.pl/a.html", "https://gazeta.example.pl/b.html"}},
		{"truncated", "truncated.xml", []string{"https://gazeta.example.pl/c.html"}},
	}
	loc, _ := time.LoadLocation("Europe/Warsaw")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "discovery", tc.in))
			if err != nil {
				t.Fatal(err)
			}
			entries, err := ParseDiscovery(body, base, loc)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				s := e.URL
				if !e.Lastmod.IsZero() {
					s += " " + e.Lastmod.Format(time.RFC3339)
				}
				if e.Sitemap {
					s += " sitemap"
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseDiscoveryRejectsGarbage(t *testing.T) {
	base, _ := url.Parse("https://a.pl/")
	if _, err := ParseDiscovery([]byte("<<<<>>>"), base, time.UTC); err == nil {
		t.Error("garbage parsed without an error")
	}
}
