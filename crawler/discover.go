package crawler

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Entry is one URL announced by a sitemap or a feed.
type Entry struct {
	URL string
	// Lastmod is the newest of the entry's dates (lastmod, news
	// publication date, pubDate, updated); zero when it has none.
	Lastmod time.Time
	// Sitemap marks an entry of a sitemap index: another sitemap.
	Sitemap bool
}

// ParseDiscovery reads a sitemap (urlset or index, XML, gzipped or plain
// text), an RSS 1.0/2.0 feed or an Atom feed. Relative URLs are resolved
// against base. Dates without a zone are taken in loc.
func ParseDiscovery(body []byte, base *url.URL, loc *time.Location) ([]Entry, error) {
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("gunzip: %w", err)
		}
		unz, err := io.ReadAll(io.LimitReader(zr, maxXMLBody+1))
		if err != nil {
			return nil, fmt.Errorf("gunzip: %w", err)
		}
		if len(unz) > maxXMLBody {
			return nil, fmt.Errorf("gunzip: %w", errTooLarge)
		}
		body = unz
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] != '<' {
		return textSitemap(trimmed, base), nil
	}
	return xmlEntries(trimmed, base, loc)
}

// textSitemap reads a plain-text sitemap: one URL a line.
func textSitemap(body []byte, base *url.URL) []Entry {
	var out []Entry
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if u, err := base.Parse(line); err == nil {
			out = append(out, Entry{URL: u.String()})
		}
	}
	return out
}

// xmlEntries walks the XML token stream; only local element names count,
// so any namespace prefixes work.
func xmlEntries(body []byte, base *url.URL, loc *time.Location) ([]Entry, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var (
		out    []Entry
		cur    *Entry
		inItem bool
		field  string
		text   strings.Builder
		root   string
	)
	resolve := func(s string) string {
		s = strings.TrimSpace(s)
		if s == "" {
			return ""
		}
		u, err := base.Parse(s)
		if err != nil {
			return ""
		}
		return u.String()
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(out) > 0 {
				// A truncated or broken tail: keep what was read.
				break
			}
			return nil, fmt.Errorf("parse XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root == "" {
				root = name
			}
			switch name {
			case "url", "item", "entry":
				cur, inItem = &Entry{}, true
			case "sitemap":
				if root == "sitemapindex" {
					cur, inItem = &Entry{Sitemap: true}, true
				}
			case "link":
				if inItem && root == "feed" {
					rel := xmlAttr(t, "rel")
					if href := xmlAttr(t, "href"); href != "" && (rel == "" || rel == "alternate") && cur.URL == "" {
						cur.URL = resolve(href)
					}
				}
			}
			field = name
			text.Reset()
		case xml.CharData:
			if inItem {
				text.Write(t)
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if !inItem {
				continue
			}
			v := strings.TrimSpace(text.String())
			switch name {
			case "loc", "link":
				if cur.URL == "" && v != "" {
					cur.URL = resolve(v)
				}
			case "lastmod", "publication_date", "pubdate", "date", "updated", "published", "modified":
				if tm, ok := parseFeedDate(v, loc); ok && tm.After(cur.Lastmod) {
					cur.Lastmod = tm
				}
			case "url", "item", "entry", "sitemap":
				if cur.URL != "" {
					out = append(out, *cur)
				}
				cur, inItem = nil, false
			}
			if name == field {
				text.Reset()
			}
		}
	}
	return out, nil
}

func xmlAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// feedDateLayouts are the date forms of sitemaps (W3C datetime) and feeds
// (RFC 822 and its many variants, RFC 3339).
var feedDateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 -0700", "2 Jan 2006 15:04:05 -0700", "02 Jan 2006 15:04:05 -0700", time.RFC822Z, time.RFC822,
}

// parseFeedDate parses a sitemap or feed date; dates without a zone are
// taken in loc.
func parseFeedDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range feedDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return parseMachineDate(s, loc)
}

// xmlType reports whether a Content-Type names XML: a feed or a sitemap
// linked like a page.
func xmlType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/xml" || mt == "text/xml"
}

// readXML reads a sitemap or feed into links: pages on the site that its
// profile follows, and further sitemaps of the site.
func (r *siteRun) readXML(log *slog.Logger, body []byte, base *url.URL) []link {
	entries, err := ParseDiscovery(body, base, r.c.loc)
	if err != nil {
		log.Warn("unreadable sitemap or feed", "err", err)
		return nil
	}
	var out []link
	for _, e := range entries {
		n := NormalizeURL(e.URL)
		if n == "" {
			continue
		}
		u, err := url.Parse(n)
		if err != nil {
			continue
		}
		switch {
		case e.Sitemap:
			if r.sc.onSite(u) {
				out = append(out, link{url: n, kind: kindSitemap, force: true, lastmod: e.Lastmod})
			}
		case r.sc.inScope(u):
			out = append(out, link{url: n, lastmod: e.Lastmod})
		}
	}
	return out
}
