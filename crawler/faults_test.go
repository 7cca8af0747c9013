package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/kronika/kronika/crawler/crawltest"
)

// articleHTML is a small article page whose text the fault cases check.
const articleHTML = `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Wizyta w Płocku | Gazeta</title>
<meta property="og:type" content="article"></head><body><nav><a href="/">Start</a></nav>
<article><h1>Wizyta w Płocku</h1><time datetime="2024-05-06T10:00:00+02:00">6 maja 2024</time>
<p>Delegacja z Walonii odwiedziła Płock i spotkała się z władzami miasta, aby rozmawiać o współpracy gospodarczej regionów.</p>
<p>Rozmowy dotyczyły przemysłu chemicznego, parków technologicznych i wymiany studentów między uczelniami obu krajów.</p>
</article><footer>Stopka</footer></body></html>`

// faultCase is one misbehaving page at /strona.html.
type faultCase struct {
	name string
	// serve answers the n-th request (from 1) for the page.
	serve func(w http.ResponseWriter, r *http.Request, n int)
	opts  []Option
	// want is the page's fate; requests how often it may be asked for.
	want     outcome
	requests int
	// text must be in the article's text, when one is expected.
	text    string
	minTime time.Duration
}

func writeHTML(w http.ResponseWriter, ctype, body string) {
	w.Header().Set("Content-Type", ctype)
	io.WriteString(w, body)
}

func TestFaults(t *testing.T) {
	cp1250, _ := charmap.Windows1250.NewEncoder().String(articleHTML)
	cases := []faultCase{
		{
			name: "429 with Retry-After seconds",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", "1")
					http.Error(w, "zwolnij", http.StatusTooManyRequests)
					return
				}
				writeHTML(w, "text/html; charset=utf-8", articleHTML)
			},
			want: outcomeFetched, requests: 2, text: "Delegacja z Walonii", minTime: time.Second,
		},
		{
			name: "503 with Retry-After date",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
					http.Error(w, "przerwa techniczna", http.StatusServiceUnavailable)
					return
				}
				writeHTML(w, "text/html; charset=utf-8", articleHTML)
			},
			want: outcomeFetched, requests: 2, text: "Delegacja z Walonii", minTime: time.Second,
		},
		{
			name: "500 every time: retries are capped",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				http.Error(w, "błąd", http.StatusInternalServerError)
			},
			opts: []Option{WithRetries(2)},
			want: outcomeFailed, requests: 3,
		},
		{
			name: "404 is not retried",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				http.NotFound(w, r)
			},
			want: outcomeFailed, requests: 1,
		},
		{
			name: "timeout",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				select {
				case <-time.After(3 * time.Second):
				case <-r.Context().Done():
				}
			},
			opts: []Option{WithTimeout(200 * time.Millisecond), WithRetries(1)},
			want: outcomeFailed, requests: 2,
		},
		{
			name: "connection reset, then an answer",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					conn, _, err := w.(http.Hijacker).Hijack()
					if err == nil {
						conn.(*net.TCPConn).SetLinger(0)
						conn.Close()
					}
					return
				}
				writeHTML(w, "text/html; charset=utf-8", articleHTML)
			},
			want: outcomeFetched, requests: 2, text: "Delegacja z Walonii",
		},
		{
			name: "redirect loop",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				http.Redirect(w, r, "/strona.html", http.StatusFound)
			},
			want: outcomeFailed, requests: maxRedirects,
		},
		{
			name: "huge body announced",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "text/html")
				w.Header().Set("Content-Length", fmt.Sprint(1<<30))
				io.WriteString(w, "<html>")
			},
			opts: []Option{WithMaxBody(64 << 10)},
			want: outcomeSkipped, requests: 1,
		},
		{
			name: "huge body streamed",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "text/html")
				chunk := strings.Repeat("<p>bardzo długi tekst</p>", 1000)
				for range 100 {
					if _, err := io.WriteString(w, chunk); err != nil {
						return
					}
				}
			},
			opts: []Option{WithMaxBody(64 << 10)},
			want: outcomeSkipped, requests: 1,
		},
		{
			name: "truncated body, then whole",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				if n == 1 {
					w.Header().Set("Content-Length", fmt.Sprint(len(articleHTML)))
					io.WriteString(w, articleHTML[:200])
					return
				}
				io.WriteString(w, articleHTML)
			},
			want: outcomeFetched, requests: 2, text: "wymiany studentów",
		},
		{
			name: "gzip",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
					writeHTML(w, "text/html; charset=utf-8", articleHTML)
					return
				}
				var buf bytes.Buffer
				zw := gzip.NewWriter(&buf)
				io.WriteString(zw, articleHTML)
				zw.Close()
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(buf.Bytes())
			},
			want: outcomeFetched, requests: 1, text: "Delegacja z Walonii",
		},
		{
			name: "malformed HTML",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				writeHTML(w, "text/html", `<title>Wizyta</title><div><article><h1>Wizyta w Płocku</h1><time datetime="2024-05-06">6 maja</div>
<p>Delegacja z Walonii odwiedziła Płock i spotkała się z władzami miasta, aby rozmawiać o współpracy<b> gospodarczej</i> regionów.
<p>Rozmowy dotyczyły przemysłu chemicznego, parków technologicznych i wymiany studentów między uczelniami obu krajów.</table></span>`)
			},
			want: outcomeFetched, requests: 1, text: "wymiany studentów",
		},
		{
			name: "windows-1250 page labelled UTF-8",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				writeHTML(w, "text/html; charset=utf-8", cp1250)
			},
			want: outcomeFetched, requests: 1, text: "Delegacja z Walonii odwiedziła Płock",
		},
		{
			name: "UTF-8 page labelled ISO-8859-2",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				writeHTML(w, "text/html; charset=iso-8859-2", articleHTML)
			},
			want: outcomeFetched, requests: 1, text: "Delegacja z Walonii odwiedziła Płock",
		},
		{
			name: "not HTML",
			serve: func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "image/png")
				w.Write([]byte("\x89PNG\r\n\x1a\n"))
			},
			want: outcomeSkipped, requests: 1,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/strona.html" {
					http.NotFound(w, r)
					return
				}
				tc.serve(w, r, int(hits.Add(1)))
			}))
			defer srv.Close()
			archive, state := openStore(t, t.TempDir())
			opts := append([]Option{WithRate(0), WithIgnoreRobots(true), WithBackoff(50 * time.Millisecond)}, tc.opts...)
			c, err := New(archive, state, opts...)
			if err != nil {
				t.Fatal(err)
			}
			rec := &recorder{}
			start := time.Now()
			st, err := c.Crawl(context.Background(), Site{Name: "awarie", Seeds: []string{srv.URL + "/strona.html"}}, rec)
			if err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			got := outcomeCancelled
			switch {
			case st.Fetched == 1:
				got = outcomeFetched
			case st.Failed == 1:
				got = outcomeFailed
			case st.Skipped == 1:
				got = outcomeSkipped
			}
			if got != tc.want {
				t.Errorf("stats %+v, want outcome %d", st, tc.want)
			}
			if n := int(hits.Load()); n != tc.requests {
				t.Errorf("page requested %d times, want %d", n, tc.requests)
			}
			if took < tc.minTime {
				t.Errorf("took %s, want at least %s (Retry-After)", took, tc.minTime)
			}
			pages := rec.take()
			if tc.text == "" {
				if len(pages) != 0 {
					t.Errorf("handed %d pages, want none", len(pages))
				}
				return
			}
			if len(pages) != 1 {
				t.Fatalf("handed %d pages, want 1", len(pages))
			}
			if !strings.Contains(pages[0].Article.Text, tc.text) {
				t.Errorf("text lacks %q:\n%s", tc.text, pages[0].Article.Text)
			}
		})
	}
}

func TestRobots(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		if strings.HasPrefix(r.URL.Path, "/a") {
			times = append(times, time.Now())
		}
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			io.WriteString(w, "User-agent: *\nDisallow: /tajne\nCrawl-delay: 0.3\n\nUser-agent: KronikaBot\nDisallow: /tajne\nDisallow: /*?druk=\nCrawl-delay: 0.3\n")
		case "/":
			writeHTML(w, "text/html", `<a href="/a1">1</a> <a href="/a2">2</a> <a href="/a3">3</a> <a href="/tajne/x.html">x</a> <a href="/a1?druk=1">druk</a>`)
		default:
			writeHTML(w, "text/html", "<p>strona</p>")
		}
	}))
	defer srv.Close()
	archive, state := openStore(t, t.TempDir())
	c, err := New(archive, state, WithRate(0), WithConcurrency(3))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Crawl(context.Background(), Site{Seeds: []string{srv.URL + "/"}}, &recorder{})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/tajne/x.html"] != 0 || hits["/a1"] != 1 {
		t.Errorf("requests %v; want nothing disallowed fetched", hits)
	}
	if st.Skipped < 2 {
		t.Errorf("stats %+v: the disallowed pages are not counted as skipped", st)
	}
	if len(times) != 3 {
		t.Fatalf("fetched %d pages, want 3", len(times))
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 250*time.Millisecond {
			t.Errorf("requests %s apart, Crawl-delay asks 300ms", gap)
		}
	}
}

func TestCancelAndResume(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 60, Latency: 5 * time.Millisecond, Seed: 1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The crawl is cancelled once 25 articles have been fetched.
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gen.ServeHTTP(w, r)
		if gen.Counts().Articles >= 25 {
			once.Do(cancel)
		}
	}))
	defer srv.Close()
	archive, state := openStore(t, t.TempDir())
	c, err := New(archive, state, WithRate(0), WithConcurrency(3), WithBatchSize(8))
	if err != nil {
		t.Fatal(err)
	}
	site := Site{Name: "kurier", Seeds: []string{srv.URL + "/"}}
	rec := &recorder{}
	st, err := c.Crawl(ctx, site, rec)
	if err == nil {
		t.Fatalf("crawl finished before it was cancelled: %+v", st)
	}
	first := len(rec.pages)
	if first == 0 || first == 60 {
		t.Fatalf("handed %d articles before the cancel; the test needs some, not all", first)
	}
	st, err = c.Crawl(context.Background(), site, rec)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Resumed {
		t.Errorf("second crawl did not resume: %+v", st)
	}
	seen := map[string]int{}
	for _, p := range rec.take() {
		seen[p.URL]++
	}
	if len(seen) != 60 {
		t.Errorf("handed %d distinct articles, want 60", len(seen))
	}
	for u, n := range seen {
		if n != 1 {
			t.Errorf("%s handed %d times", u, n)
		}
	}
	if n := gen.Counts().Articles; n > 60+3 {
		t.Errorf("%d article requests for 60 articles: more than the 3 in flight at the cancel were fetched again", n)
	}
}

// TestHandlerFailureReplays stops a crawl whose handler fails: the
// articles stay pending, and the next run hands them over from their
// captures without fetching them again.
func TestHandlerFailureReplays(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 10, Seed: 2})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	archive, state := openStore(t, t.TempDir())
	c, err := New(archive, state, WithRate(0))
	if err != nil {
		t.Fatal(err)
	}
	site := Site{Name: "kurier", Seeds: []string{srv.URL + "/"}}
	failing := HandlerFunc(func(context.Context, []Page) error { return errors.New("dysk pełny") })
	if _, err := c.Crawl(context.Background(), site, failing); err == nil || !strings.Contains(err.Error(), "dysk pełny") {
		t.Fatalf("crawl with a failing handler: %v", err)
	}
	before := gen.Counts().Articles
	rec := &recorder{}
	st, err := c.Crawl(context.Background(), site, rec)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range rec.take() {
		if seen[p.URL] {
			t.Errorf("%s handed twice", p.URL)
		}
		seen[p.URL] = true
		if p.Article.Title == "" || p.Capture.RecordID == "" {
			t.Errorf("replayed page %s lacks its article or capture", p.URL)
		}
	}
	if len(seen) != 10 || st.New != 10 {
		t.Errorf("second run handed %d articles (stats %+v), want all 10", len(seen), st)
	}
	if refetched := gen.Counts().Articles - before; refetched > 10-min(before, 10) {
		t.Errorf("%d articles fetched again after %d were archived", refetched, before)
	}
}
