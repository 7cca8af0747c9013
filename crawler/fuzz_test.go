package crawler

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseArticle feeds the generic extractor arbitrary pages: it must
// not fail or panic, and its text must be valid UTF-8 without blank
// paragraphs.
func FuzzParseArticle(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.html"))
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`<html><body><article><h1>T</h1><p>` + strings.Repeat("słowo, ", 60) + `</p></article></body></html>`)
	f.Add(`<table><tr><td><div><p>a<td><p>b</table></div><time datetime="2099-01-01">`)
	f.Add(`<p>` + strings.Repeat("Ⱥ", 50) + ` Data publikacji: 12.03.2024</p>`) // letters that grow when lower-cased
	u, _ := url.Parse("https://portal.example/a")
	f.Fuzz(func(t *testing.T, page string) {
		a, err := ParseArticle(page, u, time.UTC)
		if err != nil {
			t.Fatalf("ParseArticle: %v", err)
		}
		if !utf8.ValidString(a.Text) && utf8.ValidString(page) {
			t.Errorf("invalid UTF-8 text from valid input")
		}
		for _, p := range strings.Split(a.Text, "\n\n") {
			if a.Text != "" && strings.TrimSpace(p) == "" {
				t.Errorf("blank paragraph in %q", a.Text)
			}
		}
		if a.Published != nil && a.Published.After(time.Now().Add(25*time.Hour)) {
			t.Errorf("publication date %v in the future", a.Published)
		}
	})
}

// FuzzParseDiscovery feeds the sitemap and feed reader arbitrary bodies:
// every entry it returns must be an absolute URL.
func FuzzParseDiscovery(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "discovery", "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	base, _ := url.Parse("https://portal.example/sitemap.xml")
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, err := ParseDiscovery(body, base, time.UTC)
		if err != nil {
			return
		}
		for _, e := range entries {
			u, err := url.Parse(e.URL)
			if err != nil || !u.IsAbs() {
				t.Errorf("entry %q is not an absolute URL", e.URL)
			}
		}
	})
}

// FuzzParseConfig feeds the site-profile reader arbitrary files: it
// returns a configuration that validates, or a *ConfigError.
func FuzzParseConfig(f *testing.F) {
	if b, err := os.ReadFile("../sites.example.yaml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("sites:\n  - name: a\n    start_urls: [http://a.pl/]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data, "sites.yaml")
		if err != nil {
			if _, ok := err.(*ConfigError); !ok {
				t.Fatalf("error %T %v, want a *ConfigError", err, err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Errorf("parsed configuration does not validate: %v", err)
		}
	})
}

func FuzzDecodeHTML(f *testing.F) {
	f.Add([]byte("<meta charset=iso-8859-2><p>\xb1\xea</p>"), "text/html")
	f.Add([]byte("\xEF\xBB\xBF<p>zażółć</p>"), "text/html; charset=windows-1250")
	f.Add([]byte("\xFF\xFEa\x00"), "")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		s, _, err := DecodeHTML(body, ct)
		if err == nil && !utf8.ValidString(s) {
			t.Errorf("DecodeHTML returned invalid UTF-8 for %q", body)
		}
	})
}

func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{"https://a.pl/x?utm_source=1#f", "http://a.pl:80/../x", "http://[::1]:8080/", "http://a.pl/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n := NormalizeURL(in)
		if n == "" {
			return
		}
		if again := NormalizeURL(n); again != n {
			t.Errorf("not idempotent: %q → %q → %q", in, n, again)
		}
	})
}
