package crawler

import (
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// goldenArticle is the JSON form of an Article in testdata/golden.
type goldenArticle struct {
	IsArticle bool     `json:"is_article"`
	Title     string   `json:"title"`
	Published string   `json:"published"`
	Section   string   `json:"section"`
	Author    string   `json:"author"`
	Canonical string   `json:"canonical"`
	Feeds     []string `json:"feeds"`
	Text      []string `json:"text"`
}

// TestGolden reads the pages of testdata/golden (layouts of Polish news
// sites, written for these tests) and compares the article with the JSON
// next to each page. Run with -update to rewrite the JSON, then review
// every diff.
func TestGolden(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Warsaw")
	for _, gp := range goldenPages(t) {
		t.Run(gp.name, func(t *testing.T) {
			page, _, err := DecodeHTML(gp.raw, "text/html")
			if err != nil {
				t.Fatal(err)
			}
			a, pl, err := parseHTML(page, gp.url, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenArticle{IsArticle: a.IsArticle, Title: a.Title, Section: a.Section, Author: a.Author, Canonical: a.Canonical, Feeds: pl.feeds, Text: strings.Split(a.Text, "\n\n")}
			if a.Published != nil {
				got.Published = a.Published.Format(time.RFC3339)
			}
			gotJSON, _ := json.MarshalIndent(got, "", "  ")
			gotJSON = append(gotJSON, '\n')
			goldenPath := filepath.Join("testdata", "golden", gp.name+".json")
			if *update {
				if err := os.WriteFile(goldenPath, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(want) != string(gotJSON) {
				t.Errorf("article differs from %s:\ngot:\n%s\nwant:\n%s", goldenPath, gotJSON, want)
			}
		})
	}
}

// goldenPage is a page of testdata/golden, its name (the file's without
// .html) and the URL it is read at.
type goldenPage struct {
	name string
	raw  []byte
	url  *url.URL
}

func goldenPages(tb testing.TB) []goldenPage {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*.html"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no golden pages: %v", err)
	}
	var out []goldenPage
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".html")
		u, _ := url.Parse("https://portal.example/" + name)
		out = append(out, goldenPage{name, raw, u})
	}
	return out
}
