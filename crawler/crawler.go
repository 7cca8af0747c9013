package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	"github.com/kronika/kronika/news"
)

// Site is one news site to crawl.
type Site struct {
	// Name is the site's name in the archive (the site facet); empty
	// means the host of the first seed.
	Name string
	// Seeds are the start URLs. Links are followed on their hosts only.
	Seeds []string
	// MaxPages caps the pages fetched; 0 means no cap.
	MaxPages int
}

// Page is one fetched article, handed to the Handler.
type Page struct {
	Site    string
	URL     string
	Article Article
	Capture news.Capture
}

// Handler receives every article page the crawler fetches. An error from
// HandlePage is counted as a failed page; the crawl goes on.
type Handler interface {
	HandlePage(ctx context.Context, p Page) error
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, p Page) error

// HandlePage calls f.
func (f HandlerFunc) HandlePage(ctx context.Context, p Page) error { return f(ctx, p) }

// Stats sums up one site's crawl.
type Stats struct {
	Site       string `json:"site"`
	Fetched    int    `json:"fetched"`
	Articles   int    `json:"articles"`
	Failed     int    `json:"failed"`
	Skipped    int    `json:"skipped"`
	DurationMS int64  `json:"duration_ms"`
}

// Crawler fetches sites. Create one with New; it is safe for concurrent
// use by several Crawl calls.
type Crawler struct {
	client       *http.Client
	archive      *Archive
	log          *slog.Logger
	userAgent    string
	concurrency  int
	maxBody      int64
	timeout      time.Duration
	allowPrivate bool
	ignoreRobots bool
	rate         rate.Limit
	retries      int
	loc          *time.Location
}

// Option configures a Crawler.
type Option func(*Crawler)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *Crawler) { c.log = l } }

// WithUserAgent sets the User-Agent header (default DefaultUserAgent).
// Operators should include a contact address.
func WithUserAgent(ua string) Option { return func(c *Crawler) { c.userAgent = ua } }

// WithConcurrency sets the number of parallel fetches per site (default 2).
func WithConcurrency(n int) Option { return func(c *Crawler) { c.concurrency = max(1, n) } }

// WithRate sets the requests per second per site (default 2; robots.txt
// Crawl-delay lowers it further). rate.Inf turns the limit off.
func WithRate(r rate.Limit) Option { return func(c *Crawler) { c.rate = r } }

// WithMaxBody caps response bodies (default DefaultMaxBody).
func WithMaxBody(n int64) Option { return func(c *Crawler) { c.maxBody = n } }

// WithTimeout bounds each request (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(c *Crawler) { c.timeout = d } }

// WithAllowPrivate lets the crawler connect to loopback and private
// addresses, for local sites and tests (default false).
func WithAllowPrivate(allow bool) Option { return func(c *Crawler) { c.allowPrivate = allow } }

// WithIgnoreRobots turns off robots.txt (default: honoured).
func WithIgnoreRobots(ignore bool) Option { return func(c *Crawler) { c.ignoreRobots = ignore } }

// WithRetries sets how many times a failed fetch is retried after 5xx,
// 429 or a network error (default 2).
func WithRetries(n int) Option { return func(c *Crawler) { c.retries = max(0, n) } }

// WithLocation sets the time zone of dates pages print without one
// (default Europe/Warsaw).
func WithLocation(loc *time.Location) Option { return func(c *Crawler) { c.loc = loc } }

// New returns a crawler that stores every response in archive.
func New(archive *Archive, opts ...Option) (*Crawler, error) {
	c := &Crawler{
		archive:     archive,
		log:         slog.New(slog.DiscardHandler),
		userAgent:   DefaultUserAgent,
		concurrency: 2,
		maxBody:     DefaultMaxBody,
		timeout:     DefaultTimeout,
		rate:        2,
		retries:     2,
	}
	for _, o := range opts {
		o(c)
	}
	if c.loc == nil {
		loc, err := time.LoadLocation("Europe/Warsaw")
		if err != nil {
			return nil, fmt.Errorf("load time zone: %w", err)
		}
		c.loc = loc
	}
	c.client = newClient(c.timeout, c.allowPrivate)
	return c, nil
}
