package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
)

// Limits applied to every request.
const (
	maxBodyBytes   = 1 << 20
	requestTimeout = 15 * time.Second
)

// Config holds the API's dependencies.
type Config struct {
	// Index is the open archive. Required.
	Index *index.Index
	// Analyzers serve POST /api/v1/analyze. Required.
	Analyzers *index.Analyzers
	// Logger receives access and error logs; nil discards them.
	Logger *slog.Logger
	// Version is reported by /healthz.
	Version string
}

// Server holds the handlers' dependencies.
type Server struct {
	ix        *index.Index
	analyzers *index.Analyzers
	log       *slog.Logger
	version   string
	pages     *pages
}

// New returns the HTTP handler of the API and web UI.
func New(cfg Config) (http.Handler, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	p, err := newPages()
	if err != nil {
		return nil, err
	}
	s := &Server{ix: cfg.Index, analyzers: cfg.Analyzers, log: log, version: cfg.Version, pages: p}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(s.recovery(), s.accessLog(), limitBody(maxBodyBytes), timeout(requestTimeout))
	s.routes(r)
	return r, nil
}

// routes lists every route of the service.
func (s *Server) routes(r *gin.Engine) {
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)

	v1 := r.Group("/api/v1")
	v1.GET("/search", s.search)
	v1.GET("/documents/:id", s.document)
	v1.POST("/analyze", s.analyze)

	r.GET("/", s.searchPage)
	r.GET("/doc/:id", s.documentPage)

	r.NoRoute(s.notFound)
	r.NoMethod(s.methodNotAllowed)
}
