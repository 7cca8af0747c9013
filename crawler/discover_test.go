package crawler

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// TestFeedDiscovery crawls a site whose front page announces a feed that
// lists an article no page links to; the article is found through the
// feed, and a re-crawl asks for the feed again.
func TestFeedDiscovery(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/":
			writeHTML(w, "text/html", `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body><p>Strona główna</p></body></html>`)
		case "/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, `<rss><channel><item><link>/ukryty.html</link><pubDate>Mon, 06 May 2024 10:00:00 +0200</pubDate></item></channel></rss>`)
		case "/ukryty.html":
			writeHTML(w, "text/html; charset=utf-8", articleHTML)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	archive, state := openStore(t, t.TempDir())
	c, err := New(archive, state, WithRate(0))
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	site := Site{Name: "kanal", Seeds: []string{srv.URL + "/"}}
	if _, err := c.Crawl(context.Background(), site, rec); err != nil {
		t.Fatal(err)
	}
	if got := rec.take(); len(got) != 1 || got[0].URL != srv.URL+"/ukryty.html" {
		t.Fatalf("handed %v, want the article the feed lists", got)
	}
	if _, err := c.Recrawl(context.Background(), site, rec); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/rss.xml"] != 2 {
		t.Errorf("feed requested %d times in two runs, want 2", hits["/rss.xml"])
	}
}
