package api

import (
	"context"
	"html"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/news"
)

// archivedCSP is the Content-Security-Policy of an archived copy: it may
// fetch nothing, run nothing, submit nothing, and open nothing but the
// page around it (a link followed by the reader), whatever the
// sanitizer left. Inline styles stay, so that the page looks as it did.
const archivedCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors 'self'; sandbox allow-top-navigation-by-user-activation"

// captureView is the page around an archived copy.
type capturePageView struct {
	layout
	Doc news.Document
	// Capture is the capture asked for; Shown the one whose body is
	// shown (an earlier one when Capture is a 304 or a revisit).
	Capture, Shown captureView
	SameAsShown    bool
	Frame          string // the address of the copy itself
	Verified       bool   // the stored body's SHA-256 is the capture's
	Problem        string
	Captures       []captureView
}

// capturedCopy is what the archive holds for a capture of a document.
type capturedCopy struct {
	doc      news.Document
	asked    int // the capture asked for, 0-based
	shown    int // the capture whose body is shown
	record   crawler.Record
	verified bool
}

// findCopy reads the capture n (1-based, or "latest") of the document
// id, or for a capture without a body (a 304, a revisit) the latest
// earlier one that has it, preferring one of the same checksum. Errors
// are news errors; a copy the archive cannot read is a ENotFound.
func (s *Server) findCopy(ctx context.Context, id, n string) (*capturedCopy, error) {
	if !validID(id) {
		return nil, news.Errorf(news.ENotFound, "no document with id %q", truncate(id, 40))
	}
	d, err := s.ix.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(d.Captures) == 0 {
		return nil, news.Errorf(news.ENotFound, "the archive holds no capture of this document")
	}
	asked := len(d.Captures) - 1
	if n != "latest" {
		k, err := strconv.Atoi(n)
		if err != nil || k < 1 || k > len(d.Captures) {
			return nil, news.Errorf(news.ENotFound, "no capture %q of this document; it has %d", truncate(n, 20), len(d.Captures))
		}
		asked = k - 1
	}
	cp := &capturedCopy{doc: d, asked: asked, shown: -1}
	for i := asked; i >= 0; i-- {
		c := d.Captures[i]
		if c.Status != http.StatusOK || c.File == "" {
			continue
		}
		if cp.shown < 0 || (c.SHA256 == d.Captures[asked].SHA256 && d.Captures[cp.shown].SHA256 != c.SHA256) {
			cp.shown = i
		}
	}
	if cp.shown < 0 {
		return cp, news.Errorf(news.ENotFound, "no capture up to this one holds the page's body")
	}
	if s.dataDir == "" {
		return cp, news.Errorf(news.ENotFound, "this server was started without its data directory, so it cannot read the captures")
	}
	rec, err := crawler.ReadRecord(s.dataDir, d.Captures[cp.shown])
	if err != nil {
		s.log.Warn("read capture", "doc", id, "file", d.Captures[cp.shown].File, "offset", d.Captures[cp.shown].Offset, "err", err)
		return cp, news.Errorf(news.ENotFound, "the archive cannot read this capture: its file is missing or damaged")
	}
	cp.record = rec
	cp.verified = rec.Capture.SHA256 == d.Captures[cp.shown].SHA256
	return cp, nil
}

// capturePage answers GET /doc/{id}/capture/{n}: the archived copy of
// the page as it was fetched, made safe, in a sandboxed frame under a
// banner saying what it is and when it was fetched.
func (s *Server) capturePage(c *gin.Context) {
	id, n := c.Param("id"), c.Param("n")
	cp, err := s.findCopy(c.Request.Context(), id, n)
	if cp == nil {
		s.fail(c, err)
		return
	}
	d := cp.doc
	v := &capturePageView{layout: layout{Title: "Kopia archiwalna: " + d.Title, HeaderSearch: true}, Doc: d}
	for i, cap := range d.Captures {
		v.Captures = append(v.Captures, captureView{Capture: cap, N: i + 1, Link: "/doc/" + d.ID + "/capture/" + strconv.Itoa(i+1)})
	}
	v.Capture = v.Captures[cp.asked]
	if err != nil {
		v.Problem = polishCopyProblem(err)
		s.pages.render(c, http.StatusNotFound, "capture", v)
		return
	}
	v.Shown = v.Captures[cp.shown]
	v.SameAsShown = cp.shown == cp.asked
	v.Verified = cp.verified
	v.Frame = "/doc/" + d.ID + "/capture/" + strconv.Itoa(cp.asked+1) + "/raw"
	s.pages.render(c, http.StatusOK, "capture", v)
}

// copyProblems say in Polish why a copy cannot be shown.
var copyProblems = map[string]string{
	"the archive holds no capture of this document":                        "Archiwum nie ma żadnej kopii tej strony.",
	"no capture up to this one holds the page's body":                      "Żadna kopia do tej włącznie nie zawiera treści strony (serwer odpowiadał tylko, że się nie zmieniła).",
	"the archive cannot read this capture: its file is missing or damaged": "Nie da się odczytać tej kopii: jej plik WARC zniknął albo jest uszkodzony.",
}

// polishCopyProblem translates the reason findCopy gives.
func polishCopyProblem(err error) string {
	msg := news.ErrorMessage(err)
	if p, ok := copyProblems[msg]; ok {
		return p
	}
	if strings.HasPrefix(msg, "this server was started without") {
		return "Ten serwer działa bez katalogu danych, więc nie może pokazać kopii archiwalnych."
	}
	return msg
}

// captureRaw answers GET /doc/{id}/capture/{n}/raw: the archived copy
// itself, for the frame of capturePage. HTML is sanitized and its links
// rewritten; any other type is shown as text.
func (s *Server) captureRaw(c *gin.Context) {
	cp, err := s.findCopy(c.Request.Context(), c.Param("id"), c.Param("n"))
	if err != nil {
		s.fail(c, err)
		return
	}
	shown := cp.doc.Captures[cp.shown]
	banner := archiveBanner{URL: shown.URL, Fetched: polishTime(shown.FetchedAt.In(s.pages.loc)), Status: shown.Status,
		Framed: c.GetHeader("Sec-Fetch-Dest") == "iframe"}
	body, err := s.copyBody(c.Request.Context(), cp, banner)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Security-Policy", archivedCSP)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Referrer-Policy", "no-referrer")
	c.Header("Cache-Control", "private, max-age=3600")
	c.Data(http.StatusOK, "text/html; charset=utf-8", body)
}

// copyBody makes the copy's body safe to show.
func (s *Server) copyBody(ctx context.Context, cp *capturedCopy, banner archiveBanner) ([]byte, error) {
	rec := cp.record
	mt, _, _ := mime.ParseMediaType(rec.Header.Get("Content-Type"))
	if mt != "text/html" && mt != "application/xhtml+xml" {
		text := strings.ToValidUTF8(string(rec.Body), "\uFFFD")
		page := "<!doctype html><html lang=\"pl\"><head><meta charset=\"utf-8\"><title>" + html.EscapeString(banner.URL) + "</title></head><body><pre>" + html.EscapeString(text) + "</pre></body></html>"
		return sanitizeArchived(page, &url.URL{}, banner, func(string) string { return "" }, func([]string) (map[string]bool, error) { return nil, nil })
	}
	page, _, err := crawler.DecodeHTML(rec.Body, rec.Header.Get("Content-Type"))
	if err != nil {
		return nil, news.Errorf(news.ENotFound, "the archive cannot decode this capture: %v", err)
	}
	base, err := url.Parse(cp.doc.Captures[cp.shown].URL)
	if err != nil {
		base = &url.URL{}
	}
	docID := func(u string) string {
		if n := crawler.NormalizeURL(u); n != "" {
			return news.DocumentID(n)
		}
		return ""
	}
	return sanitizeArchived(page, base, banner, docID, func(ids []string) (map[string]bool, error) {
		return s.ix.Existing(ctx, ids)
	})
}
