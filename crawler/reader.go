package crawler

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// Reader reads archived responses back into articles with the site
// profiles they were crawled with, for rebuilding the index offline.
type Reader struct {
	byHost map[string]*scope
	loc    *time.Location
}

// NewReader returns a reader for the given site profiles; pages on no
// profile's hosts are read with the generic extractor and filed under
// their host. loc is the time zone of dates printed without one (nil:
// Europe/Warsaw).
func NewReader(sites []Site, loc *time.Location) (*Reader, error) {
	if loc == nil {
		var err error
		if loc, err = time.LoadLocation("Europe/Warsaw"); err != nil {
			return nil, fmt.Errorf("load time zone: %w", err)
		}
	}
	rd := &Reader{byHost: map[string]*scope{}, loc: loc}
	for _, s := range sites {
		sc, err := compileSite(s)
		if err != nil {
			return nil, fmt.Errorf("site %q: %w", s.Name, err)
		}
		for h := range sc.hosts {
			if _, taken := rd.byHost[h]; !taken {
				rd.byHost[h] = sc
			}
		}
	}
	return rd, nil
}

// Read turns a stored response into the page the crawler would have
// handed over. ok is false for anything but an HTML article answered 200.
func (rd *Reader) Read(rec Record) (p Page, ok bool, err error) {
	if rec.Capture.Status != http.StatusOK {
		return Page{}, false, nil
	}
	if mt, _, err := mime.ParseMediaType(rec.Capture.ContentType); err == nil && mt != "text/html" && mt != "application/xhtml+xml" {
		return Page{}, false, nil
	}
	u, err := url.Parse(rec.Capture.URL)
	if err != nil || u.Host == "" {
		return Page{}, false, fmt.Errorf("capture %s@%d has no URL", rec.Capture.File, rec.Capture.Offset)
	}
	nu, err := url.Parse(NormalizeURL(u.String()))
	if err != nil || nu.Host == "" {
		return Page{}, false, nil
	}
	sc := rd.byHost[nu.Host]
	var rules *pageRules
	site := nu.Hostname()
	if sc != nil {
		rules, site = sc.rules, sc.site.Name
	}
	page, _, err := DecodeHTML(rec.Body, rec.Header.Get("Content-Type"))
	if err != nil {
		return Page{}, false, fmt.Errorf("decode %s: %w", rec.Capture.URL, err)
	}
	art, _, err := parseHTML(page, u, rd.loc, rules)
	if err != nil || !art.IsArticle {
		return Page{}, false, err
	}
	docURL := nu.String()
	if art.Canonical != "" {
		if cu, err := url.Parse(NormalizeURL(art.Canonical)); err == nil && cu.Host != "" && (cu.Host == nu.Host || (sc != nil && sc.onSite(cu))) {
			docURL = cu.String()
		}
	}
	return Page{Site: site, URL: docURL, Article: art, Capture: rec.Capture, Change: ChangeNew}, true, nil
}
