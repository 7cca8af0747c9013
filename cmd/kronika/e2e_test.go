package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/api"
	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/demosite"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

// TestEndToEnd serves the sample site with httptest, crawls it with the
// real crawler into a real index, and queries it through the HTTP API.
func TestEndToEnd(t *testing.T) {
	site, err := demosite.Load()
	if err != nil {
		t.Fatal(err)
	}
	var sites []crawler.Site
	bases := map[string]string{}
	for _, o := range site.Outlets() {
		srv := httptest.NewServer(o.Handler())
		t.Cleanup(srv.Close)
		bases[o.Name] = srv.URL
		sites = append(sites, crawler.Site{Name: o.Name, Seeds: []string{srv.URL + "/"}})
	}
	cfg := &Config{DataDir: t.TempDir(), LogFormat: "text", LogLevel: "error"}
	log := cfg.logger(io.Discard)
	ctx := context.Background()
	stats, err := ingest.CrawlSites(ctx, cfg.dir(), log, ingest.CrawlOptions{AllowPrivate: true, UserAgent: "kronika-test", Concurrency: 4}, nil, crawler.Full, sites)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	for _, s := range stats {
		if s.Failed != 0 {
			t.Errorf("%s: %d pages failed", s.Site, s.Failed)
		}
	}

	ix, err := cfg.dir().OpenIndex(ctx, index.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	// Every article of the sample site is indexed once, with the title,
	// date, section and text its page shows.
	want := site.Articles()
	res, err := ix.Search(ctx, index.Request{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if int(res.Total) != len(want) {
		t.Errorf("indexed %d documents, the sample site has %d articles", res.Total, len(want))
	}
	byURL := map[string]index.Hit{}
	for _, h := range res.Hits {
		byURL[h.URL] = h
	}
	for _, a := range want {
		u := bases[a.Outlet] + a.Path
		h, ok := byURL[u]
		if !ok {
			t.Errorf("article %s not indexed", u)
			continue
		}
		if h.Title != a.Title {
			t.Errorf("%s: title %q, want %q", u, h.Title, a.Title)
		}
		if h.Published == nil || !h.Published.Equal(a.Published) {
			t.Errorf("%s: published %v, want %v", u, h.Published, a.Published)
		}
		if h.Category != a.Section {
			t.Errorf("%s: category %q, want %q", u, h.Category, a.Section)
		}
		d, err := ix.Get(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := normSpace(d.Text)
		for _, p := range a.Paragraphs {
			if !strings.Contains(text, normSpace(p)) {
				t.Errorf("%s: text lacks paragraph %.60q", u, p)
				break
			}
		}
		if len(d.Captures) != 1 || d.Captures[0].SHA256 == "" || d.Captures[0].File == "" {
			t.Errorf("%s: captures %+v", u, d.Captures)
		}
	}

	an, err := index.NewAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	h, err := api.New(api.Config{Index: ix, Analyzers: an})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	var sr index.Result
	getJSON(t, srv.URL+"/api/v1/search?q=wizyta&facets=person,institution,place,site,month", &sr)
	if sr.Total < 5 {
		t.Errorf("q=wizyta: %d hits", sr.Total)
	}
	for _, f := range []string{"person", "institution", "place", "site", "month"} {
		if len(sr.Facets[f]) == 0 {
			t.Errorf("q=wizyta: facet %s is empty", f)
		}
	}
	// Drill down on the most frequent person: every hit names them.
	top := sr.Facets["person"][0]
	var drill index.Result
	getJSON(t, srv.URL+"/api/v1/search?q=wizyta&person="+url.QueryEscape(top.Value), &drill)
	if int(drill.Total) != top.Count {
		t.Errorf("person=%s: %d hits, facet said %d", top.Value, drill.Total, top.Count)
	}
	for _, hit := range drill.Hits {
		if !slices.Contains(hit.People, top.Value) {
			t.Errorf("person=%s: hit %s names %v", top.Value, hit.URL, hit.People)
		}
	}
}

// normSpace collapses runs of white space, non-breaking spaces included.
func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

type pipeWriter struct{ w *io.PipeWriter }

func (p pipeWriter) Write(b []byte) (int, error) { return p.w.Write(b) }

// TestDemoCommand runs `kronika demo` as a user would, queries its API,
// stops it, and checks that `kronika search` prints the same hits.
func TestDemoCommand(t *testing.T) {
	dir := t.TempDir()
	base, _, stop := startDemo(t, dir)
	var apiRes index.Result
	getJSON(t, base+"api/v1/search?q=wizyta&facets=person,institution,month", &apiRes)
	if apiRes.Total == 0 || len(apiRes.Facets["person"]) == 0 || len(apiRes.Facets["institution"]) == 0 || len(apiRes.Facets["month"]) == 0 {
		t.Errorf("demo API: %d hits, facets %v", apiRes.Total, apiRes.Facets)
	}
	resp, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "<form") {
		t.Errorf("web UI: %d", resp.StatusCode)
	}

	stop()

	var out, stderr bytes.Buffer
	code := Run(context.Background(), []string{"search", "--data", dir, "--json", "wizyta"},
		cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &stderr, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("search exited %d: %s", code, stderr.String())
	}
	var cliRes index.Result
	if err := json.Unmarshal(out.Bytes(), &cliRes); err != nil {
		t.Fatal(err)
	}
	ids := func(r index.Result) []string {
		var out []string
		for _, h := range r.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	if !slices.Equal(ids(cliRes), ids(apiRes)) || cliRes.Total != apiRes.Total {
		t.Errorf("search prints %v (%d), the API gave %v (%d)", ids(cliRes), cliRes.Total, ids(apiRes), apiRes.Total)
	}
}

// TestDemoTwice runs the demo twice over one data directory: the second
// run serves the sample outlets where the first did, so their articles
// keep their URLs and are found unchanged, not indexed a second time; and
// `kronika serve` over the directory serves the outlets too, so that the
// articles' source links open.
func TestDemoTwice(t *testing.T) {
	site, err := demosite.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := len(site.Articles())
	dir := filepath.Join(t.TempDir(), "not-yet") // the first run creates it
	for run := 1; run <= 2; run++ {
		_, n, stop := startDemo(t, dir)
		stop()
		if n != want {
			t.Errorf("demo run %d over one data directory: %d articles, want %d", run, n, want)
		}
	}
	rec := startServe(t, dir)
	var res index.Result
	getJSON(t, rec.Addr+"/api/v1/search?q=&size=1", &res)
	if res.Total != uint64(want) || len(res.Hits) != 1 {
		t.Fatalf("serve after two demos: %d documents, want %d", res.Total, want)
	}
	resp, err := http.Get(res.Hits[0].URL)
	if err != nil {
		t.Fatalf("source link %s: %v", res.Hits[0].URL, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("source link %s: %d", res.Hits[0].URL, resp.StatusCode)
	}
}

// startDemo runs `kronika demo` over dir on a free port and returns its
// base URL, the number of articles it says it indexed, and a function that
// stops it and checks that it exited cleanly.
func startDemo(t *testing.T, dir string) (base string, articles int, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"demo", "--addr", "127.0.0.1:0", "--data", dir, "--log-level", "warn"},
			cli.Env{Stdin: strings.NewReader(""), Stdout: pipeWriter{pw}, Stderr: &stderr, Getenv: func(string) string { return "" }})
		pw.Close()
	}()
	countRe := regexp.MustCompile(`Kronika demo: (\d+) articles`)
	urlRe := regexp.MustCompile(`Open (http://\S+/)`)
	sc := bufio.NewScanner(pr)
	deadline := time.AfterFunc(60*time.Second, func() { pw.CloseWithError(io.ErrUnexpectedEOF) })
	for sc.Scan() {
		if m := countRe.FindStringSubmatch(sc.Text()); m != nil {
			articles, _ = strconv.Atoi(m[1])
		}
		if m := urlRe.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	deadline.Stop()
	go io.Copy(io.Discard, pr)
	stop = func() {
		t.Helper()
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Fatalf("demo exited %d; stderr:\n%s", code, stderr.String())
			}
		case <-time.After(30 * time.Second):
			t.Fatal("demo did not stop")
		}
	}
	if base == "" {
		cancel()
		<-done
		t.Fatalf("demo printed no URL; stderr:\n%s", stderr.String())
	}
	return base, articles, stop
}

// TestREADMEExamples runs the README's API and search examples against
// the demo they describe: each must answer, and find something, so that a
// new user trying them never meets an empty answer.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	curls := regexp.MustCompile(`curl '(http://127\.0\.0\.1:8080/api/v1/[^']+)'`).FindAllStringSubmatch(string(readme), -1)
	searches := regexp.MustCompile(`(?m)^\./kronika search --data kronika-data (.+)$`).FindAllStringSubmatch(string(readme), -1)
	if len(curls) < 5 || len(searches) < 2 {
		t.Fatalf("found %d curl and %d search examples in README.md; has it changed shape?", len(curls), len(searches))
	}
	dir := t.TempDir()
	base, _, stop := startDemo(t, dir)
	defer stop()
	for _, m := range curls {
		u := strings.Replace(m[1], "http://127.0.0.1:8080/", base, 1)
		t.Run(m[1], func(t *testing.T) {
			resp, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%d %s", resp.StatusCode, body)
			}
			if !foundSomething(body) {
				t.Errorf("empty answer: %.300s", body)
			}
		})
	}
	for _, m := range searches {
		args := append([]string{"search", "--data", dir, "--json"}, shellWords(t, m[1])...)
		t.Run(m[1], func(t *testing.T) {
			code, out, stderr := runCommand(t, args...)
			var res index.Result
			if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total == 0 {
				t.Errorf("exit %d, %d hits: %s", code, res.Total, stderr)
			}
		})
	}
}

// shellWords splits a README command line the way a shell would for the
// quoting the README uses (single quotes, no escapes).
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`'([^']*)'|(\S+)`).FindAllStringSubmatch(line, -1) {
		out = append(out, m[1]+m[2])
	}
	return out
}

// foundSomething reports whether an API answer holds something: a CSV
// export a row past its header, a JSON answer a positive top-level total
// or count, or a non-empty top-level list of hits, entities or visits.
func foundSomething(body []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return bytes.Count(bytes.TrimSpace(body), []byte("\n")) >= 1
	}
	for _, k := range []string{"total", "count"} {
		var n int
		if json.Unmarshal(top[k], &n) == nil && n > 0 {
			return true
		}
	}
	for _, k := range []string{"hits", "entities", "visits"} {
		var list []json.RawMessage
		if json.Unmarshal(top[k], &list) == nil && len(list) > 0 {
			return true
		}
	}
	return false
}
