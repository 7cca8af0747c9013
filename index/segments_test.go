package index

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// TestMaxSegmentDocs indexes many small batches, which Bleve merges in
// the background, and checks that with MaxSegmentDocs no merge builds a
// segment of more documents than the cap, while without a cap (-1) merges
// do.
func TestMaxSegmentDocs(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 3,000 documents twice")
	}
	const capDocs = 300
	largest := func(opts Options) (int, int) {
		ix, err := Open(t.TempDir()+"/index", opts)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		ctx := context.Background()
		for b := range 60 {
			docs := make([]news.Document, 50)
			for i := range docs {
				n := b*len(docs) + i
				docs[i] = news.Document{URL: fmt.Sprintf("http://kurier.test/%d.html", n), Site: "kurier",
					Title: fmt.Sprintf("Sesja rady nr %d", n), Text: "Radni obradowali w Płocku."}
			}
			if err := ix.Put(ctx, docs...); err != nil {
				t.Fatal(err)
			}
		}
		// Let the merger settle: the segment count stops changing.
		prev, most := -1, 0
		for range 50 {
			snap, err := ix.snapshot()
			if err != nil {
				t.Fatal(err)
			}
			segs := snap.Segments()
			most = 0
			for _, s := range segs {
				most = max(most, int(s.Count()))
			}
			n := len(segs)
			snap.Close()
			if n == prev {
				return most, n
			}
			prev = n
			time.Sleep(200 * time.Millisecond)
		}
		return most, prev
	}
	if most, n := largest(Options{MaxSegmentDocs: -1}); most <= capDocs {
		t.Fatalf("without a cap the largest of %d segments holds %d documents; the test needs merges past %d", n, most, capDocs)
	}
	most, n := largest(Options{MaxSegmentDocs: capDocs})
	t.Logf("with the cap: %d segments, the largest %d documents", n, most)
	if most > capDocs {
		t.Errorf("with MaxSegmentDocs %d the largest of %d segments holds %d documents", capDocs, n, most)
	}
}
