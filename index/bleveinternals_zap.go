package index

// This file belongs with bleveinternals.go: it reads the layout of the
// segment files Bleve writes (zap, version 17, the format Bleve v2.6
// writes by default), to say where their bytes go. It only reads; a file
// of another version is refused, and TestZapSizesMatchBleve checks the
// walk against the terms and doc values Bleve's own readers report. It
// also walks a field's term dictionary through a regular expression
// (termsMatching), which Bleve's public API offers only as a query.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/vellum"
)

// zapVersion is the segment format zapSizes reads.
const zapVersion = 17

// zap's footer: ... writer id, its length (uint32), documents (uint64),
// stored fields index offset (uint64), sections index offset (uint64),
// chunk mode (uint32), version (uint32), CRC (uint32), all big-endian.
const zapFooterSize = 4 + 8 + 8 + 8 + 4 + 4 + 4

// zap's dictionary values: the top two bits say how the postings are
// encoded; a term found once in one document (and without positions) is
// held in the value itself, with no postings in the file.
const (
	zapValueEncodingMask = uint64(0xc000000000000000)
	zapValueOneHit       = uint64(0x8000000000000000)
	zapNoDocValues       = uint64(math.MaxUint64)
	zapInvertedSection   = 0
)

// segmentBytes is where the bytes of one segment file go: the stored
// fields (every document's stored values, compressed, and their offsets)
// and each field's structures; the rest of the file (footer, field
// headers) is its size less those.
type segmentBytes struct {
	size   int64
	stored int64
	fields map[string]FieldSize
}

// zapSizes reads where the bytes of a zap segment file go. data is the
// whole file.
func zapSizes(data []byte) (segmentBytes, error) {
	r := zapReader{data: data}
	n := len(data)
	if n < zapFooterSize {
		return segmentBytes{}, errors.New("segment file shorter than its footer")
	}
	if v := binary.BigEndian.Uint32(data[n-8:]); v != zapVersion {
		return segmentBytes{}, fmt.Errorf("segment format version %d, want %d", v, zapVersion)
	}
	sectionsIndex := binary.BigEndian.Uint64(data[n-20:])
	storedIndex := binary.BigEndian.Uint64(data[n-28:])
	docs := binary.BigEndian.Uint64(data[n-36:])
	out := segmentBytes{size: int64(n), stored: int64(storedIndex + 8*docs), fields: map[string]FieldSize{}}

	pos := sectionsIndex
	numFields := r.uvarint(&pos)
	for f := uint64(0); f < numFields && r.err == nil; f++ {
		addr := r.uint64At(pos + 8*f)
		if addr == 0 {
			continue
		}
		name, inverted := r.fieldSections(addr)
		if inverted == 0 || r.err != nil {
			continue
		}
		sb, err := r.invertedSizes(inverted)
		if err != nil {
			return segmentBytes{}, fmt.Errorf("field %s: %w", name, err)
		}
		out.fields[name] = sb
	}
	if r.err != nil {
		return segmentBytes{}, r.err
	}
	return out, nil
}

// zapReader reads varints and fixed integers of a segment file, keeping
// the first read past its end as err.
type zapReader struct {
	data []byte
	err  error
}

func (r *zapReader) uvarint(pos *uint64) uint64 {
	if r.err != nil || *pos >= uint64(len(r.data)) {
		r.fail()
		return 0
	}
	v, n := binary.Uvarint(r.data[*pos:])
	if n <= 0 {
		r.fail()
		return 0
	}
	*pos += uint64(n)
	return v
}

func (r *zapReader) uint64At(pos uint64) uint64 {
	if r.err != nil || pos+8 > uint64(len(r.data)) {
		r.fail()
		return 0
	}
	return binary.BigEndian.Uint64(r.data[pos:])
}

func (r *zapReader) fail() {
	if r.err == nil {
		r.err = errors.New("segment file ends inside a record")
	}
}

// fieldSections reads a field's record in the sections info: its name,
// options, and the address of each of its index sections; it returns the
// name and the address of the inverted index section (0 if none).
func (r *zapReader) fieldSections(addr uint64) (string, uint64) {
	pos := addr
	nameLen := r.uvarint(&pos)
	if r.err != nil || pos+nameLen > uint64(len(r.data)) {
		r.fail()
		return "", 0
	}
	name := string(r.data[pos : pos+nameLen])
	pos += nameLen
	r.uvarint(&pos) // options
	sections := r.uvarint(&pos)
	var inverted uint64
	for s := uint64(0); s < sections && r.err == nil; s++ {
		if pos+10 > uint64(len(r.data)) {
			r.fail()
			break
		}
		kind := binary.BigEndian.Uint16(r.data[pos:])
		a := binary.BigEndian.Uint64(r.data[pos+2:])
		pos += 10
		if kind == zapInvertedSection {
			inverted = a
		}
	}
	return name, inverted
}

// invertedSizes reads one field's inverted index section at addr: the
// doc values' span, the dictionary, and through every dictionary entry
// the term's postings, which zap writes as frequencies and norms, then
// locations, then the postings record (both offsets and the bitmap).
func (r *zapReader) invertedSizes(addr uint64) (FieldSize, error) {
	var sb FieldSize
	pos := addr
	dvStart, dvEnd := r.uvarint(&pos), r.uvarint(&pos)
	dictAt := r.uvarint(&pos)
	if r.err != nil {
		return sb, r.err
	}
	if dvStart != zapNoDocValues && dvEnd >= dvStart {
		sb.DocValues = int64(dvEnd - dvStart)
	}
	pos = dictAt
	fstLen := r.uvarint(&pos)
	if r.err != nil || pos+fstLen > uint64(len(r.data)) {
		r.fail()
		return sb, r.err
	}
	sb.Dictionary = int64(pos - dictAt + fstLen)
	if fstLen == 0 {
		return sb, nil
	}
	fst, err := vellum.Load(r.data[pos : pos+fstLen])
	if err != nil {
		return sb, fmt.Errorf("read dictionary: %w", err)
	}
	it, err := fst.Iterator(nil, nil)
	for err == nil {
		_, v := it.Current()
		sb.Terms++
		if v&zapValueEncodingMask != zapValueOneHit {
			r.postingsSizes(v, &sb)
		}
		err = it.Next()
	}
	if !errors.Is(err, vellum.ErrIteratorDone) {
		return sb, fmt.Errorf("read dictionary: %w", err)
	}
	return sb, r.err
}

// postingsSizes adds the bytes of the postings whose record starts at
// at. An offset of 0 means "not written" (no frequencies, no locations).
func (r *zapReader) postingsSizes(at uint64, sb *FieldSize) {
	pos := at
	freqAt, locAt := r.uvarint(&pos), r.uvarint(&pos)
	bitmapLen := r.uvarint(&pos)
	if r.err != nil {
		return
	}
	sb.Postings += int64(pos-at) + int64(bitmapLen)
	freqEnd := at
	if locAt != 0 {
		freqEnd = locAt
		sb.Positions += int64(at - locAt)
	}
	if freqAt != 0 {
		sb.Frequencies += int64(freqEnd - freqAt)
	}
}

// segmentFileData calls fn with the bytes of each persisted segment of
// the Bleve index b's current snapshot (a memory map: fn must not keep
// them), and returns how many segments were still in memory only.
func segmentFileData(b bleve.Index, fn func(data []byte) error) (inMemory int, err error) {
	adv, err := b.Advanced()
	if err != nil {
		return 0, err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0, fmt.Errorf("index engine %T is not scorch", adv)
	}
	rd, err := s.Reader()
	if err != nil {
		return 0, err
	}
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok {
		rd.Close()
		return 0, fmt.Errorf("index reader %T is not a scorch snapshot", rd)
	}
	defer snap.Close()
	type mapped interface{ Data() []byte }
	for _, seg := range snap.Segments() {
		m, ok := seg.Segment().(mapped)
		if !ok {
			inMemory++
			continue
		}
		if err := fn(m.Data()); err != nil {
			return inMemory, err
		}
	}
	return inMemory, nil
}

// openEngineReadOnly opens the Bleve index in dir without writing to it
// or taking part in its merges, whatever its mapping: Kronika's or
// anyone's.
func openEngineReadOnly(dir string) (bleve.Index, error) {
	return bleve.OpenUsing(dir, map[string]any{"read_only": true})
}

// termsMatching calls fn with every term of field, across snap's
// segments, that the regular expression (Go syntax, matching the whole
// term) matches, in order, each once.
func termsMatching(snap *snapshot, field, pattern string, fn func(term string)) error {
	dict, err := snap.r.FieldDictRegexp(field, pattern)
	if err != nil {
		return err
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		fn(e.Term)
	}
}
