package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kronika/kronika/internal/cli"
)

// untar unpacks a gzipped tar file of testdata into a new directory.
func untar(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return dir
		}
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, filepath.Clean("/"+h.Name))
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(path, 0o755)
		case tar.TypeReg:
			var out *os.File
			if out, err = os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644); err == nil {
				_, err = io.Copy(out, tr)
				out.Close()
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestOutdatedIndexReindexed opens an archive that the previous version
// of Kronika crawled (testdata/archive-mapping3.tar.gz: four articles of
// the benchmark corpus's site, index format 3, its site long gone):
// search, serve and crawl refuse it with exit 1 and name kronika
// reindex, check reports it, and reindex rebuilds it from the captures
// without the network, after which search finds every article.
func TestOutdatedIndexReindexed(t *testing.T) {
	dir := untar(t, "archive-mapping3.tar.gz")
	want := "run kronika reindex --data " + dir
	refused := []struct {
		name string
		args []string
	}{
		{"search", []string{"search", "--data", dir, "--json", "park"}},
		{"serve", []string{"serve", "--data", dir, "--addr", "127.0.0.1:0", "--log-level", "warn"}},
		{"crawl", []string{"crawl", "--data", dir, "--seed", "http://127.0.0.1:1/", "--log-level", "warn"}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCommand(t, tt.args...)
			if code != cli.ExitFailed || !strings.Contains(stderr, want) || !strings.Contains(stderr, "index format 3, this version needs") {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, cli.ExitFailed, want)
			}
		})
	}
	code, out, _ := runCommand(t, "check", "--data", dir)
	if code != cli.ExitFailed || !strings.Contains(out, "earlier version of Kronika") || !strings.Contains(out, "kronika reindex") {
		t.Errorf("check of an outdated index: exit %d\n%s", code, out)
	}

	if code, _, stderr := runCommand(t, "reindex", "--data", dir, "--log-level", "warn"); code != cli.ExitOK {
		t.Fatalf("reindex exited %d: %s", code, stderr)
	}
	code, out, stderr := runCommand(t, "search", "--data", dir, "--json", "")
	var res struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &res); code != cli.ExitOK || err != nil || res.Total != 4 {
		t.Fatalf("search after reindex: exit %d, %v, %d documents; stderr %s", code, err, res.Total, stderr)
	}
	if code, out, _ := runCommand(t, "check", "--data", dir); code != cli.ExitOK || !strings.Contains(out, "result: clean") {
		t.Errorf("check after reindex: exit %d\n%s", code, out)
	}
}
