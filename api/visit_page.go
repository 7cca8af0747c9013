package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// visitLabels name the kinds and statuses of records on the pages.
var visitLabels = map[string]string{
	news.KindVisit: "wizyta", news.KindMeeting: "spotkanie",
	news.StatusReported: "relacja", news.StatusPlanned: "zapowiedź", news.StatusPast: "wspomnienie",
}

// visitUIFacets are the facets of the visits page, with labels, the
// parameter a value sets and the entity type of its values ("party" for
// visitors and hosts, which may be people or institutions).
var visitUIFacets = []struct{ Name, Label, Param, Type string }{
	{index.VisitFacetVisitor, "Odwiedzający", "visitor", partyType},
	{index.VisitFacetHost, "Gospodarze", "host", partyType},
	{index.VisitFacetOrigin, "Skąd", "from_place", index.EntityPlace},
	{index.VisitFacetPlace, "Miejsce", "place", index.EntityPlace},
	{index.VisitFacetKind, "Rodzaj", "kind", ""},
	{index.VisitFacetStatus, "Status", "status", ""},
}

// visitsView is the visits page.
type visitsView struct {
	layout
	listing
	Form url.Values
	// FiltersSet opens the form's folded fields on phones when one of
	// them is in use.
	FiltersSet bool
	Result     *index.VisitResult
	Rows       []visitTableRow
	Dates      struct{ From, To string }
}

// visitOrders are the orders of the visits page.
var visitOrders = []string{index.SortDateDesc, index.SortDate, index.SortRelevance}

// visitTableRow is one record as the pages list it.
type visitTableRow struct {
	ID, Link, Days, Kind, Status string
	Visitors, Hosts              []chip
	From, Place                  *chip
	Snippet                      string
	Sources                      []sourceRef
}

// sourceRef links one source of a record to its document, with the
// evidence sentence marked.
type sourceRef struct {
	Title, Site, Link, URL string
	Published              string
}

// newVisitRow prepares a record for a table: its parties and places as
// chips linking to their pages, its sources linking to their documents
// with the evidence marked.
func newVisitRow(r index.VisitRecord) visitTableRow {
	row := visitTableRow{
		ID: r.ID, Link: "/visits/" + r.ID, Days: polishDays(deref(r.Start), deref(r.End)),
		Kind: visitLabels[r.Kind], Status: visitLabels[r.Status],
	}
	for _, n := range r.Visitors {
		row.Visitors = append(row.Visitors, chip{Type: partyType, Name: n, Link: entityURL(partyType, n)})
	}
	for _, n := range r.Hosts {
		row.Hosts = append(row.Hosts, chip{Type: partyType, Name: n, Link: entityURL(partyType, n)})
	}
	if r.VisitorFrom != nil {
		row.From = &chip{Type: index.EntityPlace, Name: *r.VisitorFrom, Link: entityURL(index.EntityPlace, *r.VisitorFrom)}
	}
	if r.Place != nil {
		row.Place = &chip{Type: index.EntityPlace, Name: *r.Place, Link: entityURL(index.EntityPlace, *r.Place)}
	}
	for _, s := range r.Sources {
		ref := sourceRef{Title: s.Title, Site: s.Site, URL: s.URL, Link: evidenceLink(s.DocumentID, s.Evidence)}
		if ref.Title == "" {
			ref.Title = s.URL
		}
		if s.Published != nil {
			ref.Published = polishDay(*s.Published)
		}
		row.Sources = append(row.Sources, ref)
	}
	return row
}

// evidenceLink is the address of a document with an evidence sentence
// marked and scrolled to.
func evidenceLink(docID string, e news.Evidence) string {
	if e.End <= e.Start {
		return "/doc/" + docID
	}
	return "/doc/" + docID + "?ev=" + strconv.Itoa(e.Start) + "-" + strconv.Itoa(e.End) + "#dowod"
}

// visitsPage answers GET /visits: the records of a visit search in a
// table, with the search's parameters in a form that works without
// scripts, its facets, a chart of the event months and export links.
func (s *Server) visitsPage(c *gin.Context) {
	raw := c.Request.URL.Query()
	q := trimmed(raw)
	v := &visitsView{layout: layout{Title: "Wizyty i spotkania", Nav: "visits", HeaderSearch: true}, Form: raw}
	for _, k := range []string{"party", "visitor", "host", "from_place", "place", "from", "to", "kind", "status", "sort"} {
		v.FiltersSet = v.FiltersSet || q.Get(k) != ""
	}
	v.setSorts(raw.Get("sort"), raw.Get("q"), visitOrders...)
	req, err := parseVisits(raw)
	if err == nil {
		if req.From != nil {
			v.Dates.From = req.From.Format("2006-01-02")
		}
		if req.To != nil {
			v.Dates.To = req.To.Format("2006-01-02")
		}
		req.Facets = index.VisitFacetNames()
		var res *index.VisitResult
		if res, err = s.runVisits(c.Request.Context(), req); err == nil {
			v.fill(q, res)
			s.pages.render(c, http.StatusOK, "visits", v)
			return
		}
	}
	if !v.refuse(err, raw.Get("q")) {
		s.fail(c, err)
		return
	}
	s.pages.render(c, http.StatusOK, "visits", v) // as searchPage's
}

// fill sets what the visits page shows of a result.
func (v *visitsView) fill(q url.Values, res *index.VisitResult) {
	v.Result = res
	for _, h := range res.Visits {
		row := newVisitRow(h.VisitRecord)
		row.Snippet = h.Snippet
		v.Rows = append(v.Rows, row)
	}
	v.summarize("/visits", q, res.Total, len(res.Visits), res.Page, res.Size, nounRecord, "Brak wizyt i spotkań dla tych warunków.")
	for _, f := range visitUIFacets {
		vals := res.Facets[f.Name]
		if len(vals) == 0 {
			continue
		}
		fv := facetView{Name: f.Name, Label: f.Label, Entity: f.Type != ""}
		for _, val := range vals {
			vv := facetValueLink(q, "/visits", f.Param, val)
			if f.Type != "" {
				vv.Page = entityURL(f.Type, val.Value)
			} else {
				vv.Value = visitLabels[val.Value]
			}
			fv.add(vv)
		}
		v.Facets = append(v.Facets, fv)
	}
	v.Chart = newChart("Wizyty i spotkania według miesięcy wydarzeń", res.Facets[index.VisitFacetEventMonth], q, "/visits", "from", "to", nounRecord)
	v.setExports("/api/v1/visits/export", q, "jeden rekord")
}

// visitView is the page of one record.
type visitView struct {
	layout
	Row     visitTableRow
	Record  *index.VisitRecord
	Sources []visitSourceView
}

// visitSourceView is one article's report of a record.
type visitSourceView struct {
	index.VisitSource
	Link, Days, Status, Kind string
	Visitors, Hosts          []chip
	Archive                  string
}

// visitPage answers GET /visits/{id}: one record, each source with what
// it states, its evidence sentence and links to the article (the
// sentence marked) and to its archived copy.
func (s *Server) visitPage(c *gin.Context) {
	id := c.Param("id")
	if !validID(id) {
		s.respondError(c, http.StatusNotFound, "no visit record with id "+truncate(id, 40))
		return
	}
	r, err := bounded(c.Request.Context(), "visit", func(ctx context.Context) (*index.VisitRecord, error) { return s.ix.Visit(ctx, id) })
	if err != nil {
		s.fail(c, err)
		return
	}
	row := newVisitRow(*r)
	v := &visitView{layout: layout{Title: row.Kind + " " + row.Days, Nav: "visits", HeaderSearch: true}, Row: row, Record: r}
	for _, src := range r.Sources {
		sv := visitSourceView{
			VisitSource: src, Link: evidenceLink(src.DocumentID, src.Evidence),
			Days: polishDays(deref(src.Start), deref(src.End)), Status: visitLabels[src.Status], Kind: visitLabels[src.Kind],
		}
		for _, n := range src.Visitors {
			sv.Visitors = append(sv.Visitors, chip{Type: partyType, Name: n, Link: entityURL(partyType, n)})
		}
		for _, n := range src.Hosts {
			sv.Hosts = append(sv.Hosts, chip{Type: partyType, Name: n, Link: entityURL(partyType, n)})
		}
		if src.Capture != nil {
			sv.Archive = "/doc/" + src.DocumentID + "/capture/latest"
		}
		v.Sources = append(v.Sources, sv)
	}
	s.pages.render(c, http.StatusOK, "visit", v)
}

// partyType is the entity "type" of a visit's party in the pages'
// links: a record does not tell people from institutions, so its
// address asks the server to find which it is.
const partyType = "party"

// partyPage answers GET /entity/party/{name}: a redirect to the page of
// the person of that name, else of the institution.
func (s *Server) partyPage(c *gin.Context, name string) {
	for _, typ := range []string{index.EntityPerson, index.EntityInstitution} {
		req, err := parseSearch(entityFilter(typ, name))
		if err != nil {
			s.fail(c, err)
			return
		}
		req.Size = 1
		res, err := s.runSearch(c.Request.Context(), req)
		if err != nil {
			s.fail(c, err)
			return
		}
		if res.Total > 0 {
			c.Redirect(http.StatusFound, entityURL(typ, name))
			return
		}
	}
	s.respondError(c, http.StatusNotFound, "no document names "+truncate(name, 80))
}
