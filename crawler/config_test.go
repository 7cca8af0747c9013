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
		{"bad zone", "crawler:\n  time_zone: Europe/Płock\nsites:\n  - name: a\n    start_urls: [http://a.pl/]\n", "sites.yaml:2: crawler.time_zone \"Europe/Płock\""},
	}
	// The settings without a flag: each value out of range, refused with
	// the line of its key. (Those with a flag are in cmd/kronika's
	// TestSettingRules, from both sources.)
	site := "sites:\n  - name: a\n    start_urls: [http://a.pl/]\n"
	for _, row := range []struct{ name, setting, want string }{
		{"negative rate", "rate: -1", "crawler.rate must be 0 or a positive number of requests per second, not -1"},
		{"request timeout of a millisecond", "timeout: 1ms", "crawler.timeout must be 0 (the default) or from 1s to 1h, not 1ms"},
		{"request timeout of two hours", "timeout: 2h", "crawler.timeout must be 0 (the default) or from 1s to 1h, not 2h0m0s"},
		{"negative timeout", "timeout: -5s", "crawler.timeout must be 0 (the default) or from 1s to 1h, not -5s"},
		{"connect timeout of an hour", "connect_timeout: 1h", "crawler.connect_timeout must be 0 (the default) or from 1s to 10m, not 1h0m0s"},
		{"body cap at the int64 maximum", "max_body: 9223372036854775807", "crawler.max_body must be 0 (the default, 8MiB) or from 1KiB to 1GiB, not 9223372036854775807B"},
		{"body cap past the int64 maximum", "max_body: 99999999999GiB", "sites.yaml:2: \"99999999999GiB\" is too large a size"},
		{"body cap past the int64 maximum, in bytes", "max_body: 99999999999999999999", "\"99999999999999999999\" is too large a size"},
		{"body cap of 2 GiB", "max_body: 2GiB", "crawler.max_body must be 0 (the default, 8MiB) or from 1KiB to 1GiB, not 2GiB"},
		{"body cap of 100 bytes", "max_body: 100", "crawler.max_body must be 0 (the default, 8MiB) or from 1KiB to 1GiB, not 100B"},
		{"negative body cap", "max_body: -8MiB", "\"-8MiB\" is not a size such as 8MiB"},
		{"eleven retries", "retries: 11", "crawler.retries must be from 0 to 10, not 11"},
		{"negative retries", "retries: -1", "crawler.retries must be from 0 to 10, not -1"},
		{"negative re-crawl interval", "recrawl_interval: -1h", "crawler.recrawl_interval must be 0 (the default) or from 1m to 87600h (10 years), not -1h0m0s"},
		{"re-crawl interval of a second", "recrawl_interval: 1s", "crawler.recrawl_interval must be 0 (the default) or from 1m to 87600h (10 years), not 1s"},
		{"free-space reserve of 2 TiB", "min_free_space: 2TiB", "crawler.min_free_space must be 0 (the default, 64MiB) or up to 1TiB, not 2TiB"},
		{"contact with a line break", "contact: \"a@b.pl\\nX: y\"", "crawler.contact must be text of at most 512 bytes without control characters"},
	} {
		cases = append(cases, struct{ name, in, want string }{row.name, "crawler:\n  " + row.setting + "\n" + site, row.want})
	}
	for _, row := range []struct{ name, setting, want string }{
		{"site rate", "rate: -0.5", "sites.yaml:2: site \"a\": rate must be 0 or a positive number of requests per second, not -0.5"},
		{"site concurrency", "concurrency: 99", "site \"a\": concurrency must be from 0 (the default) to 32 parallel requests per host, not 99"},
		{"site re-crawl interval", "recrawl_interval: 10s", "site \"a\": recrawl_interval must be 0 (the default) or from 1m to 87600h (10 years), not 10s"},
		{"site page cap", "max_pages: -1", "site \"a\": max_pages must be 0 or more pages, not -1"},
	} {
		cases = append(cases, struct{ name, in, want string }{row.name, site + "    " + row.setting + "\n", row.want})
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

func TestByteSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ByteSize
		err  string
	}{
		{"8MiB", 8 << 20, ""},
		{" 512 KiB ", 512 << 10, ""},
		{"1GB", 1e9, ""},
		{"1TiB", 1 << 40, ""},
		{"4096", 4096, ""},
		{"8191PiB", 0, "not a size"},
		{"8EiB", 0, "not a size"},
		{"8589934591GiB", 8589934591 << 30, ""},
		{"8589934592GiB", 0, "too large"},
		{"9223372036854775807B", 1<<63 - 1, ""},
		{"9223372036854775808", 0, "too large"},
		{"-1", 0, "not a size"},
		{"1.5MiB", 0, "not a size"},
		{"", 0, "not a size"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseByteSize(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("got %v, %v; want an error saying %q", got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		in   ByteSize
		want string
	}{{8 << 20, "8MiB"}, {1 << 30, "1GiB"}, {1536, "1536B"}, {0, "0B"}, {3 << 40, "3TiB"}} {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%d.String() = %q, want %q", int64(tc.in), got, tc.want)
		}
	}
}
