package news

import "time"

// Job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// JobRequest asks for a crawl job: a re-crawl of configured sites (all of
// them when Sites and Seeds are empty), or a crawl of seed URLs. The
// politeness fields override the settings recorded with the sites for this
// job only; left out, the recorded settings apply.
type JobRequest struct {
	Kind     string   `json:"kind"`                // "recrawl", "crawl" or "reindex"
	Sites    []string `json:"sites,omitempty"`     // site profile names
	Seeds    []string `json:"seeds,omitempty"`     // start URLs (kind "crawl")
	MaxPages int      `json:"max_pages,omitempty"` // per site; 0 means no cap
	// Rate is requests per second per host; 0 turns the limit off.
	Rate *float64 `json:"rate,omitempty"`
	// Concurrency is parallel requests per host; 0 keeps the settings'.
	Concurrency  int    `json:"concurrency,omitempty"`
	UserAgent    string `json:"user_agent,omitempty"`
	IgnoreRobots bool   `json:"ignore_robots,omitempty"`
	AllowPrivate bool   `json:"allow_private,omitempty"`
}

// Job is a crawl or re-crawl run by a server on behalf of the admin API or
// of a command that found the data directory owned by the server.
type Job struct {
	ID       string        `json:"id"`
	Request  JobRequest    `json:"request"`
	State    string        `json:"state"`
	Created  time.Time     `json:"created"`
	Started  *time.Time    `json:"started"`
	Finished *time.Time    `json:"finished"`
	Sites    []SiteSummary `json:"sites"`
	// Progress shows the sites of a running crawl job, updated as it goes;
	// it is empty once the job has finished (Sites has the totals).
	Progress []SiteProgress `json:"progress,omitempty"`
	Error    string         `json:"error,omitempty"`
}

// SiteProgress is a snapshot of one site of a running crawl job.
type SiteProgress struct {
	Site    string `json:"site"`
	Fetched int    `json:"fetched"`
	Failed  int    `json:"failed"`
	Queued  int    `json:"queued"`
}

// SiteSummary counts what one site's crawl did.
type SiteSummary struct {
	Site string `json:"site"`
	// Fetched counts the pages that answered (200 or 304).
	Fetched int `json:"fetched"`
	// New and Changed count the articles handed to the indexer.
	New     int `json:"new"`
	Changed int `json:"changed"`
	// Unchanged counts the pages that answered 304 or the same content.
	Unchanged int `json:"unchanged"`
	// Failed counts the pages that could not be fetched or stored.
	Failed int `json:"failed"`
	// Skipped counts the pages left out: robots.txt, not HTML, too
	// large, duplicates of a page already handed over.
	Skipped int `json:"skipped"`
	// Requests counts every HTTP request, retries, robots.txt, sitemaps
	// and feeds included; Conditional the ones with If-None-Match or
	// If-Modified-Since.
	Requests    int `json:"requests"`
	Conditional int `json:"conditional"`
	// Resumed reports that the run continued one that was interrupted.
	Resumed    bool  `json:"resumed"`
	DurationMS int64 `json:"duration_ms"`
}

// JobStats is what a job runner has done since it started, for /metrics.
type JobStats struct {
	// Jobs counts the jobs the runner remembers, by state (JobQueued,
	// JobRunning, JobDone, JobFailed).
	Jobs map[string]int
	// Started counts every job started since the runner began.
	Started int
	// Pages sums the site summaries of all finished crawl jobs; its Site
	// is empty.
	Pages SiteSummary
}
