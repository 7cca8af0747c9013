package crawler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/temoto/robotstxt"
)

// maxRobotsBytes caps a robots.txt body.
const maxRobotsBytes = 512 << 10

// robotsRules is what one host's robots.txt says for our user agent.
type robotsRules struct {
	group *robotstxt.Group // nil: everything allowed
}

func (r robotsRules) allowed(path string) bool {
	return r.group == nil || r.group.Test(path)
}

func (r robotsRules) crawlDelay() time.Duration {
	if r.group == nil {
		return 0
	}
	return r.group.CrawlDelay
}

// fetchRobots reads base's robots.txt. Following the robots exclusion
// standard (RFC 9309): a 4xx means no rules; a 5xx or a network failure
// means the site is unreachable, which the caller reports.
func (c *Crawler) fetchRobots(ctx context.Context, base string, userAgent string) (robotsRules, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return robotsRules{}, fmt.Errorf("robots.txt request: %w", err)
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := c.client.Do(req)
	if err != nil {
		return robotsRules{}, fmt.Errorf("fetch robots.txt: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return robotsRules{}, fmt.Errorf("fetch robots.txt: HTTP %d", resp.StatusCode)
	case resp.StatusCode >= 400:
		return robotsRules{}, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return robotsRules{}, fmt.Errorf("read robots.txt: %w", err)
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		// An unparsable file states no rules.
		return robotsRules{}, nil
	}
	return robotsRules{group: data.FindGroup(userAgent)}, nil
}
