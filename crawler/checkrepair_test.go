package crawler

import (
	"bytes"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// TestFillerMember checks that the record a repair puts in place of
// damaged bytes has exactly their length, around the sizes where a
// stored deflate block and the digits of the length change, and reads
// as a WARC metadata record.
func TestFillerMember(t *testing.T) {
	for _, size := range []int64{260, 300, 999, 1000, 1001, 4096, 65535, 65558, 65559, 65560, 65600, 131100, 131140, 1 << 20} {
		m, ok := fillerMember(size, "kronika check --repair took damaged bytes out of this file.\n")
		if !ok {
			t.Errorf("size %d: no filler", size)
			continue
		}
		if int64(len(m)) != size {
			t.Errorf("size %d: filler of %d bytes", size, len(m))
			continue
		}
		r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(m), 0)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := r.Next()
		if err != nil {
			t.Errorf("size %d: %v", size, err)
			continue
		}
		if rec.WarcRecord.Type() != gowarc.Metadata {
			t.Errorf("size %d: record of type %v", size, rec.WarcRecord.Type())
		}
		rec.WarcRecord.Close()
		r.Close()
	}
	if _, ok := fillerMember(100, "x"); ok {
		t.Error("a filler of 100 bytes, too few for a record")
	}
}
