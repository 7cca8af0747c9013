package index

import (
	"context"
	"errors"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// TestDocumentNumbers checks the snapshot's numbering against Bleve's on
// an index of several segments with deleted documents: the global number
// of each of Bleve's matches (docNumber) locates the segment and the
// local number whose stored ID is the match's, and the spans of the
// segments cover every number once.
func TestDocumentNumbers(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	for _, batch := range [][3]int{{0, 40, 0}, {40, 90, 0}, {10, 30, 1}, {90, 120, 0}, {50, 60, 2}} {
		if err := ix.Put(ctx, planDocs(batch[0], batch[1], batch[2])...); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := ix.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if snap.segments() < 2 {
		t.Skipf("%d segments; merges outran the test", snap.segments())
	}
	var next uint64
	for i := range snap.segments() {
		start, end := snap.span(i)
		if start != next || (i+1 < snap.segments() && end-start != snap.segmentDocs(i)) {
			t.Fatalf("segment %d spans [%d, %d) of %d documents, after %d", i, start, end, snap.segmentDocs(i), next)
		}
		next = end
	}
	// Bleve's own answer to which document a number is comes from the
	// same snapshot: merges may replace the index's meanwhile.
	s, err := snap.searcher(ctx, bleve.NewMatchAllQuery(), ix.mapping, search.SearcherOptions{Score: "none"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	err = eachMatch(ctx, s, func(dm *search.DocumentMatch) error {
		n++
		id, err := snap.r.ExternalID(dm.IndexInternalID)
		if err != nil {
			return err
		}
		hit, err := load(snap, docNumber(dm))
		if err != nil {
			return err
		}
		if hit.ID != id {
			t.Errorf("document %d is %s, Bleve says %s", docNumber(dm), hit.ID, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 120 {
		t.Errorf("%d documents matched, want 120", n)
	}
}

// failingPostings returns the postings of a term in n documents whose
// reading fails, as a damaged segment file's would.
func failingPostings(n uint64) termPostings { return termPostings{failingList{n: n}} }

type failingList struct {
	segment.PostingsList
	n uint64
}

func (l failingList) Count() uint64 { return l.n }
func (failingList) Iterator(bool, bool, bool, segment.PostingsIterator) segment.PostingsIterator {
	return failingIterator{}
}

type failingIterator struct{ segment.PostingsIterator }

func (failingIterator) Next() (segment.Posting, error) { return nil, errors.New("bad chunk") }
