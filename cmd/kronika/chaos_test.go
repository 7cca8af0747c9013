package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/crawler/faultfs"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

// The chaos suite (README, "Chaos suite") crawls a generated news site
// and reindexes it while it kills the process, fills the disk, fails its
// writes and damages its files, and after each fault runs kronika check
// and the run that resumes or repairs: every article must end up indexed
// once, nothing damaged, the check clean. It runs only when asked, as
// its own CI step: a few minutes at the default size.
const (
	// chaosEnv set to 1 runs the suite.
	chaosEnv = "KRONIKA_CHAOS"
	// chaosArticlesEnv sets the size of the site (default 300).
	chaosArticlesEnv = "KRONIKA_CHAOS_ARTICLES"
	// chaosSeedEnv sets the seed of every random choice (default 1): the
	// site, the points of the faults, the bytes that damage files.
	chaosSeedEnv = "KRONIKA_CHAOS_SEED"
	// chaosReportEnv names a file to write the figures to, as JSON.
	chaosReportEnv = "KRONIKA_CHAOS_REPORT"
)

// chaosRow is the figures of one scenario.
type chaosRow struct {
	Scenario string `json:"scenario"`
	// Runs counts the runs the scenario made (crawls, reindexes, checks
	// and repairs), Faults the faults it injected.
	Runs   int `json:"runs"`
	Faults int `json:"faults"`
	// Rounds counts the times it ended with every article expected;
	// Present sums the articles then found, of Expected.
	Rounds   int `json:"rounds"`
	Present  int `json:"present"`
	Expected int `json:"expected"`
	// Duplicates counts documents beyond one per article, and captures
	// beyond one per document; Damaged the problems check still found
	// once the scenario had resumed and repaired.
	Duplicates int     `json:"duplicates"`
	Damaged    int     `json:"damaged"`
	Seconds    float64 `json:"seconds"`
}

// chaos is one run of the suite over one site.
type chaos struct {
	t       *testing.T
	n       int
	rng     *rand.Rand
	gen     *crawltest.Site
	base    string // the site's URL
	archive string // a whole crawl of the site, copied by the scenarios that start from one
	// reindexTime is how long an uninterrupted reindex of it takes.
	reindexTime time.Duration
	rows        []chaosRow
}

// TestChaos is the chaos suite.
func TestChaos(t *testing.T) {
	if os.Getenv(chaosEnv) != "1" {
		t.Skipf("the chaos suite runs with %s=1 (README, \"Chaos suite\")", chaosEnv)
	}
	n := envInt(t, chaosArticlesEnv, 300)
	seed := uint64(envInt(t, chaosSeedEnv, 1))
	gen := crawltest.NewSite(crawltest.Options{Articles: n, Seed: seed})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	c := &chaos{t: t, n: n, rng: rand.New(rand.NewPCG(seed, 0x6b726f6e)), gen: gen, base: srv.URL}
	start := time.Now()
	c.archive = c.wholeArchive()
	scenarios := []struct {
		name string
		run  func(t *testing.T, row *chaosRow)
	}{
		{"kill -9 during crawl", c.killCrawls},
		{"kill -9 during reindex", c.killReindexes},
		{"disk full and I/O errors during crawl", c.crawlFaults},
		{"disk full and I/O errors during reindex", c.reindexFaults},
		{"corrupted segment bytes", c.corruptSegments},
		{"corrupted WARC bytes", c.corruptWARCs},
	}
	for _, sc := range scenarios {
		row := chaosRow{Scenario: sc.name}
		began := time.Now()
		t.Run(sc.name, func(t *testing.T) { sc.run(t, &row) })
		row.Seconds = time.Since(began).Seconds()
		c.rows = append(c.rows, row)
	}
	c.report(time.Since(start))
}

// envInt reads a positive number from the environment, def when unset.
func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil || v <= 0 {
		t.Fatalf("%s=%q: want a positive number", name, s)
	}
	return v
}

// report logs the figures as a table, and writes them to
// $KRONIKA_CHAOS_REPORT when it is set.
func (c *chaos) report(took time.Duration) {
	var b strings.Builder
	fmt.Fprintf(&b, "chaos suite: %d articles, seed %s, %s\n", c.n, cmp.Or(os.Getenv(chaosSeedEnv), "1"), took.Round(time.Second))
	fmt.Fprintf(&b, "%-42s %5s %6s %7s %11s %10s %7s %7s\n", "scenario", "runs", "faults", "rounds", "present", "duplicates", "damaged", "seconds")
	var total chaosRow
	for _, r := range c.rows {
		fmt.Fprintf(&b, "%-42s %5d %6d %7d %5d/%-5d %10d %7d %7.1f\n", r.Scenario, r.Runs, r.Faults, r.Rounds, r.Present, r.Expected, r.Duplicates, r.Damaged, r.Seconds)
		total.Runs += r.Runs
		total.Faults += r.Faults
		total.Rounds += r.Rounds
		total.Present += r.Present
		total.Expected += r.Expected
		total.Duplicates += r.Duplicates
		total.Damaged += r.Damaged
	}
	fmt.Fprintf(&b, "%-42s %5d %6d %7d %5d/%-5d %10d %7d %7.1f\n", "all", total.Runs, total.Faults, total.Rounds, total.Present, total.Expected, total.Duplicates, total.Damaged, took.Seconds())
	c.t.Log("\n" + b.String())
	if path := os.Getenv(chaosReportEnv); path != "" {
		js, _ := json.MarshalIndent(map[string]any{"articles": c.n, "seconds": took.Seconds(), "scenarios": c.rows}, "", "  ")
		if err := os.WriteFile(path, append(js, '\n'), 0o644); err != nil {
			c.t.Error(err)
		}
	}
}

// crawlArgs are the arguments of a crawl of the site into dir.
func (c *chaos) crawlArgs(dir string) []string {
	return []string{"crawl", "--data", dir, "--seed", c.base + "/", "--rate", "0", "--concurrency", "4", "--log-level", "error", "--json"}
}

// wholeArchive crawls the site into a new data directory.
func (c *chaos) wholeArchive() string {
	t := c.t
	dir := t.TempDir()
	if code, _, stderr := runCommand(t, c.crawlArgs(dir)...); code != 0 {
		t.Fatalf("crawl exited %d:\n%s", code, stderr)
	}
	// Opening the index removes the segment files no snapshot uses any
	// more, which a damaged-segment round would otherwise pick.
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	copyDir := c.copyArchive(t, dir)
	start := time.Now()
	if code, _, stderr := runCommand(t, "reindex", "--data", copyDir, "--log-level", "error"); code != 0 {
		t.Fatalf("reindex exited %d:\n%s", code, stderr)
	}
	c.reindexTime = time.Since(start)
	return dir
}

// copyArchive copies the data directory src into a new one.
func (c *chaos) copyArchive(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// child runs a kronika command line in a child process.
type child struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	exited chan error
}

func startChild(t *testing.T, args ...string) *child {
	t.Helper()
	ch := &child{cmd: exec.Command(os.Args[0], "-test.run=^TestHelperCommand$"), exited: make(chan error, 1)}
	ch.cmd.Env = append(os.Environ(), helperEnv+"="+strings.Join(args, "\n"))
	ch.cmd.Stderr = &ch.stderr
	if err := ch.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { ch.exited <- ch.cmd.Wait() }()
	return ch
}

// killWhen kills the child with SIGKILL once ready says so, and reports
// whether it did (false: the child ended first).
func (ch *child) killWhen(t *testing.T, ready func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for !ready() {
		select {
		case <-ch.exited:
			return false
		default:
		}
		if time.Now().After(deadline) {
			ch.cmd.Process.Kill()
			t.Fatalf("the child never reached the point of the kill; stderr:\n%s", ch.stderr.String())
		}
		time.Sleep(time.Millisecond)
	}
	ch.cmd.Process.Signal(syscall.SIGKILL)
	<-ch.exited
	return true
}

// checkReport runs kronika check --json on dir.
func checkReport(t *testing.T, dir string, args ...string) (int, ingest.CheckReport) {
	t.Helper()
	code, out, stderr := runCommand(t, append([]string{"check", "--data", dir, "--json"}, args...)...)
	var rep ingest.CheckReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check exited %d without a report (%v):\n%s%s", code, err, out, stderr)
	}
	return code, rep
}

// interrupted are the problems a killed or stopped run leaves for the
// run that resumes it; any other problem is damage.
var interrupted = []string{ingest.FindPending, ingest.FindOpenFile}

// damage counts the problems of rep not among allowed, and reports them.
func damage(t *testing.T, when string, rep ingest.CheckReport, allowed ...string) int {
	t.Helper()
	n := 0
	for _, p := range rep.Problems {
		if !slices.Contains(allowed, p.Kind) {
			t.Errorf("%s: %s %v", when, p, p.Examples)
			n += p.Count
		}
	}
	return n
}

// census counts the site's articles the index of dir holds, the
// documents beyond one per article and the captures beyond one per
// document.
func (c *chaos) census(t *testing.T, dir string) (present, duplicates int) {
	t.Helper()
	article := map[string]int{}
	for i := range c.n {
		article[c.base+crawltest.ArticlePath(i)] = i
	}
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := map[int]int{}
	err = ix.EachDocument(context.Background(), func(d index.DocumentRef) error {
		i, ok := article[d.URL]
		if !ok {
			t.Errorf("a document of no article: %s", d.URL)
			duplicates++
			return nil
		}
		docs[i]++
		duplicates += len(d.Captures) - 1
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range docs {
		duplicates += k - 1
	}
	return len(docs), duplicates
}

// settle is what ends every round: the check is clean and every article
// is indexed once.
func (c *chaos) settle(t *testing.T, row *chaosRow, dir, when string) {
	t.Helper()
	code, rep := checkReport(t, dir)
	row.Runs++
	row.Damaged += damage(t, when, rep)
	if code != cli.ExitOK && rep.Clean() {
		t.Errorf("%s: check exited %d with no problem", when, code)
	}
	present, dups := c.census(t, dir)
	row.Rounds++
	row.Present += present
	row.Expected += c.n
	row.Duplicates += dups
	if present != c.n || dups > 0 {
		t.Errorf("%s: %d of %d articles indexed, %d duplicates", when, present, c.n, dups)
	}
}

// killCrawls kills crawls at random points, several times a crawl, runs
// check after each kill (only what the next run resumes may be left),
// and resumes the crawl to its end.
func (c *chaos) killCrawls(t *testing.T, row *chaosRow) {
	const series, kills = 3, 4
	for s := range series {
		dir := t.TempDir()
		start := c.gen.Counts().Articles
		for k := range kills {
			// Kill points spread over the crawl, each at a random
			// place in its stretch.
			stretch := c.n / (kills + 1)
			at := start + (k+1)*stretch + c.rng.IntN(max(stretch/2, 1))
			ch := startChild(t, c.crawlArgs(dir)...)
			row.Runs++
			if !ch.killWhen(t, func() bool { return c.gen.Counts().Articles >= at }) {
				t.Logf("series %d: the crawl ended before kill %d", s, k+1)
				continue
			}
			row.Faults++
			_, rep := checkReport(t, dir)
			row.Runs++
			row.Damaged += damage(t, fmt.Sprintf("series %d, after kill %d", s, k+1), rep, interrupted...)
		}
		code, _, stderr := runCommand(t, c.crawlArgs(dir)...)
		row.Runs++
		if code != 0 {
			t.Fatalf("series %d: the resumed crawl exited %d:\n%s", s, code, stderr)
		}
		c.settle(t, row, dir, fmt.Sprintf("series %d, resumed", s))
		// The killed runs left copies of the pages they fetched but did
		// not record: a reindex reads them beside the later fetches.
		if code, _, stderr := runCommand(t, "reindex", "--data", dir, "--log-level", "error"); code != 0 {
			t.Fatalf("series %d: reindex exited %d:\n%s", s, code, stderr)
		}
		row.Runs++
		c.settle(t, row, dir, fmt.Sprintf("series %d, reindexed", s))
	}
}

// killReindexes kills reindexes at random points: the check after each
// finds the old index whole or the new one, never none, and a reindex run
// again finishes.
func (c *chaos) killReindexes(t *testing.T, row *chaosRow) {
	const rounds = 8
	for r := range rounds {
		dir := c.copyArchive(t, c.archive)
		// The kill falls anywhere from the new index's first file to
		// about the end of an uninterrupted reindex; a reindex that ends
		// first is run again with the kill sooner.
		delay := time.Duration(c.rng.Int64N(int64(c.reindexTime)))
		for !c.killReindex(t, dir, delay) {
			row.Runs++
			delay /= 2
		}
		row.Runs++
		row.Faults++
		c.settle(t, row, dir, fmt.Sprintf("round %d, after the kill", r))
		if code, _, stderr := runCommand(t, "reindex", "--data", dir, "--log-level", "error"); code != 0 {
			t.Fatalf("round %d: reindex run again exited %d:\n%s", r, code, stderr)
		}
		row.Runs++
		c.settle(t, row, dir, fmt.Sprintf("round %d, reindexed", r))
	}
}

// killReindex runs a reindex of dir in a child and kills it delay after
// it starts building the new index; it reports whether it did.
func (c *chaos) killReindex(t *testing.T, dir string, delay time.Duration) bool {
	t.Helper()
	ch := startChild(t, "reindex", "--data", dir, "--log-level", "error")
	var began time.Time
	return ch.killWhen(t, func() bool {
		if began.IsZero() {
			if _, err := os.Stat(filepath.Join(dir, "index.new")); err == nil {
				began = time.Now()
			}
			return false
		}
		return time.Since(began) >= delay
	})
}

// writeFault is a fault on one write path, with how many operations of
// its kind a crawl of n articles makes at least. goesOn marks a fault the
// crawl is meant to outlive: a free-space query that fails leaves the
// crawl without its low-disk stop, not stopped.
type writeFault struct {
	path   string
	op     faultfs.Op
	match  string
	fault  faultfs.Fault
	ops    func(n int) int
	goesOn bool
}

func perArticle(n int) int { return n }
func perBatch(n int) int   { return max(n/64, 1) }
func once(int) int         { return 1 }

// crawlWriteFaults are the write paths of a crawl, each with a full disk
// (which stays full until the resumed run) and an I/O error.
var crawlWriteFaults = []writeFault{
	{"capture write", faultfs.Write, "*.warc.gz*", faultfs.NoSpace, perArticle, false},
	{"capture write, half written", faultfs.Write, "*.warc.gz*", faultfs.ShortNoSpace, perArticle, false},
	{"capture write, half written silently", faultfs.Write, "*.warc.gz*", faultfs.ShortSilent, perArticle, false},
	{"capture sync", faultfs.Sync, "*.warc.gz*", faultfs.NoSpace, perBatch, false},
	{"capture file creation", faultfs.Open, "*.warc.gz*", faultfs.NoSpace, once, false},
	{"captures directory sync", faultfs.Sync, crawler.CapturesDir, faultfs.NoSpace, once, false},
	{"crawl state commit", faultfs.Commit, "state.db", faultfs.NoSpace, perBatch, false},
	{"low disk before a batch", faultfs.Statfs, "", faultfs.NoSpace, perBatch, false},
	{"capture write", faultfs.Write, "*.warc.gz*", faultfs.IO, perArticle, false},
	{"capture sync", faultfs.Sync, "*.warc.gz*", faultfs.IO, perBatch, false},
	{"crawl state commit", faultfs.Commit, "state.db", faultfs.IO, perBatch, false},
	{"free space query", faultfs.Statfs, "", faultfs.IO, perBatch, true},
}

// rule places the fault at a random operation of its kind.
func (c *chaos) rule(f writeFault) faultfs.Rule {
	return faultfs.Rule{Op: f.op, Path: f.match, N: 1 + c.rng.IntN(f.ops(c.n)), Fault: f.fault, Sticky: f.fault != faultfs.IO}
}

// crawlFaults crawls the site through a file system that fails one write
// path at a random point, checks what the failed run left, and resumes
// on a healed disk.
func (c *chaos) crawlFaults(t *testing.T, row *chaosRow) {
	log := slog.New(slog.DiscardHandler)
	sites := []crawler.Site{{Seeds: []string{c.base + "/"}}}
	for i, f := range crawlWriteFaults {
		dir := ingest.Dir(t.TempDir())
		rule := c.rule(f)
		ffs := faultfs.New(nil, rule)
		opts := ingest.CrawlOptions{AllowPrivate: true, Concurrency: 4, FS: ffs}
		_, err := ingest.CrawlSites(context.Background(), dir, log, opts, nil, crawler.Full, sites)
		row.Runs++
		fired := len(ffs.Fired())
		row.Faults += fired
		when := fmt.Sprintf("%d: %s, %v at operation %d", i, f.path, f.fault, rule.N)
		switch {
		case fired == 0:
			t.Errorf("%s: no fault injected", when)
		case err == nil && !f.goesOn:
			t.Errorf("%s: the crawl succeeded through %q", when, ffs.Fired())
		}
		_, rep := checkReport(t, string(dir))
		row.Runs++
		row.Damaged += damage(t, when+", after the fault", rep, interrupted...)
		ffs.Heal()
		if _, err := ingest.CrawlSites(context.Background(), dir, log, opts, nil, crawler.Full, sites); err != nil {
			t.Fatalf("%s: the resumed crawl: %v", when, err)
		}
		row.Runs++
		c.settle(t, row, string(dir), when+", resumed")
	}
}

// reindexFaults fails each write of a reindex's swap: the check after it
// finds the old index or the new one, whole, and a reindex on a healed
// disk finishes.
func (c *chaos) reindexFaults(t *testing.T, row *chaosRow) {
	log := slog.New(slog.DiscardHandler)
	type swapFault struct {
		op    faultfs.Op
		match string
	}
	// Each write of the swap, with a full disk or an I/O error in turn.
	paths := []swapFault{
		{faultfs.Write, ingest.IndexCompleteFile}, {faultfs.Sync, ingest.IndexCompleteFile},
		{faultfs.Rename, "index"}, {faultfs.Rename, "index.new"}, {faultfs.Remove, "index.old"},
	}
	for i, p := range paths {
		f := []faultfs.Fault{faultfs.NoSpace, faultfs.IO}[i%2]
		dir := ingest.Dir(c.copyArchive(t, c.archive))
		ffs := faultfs.New(nil, faultfs.Rule{Op: p.op, Path: p.match, N: 1, Fault: f})
		_, err := ingest.Rebuild(context.Background(), dir, ffs, log)
		row.Runs++
		row.Faults += len(ffs.Fired())
		when := fmt.Sprintf("%d: %s %s, %v", i, p.op, p.match, f)
		if len(ffs.Fired()) == 0 || err == nil {
			t.Errorf("%s: faults %q, reindex error %v; want a failed reindex", when, ffs.Fired(), err)
		}
		c.settle(t, row, string(dir), when+", after the fault")
		if _, err := ingest.Rebuild(context.Background(), dir, nil, log); err != nil {
			t.Fatalf("%s: reindex on a healed disk: %v", when, err)
		}
		row.Runs++
		c.settle(t, row, string(dir), when+", reindexed")
	}
}

// randomBytes returns n bytes of the suite's random source.
func (c *chaos) randomBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(c.rng.UintN(256))
	}
	return b
}

// spoil writes random bytes at a random place of one of files, and
// returns where, and the file's path.
func (c *chaos) spoil(t *testing.T, files []string) (string, string) {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("no file to damage")
	}
	path := files[c.rng.IntN(len(files))]
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	off := c.rng.Int64N(st.Size())
	if _, err := f.WriteAt(c.randomBytes(8+c.rng.IntN(56)), off); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s@%d", filepath.Base(path), off), path
}

// corruptSegments writes random bytes into a segment file of the index
// or of the visit index: check names it, and reindex mends it.
func (c *chaos) corruptSegments(t *testing.T, row *chaosRow) {
	const rounds = 4
	for r := range rounds {
		dir := c.copyArchive(t, c.archive)
		segs, _ := filepath.Glob(filepath.Join(dir, "index", "store", "*.zap"))
		visits, _ := filepath.Glob(filepath.Join(dir, "index", "visits", "store", "*.zap"))
		where, path := c.spoil(t, append(segs, visits...))
		row.Faults++
		code, rep := checkReport(t, dir)
		row.Runs++
		when := fmt.Sprintf("round %d: %s", r, where)
		found := slices.ContainsFunc(rep.Problems, func(f ingest.Finding) bool {
			return f.Kind == ingest.FindSegmentDamaged || f.Kind == ingest.FindIndexUnopenable
		})
		_, err := os.Stat(path)
		switch {
		case !found && os.IsNotExist(err):
			// A file no snapshot used any more (left by a merge when the
			// index closed): Bleve removes it as the index opens.
			t.Logf("%s: the damaged file was no segment of the index; Bleve removed it", when)
		case code != cli.ExitFailed || !found:
			t.Errorf("%s: check exited %d with %v; want the damaged segment", when, code, rep.Problems)
		}
		// What a search through the damaged segment does, for the log.
		scode, out, serr := runCommand(t, "search", "--data", dir, "--size", "1", "wizyta")
		t.Logf("%s: search exited %d: %.120s%.200s", when, scode, out, serr)
		if code, _, stderr := runCommand(t, "reindex", "--data", dir, "--log-level", "error"); code != 0 {
			t.Fatalf("%s: reindex exited %d:\n%s", when, code, stderr)
		}
		row.Runs++
		c.settle(t, row, dir, when+", reindexed")
	}
}

// corruptWARCs writes random bytes into a WARC file: check finds the
// damaged record, a repair sets it aside and marks its page, and a
// re-crawl fetches the page again.
func (c *chaos) corruptWARCs(t *testing.T, row *chaosRow) {
	const rounds = 4
	for r := range rounds {
		dir := c.copyArchive(t, c.archive)
		warcs, _ := filepath.Glob(filepath.Join(dir, crawler.CapturesDir, "*.warc.gz"))
		where, _ := c.spoil(t, warcs)
		when := fmt.Sprintf("round %d: %s", r, where)
		row.Faults++
		code, rep := checkReport(t, dir)
		row.Runs++
		if code != cli.ExitFailed || !slices.ContainsFunc(rep.Problems, func(f ingest.Finding) bool { return f.Kind == ingest.FindWARCDamaged }) {
			t.Errorf("%s: check exited %d with %v; want the damaged record", when, code, rep.Problems)
		}
		checkReport(t, dir, "--repair")
		row.Runs++
		if code, _, stderr := runCommand(t, "recrawl", "--data", dir, "--rate", "0", "--log-level", "error"); code != 0 {
			t.Fatalf("%s: recrawl exited %d:\n%s", when, code, stderr)
		}
		row.Runs++
		c.settle(t, row, dir, when+", repaired and re-crawled")
	}
}
