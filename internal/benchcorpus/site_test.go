package benchcorpus

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSite(t *testing.T) {
	c := newCorpus(t, Config{N: 60, Seed: 4})
	srv := httptest.NewServer(NewSite(c))
	defer srv.Close()
	doc := c.Document(7)
	article := strings.TrimPrefix(c.Meta(7).URL(srv.URL), srv.URL)
	tests := []struct {
		name       string
		path       string
		wantStatus int
		want       string
	}{
		{"home", "/", 200, `href="/sport/"`},
		{"robots", "/robots.txt", 200, "Sitemap: " + srv.URL + "/sitemap.xml"},
		{"sitemap index", "/sitemap.xml", 200, srv.URL + "/sitemap-0.xml"},
		{"sitemap", "/sitemap-0.xml", 200, srv.URL + article},
		{"article", article, 200, "<h1>" + doc.Title + "</h1>"},
		{"article date", article, 200, `<time datetime="` + doc.Published.Format("2006-01-02T15:04:05")},
		{"listing", "/" + strings.Split(article, "/")[1] + "/", 200, `class="teaser"`},
		{"wrong date", "/sport/1999/01/01/0000007.html", 404, ""},
		{"no such article", "/sport/2020/01/01/9999999.html", 404, ""},
		{"no such section", "/pogoda/", 404, ""},
		{"page past the end", "/sport/?strona=99", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("got status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if !strings.Contains(string(body), tt.want) {
				t.Errorf("got body without %q", tt.want)
			}
		})
	}
}
