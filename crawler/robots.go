package crawler

import (
	"strings"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsRules is what one host's robots.txt says for our user agent.
type robotsRules struct {
	group    *robotstxt.Group // nil: everything allowed
	sitemaps []string
}

// allowed reports whether a URL path (with its query) may be fetched.
func (r robotsRules) allowed(pathQuery string) bool {
	return r.group == nil || r.group.Test(pathQuery)
}

func (r robotsRules) crawlDelay() time.Duration {
	if r.group == nil {
		return 0
	}
	return r.group.CrawlDelay
}

// parseRobots reads a robots.txt answer. Following the robots exclusion
// standard (RFC 9309), a 4xx means no rules, and a file that cannot be
// parsed states none.
func parseRobots(status int, body []byte, agent string) robotsRules {
	if status >= 400 {
		return robotsRules{}
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		return robotsRules{}
	}
	return robotsRules{group: data.FindGroup(agent), sitemaps: data.Sitemaps}
}

// robotsAgent is the product token of a User-Agent, which robots.txt
// groups name: "KronikaBot" in "KronikaBot/0.2 (+https://…)".
func robotsAgent(ua string) string {
	tok := ua
	if i := strings.IndexAny(tok, "/ ;("); i > 0 {
		tok = tok[:i]
	}
	return strings.TrimSpace(tok)
}
