package crawler

import (
	"net/url"
	"path"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "_ga": true, "ref": true, "ref_src": true,
}

// skippedExtensions are links that never lead to HTML pages.
var skippedExtensions = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true,
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".odt": true,
	".zip": true, ".rar": true, ".mp3": true, ".mp4": true, ".avi": true, ".css": true, ".js": true,
	".ico": true, ".xml": true, ".rss": true, ".json": true,
}

// NormalizeURL returns the canonical form of a URL for deduplication:
// lowercase scheme and host, no default port, no fragment, no tracking
// parameters, sorted query, and a path cleaned of dot segments. It
// returns "" for anything but absolute http(s) URLs.
func NormalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		u.Host = u.Hostname()
	}
	u.Fragment = ""
	u.RawFragment = ""
	u.User = nil
	if u.Path == "" {
		u.Path = "/"
	} else {
		trailing := strings.HasSuffix(u.Path, "/")
		u.Path = path.Clean(u.Path)
		if trailing && u.Path != "/" {
			u.Path += "/"
		}
	}
	u.RawPath = ""
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
				q.Del(k)
			}
		}
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			vs := q[k]
			sort.Strings(vs)
			for _, v := range vs {
				if b.Len() > 0 {
					b.WriteByte('&')
				}
				b.WriteString(url.QueryEscape(k))
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
		u.RawQuery = b.String()
	}
	u.ForceQuery = false
	return u.String()
}

// crawlable reports whether a normalised URL may lead to an HTML page.
func crawlable(u *url.URL) bool {
	return !skippedExtensions[strings.ToLower(path.Ext(u.Path))]
}
