package demosite

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// fetched is one HTTP response, its body decoded to UTF-8 when HTML.
type fetched struct {
	status int
	header http.Header
	raw    []byte
	text   string
}

func get(t *testing.T, client *http.Client, rawURL string, header ...string) fetched {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatalf("read %s: %v", rawURL, err)
	}
	f := fetched{status: resp.StatusCode, header: resp.Header, raw: raw, text: string(raw)}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/html") {
		r, err := charset.NewReader(strings.NewReader(string(raw)), ct)
		if err != nil {
			t.Fatalf("charset of %s: %v", rawURL, err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("decode %s: %v", rawURL, err)
		}
		f.text = string(b)
	}
	return f
}

// noRedirects is a client that reports redirects instead of following them.
func noRedirects(c *http.Client) *http.Client {
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cc
}

// links returns the href of every <a> in page, resolved against base.
func links(t *testing.T, base *url.URL, page string) []*url.URL {
	t.Helper()
	var out []*url.URL
	z := xhtml.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return out
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data != "a" {
				continue
			}
			for _, a := range tok.Attr {
				if a.Key != "href" {
					continue
				}
				u, err := base.Parse(a.Val)
				if err != nil {
					t.Errorf("bad link %q on %s: %v", a.Val, base, err)
					continue
				}
				u.Fragment = ""
				out = append(out, u)
			}
		}
	}
}

// robotsRules returns the Disallow paths and the Sitemap URLs of robots.txt.
func robotsRules(body string) (disallow, sitemaps []string) {
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "disallow":
			disallow = append(disallow, strings.TrimSpace(value))
		case "sitemap":
			sitemaps = append(sitemaps, strings.TrimSpace(value))
		}
	}
	return disallow, sitemaps
}

// walk follows links from the front page, staying on the server's host
// and out of robots.txt's Disallow paths, and returns the paths (with
// query) it fetched with status 200.
func walk(t *testing.T, srv *httptest.Server) map[string]bool {
	t.Helper()
	client := srv.Client()
	disallow, _ := robotsRules(get(t, client, srv.URL+"/robots.txt").text)
	start, err := url.Parse(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{start.String(): true}
	ok := map[string]bool{}
	queue := []*url.URL{start}
	for len(queue) > 0 && len(seen) < 1000 {
		u := queue[0]
		queue = queue[1:]
		f := get(t, client, u.String())
		if f.status != http.StatusOK {
			t.Errorf("GET %s: status %d", u, f.status)
			continue
		}
		ok[u.RequestURI()] = true
		if !strings.HasPrefix(f.header.Get("Content-Type"), "text/html") {
			continue
		}
	next:
		for _, l := range links(t, u, f.text) {
			if l.Host != start.Host || (l.Scheme != "http" && l.Scheme != "https") {
				continue
			}
			for _, d := range disallow {
				if strings.HasPrefix(l.Path, d) {
					continue next
				}
			}
			if !seen[l.String()] {
				seen[l.String()] = true
				queue = append(queue, l)
			}
		}
	}
	return ok
}

func TestEveryArticleReachableFromFrontPage(t *testing.T) {
	for _, o := range loadSite(t).Outlets() {
		t.Run(o.Name, func(t *testing.T) {
			srv := httptest.NewServer(o.Handler())
			defer srv.Close()
			reached := walk(t, srv)
			for _, a := range o.Articles() {
				if !reached[a.Path] {
					t.Errorf("article %s not reachable from the front page", a.Path)
				}
			}
		})
	}
}

// TestArticlesLinkedFromEachOther checks that every article page links to
// other articles, not only the listings.
func TestArticlesLinkedFromEachOther(t *testing.T) {
	for _, o := range loadSite(t).Outlets() {
		t.Run(o.Name, func(t *testing.T) {
			srv := httptest.NewServer(o.Handler())
			defer srv.Close()
			paths := map[string]bool{}
			for _, a := range o.Articles() {
				paths[a.Path] = true
			}
			linkedTo := map[string]bool{}
			for _, a := range o.Articles() {
				base, _ := url.Parse(srv.URL + a.Path)
				n := 0
				for _, l := range links(t, base, get(t, srv.Client(), base.String()).text) {
					if paths[l.Path] && l.Path != a.Path {
						linkedTo[l.Path] = true
						n++
					}
				}
				if n < relatedCount {
					t.Errorf("%s links to %d other articles, want at least %d", a.Path, n, relatedCount)
				}
			}
			if len(linkedTo) < len(paths)/2 {
				t.Errorf("article pages link to %d of %d articles, want at least half", len(linkedTo), len(paths))
			}
		})
	}
}

func TestRobots(t *testing.T) {
	for _, o := range loadSite(t).Outlets() {
		t.Run(o.Name, func(t *testing.T) {
			srv := httptest.NewServer(o.Handler())
			defer srv.Close()
			f := get(t, srv.Client(), srv.URL+"/robots.txt")
			if f.status != http.StatusOK || !strings.HasPrefix(f.header.Get("Content-Type"), "text/plain") {
				t.Fatalf("got %d %q, want 200 text/plain", f.status, f.header.Get("Content-Type"))
			}
			if !strings.HasPrefix(f.text, "User-agent: *\n") {
				t.Errorf("robots.txt does not start with User-agent: *: %q", f.text)
			}
			disallow, sitemaps := robotsRules(f.text)
			if len(disallow) == 0 {
				t.Error("no Disallow line")
			}
			if want := srv.URL + "/sitemap.xml"; len(sitemaps) != 1 || sitemaps[0] != want {
				t.Errorf("got sitemaps %q, want [%q]", sitemaps, want)
			}
			// The pages link into every disallowed path, so that a crawler
			// that ignores robots.txt would go there.
			front, _ := url.Parse(srv.URL + "/")
			article, _ := url.Parse(srv.URL + o.Articles()[0].Path)
			all := append(links(t, front, get(t, srv.Client(), front.String()).text), links(t, article, get(t, srv.Client(), article.String()).text)...)
			for _, d := range disallow {
				found := false
				for _, l := range all {
					found = found || strings.HasPrefix(l.Path, d)
				}
				if !found {
					t.Errorf("no page links into disallowed %q", d)
				}
				if f := get(t, srv.Client(), srv.URL+d); f.status == http.StatusNotFound {
					t.Errorf("disallowed %s: got 404, want a page", d)
				}
			}
		})
	}
}

func TestSitemap(t *testing.T) {
	for _, o := range loadSite(t).Outlets() {
		t.Run(o.Name, func(t *testing.T) {
			srv := httptest.NewServer(o.Handler())
			defer srv.Close()
			f := get(t, srv.Client(), srv.URL+"/sitemap.xml")
			if f.status != http.StatusOK || !strings.Contains(f.header.Get("Content-Type"), "xml") {
				t.Fatalf("got %d %q, want 200 XML", f.status, f.header.Get("Content-Type"))
			}
			var set struct {
				XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
				URLs    []struct {
					Loc     string `xml:"loc"`
					LastMod string `xml:"lastmod"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(f.raw, &set); err != nil {
				t.Fatalf("parse sitemap: %v", err)
			}
			lastmod := map[string]string{}
			for _, u := range set.URLs {
				lastmod[u.Loc] = u.LastMod
			}
			if len(set.URLs) != len(o.Articles()) || len(lastmod) != len(set.URLs) {
				t.Errorf("got %d URLs (%d distinct), want %d", len(set.URLs), len(lastmod), len(o.Articles()))
			}
			for _, a := range o.Articles() {
				got, ok := lastmod[srv.URL+a.Path]
				if !ok {
					t.Errorf("sitemap lacks %s", a.Path)
					continue
				}
				lm, err := time.Parse(time.RFC3339, got)
				if err != nil || !lm.Equal(a.Published) {
					t.Errorf("%s: got lastmod %q, want %s", a.Path, got, a.Published.Format(time.RFC3339))
				}
			}
			for _, u := range set.URLs[:3] {
				if f := get(t, srv.Client(), u.Loc); f.status != http.StatusOK {
					t.Errorf("GET %s: status %d", u.Loc, f.status)
				}
			}
		})
	}
}

func TestLegacyCharset(t *testing.T) {
	o := loadSite(t).Outlet("kurier-nadwislanski")
	srv := httptest.NewServer(o.Handler())
	defer srv.Close()
	for _, a := range o.Articles() {
		t.Run(a.Slug, func(t *testing.T) {
			f := get(t, srv.Client(), srv.URL+a.Path)
			if got, want := f.header.Get("Content-Type"), "text/html; charset=windows-1250"; got != want {
				t.Errorf("got Content-Type %q, want %q", got, want)
			}
			if !strings.Contains(string(f.raw[:min(1024, len(f.raw))]), `<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">`) {
				t.Error("no windows-1250 <meta http-equiv> in the first 1024 bytes")
			}
			if utf8.Valid(f.raw) {
				t.Error("page is valid UTF-8, want windows-1250 bytes for Polish letters")
			}
			decoded, err := charmap.Windows1250.NewDecoder().Bytes(f.raw)
			if err != nil {
				t.Fatal(err)
			}
			want := "<title>" + a.Title + " - " + o.Title + "</title>"
			if got := html.UnescapeString(string(decoded)); !strings.Contains(got, want) {
				t.Errorf("decoded page lacks %q", want)
			}
		})
	}
}

func TestLegacyPage(t *testing.T) {
	o := loadSite(t).Outlet("kurier-nadwislanski")
	srv := httptest.NewServer(o.Handler())
	defer srv.Close()
	a := o.Articles()[0]
	page := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(get(t, srv.Client(), srv.URL+a.Path).text, ""))
	tests := []struct {
		name, want string
		count      int
	}{
		{"lead printed twice", a.Lead, 2},
		{"clock label glued to the date", "Zegar " + a.Published.Format("02.01.2006") + "\u00a0\u00a0\u00a0 " + a.Published.Format("15:04"), 1},
		{"section", "Kategoria: " + a.Section, 1},
		{"cookies notice", "pliki cookies", 1},
		{"read also", "Czytaj też:", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Count(page, tt.want); got != tt.count {
				t.Errorf("got %d of %q, want %d", got, tt.want, tt.count)
			}
		})
	}
}

func TestModernMetadata(t *testing.T) {
	o := loadSite(t).Outlet("glos-mazowsza")
	srv := httptest.NewServer(o.Handler())
	defer srv.Close()
	ldScript := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	for _, a := range o.Articles() {
		t.Run(a.Slug, func(t *testing.T) {
			page := get(t, srv.Client(), srv.URL+a.Path).text
			m := ldScript.FindStringSubmatch(page)
			if m == nil {
				t.Fatal("no JSON-LD script")
			}
			var ld struct {
				Type           string `json:"@type"`
				Headline       string `json:"headline"`
				DatePublished  string `json:"datePublished"`
				ArticleSection string `json:"articleSection"`
				Author         struct {
					Name string `json:"name"`
				} `json:"author"`
			}
			if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
				t.Fatalf("parse JSON-LD: %v", err)
			}
			published, err := time.Parse(time.RFC3339, ld.DatePublished)
			if err != nil || !published.Equal(a.Published) {
				t.Errorf("got datePublished %q, want %s", ld.DatePublished, a.Published.Format(time.RFC3339))
			}
			rfc := a.Published.Format(time.RFC3339)
			tests := []struct{ name, got, want string }{
				{"@type", ld.Type, "NewsArticle"},
				{"headline", ld.Headline, a.Title},
				{"articleSection", ld.ArticleSection, a.Section},
				{"author", ld.Author.Name, a.Author},
			}
			for _, tt := range tests {
				if tt.got != tt.want {
					t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
				}
			}
			for _, want := range []string{
				`<time datetime="` + rfc + `">`,
				`<meta property="og:type" content="article">`,
				`<meta property="og:title" content="` + html.EscapeString(a.Title) + `">`,
				`<meta property="article:published_time" content="` + rfc + `">`,
				`<meta property="article:section" content="` + html.EscapeString(a.Section) + `">`,
				`<title>` + html.EscapeString(a.Title) + ` | Głos Mazowsza</title>`,
				`<link rel="canonical" href="` + srv.URL + a.Path + `">`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %s", want)
				}
			}
		})
	}
}

func TestBIPMetadata(t *testing.T) {
	o := loadSite(t).Outlet("bip-mazowsze-plockie")
	srv := httptest.NewServer(o.Handler())
	defer srv.Close()
	ids := map[int]string{}
	for _, a := range o.Articles() {
		t.Run(a.Slug, func(t *testing.T) {
			if other, dup := ids[bipID(a.Slug)]; dup {
				t.Errorf("id %d shared with %s", bipID(a.Slug), other)
			}
			ids[bipID(a.Slug)] = a.Slug
			page := get(t, srv.Client(), srv.URL+a.Path).text
			for _, want := range []string{
				`<th scope="row">Data publikacji</th><td>` + a.Published.Format("2006-01-02 15:04") + `</td>`,
				`<th scope="row">Wytworzył</th>`,
				`<th scope="row">Opublikował</th><td>` + a.Author + `</td>`,
				`<th scope="row">Rejestr zmian</th>`,
				plDate(a.Published),
			} {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %s", want)
				}
			}
		})
	}
}

// plDate writes t the way BIP pages date documents: "5 marca 2019 r.".
func plDate(t time.Time) string {
	return templateFuncs()["pldate"].(func(time.Time) string)(t)
}

func TestNotFound(t *testing.T) {
	tests := []struct {
		outlet, path string
	}{
		{"kurier-nadwislanski", "/nie-ma-takiej-strony"},
		{"kurier-nadwislanski", "/aktualnosci/nie-ma.html"},
		{"kurier-nadwislanski", "/aktualnosci/klaster-chemiczny-pierwszy-rok"},
		{"kurier-nadwislanski", "/aktualnosci?strona=99"},
		{"kurier-nadwislanski", "/aktualnosci?strona=0"},
		{"kurier-nadwislanski", "/aktualnosci?strona=abc"},
		{"kurier-nadwislanski", "/aktualnosci/"},
		{"glos-mazowsza", "/wiadomosci/2019/05/nie-ma"},
		{"glos-mazowsza", "/wiadomosci/2020/05/forum-innowacji-mazowsza-2019"},
		{"glos-mazowsza", "/strona/0"},
		{"glos-mazowsza", "/strona/99"},
		{"glos-mazowsza", "/strona/02"},
		{"glos-mazowsza", "/kategoria/nie-ma"},
		{"bip-mazowsze-plockie", "/artykul/1/konferencja-energia-dla-gmin"},
		{"bip-mazowsze-plockie", "/aktualnosci/strona/9"},
		{"bip-mazowsze-plockie", "/rejestr-zmian/1"},
		{"bip-mazowsze-plockie", "/robots.txt/x"},
	}
	s := loadSite(t)
	for _, tt := range tests {
		t.Run(tt.outlet+tt.path, func(t *testing.T) {
			srv := httptest.NewServer(s.Outlet(tt.outlet).Handler())
			defer srv.Close()
			f := get(t, srv.Client(), srv.URL+tt.path)
			if f.status != http.StatusNotFound {
				t.Errorf("got status %d, want 404", f.status)
			}
			if !strings.HasPrefix(f.header.Get("Content-Type"), "text/html") {
				t.Errorf("got Content-Type %q, want an HTML 404 page", f.header.Get("Content-Type"))
			}
		})
	}
}

func TestPagination(t *testing.T) {
	tests := []struct {
		outlet  string
		page2   string
		perPage int
	}{
		{"kurier-nadwislanski", "/aktualnosci?strona=2", 7},
		{"glos-mazowsza", "/strona/2", 6},
		{"bip-mazowsze-plockie", "/aktualnosci/strona/2", 8},
	}
	s := loadSite(t)
	for _, tt := range tests {
		t.Run(tt.outlet, func(t *testing.T) {
			o := s.Outlet(tt.outlet)
			srv := httptest.NewServer(o.Handler())
			defer srv.Close()
			if pages := o.pages(); pages < 2 {
				t.Fatalf("got %d listing pages, want several", pages)
			}
			f := get(t, srv.Client(), srv.URL+tt.page2)
			if f.status != http.StatusOK {
				t.Fatalf("GET %s: status %d", tt.page2, f.status)
			}
			base, _ := url.Parse(srv.URL + tt.page2)
			onPage := map[string]bool{}
			for _, l := range links(t, base, f.text) {
				onPage[l.Path] = true
			}
			for i, a := range o.Articles() {
				want := i >= tt.perPage && i < 2*tt.perPage
				if want && !onPage[a.Path] {
					t.Errorf("page 2 lacks article %d %s", i, a.Path)
				}
			}
		})
	}
}

func TestModernPageOneRedirects(t *testing.T) {
	srv := httptest.NewServer(loadSite(t).Outlet("glos-mazowsza").Handler())
	defer srv.Close()
	f := get(t, noRedirects(srv.Client()), srv.URL+"/strona/1")
	if f.status != http.StatusMovedPermanently || f.header.Get("Location") != "/" {
		t.Errorf("got %d Location %q, want 301 to /", f.status, f.header.Get("Location"))
	}
}

func TestConditionalGet(t *testing.T) {
	for _, o := range loadSite(t).Outlets() {
		t.Run(o.Name, func(t *testing.T) {
			srv := httptest.NewServer(o.Handler())
			defer srv.Close()
			u := srv.URL + o.Articles()[0].Path
			f := get(t, srv.Client(), u)
			etag, lastMod := f.header.Get("ETag"), f.header.Get("Last-Modified")
			if etag == "" || lastMod == "" {
				t.Fatalf("got ETag %q, Last-Modified %q; want both", etag, lastMod)
			}
			tests := []struct{ name, header, value string }{
				{"If-None-Match", "If-None-Match", etag},
				{"If-Modified-Since", "If-Modified-Since", lastMod},
			}
			for _, tt := range tests {
				if got := get(t, srv.Client(), u, tt.header, tt.value); got.status != http.StatusNotModified {
					t.Errorf("%s: got status %d, want 304", tt.name, got.status)
				}
			}
			if got := get(t, srv.Client(), u, "If-None-Match", `"other"`); got.status != http.StatusOK {
				t.Errorf("stale ETag: got status %d, want 200", got.status)
			}
		})
	}
}

func TestAbsoluteURLsFollowHost(t *testing.T) {
	for _, o := range loadSite(t).Outlets() {
		t.Run(o.Name, func(t *testing.T) {
			h := o.Handler()
			for _, path := range []string{"/robots.txt", "/sitemap.xml", "/", o.Articles()[0].Path} {
				req := httptest.NewRequest(http.MethodGet, "http://kronika.test:8123"+path, nil)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				body := rec.Body.String()
				if !strings.Contains(body, "http://kronika.test:8123/") {
					t.Errorf("%s does not use the request's host", path)
				}
				if strings.Contains(body, "127.0.0.1") || strings.Contains(body, "localhost") {
					t.Errorf("%s names a fixed host", path)
				}
			}
		})
	}
}

func TestServe(t *testing.T) {
	s := loadSite(t)
	servers, err := s.Serve("127.0.0.1")
	if err != nil {
		t.Fatalf("Serve: %v", err)
	}
	urls := servers.URLs()
	if len(urls) != len(s.Outlets()) {
		t.Errorf("got %d URLs, want %d", len(urls), len(s.Outlets()))
	}
	client := &http.Client{Timeout: 5 * time.Second}
	for _, o := range s.Outlets() {
		base, ok := urls[o.Name]
		if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
			t.Errorf("%s: got base URL %q, want http://127.0.0.1:PORT", o.Name, base)
			continue
		}
		if f := get(t, client, base+o.Articles()[0].Path); f.status != http.StatusOK {
			t.Errorf("%s: got status %d, want 200", o.Name, f.status)
		}
	}
	if err := servers.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	for name, base := range urls {
		if resp, err := client.Get(base + "/"); err == nil {
			resp.Body.Close()
			t.Errorf("%s still answers after Close", name)
		}
	}
}
