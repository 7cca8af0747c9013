package crawler

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
)

// Site is one news site to crawl: where to start and, optionally, a
// profile that tells the crawler which URLs to follow and how to read the
// site's pages better than the generic extractor does. The YAML names are
// those of the site-profile file (see sites.example.yaml).
type Site struct {
	// Name is the site's name in the archive (the site facet); empty
	// means the host of the first start URL.
	Name string `yaml:"name"`
	// Seeds are the start URLs, visited by every run. Links are followed
	// on their hosts and on Hosts.
	Seeds []string `yaml:"start_urls"`
	// Hosts are further hosts of the site (e.g. "m.example.pl").
	Hosts []string `yaml:"hosts,omitempty"`
	// Sitemaps and Feeds are visited by every run, besides the sitemaps
	// that robots.txt lists and the feeds that pages link to.
	Sitemaps []string `yaml:"sitemaps,omitempty"`
	Feeds    []string `yaml:"feeds,omitempty"`
	// Allow, when set, are regular expressions of which a URL must match
	// one to be followed; Deny those of which it must match none. Start
	// URLs, sitemaps and feeds are exempt.
	Allow []string `yaml:"allow,omitempty"`
	Deny  []string `yaml:"deny,omitempty"`
	// Listing says how to read listing pages; Article how to read
	// articles. Empty selectors leave the generic extractor in charge.
	Listing ListingRules `yaml:"listing,omitempty"`
	Article ArticleRules `yaml:"article,omitempty"`
	// Rate (requests per second per host) and Concurrency (parallel
	// requests per host) override the crawler's when above 0.
	Rate        float64 `yaml:"rate,omitempty"`
	Concurrency int     `yaml:"concurrency,omitempty"`
	// RecrawlInterval overrides how long incremental runs leave a known
	// article alone.
	RecrawlInterval time.Duration `yaml:"recrawl_interval,omitempty"`
	// MaxPages caps the pages fetched by one run; 0 means no cap.
	MaxPages int `yaml:"max_pages,omitempty"`
}

// ListingRules read a site's listing pages (front page, sections,
// archives).
type ListingRules struct {
	// Links selects the links to articles; when set, a listing page's
	// other links are not followed, but for Next.
	Links string `yaml:"links,omitempty"`
	// Next selects the pagination links.
	Next string `yaml:"next,omitempty"`
}

// ArticleRules read a site's article pages.
type ArticleRules struct {
	// URL is a regular expression that article URLs match; when set,
	// pages whose URL does not match it are never articles, and pages
	// whose URL does are always.
	URL string `yaml:"url,omitempty"`
	// Title, Date, Section, Body and Author are CSS selectors. Date may
	// select an element with a datetime or content attribute, or text
	// read with DateLayout (a Go time layout such as "02.01.2006 15:04")
	// or, without one, as a Polish date.
	Title      string `yaml:"title,omitempty"`
	Date       string `yaml:"date,omitempty"`
	DateLayout string `yaml:"date_layout,omitempty"`
	Section    string `yaml:"section,omitempty"`
	Body       string `yaml:"body,omitempty"`
	Author     string `yaml:"author,omitempty"`
	// Remove selects elements to drop from the body: galleries, related
	// links, advertisements.
	Remove string `yaml:"remove,omitempty"`
}

// Validate reports the first problem of the site profile: missing or bad
// start URLs, regular expressions or selectors.
func (s *Site) Validate() error {
	_, err := compileSite(*s)
	return err
}

// scope is a compiled site profile.
type scope struct {
	site       Site
	hosts      map[string]bool
	allow      []*regexp.Regexp
	deny       []*regexp.Regexp
	articleURL *regexp.Regexp
	rules      *pageRules
}

// pageRules are the compiled selectors of a profile; nil ones are unset.
type pageRules struct {
	listLinks, listNext                        cascadia.Selector
	title, date, section, body, author, remove cascadia.Selector
	dateLayout                                 string
	articleURL                                 *regexp.Regexp
}

func compileSite(s Site) (*scope, error) {
	if len(s.Seeds) == 0 {
		return nil, errors.New("start_urls: at least one start URL is needed")
	}
	s.Seeds, s.Sitemaps, s.Feeds = slices.Clone(s.Seeds), slices.Clone(s.Sitemaps), slices.Clone(s.Feeds)
	sc := &scope{hosts: map[string]bool{}}
	for i, seed := range s.Seeds {
		n := NormalizeURL(seed)
		if n == "" {
			return nil, fmt.Errorf("start_urls[%d]: %q is not an absolute http(s) URL", i, seed)
		}
		u, _ := url.Parse(n)
		sc.hosts[u.Host] = true
		s.Seeds[i] = n
	}
	if s.Name == "" {
		u, _ := url.Parse(s.Seeds[0])
		s.Name = u.Hostname()
	}
	for i, h := range s.Hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" || strings.ContainsAny(h, "/?#@ ") {
			return nil, fmt.Errorf("hosts[%d]: %q is not a host name", i, s.Hosts[i])
		}
		sc.hosts[h] = true
	}
	for field, list := range map[string][]string{"sitemaps": s.Sitemaps, "feeds": s.Feeds} {
		for i, v := range list {
			n := NormalizeURL(v)
			if n == "" {
				return nil, fmt.Errorf("%s[%d]: %q is not an absolute http(s) URL", field, i, v)
			}
			list[i] = n
		}
	}
	var err error
	if sc.allow, err = compileAll("allow", s.Allow); err != nil {
		return nil, err
	}
	if sc.deny, err = compileAll("deny", s.Deny); err != nil {
		return nil, err
	}
	if s.Article.URL != "" {
		if sc.articleURL, err = regexp.Compile(s.Article.URL); err != nil {
			return nil, fmt.Errorf("article.url: %w", err)
		}
	}
	if s.Rate < 0 || s.Concurrency < 0 || s.MaxPages < 0 || s.RecrawlInterval < 0 {
		return nil, errors.New("rate, concurrency, max_pages and recrawl_interval cannot be negative")
	}
	if sc.rules, err = compileRules(s); err != nil {
		return nil, err
	}
	sc.rules.articleURL = sc.articleURL
	sc.site = s
	return sc, nil
}

func compileAll(field string, exprs []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for i, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", field, i, err)
		}
		out = append(out, re)
	}
	return out, nil
}

func compileRules(s Site) (*pageRules, error) {
	r := &pageRules{dateLayout: s.Article.DateLayout}
	for _, f := range []struct {
		name string
		expr string
		sel  *cascadia.Selector
	}{
		{"listing.links", s.Listing.Links, &r.listLinks},
		{"listing.next", s.Listing.Next, &r.listNext},
		{"article.title", s.Article.Title, &r.title},
		{"article.date", s.Article.Date, &r.date},
		{"article.section", s.Article.Section, &r.section},
		{"article.body", s.Article.Body, &r.body},
		{"article.author", s.Article.Author, &r.author},
		{"article.remove", s.Article.Remove, &r.remove},
	} {
		if strings.TrimSpace(f.expr) == "" {
			continue
		}
		sel, err := cascadia.Compile(f.expr)
		if err != nil {
			return nil, fmt.Errorf("%s: bad CSS selector %q: %w", f.name, f.expr, err)
		}
		*f.sel = sel
	}
	if r.dateLayout != "" && r.date == nil {
		return nil, errors.New("article.date_layout needs article.date")
	}
	return r, nil
}

// inScope reports whether a normalised URL belongs to the site and may be
// followed.
func (sc *scope) inScope(u *url.URL) bool {
	if !sc.hosts[u.Host] || !crawlable(u) {
		return false
	}
	s := u.String()
	for _, re := range sc.deny {
		if re.MatchString(s) {
			return false
		}
	}
	if len(sc.allow) == 0 {
		return true
	}
	for _, re := range sc.allow {
		if re.MatchString(s) {
			return true
		}
	}
	// Article URLs of the profile are always allowed.
	return sc.articleURL != nil && sc.articleURL.MatchString(s)
}

// onSite reports whether a URL is on one of the site's hosts.
func (sc *scope) onSite(u *url.URL) bool { return sc.hosts[u.Host] }
