package api

import (
	"context"
	"errors"
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// maxAnalyzeText caps the text of POST /api/v1/analyze.
const maxAnalyzeText = 100 << 10

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok", "version": s.version})
}

func (s *Server) readyz(c *gin.Context) {
	n, err := s.ix.Count()
	if err != nil {
		s.respondError(c, http.StatusServiceUnavailable, "index is not readable: "+err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "documents": n})
}

func (s *Server) search(c *gin.Context) {
	req, err := parseSearch(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.runSearch(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// runSearch runs req, answering by the request's deadline (bounded).
func (s *Server) runSearch(ctx context.Context, req index.Request) (*index.Result, error) {
	return bounded(ctx, "search", func(ctx context.Context) (*index.Result, error) { return s.ix.Search(ctx, req) })
}

func (s *Server) document(c *gin.Context) {
	id := c.Param("id")
	if !validID(id) {
		s.fail(c, news.Errorf(news.ENotFound, "no document with id %q; ids are 32 hex characters", truncate(id, 40)))
		return
	}
	d, err := s.ix.Get(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

// validID reports whether id looks like a news.DocumentID.
func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

type analyzeRequest struct {
	Analyzer string `json:"analyzer"`
	Text     string `json:"text"`
}

type analyzeResponse struct {
	Analyzer string       `json:"analyzer"`
	Terms    []string     `json:"terms"`
	Tokens   []index.Term `json:"tokens"`
}

func (s *Server) analyze(c *gin.Context) {
	var req analyzeRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.fail(c, news.Errorf(news.ETooLarge, "request body is over %d bytes", tooLarge.Limit))
			return
		}
		s.fail(c, news.Errorf(news.EInvalid, "body must be JSON like {\"analyzer\":\"pl\",\"text\":\"…\"}: %v", err))
		return
	}
	if req.Analyzer == "" {
		req.Analyzer = "pl"
	}
	if len(req.Text) > maxAnalyzeText {
		s.fail(c, news.Errorf(news.ETooLarge, "text is %d bytes; the limit is %d", len(req.Text), maxAnalyzeText))
		return
	}
	if !utf8.ValidString(req.Text) {
		s.fail(c, news.Errorf(news.EInvalid, "text is not valid UTF-8"))
		return
	}
	toks, err := s.analyzers.Terms(req.Analyzer, req.Text)
	if err != nil {
		s.fail(c, err)
		return
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.Term
	}
	c.JSON(http.StatusOK, analyzeResponse{Analyzer: req.Analyzer, Terms: terms, Tokens: toks})
}
