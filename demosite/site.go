package demosite

import (
	"cmp"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"time"
)

//go:embed content
var contentFS embed.FS

//go:embed templates
var templateFS embed.FS

// Site is the whole sample site: its outlets and their articles.
type Site struct {
	outlets []*Outlet
}

// Outlet is one news outlet of the sample site.
type Outlet struct {
	// Name is the outlet's short host-like name, used as the site name
	// when crawling, e.g. "kurier-nadwislanski".
	Name string
	// Title is the outlet's display name, e.g. "Kurier Nadwiślański".
	Title string
	// Description is a one-line description printed in page headers.
	Description string
	// Template names the page layout: "legacy", "modern" or "bip".
	Template string
	// Charset is the character encoding of the outlet's HTML pages, as
	// sent in Content-Type: "utf-8" or "windows-1250".
	Charset string

	articles []Article // newest first
	byPath   map[string]int
	related  [][]int // indexes into articles, per article
	style    style
	tmpl     *template.Template
}

// Load parses the embedded content and templates. Errors name the content
// file and line at fault. Each call returns a new, independent Site.
func Load() (*Site, error) {
	loc, err := warsaw()
	if err != nil {
		return nil, err
	}
	file := path.Join(contentRoot, "outlets.txt")
	data, err := fs.ReadFile(contentFS, file)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	specs, err := parseOutlets(file, data)
	if err != nil {
		return nil, err
	}
	s := &Site{}
	for _, spec := range specs {
		if s.Outlet(spec.name) != nil {
			return nil, parseError(file, spec.line, "outlet %q listed twice", spec.name)
		}
		o, err := newOutlet(spec, loc)
		if err != nil {
			return nil, parseError(file, spec.line, "%v", err)
		}
		s.outlets = append(s.outlets, o)
	}
	if err := s.attachVisits(); err != nil {
		return nil, err
	}
	return s, nil
}

// newOutlet loads the articles and the templates of one outlet.
func newOutlet(spec outletSpec, loc *time.Location) (*Outlet, error) {
	st, err := styleFor(spec.template)
	if err != nil {
		return nil, err
	}
	articles, err := loadArticles(contentFS, spec.name, loc)
	if err != nil {
		return nil, err
	}
	o := &Outlet{
		Name:        spec.name,
		Title:       spec.title,
		Description: spec.description,
		Template:    spec.template,
		Charset:     st.charset,
		articles:    articles,
		byPath:      make(map[string]int, len(articles)),
		style:       st,
	}
	for i := range o.articles {
		a := &o.articles[i]
		a.Path = st.articlePath(*a)
		if _, dup := o.byPath[a.Path]; dup {
			return nil, fmt.Errorf("outlet %s: two articles at %s", o.Name, a.Path)
		}
		o.byPath[a.Path] = i
	}
	o.related = relate(o.articles, relatedCount)
	o.tmpl, err = template.New(spec.template).Funcs(templateFuncs()).ParseFS(templateFS, "templates/"+spec.template+".html")
	if err != nil {
		return nil, fmt.Errorf("parse %s templates: %w", spec.template, err)
	}
	return o, nil
}

// Outlets returns the outlets in the order content/outlets.txt lists them.
func (s *Site) Outlets() []*Outlet {
	return slices.Clone(s.outlets)
}

// Outlet returns the outlet with the given name, or nil.
func (s *Site) Outlet(name string) *Outlet {
	for _, o := range s.outlets {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// Articles returns every article of every outlet, outlet by outlet in the
// order of Outlets, newest first within an outlet.
func (s *Site) Articles() []Article {
	var all []Article
	for _, o := range s.outlets {
		all = append(all, o.Articles()...)
	}
	return all
}

// Articles returns the outlet's articles, newest first. The slices inside
// are shared with the outlet and must not be modified.
func (o *Outlet) Articles() []Article {
	return slices.Clone(o.articles)
}

// Handler returns the HTTP handler that serves the outlet: front page,
// listings, articles, robots.txt, sitemap.xml, and 404 for the rest.
func (o *Outlet) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", o.serveRobots)
	mux.HandleFunc("GET /sitemap.xml", o.serveSitemap)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { o.serveList(w, r, 1) })
	o.style.routes(o, mux)
	mux.HandleFunc("/", o.serveArticle)
	return mux
}

// relatedCount is how many related articles each article page links to.
const relatedCount = 3

// relate picks, for each article, the n others that share the most people
// and institutions with it, the nearest in time first among equals.
func relate(articles []Article, n int) [][]int {
	out := make([][]int, len(articles))
	for i, a := range articles {
		type cand struct {
			j, score int
			gap      time.Duration
		}
		var cands []cand
		for j, b := range articles {
			if i == j {
				continue
			}
			score := 2*shared(a.People, b.People) + shared(a.Institutions, b.Institutions)
			gap := a.Published.Sub(b.Published).Abs()
			cands = append(cands, cand{j, score, gap})
		}
		slices.SortFunc(cands, func(x, y cand) int {
			if x.score != y.score {
				return y.score - x.score
			}
			if c := cmp.Compare(x.gap, y.gap); c != 0 {
				return c
			}
			return x.j - y.j
		})
		for _, c := range cands[:min(n, len(cands))] {
			out[i] = append(out[i], c.j)
		}
	}
	return out
}

// shared counts the names in both a and b.
func shared(a, b []string) int {
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}
