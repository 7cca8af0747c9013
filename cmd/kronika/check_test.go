package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

// crawledDir crawls a generated site of n articles into a new data
// directory with the crawl command, and returns it with the site.
func crawledDir(t *testing.T, n int, seed uint64) (string, *httptest.Server) {
	t.Helper()
	gen := crawltest.NewSite(crawltest.Options{Articles: n, Seed: seed})
	srv := httptest.NewServer(gen)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	if code, _, stderr := runCommand(t, "crawl", "--data", dir, "--seed", srv.URL+"/", "--rate", "0", "--log-level", "warn"); code != 0 {
		t.Fatalf("crawl exited %d:\n%s", code, stderr)
	}
	return dir, srv
}

// damageSegment writes bytes into the middle of the first segment file of
// the index of dir.
func damageSegment(t *testing.T, dir string) string {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(dir, "index", "store", "*.zap"))
	if err != nil || len(segs) == 0 {
		t.Fatalf("no segment files: %v", err)
	}
	f, err := os.OpenFile(segs[0], os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	if _, err := f.WriteAt([]byte("\x13\x37 random bytes of a bad sector \x13\x37"), st.Size()/2); err != nil {
		t.Fatal(err)
	}
	return "store/" + filepath.Base(segs[0])
}

// TestCheckCommand runs check on a whole archive, on one with a damaged
// WARC record and a damaged segment, repairs it, rebuilds the index and
// re-crawls: the exit codes, the report's lines and its JSON.
func TestCheckCommand(t *testing.T) {
	dir, _ := crawledDir(t, 20, 4)
	code, out, stderr := runCommand(t, "check", "--data", dir)
	if code != cli.ExitOK || !strings.Contains(out, "result: clean") || !strings.Contains(out, "20 documents") {
		t.Fatalf("check of a whole archive: exit %d\n%s%s", code, out, stderr)
	}

	// A record in the middle of the WARC file and a segment.
	warcs, _ := filepath.Glob(filepath.Join(dir, "captures", "*.warc.gz"))
	b, err := os.ReadFile(warcs[0])
	if err != nil {
		t.Fatal(err)
	}
	copy(b[len(b)/2:], "\x00\xff\x00\xff bad sector \xff\x00\xff\x00")
	if err := os.WriteFile(warcs[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	seg := damageSegment(t, dir)
	code, out, stderr = runCommand(t, "check", "--data", dir)
	for _, want := range []string{
		"segment " + seg + " does not match its checksum",
		"kronika reindex rebuilds the index from the captures",
		"1 stretch of damaged bytes in the WARC files",
		"kronika check --repair sets them aside",
		"result: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check of a damaged archive does not say %q:\n%s", want, out)
		}
	}
	if code != cli.ExitFailed || !strings.Contains(stderr, "problems found in "+dir) {
		t.Errorf("exit %d, stderr %q; want %d and the count of problems", code, stderr, cli.ExitFailed)
	}
	code, out, _ = runCommand(t, "check", "--data", dir, "--json")
	var rep ingest.CheckReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != cli.ExitFailed || rep.Clean() || rep.Documents != 20 {
		t.Fatalf("check --json: exit %d, %v:\n%s", code, err, out)
	}

	// The repair mends the WARC file and marks the page; the segment is
	// reindex's, and the page recrawl's.
	code, out, _ = runCommand(t, "check", "--data", dir, "--repair")
	before, after, _ := strings.Cut(out, "after the repair:")
	if code != cli.ExitFailed || !strings.Contains(before, "aside in captures/damaged/") || !strings.Contains(before, "marked 1 page") ||
		strings.Contains(after, "stretch of damaged bytes") || !strings.Contains(after, "kronika recrawl fetches them again") ||
		strings.Contains(after, "in the WARC files nothing points at") {
		t.Errorf("check --repair: exit %d\n%s", code, out)
	}
	if code, _, stderr := runCommand(t, "reindex", "--data", dir, "--log-level", "warn"); code != 0 {
		t.Fatalf("reindex exited %d: %s", code, stderr)
	}
	if code, _, stderr := runCommand(t, "recrawl", "--data", dir, "--rate", "0", "--log-level", "warn"); code != 0 {
		t.Fatalf("recrawl exited %d: %s", code, stderr)
	}
	code, out, stderr = runCommand(t, "check", "--data", dir)
	if code != cli.ExitOK || !strings.Contains(out, "result: clean") || !strings.Contains(out, "20 documents") {
		t.Errorf("check after repair, reindex and recrawl: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ = runCommand(t, "check", "--data", dir, "--quick")
	if code != cli.ExitOK || !strings.Contains(out, "(quick)") {
		t.Errorf("check --quick: exit %d\n%s", code, out)
	}
}

// TestCheckCommandErrors checks the exit codes of checks that cannot run.
func TestCheckCommandErrors(t *testing.T) {
	dir := t.TempDir()
	// An archive a crawl is writing to.
	busy := t.TempDir()
	os.MkdirAll(filepath.Join(busy, "captures"), 0o755)
	os.WriteFile(filepath.Join(busy, "captures", "kronika-1.warc.gz"), nil, 0o644)
	lock, err := crawler.AcquireLock(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no directory", []string{"check", "--data", dir + "/typo"}, cli.ExitFailed, "no archive in " + dir + "/typo"},
		{"empty directory", []string{"check", "--data", dir}, cli.ExitFailed, "no archive in " + dir},
		{"quick repair", []string{"check", "--data", dir, "--quick", "--repair"}, cli.ExitUsage, "--repair needs the full check"},
		{"arguments", []string{"check", "--data", dir, "now"}, cli.ExitUsage, "unexpected arguments"},
		{"a crawl running", []string{"check", "--data", busy}, cli.ExitFailed, "another crawl is running on this data directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCommand(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.want)
			}
		})
	}
	// A check refused for want of an archive leaves nothing behind.
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("the refused checks left %v in %s", entries, dir)
	}
}

// TestServeStartupCheck runs serve's check at start over an index with a
// damaged segment: it says so at warn, with the segment and the remedy,
// and returns (serving goes on).
func TestServeStartupCheck(t *testing.T) {
	dir, _ := crawledDir(t, 10, 6)
	seg := damageSegment(t, dir)
	var logs bytes.Buffer
	cfg := &Config{DataDir: dir, LogFormat: "text", LogLevel: "info"}
	log := cfg.logger(&logs)
	ix, err := cfg.dir().OpenExistingIndex(context.Background(), index.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	logStartupCheck(context.Background(), cfg.dir(), ix, log)
	out := logs.String()
	for _, want := range []string{"level=WARN", "segment=" + seg, "kronika reindex", "startup check: 1 problem found; serving goes on", "damaged_segments=1"} {
		if !strings.Contains(out, want) {
			t.Errorf("the startup check's log does not say %q:\n%s", want, out)
		}
	}
}
