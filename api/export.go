package api

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
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
	serveExport(s, c, parseSearch, func(ctx context.Context, req index.Request) (exportStream[index.Record], error) {
		exp, err := s.ix.StartExport(ctx, req, index.MaxExport)
		if err != nil {
			return exportStream[index.Record]{}, err
		}
		return exportStream[index.Record]{
			name: "kronika", total: exp.Total, count: exp.Len(), truncated: exp.Truncated(),
			columns: exportColumns, row: csvRow, each: exp.Each,
		}, nil
	})
}

// serveExport answers an export route: it reads the request with parse
// and the format, plans the export with start, and streams it.
func serveExport[R, T any](s *Server, c *gin.Context, parse func(url.Values) (R, error), start func(context.Context, R) (exportStream[T], error)) {
	q := c.Request.URL.Query()
	req, err := parse(q)
	if err != nil {
		s.fail(c, err)
		return
	}
	format, err := exportFormat(q)
	if err != nil {
		s.fail(c, err)
		return
	}
	bom, err := boolParam(q, "bom")
	if err != nil {
		s.fail(c, err)
		return
	}
	e, err := start(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	streamExport(s, c, format, bom, e)
}

// boolParam reads an optional yes-or-no parameter: 1 or true, 0 or false
// (or absent).
func boolParam(q url.Values, name string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(q.Get(name))) {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, news.Errorf(news.EInvalid, "%s must be 1 or 0 (true or false), not %q", name, truncate(q.Get(name), 20))
}

// utf8BOM starts a CSV export asked for with bom=1: spreadsheets such as
// Excel read a CSV file as UTF-8 (Polish letters included) only after it.
const utf8BOM = "\uFEFF"

// exportFormat reads the format parameter of an export: csv (the
// default) or jsonl.
func exportFormat(q url.Values) (string, error) {
	format := q.Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "jsonl" {
		return "", news.Errorf(news.EInvalid, "format must be csv or jsonl, not %q", truncate(format, 20))
	}
	return format, nil
}

// exportStream is what an export streams: its counts for the headers, the
// CSV columns and row of a record, and the records.
type exportStream[T any] struct {
	name      string // the file name's stem
	total     uint64
	count     int
	truncated bool
	columns   []string
	row       func(T) []string
	each      func(context.Context, func(T) error) error
}

// streamExport writes the headers, then every record of e as CSV or JSON
// Lines, flushing every 500 records so that a long export starts at once.
// A CSV export starts with a UTF-8 byte order mark when bom is set.
func streamExport[T any](s *Server, c *gin.Context, format string, bom bool, e exportStream[T]) {
	ctx := c.Request.Context()
	h := c.Writer.Header()
	h.Set("X-Total-Count", strconv.FormatUint(e.total, 10))
	h.Set("X-Export-Count", strconv.Itoa(e.count))
	h.Set("X-Export-Truncated", strconv.FormatBool(e.truncated))
	h.Set("X-Content-Type-Options", "nosniff")
	stamp := time.Now().UTC().Format("20060102-150405")
	w := bufio.NewWriterSize(c.Writer, 64<<10)
	var write func(T) error
	switch format {
	case "csv":
		h.Set("Content-Type", "text/csv; charset=utf-8; header=present")
		h.Set("Content-Disposition", `attachment; filename="`+e.name+`-`+stamp+`.csv"`)
		cw := csv.NewWriter(w)
		cw.UseCRLF = true
		c.Status(http.StatusOK)
		if bom {
			if _, err := w.WriteString(utf8BOM); err != nil {
				return
			}
		}
		if err := cw.Write(e.columns); err != nil {
			return
		}
		write = func(r T) error {
			if err := cw.Write(e.row(r)); err != nil {
				return err
			}
			cw.Flush()
			return cw.Error()
		}
	default:
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+e.name+`-`+stamp+`.jsonl"`)
		c.Status(http.StatusOK)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		write = func(r T) error { return enc.Encode(r) }
	}
	n := 0
	err := e.each(ctx, func(r T) error {
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
