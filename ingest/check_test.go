package ingest

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// checkCase is one kind of damage to an archive and what check says of
// it, before and after its repair.
type checkCase struct {
	name string
	// damage harms the archive in dir.
	damage func(t *testing.T, dir string)
	// found are the kinds of the problems check finds; left those a
	// repair leaves, for reindex (when reindex) and a re-crawl to mend.
	found, left []string
	reindex     bool
	// captures is how many captures the documents cite in the end.
	captures int
}

// TestCheck damages a crawled archive in each way: check finds the
// damage and exits on it, a repair mends what it can, and a reindex (for
// the index's own damage) and a re-crawl leave every article indexed once
// and the check clean.
func TestCheck(t *testing.T) {
	const articles = 30
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 11})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	sites := []crawler.Site{{Name: "kurier", Seeds: []string{srv.URL + "/"}}}
	opts := CrawlOptions{AllowPrivate: true}
	log := slog.New(slog.DiscardHandler)
	ctx := context.Background()
	archive := Dir(t.TempDir())
	if _, err := CrawlSites(ctx, archive, log, opts, nil, crawler.Full, sites); err != nil {
		t.Fatal(err)
	}
	// Two edited articles get a second capture, in a second WARC file.
	gen.Edit(3)
	gen.Edit(9)
	if _, err := CrawlSites(ctx, archive, log, opts, nil, crawler.Incremental, sites); err != nil {
		t.Fatal(err)
	}
	cases := []checkCase{
		{name: "whole archive", captures: articles + 2},
		{name: "bytes inside a document's capture", damage: func(t *testing.T, dir string) {
			c := captureOf(t, dir, 1, 0)
			overwriteAt(t, filepath.Join(dir, c.File), c.Offset+200, "\x00\xff a bad sector \xff\x00")
		}, found: []string{FindWARCDamaged, FindCaptureUnreadable}, left: []string{FindCaptureUnreadable}, captures: articles + 2},
		{name: "an earlier capture damaged", damage: func(t *testing.T, dir string) {
			c := captureOf(t, dir, 2, 0)
			overwriteAt(t, filepath.Join(dir, c.File), c.Offset+100, "\x00\xff a bad sector \xff\x00")
		}, found: []string{FindWARCDamaged, FindEarlierCapture}, captures: articles + 1},
		{name: "the second WARC file lost", damage: func(t *testing.T, dir string) {
			c := captureOf(t, dir, 2, 1)
			if err := os.Remove(filepath.Join(dir, c.File)); err != nil {
				t.Fatal(err)
			}
		}, found: []string{FindCaptureUnreadable, FindStateCapture}, left: []string{FindCaptureUnreadable}, captures: articles},
		{name: "a document lost from the index", damage: func(t *testing.T, dir string) {
			ix := openIndex(t, dir)
			defer ix.Close()
			if err := ix.Delete(context.Background(), news.DocumentID(srv.URL+crawltest.ArticlePath(5))); err != nil {
				t.Fatal(err)
			}
		}, found: []string{FindMissing}, captures: articles + 2},
		{name: "a segment damaged", damage: func(t *testing.T, dir string) {
			segs, err := filepath.Glob(filepath.Join(dir, "index", "store", "*.zap"))
			if err != nil || len(segs) == 0 {
				t.Fatalf("no segment files: %v", err)
			}
			// Every file: under load, a merged-away segment may still be
			// on disk when the index closes, and the check reads only the
			// segments the index uses.
			for _, seg := range segs {
				st, _ := os.Stat(seg)
				overwriteAt(t, seg, st.Size()/2, "\x13\x37 garbage \x13\x37")
			}
		}, found: []string{FindSegmentDamaged}, left: []string{FindSegmentDamaged}, reindex: true, captures: articles + 2},
		{name: "a WARC file left open by a killed writer", damage: func(t *testing.T, dir string) {
			c := captureOf(t, dir, 2, 1)
			path := filepath.Join(dir, c.File)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// A record cut short at the end, as a kill leaves it.
			b = append(b, b[c.Offset:c.Offset+100]...)
			if err := os.WriteFile(path+".open", b, 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(path)
		}, found: []string{FindOpenFile}, captures: articles + 2},
		{name: "a page archived twice by a run cut short", damage: func(t *testing.T, dir string) {
			// The copy a killed run wrote and did not record, fetched
			// again once resumed: the same content in another record,
			// in a later file. Harmless, and a reindex keeps one.
			c := captureOf(t, dir, 1, 0)
			rec, err := crawler.ReadRecord(dir, c)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(c.URL)
			resp := &http.Response{StatusCode: http.StatusOK, Header: rec.Header, Request: &http.Request{URL: u}}
			a, err := crawler.OpenArchive(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Store(resp, rec.Body, c.FetchedAt.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
		}, reindex: true, captures: articles + 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := Dir(t.TempDir())
			if err := os.CopyFS(string(dir), os.DirFS(string(archive))); err != nil {
				t.Fatal(err)
			}
			if tc.damage != nil {
				tc.damage(t, string(dir))
			}
			rep := runCheck(t, dir, CheckOptions{})
			assertKinds(t, "check", rep.Problems, tc.found)
			rep = runCheck(t, dir, CheckOptions{Repair: true})
			assertKinds(t, "check --repair", rep.Problems, tc.left)
			if len(tc.found) > 0 && len(rep.Repaired) == 0 && len(tc.left) < len(tc.found) {
				t.Errorf("the repair says it did nothing")
			}
			if tc.reindex {
				if _, err := Rebuild(ctx, dir, nil, log); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := CrawlSites(ctx, dir, log, opts, nil, crawler.Incremental, sites); err != nil {
				t.Fatal(err)
			}
			rep = runCheck(t, dir, CheckOptions{})
			assertKinds(t, "check after the re-crawl", rep.Problems, nil)
			if rep.Documents != articles || rep.Captures != tc.captures {
				t.Errorf("%d documents citing %d captures after the re-crawl, want %d and %d", rep.Documents, rep.Captures, articles, tc.captures)
			}
			if q := runCheck(t, dir, CheckOptions{Quick: true}); !q.Clean() || q.Documents != articles {
				t.Errorf("quick check after the re-crawl: %d documents, problems %v", q.Documents, q.Problems)
			}
		})
	}
}

// runCheck checks dir.
func runCheck(t *testing.T, dir Dir, opts CheckOptions) *CheckReport {
	t.Helper()
	rep, err := Check(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// assertKinds compares the kinds of the findings with want, in any order
// and each kind once.
func assertKinds(t *testing.T, what string, fs []Finding, want []string) {
	t.Helper()
	var got []string
	for _, f := range fs {
		got = append(got, f.Kind)
	}
	// Kinds, not findings: damage written into every segment file is one
	// finding a segment the index uses.
	got = slices.Compact(slices.Sorted(slices.Values(got)))
	want = slices.Compact(slices.Sorted(slices.Values(want)))
	if !slices.Equal(got, want) {
		t.Errorf("%s found %v, want %v:", what, got, want)
		for _, f := range fs {
			t.Logf("  %s %v", f, f.Examples)
		}
	}
}

func openIndex(t *testing.T, dir string) *index.Index {
	t.Helper()
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// captureOf returns capture i of a document with n captures.
func captureOf(t *testing.T, dir string, n, i int) news.Capture {
	t.Helper()
	ix := openIndex(t, dir)
	defer ix.Close()
	var c *news.Capture
	ix.EachDocument(context.Background(), func(d index.DocumentRef) error {
		if c == nil && len(d.Captures) == n {
			c = &d.Captures[i]
		}
		return nil
	})
	if c == nil {
		t.Fatalf("no document with %d captures", n)
	}
	return *c
}

// overwriteAt writes s over the file at path at offset off.
func overwriteAt(t *testing.T, path string, off int64, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(s), off); err != nil {
		t.Fatal(err)
	}
}
