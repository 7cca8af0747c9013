package crawler

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ssrfArticle is an article page; %s is its title.
const ssrfArticle = `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>%s</title>
<meta property="og:type" content="article"></head><body><article><h1>%s</h1>
<time datetime="2024-05-06T10:00:00+02:00">6 maja 2024</time>
<p>Rada gminy przyjęła budżet na przyszły rok i zdecydowała o remoncie szkoły podstawowej w centrum wsi.</p>
</article></body></html>`

// ssrfOther serves an article on another port of the loopback address and
// counts the requests that reach it, which must be none.
func ssrfOther(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, ssrfArticle, "Tajne", "Tajne")
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// ssrfSite is a site on a loopback address whose pages redirect to the
// given targets, by path, besides two articles of its own (one reached
// through a redirect on the site). It records the Host of every request.
type ssrfSite struct {
	*httptest.Server
	mu    sync.Mutex
	hosts map[string]int
}

func newSSRFSite(t *testing.T, redirects func(site *url.URL) map[string]string) *ssrfSite {
	t.Helper()
	s := &ssrfSite{hosts: map[string]int{}}
	var targets map[string]string
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hosts[r.Host]++
		s.mu.Unlock()
		if to, ok := targets[r.URL.Path]; ok {
			http.Redirect(w, r, to, http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			io.WriteString(w, `<html><body><ul>`)
			for path := range targets {
				fmt.Fprintf(w, `<li><a href="%s">%s</a></li>`, path, path)
			}
			io.WriteString(w, `<li><a href="/artykul.html">artykuł</a></li></ul></body></html>`)
		case "/artykul.html", "/artykul-2.html":
			fmt.Fprintf(w, ssrfArticle, r.URL.Path, r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	u, _ := url.Parse(s.URL)
	targets = redirects(u)
	targets["/przeniesiony"] = "/artykul-2.html"
	return s
}

// failures reads the JSON log of a crawl: the error of each page that
// failed, by URL.
func failures(t *testing.T, log []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(log))
	for sc.Scan() {
		var line struct{ Msg, URL, Err string }
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if line.Msg == "fetch failed" {
			out[line.URL] = line.Err
		}
	}
	return out
}

// connectGuard is the client's onConnect for tests: it records every
// address the policy lets through and refuses all but the servers' own,
// so that even a broken policy connects to nothing real.
type connectGuard struct {
	mu      sync.Mutex
	servers map[string]bool
	seen    []string
}

func newConnectGuard(servers ...*httptest.Server) *connectGuard {
	g := &connectGuard{servers: map[string]bool{}}
	for _, s := range servers {
		g.servers[s.Listener.Addr().String()] = true
	}
	return g
}

func (g *connectGuard) onConnect(address string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seen = append(g.seen, address)
	if !g.servers[address] {
		return fmt.Errorf("test guard: %s is not a test server", address)
	}
	return nil
}

// check fails the test if the policy let through any address but want.
func (g *connectGuard) check(t *testing.T, want string) {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, a := range g.seen {
		if a != want {
			t.Errorf("the policy let a connection to %s through, want only %s", a, want)
		}
	}
}

// TestCrawlSSRF crawls a site on 127.0.0.1 whose pages redirect to other
// ports, other names, cloud metadata and other internal addresses, with
// and without allow-private, with a profile that lists no other host and
// with one that lists the metadata addresses as the site's own (so that
// the redirect is followed and the dialer must refuse it): each redirect
// is a failed page, nothing of it is archived or indexed, nothing reaches
// the other port, and the site's own pages are crawled.
func TestCrawlSSRF(t *testing.T) {
	other, otherHits := ssrfOther(t)
	site := newSSRFSite(t, func(site *url.URL) map[string]string {
		return map[string]string{
			"/inny-port":    other.URL + "/artykul.html",
			"/inna-nazwa":   "http://localhost:" + site.Port() + "/artykul.html",
			"/dziesietny":   "http://2130706433:" + site.Port() + "/artykul.html",
			"/szesnastkowy": "http://0x7f.1:" + site.Port() + "/artykul.html",
			"/zmapowany":    "http://[::ffff:127.0.0.1]:" + site.Port() + "/artykul.html",
			"/metadane":     "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
			"/metadane-v4":  "http://[::ffff:169.254.169.254]/latest/meta-data/",
			"/alibaba":      "http://100.100.100.200/latest/meta-data/",
			"/google":       "http://metadata.google.internal/computeMetadata/v1/",
			"/cgnat":        "http://100.64.0.1/",
			"/prywatny":     "http://10.0.0.1/",
			"/6to4":         "http://[2002:a9fe:a9fe::1]/",
			"/inny-serwis":  "https://example.com/",
		}
	})
	// Redirects the profile lists as the site's own: followed, so only
	// the dialer stands between them and the address.
	listed := map[string]bool{"/metadane": true, "/alibaba": true, "/google": true}
	siteURL, _ := url.Parse(site.URL)
	for _, tc := range []struct {
		name         string
		allowPrivate bool
		hosts        []string
	}{
		{"without allow-private", false, nil},
		{"with allow-private", true, nil},
		{"without allow-private, metadata hosts listed", false, []string{"169.254.169.254", "100.100.100.200", "metadata.google.internal"}},
		{"with allow-private, metadata hosts listed", true, []string{"169.254.169.254", "100.100.100.200", "metadata.google.internal"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dataDir := t.TempDir()
			archive, state := openStore(t, dataDir)
			// The handler writes one record at a time under its own lock,
			// and the log is read once the crawl has returned.
			var log bytes.Buffer
			c, err := New(archive, state, WithAllowPrivate(tc.allowPrivate), WithRate(0), WithRetries(0),
				WithConnectTimeout(time.Second), WithLogger(slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{Level: slog.LevelWarn}))))
			if err != nil {
				t.Fatal(err)
			}
			guard := newConnectGuard(site.Server, other)
			c.client = newClient(5*time.Second, time.Second, guard.onConnect)
			got := &collected{pages: map[string]Page{}}
			start := time.Now()
			stats, err := c.Crawl(context.Background(), Site{Name: "gmina", Seeds: []string{site.URL + "/"}, Hosts: tc.hosts}, got)
			if err != nil {
				t.Fatal(err)
			}
			// Refusals are made before connecting: nothing waits for a
			// connect timeout or a real metadata service.
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("crawl took %v", took)
			}

			var indexed []string
			for u, p := range got.pages {
				indexed = append(indexed, strings.TrimPrefix(u, site.URL))
				if p.Site != "gmina" {
					t.Errorf("page %s indexed under %q", u, p.Site)
				}
			}
			if want := 2; len(indexed) != want || got.pages[site.URL+"/artykul.html"].URL == "" || got.pages[site.URL+"/artykul-2.html"].URL == "" {
				t.Errorf("got indexed %v, want /artykul.html and /artykul-2.html", indexed)
			}

			fails := failures(t, log.Bytes())
			for path := range fails {
				if !strings.HasPrefix(path, site.URL+"/") {
					t.Errorf("a fetch of %s failed, want only the site's redirecting pages", path)
				}
			}
			n := 0
			for _, path := range []string{"/inny-port", "/inna-nazwa", "/dziesietny", "/szesnastkowy", "/zmapowany", "/metadane",
				"/metadane-v4", "/alibaba", "/google", "/cgnat", "/prywatny", "/6to4", "/inny-serwis"} {
				n++
				msg, ok := fails[site.URL+path]
				if !ok {
					t.Errorf("%s: got no failure, want the redirect refused", path)
					continue
				}
				want := "not part of the site"
				if listed[path] && tc.hosts != nil {
					want = "refusing to connect"
				}
				if !strings.Contains(msg, want) {
					t.Errorf("%s: got %q, want an error with %q", path, msg, want)
				}
			}
			if stats.Failed != n {
				t.Errorf("got %d failed pages, want %d (%+v)", stats.Failed, n, stats)
			}

			// Nothing but the site's own answers is archived.
			if _, err := Walk(dataDir, func(r Record) error {
				u, err := url.Parse(r.Capture.URL)
				if err != nil || u.Host != siteURL.Host {
					t.Errorf("archived %s, want only the site's pages", r.Capture.URL)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			guard.check(t, siteURL.Host)
			if n := otherHits.Load(); n != 0 {
				t.Errorf("got %d requests on the other port, want 0", n)
			}
			site.mu.Lock()
			defer site.mu.Unlock()
			for host := range site.hosts {
				if host != siteURL.Host {
					t.Errorf("the site was asked for as %q, want only %q", host, siteURL.Host)
				}
			}
		})
	}
}

// TestClientAddressForms sends requests for every spelling of a refused
// address through the crawler's client, as a site's run does, and checks
// that each is refused by the policy, which acts before DNS or before the
// connection is made: no socket reaches a metadata service or another port.
func TestClientAddressForms(t *testing.T) {
	other, otherHits := ssrfOther(t)
	site := newSSRFSite(t, func(*url.URL) map[string]string { return map[string]string{} })
	siteURL, _ := url.Parse(site.URL)
	port := siteURL.Port()
	ipv6 := true
	if ln, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		ipv6 = false
	} else {
		ln.Close()
	}
	cases := []struct {
		url  string
		v6   bool // needs IPv6 sockets: the check runs on a created socket
		want bool // fetched
	}{
		{url: site.URL + "/artykul.html", want: true},
		{url: other.URL + "/"},
		{url: "http://localhost:" + port + "/"},
		{url: "http://[::ffff:127.0.0.1]:" + port + "/"},
		{url: "http://[::ffff:7f00:1]:" + port + "/"},
		{url: "http://2130706433:" + port + "/"},
		{url: "http://0x7f000001:" + port + "/"},
		{url: "http://0x7f.1:" + port + "/"},
		{url: "http://0177.0.0.1:" + port + "/"},
		{url: "http://127.1:" + port + "/"},
		{url: "http://127.0.0.1.:" + port + "/"},
		{url: "http://0:" + port + "/"},
		{url: "http://0.0.0.0:" + port + "/"},
		{url: "http://[::]:" + port + "/", v6: true},
		{url: "http://[::1]:" + port + "/", v6: true},
		{url: "http://169.254.169.254/latest/meta-data/"},
		{url: "http://[::ffff:169.254.169.254]/"},
		{url: "http://[::ffff:a9fe:a9fe]/"},
		{url: "http://[::169.254.169.254]/", v6: true},
		{url: "http://[64:ff9b::a9fe:a9fe]/", v6: true},
		{url: "http://[64:ff9b:1::a9fe:a9fe]/", v6: true},
		{url: "http://[2002:a9fe:a9fe::1]/", v6: true},
		{url: "http://[2001:0:4136:e378:8000:63bf:5601:5601]/", v6: true},
		{url: "http://100.100.100.200/"},
		{url: "http://[fd00:ec2::254]/", v6: true},
		{url: "http://metadata.google.internal/computeMetadata/v1/"},
		{url: "http://[fe80::1%25lo]/", v6: true},
		{url: "http://255.255.255.255/"},
		{url: "http://224.0.0.1/"},
		{url: "http://240.0.0.1/"},
		{url: "http://10.0.0.1/"},
		{url: "http://172.16.0.1/"},
		{url: "http://192.168.0.1/"},
		{url: "http://100.64.0.1/"},
		{url: "http://198.18.0.1/"},
		{url: "http://[fc00::1]/", v6: true},
		{url: "http://[fec0::1]/", v6: true},
		{url: "http://192.0.0.192/"},
		{url: "http://192.0.2.1/"},
	}
	sc, err := compileSite(Site{Seeds: []string{site.URL + "/"}})
	if err != nil {
		t.Fatal(err)
	}
	guard := newConnectGuard(site.Server, other)
	client := newClient(5*time.Second, time.Second, guard.onConnect)
	for _, allowPrivate := range []bool{false, true} {
		ctx := context.WithValue(context.Background(), siteAccessKey{}, newSiteAccess(sc, allowPrivate))
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s allow-private=%v", tc.url, allowPrivate), func(t *testing.T) {
				if tc.v6 && !ipv6 {
					t.Skip("no IPv6 sockets")
				}
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, tc.url, nil)
				if err != nil {
					t.Fatal(err)
				}
				resp, err := client.Do(req)
				if resp != nil {
					resp.Body.Close()
				}
				if got := err == nil; got != tc.want {
					t.Fatalf("got fetched %v, want %v (%v)", got, tc.want, err)
				}
				if err != nil && !errors.Is(err, ErrPrivateAddress) {
					t.Errorf("got %v, want the address policy's refusal", err)
				}
			})
		}
	}
	guard.check(t, siteURL.Host)
	if n := otherHits.Load(); n != 0 {
		t.Errorf("got %d requests on the other port, want 0", n)
	}
}

func TestCheckRedirect(t *testing.T) {
	sc, err := compileSite(Site{Seeds: []string{"http://gazeta.example/"}, Hosts: []string{"m.gazeta.example"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.WithValue(context.Background(), siteAccessKey{}, newSiteAccess(sc, false))
	cases := []struct {
		name, from, to string
		want           error
	}{
		{"same host", "http://gazeta.example/a", "http://gazeta.example/b", nil},
		{"to https", "http://gazeta.example/a", "https://gazeta.example/a", nil},
		{"www. variant", "http://gazeta.example/a", "https://www.gazeta.example/a", nil},
		{"listed host", "http://gazeta.example/a", "https://m.gazeta.example/a", nil},
		{"another host", "http://gazeta.example/a", "https://inna.example/a", errOffSite},
		{"another port", "http://gazeta.example/a", "http://gazeta.example:8080/a", errOffSite},
		{"metadata", "http://gazeta.example/a", "http://169.254.169.254/", errOffSite},
		{"robots.txt to another host", "http://gazeta.example/robots.txt", "https://cdn.example/robots.txt", nil},
		{"not http", "http://gazeta.example/a", "ftp://gazeta.example/a", errScheme},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			from, _ := http.NewRequestWithContext(ctx, http.MethodGet, tc.from, nil)
			to, _ := http.NewRequestWithContext(ctx, http.MethodGet, tc.to, nil)
			if got := checkRedirect(to, []*http.Request{from}); !errors.Is(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
