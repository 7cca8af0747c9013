package api

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
)

// newVisitPage parses the /visits page: a table of visit records with the
// filters of /api/v1/visits as a form, for browsers without scripts too.
func newVisitPage() (*template.Template, error) {
	funcs := template.FuncMap{
		"deref": func(s *string) string {
			if s == nil {
				return ""
			}
			return *s
		},
		"days": func(r index.VisitRecord) string {
			switch {
			case r.Start == nil:
				return "—"
			case r.End == nil || *r.End == *r.Start:
				return *r.Start
			}
			return *r.Start + " – " + *r.End
		},
		"day": func(r index.VisitSource) string {
			if r.Published == nil {
				return ""
			}
			return r.Published.Format("2006-01-02")
		},
	}
	t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/visits.html")
	if err != nil {
		return nil, fmt.Errorf("parse template visits.html: %w", err)
	}
	return t, nil
}

// visitLabels name the kinds and statuses of records on the page.
var visitLabels = map[string]string{
	"visit": "wizyta", "meeting": "spotkanie",
	"reported": "relacja", "planned": "zapowiedź", "past": "wspomnienie",
}

// visitsPage answers GET /visits: the records of a visit search, in a
// table, with the search's parameters in the page's form.
func (s *Server) visitsPage(c *gin.Context) {
	q := c.Request.URL.Query()
	req, err := parseVisits(q)
	if err != nil {
		s.fail(c, err)
		return
	}
	req.Facets = nil
	res, err := s.runVisits(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.pages.render(c, http.StatusOK, s.visitPage, map[string]any{
		"Title":  "Wizyty i spotkania",
		"Query":  "",
		"Form":   q,
		"Result": res,
		"Labels": visitLabels,
		"Sort":   req.Sort,
		"Pages":  visitPageLinks(q, res),
	})
}

// visitPageLinks links the pages around the current one.
func visitPageLinks(q url.Values, res *index.VisitResult) []pageLink {
	last := min(int((res.Total+uint64(res.Size)-1)/uint64(res.Size)), index.MaxResultDepth/res.Size)
	if last <= 1 {
		return nil
	}
	var out []pageLink
	for n := max(1, res.Page-4); n <= min(last, res.Page+4); n++ {
		out = append(out, pageLink{Number: n, Link: "/visits?" + with(q, "page", fmt.Sprint(n)).Encode(), Current: n == res.Page})
	}
	return out
}
