package index

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/blevesearch/bleve/v2"
)

// FieldSize is where one field's bytes go in an index's segment files.
type FieldSize struct {
	Field string `json:"field"`
	// Terms counts dictionary entries, summed over segments.
	Terms int64 `json:"terms"`
	// Dictionary is the term dictionaries (FSTs).
	Dictionary int64 `json:"dictionary"`
	// Postings is the lists of documents of each term (bitmaps).
	Postings int64 `json:"postings"`
	// Frequencies is the term frequencies and field lengths that scoring
	// reads.
	Frequencies int64 `json:"frequencies"`
	// Positions is the term vectors: the position and offsets of every
	// occurrence, which phrase queries read.
	Positions int64 `json:"positions"`
	// DocValues is the per-document values that facets and sorting read.
	DocValues int64 `json:"doc_values"`
}

// Total is the field's bytes, all structures.
func (f FieldSize) Total() int64 {
	return f.Dictionary + f.Postings + f.Frequencies + f.Positions + f.DocValues
}

// Add adds o's counts and bytes to f's.
func (f *FieldSize) Add(o FieldSize) {
	f.Terms += o.Terms
	f.Dictionary += o.Dictionary
	f.Postings += o.Postings
	f.Frequencies += o.Frequencies
	f.Positions += o.Positions
	f.DocValues += o.DocValues
}

// SizeBreakdown is where the bytes of an index directory go.
type SizeBreakdown struct {
	// Directory is every file under the index directory.
	Directory int64 `json:"directory"`
	// Segments and SegmentBytes are the persisted segments of the
	// articles' engine and their files' bytes; InMemory counts segments
	// not yet written, whose bytes are not counted anywhere.
	Segments     int   `json:"segments"`
	SegmentBytes int64 `json:"segment_bytes"`
	InMemory     int   `json:"in_memory_segments,omitempty"`
	// Stored is the stored fields of every document (compressed) and
	// their offsets.
	Stored int64 `json:"stored"`
	// Fields is every indexed field, largest first.
	Fields []FieldSize `json:"fields"`
	// Other is the segment files' bytes outside the stored fields and
	// the fields' structures: footers and field headers.
	Other int64 `json:"other"`
	// Visits is the visit records' index (Kronika's indexes only), all
	// of it; Rest is the directory's files outside the segments and the
	// visits (the engine's root file, the segment checksums).
	Visits int64 `json:"visits"`
	Rest   int64 `json:"rest"`
}

// MeasureSizes says where the bytes of the Bleve index in dir go: a
// Kronika index or any other scorch index (such as one built with
// Bleve's defaults, for comparison). It opens the index read-only, so
// the index must be closed, and walks the segment files of its current
// snapshot.
func MeasureSizes(dir string) (SizeBreakdown, error) {
	var out SizeBreakdown
	b, err := openEngineReadOnly(dir)
	if err != nil {
		return out, fmt.Errorf("open index %s: %w", dir, err)
	}
	defer b.Close()
	if err := out.addSegments(b); err != nil {
		return out, fmt.Errorf("measure index %s: %w", dir, err)
	}
	if out.Directory, err = DirBytes(dir); err != nil {
		return out, err
	}
	visits := filepath.Join(dir, visitsDir)
	if _, err := os.Stat(visits); err == nil {
		if out.Visits, err = DirBytes(visits); err != nil {
			return out, err
		}
	}
	out.Rest = out.Directory - out.SegmentBytes - out.Visits
	return out, nil
}

// addSegments adds the persisted segments of engine b.
func (s *SizeBreakdown) addSegments(b bleve.Index) error {
	fields := map[string]*FieldSize{}
	var parts int64
	inMemory, err := segmentFileData(b, func(data []byte) error {
		seg, err := zapSizes(data)
		if err != nil {
			return err
		}
		s.Segments++
		s.SegmentBytes += seg.size
		s.Stored += seg.stored
		parts += seg.stored
		for name, sb := range seg.fields {
			f := fields[name]
			if f == nil {
				f = &FieldSize{Field: name}
				fields[name] = f
			}
			f.Add(sb)
			parts += sb.Total()
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.InMemory = inMemory
	for _, f := range fields {
		s.Fields = append(s.Fields, *f)
	}
	slices.SortFunc(s.Fields, func(a, b FieldSize) int {
		return cmp.Or(cmp.Compare(b.Total(), a.Total()), cmp.Compare(a.Field, b.Field))
	})
	s.Other = s.SegmentBytes - parts
	return nil
}

// DirBytes is the size of every regular file under dir: an index's size
// on disk.
func DirBytes(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measure %s: %w", dir, err)
	}
	return n, nil
}
