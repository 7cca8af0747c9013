package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/news"
)

// adminAuth checks Bearer tokens against the configured ones. Tokens are
// compared as SHA-256 sums in constant time, so that neither their
// content nor their length leaks through timing.
type adminAuth struct {
	sums [][sha256.Size]byte
}

func newAdminAuth(tokens ...string) *adminAuth {
	a := &adminAuth{}
	for _, t := range tokens {
		if t != "" {
			a.sums = append(a.sums, sha256.Sum256([]byte(t)))
		}
	}
	return a
}

// check reports whether header carries one of the tokens. Every token is
// compared, whichever matches.
func (a *adminAuth) check(header string) bool {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return false
	}
	sum := sha256.Sum256([]byte(token))
	match := 0
	for _, s := range a.sums {
		match |= subtle.ConstantTimeCompare(sum[:], s[:])
	}
	return match == 1
}

// The admin modes AdminMode reports.
const (
	// AdminModeOff: no token at all; the admin routes answer 404.
	AdminModeOff = "off"
	// AdminModeLocal: only the local token; local commands reach the
	// admin routes, any other caller gets 404.
	AdminModeLocal = "local"
	// AdminModeToken: an operator token; callers holding it or the local
	// token reach the admin routes, others get 401.
	AdminModeToken = "token"
)

// AdminMode says who may call the admin routes under c: AdminModeOff,
// AdminModeLocal or AdminModeToken, for the server's log.
func (c Config) AdminMode() string {
	switch {
	case c.AdminToken != "":
		return AdminModeToken
	case c.LocalToken != "":
		return AdminModeLocal
	}
	return AdminModeOff
}

// adminNotEnabled answers the callers of an admin API without an operator
// token. It is the same whatever they sent, so that they learn nothing of
// the local token. The length is the one cmd/kronika demands.
const adminNotEnabled = "the admin API is not enabled; set KRONIKA_ADMIN_TOKEN (at least 16 characters) to enable it, then send it as Authorization: Bearer <token>"

// requireAdmin guards the admin routes: without the right Bearer token,
// 404 when no operator token is configured and 401 when one is; 503 when
// the server runs no jobs.
func (s *Server) requireAdmin() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !s.admin.check(c.GetHeader("Authorization")) {
			if s.adminMode != AdminModeToken {
				s.fail(c, news.Errorf(news.ENotFound, adminNotEnabled))
				return
			}
			c.Header("WWW-Authenticate", `Bearer realm="kronika admin"`)
			s.fail(c, news.Errorf(news.EUnauthorized, "the admin API needs the header Authorization: Bearer <token> with the server's admin token"))
			return
		}
		if s.jobs == nil {
			s.fail(c, news.Errorf(news.EUnavailable, "this server runs no crawl jobs"))
			return
		}
		c.Next()
	}
}

// startJob answers POST /api/v1/admin/recrawl: 202 and the queued job.
func (s *Server) startJob(c *gin.Context) {
	req := news.JobRequest{Kind: "recrawl"}
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil && !errors.Is(err, io.EOF) {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.fail(c, news.Errorf(news.ETooLarge, "request body is over %d bytes", tooLarge.Limit))
			return
		}
		s.fail(c, news.Errorf(news.EInvalid, `body must be a job request like {"kind":"recrawl","sites":["kurier"]}: %v`, err))
		return
	}
	if dec.More() {
		s.fail(c, news.Errorf(news.EInvalid, "body must hold one JSON object"))
		return
	}
	job, err := s.jobs.Start(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/admin/jobs/"+job.ID)
	c.JSON(http.StatusAccepted, job)
}

// job answers GET /api/v1/admin/jobs/{id}.
func (s *Server) job(c *gin.Context) {
	id := c.Param("id")
	if len(id) > 64 {
		s.fail(c, news.Errorf(news.ENotFound, "no job with id %q", truncate(id, 40)))
		return
	}
	job, err := s.jobs.Job(id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, job)
}
