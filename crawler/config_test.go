package crawler

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLoadExampleConfig(t *testing.T) {
	c, err := LoadConfig("../sites.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(c.Names(), ","), "gazeta-przykladowa,kurier-powiatowy,bip-gminy"; got != want {
		t.Errorf("sites %q, want %q", got, want)
	}
	if c.Crawler.MaxBody != 8<<20 || c.Crawler.Timeout != 30*time.Second || c.Crawler.RecrawlInterval != 168*time.Hour {
		t.Errorf("settings %+v", c.Crawler)
	}
	if ua := c.Crawler.UserAgentString(); !strings.Contains(ua, "archiwum@example.org") || !strings.HasPrefix(ua, "KronikaBot/") {
		t.Errorf("User-Agent %q lacks the contact", ua)
	}
	k, _ := c.Site("kurier-powiatowy")
	if k.Rate != 0.5 || k.Article.DateLayout != "02.01.2006 15:04" || k.MaxPages != 5000 {
		t.Errorf("kurier-powiatowy %+v", k)
	}
	if _, err := c.Crawler.Options(); err != nil {
		t.Error(err)
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", "sites.yaml: the file is empty"},
		{"unknown field", "sites:\n  - name: a\n    start_url: [http://a.pl/]\n", "sites.yaml:3: field start_url not found"},
		{"no sites", "crawler:\n  rate: 1\n", "no sites"},
		{"no name", "sites:\n  - start_urls: [http://a.pl/]\n", "sites.yaml:2: site 1 has no name"},
		{"duplicate", "sites:\n  - name: a\n    start_urls: [http://a.pl/]\n  - name: a\n    start_urls: [http://b.pl/]\n", "sites.yaml:4: site name \"a\" is used twice"},
		{"bad seed", "sites:\n  - name: a\n    start_urls: [ftp://a.pl/]\n", "sites.yaml:2: site \"a\": start_urls[0]: \"ftp://a.pl/\" is not an absolute http(s) URL"},
		{"bad regexp", "sites:\n  - name: a\n    start_urls: [http://a.pl/]\n    deny: ['(']\n", "sites.yaml:2: site \"a\": deny[0]: error parsing regexp"},
		{"bad selector", "sites:\n  - name: a\n    start_urls: [http://a.pl/]\n    article:\n      title: 'h1[[['\n", "article.title: bad CSS selector"},
		{"layout without date", "sites:\n  - name: a\n    start_urls: [http://a.pl/]\n    article:\n      date_layout: '2006'\n", "article.date_layout needs article.date"},
		{"bad size", "crawler:\n  max_body: lots\nsites:\n  - name: a\n    start_urls: [http://a.pl/]\n", "sites.yaml:2: \"lots\" is not a size"},
		{"bad duration", "crawler:\n  timeout: soon\nsites:\n  - name: a\n    start_urls: [http://a.pl/]\n", "sites.yaml:2: cannot unmarshal !!str `soon` into time.Duration"},
		{"negative rate", "crawler:\n  rate: -1\nsites:\n  - name: a\n    start_urls: [http://a.pl/]\n", "cannot be negative"},
		{"bad zone", "crawler:\n  time_zone: Europe/Płock\nsites:\n  - name: a\n    start_urls: [http://a.pl/]\n", "time_zone \"Europe/Płock\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tc.in), "sites.yaml")
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *ConfigError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want it to contain %q", err, tc.want)
			}
		})
	}
}
