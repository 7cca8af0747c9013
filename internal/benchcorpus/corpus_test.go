package benchcorpus

import (
	"bytes"
	"context"
	"math"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kronika/kronika/news"
)

func newCorpus(t *testing.T, cfg Config) *Corpus {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func TestDeterminism(t *testing.T) {
	tests := []struct {
		name     string
		a, b     Config
		wantSame bool
	}{
		{"same seed", Config{N: 40, Seed: 7}, Config{N: 40, Seed: 7}, true},
		{"other seed", Config{N: 40, Seed: 7}, Config{N: 40, Seed: 8}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := WriteJSONL(context.Background(), &a, newCorpus(t, tt.a), 1); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSONL(context.Background(), &b, newCorpus(t, tt.b), 3); err != nil {
				t.Fatal(err)
			}
			if got := bytes.Equal(a.Bytes(), b.Bytes()); got != tt.wantSame {
				t.Errorf("same output: got %v, want %v", got, tt.wantSame)
			}
		})
	}
}

func TestDocumentByIndex(t *testing.T) {
	c := newCorpus(t, Config{N: 600, Seed: 3})
	var docs []news.Document
	var buf bytes.Buffer
	if err := WriteJSONL(context.Background(), &buf, c, 2); err != nil {
		t.Fatal(err)
	}
	if err := ReadJSONL(&buf, func(d news.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 600 {
		t.Fatalf("got %d documents, want 600", len(docs))
	}
	for _, i := range []int{0, 255, 256, 599} {
		if got, want := docs[i].Text, c.Document(i).Text; got != want {
			t.Errorf("document %d: got %q, want %q", i, got[:40], want[:40])
		}
	}
}

func words(s string) int { return len(strings.Fields(s)) }

func TestLengths(t *testing.T) {
	c := newCorpus(t, Config{N: 2000, Seed: 1})
	var lens []int
	for i := range c.Len() {
		lens = append(lens, c.Meta(i).Words)
	}
	sort.Ints(lens)
	q := func(p float64) int { return lens[int(p*float64(len(lens)-1))] }
	tests := []struct {
		name     string
		got      int
		min, max int
	}{
		{"minimum", q(0), 150, 150},
		{"median", q(0.5), 250, 450},
		{"p99", q(0.99), 800, 1500},
		{"maximum", q(1), 1000, 1500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got < tt.min || tt.got > tt.max {
				t.Errorf("got %d words, want %d..%d", tt.got, tt.min, tt.max)
			}
		})
	}
	// The written text meets its target length.
	for i := range 50 {
		m, d := c.Meta(i), c.Document(i)
		if n := words(d.Text); n < m.Words || n > m.Words+60 {
			t.Errorf("document %d: got %d words, want %d..%d", i, n, m.Words, m.Words+60)
		}
	}
}

// TestZipf fits the slope of log frequency against log rank over ranks
// 10..1000 of the words of 300 documents: Zipf's law puts it near -1.
func TestZipf(t *testing.T) {
	c := newCorpus(t, Config{N: 300, Seed: 5})
	freq := map[string]int{}
	for i := range c.Len() {
		for _, w := range strings.Fields(c.Document(i).Text) {
			freq[strings.ToLower(strings.Trim(w, ".,–()"))]++
		}
	}
	counts := make([]int, 0, len(freq))
	for _, n := range freq {
		counts = append(counts, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	if len(counts) < 3000 {
		t.Fatalf("got %d distinct words, want at least 3000", len(counts))
	}
	var sx, sy, sxx, sxy, n float64
	for r := 10; r <= 1000; r++ {
		x, y := math.Log(float64(r)), math.Log(float64(counts[r-1]))
		sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
	}
	slope := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	if slope > -0.7 || slope < -1.4 {
		t.Errorf("got rank-frequency slope %.2f, want -1.4..-0.7", slope)
	}
}

func TestValidDocuments(t *testing.T) {
	c := newCorpus(t, Config{N: 300, Seed: 2})
	start, end := c.Config().End.AddDate(-20, 0, 0), c.Config().End
	ids := map[string]bool{}
	sites, people := map[string]int{}, map[string]int{}
	for i := range c.Len() {
		d := c.Document(i)
		switch {
		case d.ID != news.DocumentID(d.URL):
			t.Errorf("document %d: id %q is not the id of %q", i, d.ID, d.URL)
		case ids[d.ID]:
			t.Errorf("document %d: duplicate id %q", i, d.ID)
		case d.Title == "" || d.Site == "" || d.Category == "":
			t.Errorf("document %d: empty title, site or category", i)
		case d.Published == nil || d.Published.Before(start) || !d.Published.Before(end):
			t.Errorf("document %d: published %v outside %v..%v", i, d.Published, start, end)
		case !utf8.ValidString(d.Text) || !norm.NFC.IsNormalString(d.Text):
			t.Errorf("document %d: text is not NFC UTF-8", i)
		case len(d.Captures) != 1:
			t.Errorf("document %d: got %d captures, want 1", i, len(d.Captures))
		}
		ids[d.ID] = true
		sites[d.Site]++
		for _, p := range d.Extraction.People {
			people[p.Name]++
			for _, m := range p.Mentions {
				if !strings.Contains(d.Text, m) {
					t.Errorf("document %d: mention %q of %q not in the text", i, m, p.Name)
				}
			}
		}
		for _, in := range d.Extraction.Institutions {
			for _, m := range in.Mentions {
				if !strings.Contains(d.Text, m) {
					t.Errorf("document %d: mention %q of %q not in the text", i, m, in.Name)
				}
			}
		}
		for _, dm := range d.Extraction.Dates {
			if !strings.Contains(strings.ToLower(d.Text), strings.ToLower(dm.Text)) || dm.Start == nil || dm.End == nil || *dm.End < *dm.Start {
				t.Errorf("document %d: bad date mention %+v", i, dm)
			}
		}
	}
	if len(sites) < 4 {
		t.Errorf("got %d sites, want at least 4", len(sites))
	}
	// Power law: the commonest person is in far more documents than the
	// median one.
	var counts []int
	for _, n := range people {
		counts = append(counts, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	if len(counts) < 100 || counts[0] < 5*counts[len(counts)/2] {
		t.Errorf("people frequencies not long-tailed: %d people, top %d, median %d", len(counts), counts[0], counts[len(counts)/2])
	}
}

func TestNoExtraction(t *testing.T) {
	c := newCorpus(t, Config{N: 5, Seed: 2, NoExtraction: true})
	for i := range c.Len() {
		e := c.Document(i).Extraction
		if len(e.People)+len(e.Places)+len(e.Institutions)+len(e.Dates) != 0 || e.People == nil {
			t.Errorf("document %d: got extraction %+v, want empty lists", i, e)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		in   Config
		want bool
	}{
		{"zero", Config{}, true},
		{"negative n", Config{N: -1}, false},
		{"min over max", Config{N: 1, MinWords: 500, MaxWords: 200}, false},
		{"years", Config{N: 1, Years: -2}, false},
		{"custom end", Config{N: 1, End: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.Validate() == nil; got != tt.want {
				t.Errorf("valid: got %v, want %v", got, tt.want)
			}
		})
	}
}
