package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/news"
)

const requestIDHeader = "X-Request-ID"

// recovery turns a panic into a logged 500 answer: no request may take the
// server down.
func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic in handler", "method", c.Request.Method, "path", c.Request.URL.Path, "panic", v, "request_id", c.GetString("request_id"))
				if !c.Writer.Written() {
					s.respondError(c, http.StatusInternalServerError, "internal error; the server log has the details")
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// accessLog gives each request an ID (kept from X-Request-ID when the
// caller sends a sane one) and logs one line per request.
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		id := c.GetHeader(requestIDHeader)
		if !saneID(id) {
			id = newRequestID()
		}
		c.Set("request_id", id)
		c.Header(requestIDHeader, id)
		c.Next()
		s.log.Info("request",
			"method", c.Request.Method,
			"path", c.Request.URL.Path,
			"route", c.FullPath(),
			"status", c.Writer.Status(),
			"bytes", c.Writer.Size(),
			"duration_ms", float64(time.Since(start).Microseconds())/1000,
			"request_id", id,
			"client", c.ClientIP())
	}
}

func saneID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// limitRequest refuses a request line and headers longer than
// headerBytes with a 431 and URLs longer than urlBytes with a 413, before
// any handler parses them, and caps request bodies at bodyBytes.
func (s *Server) limitRequest(headerBytes, urlBytes int, bodyBytes int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if n := headerSize(c.Request); n > headerBytes {
			s.respondError(c, http.StatusRequestHeaderFieldsTooLarge, fmt.Sprintf("the request line and headers are %d bytes long; the limit is %d: shorten the URL or the headers", n, headerBytes))
			return
		}
		if n := len(c.Request.URL.RawQuery) + len(c.Request.URL.Path); n > urlBytes {
			s.respondError(c, http.StatusRequestEntityTooLarge, fmt.Sprintf("the URL is %d bytes long; the limit is %d: shorten the query", n, urlBytes))
			return
		}
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, bodyBytes)
		}
		c.Next()
	}
}

// headerSize is the length of r's request line and headers as HTTP/1.1
// sends them, the figure http.Server.MaxHeaderBytes limits (net/http
// moves the Host header to r.Host).
func headerSize(r *http.Request) int {
	uri := r.RequestURI
	if uri == "" {
		uri = r.URL.RequestURI()
	}
	n := len(r.Method) + 1 + len(uri) + 1 + len(r.Proto) + 2
	if r.Host != "" {
		n += len("Host: ") + len(r.Host) + 2
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(": ") + len(v) + 2
		}
	}
	return n + 2 // the empty line
}

// timeout bounds the work of a request through its context.
func timeout(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// bounded runs fn with ctx and returns its answer, or an EUnavailable
// error saying what took too long as soon as ctx ends. The index checks
// its context between matches, but a search stalled in a page fault on a
// slow disk, or behind another writer, cannot see the deadline; the client
// gets its answer at the deadline all the same, and fn finishes on its
// own, its context cancelled, its answer dropped.
func bounded[T any](ctx context.Context, what string, fn func(context.Context) (T, error)) (T, error) {
	type answer struct {
		v   T
		err error
	}
	done := make(chan answer, 1)
	go func() {
		// The handler's recovery does not reach this goroutine.
		defer func() {
			if r := recover(); r != nil {
				done <- answer{err: fmt.Errorf("%s failed: internal error: %v", what, r)}
			}
		}()
		v, err := fn(ctx)
		done <- answer{v, err}
	}()
	select {
	case a := <-done:
		return a.v, a.err
	case <-ctx.Done():
		var zero T
		return zero, news.Errorf(news.EUnavailable, "%s took too long and was stopped; narrow the query or try again", what)
	}
}
