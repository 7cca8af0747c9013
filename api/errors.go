package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/news"
)

// statuses maps domain error codes to HTTP statuses.
var statuses = map[string]int{
	news.EInvalid:      http.StatusBadRequest,
	news.ENotFound:     http.StatusNotFound,
	news.EUnauthorized: http.StatusUnauthorized,
	news.ETooLarge:     http.StatusRequestEntityTooLarge,
	news.ERateLimited:  http.StatusTooManyRequests,
	news.EUnavailable:  http.StatusServiceUnavailable,
	news.EInternal:     http.StatusInternalServerError,
}

// codes are the error codes callers see, per status.
var codes = map[int]string{
	http.StatusBadRequest:                  "bad_request",
	http.StatusUnauthorized:                "unauthorized",
	http.StatusNotFound:                    "not_found",
	http.StatusMethodNotAllowed:            "method_not_allowed",
	http.StatusRequestEntityTooLarge:       "too_large",
	http.StatusTooManyRequests:             "rate_limited",
	http.StatusRequestHeaderFieldsTooLarge: "headers_too_large",
	http.StatusServiceUnavailable:          "unavailable",
	http.StatusInternalServerError:         "internal",
}

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fail answers with err. Internal errors are logged here and only here.
func (s *Server) fail(c *gin.Context, err error) {
	status, ok := statuses[news.ErrorCode(err)]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	}
	s.respondError(c, status, news.ErrorMessage(err))
}

func (s *Server) respondError(c *gin.Context, status int, message string) {
	if wantsHTML(c) {
		s.pages.renderError(c, status, message)
		return
	}
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: codes[status], Message: message}})
}

// wantsHTML reports whether the request is for the web UI rather than the
// API.
func wantsHTML(c *gin.Context) bool {
	p := c.Request.URL.Path
	return !strings.HasPrefix(p, "/api/") && p != "/healthz" && p != "/readyz" && p != "/metrics"
}

func (s *Server) notFound(c *gin.Context) {
	s.respondError(c, http.StatusNotFound, "no such route: "+c.Request.Method+" "+c.Request.URL.Path+"; see /api/v1/openapi.json")
}

func (s *Server) methodNotAllowed(c *gin.Context) {
	s.respondError(c, http.StatusMethodNotAllowed, "method "+c.Request.Method+" is not allowed on "+c.Request.URL.Path)
}
