package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
)

// Limits applied to requests. They are documented in the OpenAPI
// description and README's "HTTP API".
const (
	maxBodyBytes          = 1 << 20
	defaultRequestTimeout = 15 * time.Second
	defaultExportTimeout  = 5 * time.Minute
	maxURLBytes           = 32 << 10
)

const (
	// MaxHeaderBytes caps a request's request line and headers, counted
	// as HTTP/1.1 sends them. A larger request gets 431 with the JSON
	// error, provided the http.Server lets it reach the API: see
	// ServerMaxHeaderBytes.
	MaxHeaderBytes = 64 << 10
	// ServerMaxHeaderBytes is the http.Server.MaxHeaderBytes to serve the
	// API with (net/http's default): well above MaxHeaderBytes, so that
	// the API answers oversized requests itself. Requests over it (and the
	// 4 KiB net/http allows beyond it) still get net/http's own plain-text
	// 431, before any handler runs.
	ServerMaxHeaderBytes = 1 << 20
)

// Config holds the API's dependencies and settings.
type Config struct {
	// Index is the open archive. Required.
	Index *index.Index
	// Analyzers serve POST /api/v1/analyze. Required.
	Analyzers *index.Analyzers
	// Logger receives access and error logs; nil discards them.
	Logger *slog.Logger
	// Version is reported by /healthz.
	Version string

	// Jobs runs the crawl jobs of the admin routes; nil makes them answer
	// 503. When it also implements StatsReporter, /metrics reports its
	// statistics.
	Jobs Jobs
	// AdminToken is the operator's Bearer token for the admin routes
	// ($KRONIKA_ADMIN_TOKEN). LocalToken is a second token, the one the
	// server writes to its record in the data directory for local
	// commands. Without AdminToken the admin routes serve local commands
	// only: any caller without LocalToken gets 404 and is told how to
	// enable the admin API. With AdminToken a missing or wrong token gets
	// 401. AdminMode names the three cases.
	AdminToken, LocalToken string

	// RateLimit caps each client (by remote address) to this many
	// requests per second, with bursts of RateBurst (0 means twice the
	// rate, at least 1); 0 turns the limit off. Probes and /metrics are
	// never limited.
	RateLimit float64
	RateBurst int

	// DataDir is the data directory whose captures/ the web UI reads the
	// archived copies of pages from; empty, the pages say the copies
	// cannot be shown by this server.
	DataDir string

	// RequestTimeout bounds the work of one request; 0 means 15 s.
	// ExportTimeout does the same for exports; 0 means 5 min.
	RequestTimeout, ExportTimeout time.Duration
}

// Validate reports the first missing dependency or bad setting.
func (c *Config) Validate() error {
	switch {
	case c.Index == nil:
		return errors.New("api: no index")
	case c.Analyzers == nil:
		return errors.New("api: no analyzers")
	case c.RateLimit < 0 || c.RateBurst < 0:
		return fmt.Errorf("api: rate limit %g/s with burst %d: both must be 0 or more", c.RateLimit, c.RateBurst)
	case c.RequestTimeout < 0 || c.ExportTimeout < 0:
		return errors.New("api: timeouts must be 0 (default) or more")
	}
	return nil
}

// Server holds the handlers' dependencies.
type Server struct {
	ix        *index.Index
	analyzers *index.Analyzers
	log       *slog.Logger
	version   string
	pages     *pages
	dataDir   string
	jobs      Jobs
	admin     *adminAuth
	adminMode string
	metrics   *metrics
	limiter   *clientLimiter
	timeout   time.Duration
	exportTTL time.Duration
}

// New returns the HTTP handler of the API and web UI.
func New(cfg Config) (http.Handler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	p, err := newPages(log)
	if err != nil {
		return nil, err
	}
	s := &Server{
		ix:        cfg.Index,
		analyzers: cfg.Analyzers,
		log:       log,
		version:   cfg.Version,
		pages:     p,
		dataDir:   cfg.DataDir,
		jobs:      cfg.Jobs,
		admin:     newAdminAuth(cfg.AdminToken, cfg.LocalToken),
		adminMode: cfg.AdminMode(),
		timeout:   orDefault(cfg.RequestTimeout, defaultRequestTimeout),
		exportTTL: orDefault(cfg.ExportTimeout, defaultExportTimeout),
	}
	if cfg.RateLimit > 0 {
		s.limiter = newClientLimiter(cfg.RateLimit, cfg.RateBurst)
	}
	if s.metrics, err = newMetrics(cfg.Index, cfg.Jobs); err != nil {
		return nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// Client addresses come from the connection: no proxy is trusted to
	// set X-Forwarded-For, so the rate limit cannot be dodged by a header.
	if err := r.SetTrustedProxies(nil); err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	r.HandleMethodNotAllowed = true
	r.Use(s.recovery(), s.accessLog(), s.metrics.middleware(), s.rateLimit(), s.limitRequest(MaxHeaderBytes, maxURLBytes, maxBodyBytes))
	s.routes(r)
	return r, nil
}

// routes lists every route of the service.
func (s *Server) routes(r *gin.Engine) {
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/metrics", s.metrics.handler())

	v1 := r.Group("/api/v1", timeout(s.timeout))
	v1.GET("/search", s.search)
	v1.GET("/documents/:id", s.document)
	v1.GET("/entities", s.entities)
	v1.GET("/entities/:type/*name", s.entity)
	v1.GET("/visits", s.visits)
	v1.GET("/visits/:id", s.visit)
	v1.POST("/analyze", s.analyze)
	v1.GET("/openapi.json", s.openAPI)

	admin := v1.Group("/admin", s.requireAdmin())
	admin.POST("/recrawl", s.startJob)
	admin.GET("/jobs/:id", s.job)

	r.GET("/api/v1/export", timeout(s.exportTTL), s.export)
	r.GET("/api/v1/visits/export", timeout(s.exportTTL), s.exportVisits)

	r.GET("/static/:file", serveStatic)
	ui := r.Group("", timeout(s.timeout))
	ui.GET("/", s.searchPage)
	ui.GET("/facet/:name", s.facetPage)
	ui.GET("/entity/:type/*name", s.entityPage)
	ui.GET("/doc/:id", s.documentPage)
	ui.GET("/doc/:id/capture/:n", s.capturePage)
	ui.GET("/doc/:id/capture/:n/raw", s.captureRaw)
	ui.GET("/visits", s.visitsPage)
	ui.GET("/visits/:id", s.visitPage)

	r.NoRoute(s.notFound)
	r.NoMethod(s.methodNotAllowed)
}

// orDefault returns d, or def when d is zero.
func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}
