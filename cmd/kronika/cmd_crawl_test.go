package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
	"github.com/kronika/kronika/news"
)

// helperEnv marks the test binary re-run as the kronika command.
const helperEnv = "KRONIKA_TEST_COMMAND"

// TestHelperCommand is not a test: run with helperEnv set, it runs the
// kronika command line of $KRONIKA_TEST_COMMAND (arguments separated by
// newlines) and exits with its code, so that tests can kill a real
// process.
func TestHelperCommand(t *testing.T) {
	args := os.Getenv(helperEnv)
	if args == "" {
		t.Skip("runs only as a child process")
	}
	code := Run(context.Background(), strings.Split(args, "\n"), cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	os.Exit(code)
}

// runCommand runs a kronika command line in process and returns its exit
// code, standard output and standard error.
func runCommand(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), args, cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
	return code, stdout.String(), stderr.String()
}

// TestCrawlKilledAndResumed kills a crawl with SIGKILL half-way and runs
// it again: every article ends up indexed exactly once, with one capture,
// and pages fetched before the kill are not fetched again.
func TestCrawlKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	const articles = 300
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 5, Latency: 2 * time.Millisecond})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := t.TempDir()
	args := []string{"crawl", "--data", dir, "--seed", srv.URL + "/", "--rate", "0", "--concurrency", "4", "--log-level", "warn", "--json"}

	ch := startChild(t, args...)
	if !ch.killWhen(t, func() bool { return gen.Counts().Articles >= articles/3 }) {
		t.Fatalf("the child crawl ended before the kill; stderr:\n%s", ch.stderr.String())
	}
	before := gen.Counts().Articles
	if before >= articles {
		t.Fatalf("the crawl fetched all %d articles before it was killed", before)
	}

	code, out, stderr := runCommand(t, args...)
	if code != 0 {
		t.Fatalf("resumed crawl exited %d:\n%s", code, stderr)
	}
	var sum struct{ Sites []crawler.Stats }
	if err := json.Unmarshal([]byte(out), &sum); err != nil || len(sum.Sites) != 1 {
		t.Fatalf("summary %q: %v", out, err)
	}
	if !sum.Sites[0].Resumed {
		t.Errorf("the second run did not resume the killed one: %+v", sum.Sites[0])
	}
	// Pages in flight at the kill, or fetched but not yet committed, are
	// fetched again; nothing committed is.
	if total := gen.Counts().Articles; total > articles+40 {
		t.Errorf("%d article requests for %d articles (%d before the kill)", total, articles, before)
	}

	ix, err := index.Open(dir+"/index", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	if n != articles {
		t.Errorf("index holds %d documents, the site has %d articles", n, articles)
	}
	res, err := ix.Search(context.Background(), index.Request{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		d, err := ix.Get(context.Background(), h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Captures) != 1 {
			t.Errorf("%s has %d captures, want 1", d.URL, len(d.Captures))
		}
	}
}

// TestRecrawlCommand re-crawls a site after one article was edited: one
// document changes, and it keeps its first capture beside the new one.
func TestRecrawlCommand(t *testing.T) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 40, Seed: 9})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := t.TempDir()
	conf := dir + "/sites.yaml"
	yaml := "crawler:\n  rate: 100\n  concurrency: 4\nsites:\n  - name: kurier\n    start_urls: [" + srv.URL + "/]\n"
	if err := os.WriteFile(conf, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCommand(t, "crawl", "--data", dir, "--config", conf, "--log-level", "warn"); code != 0 {
		t.Fatalf("crawl exited %d:\n%s", code, stderr)
	}
	gen.ResetCounts()
	code, out, stderr := runCommand(t, "recrawl", "--data", dir, "--json", "--log-level", "warn")
	if code != 0 {
		t.Fatalf("recrawl exited %d:\n%s", code, stderr)
	}
	var sum struct{ Sites []crawler.Stats }
	if err := json.Unmarshal([]byte(out), &sum); err != nil || len(sum.Sites) != 1 {
		t.Fatalf("summary %q: %v", out, err)
	}
	if st := sum.Sites[0]; st.Site != "kurier" || st.New+st.Changed != 0 || st.Requests != st.Conditional {
		t.Errorf("re-crawl of an unchanged site: %+v", st)
	}
	if c := gen.Counts(); c.Requests != c.Conditional || c.Articles != 0 {
		t.Errorf("server saw %+v; want only conditional requests and no article", c)
	}

	gen.Edit(7)
	code, out, stderr = runCommand(t, "recrawl", "--data", dir, "--config", conf, "--json", "--log-level", "warn")
	if code != 0 {
		t.Fatalf("recrawl exited %d:\n%s", code, stderr)
	}
	sum.Sites = nil
	if err := json.Unmarshal([]byte(out), &sum); err != nil || len(sum.Sites) != 1 {
		t.Fatalf("summary %q: %v", out, err)
	}
	if st := sum.Sites[0]; st.Changed != 1 || st.New != 0 {
		t.Errorf("after one edit: %+v, want 1 changed", st)
	}
	ix, err := index.Open(dir+"/index", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), index.Request{Query: "poprawiono", Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 {
		t.Fatalf("%d documents mention the correction, want 1", res.Total)
	}
	d, err := ix.Get(context.Background(), res.Hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(d.URL, crawltest.ArticlePath(7)) || len(d.Captures) != 2 || d.Captures[0].SHA256 == d.Captures[1].SHA256 {
		t.Fatalf("edited document %s has captures %+v; want the first and the new one", d.URL, d.Captures)
	}
	old, err := crawler.ReadRecord(dir, d.Captures[0])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(old.Body), "poprawiono") {
		t.Error("the first capture holds the edited text")
	}
	if n, _ := ix.Count(); n != 40 {
		t.Errorf("index holds %d documents, want 40", n)
	}
}

// TestReindexCommand deletes the index and rebuilds it from the captures
// with the site offline.
func TestReindexCommand(t *testing.T) {
	dir := crawledTwice(t, 3, 3)
	before := documents(t, dir)
	if err := os.RemoveAll(dir + "/index"); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCommand(t, "reindex", "--data", dir, "--json", "--log-level", "warn")
	if code != 0 {
		t.Fatalf("reindex exited %d:\n%s", code, stderr)
	}
	var st ingest.ReindexStats
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Documents != 30 {
		t.Fatalf("summary %q: %v", out, err)
	}
	after := documents(t, dir)
	if len(after) != len(before) {
		t.Fatalf("reindexed %d documents, had %d", len(after), len(before))
	}
	for id, b := range before {
		a := after[id]
		if a.Title != b.Title || a.Text != b.Text || len(a.Captures) != len(b.Captures) || a.Captures[len(a.Captures)-1].RecordID != b.Captures[len(b.Captures)-1].RecordID {
			t.Errorf("%s: reindexed %q (%d captures), crawled %q (%d captures)", b.URL, a.Title, len(a.Captures), b.Title, len(b.Captures))
		}
	}
}

// documents reads every document of the data dir's index.
func documents(t *testing.T, dir string) map[string]docSummary {
	t.Helper()
	ix, err := index.Open(dir+"/index", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), index.Request{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]docSummary{}
	for _, h := range res.Hits {
		d, err := ix.Get(context.Background(), h.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[d.ID] = docSummary{URL: d.URL, Title: d.Title, Text: d.Text, Captures: d.Captures}
	}
	return out
}

type docSummary struct {
	URL, Title, Text string
	Captures         []news.Capture
}

// TestCrawlCommandErrors checks the exit codes and messages of runs that
// cannot start.
func TestCrawlCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := dir + "/bad.yaml"
	os.WriteFile(bad, []byte("sites:\n  - name: a\n    start_urls: [http://a.example/]\n    deny: ['(']\n"), 0o644)
	good := dir + "/good.yaml"
	os.WriteFile(good, []byte("sites:\n  - name: a\n    start_urls: [http://a.example/]\n"), 0o644)
	lock, err := crawler.AcquireLock(dir + "/locked")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	// An archive whose index was lost: its captures are there, index/ is
	// not.
	lost := dir + "/lost"
	os.MkdirAll(lost+"/"+crawler.CapturesDir, 0o755)
	os.WriteFile(lost+"/"+crawler.CapturesDir+"/kronika-1.warc.gz", nil, 0o644)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"nothing to crawl", []string{"crawl", "--data", dir}, cli.ExitUsage, "nothing to crawl"},
		{"bad seed", []string{"crawl", "--data", dir, "--seed", "ftp://a.example/"}, cli.ExitUsage, "not an absolute http(s) URL"},
		{"bad profile", []string{"crawl", "--data", dir, "--config", bad}, cli.ExitUsage, "bad.yaml:2: site \"a\": deny[0]"},
		{"missing profile file", []string{"recrawl", "--data", dir, "--config", dir + "/none.yaml"}, cli.ExitUsage, "none.yaml"},
		{"unknown site", []string{"recrawl", "--data", dir, "--config", good, "--site", "b"}, cli.ExitUsage, `--site "b" is not in the configuration`},
		{"recrawl of nothing", []string{"recrawl", "--data", dir}, cli.ExitUsage, "no site has been crawled"},
		{"site without config", []string{"crawl", "--data", dir, "--site", "a"}, cli.ExitUsage, "--site needs --config"},
		{"lock held", []string{"crawl", "--data", dir + "/locked", "--seed", "http://127.0.0.1:9/"}, cli.ExitFailed, "another crawl is running on this data directory (pid"},
		{"reindex without captures", []string{"reindex", "--data", dir + "/empty"}, cli.ExitUsage, "no captures"},
		{"rate not a number", []string{"recrawl", "--data", dir, "--config", good, "--rate", "NaN"}, cli.ExitUsage, "--rate must be"},
		{"negative concurrency", []string{"recrawl", "--data", dir, "--config", good, "--concurrency", "-2"}, cli.ExitUsage, "--concurrency must be"},
		{"search without an archive", []string{"search", "--data", dir + "/typo", "wizyta"}, cli.ExitFailed, "no archive in " + dir + "/typo"},
		{"serve without an archive", []string{"serve", "--data", dir + "/typo", "--addr", "127.0.0.1:0"}, cli.ExitFailed, "no archive in " + dir + "/typo"},
		{"crawl into a lost index", []string{"crawl", "--data", lost, "--seed", "http://127.0.0.1:9/"}, cli.ExitFailed, "run kronika reindex --data " + lost},
		{"search in a lost index", []string{"search", "--data", lost, "wizyta"}, cli.ExitFailed, "run kronika reindex"},
		{"search page 0", []string{"search", "--data", dir + "/typo", "--page", "0", "wizyta"}, cli.ExitUsage, "--page must be 1 or more, not 0"},
		{"search page -1", []string{"search", "--data", dir + "/typo", "--page", "-1", "wizyta"}, cli.ExitUsage, "--page must be 1 or more, not -1"},
		{"search size 0", []string{"search", "--data", dir + "/typo", "--size", "0", "wizyta"}, cli.ExitUsage, "--size must be between 1 and 100, not 0"},
		{"search size 1000", []string{"search", "--data", dir + "/typo", "--size", "1000", "wizyta"}, cli.ExitUsage, "--size must be between 1 and 100, not 1000"},
		{"search size not a number", []string{"search", "--data", dir + "/typo", "--size", "dużo", "wizyta"}, cli.ExitUsage, "invalid value"},
		{"search unknown flag", []string{"search", "--data", dir + "/typo", "--colour", "wizyta"}, cli.ExitUsage, "flag provided but not defined"},
		{"search bad date", []string{"search", "--data", dir + "/typo", "--from", "2015-13-45", "wizyta"}, cli.ExitUsage, "--from must be a date"},
		{"search reversed dates", []string{"search", "--data", dir + "/typo", "--from", "2016", "--to", "2015", "wizyta"}, cli.ExitUsage, "swap them"},
		{"search unknown sort", []string{"search", "--data", dir + "/typo", "--sort", "random", "wizyta"}, cli.ExitUsage, "sort must be relevance"},
		{"search unknown facet", []string{"search", "--data", dir + "/typo", "--facets", "colour", "wizyta"}, cli.ExitUsage, "unknown facet"},
		{"search unbalanced quote", []string{"search", "--data", dir + "/typo", `"wizyta`}, cli.ExitUsage, "unbalanced quote"},
		{"search bad log level", []string{"search", "--data", dir + "/typo", "--log-level", "loud", "wizyta"}, cli.ExitUsage, "--log-level must be"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCommand(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.want)
			}
		})
	}
	// A command refused for bad usage or a missing archive leaves nothing
	// behind: no empty archive to mistake for a real one.
	for _, sub := range []string{"typo", "empty", "lost/index"} {
		if _, err := os.Stat(dir + "/" + sub); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s/%s exists after a refused command: %v", dir, sub, err)
		}
	}
}

// TestSummaryShowsResumed checks that the summary says when a run resumed
// an interrupted one, in text and always in JSON.
func TestSummaryShowsResumed(t *testing.T) {
	stats := []crawler.Stats{{Site: "kurier", Fetched: 3, Resumed: true}, {Site: "gazeta", Fetched: 1}}
	var text, js bytes.Buffer
	if err := printCrawlSummary(&text, stats, false); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(text.String()), "\n"); len(lines) != 2 || !strings.HasSuffix(lines[0], ", resumed") || strings.Contains(lines[1], "resumed") {
		t.Errorf("text summary %q: want the first site marked resumed", text.String())
	}
	if err := printCrawlSummary(&js, stats, true); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(js.String(), `"resumed"`); n != 2 {
		t.Errorf("JSON summary has %d resumed fields, want one per site: %s", n, js.String())
	}
}

func TestProgressPrinter(t *testing.T) {
	var logs bytes.Buffer
	cfg := &Config{LogFormat: "text", LogLevel: "info"}
	p := newProgressPrinter(&bytes.Buffer{}, cfg.logger(&logs))
	p.update(crawler.Progress{Site: "a", Fetched: 10, Failed: 1, Queued: 5})
	p.update(crawler.Progress{Site: "b", Fetched: 3})
	p.finish()
	out := logs.String()
	if strings.Count(out, "msg=crawling") != 1 || !strings.Contains(out, "fetched=10") || !strings.Contains(out, "queued=5") || !strings.Contains(out, "errors=1") {
		t.Errorf("progress log without a terminal:\n%s", out)
	}
}

// crawledTwice crawls a generated site of 30 articles into a new data
// directory, edits the articles edits, re-crawls it and stops the site.
func crawledTwice(t *testing.T, seed uint64, edits ...int) string {
	t.Helper()
	gen := crawltest.NewSite(crawltest.Options{Articles: 30, Seed: seed})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := t.TempDir()
	if code, _, stderr := runCommand(t, "crawl", "--data", dir, "--seed", srv.URL+"/", "--rate", "0", "--log-level", "warn"); code != 0 {
		t.Fatalf("crawl exited %d:\n%s", code, stderr)
	}
	for _, i := range edits {
		gen.Edit(i)
	}
	if code, _, stderr := runCommand(t, "recrawl", "--data", dir, "--log-level", "warn"); code != 0 {
		t.Fatalf("recrawl exited %d:\n%s", code, stderr)
	}
	return dir
}

// TestSettingRules gives each out-of-range value of a crawler setting
// that has a flag both ways, on the command line and in the site-profile
// file: both are refused as bad usage (exit 2) with the same rule, each
// naming the setting as its source spells it. Settings with no flag are
// in crawler's TestConfigErrors.
func TestSettingRules(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 600)
	cases := []struct {
		name  string
		flag  []string // the value on the command line
		yaml  string   // the same in a site-profile file
		named [2]string
		rule  string
	}{
		{"negative rate", []string{"--rate", "-1"}, "crawler:\n  rate: -1\n", [2]string{"--rate", "crawler.rate"},
			"must be 0 or a positive number of requests per second, not -1"},
		{"rate not a number", []string{"--rate", "NaN"}, "crawler:\n  rate: .nan\n", [2]string{"--rate", "crawler.rate"},
			"must be 0 or a positive number of requests per second, not NaN"},
		{"infinite rate", []string{"--rate", "+Inf"}, "crawler:\n  rate: .inf\n", [2]string{"--rate", "crawler.rate"},
			"must be 0 or a positive number of requests per second, not +Inf"},
		{"negative concurrency", []string{"--concurrency", "-2"}, "crawler:\n  concurrency: -2\n", [2]string{"--concurrency", "crawler.concurrency"},
			"must be from 0 (the default) to 32 parallel requests per host, not -2"},
		{"too much concurrency", []string{"--concurrency", "1000000"}, "crawler:\n  concurrency: 1000000\n", [2]string{"--concurrency", "crawler.concurrency"},
			"must be from 0 (the default) to 32 parallel requests per host, not 1000000"},
		{"negative page cap", []string{"--max-pages", "-5"}, "sites:\n  - name: a\n    start_urls: [http://a.example/]\n    max_pages: -5\n", [2]string{"--max-pages", `site "a": max_pages`},
			"must be 0 or more pages, not -5"},
		{"User-Agent with a line break", []string{"--user-agent", "Bot\r\nX-Evil: 1"}, "crawler:\n  user_agent: \"Bot\\r\\nX-Evil: 1\"\n", [2]string{"--user-agent", "crawler.user_agent"},
			"must be text of at most 512 bytes without control characters"},
		{"User-Agent too long", []string{"--user-agent", long}, "crawler:\n  user_agent: " + long + "\n", [2]string{"--user-agent", "crawler.user_agent"},
			"must be text of at most 512 bytes without control characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name+" on the command line", func(t *testing.T) {
			args := append([]string{"crawl", "--data", dir + "/none", "--seed", "http://a.example/"}, tc.flag...)
			code, _, stderr := runCommand(t, args...)
			if want := tc.named[0] + " " + tc.rule; code != cli.ExitUsage || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, cli.ExitUsage, want)
			}
		})
		t.Run(tc.name+" in the file", func(t *testing.T) {
			conf := t.TempDir() + "/sites.yaml"
			yaml := tc.yaml
			if !strings.Contains(yaml, "sites:") {
				yaml += "sites:\n  - name: a\n    start_urls: [http://a.example/]\n"
			}
			if err := os.WriteFile(conf, []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCommand(t, "crawl", "--data", dir+"/none", "--config", conf)
			if want := tc.named[1] + " " + tc.rule; code != cli.ExitUsage || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, cli.ExitUsage, want)
			}
		})
	}
	if _, err := os.Stat(dir + "/none"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused crawl created its data directory: %v", err)
	}
}

// TestCrawlStopsOnLowDisk keeps a reserve of free space larger than the
// disk has: the crawl stops before its first batch, says how much is free
// and what to do, and exits 1; with the reserve lowered, the same command
// resumes and finishes.
func TestCrawlStopsOnLowDisk(t *testing.T) {
	dir := t.TempDir()
	if free, err := (crawler.OSFS{}).Statfs(dir); err != nil || free >= 1<<40 {
		t.Skipf("the test needs a disk with less than 1 TiB free (%d bytes, %v)", free, err)
	}
	gen := crawltest.NewSite(crawltest.Options{Articles: 10, Seed: 3})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	conf := dir + "/sites.yaml"
	write := func(reserve string) {
		yaml := "crawler:\n  rate: 0\n  min_free_space: " + reserve + "\nsites:\n  - name: kurier\n    start_urls: [" + srv.URL + "/]\n"
		if err := os.WriteFile(conf, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("1TiB")
	code, _, stderr := runCommand(t, "crawl", "--data", dir+"/data", "--config", conf, "--allow-private", "--log-level", "error")
	if want := "disk almost full: "; code != cli.ExitFailed || !strings.Contains(stderr, want) || !strings.Contains(stderr, "free space and run the command again to resume") {
		t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, cli.ExitFailed, want)
	}
	if gen.Counts().Requests != 0 {
		t.Errorf("%d requests before the stop, want none", gen.Counts().Requests)
	}
	write("64MiB")
	code, out, stderr := runCommand(t, "crawl", "--data", dir+"/data", "--config", conf, "--allow-private", "--log-level", "error", "--json")
	if code != 0 {
		t.Fatalf("crawl with room exited %d: %s", code, stderr)
	}
	var sum struct{ Sites []crawler.Stats }
	if err := json.Unmarshal([]byte(out), &sum); err != nil || len(sum.Sites) != 1 || sum.Sites[0].New != 10 {
		t.Errorf("summary %s: %v; want 10 new articles", out, err)
	}
}
