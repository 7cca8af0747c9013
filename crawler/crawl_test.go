package crawler

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fixtureSite serves testdata/site with the faults real sites have.
type fixtureSite struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string]int
	tooMany  atomic.Int32
}

func newFixtureSite(t *testing.T) *fixtureSite {
	t.Helper()
	f := &fixtureSite{requests: map[string]int{}}
	mux := http.NewServeMux()
	file := func(name, ctype string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			b, err := os.ReadFile(filepath.Join("testdata", "site", name))
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			w.Header().Set("Content-Type", ctype)
			w.Write(b)
		}
	}
	mux.HandleFunc("/robots.txt", file("robots.txt", "text/plain"))
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("strona") == "2" {
			file("strona2.html", "text/html; charset=utf-8")(w, r)
			return
		}
		file("index.html", "text/html; charset=utf-8")(w, r)
	})
	// The legacy page sends no charset in the header: only its <meta> says windows-1250.
	mux.HandleFunc("/wiadomosci/wizyta-delegacji.html", file("wizyta-delegacji.html", "text/html"))
	mux.HandleFunc("/wiadomosci/konferencja.html", file("konferencja.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/wiadomosci/stara-wiadomosc.html", file("stara-wiadomosc.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/wiadomosci/zepsuta.html", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/wiadomosci/przeciazona.html", func(w http.ResponseWriter, r *http.Request) {
		if f.tooMany.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		file("stara-wiadomosc.html", "text/html; charset=utf-8")(w, r)
	})
	mux.HandleFunc("/wiadomosci/petla.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/wiadomosci/petla.html", http.StatusFound)
	})
	mux.HandleFunc("/wiadomosci/olbrzymia.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>" + strings.Repeat("bardzo długi tekst ", 20000) + "</p></body></html>"))
	})
	mux.HandleFunc("/admin/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("robots.txt-disallowed %s was fetched", r.URL.Path)
	})
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests[r.URL.Path]++
		f.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fixtureSite) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[path]
}

type collected struct {
	mu    sync.Mutex
	pages map[string]Page
}

func (c *collected) HandlePages(_ context.Context, pages []Page) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range pages {
		if _, dup := c.pages[p.URL]; !dup {
			c.pages[p.URL] = p
		}
	}
	return nil
}

func TestCrawlFixtureSite(t *testing.T) {
	site := newFixtureSite(t)
	dataDir := t.TempDir()
	archive, state := openStore(t, dataDir)
	c, err := New(archive, state, WithAllowPrivate(true), WithRate(0), WithMaxBody(100<<10), WithRetries(1), WithBackoff(10*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	got := &collected{pages: map[string]Page{}}
	stats, err := c.Crawl(context.Background(), Site{Name: "testowa", Seeds: []string{site.URL + "/"}}, got)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	if err := archive.Close(); err != nil {
		t.Fatal(err)
	}

	var urls []string
	for u := range got.pages {
		urls = append(urls, strings.TrimPrefix(u, site.URL))
	}
	slices.Sort(urls)
	want := []string{"/wiadomosci/konferencja.html", "/wiadomosci/przeciazona.html", "/wiadomosci/stara-wiadomosc.html", "/wiadomosci/wizyta-delegacji.html"}
	if !slices.Equal(urls, want) {
		t.Errorf("articles = %q, want %q", urls, want)
	}
	if stats.New != len(want) {
		t.Errorf("stats.New = %d, want %d", stats.New, len(want))
	}
	// 500 (retried once) and the redirect loop fail; the oversize body
	// is skipped.
	if stats.Failed != 2 {
		t.Errorf("stats.Failed = %d, want 2 (%+v)", stats.Failed, stats)
	}
	if n := site.count("/wiadomosci/zepsuta.html"); n != 2 {
		t.Errorf("500 page fetched %d times, want 2 (one retry)", n)
	}
	if n := site.count("/wiadomosci/wizyta-delegacji.html"); n != 1 {
		t.Errorf("duplicate URL with tracking parameters fetched %d times, want 1", n)
	}
	if n := site.count("/raport.pdf"); n != 0 {
		t.Errorf("PDF fetched %d times", n)
	}

	legacy := got.pages[site.URL+"/wiadomosci/wizyta-delegacji.html"]
	a := legacy.Article
	if a.Title != "Wizyta delegacji z Walonii" {
		t.Errorf("legacy title = %q", a.Title)
	}
	if a.Section != "Gospodarka" {
		t.Errorf("legacy section = %q", a.Section)
	}
	if a.Published == nil || a.Published.Format(time.RFC3339) != "2015-01-08T13:52:00+01:00" {
		t.Errorf("legacy published = %v", a.Published)
	}
	if strings.Count(a.Text, "gościł przedstawiciela") != 1 {
		t.Errorf("repeated lead not dropped:\n%s", a.Text)
	}
	if !strings.Contains(a.Text, "Płockim Parku Przemysłowo –Technologicznym") {
		t.Errorf("windows-1250 text not decoded:\n%s", a.Text)
	}
	if strings.Contains(a.Text, "Czytaj też") {
		t.Errorf("boilerplate kept:\n%s", a.Text)
	}

	// Every article links to a readable capture with the raw bytes.
	raw, _ := os.ReadFile(filepath.Join("testdata", "site", "wizyta-delegacji.html"))
	rec, err := ReadRecord(dataDir, legacy.Capture)
	if err != nil {
		t.Fatalf("ReadRecord: %v", err)
	}
	if string(rec.Body) != string(raw) || rec.Capture.SHA256 != legacy.Capture.SHA256 || rec.Capture.Status != 200 {
		t.Errorf("capture does not hold the raw page: %d bytes, sha %s", len(rec.Body), rec.Capture.SHA256)
	}
	n := 0
	if _, err := Walk(dataDir, func(Record) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n < stats.Fetched {
		t.Errorf("archive holds %d records, fetched %d", n, stats.Fetched)
	}
}

func TestCrawlRefusesPrivateAddresses(t *testing.T) {
	// The configured site is on a loopback address, which it may use; a
	// redirect to another loopback address is refused.
	other := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("private address %s reached through a redirect", r.Host)
	}))
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no second loopback address: %v", err)
	}
	other.Listener = ln
	other.Start()
	defer other.Close()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, `<html><body><a href="/dalej.html">dalej</a></body></html>`)
		case "/dalej.html":
			http.Redirect(w, r, other.URL+"/tajne.html", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	archive, state := openStore(t, t.TempDir())
	c, err := New(archive, state, WithRate(0), WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	got := &collected{pages: map[string]Page{}}
	stats, err := c.Crawl(context.Background(), Site{Seeds: []string{site.URL + "/"}}, got)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Fetched != 1 || stats.Failed != 1 {
		t.Errorf("stats = %+v, want the start page fetched and the redirect refused", stats)
	}
}

func TestCrawlMaxPagesAndCancel(t *testing.T) {
	site := newFixtureSite(t)
	archive, state := openStore(t, t.TempDir())
	c, err := New(archive, state, WithAllowPrivate(true), WithRate(0))
	if err != nil {
		t.Fatal(err)
	}
	stats, err := c.Crawl(context.Background(), Site{Seeds: []string{site.URL + "/"}, MaxPages: 2}, &collected{pages: map[string]Page{}})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Fetched+stats.Failed > 2 {
		t.Errorf("fetched %d pages with MaxPages 2", stats.Fetched+stats.Failed)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Crawl(ctx, Site{Seeds: []string{site.URL + "/"}}, &collected{pages: map[string]Page{}}); err == nil {
		t.Error("cancelled crawl returned no error")
	}
}

// openStore opens an archive and a crawl state in dataDir, closed when
// the test ends.
func openStore(t testing.TB, dataDir string) (*Archive, *State) {
	t.Helper()
	archive, err := OpenArchive(dataDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	state, err := OpenState(dataDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		archive.Close()
		state.Close()
	})
	return archive, state
}
