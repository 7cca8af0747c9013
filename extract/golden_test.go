package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden extraction files in testdata/golden")

// readGoldenInput reads a golden text: an optional first line
// "#published YYYY-MM-DD", then the article text.
func readGoldenInput(t *testing.T, path string) (string, *time.Time) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	var pub *time.Time
	if rest, ok := strings.CutPrefix(text, "#published "); ok {
		line, body, _ := strings.Cut(rest, "\n")
		p, err := time.Parse(time.DateOnly, strings.TrimSpace(line))
		if err != nil {
			t.Fatalf("%s: bad #published line: %v", path, err)
		}
		pub, text = &p, body
	}
	return text, pub
}

// TestGolden runs the extractor over every text in testdata/golden and
// compares the JSON with the saved one; -update rewrites the saved files
// (review every diff before committing).
func TestGolden(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden texts: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			text, pub := readGoldenInput(t, f)
			got, err := json.MarshalIndent(x.Extract(text, pub), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			want := strings.TrimSuffix(f, ".txt") + ".json"
			if *update {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, w) {
				t.Errorf("extraction of %s differs from %s:\n got: %s\nwant: %s", f, want, got, w)
			}
		})
	}
}
