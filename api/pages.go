package api

import (
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
)

//go:embed templates/*.html
var templateFS embed.FS

// uiFacets are the facets the search page shows, in order, with labels.
var uiFacets = []struct{ Name, Label, Param string }{
	{index.FacetPerson, "Osoby", "person"},
	{index.FacetInstitution, "Instytucje", "institution"},
	{index.FacetPlace, "Miejsca", "place"},
	{index.FacetSite, "Serwisy", "site"},
	{index.FacetCategory, "Działy", "category"},
	{index.FacetMonth, "Miesiąc publikacji", ""},
}

// pages renders the server-side web UI.
type pages struct {
	search, document, errorPage *template.Template
}

func newPages() (*pages, error) {
	funcs := template.FuncMap{
		// snippet marks text that index.Search already escaped; only <mark>
		// survives as markup.
		"snippet": func(s string) template.HTML { return template.HTML(s) },
		"date": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.Format("2006-01-02 15:04")
		},
		"day": func(t time.Time) string { return t.Format("2006-01-02 15:04:05 MST") },
		"deref": func(s *string) string {
			if s == nil {
				return ""
			}
			return *s
		},
	}
	parse := func(name string) (*template.Template, error) {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		return t, nil
	}
	var p pages
	var err error
	if p.search, err = parse("search.html"); err != nil {
		return nil, err
	}
	if p.document, err = parse("document.html"); err != nil {
		return nil, err
	}
	if p.errorPage, err = parse("error.html"); err != nil {
		return nil, err
	}
	return &p, nil
}

func (p *pages) render(c *gin.Context, status int, t *template.Template, data any) {
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(status, "text/html; charset=utf-8", []byte(b.String()))
}

func (p *pages) renderError(c *gin.Context, status int, message string) {
	p.render(c, status, p.errorPage, map[string]any{"Title": http.StatusText(status), "Status": status, "Message": message})
	c.Abort()
}

// facetView is one facet as the page shows it.
type facetView struct {
	Label  string
	Values []facetValueView
}

type facetValueView struct {
	Value, Link string
	Count       int
	Active      bool
}

type filterView struct {
	Label, Value, RemoveLink string
}

type pageLink struct {
	Number  int
	Link    string
	Current bool
}

func (s *Server) searchPage(c *gin.Context) {
	q := c.Request.URL.Query()
	req, err := parseSearch(q)
	if err != nil {
		s.fail(c, err)
		return
	}
	req.Facets = nil
	for _, f := range uiFacets {
		req.Facets = append(req.Facets, f.Name)
	}
	res, err := s.runSearch(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	data := map[string]any{
		"Title":   "Kronika",
		"Query":   req.Query,
		"Result":  res,
		"Facets":  facetViews(q, res),
		"Filters": filterViews(q),
		"Pages":   pageLinks(q, res),
		"Sort":    req.Sort,
	}
	s.pages.render(c, http.StatusOK, s.pages.search, data)
}

func facetViews(q url.Values, res *index.Result) []facetView {
	var out []facetView
	for _, f := range uiFacets {
		vals := res.Facets[f.Name]
		if len(vals) == 0 {
			continue
		}
		fv := facetView{Label: f.Label}
		for _, v := range vals {
			var link url.Values
			active := false
			if f.Param == "" { // month: a date range
				link = with(q, "from", v.Value)
				link.Set("to", v.Value)
				active = q.Get("from") == v.Value && q.Get("to") == v.Value
			} else {
				for _, cur := range q[f.Param] {
					active = active || cur == v.Value
				}
				link = with(q, "", "")
				if !active {
					link.Add(f.Param, v.Value)
				}
			}
			link.Del("page")
			fv.Values = append(fv.Values, facetValueView{Value: v.Value, Count: v.Count, Link: "/?" + link.Encode(), Active: active})
		}
		out = append(out, fv)
	}
	return out
}

var filterLabels = []struct{ Param, Label string }{
	{"person", "osoba"}, {"institution", "instytucja"}, {"place", "miejsce"}, {"site", "serwis"},
	{"category", "dział"}, {"from", "od"}, {"to", "do"}, {"event_from", "wydarzenia od"}, {"event_to", "wydarzenia do"},
}

func filterViews(q url.Values) []filterView {
	var out []filterView
	for _, f := range filterLabels {
		for _, v := range q[f.Param] {
			if strings.TrimSpace(v) == "" {
				continue
			}
			rest := with(q, "", "")
			rest.Del("page")
			var keep []string
			for _, cur := range q[f.Param] {
				if cur != v {
					keep = append(keep, cur)
				}
			}
			rest[f.Param] = keep
			out = append(out, filterView{Label: f.Label, Value: v, RemoveLink: "/?" + rest.Encode()})
		}
	}
	return out
}

func pageLinks(q url.Values, res *index.Result) []pageLink {
	last := int((res.Total + uint64(res.Size) - 1) / uint64(res.Size))
	if last > index.MaxResultDepth/res.Size {
		last = index.MaxResultDepth / res.Size
	}
	if last <= 1 {
		return nil
	}
	var out []pageLink
	for n := max(1, res.Page-4); n <= min(last, res.Page+4); n++ {
		out = append(out, pageLink{Number: n, Link: "/?" + with(q, "page", fmt.Sprint(n)).Encode(), Current: n == res.Page})
	}
	return out
}

// with returns a copy of q with key set to value (key "" copies only).
func with(q url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range q {
		out[k] = append([]string(nil), vs...)
	}
	if key != "" {
		out.Set(key, value)
	}
	return out
}

func (s *Server) documentPage(c *gin.Context) {
	id := c.Param("id")
	if !validID(id) {
		s.respondError(c, http.StatusNotFound, "no such document")
		return
	}
	d, err := s.ix.Get(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.pages.render(c, http.StatusOK, s.pages.document, map[string]any{
		"Title":      d.Title,
		"Doc":        d,
		"Paragraphs": strings.Split(d.Text, "\n\n"),
	})
}
