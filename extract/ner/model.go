package ner

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"math/bits"
	"slices"
)

// model is a trained tagger's weights: for each feature key it knows, a
// row of numLabels int16 weights, and the label bigram weights.
type model struct {
	transitions
	// table is open addressing over the feature keys, with each key's
	// weights beside it: one cache miss per feature looked up, where
	// separate key and weight arrays cost two or three. A key of 0 marks
	// an empty entry (a mixed hash is 0 for one input in 2^64).
	table []entry
	mask  uint64
	rows  int
	scale float64 // the weight of one int16 step, for Span.Score
	gaz   gazetteer
}

type entry struct {
	key uint64
	w   [numLabels]int16
}

// newModel returns a model over keys and their weight rows.
func newModel(tr transitions, keys []uint64, w []int16, scale float64) *model {
	m := &model{transitions: tr, scale: scale}
	m.constrain()
	size := 1 << bits.Len(uint(len(keys)*2)) // load factor at most one half
	m.table = make([]entry, size)
	m.mask = uint64(size - 1)
	for r, k := range keys {
		if k == 0 {
			continue
		}
		i := k & m.mask
		for m.table[i].key != 0 {
			i = (i + 1) & m.mask
		}
		m.table[i].key = k
		copy(m.table[i].w[:], w[r*numLabels:(r+1)*numLabels])
		m.rows++
	}
	return m
}

// row returns the weights of a feature key, or nil for a key the model
// does not know. Keys are mixed hashes, so their low bits index directly.
func (m *model) row(key uint64) *[numLabels]int16 {
	for i := key & m.mask; ; i = (i + 1) & m.mask {
		e := &m.table[i]
		if e.key == key {
			return &e.w
		}
		if e.key == 0 {
			return nil
		}
	}
}

// entries returns the model's entries sorted by key.
func (m *model) entries() []*entry {
	out := make([]*entry, 0, m.rows)
	for i := range m.table {
		if m.table[i].key != 0 {
			out = append(out, &m.table[i])
		}
	}
	slices.SortFunc(out, func(a, b *entry) int { return cmp.Compare(a.key, b.key) })
	return out
}

// score fills the lattice's emission scores for a sentence.
func (m *model) score(l *lattice, s sentence) {
	scores := l.reset(len(s.infos))
	var buf [maxFeatures]uint64
	for i := range s.infos {
		keys := appendKeys(buf[:0], s.infos, i, &s.pos[i])
		s := scores[i*numLabels : (i+1)*numLabels : (i+1)*numLabels]
		for _, k := range keys {
			if w := m.row(k); w != nil {
				for y, v := range w {
					s[y] += int32(v)
				}
			}
		}
	}
}

// The model file: magic, a format version, the feature version, the
// number of labels, the scale, the transitions, the number of rows, the
// keys, the weights, the number of gazetteer entries, their keys and
// their bits, all little-endian, and a CRC-32 of what came before.
const (
	modelMagic   = "KRONIKA-NER\n"
	modelFormat  = 2
	maxModelRows = 1 << 26
)

// WriteTo writes the model in the format Load reads. The same model
// always gives the same bytes.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	m := t.m
	var b bytes.Buffer
	b.WriteString(modelMagic)
	le := binary.LittleEndian
	b.Write(le.AppendUint32(nil, modelFormat))
	b.Write(le.AppendUint16(nil, uint16(len(featureVersion))))
	b.WriteString(featureVersion)
	b.Write(le.AppendUint32(nil, numLabels))
	b.Write(le.AppendUint64(nil, math.Float64bits(m.scale)))
	for _, v := range m.trans {
		b.Write(le.AppendUint32(nil, uint32(v)))
	}
	for _, v := range m.final {
		b.Write(le.AppendUint32(nil, uint32(v)))
	}
	entries := m.entries()
	b.Write(le.AppendUint32(nil, uint32(len(entries))))
	for _, e := range entries {
		b.Write(le.AppendUint64(nil, e.key))
	}
	for _, e := range entries {
		for _, v := range e.w {
			b.Write(le.AppendUint16(nil, uint16(v)))
		}
	}
	gaz := slices.Sorted(maps.Keys(m.gaz))
	b.Write(le.AppendUint32(nil, uint32(len(gaz))))
	for _, k := range gaz {
		b.Write(le.AppendUint64(nil, k))
	}
	for _, k := range gaz {
		b.WriteByte(m.gaz[k])
	}
	b.Write(le.AppendUint32(nil, crc32.ChecksumIEEE(b.Bytes())))
	n, err := w.Write(b.Bytes())
	return int64(n), err
}

// modelReader reads the fields of a model file in order, remembering the
// first error.
type modelReader struct {
	b   []byte
	err error
}

func (r *modelReader) next(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = errors.New("truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *modelReader) u16() uint16 {
	if b := r.next(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *modelReader) u32() uint32 {
	if b := r.next(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *modelReader) u64() uint64 {
	if b := r.next(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// decodeModel parses a model file and checks it whole.
func decodeModel(b []byte) (*model, error) {
	if len(b) < len(modelMagic)+4 || string(b[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("not a ner model")
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, errors.New("checksum mismatch")
	}
	r := &modelReader{b: body[len(modelMagic):]}
	if v := r.u32(); r.err == nil && v != modelFormat {
		return nil, fmt.Errorf("format %d, want %d", v, modelFormat)
	}
	if v := string(r.next(int(r.u16()))); r.err == nil && v != featureVersion {
		return nil, fmt.Errorf("trained with features %q, this build computes %q: retrain with kronika-lab train ner", v, featureVersion)
	}
	if v := r.u32(); r.err == nil && v != numLabels {
		return nil, fmt.Errorf("%d labels, want %d", v, numLabels)
	}
	scale := math.Float64frombits(r.u64())
	var tr transitions
	for i := range tr.trans {
		tr.trans[i] = int32(r.u32())
	}
	for i := range tr.final {
		tr.final[i] = int32(r.u32())
	}
	rows := int(r.u32())
	if r.err == nil && (rows > maxModelRows || rows*(8+2*numLabels) > len(r.b)) {
		return nil, fmt.Errorf("%d rows do not fit %d bytes", rows, len(r.b))
	}
	keys := make([]uint64, rows)
	for i := range keys {
		keys[i] = r.u64()
		if i > 0 && keys[i] <= keys[i-1] {
			return nil, errors.New("keys out of order")
		}
	}
	w := make([]int16, rows*numLabels)
	for i := range w {
		w[i] = int16(r.u16())
	}
	n := int(r.u32())
	if r.err == nil && n*9 != len(r.b) {
		return nil, fmt.Errorf("%d gazetteer entries do not fit %d bytes", n, len(r.b))
	}
	gkeys := make([]uint64, n)
	for i := range gkeys {
		gkeys[i] = r.u64()
	}
	gaz := make(gazetteer, n)
	for _, k := range gkeys {
		if b := r.next(1); b != nil {
			gaz[k] = b[0]
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	m := newModel(tr, keys, w, scale)
	m.gaz = gaz
	return m, nil
}
