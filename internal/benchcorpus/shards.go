package benchcorpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ShardConfig compares searching one Kronika index with searching the
// same documents split over shards (bench index --shards) through a Bleve
// IndexAlias, in process, with the same Bleve search request on both.
type ShardConfig struct {
	Single  string   // directory of the one index
	Sharded string   // directory holding ShardDir(Sharded, k) for each shard
	Words   []string // one-word queries, cycled
	Clients []int
	// Duration and MaxRequests bound each cell.
	Duration    time.Duration
	MaxRequests int
}

// shardFacets are the facets of the "q + 6 facets" query kind, by the
// Kronika index fields that hold them.
var shardFacets = []string{"person", "institution", "place", "site", "category", "pub_month"}

// CompareShards runs, for the one index and then for the shards, one-word
// queries shaped like Kronika's lean first pass (the word on the folded
// analyses of title and body) with ten hits and the six facets of the
// query mix, at each client count.
func CompareShards(ctx context.Context, cfg ShardConfig) ([]LoadResult, error) {
	if len(cfg.Words) == 0 {
		return nil, fmt.Errorf("compare shards: no query words")
	}
	single, err := bleve.Open(cfg.Single)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", cfg.Single, err)
	}
	defer single.Close()
	alias := bleve.NewIndexAlias()
	shards := 0
	for k := 0; ; k++ {
		dir := ShardDir(cfg.Sharded, k)
		if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
			if k == 0 {
				return nil, fmt.Errorf("no shards in %s (want %s)", cfg.Sharded, dir)
			}
			break
		}
		ix, err := bleve.Open(dir)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", dir, err)
		}
		defer ix.Close()
		alias.Add(ix)
		shards++
	}
	layouts := []struct {
		name string
		ix   bleve.Index
	}{{"1 index", single}, {fmt.Sprintf("%d shards, IndexAlias", shards), alias}}
	var out []LoadResult
	for _, l := range layouts {
		// Warm up: the first queries map the segments' pages.
		for i := 0; i < min(200, len(cfg.Words)); i++ {
			if _, err := l.ix.SearchInContext(ctx, shardRequest(cfg.Words[i])); err != nil {
				return nil, fmt.Errorf("%s: %w", l.name, err)
			}
		}
		for _, c := range cfg.Clients {
			r := searchLoad(ctx, l.ix, func(i int) *bleve.SearchRequest {
				return shardRequest(cfg.Words[i%len(cfg.Words)])
			}, c, cfg.Duration, cfg.MaxRequests)
			r.Kind = l.name
			out = append(out, r)
			if err := ctx.Err(); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// shardRequest is the search request of one word.
func shardRequest(word string) *bleve.SearchRequest {
	var alts []query.Query
	for _, f := range []string{"title_folded", "body_folded"} {
		m := bleve.NewMatchQuery(word)
		m.SetField(f)
		alts = append(alts, m)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(alts...), 10, 0, false)
	for _, f := range shardFacets {
		req.AddFacet(f, bleve.NewFacetRequest(f, 10))
	}
	return req
}
