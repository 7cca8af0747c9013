package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/kronika/kronika/news"
)

// Mode says how a run treats pages it has fetched before.
type Mode string

// Run modes.
const (
	// Full fetches every page reachable from the seeds once per run, with
	// conditional requests for pages fetched before.
	Full Mode = "full"
	// Incremental fetches the seeds, sitemaps and feeds, the listing pages
	// that changed, new pages, and known articles only when their
	// re-crawl interval has passed or a sitemap says they changed.
	Incremental Mode = "incremental"
)

// Change says why an article is handed to the Handler.
type Change string

// Changes of an article page.
const (
	ChangeNew     Change = "new"     // first fetch of the page
	ChangeChanged Change = "changed" // the content hash differs from the last fetch
)

// Page is one fetched article, handed to the Handler.
type Page struct {
	// Site is the site's name.
	Site string
	// URL is the document's URL: the page's canonical URL when it
	// declares one on the site, else the normalised URL fetched.
	URL     string
	Article Article
	// Capture points at the stored response the article was read from.
	Capture news.Capture
	Change  Change
}

// Handler stores the articles the crawler finds. HandlePages is called
// with a batch of pages, from one goroutine per site at a time, only after
// the pages are archived and recorded as pending in the state. When it
// returns nil the pages must be durable; until then the crawler replays
// them after a crash, so HandlePages may see a page again (same URL, same
// Capture.RecordID) and must then keep one copy of it. An error stops the
// crawl; the batch stays pending.
type Handler interface {
	HandlePages(ctx context.Context, pages []Page) error
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, pages []Page) error

// HandlePages calls f.
func (f HandlerFunc) HandlePages(ctx context.Context, pages []Page) error { return f(ctx, pages) }

// Stats sums up one site's run; the same summary travels in a job of the
// admin API.
type Stats = news.SiteSummary

// Progress is a snapshot of a running site crawl.
type Progress struct {
	Site    string
	Fetched int
	Failed  int
	// Queued is the number of URLs waiting in the frontier.
	Queued  int
	Elapsed time.Duration
}

// Crawler fetches sites into an archive, keeping its frontier and the
// history of every URL in a State. Create one with New; it is safe for
// concurrent use by Crawl and Recrawl calls on different sites.
type Crawler struct {
	client       *http.Client
	archive      *Archive
	state        *State
	log          *slog.Logger
	userAgent    string
	robotsAgent  string
	concurrency  int
	maxBody      int64
	timeout      time.Duration
	dialTimeout  time.Duration
	allowPrivate bool
	ignoreRobots bool
	rate         float64
	retries      int
	backoff      time.Duration
	interval     time.Duration
	batchSize    int
	loc          *time.Location
	progress     func(Progress)
	minFree      int64
	now          func() time.Time
}

// Option configures a Crawler.
type Option func(*Crawler)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *Crawler) { c.log = l } }

// WithUserAgent sets the User-Agent header (default DefaultUserAgent).
// Operators should include a contact address. Its first word, up to a
// slash, is the name robots.txt groups are matched against.
func WithUserAgent(ua string) Option { return func(c *Crawler) { c.userAgent = ua } }

// WithConcurrency sets the number of parallel requests per host (default
// 2). A site profile may lower or raise it for its site.
func WithConcurrency(n int) Option { return func(c *Crawler) { c.concurrency = max(1, n) } }

// WithRate sets the requests per second per host (default 2; robots.txt
// Crawl-delay lowers it further). 0 or less turns the limit off. A site
// profile may set its own.
func WithRate(r float64) Option { return func(c *Crawler) { c.rate = r } }

// WithMaxBody caps response bodies (default DefaultMaxBody).
func WithMaxBody(n int64) Option { return func(c *Crawler) { c.maxBody = n } }

// WithTimeout bounds each request, body included (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(c *Crawler) { c.timeout = d } }

// WithConnectTimeout bounds connecting and the TLS handshake (default
// DefaultConnectTimeout).
func WithConnectTimeout(d time.Duration) Option { return func(c *Crawler) { c.dialTimeout = d } }

// WithAllowPrivate lets a site's own hosts and ports be on whatever
// loopback, private, CGNAT or unique-local addresses their names resolve
// to during a run (default false: only on those they named or resolved to
// when it began). Other hosts and ports on such addresses, and link-local
// and metadata addresses, are refused either way.
func WithAllowPrivate(allow bool) Option { return func(c *Crawler) { c.allowPrivate = allow } }

// WithIgnoreRobots turns off robots.txt (default: honoured).
func WithIgnoreRobots(ignore bool) Option { return func(c *Crawler) { c.ignoreRobots = ignore } }

// WithRetries sets how many times a failed fetch is retried after a 5xx,
// a 429 or a network error (default 2).
func WithRetries(n int) Option { return func(c *Crawler) { c.retries = max(0, n) } }

// WithBackoff sets the wait before the first retry, doubled for each
// further one, unless the server sends Retry-After (default 1s).
func WithBackoff(d time.Duration) Option { return func(c *Crawler) { c.backoff = d } }

// WithRecrawlInterval sets how long an article is left alone by
// incremental runs after a fetch, unless a sitemap says it changed
// (default DefaultRecrawlInterval). A site profile may set its own.
func WithRecrawlInterval(d time.Duration) Option { return func(c *Crawler) { c.interval = d } }

// WithBatchSize sets how many articles are handed to the Handler at once
// (default 64).
func WithBatchSize(n int) Option { return func(c *Crawler) { c.batchSize = max(1, n) } }

// WithLocation sets the time zone of dates pages print without one
// (default Europe/Warsaw).
func WithLocation(loc *time.Location) Option { return func(c *Crawler) { c.loc = loc } }

// WithMinFreeSpace sets the free space the crawl keeps on the data
// directory's file system: before each batch it stops with a
// *DiskFullError when less is left (default DefaultMinFreeSpace, raised to
// twice a batch's expected size when pages are large).
func WithMinFreeSpace(n int64) Option { return func(c *Crawler) { c.minFree = n } }

// WithProgress sets a function called about twice a second from each
// running site crawl.
func WithProgress(f func(Progress)) Option { return func(c *Crawler) { c.progress = f } }

// withClock replaces time.Now, for tests of re-crawl intervals.
func withClock(now func() time.Time) Option { return func(c *Crawler) { c.now = now } }

// Defaults of a Crawler.
const (
	DefaultUserAgent       = "KronikaBot/0.2 (+https://github.com/kronika/kronika; news archive crawler)"
	DefaultMaxBody         = 8 << 20
	DefaultTimeout         = 30 * time.Second
	DefaultConnectTimeout  = 10 * time.Second
	DefaultRecrawlInterval = 7 * 24 * time.Hour
	// DefaultMinFreeSpace leaves room for the index's merges and the
	// crawl state's growth after the last batch of captures.
	DefaultMinFreeSpace = 64 << 20
)

// New returns a crawler that stores every response in archive and its
// progress in state.
func New(archive *Archive, state *State, opts ...Option) (*Crawler, error) {
	if archive == nil || state == nil {
		return nil, errors.New("crawler needs an archive and a state")
	}
	c := &Crawler{
		archive:     archive,
		state:       state,
		log:         slog.New(slog.DiscardHandler),
		userAgent:   DefaultUserAgent,
		concurrency: 2,
		maxBody:     DefaultMaxBody,
		timeout:     DefaultTimeout,
		dialTimeout: DefaultConnectTimeout,
		rate:        2,
		retries:     2,
		backoff:     time.Second,
		interval:    DefaultRecrawlInterval,
		batchSize:   64,
		minFree:     DefaultMinFreeSpace,
		now:         time.Now,
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
	c.robotsAgent = robotsAgent(c.userAgent)
	c.client = newClient(c.timeout, c.dialTimeout, nil)
	return c, nil
}
