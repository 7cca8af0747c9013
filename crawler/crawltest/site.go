// Package crawltest serves generated news sites for tests and benchmarks
// of the crawler: any number of articles in Polish, listing pages with
// pagination, robots.txt, a sitemap with lastmod, ETag and Last-Modified
// validators with 304 answers, optional latency, and counts of every
// request, like net/http/httptest for crawls.
package crawltest

import (
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options shape a generated site. The zero value is a site of 100
// articles, 20 a listing page, with no latency.
type Options struct {
	// Articles is the number of articles (default 100).
	Articles int
	// PerPage is the number of articles on a listing page (default 20).
	PerPage int
	// Seed makes the text reproducible.
	Seed uint64
	// Latency delays every answer.
	Latency time.Duration
	// NoValidators turns off ETag, Last-Modified and 304 answers.
	NoValidators bool
	// NoSitemap answers 404 for sitemap.xml and lists none in robots.txt.
	NoSitemap bool
	// Robots replaces the generated robots.txt.
	Robots string
}

// Site is a generated news site. It is an http.Handler and safe for
// concurrent use.
type Site struct {
	opts Options
	base time.Time

	mu       sync.Mutex
	versions []int       // per article, bumped by Edit
	edited   []time.Time // per article, when last edited
	counts   Counts
	paths    map[string]int
}

// Counts are the requests a site answered.
type Counts struct {
	// Requests counts every request; Conditional those with
	// If-None-Match or If-Modified-Since; NotModified the 304 answers.
	Requests, Conditional, NotModified int
	// Articles counts requests for article pages, Listings for listing
	// pages, Other for robots.txt, the sitemap and anything else.
	Articles, Listings, Other int
	// UnconditionalArticles counts article requests without validators.
	UnconditionalArticles int
}

// NewSite returns a site with the given options.
func NewSite(opts Options) *Site {
	if opts.Articles <= 0 {
		opts.Articles = 100
	}
	if opts.PerPage <= 0 {
		opts.PerPage = 20
	}
	return &Site{
		opts:     opts,
		base:     time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC),
		versions: make([]int, opts.Articles),
		edited:   make([]time.Time, opts.Articles),
		paths:    map[string]int{},
	}
}

// ArticlePath returns the path of article i (0-based).
func ArticlePath(i int) string { return fmt.Sprintf("/wiadomosci/%d/artykul-%d.html", i/1000, i) }

// Title returns the headline of article i.
func (s *Site) Title(i int) string {
	r := rand.New(rand.NewPCG(s.opts.Seed, uint64(i)))
	return fmt.Sprintf("%s %s w %s (%d)", pick(r, subjects), pick(r, events), pick(r, placesLoc), i)
}

// Edit changes the text of article i, as an editor's correction would:
// its validators and content change, its headline does not.
func (s *Site) Edit(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versions[i]++
	s.edited[i] = time.Now().UTC().Truncate(time.Second)
}

// Counts returns the requests answered so far.
func (s *Site) Counts() Counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts
}

// PathCount returns how many times a path was requested.
func (s *Site) PathCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paths[path]
}

// ResetCounts sets the counts to zero.
func (s *Site) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = Counts{}
	s.paths = map[string]int{}
}

// ServeHTTP answers robots.txt, sitemap.xml, listing pages (/ and
// /strona/N) and articles.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.opts.Latency > 0 {
		time.Sleep(s.opts.Latency)
	}
	conditional := r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""
	s.mu.Lock()
	s.counts.Requests++
	s.paths[r.URL.Path]++
	if conditional {
		s.counts.Conditional++
	}
	s.mu.Unlock()
	path := r.URL.Path
	switch {
	case path == "/robots.txt":
		s.count(func(c *Counts) { c.Other++ })
		s.robots(w, r)
	case path == "/sitemap.xml" && !s.opts.NoSitemap:
		s.count(func(c *Counts) { c.Other++ })
		s.sitemap(w, r)
	case path == "/":
		s.count(func(c *Counts) { c.Listings++ })
		s.listing(w, r, 1)
	case strings.HasPrefix(path, "/strona/"):
		s.count(func(c *Counts) { c.Listings++ })
		n, err := strconv.Atoi(strings.TrimPrefix(path, "/strona/"))
		if err != nil || n < 1 || n > s.pages() {
			http.NotFound(w, r)
			return
		}
		s.listing(w, r, n)
	case strings.HasPrefix(path, "/wiadomosci/") && strings.HasSuffix(path, ".html"):
		s.count(func(c *Counts) {
			c.Articles++
			if !conditional {
				c.UnconditionalArticles++
			}
		})
		i := strings.LastIndex(path, "artykul-")
		n, err := strconv.Atoi(strings.TrimSuffix(path[i+len("artykul-"):], ".html"))
		if i < 0 || err != nil || n < 0 || n >= s.opts.Articles || ArticlePath(n) != path {
			http.NotFound(w, r)
			return
		}
		s.article(w, r, n)
	default:
		s.count(func(c *Counts) { c.Other++ })
		http.NotFound(w, r)
	}
}

func (s *Site) count(f func(*Counts)) {
	s.mu.Lock()
	f(&s.counts)
	s.mu.Unlock()
}

func (s *Site) pages() int { return (s.opts.Articles + s.opts.PerPage - 1) / s.opts.PerPage }

// published is article i's publication time: newest first, an hour apart.
func (s *Site) published(i int) time.Time {
	return s.base.Add(-time.Duration(i) * time.Hour)
}

func (s *Site) version(i int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.versions[i]
}

// validate sets the validators and answers 304 when the request has
// them; it reports whether the answer is done.
func (s *Site) validate(w http.ResponseWriter, r *http.Request, etag string, mod time.Time) bool {
	if s.opts.NoValidators {
		return false
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", mod.UTC().Format(http.TimeFormat))
	inm := r.Header.Get("If-None-Match")
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	if inm == etag || (inm == "" && err == nil && !mod.Truncate(time.Second).After(ims)) {
		s.count(func(c *Counts) { c.NotModified++ })
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

func (s *Site) robots(w http.ResponseWriter, r *http.Request) {
	if s.validate(w, r, `"robots"`, s.base) {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if s.opts.Robots != "" {
		fmt.Fprint(w, s.opts.Robots)
		return
	}
	fmt.Fprint(w, "User-agent: *\nDisallow: /szukaj\n")
	if !s.opts.NoSitemap {
		fmt.Fprint(w, "Sitemap: /sitemap.xml\n")
	}
}

func (s *Site) sitemap(w http.ResponseWriter, r *http.Request) {
	var newest time.Time
	edits := 0
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := range s.opts.Articles {
		mod := s.modified(i)
		edits += s.version(i)
		if mod.After(newest) {
			newest = mod
		}
		fmt.Fprintf(&b, "<url><loc>http://%s%s</loc><lastmod>%s</lastmod></url>\n", r.Host, ArticlePath(i), mod.Format(time.RFC3339))
	}
	b.WriteString("</urlset>\n")
	if s.validate(w, r, fmt.Sprintf(`"sitemap-%d-%d"`, newest.Unix(), edits), newest) {
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprint(w, b.String())
}

// modified is when article i last changed.
func (s *Site) modified(i int) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.edited[i].IsZero() {
		return s.edited[i]
	}
	return s.published(i)
}

func (s *Site) listing(w http.ResponseWriter, r *http.Request, n int) {
	first := (n - 1) * s.opts.PerPage
	last := min(s.opts.Articles, first+s.opts.PerPage)
	if s.validate(w, r, fmt.Sprintf(`"lista-%d-%d"`, n, s.opts.Articles), s.base) {
		return
	}
	var b strings.Builder
	s.head(&b, "Wiadomości – strona "+strconv.Itoa(n))
	b.WriteString(`<main><h1>Najnowsze wiadomości</h1><ul class="lista">`)
	for i := first; i < last; i++ {
		rng := rand.New(rand.NewPCG(s.opts.Seed, uint64(i)))
		fmt.Fprintf(&b, `<li><span class="data">%s</span> <a class="tytul" href="%s?utm_source=lista">%s</a><p>%s</p></li>`,
			s.published(i).Format("02.01.2006"), ArticlePath(i), html.EscapeString(s.Title(i)), html.EscapeString(sentence(rng)))
	}
	b.WriteString(`</ul><nav class="strony">`)
	if n > 1 {
		fmt.Fprintf(&b, `<a href="/strona/%d">poprzednia</a> `, n-1)
	}
	if n < s.pages() {
		fmt.Fprintf(&b, `<a class="nastepna" href="/strona/%d">następna</a>`, n+1)
	}
	b.WriteString(`</nav></main>`)
	s.foot(&b)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, b.String())
}

func (s *Site) article(w http.ResponseWriter, r *http.Request, i int) {
	v := s.version(i)
	if s.validate(w, r, fmt.Sprintf(`"art-%d-v%d"`, i, v), s.modified(i)) {
		return
	}
	rng := rand.New(rand.NewPCG(s.opts.Seed, uint64(i)))
	title := s.Title(i)
	var b strings.Builder
	s.head(&b, title+" | Kurier Testowy")
	pub := s.published(i).In(warsaw)
	fmt.Fprintf(&b, `<main><article><h1>%s</h1><p class="meta">Opublikowano: <time datetime="%s">%s</time> | Dział: %s</p>`,
		html.EscapeString(title), pub.Format(time.RFC3339), pub.Format("02.01.2006 15:04"), pick(rng, sections))
	for p := range 6 + rng.IntN(4) {
		b.WriteString("<p>")
		for range 3 + rng.IntN(3) {
			b.WriteString(html.EscapeString(sentence(rng)))
			b.WriteByte(' ')
		}
		if p == 0 && v > 0 {
			fmt.Fprintf(&b, "Tekst poprawiono %d raz(y) po publikacji. ", v)
		}
		b.WriteString("</p>")
	}
	b.WriteString(`<p class="autor">Autor: Redakcja</p></article>`)
	b.WriteString(`<aside><h2>Czytaj także</h2><ul>`)
	for k := 1; k <= 3; k++ {
		j := (i + k*7) % s.opts.Articles
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, ArticlePath(j), html.EscapeString(s.Title(j)))
	}
	b.WriteString(`</ul></aside></main>`)
	s.foot(&b)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, b.String())
}

func (s *Site) head(b *strings.Builder, title string) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>%s</title></head><body>`, html.EscapeString(title))
	b.WriteString(`<header><nav class="menu"><a href="/">Strona główna</a> <a href="/szukaj?q=x">Szukaj</a> <a href="/kontakt">Kontakt</a></nav></header>`)
}

func (s *Site) foot(b *strings.Builder) {
	b.WriteString(`<footer class="stopka">© Kurier Testowy. Nasza strona używa plików cookies.</footer></body></html>`)
}

var warsaw = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// sentence makes one plausible sentence of regional news.
func sentence(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %s spotkał się z przedstawicielami %s w %s.", pick(r, roles), pick(r, people), pick(r, institutionsGen), pick(r, placesLoc))
	case 1:
		return fmt.Sprintf("%d %s %d r. %s %s %s.", 1+r.IntN(28), pick(r, monthsGen), 2015+r.IntN(10), pick(r, institutions), pick(r, verbs), pick(r, objects))
	case 2:
		return fmt.Sprintf("Jak poinformował %s, %s %s w przyszłym tygodniu.", pick(r, people), pick(r, objects), pick(r, futures))
	default:
		return fmt.Sprintf("Mieszkańcy %s %s, a %s zapowiada kolejne działania.", pick(r, placesGen), pick(r, reactions), pick(r, institutions))
	}
}

var (
	subjects        = []string{"Wizyta delegacji", "Konferencja", "Otwarcie", "Remont", "Posiedzenie rady", "Festyn", "Debata", "Inwestycja"}
	events          = []string{"gospodarcza", "naukowa", "miejska", "drogowa", "kulturalna", "sportowa", "regionalna"}
	placesLoc       = []string{"Płocku", "Krakowie", "Lublinie", "Tarnowie", "Sanoku", "Gdańsku", "Poznaniu", "Łodzi"}
	placesGen       = []string{"Płocka", "Krakowa", "Lublina", "Tarnowa", "Sanoka", "Gdańska", "Poznania", "Łodzi"}
	people          = []string{"Jan Kowalski", "Anna Nowak", "Piotr Wiśniewski", "Katarzyna Wójcik", "Tomasz Kamiński", "Małgorzata Lewandowska", "Hugues Labar"}
	roles           = []string{"prezydent miasta", "wojewoda", "starosta", "dyrektor", "rzecznik urzędu", "przewodniczący rady"}
	institutions    = []string{"Urząd Miasta", "Starostwo Powiatowe", "Politechnika", "Urząd Marszałkowski", "Komenda Miejska Policji", "Powiatowy Urząd Pracy"}
	institutionsGen = []string{"Urzędu Miasta", "Starostwa Powiatowego", "Politechniki", "Urzędu Marszałkowskiego", "Komendy Miejskiej Policji", "Powiatowego Urzędu Pracy"}
	monthsGen       = []string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"}
	verbs           = []string{"ogłosił", "podpisał", "przedstawił", "zatwierdził", "rozpoczął"}
	objects         = []string{"plan budowy nowej drogi", "umowę o współpracy", "program wsparcia przedsiębiorców", "budżet na przyszły rok", "konkurs dla szkół"}
	futures         = []string{"zostanie przedstawiony radnym", "trafi do konsultacji", "będzie gotowy do podpisu", "zostanie omówiony na sesji"}
	reactions       = []string{"przyjęli zapowiedź z zadowoleniem", "mają wiele pytań", "czekają na szczegóły", "zgłaszają uwagi"}
	sections        = []string{"Region", "Gospodarka", "Kultura", "Sport", "Samorząd"}
)
