package api

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// exportColumns is the header row of CSV exports, in the order of
// csvRow's cells.
var exportColumns = []string{"id", "url", "title", "site", "category", "published", "people", "institutions", "places", "fetched_at", "sha256"}

// listSep joins the names of one cell of a CSV export.
const listSep = "; "

// export answers GET /api/v1/export: every hit of a search (up to
// index.MaxExport), streamed as CSV (RFC 4180: header row, CRLF line
// ends) or JSON Lines. Headers tell how many documents matched and how
// many the export holds, before the body starts.
func (s *Server) export(c *gin.Context) {
	q := c.Request.URL.Query()
	req, err := parseSearch(q)
	if err != nil {
		s.fail(c, err)
		return
	}
	format := q.Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "jsonl" {
		s.fail(c, news.Errorf(news.EInvalid, "format must be csv or jsonl, not %q", truncate(format, 20)))
		return
	}
	ctx := c.Request.Context()
	exp, err := s.ix.StartExport(ctx, req, index.MaxExport)
	if err != nil {
		s.fail(c, err)
		return
	}
	h := c.Writer.Header()
	h.Set("X-Total-Count", strconv.FormatUint(exp.Total, 10))
	h.Set("X-Export-Count", strconv.Itoa(exp.Len()))
	h.Set("X-Export-Truncated", strconv.FormatBool(exp.Truncated()))
	h.Set("X-Content-Type-Options", "nosniff")
	stamp := time.Now().UTC().Format("20060102-150405")
	w := bufio.NewWriterSize(c.Writer, 64<<10)
	var write func(index.Record) error
	switch format {
	case "csv":
		h.Set("Content-Type", "text/csv; charset=utf-8; header=present")
		h.Set("Content-Disposition", `attachment; filename="kronika-`+stamp+`.csv"`)
		cw := csv.NewWriter(w)
		cw.UseCRLF = true
		c.Status(http.StatusOK)
		if err := cw.Write(exportColumns); err != nil {
			return
		}
		write = func(r index.Record) error {
			if err := cw.Write(csvRow(r)); err != nil {
				return err
			}
			cw.Flush()
			return cw.Error()
		}
	default:
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="kronika-`+stamp+`.jsonl"`)
		c.Status(http.StatusOK)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		write = func(r index.Record) error { return enc.Encode(r) }
	}
	n := 0
	err = exp.Each(ctx, func(r index.Record) error {
		if err := write(r); err != nil {
			return err
		}
		if n++; n%500 == 0 {
			if err := w.Flush(); err != nil {
				return err
			}
			c.Writer.Flush()
		}
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		// The status is sent; a cut body is all a client can be told.
		s.log.Warn("export stopped", "err", err, "written", n, "request_id", c.GetString("request_id"))
		return
	}
}

// csvRow returns the cells of one record, every text cell defused
// against formula injection.
func csvRow(r index.Record) []string {
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	return []string{
		r.ID, cell(r.URL), cell(r.Title), cell(r.Site), cell(r.Category), day(r.Published),
		cell(strings.Join(r.People, listSep)), cell(strings.Join(r.Institutions, listSep)),
		cell(strings.Join(r.Places, listSep)), day(r.FetchedAt), r.SHA256,
	}
}

// cell defuses a text cell that a spreadsheet would run as a formula: one
// starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
