package api

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
)

// uiFacets are the facets the search page lists, in order, with labels
// and the parameter a value sets. The months are drawn as a chart
// instead.
var uiFacets = []struct{ Name, Label, Param string }{
	{index.FacetPerson, "Osoby", "person"},
	{index.FacetInstitution, "Instytucje", "institution"},
	{index.FacetPlace, "Miejsca", "place"},
	{index.FacetSite, "Serwisy", "site"},
	{index.FacetCategory, "Działy", "category"},
}

// facetShown is how many values of a facet show before "więcej".
const facetShown = 8

// searchView is the search page.
type searchView struct {
	layout
	listing
	Result    *index.Result
	Hits      []hitView
	Filters   []filterView
	Hidden    []hiddenField
	HistEvent bool
	HistPub   string // links switching the chart
	HistEv    string
	Dates     struct{ From, To, EventFrom, EventTo string }
}

// searchOrders are the orders of the search page.
var searchOrders = []string{index.SortRelevance, index.SortDateDesc, index.SortDate}

// hitView is one hit with its entities as chips.
type hitView struct {
	index.Hit
	Chips []chip
	// More counts the entities left out of Chips.
	More int
}

// chip is an entity shown as a labelled link to its page.
type chip struct {
	Type, Name, Link string
}

// maxChips is how many entities of a hit show as chips.
const maxChips = 8

// facetView is one facet of the sidebar: its first values, the rest
// folded, and the link to all of them.
type facetView struct {
	Name, Label string
	Entity      bool // the values are entities, with pages of their own
	Values      []facetValueView
	Rest        []facetValueView
	AllLink     string
}

// facetValueView is one value of a facet: the link filtering by it (or
// removing the filter), and for an entity its page.
type facetValueView struct {
	Value, Link, Page string
	Count             int
	Active            bool
}

// filterView is an active filter with the link removing it.
type filterView struct {
	Label, Value, RemoveLink, Page string
}

// hiddenField carries a parameter through a form.
type hiddenField struct{ Name, Value string }

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// exportLink is one export button.
type exportLink struct{ Label, Link, Note string }

// filterLabels name the filters of a search, in the order they show.
var filterLabels = []struct{ Param, Label, Type string }{
	{"person", "osoba", index.EntityPerson}, {"institution", "instytucja", index.EntityInstitution},
	{"place", "miejsce", index.EntityPlace}, {"site", "serwis", ""}, {"category", "dział", ""},
	{"from", "opublikowane od", ""}, {"to", "opublikowane do", ""},
	{"event_from", "wydarzenia od", ""}, {"event_to", "wydarzenia do", ""},
}

// searchPage answers GET /: the search form, the hits with their
// entities, the facets, a chart of the hits over time, and export links.
// A refused search shows the reason in Polish on the same page, the
// query kept.
func (s *Server) searchPage(c *gin.Context) {
	raw := c.Request.URL.Query()
	q := trimmed(raw)
	v := &searchView{layout: layout{Title: "Szukaj", Nav: "search", Query: raw.Get("q")}}
	v.HistEvent = q.Get("hist") == "event"
	v.HistPub = link("/", without(q, "hist", "page"))
	v.HistEv = link("/", with(without(q, "page"), "hist", "event"))
	v.Filters, v.Hidden = filterViews(q)
	v.setSorts(raw.Get("sort"), raw.Get("q"), searchOrders...)
	req, err := parseSearch(raw)
	if err == nil {
		v.fillDates(req)
		req.Facets = nil
		for _, f := range uiFacets {
			req.Facets = append(req.Facets, f.Name)
		}
		if v.HistEvent {
			req.Facets = append(req.Facets, index.FacetEventMonth)
		} else {
			req.Facets = append(req.Facets, index.FacetMonth)
		}
		var res *index.Result
		if res, err = s.runSearch(c.Request.Context(), req); err == nil {
			v.fill(q, res)
			s.pages.render(c, http.StatusOK, "search", v)
			return
		}
	}
	if !v.refuse(err, raw.Get("q")) {
		s.fail(c, err)
		return
	}
	// The page is the answer to a query it could not run, not a failed
	// request: browsers log a failed status as an error.
	s.pages.render(c, http.StatusOK, "search", v)
}

// fillDates sets the date inputs from the request's days, so that a
// month or year given as a filter shows as its first or last day.
func (v *searchView) fillDates(req index.Request) {
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	v.Dates.From, v.Dates.To = day(req.From), day(req.To)
	v.Dates.EventFrom, v.Dates.EventTo = day(req.EventFrom), day(req.EventTo)
}

// fill sets what the page shows of a search's result.
func (v *searchView) fill(q url.Values, res *index.Result) {
	v.Result = res
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, newHitView(h))
	}
	v.summarize("/", q, res.Total, len(res.Hits), res.Page, res.Size, nounResult, "Brak wyników.")
	v.Facets = facetViews(q, res)
	if v.HistEvent {
		v.Chart = newChart("Wyniki według miesięcy wydarzeń, o których piszą teksty", res.Facets[index.FacetEventMonth], q, "/", "event_from", "event_to", nounResult)
	} else {
		v.Chart = newChart("Wyniki według miesięcy publikacji", res.Facets[index.FacetMonth], q, "/", "from", "to", nounResult)
	}
	v.setExports("/api/v1/export", q, "jeden artykuł")
}

// newHitView labels a hit's entities as chips, people first.
func newHitView(h index.Hit) hitView {
	v := hitView{Hit: h}
	for _, g := range []struct {
		typ   string
		names []string
	}{{index.EntityPerson, h.People}, {index.EntityInstitution, h.Institutions}, {index.EntityPlace, h.Places}} {
		for _, n := range g.names {
			if len(v.Chips) == maxChips {
				v.More++
				continue
			}
			v.Chips = append(v.Chips, chip{Type: g.typ, Name: n, Link: entityURL(g.typ, n)})
		}
	}
	return v
}

// facetViews lists the sidebar's facets: each value links to the search
// narrowed by it, or widened again when it is an active filter.
func facetViews(q url.Values, res *index.Result) []facetView {
	var out []facetView
	for _, f := range uiFacets {
		vals := res.Facets[f.Name]
		if len(vals) == 0 {
			continue
		}
		entity := typeLabels[f.Name] != ""
		fv := facetView{Name: f.Name, Label: f.Label, Entity: entity}
		for _, v := range vals {
			vv := facetValueLink(q, "/", f.Param, v)
			if entity {
				vv.Page = entityURL(f.Name, v.Value)
			}
			fv.add(vv)
		}
		if len(vals) >= facetShown {
			fv.AllLink = link("/facet/"+f.Name, without(q, "page"))
		}
		out = append(out, fv)
	}
	return out
}

// facetValueLink is the link of one facet value: path with the filter
// param=value added, or removed when it is already on.
func facetValueLink(q url.Values, path, param string, v index.FacetValue) facetValueView {
	active := false
	for _, cur := range q[param] {
		active = active || cur == v.Value
	}
	next := without(q, "page")
	if active {
		next[param] = remove(next[param], v.Value)
	} else {
		next.Add(param, v.Value)
	}
	return facetValueView{Value: v.Value, Count: v.Count, Link: link(path, next), Active: active}
}

// remove returns vs without v.
func remove(vs []string, v string) []string {
	var out []string
	for _, cur := range vs {
		if cur != v {
			out = append(out, cur)
		}
	}
	return out
}

// filterViews lists the active filters with links removing each, and the
// hidden fields that keep the entity, site and category filters and the
// chart's choice through a new query of the search form.
func filterViews(q url.Values) ([]filterView, []hiddenField) {
	var out []filterView
	var hidden []hiddenField
	for _, f := range filterLabels {
		for _, v := range q[f.Param] {
			rest := without(q, "page")
			rest[f.Param] = remove(q[f.Param], v)
			fv := filterView{Label: f.Label, Value: v, RemoveLink: link("/", rest)}
			if f.Type != "" {
				fv.Page = entityURL(f.Type, v)
			}
			out = append(out, fv)
			if f.Param != "from" && f.Param != "to" && f.Param != "event_from" && f.Param != "event_to" {
				hidden = append(hidden, hiddenField{f.Param, v})
			}
		}
	}
	if h := q.Get("hist"); h != "" {
		hidden = append(hidden, hiddenField{"hist", h})
	}
	return out, hidden
}

// facetPageView is the list of every value of one facet of a search.
type facetPageView struct {
	layout
	Label, Name string
	Entity      bool
	Contains    string
	Hidden      []hiddenField
	Values      []facetValueView
	Back        string
	Limit       int
}

// facetPage answers GET /facet/{name}: up to index.MaxFacetPage values of
// a facet of the search the query parameters describe, filtered by the
// words of contains, each linking to the search narrowed by it.
func (s *Server) facetPage(c *gin.Context) {
	raw := c.Request.URL.Query()
	q := trimmed(raw)
	name := c.Param("name")
	var param, label string
	for _, f := range uiFacets {
		if f.Name == name {
			param, label = f.Param, f.Label
		}
	}
	if param == "" {
		s.respondError(c, http.StatusNotFound, "no such facet: "+truncate(name, 40))
		return
	}
	req, err := parseSearch(raw)
	if err != nil {
		s.fail(c, err)
		return
	}
	contains := q.Get("contains")
	vals, err := bounded(c.Request.Context(), "facet", func(ctx context.Context) ([]index.FacetValue, error) {
		return s.ix.FacetValues(ctx, req, name, contains, index.MaxFacetPage)
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	search := without(q, "contains", "page")
	v := &facetPageView{
		layout: layout{Title: label, Nav: "search", Query: q.Get("q"), HeaderSearch: true},
		Label:  label, Name: name, Entity: typeLabels[name] != "", Contains: contains,
		Back: link("/", search), Limit: index.MaxFacetPage,
	}
	for _, k := range slices.Sorted(maps.Keys(search)) {
		for _, val := range search[k] {
			v.Hidden = append(v.Hidden, hiddenField{k, val})
		}
	}
	for _, val := range vals {
		vv := facetValueLink(search, "/", param, val)
		if v.Entity {
			vv.Page = entityURL(name, val.Value)
		}
		v.Values = append(v.Values, vv)
	}
	s.pages.render(c, http.StatusOK, "facet", v)
}
