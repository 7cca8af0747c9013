package index

import (
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestZapSizesMatchBleve checks the walk of the segment files against
// Bleve's own readers: the dictionary entries counted per field are the
// terms Bleve's field dictionaries list (one segment, so none is counted
// twice), positions appear exactly on the fields mapped with term
// vectors, doc values exactly on those mapped with them, and the bytes
// the walk attributes leave only headers unexplained.
func TestZapSizesMatchBleve(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	putBatches(t, ix, 0, 1)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := MeasureSizes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Segments != 1 || got.InMemory != 0 {
		t.Fatalf("segments %d (in memory %d), want 1 on disk", got.Segments, got.InMemory)
	}
	if got.Stored <= 0 || got.Other < 0 || got.Other > got.SegmentBytes/10 {
		t.Errorf("stored %d, other %d of %d segment bytes", got.Stored, got.Other, got.SegmentBytes)
	}
	if got.Directory < got.SegmentBytes+got.Visits || got.Visits <= 0 {
		t.Errorf("directory %d, segments %d, visits %d", got.Directory, got.SegmentBytes, got.Visits)
	}

	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	fields := m.DefaultMapping.Properties
	b, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, f := range got.Fields {
		t.Run(f.Field, func(t *testing.T) {
			dict, err := b.FieldDict(f.Field)
			if err != nil {
				t.Fatal(err)
			}
			var terms int64
			for e, err := dict.Next(); e != nil || err != nil; e, err = dict.Next() {
				if err != nil {
					t.Fatal(err)
				}
				terms++
			}
			dict.Close()
			if terms != f.Terms {
				t.Errorf("%d terms walked, Bleve lists %d", f.Terms, terms)
			}
			if f.Field == "_id" || f.Terms == 0 {
				return // the ID, and fields stored or composed but not indexed
			}
			var vectors, docValues bool
			found := false
			for _, pm := range fields {
				for _, fm := range pm.Fields {
					if fm.Name == f.Field {
						vectors, docValues, found = fm.IncludeTermVectors, fm.DocValues, true
					}
				}
			}
			if !found {
				t.Fatalf("field not in the mapping")
			}
			if (f.Positions > 0) != vectors {
				t.Errorf("positions %d bytes, term vectors mapped: %v", f.Positions, vectors)
			}
			if (f.DocValues > 0) != docValues {
				t.Errorf("doc values %d bytes, mapped: %v", f.DocValues, docValues)
			}
			if f.Dictionary <= 0 {
				t.Errorf("dictionary %d bytes", f.Dictionary)
			}
		})
	}
}
