package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// newTestServer serves the API over a real index holding a few articles.
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	return newTestServerWith(t, nil)
}

// newTestServerWith is newTestServer with settings changed by configure.
func newTestServerWith(t *testing.T, configure func(*Config)) *httptest.Server {
	t.Helper()
	ix, an := testIndex(t)
	return newTestServerOf(t, ix, an, configure)
}

// newTestServerOf serves the API over ix, with settings changed by
// configure unless it is nil.
func newTestServerOf(t *testing.T, ix *index.Index, an *index.Analyzers, configure func(*Config)) *httptest.Server {
	t.Helper()
	cfg := Config{Index: ix, Analyzers: an, Version: "test"}
	if configure != nil {
		configure(&cfg)
	}
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// testIndex opens a real index in a temporary directory holding the
// articles of testdata/archive.json.
func testIndex(t *testing.T) (*index.Index, *index.Analyzers) {
	t.Helper()
	return testIndexOf(t, archiveDocs(t)...)
}

// archiveDocs reads the articles of testdata/archive.json.
func archiveDocs(t *testing.T) []news.Document {
	t.Helper()
	b, err := os.ReadFile("testdata/archive.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []news.Document
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}

// testIndexOf opens a real index in a temporary directory holding docs.
func testIndexOf(t *testing.T, docs ...news.Document) (*index.Index, *index.Analyzers) {
	t.Helper()
	ix, err := index.Open(t.TempDir()+"/index", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	an, err := index.NewAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	return ix, an
}

func get(t *testing.T, srv *httptest.Server, path string) (int, []byte, http.Header) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header
}

func TestSearchRoute(t *testing.T) {
	srv := newTestServer(t)
	code, body, _ := get(t, srv, "/api/v1/search?q=wizyta&facets=person,institution,place,month")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID, URL, Title, Snippet string
			People                  []string
		} `json:"hits"`
		Facets map[string][]struct {
			Value string
			Count int
		} `json:"facets"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Errorf("total = %d, want 2", res.Total)
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Snippet, "<mark>") {
			t.Errorf("snippet without mark: %q", h.Snippet)
		}
		if strings.Contains(h.Snippet, "<script>") {
			t.Errorf("snippet not escaped: %q", h.Snippet)
		}
	}
	for _, f := range []string{"person", "institution", "place", "month"} {
		if len(res.Facets[f]) == 0 {
			t.Errorf("facet %s empty", f)
		}
	}
	// Drill down by adding a filter.
	code, body, _ = get(t, srv, "/api/v1/search?q=wizyta&person="+url.QueryEscape("Hugues Labar"))
	if code != 200 || !strings.Contains(string(body), `"total":1`) {
		t.Errorf("drill-down: %d %s", code, body)
	}
}

func TestDocumentRoute(t *testing.T) {
	srv := newTestServer(t)
	id := news.DocumentID("http://kurier.test/walonia.html")
	code, body, _ := get(t, srv, "/api/v1/documents/"+id)
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	var d news.Document
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	if d.Title != "Delegacja z Walonii w Płocku" || len(d.Captures) != 1 || d.Captures[0].SHA256 != "abc" || d.Extraction.People[0].Name != "Hugues Labar" {
		t.Errorf("document = %+v", d)
	}
}

func TestErrors(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name, path string
		status     int
		code       string
	}{
		{"unbalanced quote", "/api/v1/search?q=" + url.QueryEscape(`"wizyta`), 400, "bad_request"},
		{"unbalanced paren", "/api/v1/search?q=" + url.QueryEscape(`(a OR b`), 400, "bad_request"},
		{"huge q", "/api/v1/search?q=" + strings.Repeat("a", 40<<10), 413, "too_large"},
		{"URL over the header limit", "/api/v1/search?q=" + strings.Repeat("a", 100<<10), 431, "headers_too_large"},
		{"invalid date", "/api/v1/search?from=2015-13-45", 400, "bad_request"},
		{"reversed dates", "/api/v1/search?from=2016-01-01&to=2015-01-01", 400, "bad_request"},
		{"negative page", "/api/v1/search?page=-1", 400, "bad_request"},
		{"page 0", "/api/v1/search?page=0", 400, "bad_request"},
		{"size 0", "/api/v1/search?size=0", 400, "bad_request"},
		{"negative size", "/api/v1/search?size=-1", 400, "bad_request"},
		{"export size 0", "/api/v1/export?size=0", 400, "bad_request"},
		{"page omitted", "/api/v1/search?q=wizyta", 200, ""},
		{"page empty", "/api/v1/search?q=wizyta&page=&size=", 200, ""},
		{"suggestions size 0", "/api/v1/entities?type=person&size=0", 400, "bad_request"},
		{"huge page", "/api/v1/search?page=999999999999999999999", 400, "bad_request"},
		{"deep page", "/api/v1/search?page=5000&size=100", 400, "bad_request"},
		{"size too big", "/api/v1/search?size=1000", 400, "bad_request"},
		{"unknown facet", "/api/v1/search?facets=colour", 400, "bad_request"},
		{"unknown sort", "/api/v1/search?sort=random", 400, "bad_request"},
		{"invalid utf-8", "/api/v1/search?q=%ff%fe", 400, "bad_request"},
		{"nul byte", "/api/v1/search?q=a%00b", 400, "bad_request"},
		{"repeated q", "/api/v1/search?q=a&q=b", 400, "bad_request"},
		{"injection-looking", "/api/v1/search?q=" + url.QueryEscape(`'; DROP TABLE docs; -- <script>`), 200, ""},
		{"field injection", "/api/v1/search?q=" + url.QueryEscape(`_id:* source:x`), 200, ""},
		{"unknown document", "/api/v1/documents/0123456789abcdef0123456789abcdef", 404, "not_found"},
		{"malformed document id", "/api/v1/documents/..%2F..%2Fetc", 404, "not_found"},
		{"unknown route", "/api/v1/nope", 404, "not_found"},
		{"wrong method", "/api/v1/analyze", 405, "method_not_allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := get(t, srv, tt.path)
			if code != tt.status {
				t.Fatalf("status %d, want %d: %s", code, tt.status, body)
			}
			if tt.code == "" {
				return
			}
			var e errorBody
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("not a JSON error: %s", body)
			}
			if e.Error.Code != tt.code || e.Error.Message == "" {
				t.Errorf("error = %+v, want code %s with a message", e.Error, tt.code)
			}
		})
	}
}

func TestAnalyzeRoute(t *testing.T) {
	srv := newTestServer(t)
	post := func(body string) (int, string) {
		resp, err := http.Post(srv.URL+"/api/v1/analyze", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := post(`{"analyzer":"pl_folded","text":"w Płocku"}`)
	if code != 200 || !strings.Contains(body, `"plock"`) {
		t.Errorf("analyze: %d %s", code, body)
	}
	for _, bad := range []string{`{"analyzer":"klingon","text":"a"}`, `not json`, `{"text":` + `"` + strings.Repeat("a", 2<<20) + `"}`} {
		code, body := post(bad)
		if code != 400 && code != 413 {
			t.Errorf("analyze(%.40s) = %d %s", bad, code, body)
		}
	}
}

func TestHealth(t *testing.T) {
	srv := newTestServer(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, body, _ := get(t, srv, p); code != 200 {
			t.Errorf("%s: %d %s", p, code, body)
		}
	}
}

func TestWebUI(t *testing.T) {
	srv := newTestServer(t)
	code, body, h := get(t, srv, "/?q=wizyta")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Fatalf("search page: %d %s", code, h.Get("Content-Type"))
	}
	page := string(body)
	for _, want := range []string{"Delegacja z Walonii w Płocku", "<mark>", "Hugues Labar", "/?person=Hugues&#43;Labar&amp;q=wizyta", "&lt;script&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("search page renders a script from the text")
	}
	code, body, _ = get(t, srv, "/doc/"+news.DocumentID("http://kurier.test/walonia.html"))
	if code != 200 || !strings.Contains(string(body), "18-19 grudnia 2014 r.") || !strings.Contains(string(body), "sha256 abc") {
		t.Errorf("document page: %d", code)
	}
	code, body, _ = get(t, srv, "/?q=%22open")
	if code != 200 || !strings.Contains(string(body), "Cudzysłów otwarty na pozycji 1") || !strings.Contains(string(body), `value="&#34;open"`) {
		t.Errorf("bad query page: %d %s", code, body)
	}
}
