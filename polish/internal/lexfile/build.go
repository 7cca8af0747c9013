package lexfile

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/vellum"
)

// Builder collects (form, records) entries and encodes them as a
// dictionary file.
type Builder struct {
	tags     []string
	setIndex map[string]int // canonical set encoding → provisional id
	setRecs  [][]Record
	freq     []int
	keys     []string
	ids      []int
}

// NewBuilder returns a Builder for records whose Tag indexes tags.
func NewBuilder(tags []string) *Builder {
	return &Builder{tags: tags, setIndex: make(map[string]int)}
}

// Add adds the analyses of one form. Keys must come in strictly increasing
// byte order; recs must not be empty.
func (b *Builder) Add(key string, recs []Record) error {
	if n := len(b.keys); n > 0 && b.keys[n-1] >= key {
		return fmt.Errorf("key %q out of order", key)
	}
	if len(recs) == 0 {
		return fmt.Errorf("key %q: no records", key)
	}
	var buf bytes.Buffer
	for _, r := range recs {
		if r.Tag < 0 || r.Tag >= len(b.tags) {
			return fmt.Errorf("key %q: tag %d out of range", key, r.Tag)
		}
		fmt.Fprintf(&buf, "%d,%d,%d,%d,%q;", r.PrefixCut, r.SuffixCut, r.Case, r.Tag, r.Append)
	}
	id, ok := b.setIndex[buf.String()]
	if !ok {
		id = len(b.setRecs)
		b.setIndex[buf.String()] = id
		own := make([]Record, len(recs))
		copy(own, recs)
		for i := range own {
			own[i].Append = bytes.Clone(own[i].Append)
		}
		b.setRecs = append(b.setRecs, own)
		b.freq = append(b.freq, 0)
	}
	b.freq[id]++
	b.keys = append(b.keys, key)
	b.ids = append(b.ids, id)
	return nil
}

// Stats describes an encoded dictionary.
type Stats struct {
	Forms, Sets, Records, Tags      int
	FSTBytes, SetBytes, StringBytes int
}

func (s Stats) String() string {
	return fmt.Sprintf("%d forms, %d sets, %d records, %d tags; fst %d B, sets %d B, strings %d B",
		s.Forms, s.Sets, s.Records, s.Tags, s.FSTBytes, s.SetBytes, s.StringBytes)
}

// Bytes encodes the dictionary.
func (b *Builder) Bytes() ([]byte, Stats, error) {
	// Number sets by falling frequency: frequent IDs get short FST outputs.
	order := make([]int, len(b.setRecs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(b.freq[y], b.freq[x]) })
	final := make([]int, len(order))
	for rank, id := range order {
		final[id] = rank
	}

	var strs []byte
	strIndex := map[string]int{}
	var sets []byte
	offsets := make([]byte, 0, 4*(len(order)+1))
	records := 0
	for _, id := range order {
		offsets = binary.LittleEndian.AppendUint32(offsets, uint32(len(sets)))
		recs := b.setRecs[id]
		sets = binary.AppendUvarint(sets, uint64(len(recs)))
		for _, r := range recs {
			so, ok := strIndex[string(r.Append)]
			if !ok {
				so = len(strs)
				strs = append(strs, r.Append...)
				strIndex[string(r.Append)] = so
			}
			sets = binary.AppendUvarint(sets, uint64(r.PrefixCut))
			sets = binary.AppendUvarint(sets, uint64(r.SuffixCut))
			sets = binary.AppendUvarint(sets, uint64(so))
			sets = binary.AppendUvarint(sets, uint64(len(r.Append)))
			sets = append(sets, byte(r.Case))
			sets = binary.AppendUvarint(sets, uint64(r.Tag))
			records++
		}
	}
	offsets = binary.LittleEndian.AppendUint32(offsets, uint32(len(sets)))

	var fst bytes.Buffer
	fb, err := vellum.New(&fst, &vellum.BuilderOpts{Encoder: 1, RegistryTableSize: 1 << 20, RegistryMRUSize: 4})
	if err != nil {
		return nil, Stats{}, fmt.Errorf("new fst builder: %w", err)
	}
	for i, k := range b.keys {
		if err := fb.Insert([]byte(k), uint64(final[b.ids[i]])); err != nil {
			return nil, Stats{}, fmt.Errorf("insert %q: %w", k, err)
		}
	}
	if err := fb.Close(); err != nil {
		return nil, Stats{}, fmt.Errorf("close fst builder: %w", err)
	}

	parts := [sections][]byte{[]byte(strings.Join(b.tags, "\n")), strs, offsets, sets, fst.Bytes()}
	out := slices.Clone(magic)
	for _, p := range parts {
		out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
	}
	for _, p := range parts {
		out = append(out, p...)
	}
	st := Stats{
		Forms: len(b.keys), Sets: len(order), Records: records, Tags: len(b.tags),
		FSTBytes: fst.Len(), SetBytes: len(sets) + len(offsets), StringBytes: len(strs),
	}
	return out, st, nil
}
