package benchcorpus

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kronika/kronika/polish"
)

// Site sizes.
const (
	listingPageSize = 20
	sitemapPageSize = 5000
	relatedLinks    = 5
)

// Site serves a corpus as a news website, the way the crawler meets real
// outlets: a home page, paginated section listings, article pages with
// metadata, robots.txt and a sitemap index. Every outlet's articles are
// served under the one host the site listens on. Site is immutable and
// safe for concurrent use.
type Site struct {
	c         *Corpus
	metas     []Meta
	bySection map[string][]int // document indexes, newest first
	slugs     map[string]string
	newest    []int
}

// NewSite returns the site of c. It computes the metadata of every
// document up front (about a second per million).
func NewSite(c *Corpus) *Site {
	s := &Site{c: c, metas: make([]Meta, c.Len()), bySection: map[string][]int{}, slugs: map[string]string{}}
	all := make([]int, c.Len())
	for i := range c.Len() {
		s.metas[i] = c.Meta(i)
		all[i] = i
	}
	newestFirst := func(a, b int) int { return s.metas[b].Published.Compare(s.metas[a].Published) }
	slices.SortFunc(all, newestFirst)
	for _, i := range all {
		sec := s.metas[i].Section
		s.bySection[sec] = append(s.bySection[sec], i)
	}
	for _, sec := range sections {
		s.slugs[polish.Fold(sec)] = sec
	}
	s.newest = all[:min(30, len(all))]
	return s
}

func (s *Site) base(r *http.Request) string { return "http://" + r.Host }

// ServeHTTP implements http.Handler.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/":
		s.home(w, r)
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "User-agent: *\nAllow: /\nDisallow: /szukaj\n\nSitemap: %s/sitemap.xml\n", s.base(r))
	case p == "/sitemap.xml":
		s.sitemapIndex(w, r)
	case strings.HasPrefix(p, "/sitemap-") && strings.HasSuffix(p, ".xml"):
		k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/sitemap-"), ".xml"))
		if err != nil || k < 0 || k*sitemapPageSize >= len(s.metas) {
			http.NotFound(w, r)
			return
		}
		s.sitemap(w, r, k)
	case strings.HasSuffix(p, ".html"):
		s.article(w, r)
	default:
		sec, ok := s.slugs[strings.Trim(p, "/")]
		if !ok || !strings.HasSuffix(p, "/") {
			http.NotFound(w, r)
			return
		}
		s.listing(w, r, sec)
	}
}

type link struct {
	URL, Title, Date string
}

func (s *Site) link(r *http.Request, i int) link {
	m := s.metas[i]
	return link{URL: m.URL(s.base(r)), Title: s.c.Document(i).Title, Date: m.Published.Format("02.01.2006")}
}

type pageData struct {
	Title    string
	Sections []link
	Crumbs   []link
	// Article pages.
	Article  bool
	Headline string
	Author   string
	ISO      string
	Date     string
	Canon    string
	LD       template.JS
	Paras    []string
	// Listings.
	Links []link
	Next  string
}

func (s *Site) sectionLinks() []link {
	out := make([]link, len(sections))
	for i, sec := range sections {
		out[i] = link{URL: "/" + polish.Fold(sec) + "/", Title: upperFirst(sec)}
	}
	return out
}

func (s *Site) home(w http.ResponseWriter, r *http.Request) {
	d := pageData{Title: "Serwis regionalny – wiadomości", Sections: s.sectionLinks()}
	for _, i := range s.newest {
		d.Links = append(d.Links, s.link(r, i))
	}
	s.render(w, d)
}

func (s *Site) listing(w http.ResponseWriter, r *http.Request, sec string) {
	page, err := strconv.Atoi(r.URL.Query().Get("strona"))
	if r.URL.Query().Get("strona") == "" {
		page, err = 1, nil
	}
	ids := s.bySection[sec]
	from := (page - 1) * listingPageSize
	if err != nil || page < 1 || (from >= len(ids) && page > 1) {
		http.NotFound(w, r)
		return
	}
	d := pageData{Title: upperFirst(sec) + " – serwis regionalny", Sections: s.sectionLinks(),
		Crumbs: []link{{URL: "/", Title: "Strona główna"}, {URL: "/" + polish.Fold(sec) + "/", Title: upperFirst(sec)}}}
	for _, i := range ids[from:min(from+listingPageSize, len(ids))] {
		d.Links = append(d.Links, s.link(r, i))
	}
	if from+listingPageSize < len(ids) {
		d.Next = fmt.Sprintf("/%s/?strona=%d", polish.Fold(sec), page+1)
	}
	s.render(w, d)
}

// article serves /section/yyyy/mm/dd/slug.html, checking every part.
func (s *Site) article(w http.ResponseWriter, r *http.Request) {
	slug := strings.TrimSuffix(r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:], ".html")
	i, err := strconv.Atoi(slug)
	if err != nil || i < 0 || i >= len(s.metas) || s.metas[i].URL(s.base(r)) != s.base(r)+r.URL.Path {
		http.NotFound(w, r)
		return
	}
	m := s.metas[i]
	doc := s.c.Document(i)
	ld, _ := json.Marshal(map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc.Title,
		"datePublished": m.Published.Format(time.RFC3339), "articleSection": upperFirst(m.Section),
	})
	d := pageData{
		Title: doc.Title + " | " + m.Outlet.Name, Sections: s.sectionLinks(), Article: true,
		Crumbs:   []link{{URL: "/", Title: "Strona główna"}, {URL: "/" + polish.Fold(m.Section) + "/", Title: upperFirst(m.Section)}},
		Headline: doc.Title, Author: doc.Author, ISO: m.Published.Format(time.RFC3339),
		Date: m.Published.Format("02.01.2006, 15:04"), Canon: m.URL(s.base(r)), LD: template.JS(ld),
		Paras: strings.Split(doc.Text, "\n\n"),
	}
	// Related: the neighbours in the section listing.
	ids := s.bySection[m.Section]
	at := slices.Index(ids, i)
	for k := max(0, at-relatedLinks/2); k < len(ids) && len(d.Links) < relatedLinks; k++ {
		if k != at {
			d.Links = append(d.Links, s.link(r, ids[k]))
		}
	}
	w.Header().Set("Last-Modified", m.Published.UTC().Format(http.TimeFormat))
	s.render(w, d)
}

func (s *Site) render(w http.ResponseWriter, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTmpl.Execute(w, d); err != nil {
		http.Error(w, "render: "+err.Error(), http.StatusInternalServerError)
	}
}

func (s *Site) sitemapIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n")
	for k := 0; k*sitemapPageSize < len(s.metas); k++ {
		fmt.Fprintf(w, "<sitemap><loc>%s/sitemap-%d.xml</loc></sitemap>\n", s.base(r), k)
	}
	fmt.Fprint(w, "</sitemapindex>\n")
}

func (s *Site) sitemap(w http.ResponseWriter, r *http.Request, k int) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n")
	for i := k * sitemapPageSize; i < min((k+1)*sitemapPageSize, len(s.metas)); i++ {
		m := s.metas[i]
		fmt.Fprintf(w, "<url><loc>%s</loc><lastmod>%s</lastmod></url>\n", m.URL(s.base(r)), m.Published.Format(time.RFC3339))
	}
	fmt.Fprint(w, "</urlset>\n")
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="pl">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
{{- if .Article}}
<link rel="canonical" href="{{.Canon}}">
<meta property="og:type" content="article">
<meta property="og:title" content="{{.Headline}}">
<meta property="article:published_time" content="{{.ISO}}">
<script type="application/ld+json">{{.LD}}</script>
{{- end}}
</head>
<body>
<header class="site-header"><a class="logo" href="/">Serwis regionalny</a>
<nav class="menu"><ul>{{range .Sections}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul></nav>
<div class="cookies">Ta strona używa plików cookie. <button>Akceptuję</button></div>
</header>
<main>
{{- if .Crumbs}}
<nav class="breadcrumb">{{range $i, $c := .Crumbs}}{{if $i}} › {{end}}<a href="{{$c.URL}}">{{$c.Title}}</a>{{end}}</nav>
{{- end}}
{{- if .Article}}
<article>
<h1>{{.Headline}}</h1>
<p class="meta">{{if .Author}}<span class="author">{{.Author}}</span> · {{end}}<time datetime="{{.ISO}}">{{.Date}}</time></p>
<div class="article-body">
{{range .Paras}}<p>{{.}}</p>
{{end}}</div>
</article>
{{- if .Links}}
<aside class="related"><h2>Czytaj także</h2><ul>{{range .Links}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul></aside>
{{- end}}
{{- else}}
<section class="teasers">
{{range .Links}}<div class="teaser"><h2><a href="{{.URL}}">{{.Title}}</a></h2><span class="date">{{.Date}}</span></div>
{{end}}</section>
{{- if .Next}}<a class="next" rel="next" href="{{.Next}}">Następna strona</a>{{end}}
{{- end}}
</main>
<footer>© Serwis regionalny. Wszelkie prawa zastrzeżone. <a href="/">Strona główna</a></footer>
</body>
</html>
`))
