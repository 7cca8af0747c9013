package benchcorpus

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/index"
)

func TestRunIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a corpus with every variant")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := WriteFile(context.Background(), corpus, newCorpus(t, Config{N: 60, Seed: 9, MaxWords: 300}), 2); err != nil {
		t.Fatal(err)
	}
	for _, v := range append(Variants(), VariantTuneLean, VariantTuneNoSource, VariantTuneAll) {
		t.Run(v, func(t *testing.T) {
			res, err := RunIndex(context.Background(), IndexConfig{Variant: v, Corpus: corpus, Dir: filepath.Join(dir, v, "index"), Limit: 50, BatchSize: 20})
			if err != nil {
				t.Fatal(err)
			}
			if res.Docs != 50 {
				t.Errorf("got %d documents, want 50", res.Docs)
			}
			if res.IndexBytes <= 0 || res.RawBytes <= 0 || res.DocsPerSec <= 0 {
				t.Errorf("got index %d bytes, raw %d bytes, %.0f docs/s; want all positive", res.IndexBytes, res.RawBytes, res.DocsPerSec)
			}
		})
	}
	t.Run("baseline queries", func(t *testing.T) {
		kind := QueryKind{Paths: []string{"/api/v1/search?q=miasto", "/api/v1/search?q=Rok"}}
		r, err := BaselineQueries(context.Background(), filepath.Join(dir, VariantBaseline, "index"), kind, 10*time.Second, 5)
		if err != nil {
			t.Fatal(err)
		}
		if r.Requests != 5 || r.Errors != 0 || r.Clients != 1 || !strings.HasPrefix(r.Kind, "bleve baseline") {
			t.Errorf("got %+v; want 5 requests, no errors, one client, the baseline's kind", r)
		}
	})
	t.Run("concurrent indexers", func(t *testing.T) {
		ixDir := filepath.Join(dir, "indexers", "index")
		res, err := RunIndex(context.Background(), IndexConfig{Variant: VariantKronika, Corpus: corpus, Dir: ixDir, Limit: 50, BatchSize: 7, Indexers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Docs != 50 || res.Indexers != 3 {
			t.Errorf("got %d documents by %d indexers, want 50 by 3", res.Docs, res.Indexers)
		}
		if n := countDocs(t, ixDir); n != 50 {
			t.Errorf("index holds %d documents, want 50", n)
		}
	})
	t.Run("shards", func(t *testing.T) {
		single := filepath.Join(dir, "single", "index")
		if _, err := RunIndex(context.Background(), IndexConfig{Variant: VariantKronikaIndex, Corpus: corpus, Dir: single, Limit: 50, BatchSize: 7}); err != nil {
			t.Fatal(err)
		}
		sharded := filepath.Join(dir, "sharded", "index")
		res, err := RunIndex(context.Background(), IndexConfig{Variant: VariantKronikaIndex, Corpus: corpus, Dir: sharded, Limit: 50, BatchSize: 7, Shards: 2})
		if err != nil {
			t.Fatal(err)
		}
		if res.Docs != 50 || res.Shards != 2 {
			t.Errorf("got %d documents in %d shards, want 50 in 2", res.Docs, res.Shards)
		}
		total := uint64(0)
		for k := range 2 {
			n := countDocs(t, ShardDir(sharded, k))
			if n == 0 {
				t.Errorf("shard %d holds no documents", k)
			}
			total += n
		}
		if total != 50 {
			t.Errorf("shards hold %d documents, want 50", total)
		}
		// Both layouts answer every query, and the same number of them.
		out, err := CompareShards(context.Background(), ShardConfig{Single: single, Sharded: sharded,
			Words: []string{"miasto", "gmina", "prezydent"}, Clients: []int{1, 2}, Duration: 10 * time.Second, MaxRequests: 12})
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 4 {
			t.Fatalf("got %d results, want 4 (2 layouts × 2 client counts)", len(out))
		}
		for _, r := range out {
			if r.Requests != 12 || r.Errors != 0 {
				t.Errorf("%s, %d clients: %d requests, %d errors; want 12, 0", r.Kind, r.Clients, r.Requests, r.Errors)
			}
		}
		if out[2].Kind != "2 shards, IndexAlias" {
			t.Errorf("sharded layout named %q", out[2].Kind)
		}
		// The alias finds what the one index finds, with the same facets.
		one, err := bleve.Open(single)
		if err != nil {
			t.Fatal(err)
		}
		defer one.Close()
		alias := bleve.NewIndexAlias()
		for k := range 2 {
			ix, err := bleve.Open(ShardDir(sharded, k))
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			alias.Add(ix)
		}
		for _, w := range []string{"miasto", "rok"} {
			a, err := one.Search(shardRequest(w))
			if err != nil {
				t.Fatal(err)
			}
			b, err := alias.Search(shardRequest(w))
			if err != nil {
				t.Fatal(err)
			}
			if a.Total == 0 {
				t.Errorf("%q: no hits in the one index; the check needs a word of the corpus", w)
			}
			if a.Total != b.Total || a.Facets["site"].Total != b.Facets["site"].Total {
				t.Errorf("%q: one index %d hits (site facet %d), shards %d (%d)", w, a.Total, a.Facets["site"].Total, b.Total, b.Facets["site"].Total)
			}
		}
	})
	for _, v := range []string{"nonsense", "tune-nonsense"} {
		if _, err := RunIndex(context.Background(), IndexConfig{Variant: v, Corpus: corpus, Dir: filepath.Join(dir, v, "index")}); err == nil {
			t.Errorf("unknown variant %s: got no error", v)
		}
	}
}

// countDocs returns the number of documents of the index in dir.
func countDocs(t *testing.T, dir string) uint64 {
	t.Helper()
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQueryMix(t *testing.T) {
	c := newCorpus(t, Config{N: 2500, Seed: 3})
	mix := QueryMix(c, 40, 1)
	want := []string{QueryWord, QueryPhrase, QueryFilters, QueryFacets, QueryEntity, QueryExport}
	if len(mix) != len(want) {
		t.Fatalf("got %d kinds, want %d", len(mix), len(want))
	}
	for i, k := range mix {
		t.Run(want[i], func(t *testing.T) {
			if k.Name != want[i] {
				t.Errorf("got kind %q, want %q", k.Name, want[i])
			}
			if len(k.Paths) == 0 {
				t.Fatal("got no requests")
			}
			if !strings.HasPrefix(k.Paths[0], "/api/v1/") {
				t.Errorf("got path %q, want one under /api/v1/", k.Paths[0])
			}
		})
	}
}

func TestRunLoad(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("fail") != "" {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	tests := []struct {
		name         string
		paths        []string
		wantRequests int
		wantErrors   int
	}{
		{"all good", []string{"/a", "/b"}, 40, 0},
		{"half fail", []string{"/a", "/b?fail=1"}, 20, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := RunLoad(context.Background(), NewLoadClient(4), srv.URL, QueryKind{Name: tt.name, Paths: tt.paths}, 4, 10*time.Second, 40)
			if res.Requests != tt.wantRequests || res.Errors != tt.wantErrors {
				t.Errorf("got %d requests and %d errors, want %d and %d", res.Requests, res.Errors, tt.wantRequests, tt.wantErrors)
			}
			if res.Requests > 0 && (res.P50MS > res.P95MS || res.P95MS > res.P99MS) {
				t.Errorf("percentiles out of order: %.2f %.2f %.2f", res.P50MS, res.P95MS, res.P99MS)
			}
		})
	}
}

// BenchmarkSearch times index.Search on a 1,000-article Kronika index for
// each query kind of the mix that goes through Search. Run it with
// -cpuprofile to see where a query's time goes.
func BenchmarkSearch(b *testing.B) {
	dir := b.TempDir()
	c, err := New(Config{N: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := WriteFile(context.Background(), corpus, c, 0); err != nil {
		b.Fatal(err)
	}
	ixDir := filepath.Join(dir, "index")
	if _, err := RunIndex(context.Background(), IndexConfig{Variant: VariantKronikaIndex, Corpus: corpus, Dir: ixDir}); err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(ixDir, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for _, k := range QueryMix(c, 100, 1) {
		if k.Name == QueryEntity || k.Name == QueryExport {
			continue
		}
		var reqs []index.Request
		for _, p := range k.Paths {
			u, _ := url.Parse(p)
			v := u.Query()
			r := index.Request{Query: v.Get("q"), Sites: v["site"], Categories: v["category"]}
			if f := v.Get("facets"); f != "" {
				r.Facets = strings.Split(f, ",")
			}
			reqs = append(reqs, r)
		}
		b.Run(strings.ReplaceAll(k.Name, " ", "_"), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if _, err := ix.Search(context.Background(), reqs[i%len(reqs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAnalysis times each analyzer of the indexing variants on
// corpus texts, and the extractor, to split a document's indexing cost.
func BenchmarkAnalysis(b *testing.B) {
	c, err := New(Config{N: 200, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	var size int64
	for i := range c.Len() {
		d := c.Document(i)
		texts = append(texts, d.Text)
		size += int64(len(d.Text))
	}
	km, err := index.NewMapping()
	if err != nil {
		b.Fatal(err)
	}
	bm := bleve.NewIndexMapping()
	for _, an := range []struct {
		name string
		m    interface {
			AnalyzerNamed(string) analysis.Analyzer
		}
	}{{"standard", bm}, {"pl", bm}, {"kronika/pl", km}, {"kronika/pl_folded", km}, {"kronika/exact", km}} {
		a := an.m.AnalyzerNamed(strings.TrimPrefix(an.name, "kronika/"))
		if a == nil {
			b.Fatalf("no analyzer %s", an.name)
		}
		b.Run(strings.ReplaceAll(an.name, "/", "_"), func(b *testing.B) {
			b.SetBytes(size / int64(len(texts)))
			for i := 0; b.Loop(); i++ {
				a.Analyze([]byte(texts[i%len(texts)]))
			}
		})
	}
	ex, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(size / int64(len(texts)))
		for i := 0; b.Loop(); i++ {
			ex.Extract(texts[i%len(texts)], nil)
		}
	})
}
