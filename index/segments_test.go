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
	// watch indexes the batches, then polls the segments every 100 ms
	// for up to 20 s, handing fn the largest segment's document count and
	// the number of segments until fn says stop.
	watch := func(opts Options, fn func(most, n int) (stop bool)) {
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
		for range 200 {
			snap, err := ix.snapshot()
			if err != nil {
				t.Fatal(err)
			}
			most := 0
			for i := range snap.segments() {
				most = max(most, int(snap.liveDocs(i)))
			}
			n := snap.segments()
			snap.Close()
			if fn(most, n) {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	merged := 0
	watch(Options{MaxSegmentDocs: -1}, func(most, _ int) bool {
		merged = most
		return most > capDocs
	})
	if merged <= capDocs {
		t.Fatalf("without a cap the largest segment holds %d documents after 20 s; the test needs merges past %d", merged, capDocs)
	}
	// With the cap: no segment ever over it, until the count of segments
	// has not changed for a second.
	prev, same := -1, 0
	watch(Options{MaxSegmentDocs: capDocs}, func(most, n int) bool {
		if most > capDocs {
			t.Errorf("with MaxSegmentDocs %d a segment holds %d documents", capDocs, most)
			return true
		}
		if n == prev {
			same++
		} else {
			prev, same = n, 0
		}
		return same >= 10
	})
}
