// Package lexfile reads and writes the binary lemma dictionary embedded in
// package polish.
//
// The file maps a lowercased word form to the ID of an analysis set
// through a vellum FST. A set lists records, best first, each a recipe
// that turns the form into a lemma (cut bytes off the front and the back,
// append a string, restore the lemma's case), flags about the lemma and
// the ID of the set of tags the form has with that lemma. Recipes are
// relative to the form, so the thousands of words that inflect alike share
// one set; this is what keeps 4.8 million (form, lemma, tag) triples in a
// few megabytes.
//
// Layout, all integers little-endian:
//
//	magic "KRLEX\x00\x02\n"
//	7 × uint32 section lengths, then the sections:
//	  tags        tag strings joined by '\n'
//	  strings     the appended strings, concatenated
//	  tagoffsets  (tagsets+1) × uint32: where each tag set starts
//	  tagsets     per tag set: uvarint count, uvarint tag IDs
//	  setoffsets  (sets+1) × uint32: where each set starts in sets
//	  sets        per set: uvarint count, then per record uvarint prefix
//	              cut, uvarint suffix cut, uvarint string offset, uvarint
//	              string length, byte case | flags<<2, uvarint tag set
//	  fst         vellum FST: lowercased form → set ID
//
// Sets and tag sets are numbered by falling frequency so that common IDs
// take few bytes.
package lexfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/vellum"
)

var magic = []byte("KRLEX\x00\x02\n")

const sections = 7

// Case says how to restore the case of a lemma built from a lowercased
// form.
type Case uint8

// The cases of a lemma.
const (
	Lower   Case = iota // as built: "wizyta"
	Title               // first letter upper: "Płock"
	Upper               // all upper: "NATO"
	Literal             // Append is the whole lemma, case included: "McDonald"
)

// Flags describe a lemma.
type Flags uint8

// The lemma flags.
const (
	FirstName Flags = 1 << iota // a first name in the PESEL register
	Surname                     // a surname in the PESEL register
	Rare                        // no form of the lemma is in the frequency list
)

// Record is one lemma of a form: the lemma is
// form[PrefixCut:len(form)-SuffixCut] + Append, with Case applied.
type Record struct {
	PrefixCut int
	SuffixCut int
	Append    []byte // shares the dictionary's memory: do not modify
	Case      Case
	Flags     Flags
	TagSet    int
}

// File is an opened dictionary. It keeps references to the bytes it was
// opened from and is safe for concurrent use.
type File struct {
	Tags       []string
	strs       []byte
	tagOffsets []byte
	tagSets    []byte
	offsets    []byte
	sets       []byte
	FST        *vellum.FST
	walk       *walker
}

// Open reads the dictionary in b without copying it.
func Open(b []byte) (*File, error) {
	if !bytes.HasPrefix(b, magic) {
		return nil, errors.New("not a lemma dictionary: bad magic")
	}
	b = b[len(magic):]
	if len(b) < 4*sections {
		return nil, errors.New("truncated header")
	}
	var parts [sections][]byte
	off := 4 * sections
	for i := range parts {
		n := int(binary.LittleEndian.Uint32(b[4*i:]))
		if off+n > len(b) {
			return nil, fmt.Errorf("section %d overruns the file", i)
		}
		parts[i] = b[off : off+n]
		off += n
	}
	fst, err := vellum.Load(parts[6])
	if err != nil {
		return nil, fmt.Errorf("load fst: %w", err)
	}
	walk, err := newWalker(parts[6])
	if err != nil {
		return nil, fmt.Errorf("load fst: %w", err)
	}
	for _, i := range []int{2, 4} {
		if len(parts[i])%4 != 0 || len(parts[i]) < 4 {
			return nil, fmt.Errorf("section %d: bad offsets", i)
		}
	}
	return &File{
		Tags:       strings.Split(string(parts[0]), "\n"),
		strs:       parts[1],
		tagOffsets: parts[2],
		tagSets:    parts[3],
		offsets:    parts[4],
		sets:       parts[5],
		FST:        fst,
		walk:       walk,
	}, nil
}

// Lookup returns the analysis set ID of the lowercased form key, and
// whether the dictionary holds key. It answers as FST.Get does, faster,
// and is safe for concurrent use.
func (f *File) Lookup(key string) (uint64, bool) { return f.walk.get(key) }

// NumSets returns the number of analysis sets.
func (f *File) NumSets() int { return len(f.offsets)/4 - 1 }

// NumTagSets returns the number of tag sets.
func (f *File) NumTagSets() int { return len(f.tagOffsets)/4 - 1 }

func span(offsets []byte, id uint64, limit int) (int, int, bool) {
	if id >= uint64(len(offsets)/4-1) {
		return 0, 0, false
	}
	start := binary.LittleEndian.Uint32(offsets[4*id:])
	end := binary.LittleEndian.Uint32(offsets[4*id+4:])
	if start > end || int(end) > limit {
		return 0, 0, false
	}
	return int(start), int(end), true
}

// AppendSet appends the records of set id to dst, best first. An unknown
// id or a corrupt set yields an error.
func (f *File) AppendSet(dst []Record, id uint64) ([]Record, error) {
	start, end, ok := span(f.offsets, id, len(f.sets))
	if !ok {
		return dst, fmt.Errorf("set %d: out of range", id)
	}
	r := reader{b: f.sets[start:end]}
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		var rec Record
		rec.PrefixCut = int(r.uvarint())
		rec.SuffixCut = int(r.uvarint())
		so, sl := r.uvarint(), r.uvarint()
		cf := r.byte()
		rec.Case, rec.Flags = Case(cf&3), Flags(cf>>2)
		rec.TagSet = int(r.uvarint())
		if so+sl > uint64(len(f.strs)) || rec.TagSet >= f.NumTagSets() {
			return dst, fmt.Errorf("set %d: bad record", id)
		}
		rec.Append = f.strs[so : so+sl : so+sl]
		dst = append(dst, rec)
	}
	if r.err != nil {
		return dst, fmt.Errorf("set %d: %w", id, r.err)
	}
	return dst, nil
}

// AppendTags appends the tag IDs (indexes into Tags) of tag set id to dst.
func (f *File) AppendTags(dst []int, id int) ([]int, error) {
	start, end, ok := span(f.tagOffsets, uint64(id), len(f.tagSets))
	if !ok {
		return dst, fmt.Errorf("tag set %d: out of range", id)
	}
	r := reader{b: f.tagSets[start:end]}
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		t := int(r.uvarint())
		if t >= len(f.Tags) {
			return dst, fmt.Errorf("tag set %d: tag %d out of range", id, t)
		}
		dst = append(dst, t)
	}
	if r.err != nil {
		return dst, fmt.Errorf("tag set %d: %w", id, r.err)
	}
	return dst, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated varint")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.err = errors.New("truncated record")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}
