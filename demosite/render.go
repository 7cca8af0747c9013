package demosite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// pageData is what every page template receives.
type pageData struct {
	Outlet *Outlet
	// Base is the scheme and host the request came in on, without a
	// trailing slash: every absolute URL starts with it.
	Base string
	// Title is the page title without the site's suffix.
	Title string
	// Canonical is the absolute URL of the page.
	Canonical string

	// Article pages.
	Article    *Article
	Related    []*Article
	Prev, Next *Article // neighbours in publication order (older, newer)
	JSONLD     any

	// Listings.
	Items   []*Article
	Pager   *pager
	Section string

	// Latest lists the newest articles for sidebars.
	Latest []*Article
	// Query is the search phrase of a search page.
	Query string
}

// pager describes the pagination of a listing.
type pager struct {
	Page, Pages int
	Links       []pageLink
	PrevURL     string
	NextURL     string
}

// pageLink is one numbered link of a pager.
type pageLink struct {
	N       int
	URL     string
	Current bool
}

// pages returns the number of listing pages of the outlet.
func (o *Outlet) pages() int {
	return (len(o.articles) + o.style.pageSize - 1) / o.style.pageSize
}

// newPager builds the pager of listing page n.
func (o *Outlet) newPager(n int) *pager {
	p := &pager{Page: n, Pages: o.pages()}
	for i := 1; i <= p.Pages; i++ {
		p.Links = append(p.Links, pageLink{N: i, URL: o.style.listPath(i), Current: i == n})
	}
	if n > 1 {
		p.PrevURL = o.style.listPath(n - 1)
	}
	if n < p.Pages {
		p.NextURL = o.style.listPath(n + 1)
	}
	return p
}

// base returns the scheme and host of r.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// newPage returns the page data common to every page of o.
func (o *Outlet) newPage(r *http.Request, title string) pageData {
	d := pageData{Outlet: o, Base: base(r), Title: title}
	d.Canonical = d.Base + r.URL.RequestURI()
	for i := range o.articles[:min(5, len(o.articles))] {
		d.Latest = append(d.Latest, &o.articles[i])
	}
	return d
}

// contentType is the Content-Type of the outlet's HTML pages.
func (o *Outlet) contentType() string {
	return "text/html; charset=" + o.Charset
}

// execute renders template name and encodes it in the outlet's charset.
func (o *Outlet) execute(name string, d pageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := o.tmpl.ExecuteTemplate(&buf, name, d); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	if o.Charset != "windows-1250" {
		return buf.Bytes(), nil
	}
	// Characters outside windows-1250 (è in Liège) become numeric
	// character references, as legacy CMSs write them.
	enc := encoding.HTMLEscapeUnsupported(charmap.Windows1250.NewEncoder())
	out, err := enc.Bytes(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("encode %s as windows-1250: %w", name, err)
	}
	return out, nil
}

// render serves template name with status 200, answering conditional
// requests from the ETag and modtime.
func (o *Outlet) render(w http.ResponseWriter, r *http.Request, name string, d pageData, modtime time.Time) {
	body, err := o.execute(name, d)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(body)
	w.Header().Set("Content-Type", o.contentType())
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	http.ServeContent(w, r, "", modtime, bytes.NewReader(body))
}

// renderStatus serves template name with a status other than 200.
func (o *Outlet) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, d pageData) {
	body, err := o.execute(name, d)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", o.contentType())
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client went away; nothing to do
	}
}

// notFound serves the outlet's 404 page.
func (o *Outlet) notFound(w http.ResponseWriter, r *http.Request) {
	o.renderStatus(w, r, http.StatusNotFound, "notfound", o.newPage(r, "Nie znaleziono strony"))
}

// serveList serves listing page n, or 404 when there is no such page.
func (o *Outlet) serveList(w http.ResponseWriter, r *http.Request, n int) {
	if n < 1 || n > o.pages() {
		o.notFound(w, r)
		return
	}
	title := "Aktualności"
	if n > 1 {
		title = fmt.Sprintf("Aktualności – strona %d", n)
	}
	d := o.newPage(r, title)
	d.Pager = o.newPager(n)
	from := (n - 1) * o.style.pageSize
	for i := from; i < min(from+o.style.pageSize, len(o.articles)); i++ {
		d.Items = append(d.Items, &o.articles[i])
	}
	o.render(w, r, "list", d, d.Items[0].Published)
}

// servePage parses a page number ("" is page 1) and serves that listing.
func (o *Outlet) servePage(w http.ResponseWriter, r *http.Request, s string) {
	if s == "" {
		o.serveList(w, r, 1)
		return
	}
	n, err := strconv.Atoi(s)
	if err != nil || strconv.Itoa(n) != s {
		o.notFound(w, r)
		return
	}
	o.serveList(w, r, n)
}

// serveArticle serves the article at the request's path, or 404.
func (o *Outlet) serveArticle(w http.ResponseWriter, r *http.Request) {
	i, ok := o.byPath[r.URL.Path]
	if !ok {
		o.notFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	a := &o.articles[i]
	d := o.newPage(r, a.Title)
	d.Canonical = d.Base + a.Path
	d.Article = a
	for _, j := range o.related[i] {
		d.Related = append(d.Related, &o.articles[j])
	}
	if i+1 < len(o.articles) {
		d.Prev = &o.articles[i+1]
	}
	if i > 0 {
		d.Next = &o.articles[i-1]
	}
	d.JSONLD = newsArticleLD(o, a, d.Canonical)
	o.render(w, r, "article", d, a.Published)
}

// serveSearch serves the outlet's search page: the articles whose text
// contains the phrase in the style's search parameter. robots.txt keeps
// crawlers out of it.
func (o *Outlet) serveSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get(o.style.searchParam))
	d := o.newPage(r, "Wyszukiwarka")
	d.Query = q
	if q != "" {
		needle := strings.ToLower(q)
		for i := range o.articles {
			if strings.Contains(strings.ToLower(o.articles[i].Text()), needle) {
				d.Items = append(d.Items, &o.articles[i])
			}
		}
	}
	o.renderStatus(w, r, http.StatusOK, "search", d)
}

// serveSection lists every article of one section, or 404 when the
// section has none.
func (o *Outlet) serveSection(w http.ResponseWriter, r *http.Request, slug string) {
	d := o.newPage(r, "")
	for i := range o.articles {
		if sectionSlug(o.articles[i].Section) == slug {
			d.Items = append(d.Items, &o.articles[i])
		}
	}
	if len(d.Items) == 0 {
		o.notFound(w, r)
		return
	}
	d.Section = d.Items[0].Section
	d.Title = d.Section
	o.render(w, r, "section", d, d.Items[0].Published)
}

// Sections returns the outlet's sections, in the order their newest
// articles appear.
func (o *Outlet) Sections() []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range o.articles {
		if !seen[a.Section] {
			seen[a.Section] = true
			out = append(out, a.Section)
		}
	}
	return out
}

// sectionSlug turns a section name into a URL path segment.
func sectionSlug(section string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(section) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune("ąćęłńóśźż", r):
			b.WriteString(asciiLetter(r))
		default:
			if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// asciiLetter returns the ASCII base letter of a lower-case Polish letter.
func asciiLetter(r rune) string {
	const from, to = "ąćęłńóśźż", "acelnoszz"
	for i, p := range []rune(from) {
		if p == r {
			return to[i : i+1]
		}
	}
	return string(r)
}

// serveRobots serves robots.txt: the outlet's Disallow rules and its
// sitemap, at the host the request came in on.
func (o *Outlet) serveRobots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for _, p := range o.style.disallow {
		b.WriteString("Disallow: " + p + "\n")
	}
	b.WriteString("\nSitemap: " + base(r) + "/sitemap.xml\n")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	http.ServeContent(w, r, "", time.Time{}, strings.NewReader(b.String()))
}

// sitemapURL is one <url> of sitemap.xml.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// urlset is the root of sitemap.xml.
type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

// serveSitemap serves sitemap.xml listing every article with its
// publication time as <lastmod>.
func (o *Outlet) serveSitemap(w http.ResponseWriter, r *http.Request) {
	set := urlset{}
	b := base(r)
	for _, a := range o.articles {
		set.URLs = append(set.URLs, sitemapURL{Loc: b + a.Path, LastMod: a.Published.Format(time.RFC3339)})
	}
	out, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	body := append([]byte(xml.Header), out...)
	body = append(body, '\n')
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	http.ServeContent(w, r, "", o.articles[0].Published, bytes.NewReader(body))
}

// newsArticleLD is the schema.org NewsArticle of a, for JSON-LD.
func newsArticleLD(o *Outlet, a *Article, url string) map[string]any {
	return map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"description":      a.Lead,
		"datePublished":    a.Published.Format(time.RFC3339),
		"articleSection":   a.Section,
		"inLanguage":       "pl-PL",
		"mainEntityOfPage": url,
		"author":           map[string]any{"@type": "Person", "name": a.Author},
		"publisher":        map[string]any{"@type": "Organization", "name": o.Title},
	}
}

// monthGenitive returns the Polish name of m in the genitive, as dates are
// written ("5 marca 2019 r.").
func monthGenitive(m time.Month) string {
	return strings.Fields("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia")[m-1]
}

// templateFuncs are the functions the page templates use.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"numdate":  func(t time.Time) string { return t.Format("02.01.2006") },
		"clock":    func(t time.Time) string { return t.Format("15:04") },
		"isodate":  func(t time.Time) string { return t.Format("2006-01-02") },
		"datetime": func(t time.Time) string { return t.Format("2006-01-02 15:04") },
		"rfc3339":  func(t time.Time) string { return t.Format(time.RFC3339) },
		"pldate": func(t time.Time) string {
			return fmt.Sprintf("%d %s %d r.", t.Day(), monthGenitive(t.Month()), t.Year())
		},
		// attr writes name="value" unescaped but for HTML's own specials,
		// so that "+01:00" in a date stays a literal plus sign.
		"attr": func(name, value string) template.HTMLAttr {
			return template.HTMLAttr(name + `="` + html.EscapeString(value) + `"`)
		},
		"sectionSlug": sectionSlug,
		"bipID":       bipID,
	}
}
