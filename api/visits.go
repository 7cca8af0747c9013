package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// visitScalars and visitLists are the query parameters of /api/v1/visits,
// its export and the /visits page.
var (
	visitScalars = []string{"q", "from", "to", "sort", "page", "size", "format", "bom"}
	visitLists   = []string{"visitor", "host", "from_place", "place", "party", "kind", "status", "facets"}
)

// parseVisits reads a visit search from URL query parameters. kind,
// status and facets may be repeated or given as comma lists.
func parseVisits(q url.Values) (index.VisitRequest, error) {
	var req index.VisitRequest
	if err := checkParams(q, visitScalars, visitLists); err != nil {
		return req, err
	}
	req.Query = q.Get("q")
	req.Visitors = nonEmpty(q["visitor"])
	req.Hosts = nonEmpty(q["host"])
	req.Origins = nonEmpty(q["from_place"])
	req.Places = nonEmpty(q["place"])
	req.Parties = nonEmpty(q["party"])
	req.Kinds = commaList(q["kind"])
	req.Statuses = commaList(q["status"])
	req.Facets = commaList(q["facets"])
	req.Sort = q.Get("sort")
	var err error
	if req.Page, err = countParam(q, "page", 0); err != nil {
		return req, err
	}
	if req.Size, err = countParam(q, "size", index.MaxSize); err != nil {
		return req, err
	}
	if req.From, err = index.ParseDay("from", q.Get("from"), false); err != nil {
		return req, err
	}
	if req.To, err = index.ParseDay("to", q.Get("to"), true); err != nil {
		return req, err
	}
	return req, nil
}

// commaList splits repeated, comma-separated values and drops empty ones.
func commaList(vs []string) []string {
	var out []string
	for _, v := range vs {
		out = append(out, nonEmpty(strings.Split(v, ","))...)
	}
	return out
}

// visits answers GET /api/v1/visits: visit records matching a query over
// their evidence and filters on their parties, place and days. The last
// visit of X to Y is visitor=X&place=Y&sort=-date&size=1.
func (s *Server) visits(c *gin.Context) {
	req, err := parseVisits(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.runVisits(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// runVisits runs req, answering by the request's deadline (bounded).
func (s *Server) runVisits(ctx context.Context, req index.VisitRequest) (*index.VisitResult, error) {
	return bounded(ctx, "visit search", func(ctx context.Context) (*index.VisitResult, error) { return s.ix.Visits(ctx, req) })
}

// visit answers GET /api/v1/visits/{id}: one record with its sources.
func (s *Server) visit(c *gin.Context) {
	id := c.Param("id")
	if !validID(id) {
		s.fail(c, news.Errorf(news.ENotFound, "no visit record with id %q; ids are 32 hex characters", truncate(id, 40)))
		return
	}
	r, err := bounded(c.Request.Context(), "visit", func(ctx context.Context) (*index.VisitRecord, error) { return s.ix.Visit(ctx, id) })
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

// entityAnswer is the answer of GET /api/v1/entities/{type}/{name}: the
// entity page and its visits.
type entityAnswer struct {
	*index.EntityPage
	Visits *index.EntityVisits `json:"visits"`
}

// entityWithVisits builds the entity page and its visit lists.
func (s *Server) entityWithVisits(ctx context.Context, typ, name string) (*entityAnswer, error) {
	page, err := s.ix.Entity(ctx, typ, name)
	if err != nil {
		return nil, err
	}
	v, err := s.ix.EntityVisits(ctx, typ, name)
	if err != nil {
		return nil, err
	}
	return &entityAnswer{EntityPage: page, Visits: v}, nil
}

// visitColumns is the header row of CSV exports of visits, in the order
// of visitRow's cells. A record's sources share their cells, joined by
// "; " in the same order: URL, capture time and checksum; evidence is the
// first source's sentence.
var visitColumns = []string{"id", "kind", "status", "start", "end", "visitors", "visitor_from", "hosts", "place",
	"first_reported", "last_reported", "sources", "source_urls", "source_fetched_at", "source_sha256", "evidence"}

// exportVisits answers GET /api/v1/visits/export: every record of a visit
// search (up to index.MaxExport) as CSV or JSON Lines, like /export.
func (s *Server) exportVisits(c *gin.Context) {
	serveExport(s, c, parseVisits, func(ctx context.Context, req index.VisitRequest) (exportStream[index.VisitRecord], error) {
		exp, err := s.ix.StartVisitExport(ctx, req, index.MaxExport)
		if err != nil {
			return exportStream[index.VisitRecord]{}, err
		}
		return exportStream[index.VisitRecord]{
			name: "kronika-visits", total: exp.Total, count: exp.Len(), truncated: exp.Truncated(),
			columns: visitColumns, row: visitRow, each: exp.Each,
		}, nil
	})
}

// visitRow returns the cells of one record, every text cell defused
// against formula injection.
func visitRow(r index.VisitRecord) []string {
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return cell(*s)
	}
	stamp := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	var urls, fetched, sums []string
	for _, src := range r.Sources {
		urls = append(urls, src.URL)
		if c := src.Capture; c != nil {
			fetched, sums = append(fetched, c.FetchedAt.Format(time.RFC3339)), append(sums, c.SHA256)
		} else {
			fetched, sums = append(fetched, ""), append(sums, "")
		}
	}
	evidence := ""
	if len(r.Sources) > 0 {
		evidence = r.Sources[0].Evidence.Text
	}
	return []string{
		r.ID, r.Kind, r.Status, opt(r.Start), opt(r.End),
		cell(strings.Join(r.Visitors, listSep)), opt(r.VisitorFrom), cell(strings.Join(r.Hosts, listSep)), opt(r.Place),
		stamp(r.FirstReported), stamp(r.LastReported), strconv.Itoa(len(r.Sources)),
		cell(strings.Join(urls, listSep)), strings.Join(fetched, listSep), strings.Join(sums, listSep), cell(evidence),
	}
}
