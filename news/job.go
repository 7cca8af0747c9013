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
// them when Sites and Seeds are empty), or a crawl of seed URLs.
type JobRequest struct {
	Kind     string   `json:"kind"`                // "recrawl", "crawl" or "reindex"
	Sites    []string `json:"sites,omitempty"`     // site profile names
	Seeds    []string `json:"seeds,omitempty"`     // start URLs (kind "crawl")
	MaxPages int      `json:"max_pages,omitempty"` // per site; 0 means no cap
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
	Error    string        `json:"error,omitempty"`
}

// SiteSummary counts what one site's crawl did.
type SiteSummary struct {
	Site       string `json:"site"`
	Fetched    int    `json:"fetched"`
	New        int    `json:"new"`
	Changed    int    `json:"changed"`
	Unchanged  int    `json:"unchanged"`
	Failed     int    `json:"failed"`
	Skipped    int    `json:"skipped"`
	DurationMS int64  `json:"duration_ms"`
}
