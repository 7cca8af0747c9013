package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/news"
)

const testToken = "test-admin-token-0123456789"

// fakeJobs stands in for the command line's job runner at the Jobs seam.
type fakeJobs struct {
	mu   sync.Mutex
	jobs map[string]news.Job
}

func (f *fakeJobs) Start(_ context.Context, req news.JobRequest) (news.Job, error) {
	if req.Kind != "recrawl" && req.Kind != "crawl" {
		return news.Job{}, news.Errorf(news.EInvalid, "kind must be crawl or recrawl, not %q", req.Kind)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.jobs == nil {
		f.jobs = map[string]news.Job{}
	}
	id := fmt.Sprintf("job%d", len(f.jobs)+1)
	j := news.Job{ID: id, Request: req, State: news.JobQueued, Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Sites: []news.SiteSummary{}}
	f.jobs[id] = j
	return j, nil
}

func (f *fakeJobs) Job(id string) (news.Job, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	j, ok := f.jobs[id]
	if !ok {
		return news.Job{}, news.Errorf(news.ENotFound, "no job with id %q", id)
	}
	return j, nil
}

func (f *fakeJobs) Stats() JobStats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return JobStats{Jobs: map[string]int{news.JobQueued: len(f.jobs)}, Started: len(f.jobs), Pages: news.SiteSummary{Fetched: 7, New: 3}}
}

func withAdmin(jobs Jobs) func(*Config) {
	return func(c *Config) {
		c.Jobs = jobs
		c.AdminToken = testToken
	}
}

// do sends one request and returns status, body and headers.
func do(t *testing.T, srv *httptest.Server, method, path, body string, header map[string]string) (int, []byte, http.Header) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

var bearer = map[string]string{"Authorization": "Bearer " + testToken}

// TestResponsesMatchOpenAPI calls every route of the API, on success and
// error paths, and validates each real answer against the schema the
// OpenAPI description gives for its route and status.
func TestResponsesMatchOpenAPI(t *testing.T) {
	sp := loadSpec(t)
	srv := newTestServerWith(t, withAdmin(&fakeJobs{}))
	walonia := news.DocumentID("http://kurier.test/walonia.html")
	tests := []struct {
		method, path, template, body string
		header                       map[string]string
		status                       int
	}{
		{"GET", "/api/v1/search?q=wizyta&facets=person,institution,place,site,category,month,event_month", "/api/v1/search", "", nil, 200},
		{"GET", "/api/v1/search?person=Hugues+Labar&sort=date", "/api/v1/search", "", nil, 200},
		{"GET", "/api/v1/search?q=%22open", "/api/v1/search", "", nil, 400},
		{"GET", "/api/v1/search?q=" + strings.Repeat("x", 40<<10), "/api/v1/search", "", nil, 413},
		{"GET", "/api/v1/documents/" + walonia, "/api/v1/documents/{id}", "", nil, 200},
		{"GET", "/api/v1/documents/" + news.DocumentID("http://trzeci.test/arkusz.html"), "/api/v1/documents/{id}", "", nil, 200},
		{"GET", "/api/v1/documents/0123456789abcdef0123456789abcdef", "/api/v1/documents/{id}", "", nil, 404},
		{"GET", "/api/v1/entities?type=person&prefix=Lab", "/api/v1/entities", "", nil, 200},
		{"GET", "/api/v1/entities?prefix=p", "/api/v1/entities", "", nil, 200},
		{"GET", "/api/v1/entities?type=colour", "/api/v1/entities", "", nil, 400},
		{"GET", "/api/v1/entities/person/Hugues%20Labar", "/api/v1/entities/{type}/{name}", "", nil, 200},
		{"GET", "/api/v1/entities/place/plock", "/api/v1/entities/{type}/{name}", "", nil, 200},
		{"GET", "/api/v1/entities/person/Nikt", "/api/v1/entities/{type}/{name}", "", nil, 404},
		{"GET", "/api/v1/entities/colour/x", "/api/v1/entities/{type}/{name}", "", nil, 400},
		{"GET", "/api/v1/export?format=pdf", "/api/v1/export", "", nil, 400},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", `{"analyzer":"pl","text":"wizytą w Płocku"}`, nil, 200},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", `{"analyzer":"klingon","text":"a"}`, nil, 400},
		{"POST", "/api/v1/analyze", "/api/v1/analyze", `{"text":"` + strings.Repeat("a", 2<<20) + `"}`, nil, 413},
		{"POST", "/api/v1/admin/recrawl", "/api/v1/admin/recrawl", `{"kind":"recrawl","sites":["kurier"]}`, bearer, 202},
		{"POST", "/api/v1/admin/recrawl", "/api/v1/admin/recrawl", ``, bearer, 202},
		{"POST", "/api/v1/admin/recrawl", "/api/v1/admin/recrawl", `{"kind":"dance"}`, bearer, 400},
		{"POST", "/api/v1/admin/recrawl", "/api/v1/admin/recrawl", `{}`, nil, 401},
		{"GET", "/api/v1/admin/jobs/job1", "/api/v1/admin/jobs/{id}", "", bearer, 200},
		{"GET", "/api/v1/admin/jobs/job99", "/api/v1/admin/jobs/{id}", "", bearer, 404},
		{"GET", "/api/v1/admin/jobs/job1", "/api/v1/admin/jobs/{id}", "", map[string]string{"Authorization": "Bearer wrong"}, 401},
		{"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", "", nil, 200},
		{"GET", "/healthz", "/healthz", "", nil, 200},
		{"GET", "/readyz", "/readyz", "", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+truncate(tt.path, 60)+" "+fmt.Sprint(tt.status), func(t *testing.T) {
			code, body, h := do(t, srv, tt.method, tt.path, tt.body, tt.header)
			if code != tt.status {
				t.Fatalf("status %d, want %d: %.300s", code, tt.status, body)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			sp.checkAnswer(t, tt.method, tt.template, tt.status, body)
		})
	}
	t.Run("export jsonl lines", func(t *testing.T) {
		code, body, _ := do(t, srv, "GET", "/api/v1/export?format=jsonl", "", nil)
		if code != 200 {
			t.Fatalf("status %d", code)
		}
		sp.checkLines(t, body, "#/components/schemas/ExportRecord", 3)
	})
}

// TestEveryRouteIsDescribed checks that the OpenAPI description lists
// every API route the engine serves, and nothing it does not serve.
func TestEveryRouteIsDescribed(t *testing.T) {
	sp := loadSpec(t)
	ix, an := testIndex(t)
	h, err := New(Config{Index: ix, Analyzers: an})
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`[:*]([a-z]+)`)
	served := map[string]bool{}
	for _, r := range h.(*gin.Engine).Routes() {
		if !strings.HasPrefix(r.Path, "/api/") && r.Path != "/healthz" && r.Path != "/readyz" && r.Path != "/metrics" {
			continue // the HTML web UI and its assets
		}
		p := param.ReplaceAllString(r.Path, "{$1}")
		served[strings.ToLower(r.Method)+" "+p] = true
	}
	described := map[string]bool{}
	for p, item := range sp.doc["paths"].(map[string]any) {
		for m := range item.(map[string]any) {
			described[m+" "+p] = true
		}
	}
	for r := range served {
		if !described[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for r := range described {
		if !served[r] {
			t.Errorf("openapi.json describes %s, which is not served", r)
		}
	}
}

func TestEntityRoutes(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name, path, want string
	}{
		{"autocomplete by surname", "/api/v1/entities?type=person&prefix=lab", `"entities":[{"type":"person","name":"Hugues Labar","count":1}]`},
		{"autocomplete folded", "/api/v1/entities?type=place&prefix=PLO", `"entities":[{"type":"place","name":"Płock","count":2}]`},
		{"autocomplete size", "/api/v1/entities?size=1", `"entities":[{"type":"place","name":"Płock","count":2}]`},
		{"page in any spelling", "/api/v1/entities/person/HUGUES%20LABAR", `"name":"Hugues Labar","key":"hugues labar","count":1`},
		{"page timeline", "/api/v1/entities/place/P%C5%82ock", `"timeline":[{"value":"2015-01","count":1}]`},
		{"page co-mentioned", "/api/v1/entities/place/Plock", `"person":[{"value":"-Anna Nowak","count":1},{"value":"Hugues Labar","count":1}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := get(t, srv, tt.path)
			if code != 200 || !strings.Contains(string(body), tt.want) {
				t.Errorf("got %d %s, want %s", code, body, tt.want)
			}
		})
	}
}

func TestFieldValueMatchesInflectedNames(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name, q string
		want    int
	}{
		{"genitive surname", "person:Labara", 1},
		{"inflected full name", `person:"Huguesa Labara"`, 1},
		{"no diacritics", "place:Plocku", 2},
		{"acronym", "institution:UMWM", 1},
		{"inflected institution", `institution:"Urzędu Marszałkowskiego"`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := get(t, srv, "/api/v1/search?q="+url.QueryEscape(tt.q))
			var res struct{ Total int }
			if code != 200 || json.Unmarshal(body, &res) != nil || res.Total != tt.want {
				t.Errorf("%s: %d %s, want total %d", tt.q, code, body, tt.want)
			}
		})
	}
}

func TestExportCSV(t *testing.T) {
	srv := newTestServer(t)
	code, body, h := get(t, srv, "/api/v1/export?sort=date")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q", ct)
	}
	if got := h.Get("X-Total-Count") + "/" + h.Get("X-Export-Count") + "/" + h.Get("X-Export-Truncated"); got != "3/3/false" {
		t.Errorf("total/count/truncated = %s, want 3/3/false", got)
	}
	if !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("Content-Disposition %q", h.Get("Content-Disposition"))
	}
	// Every line break is CRLF, inside quoted cells too.
	if !bytes.HasSuffix(body, []byte("\r\n")) || bytes.Count(body, []byte("\n")) != bytes.Count(body, []byte("\r\n")) {
		t.Errorf("want CRLF line breaks only:\n%q", body)
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180 CSV: %v", err)
	}
	if got := strings.Join(rows[0], ","); got != "id,url,title,site,category,published,people,institutions,places,fetched_at,sha256" {
		t.Errorf("header %s", got)
	}
	tests := []struct {
		name     string
		row, col int
		want     string
	}{
		{"oldest first", 1, 1, "http://kurier.test/walonia.html"},
		{"published", 1, 5, "2015-01-08T13:52:00+01:00"},
		{"capture time", 1, 9, "2024-01-02T03:04:05Z"},
		{"sha256", 1, 10, "abc"},
		{"latest capture", 2, 10, "d2c0ffee"},
		{"lists joined", 1, 7, "Urząd Marszałkowski Województwa Mazowieckiego"},
		{"formula title defused", 3, 2, "'=HYPERLINK(\"http://zly.test\",\"kliknij\"), \"cudzysłów\"\nw tytule"},
		{"formula category defused", 3, 4, "'=Opinie"},
		{"minus name defused", 3, 6, "'-Anna Nowak"},
		{"no published date", 3, 5, ""},
		{"no capture", 3, 9, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rows[tt.row][tt.col]; got != tt.want {
				t.Errorf("row %d col %d = %q, want %q", tt.row, tt.col, got, tt.want)
			}
		})
	}
}

func TestExportHonoursFilters(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name, query string
		want        []string
	}{
		{"query", "q=wizyta&sort=date", []string{"http://kurier.test/walonia.html", "http://portal.test/ciechanow.html"}},
		{"site", "site=portal", []string{"http://portal.test/ciechanow.html"}},
		{"place folded", "place=plock&sort=-date", []string{"http://kurier.test/walonia.html", "http://trzeci.test/arkusz.html"}},
		{"dates", "from=2019&to=2019", []string{"http://portal.test/ciechanow.html"}},
		{"event dates", "event_from=2014-12-19&event_to=2014-12-31", []string{"http://kurier.test/walonia.html"}},
		{"query and person", "q=wizyta&person=hugues+labar", []string{"http://kurier.test/walonia.html"}},
		{"nothing", "q=kosmos", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := get(t, srv, "/api/v1/export?format=jsonl&"+tt.query)
			if code != 200 {
				t.Fatalf("status %d: %s", code, body)
			}
			var got []string
			sc := bufio.NewScanner(bytes.NewReader(body))
			for sc.Scan() {
				var r struct{ URL string }
				if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
					t.Fatal(err)
				}
				got = append(got, r.URL)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("exported %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAdminRoutes(t *testing.T) {
	t.Run("no job runner", func(t *testing.T) {
		srv := newTestServerWith(t, withAdmin(nil))
		if code, body, _ := do(t, srv, "POST", "/api/v1/admin/recrawl", "{}", bearer); code != 503 {
			t.Errorf("got %d %s", code, body)
		}
	})
	jobs := &fakeJobs{}
	srv := newTestServerWith(t, func(c *Config) {
		withAdmin(jobs)(c)
		c.LocalToken = localToken
	})
	tests := []struct {
		name, method, path, body, auth string
		status                         int
	}{
		{"no header", "POST", "/api/v1/admin/recrawl", "{}", "", 401},
		{"wrong token", "POST", "/api/v1/admin/recrawl", "{}", "Bearer nope", 401},
		{"token prefix", "POST", "/api/v1/admin/recrawl", "{}", "Bearer " + testToken[:10], 401},
		{"basic scheme", "POST", "/api/v1/admin/recrawl", "{}", "Basic " + testToken, 401},
		{"admin token", "POST", "/api/v1/admin/recrawl", `{"kind":"crawl","seeds":["http://kurier.test/"]}`, "Bearer " + testToken, 202},
		{"local token", "POST", "/api/v1/admin/recrawl", "", "bearer " + localToken, 202},
		{"unknown field", "POST", "/api/v1/admin/recrawl", `{"knid":"crawl"}`, "Bearer " + testToken, 400},
		{"two objects", "POST", "/api/v1/admin/recrawl", `{} {}`, "Bearer " + testToken, 400},
		{"not json", "POST", "/api/v1/admin/recrawl", `kind=crawl`, "Bearer " + testToken, 400},
		{"huge body", "POST", "/api/v1/admin/recrawl", `{"seeds":["` + strings.Repeat("a", 2<<20) + `"]}`, "Bearer " + testToken, 413},
		{"follow", "GET", "/api/v1/admin/jobs/job1", "", "Bearer " + testToken, 200},
		{"follow unknown", "GET", "/api/v1/admin/jobs/" + strings.Repeat("z", 100), "", "Bearer " + testToken, 404},
		{"follow without token", "GET", "/api/v1/admin/jobs/job1", "", "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tt.auth != "" {
				hdr["Authorization"] = tt.auth
			}
			code, body, h := do(t, srv, tt.method, tt.path, tt.body, hdr)
			if code != tt.status {
				t.Fatalf("status %d, want %d: %.200s", code, tt.status, body)
			}
			if code == 401 && h.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if code == 202 && !strings.HasPrefix(h.Get("Location"), "/api/v1/admin/jobs/") {
				t.Errorf("Location %q", h.Get("Location"))
			}
		})
	}
	j, err := jobs.Job("job1")
	if err != nil || j.Request.Kind != "crawl" || j.Request.Seeds[0] != "http://kurier.test/" {
		t.Errorf("job1 = %+v, %v", j, err)
	}
	if j, _ := jobs.Job("job2"); j.Request.Kind != "recrawl" {
		t.Errorf("an empty body should ask for a recrawl, got %+v", j.Request)
	}
}

func TestMetrics(t *testing.T) {
	srv := newTestServerWith(t, withAdmin(&fakeJobs{}))
	get(t, srv, "/api/v1/search?q=wizyta")
	get(t, srv, "/api/v1/search?q=%22")
	get(t, srv, "/no/such/page/12345")
	do(t, srv, "POST", "/api/v1/admin/recrawl", "{}", bearer)
	code, body, _ := get(t, srv, "/metrics")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{
		`kronika_http_requests_total{method="GET",route="/api/v1/search",status="200"} 1`,
		`kronika_http_requests_total{method="GET",route="/api/v1/search",status="400"} 1`,
		`kronika_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`kronika_http_request_duration_seconds_bucket{method="GET",route="/api/v1/search",status="200",le="+Inf"} 1`,
		`kronika_index_documents 3`,
		`kronika_postings_cache_budget_bytes 2.68435456e+08`,
		`kronika_postings_cache_lookups_total{result="load"} 0`,
		`kronika_jobs{state="queued"} 1`,
		`kronika_jobs_started_total 1`,
		`kronika_crawl_pages_total{outcome="fetched"} 7`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(string(body), "12345") {
		t.Error("a raw path became a label value")
	}
}

func TestRateLimit(t *testing.T) {
	srv := newTestServerWith(t, func(c *Config) { c.RateLimit, c.RateBurst = 0.01, 2 })
	var codes []int
	for range 3 {
		code, _, h := get(t, srv, "/api/v1/search")
		codes = append(codes, code)
		if code == 429 && h.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	if fmt.Sprint(codes) != "[200 200 429]" {
		t.Errorf("codes %v, want [200 200 429]", codes)
	}
	// Probes are never limited.
	for range 3 {
		if code, _, _ := get(t, srv, "/healthz"); code != 200 {
			t.Errorf("healthz %d under the rate limit", code)
		}
	}
	// A forged X-Forwarded-For does not buy a new bucket.
	if code, _, _ := do(t, srv, "GET", "/api/v1/search", "", map[string]string{"X-Forwarded-For": "10.9.8.7"}); code != 429 {
		t.Errorf("forged X-Forwarded-For got %d", code)
	}
}

// TestHostileInputs sends malformed and malicious input to every route:
// each answer is a 4xx with the JSON error model, or a 200, never a 5xx.
func TestHostileInputs(t *testing.T) {
	srv := newTestServerWith(t, withAdmin(&fakeJobs{}))
	hostile := []string{
		`"unbalanced`, `((a OR b)`, `a OR`, `NOT`, `-`, `*`, `a~x`, `person:`, `title:"`, `)`,
		strings.Repeat("(", 500), strings.Repeat("a ", 3000), strings.Repeat("ż", 1000),
		"\xff\xfe", "a\x00b", `'; DROP TABLE docs; --`, `<script>alert(1)</script>`, `{{.}}`, `${jndi:ldap://x}`,
		`_id:* source:x`, `%00`, `../../etc/passwd`, "\u202e\u200b", `=cmd|' /C calc'!A0`,
	}
	routes := []string{
		"/api/v1/search?q=%s", "/api/v1/search?person=%s", "/api/v1/search?from=%s", "/api/v1/search?to=%s",
		"/api/v1/search?event_from=%s", "/api/v1/search?page=%s", "/api/v1/search?size=%s", "/api/v1/search?facets=%s",
		"/api/v1/search?sort=%s", "/api/v1/export?q=%s", "/api/v1/export?format=%s", "/api/v1/entities?prefix=%s",
		"/api/v1/entities?type=%s", "/api/v1/entities?size=%s", "/api/v1/entities/person/%s", "/api/v1/documents/%s",
		"/api/v1/admin/jobs/%s", "/?q=%s", "/doc/%s",
	}
	for _, route := range routes {
		for _, in := range hostile {
			path := fmt.Sprintf(route, url.QueryEscape(in))
			if strings.Contains(route, "/%s") {
				path = fmt.Sprintf(route, url.PathEscape(in))
			}
			code, body, _ := do(t, srv, "GET", path, "", bearer)
			if code >= 500 {
				t.Errorf("GET %s: %d %.200s", truncate(path, 80), code, body)
				continue
			}
			if code >= 400 && strings.HasPrefix(path, "/api/") {
				var e errorBody
				if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
					t.Errorf("GET %s: %d without the error model: %.200s", truncate(path, 80), code, body)
				}
			}
		}
	}
	for _, body := range []string{"", "null", "[]", `{"text":1}`, `{"analyzer":"\u0000"}`, strings.Repeat("[", 10000), `{"text":"\xff"}`} {
		for _, path := range []string{"/api/v1/analyze", "/api/v1/admin/recrawl"} {
			if code, b, _ := do(t, srv, "POST", path, body, bearer); code >= 500 {
				t.Errorf("POST %s %.20q: %d %s", path, body, code, b)
			}
		}
	}
}

func TestRepeatedParameters(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name, query string
		status      int
	}{
		{"repeated q", "q=a&q=b", 400},
		{"repeated size", "size=1&size=2", 400},
		{"repeated sort", "sort=date&sort=-date", 400},
		{"repeated site is a list", "site=kurier&site=portal", 200},
		{"repeated facets", "facets=person&facets=place,person", 200},
		{"unknown parameter ignored", "utm_source=x&q=wizyta", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, route := range []string{"/api/v1/search?", "/api/v1/export?"} {
				if code, body, _ := get(t, srv, route+tt.query); code != tt.status {
					t.Errorf("%s%s: %d %s", route, tt.query, code, body)
				}
			}
		})
	}
}
