package benchcorpus

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// QueryWordFacet is the query kind the issue measured on Bleve's
// defaults: one word with one facet (site).
const QueryWordFacet = "one word + 1 facet"

// WordFacetKind returns the one-word queries of mix with a site facet,
// for comparing kronika serve with BaselineQueries on the same words.
func WordFacetKind(mix []QueryKind) QueryKind {
	k := QueryKind{Name: QueryWordFacet}
	for _, m := range mix {
		if m.Name != QueryWord {
			continue
		}
		for _, p := range m.Paths {
			k.Paths = append(k.Paths, p+"&facets=site")
		}
	}
	return k
}

// BaselineQueries runs the words of kind (one-word searches) against a
// Bleve index built by the baseline variant, in process and from one
// goroutine, each with a site facet and ten hits, the way the issue's
// baseline figure was taken: a match query on the _all field. It returns
// the latencies as a LoadResult with Clients 1.
func BaselineQueries(ctx context.Context, dir string, kind QueryKind, dur time.Duration, maxRequests int) (LoadResult, error) {
	res := LoadResult{Kind: "bleve baseline: " + QueryWordFacet, Clients: 1, Load: LoadAverage()}
	ix, err := bleve.Open(dir)
	if err != nil {
		return res, fmt.Errorf("open baseline index: %w", err)
	}
	defer ix.Close()
	words := Words(kind)
	if len(words) == 0 {
		return res, nil
	}
	r := searchLoad(ctx, ix, func(i int) *bleve.SearchRequest {
		req := bleve.NewSearchRequest(bleve.NewMatchQuery(strings.ToLower(words[i%len(words)])))
		req.AddFacet("site", bleve.NewFacetRequest("site", 10))
		return req
	}, 1, dur, maxRequests)
	r.Kind = res.Kind
	return r, nil
}
