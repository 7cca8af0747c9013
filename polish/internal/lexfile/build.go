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

// Entry is one lemma of a form for the Builder: the recipe and flags of
// Record (whose TagSet is ignored) and the tags, as indexes into the tag
// list, that the form has with that lemma.
type Entry struct {
	Record
	Tags []int
}

// Builder collects (form, entries) pairs and encodes them as a
// dictionary file.
type Builder struct {
	tags     []string
	tagIndex map[string]int // canonical tag list → provisional id
	tagLists [][]int
	tagFreq  []int
	setIndex map[string]int // canonical set encoding → provisional id
	setRecs  [][]Record
	setFreq  []int
	keys     []string
	ids      []int
}

// NewBuilder returns a Builder for entries whose tags index tags.
func NewBuilder(tags []string) *Builder {
	return &Builder{tags: tags, tagIndex: map[string]int{}, setIndex: map[string]int{}}
}

// Add adds the lemmas of one form, best first. Keys must come in strictly
// increasing byte order; entries must not be empty.
func (b *Builder) Add(key string, entries []Entry) error {
	if n := len(b.keys); n > 0 && b.keys[n-1] >= key {
		return fmt.Errorf("key %q out of order", key)
	}
	if len(entries) == 0 {
		return fmt.Errorf("key %q: no entries", key)
	}
	var buf bytes.Buffer
	recs := make([]Record, len(entries))
	for i, e := range entries {
		if e.Case > Literal || e.Flags > 63 || len(e.Tags) == 0 {
			return fmt.Errorf("key %q: bad entry", key)
		}
		ts, err := b.tagSet(e.Tags)
		if err != nil {
			return fmt.Errorf("key %q: %w", key, err)
		}
		recs[i] = e.Record
		recs[i].TagSet = ts
		recs[i].Append = bytes.Clone(e.Append)
		fmt.Fprintf(&buf, "%d,%d,%d,%d,%d,%q;", e.PrefixCut, e.SuffixCut, e.Case, e.Flags, ts, e.Append)
	}
	id, ok := b.setIndex[buf.String()]
	if !ok {
		id = len(b.setRecs)
		b.setIndex[buf.String()] = id
		b.setRecs = append(b.setRecs, recs)
		b.setFreq = append(b.setFreq, 0)
	}
	b.setFreq[id]++
	b.keys = append(b.keys, key)
	b.ids = append(b.ids, id)
	return nil
}

func (b *Builder) tagSet(tags []int) (int, error) {
	ts := slices.Clone(tags)
	slices.Sort(ts)
	ts = slices.Compact(ts)
	var sb strings.Builder
	for _, t := range ts {
		if t < 0 || t >= len(b.tags) {
			return 0, fmt.Errorf("tag %d out of range", t)
		}
		fmt.Fprintf(&sb, "%d,", t)
	}
	id, ok := b.tagIndex[sb.String()]
	if !ok {
		id = len(b.tagLists)
		b.tagIndex[sb.String()] = id
		b.tagLists = append(b.tagLists, ts)
		b.tagFreq = append(b.tagFreq, 0)
	}
	b.tagFreq[id]++
	return id, nil
}

// Stats describes an encoded dictionary.
type Stats struct {
	Forms, Sets, Records, TagSets, Tags       int
	FSTBytes, SetBytes, TagSetBytes, StrBytes int
}

func (s Stats) String() string {
	return fmt.Sprintf("%d forms, %d sets, %d records, %d tag sets, %d tags; fst %d B, sets %d B, tag sets %d B, strings %d B",
		s.Forms, s.Sets, s.Records, s.TagSets, s.Tags, s.FSTBytes, s.SetBytes, s.TagSetBytes, s.StrBytes)
}

// byFrequency returns the provisional ids ordered by falling frequency and
// the final number of each provisional id.
func byFrequency(freq []int) (order, final []int) {
	order = make([]int, len(freq))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(freq[y], freq[x]) })
	final = make([]int, len(order))
	for rank, id := range order {
		final[id] = rank
	}
	return order, final
}

// Bytes encodes the dictionary.
func (b *Builder) Bytes() ([]byte, Stats, error) {
	tagOrder, tagFinal := byFrequency(b.tagFreq)
	var tagSets, tagOffsets []byte
	for _, id := range tagOrder {
		tagOffsets = binary.LittleEndian.AppendUint32(tagOffsets, uint32(len(tagSets)))
		tagSets = binary.AppendUvarint(tagSets, uint64(len(b.tagLists[id])))
		for _, t := range b.tagLists[id] {
			tagSets = binary.AppendUvarint(tagSets, uint64(t))
		}
	}
	tagOffsets = binary.LittleEndian.AppendUint32(tagOffsets, uint32(len(tagSets)))

	order, final := byFrequency(b.setFreq)
	var strs, sets, offsets []byte
	strIndex := map[string]int{}
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
			sets = append(sets, byte(r.Case)|byte(r.Flags)<<2)
			sets = binary.AppendUvarint(sets, uint64(tagFinal[r.TagSet]))
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

	parts := [sections][]byte{[]byte(strings.Join(b.tags, "\n")), strs, tagOffsets, tagSets, offsets, sets, fst.Bytes()}
	out := slices.Clone(magic)
	for _, p := range parts {
		out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
	}
	for _, p := range parts {
		out = append(out, p...)
	}
	st := Stats{
		Forms: len(b.keys), Sets: len(order), Records: records, TagSets: len(tagOrder), Tags: len(b.tags),
		FSTBytes: fst.Len(), SetBytes: len(sets) + len(offsets), TagSetBytes: len(tagSets) + len(tagOffsets),
		StrBytes: len(strs),
	}
	return out, st, nil
}
