package index

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// TestPlacesDecoded checks the places the postings cache decodes against
// those read from the index, document by document, the postings decoded
// with them against those decoded alone, and that the places of an
// entity field of several values are left to the index.
func TestPlacesDecoded(t *testing.T) {
	ix := openEmptyIndex(t)
	if err := ix.Put(context.Background(), phraseDocs()...); err != nil {
		t.Fatal(err)
	}
	snap, err := ix.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	tests := []struct {
		field, term string
		cacheable   bool
		absent      bool // no document holds the term
	}{
		{fieldBody, "miasto", true, false},
		{fieldBodyExact, "rada", true, false},
		{fieldTitle, "sesja", true, false},
		{fieldBody, "nieistniejące", true, true},
		{fieldPerson + suffixText, "jan", false, false}, // two names in one document
	}
	for _, tt := range tests {
		t.Run(tt.field+" "+tt.term, func(t *testing.T) {
			found := 0 // documents holding the term
			for s := range snap.segments() {
				pl, err := snap.postings(s, tt.field, []byte(tt.term))
				if err != nil {
					t.Fatal(err)
				}
				f := &flatPostings{key: postingsKey{places: true}}
				err = f.decodePlaces(pl)
				if !tt.cacheable {
					if !errors.Is(err, errUncacheable) {
						t.Errorf("decoded: %v, want it left to the index", err)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				plain := &flatPostings{}
				if err := plain.decode(pl); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(plain.postings, f.postings) {
					t.Errorf("postings %v, decoded alone %v", f.postings, plain.postings)
				}
				index := placeWalk{index: pl.positions()}
				flat := placeWalk{flat: f}
				for doc := range snap.segmentDocs(s) + 1 {
					inIndex, err := index.at(doc)
					if err != nil {
						t.Fatal(err)
					}
					inCache, _ := flat.at(doc)
					if inIndex {
						found++
					}
					if inIndex != inCache || inIndex && !slices.Equal(index.locs, flat.locs) {
						t.Errorf("document %d: index %v %v, cache %v %v", doc, inIndex, index.locs, inCache, flat.locs)
					}
				}
			}
			if tt.cacheable && !tt.absent && found == 0 {
				t.Error("no document holds the term: nothing was compared")
			}
		})
	}
}
