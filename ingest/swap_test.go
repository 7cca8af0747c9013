package ingest

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
	"github.com/kronika/kronika/crawler/faultfs"
	"github.com/kronika/kronika/index"
)

// swapArticles is the size of the archive the swap tests rebuild.
const swapArticles = 12

// dataDir stands for the data directory's own name in a rule's path.
const dataDir = "DATA"

// TestRebuildFaults fails each step of a reindex's swap in turn, as a
// crash there would leave it, then opens the index as the next command
// does: index/ must hold a whole index, the old one when the new one was
// not yet marked complete, else the new one, and nothing be left over.
func TestRebuildFaults(t *testing.T) {
	base := crawledDir(t, swapArticles)
	for _, tc := range []struct {
		name string
		rule faultfs.Rule
		want string // "old" or "new": the index in place afterwards
	}{
		{"clearing a leftover old index", faultfs.Rule{Op: faultfs.Remove, Path: "index.old", N: 1, Fault: faultfs.IO}, "old"},
		{"writing the completion marker", faultfs.Rule{Op: faultfs.Write, Path: IndexCompleteFile, N: 1, Fault: faultfs.NoSpace}, "old"},
		{"a short write of the marker", faultfs.Rule{Op: faultfs.Write, Path: IndexCompleteFile, N: 1, Fault: faultfs.ShortSilent}, "old"},
		{"syncing the marker", faultfs.Rule{Op: faultfs.Sync, Path: IndexCompleteFile, N: 1, Fault: faultfs.IO}, "old"},
		{"syncing the new index's directory", faultfs.Rule{Op: faultfs.Sync, Path: "index.new", N: 1, Fault: faultfs.IO}, "old"},
		{"removing the index before the last", faultfs.Rule{Op: faultfs.Remove, Path: "index.old", N: 2, Fault: faultfs.IO}, "new"},
		{"moving the old index aside", faultfs.Rule{Op: faultfs.Rename, Path: "index", N: 1, Fault: faultfs.IO}, "new"},
		{"putting the new index in place", faultfs.Rule{Op: faultfs.Rename, Path: "index.new", N: 1, Fault: faultfs.NoSpace}, "new"},
		{"syncing the data directory", faultfs.Rule{Op: faultfs.Sync, Path: dataDir, N: 1, Fault: faultfs.IO}, "new"},
		{"removing the old index", faultfs.Rule{Op: faultfs.Remove, Path: "index.old", N: 3, Fault: faultfs.IO}, "new"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, base)
			if tc.rule.Path == dataDir {
				tc.rule.Path = filepath.Base(dir)
			}
			ffs := faultfs.New(nil, tc.rule)
			_, err := Rebuild(context.Background(), Dir(dir), ffs, slog.New(slog.DiscardHandler))
			if len(ffs.Fired()) == 0 {
				t.Fatalf("no fault injected; rebuild: %v", err)
			}
			if err == nil && tc.want == "old" {
				t.Errorf("rebuild succeeded though %q failed", ffs.Fired())
			}
			checkIndex(t, dir, tc.want)
		})
	}
}

// TestRecoverIndex opens the index of data directories left as a crash at
// each point of a swap leaves them.
func TestRecoverIndex(t *testing.T) {
	base := crawledDir(t, swapArticles)
	for _, tc := range []struct {
		name   string
		layout map[string]string // directory → "old", "new" (complete) or "partial"
		want   string
	}{
		{"new index built, not yet swapped", map[string]string{"index": "old", "index.new": "new"}, "new"},
		{"between the two renames", map[string]string{"index.old": "old", "index.new": "new"}, "new"},
		{"after the renames", map[string]string{"index": "new", "index.old": "old"}, "new"},
		{"a build cut short", map[string]string{"index": "old", "index.new": "partial"}, "old"},
		{"a build cut short after the old index moved", map[string]string{"index.old": "old", "index.new": "partial"}, "old"},
		{"an index and leftovers of two swaps", map[string]string{"index": "old", "index.old": "old", "index.new": "new"}, "new"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, base)
			orig := filepath.Join(dir, "index.orig")
			if err := os.Rename(filepath.Join(dir, "index"), orig); err != nil {
				t.Fatal(err)
			}
			for name, kind := range tc.layout {
				target := filepath.Join(dir, name)
				copyTree(t, orig, target)
				switch kind {
				case "new":
					if err := os.WriteFile(filepath.Join(target, IndexCompleteFile), []byte("{}\n"), 0o644); err != nil {
						t.Fatal(err)
					}
				case "partial":
					if err := os.Remove(filepath.Join(target, "index_meta.json")); err != nil {
						t.Fatal(err)
					}
				}
			}
			os.RemoveAll(orig)
			checkIndex(t, dir, tc.want)
		})
	}
}

// TestRecoverIndexBusy leaves the directories to a reindex that holds the
// crawl lock: with index/ in place the index opens, without it the error
// says to wait.
func TestRecoverIndexBusy(t *testing.T) {
	dir := copyDir(t, crawledDir(t, swapArticles))
	copyTree(t, filepath.Join(dir, "index"), filepath.Join(dir, "index.new"))
	lock, err := crawler.AcquireLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if err := Dir(dir).RecoverIndex(nil); err != nil {
		t.Errorf("with index/ in place: %v", err)
	}
	if err := os.Rename(filepath.Join(dir, "index"), filepath.Join(dir, "index.old")); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir(dir).OpenExistingIndex(context.Background(), index.Options{}); err == nil || !strings.Contains(err.Error(), "being rebuilt") {
		t.Errorf("without index/ while the lock is held: %v, want it to say the index is being rebuilt", err)
	}
	if !exists(filepath.Join(dir, "index.old")) || !exists(filepath.Join(dir, "index.new")) {
		t.Error("recovery touched the directories of the process holding the lock")
	}
}

// TestIndexCreation checks which openings create an index: none where
// captures are there but the index is lost, none in a directory that does
// not exist, one in a new, empty directory.
func TestIndexCreation(t *testing.T) {
	ctx := context.Background()
	lost := copyDir(t, crawledDir(t, swapArticles))
	if err := os.RemoveAll(filepath.Join(lost, "index")); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "typo")
	empty := t.TempDir()
	for _, tc := range []struct {
		name    string
		open    func(Dir) (*index.Index, error)
		dir     string
		want    error // nil: the index opens
		created bool
	}{
		{"crawl, index lost", func(d Dir) (*index.Index, error) { return d.OpenIndex(ctx, index.Options{}) }, lost, ErrIndexLost, false},
		{"search, index lost", func(d Dir) (*index.Index, error) { return d.OpenExistingIndex(ctx, index.Options{}) }, lost, ErrIndexLost, false},
		{"serve, index lost", serveOpen, lost, ErrIndexLost, false},
		{"search, no directory", func(d Dir) (*index.Index, error) { return d.OpenExistingIndex(ctx, index.Options{}) }, missing, ErrNoArchive, false},
		{"serve, no directory", serveOpen, missing, ErrNoArchive, false},
		{"serve, empty directory", serveOpen, empty, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := tc.open(Dir(tc.dir))
			if ix != nil {
				ix.Close()
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if got := exists(filepath.Join(tc.dir, "index")); got != tc.created {
				t.Errorf("index/ exists: %v, want %v", got, tc.created)
			}
		})
	}
	if exists(missing) {
		t.Errorf("%s was created", missing)
	}
}

func serveOpen(d Dir) (*index.Index, error) {
	ix, _, err := d.OpenIndexToServe(context.Background(), index.Options{})
	return ix, err
}

// checkIndex opens the index of dir as a command would and checks that it
// holds every article, is the old or the new one as want says (the new
// one carries the completion marker), and that nothing is left over.
func checkIndex(t *testing.T, dir, want string) {
	t.Helper()
	ix, err := Dir(dir).OpenExistingIndex(context.Background(), index.Options{})
	if err != nil {
		t.Fatalf("open after the fault: %v", err)
	}
	n, err := ix.Count()
	ix.Close()
	if err != nil || n != swapArticles {
		t.Errorf("index holds %d documents (%v), want %d", n, err, swapArticles)
	}
	got := "old"
	if exists(filepath.Join(dir, "index", IndexCompleteFile)) {
		got = "new"
	}
	if got != want {
		t.Errorf("the %s index is in place, want the %s one", got, want)
	}
	for _, left := range []string{"index.new", "index.old"} {
		if exists(filepath.Join(dir, left)) {
			t.Errorf("%s is left over", left)
		}
	}
}

// crawledDir crawls a generated site into a data directory shared by the
// test's cases, which copy it.
func crawledDir(t *testing.T, articles int) string {
	t.Helper()
	gen := crawltest.NewSite(crawltest.Options{Articles: articles, Seed: 31})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := t.TempDir()
	sites := []crawler.Site{{Name: "kurier", Seeds: []string{srv.URL + "/"}}}
	if _, err := CrawlSites(context.Background(), Dir(dir), slog.New(slog.DiscardHandler), CrawlOptions{AllowPrivate: true}, nil, crawler.Full, sites); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyDir copies a data directory into a new temporary one.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	copyTree(t, src, dst)
	return dst
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
